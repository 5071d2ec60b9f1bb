/**
 * changePersonalData and replaceAdditionalData on the real engine.
 */
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import {
  accountOf,
  activities,
  admin,
  customerCaller,
  erika,
  now,
  refusal,
  registerCustomer,
  run,
  snapshot,
  withEngine
} from "../support/engine.ts"

describe("changePersonalData", () => {
  it.effect("customer.data-change-diff: the activity lists exactly the changed fields with before and after", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const outcome = yield* run("changePersonalData", admin, {
        customerId,
        change: { firstName: "Erika", lastName: "Musterfrau", phone: "+49 30 1234-567", title: null }
      })
      const account = yield* accountOf(customerId)
      expect(account.profile).toMatchObject({ firstName: "Erika", lastName: "Musterfrau", phone: "+49301234567" })
      expect(account.version).toBe(2)
      const [changed] = yield* activities(customerId)
      expect(changed?.id).toBe(outcome.activityIds[0])
      expect(changed?.type).toBe("customer-data.changed")
      expect(changed?.group).toBe("customer-data")
      expect(DateTime.toEpochMillis(changed!.at)).toBe(DateTime.toEpochMillis(now))
      expect(changed?.actor).toEqual(admin.actor)
      expect(changed?.details).toEqual({
        changes: [
          { field: "lastName", before: "Mustermann", after: "Musterfrau" },
          { field: "phone", after: "+49301234567" }
        ]
      })
      expect(changed?.summary).toBe("Customer data changed: lastName, phone")
    })))

  it.effect("customer.data-change-diff: a change to the values already held is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changePersonalData", admin, {
        customerId,
        change: { lastName: "Mustermann", title: null, email: "erika@example.de" }
      })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "customer.data-change-diff", path: "change" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("customer.kind: a company name for a private customer is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changePersonalData", admin, { customerId, change: { companyName: "Muster GmbH" } })
      expect(error).toMatchObject({ _tag: "PersonalDataChangeRejected", rule: "customer.kind", field: "companyName" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("customer.fields: a birthday after today is refused; today and earlier are accepted", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changePersonalData", admin, { customerId, change: { birthday: "2026-11-24" } })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "customer.fields", path: "change.birthday" })
      expect(yield* snapshot(customerId)).toEqual(before)
      yield* run("changePersonalData", admin, { customerId, change: { birthday: "2026-11-23" } })
      expect((yield* accountOf(customerId)).profile.birthday).toBe("2026-11-23")
    })))

  it.effect("tenant.email-unique: an email another live customer holds is EmailTaken and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      yield* registerCustomer({ ...erika, firstName: "Max", email: "max@example.de" })
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changePersonalData", admin, { customerId, change: { email: " MAX@example.de " } })
      expect(error).toMatchObject({ _tag: "EmailTaken", rule: "tenant.email-unique", path: "change.email" })
      expect(error.message).not.toContain("max@example.de")
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("tenant.email-unique: a customer may change its email to the same address in other letter case", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("changePersonalData", admin, { customerId, change: { email: "Erika@Example.de" } })
      expect((yield* accountOf(customerId)).profile.email).toBe("Erika@Example.de")
    })))

  it.effect("permission.customer-self-service: a customer changes its own data, never another's", () =>
    withEngine(Effect.gen(function*() {
      const other = yield* registerCustomer({ ...erika, email: "other@example.de" })
      const customerId = yield* registerCustomer()
      yield* run("changePersonalData", customerCaller(customerId), { customerId, change: { language: "en-GB" } })
      expect((yield* accountOf(customerId)).profile.language).toBe("en-GB")
      const [changed] = yield* activities(customerId)
      expect(changed?.actor).toEqual({ _tag: "customer", customerId })
      const before = yield* snapshot(other)
      const error = yield* refusal("changePersonalData", customerCaller(customerId), { customerId: other, change: { language: "en" } })
      expect(error).toMatchObject({ _tag: "PermissionDenied", rule: "permission.customer-self-service" })
      expect(yield* snapshot(other)).toEqual(before)
    })))
})

describe("replaceAdditionalData", () => {
  it.effect("additional-data.replaced-whole: the data is replaced and the activity lists added, removed and changed keys", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("replaceAdditionalData", admin, { customerId, data: { a: "1", b: "2" } })
      yield* run("replaceAdditionalData", admin, { customerId, data: { b: "3", c: "4" } })
      expect((yield* accountOf(customerId)).additionalData).toEqual({ b: "3", c: "4" })
      const [changed, first] = yield* activities(customerId)
      expect(first?.details).toEqual({ changes: [{ field: "a", after: "1" }, { field: "b", after: "2" }] })
      expect(changed?.type).toBe("additional-data.changed")
      expect(changed?.details).toEqual({
        changes: [{ field: "a", before: "1" }, { field: "b", before: "2", after: "3" }, { field: "c", after: "4" }]
      })
      expect(changed?.summary).toBe("Additional data replaced: 1 added, 1 removed, 1 changed")
      expect(changed?.summary).not.toMatch(/[a-c]=/)
    })))

  it.effect("additional-data.replaced-whole: identical data is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("replaceAdditionalData", admin, { customerId, data: { a: "1" } })
      const before = yield* snapshot(customerId)
      const error = yield* refusal("replaceAdditionalData", admin, { customerId, data: { a: "1" } })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "additional-data.replaced-whole", path: "data" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("additional-data.limits: 51 keys are a ValidationError and store nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const data = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]))
      const error = yield* refusal("replaceAdditionalData", admin, { customerId, data })
      expect(error._tag).toBe("ValidationError")
      expect(error.message).toContain("at most 50 keys")
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("permission.customer-self-service: a customer cannot replace its additional data", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("replaceAdditionalData", customerCaller(customerId), { customerId, data: { a: "1" } })
      expect(error).toMatchObject({ _tag: "PermissionDenied", permission: "manage-additional-data" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})
