import { DateTime, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Actor from "../../src/domain/Actor.ts"
import * as C from "../../src/domain/Consent.ts"
import { handle } from "../../src/domain/Decider.ts"
import { CustomerId } from "../../src/domain/Ids.ts"
import { actor, at, instant, supporter } from "../support/arbitraries.ts"
import { runs } from "../support/properties.ts"

// SPEC section 4's table, written out independently of the code under test ("customer" = only by
// the customer with fresh consent).
type Cell = "yes" | "no" | "customer"
const specTable: Record<C.ConsentStatus, Record<C.ConsentStatus, Cell>> = {
  none: { none: "no", singleOptIn: "yes", doubleOptIn: "no", revoked: "no", objection: "yes" },
  singleOptIn: { none: "no", singleOptIn: "no", doubleOptIn: "yes", revoked: "yes", objection: "yes" },
  doubleOptIn: { none: "no", singleOptIn: "no", doubleOptIn: "no", revoked: "yes", objection: "yes" },
  revoked: { none: "no", singleOptIn: "yes", doubleOptIn: "no", revoked: "no", objection: "yes" },
  objection: { none: "no", singleOptIn: "customer", doubleOptIn: "no", revoked: "no", objection: "no" }
}

const theCustomer = Actor.customer(CustomerId.make("c-1"))
const confirmedAt = DateTime.makeUnsafe("2026-11-23T10:05:00.000Z")

const stateWith = (channel: C.ConsentChannel, status: C.ConsentStatus) =>
  new C.ConsentState({ channels: { ...C.initialConsent.channels, [channel]: status }, records: [] })

/** A complete command: text version and confirmation present, so only the table decides. */
const fullCommand = (channel: C.ConsentChannel, to: C.ConsentStatus, who: Actor.Actor): C.ChangeConsent => ({
  _tag: "ChangeConsent",
  channel,
  to,
  at,
  actor: who,
  source: "test",
  textVersion: "v1",
  confirmedAt
})

describe("Consent machine", () => {
  for (const channel of C.channels) {
    describe(`consent.transition-table: every state x every target on ${channel}`, () => {
      for (const from of C.consentStatuses) {
        for (const to of C.consentStatuses) {
          for (const [who, label] of [[supporter, "supporter"], [theCustomer, "customer"]] as const) {
            const cell = specTable[from][to]
            const allowed = cell === "yes" || (cell === "customer" && label === "customer")
            it(`consent.transition-table: ${channel} ${from} -> ${to} by ${label} is ${allowed ? "accepted" : "rejected"}`, () => {
              const result = C.decide(fullCommand(channel, to, who), stateWith(channel, from))
              expect(Result.isSuccess(result)).toBe(allowed)
              if (Result.isFailure(result)) {
                const rule = from === to
                  ? "consent.no-change-to-current"
                  : to === "none"
                  ? "consent.never-back-to-none"
                  : cell === "customer"
                  ? "consent.objection-lifted-only-by-customer"
                  : "consent.transition-table"
                expect(result.failure).toMatchObject({ _tag: "ConsentChangeRejected", rule, channel, from, to })
              } else {
                expect(result.success).toHaveLength(1)
                expect(result.success[0]!.record).toMatchObject({ channel, from, to, at, source: "test", textVersion: "v1" })
              }
            })
          }
        }
      }
    })
  }

  it("consent.transition-table: the exported table equals the specification's", () => {
    for (const from of C.consentStatuses) {
      for (const to of C.consentStatuses) expect(C.canChangeConsent(from, to)).toBe(specTable[from][to] !== "no")
    }
  })

  it("consent.never-back-to-none: no state reaches none", () => {
    for (const from of C.consentStatuses) {
      const result = C.decide(fullCommand("email", "none", theCustomer), stateWith("email", from))
      expect(Result.isFailure(result)).toBe(true)
    }
  })

  it("consent.no-change-to-current: a change to the current state is rejected", () => {
    const result = C.decide(fullCommand("phone", "revoked", supporter), stateWith("phone", "revoked"))
    expect(Result.isFailure(result) && result.failure.rule).toBe("consent.no-change-to-current")
  })

  it("consent.double-opt-in-needs-confirmation: singleOptIn -> doubleOptIn needs the confirmation time", () => {
    const { confirmedAt: _, ...withoutConfirmation } = fullCommand("email", "doubleOptIn", theCustomer)
    const refused = C.decide(withoutConfirmation, stateWith("email", "singleOptIn"))
    expect(Result.isFailure(refused) && refused.failure.rule).toBe("consent.double-opt-in-needs-confirmation")
    const accepted = C.decide(fullCommand("email", "doubleOptIn", theCustomer), stateWith("email", "singleOptIn"))
    expect(Result.isSuccess(accepted) && accepted.success[0]!.record.confirmedAt).toEqual(confirmedAt)
  })

  it("consent.objection-lifted-only-by-customer: staff, API, system and on-behalf actors cannot; the customer needs fresh consent", () => {
    const state = stateWith("post", "objection")
    for (const who of [supporter, Actor.onBehalfOf(supporter, theCustomer)]) {
      const result = C.decide(fullCommand("post", "singleOptIn", who), state)
      expect(Result.isFailure(result) && result.failure.rule).toBe("consent.objection-lifted-only-by-customer")
    }
    const { textVersion: _, ...noFreshConsent } = fullCommand("post", "singleOptIn", theCustomer)
    const stale = C.decide(noFreshConsent, state)
    expect(Result.isFailure(stale) && stale.failure.rule).toBe("consent.objection-lifted-only-by-customer")
    expect(Result.isSuccess(C.decide(fullCommand("post", "singleOptIn", theCustomer), state))).toBe(true)
  })

  it("consent.record-is-proof: an opt-in needs the text version; the record keeps IP, user agent and confirmation", () => {
    const { textVersion: _, ...noText } = fullCommand("email", "singleOptIn", theCustomer)
    const refused = C.decide(noText, C.initialConsent)
    expect(Result.isFailure(refused) && refused.failure.rule).toBe("consent.record-is-proof")
    const command: C.ChangeConsent = {
      ...fullCommand("email", "singleOptIn", theCustomer),
      ipAddress: "203.0.113.7",
      userAgent: "Mozilla/5.0"
    }
    const result = handle(C.decider, C.initialConsent, command)
    expect(Result.isSuccess(result)).toBe(true)
    if (Result.isSuccess(result)) {
      expect(result.success.state.records).toHaveLength(1)
      expect(result.success.state.records[0]).toMatchObject({
        channel: "email",
        from: "none",
        to: "singleOptIn",
        at,
        actor: theCustomer,
        source: "test",
        textVersion: "v1",
        ipAddress: "203.0.113.7",
        userAgent: "Mozilla/5.0"
      })
    }
  })

  describe("consent.can-market: every channel x every state", () => {
    const expected: Record<C.ConsentChannel, ReadonlyArray<C.ConsentStatus>> = {
      email: ["doubleOptIn"],
      phone: ["singleOptIn", "doubleOptIn"],
      messenger: ["singleOptIn", "doubleOptIn"],
      post: ["none", "singleOptIn", "doubleOptIn"]
    }
    for (const channel of C.channels) {
      for (const status of C.consentStatuses) {
        const allowed = expected[channel].includes(status)
        it(`consent.can-market: ${channel} in ${status} is ${allowed ? "allowed" : "refused"}`, () => {
          expect(C.canMarketIn(channel, status)).toBe(allowed)
          expect(C.canMarket(stateWith(channel, status), channel)).toBe(allowed)
        })
      }
    }
  })
})

describe("Consent properties over random command sequences", () => {
  const command: fc.Arbitrary<C.ChangeConsent> = fc
    .record({
      channel: fc.constantFrom(...C.channels),
      to: fc.constantFrom(...C.consentStatuses),
      at: instant,
      actor: fc.oneof(actor, fc.constant(theCustomer)),
      withText: fc.boolean(),
      withConfirmation: fc.boolean()
    })
    .map(({ withConfirmation, withText, ...c }) => ({
      _tag: "ChangeConsent" as const,
      ...c,
      source: "property",
      ...(withText ? { textVersion: "v2" } : {}),
      ...(withConfirmation ? { confirmedAt: c.at } : {})
    }))

  it("consent.never-back-to-none / consent.record-is-proof: invariants hold after every step", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 50 }), (commands) => {
        let state = C.initialConsent
        const left = new Set<C.ConsentChannel>()
        const accepted: Array<C.ChangeConsent> = []
        for (const c of commands) {
          const before = state
          const result = handle(C.decider, state, c)
          if (Result.isSuccess(result)) {
            state = result.success.state
            accepted.push(c)
            left.add(c.channel)
          } else {
            expect(state).toBe(before)
          }
          for (const channel of C.channels) {
            // consent never returns to none once a channel has left it
            if (left.has(channel)) expect(state.channels[channel]).not.toBe("none")
            // the channel's state is the last record's target
            expect(state.channels[channel]).toBe(C.recordsOf(state, channel).at(-1)?.to ?? "none")
          }
          // the records are exactly the accepted commands, in order
          expect(state.records.map((r) => [r.channel, r.to, r.at])).toEqual(accepted.map((a) => [a.channel, a.to, a.at]))
          // every double opt-in record carries its confirmation
          for (const r of state.records) if (r.to === "doubleOptIn") expect(r.confirmedAt).toBeDefined()
        }
      }),
      { numRuns: runs(300) }
    )
  })
})
