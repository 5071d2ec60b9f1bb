/**
 * changeConsent on the real engine.
 */
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import {
  accountOf,
  activities,
  admin,
  customerCaller,
  now,
  refusal,
  registerCustomer,
  run,
  snapshot,
  withEngine
} from "../support/engine.ts"

const optIn = { channel: "email", to: "singleOptIn", source: "newsletter-form", textVersion: "v3" } as const

describe("changeConsent", () => {
  it.effect("consent.record-is-proof: the record keeps IP address and user agent; the activity does not", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("changeConsent", customerCaller(customerId), {
        customerId,
        ...optIn,
        ipAddress: "203.0.113.7",
        userAgent: "Mozilla/5.0 (X11; Linux x86_64)"
      })
      const account = yield* accountOf(customerId)
      expect(account.consent.channels.email).toBe("singleOptIn")
      expect(account.consent.records).toHaveLength(1)
      expect(account.consent.records[0]).toMatchObject({
        channel: "email",
        from: "none",
        to: "singleOptIn",
        source: "newsletter-form",
        textVersion: "v3",
        ipAddress: "203.0.113.7",
        userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
        actor: { _tag: "customer", customerId }
      })
      expect(DateTime.toEpochMillis(account.consent.records[0]!.at)).toBe(DateTime.toEpochMillis(now))
      const [changed] = yield* activities(customerId)
      expect(changed?.type).toBe("consent.changed")
      expect(changed?.group).toBe("consent")
      expect(changed?.details).toEqual({ channel: "email", from: "none", to: "singleOptIn", source: "newsletter-form", textVersion: "v3" })
      expect(JSON.stringify(changed)).not.toContain("203.0.113.7")
      expect(JSON.stringify(changed)).not.toContain("Mozilla")
    })))

  it.effect("consent.double-opt-in-needs-confirmation: the confirmation time is stored with the record", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("changeConsent", admin, { customerId, ...optIn })
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changeConsent", admin, { customerId, channel: "email", to: "doubleOptIn", source: "mail-link" })
      expect(error).toMatchObject({ _tag: "ConsentChangeRejected", rule: "consent.double-opt-in-needs-confirmation" })
      expect(yield* snapshot(customerId)).toEqual(before)
      yield* run("changeConsent", admin, {
        customerId,
        channel: "email",
        to: "doubleOptIn",
        source: "mail-link",
        confirmedAt: "2026-11-23T09:59:00.000Z"
      })
      const account = yield* accountOf(customerId)
      expect(account.consent.channels.email).toBe("doubleOptIn")
      expect(DateTime.formatIso(account.consent.records[1]!.confirmedAt!)).toBe("2026-11-23T09:59:00.000Z")
    })))

  it.effect("consent.no-change-to-current: a change to the current state is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("changeConsent", admin, { customerId, ...optIn })
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changeConsent", admin, { customerId, ...optIn })
      expect(error).toMatchObject({ _tag: "ConsentChangeRejected", rule: "consent.no-change-to-current", channel: "email" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("consent.transition-table: none to doubleOptIn is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changeConsent", admin, {
        customerId,
        channel: "phone",
        to: "doubleOptIn",
        source: "call",
        confirmedAt: "2026-11-23T09:00:00.000Z"
      })
      expect(error).toMatchObject({ _tag: "ConsentChangeRejected", rule: "consent.transition-table" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("consent.objection-lifted-only-by-customer: after an objection staff cannot opt in again, the customer can", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("changeConsent", admin, { customerId, channel: "post", to: "objection", source: "letter" })
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changeConsent", admin, { customerId, channel: "post", to: "singleOptIn", source: "call", textVersion: "v3" })
      expect(error).toMatchObject({ _tag: "ConsentChangeRejected", rule: "consent.objection-lifted-only-by-customer" })
      expect(yield* snapshot(customerId)).toEqual(before)
      yield* run("changeConsent", customerCaller(customerId), { customerId, channel: "post", to: "singleOptIn", source: "account", textVersion: "v4" })
      expect((yield* accountOf(customerId)).consent.channels.post).toBe("singleOptIn")
    })))
})
