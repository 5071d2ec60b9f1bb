/**
 * addAddress, changeAddress, removeAddress and setPreferredAddress on the real engine.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { CustomerId } from "../../src/domain/Ids.ts"
import {
  accountOf,
  activities,
  admin,
  customerCaller,
  refusal,
  registerCustomer,
  run,
  snapshot,
  withEngine
} from "../support/engine.ts"
import { address } from "./fixtures.ts"

const add = (customerId: CustomerId, kind: "billing" | "delivery", extra: Record<string, unknown> = {}) =>
  run("addAddress", admin, { customerId, kind, address, ...extra }).pipe(Effect.map((o) => o.created ?? ""))

const preferredOf = (customerId: CustomerId) =>
  Effect.map(accountOf(customerId), (a) => a.addresses.filter((x) => x.preferred).map((x) => x.id))

describe("addAddress", () => {
  it.effect("address.one-preferred-per-kind: the first address of a kind is preferred; the activity lists its fields", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const outcome = yield* run("addAddress", admin, { customerId, kind: "delivery", address: { ...address, country: "de" } })
      expect(outcome.created).toBe("address-1")
      const account = yield* accountOf(customerId)
      expect(account.addresses).toHaveLength(1)
      expect(account.addresses[0]).toMatchObject({ id: "address-1", kind: "delivery", preferred: true, country: "DE" })
      const [added] = yield* activities(customerId)
      expect(added?.type).toBe("delivery-address.added")
      expect(added?.group).toBe("addresses")
      expect(added?.details).toEqual({
        addressId: "address-1",
        changes: [
          { field: "firstName", after: "Erika" },
          { field: "lastName", after: "Mustermann" },
          { field: "street", after: "Heidestraße" },
          { field: "houseNumber", after: "17" },
          { field: "postalCode", after: "51147" },
          { field: "city", after: "Köln" },
          { field: "country", after: "DE" },
          { field: "preferred", after: "true" }
        ]
      })
      expect(added?.summary).not.toContain("Heidestraße")
    })))

  it.effect("address.one-preferred-per-kind: a preferred billing address takes the mark; both addresses get an activity", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const first = yield* add(customerId, "billing")
      yield* add(customerId, "delivery")
      const outcome = yield* run("addAddress", admin, { customerId, kind: "billing", address, preferred: true })
      expect(yield* preferredOf(customerId)).toEqual(["address-2", outcome.created])
      const account = yield* accountOf(customerId)
      expect(account.addresses.find((a) => a.id === first)?.preferred).toBe(false)
      expect(account.addresses.find((a) => a.id === outcome.created)?.preferred).toBe(true)
      expect(account.addresses.find((a) => a.kind === "delivery")?.preferred).toBe(true)
      expect(outcome.activityIds).toHaveLength(2)
      const recent = (yield* activities(customerId)).filter((a) => outcome.activityIds.includes(a.id))
      const byType = Object.fromEntries(recent.map((a) => [a.type, a.details]))
      expect(byType["billing-address.added"]).toMatchObject({ addressId: outcome.created })
      expect(byType["billing-address.changed"]).toEqual({
        addressId: first,
        changes: [{ field: "preferred", before: "true", after: "false" }]
      })
    })))

  it.effect("address.postal-code-per-country: a postal code that does not fit the country is a ValidationError at its path", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("addAddress", admin, { customerId, kind: "billing", address: { ...address, country: "AT" } })
      expect(error._tag).toBe("ValidationError")
      expect((error["issues"] as ReadonlyArray<{ path: string }>).map((i) => i.path)).toEqual(["address.postalCode"])
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("permission.customer-self-service: a customer adds its own address", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("addAddress", customerCaller(customerId), { customerId, kind: "billing", address })
      expect((yield* accountOf(customerId)).addresses).toHaveLength(1)
    })))
})

describe("changeAddress", () => {
  it.effect("address.fields: the new content replaces the old; kind and preference stay; the activity lists the changed fields", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const addressId = yield* add(customerId, "billing")
      yield* run("changeAddress", admin, {
        customerId,
        addressId,
        address: { ...address, street: "  Neue Straße ", addition: "c/o Muster" }
      })
      const [changed] = (yield* accountOf(customerId)).addresses
      expect(changed).toMatchObject({ id: addressId, kind: "billing", preferred: true, street: "Neue Straße", addition: "c/o Muster" })
      const [activity] = yield* activities(customerId)
      expect(activity?.type).toBe("billing-address.changed")
      expect(activity?.details).toEqual({
        addressId,
        changes: [
          { field: "street", before: "Heidestraße", after: "Neue Straße" },
          { field: "addition", after: "c/o Muster" }
        ]
      })
      expect(activity?.summary).toBe(`Billing address ${addressId} changed: street, addition`)
    })))

  it.effect("address.known-id: changing an unknown address is AddressNotFound and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* add(customerId, "billing")
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changeAddress", admin, { customerId, addressId: "address-9", address })
      expect(error).toMatchObject({ _tag: "AddressNotFound", rule: "address.known-id", addressId: "address-9" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("command.no-op-refused: changing an address to its own content is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const addressId = yield* add(customerId, "billing")
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changeAddress", admin, { customerId, addressId, address: { ...address, city: " Köln " } })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "command.no-op-refused", command: "change-address" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})

describe("removeAddress", () => {
  it.effect("address.one-preferred-per-kind: removing the preferred address promotes the oldest remaining one", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const first = yield* add(customerId, "billing")
      const second = yield* add(customerId, "billing")
      const third = yield* add(customerId, "billing")
      yield* run("setPreferredAddress", admin, { customerId, addressId: third })
      const outcome = yield* run("removeAddress", admin, { customerId, addressId: third })
      expect((yield* accountOf(customerId)).addresses.map((a) => [a.id, a.preferred])).toEqual([[first, true], [second, false]])
      const recent = (yield* activities(customerId)).filter((a) => outcome.activityIds.includes(a.id))
      const byType = Object.fromEntries(recent.map((a) => [a.type, a.details]))
      expect(byType["billing-address.removed"]).toMatchObject({ addressId: third })
      expect((byType["billing-address.removed"] as { changes: Array<{ after?: unknown }> }).changes.every((c) => c.after === undefined)).toBe(true)
      expect(byType["billing-address.changed"]).toEqual({ addressId: first, changes: [{ field: "preferred", before: "false", after: "true" }] })
    })))

  it.effect("address.known-id: removing an unknown address is AddressNotFound and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("removeAddress", admin, { customerId, addressId: "address-1" })
      expect(error).toMatchObject({ _tag: "AddressNotFound", rule: "address.known-id" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})

describe("setPreferredAddress", () => {
  it.effect("address.one-preferred-per-kind: preferring an address moves the mark within its kind only", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const first = yield* add(customerId, "billing")
      const second = yield* add(customerId, "billing")
      const delivery = yield* add(customerId, "delivery")
      const outcome = yield* run("setPreferredAddress", admin, { customerId, addressId: second })
      expect(yield* preferredOf(customerId)).toEqual([second, delivery])
      expect(outcome.activityIds).toHaveLength(2)
      const recent = (yield* activities(customerId)).filter((a) => outcome.activityIds.includes(a.id))
      expect(recent.every((a) => a.type === "billing-address.changed")).toBe(true)
      expect(recent.map((a) => a.details).toSorted((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
        { addressId: first, changes: [{ field: "preferred", before: "true", after: "false" }] },
        { addressId: second, changes: [{ field: "preferred", before: "false", after: "true" }] }
      ])
    })))

  it.effect("command.no-op-refused: preferring the preferred address is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const addressId = yield* add(customerId, "billing")
      const before = yield* snapshot(customerId)
      const error = yield* refusal("setPreferredAddress", admin, { customerId, addressId })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "command.no-op-refused" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("address.known-id: preferring an unknown address is AddressNotFound and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* add(customerId, "billing")
      const before = yield* snapshot(customerId)
      const error = yield* refusal("setPreferredAddress", admin, { customerId, addressId: "nope" })
      expect(error).toMatchObject({ _tag: "AddressNotFound", rule: "address.known-id" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})
