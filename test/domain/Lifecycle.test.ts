import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Actor from "../../src/domain/Actor.ts"
import { handle } from "../../src/domain/Decider.ts"
import { CustomerId } from "../../src/domain/Ids.ts"
import * as L from "../../src/domain/Lifecycle.ts"
import { actor, at, instant, supporter } from "../support/arbitraries.ts"
import { runs } from "../support/properties.ts"

// The specification's table, written out independently of the code under test.
const specTable: Record<L.CustomerStatus, Record<L.CustomerStatus, boolean>> = {
  active: { active: false, blocked: true, deactivated: true, anonymized: true },
  blocked: { active: true, blocked: false, deactivated: true, anonymized: true },
  deactivated: { active: true, blocked: true, deactivated: false, anonymized: true },
  anonymized: { active: false, blocked: false, deactivated: false, anonymized: false }
}

const stateWith = (status: L.CustomerStatus, productAccess: L.ProductAccess = "granted") =>
  new L.LifecycleState({ status, productAccess, history: [] })

const customerActor = Actor.customer(CustomerId.make("c-1"))

describe("Lifecycle status machine", () => {
  describe("status.transition-table: every state x every target, by a supporter", () => {
    for (const from of L.statuses) {
      for (const to of L.statuses) {
        const allowed = specTable[from][to]
        it(`status.transition-table: ${from} -> ${to} is ${allowed ? "accepted" : "rejected"}`, () => {
          const result = L.decide({ _tag: "ChangeStatus", to, at, actor: supporter }, stateWith(from))
          expect(Result.isSuccess(result)).toBe(allowed)
          if (Result.isSuccess(result)) {
            expect(result.success).toEqual([{ _tag: "StatusChanged", from, to, at, actor: supporter }])
          } else {
            const expectedRule = from === "anonymized"
              ? "status.anonymized-terminal"
              : from === to
              ? "status.no-change-to-current"
              : "status.transition-table"
            expect(result.failure).toMatchObject({ _tag: "StatusChangeRejected", rule: expectedRule, from, to })
          }
        })
      }
    }
  })

  it("status.transition-table: the exported table equals the specification's", () => {
    for (const from of L.statuses) for (const to of L.statuses) expect(L.canTransition(from, to)).toBe(specTable[from][to])
  })

  it("status.no-change-to-current: a change to the current status is rejected and records nothing", () => {
    for (const status of ["active", "blocked", "deactivated"] as const) {
      const state = stateWith(status)
      const result = handle(L.decider, state, { _tag: "ChangeStatus", to: status, at, actor: supporter })
      expect(Result.isFailure(result) && result.failure._tag === "StatusChangeRejected" && result.failure.rule)
        .toBe("status.no-change-to-current")
    }
  })

  it("status.anonymized-terminal: no command of any actor leaves anonymized", () => {
    fc.assert(
      fc.property(actor, fc.constantFrom(...L.statuses), (who, to) => {
        const state = stateWith("anonymized")
        const commands: Array<L.LifecycleCommand> = [
          { _tag: "ChangeStatus", to, at, actor: who },
          { _tag: "BlockProductAccess", at, actor: who },
          { _tag: "UnblockProductAccess", at, actor: who }
        ]
        for (const command of commands) {
          const result = L.decide(command, state)
          expect(Result.isFailure(result) && result.failure.rule).toBe("status.anonymized-terminal")
        }
      }),
      { numRuns: runs(100) }
    )
  })

  describe("status.customer-only-unblocks-by-reset: every state x every target, by the customer", () => {
    for (const from of L.statuses) {
      for (const to of L.statuses) {
        for (const trigger of [undefined, "password-reset"] as const) {
          const allowed = from === "blocked" && to === "active" && trigger === "password-reset"
          it(`status.customer-only-unblocks-by-reset: ${from} -> ${to} ${trigger ?? "(no trigger)"} is ${allowed ? "accepted" : "rejected"}`, () => {
            const command: L.ChangeStatus = trigger === undefined
              ? { _tag: "ChangeStatus", to, at, actor: customerActor }
              : { _tag: "ChangeStatus", to, at, actor: customerActor, trigger }
            const result = L.decide(command, stateWith(from))
            expect(Result.isSuccess(result)).toBe(allowed)
            if (Result.isFailure(result) && specTable[from][to]) {
              expect(result.failure.rule).toBe("status.customer-only-unblocks-by-reset")
            }
          })
        }
      }
    }
  })

  it("status.customer-only-unblocks-by-reset: staff may use any allowed transition with or without the trigger", () => {
    const result = L.decide({ _tag: "ChangeStatus", to: "active", at, actor: supporter, trigger: "password-reset" }, stateWith("deactivated"))
    expect(Result.isSuccess(result)).toBe(true)
  })

  it("status.history-row: an accepted change appends from, to, at, actor and reason; Details exists iff history is non-empty", () => {
    const state = L.initialLifecycle
    expect(L.hasStatusDetails(state)).toBe(false)
    const result = handle(L.decider, state, { _tag: "ChangeStatus", to: "blocked", at, actor: supporter, reason: "fraud suspicion" })
    expect(Result.isSuccess(result)).toBe(true)
    if (Result.isSuccess(result)) {
      const after = result.success.state
      expect(after.status).toBe("blocked")
      expect(after.history).toHaveLength(1)
      expect(after.history[0]).toMatchObject({ from: "active", to: "blocked", at, actor: supporter, reason: "fraud suspicion" })
      expect(L.hasStatusDetails(after)).toBe(true)
    }
  })

  describe("status.product-access-separate: every status x every access x both commands", () => {
    for (const status of L.statuses) {
      for (const access of ["granted", "withdrawn"] as const) {
        for (const tag of ["BlockProductAccess", "UnblockProductAccess"] as const) {
          const allowed = status !== "anonymized" &&
            ((tag === "BlockProductAccess" && access === "granted") || (tag === "UnblockProductAccess" && access === "withdrawn"))
          it(`status.product-access-separate: ${tag} when ${status}/${access} is ${allowed ? "accepted" : "rejected"}`, () => {
            const state = stateWith(status, access)
            const result = handle(L.decider, state, { _tag: tag, at, actor: supporter })
            expect(Result.isSuccess(result)).toBe(allowed)
            if (Result.isSuccess(result)) {
              expect(result.success.state.productAccess).toBe(tag === "BlockProductAccess" ? "withdrawn" : "granted")
              // access changes never touch the status or its history
              expect(result.success.state.status).toBe(status)
              expect(result.success.state.history).toEqual([])
            } else {
              expect(result.failure.rule).toBe(status === "anonymized" ? "status.anonymized-terminal" : "status.product-access-separate")
            }
          })
        }
      }
    }
  })

  describe("status.derived-permissions: one function each, every state", () => {
    const expected: Record<L.CustomerStatus, [logIn: boolean, buy: boolean, mail: boolean, editable: boolean]> = {
      active: [true, true, true, true],
      blocked: [false, false, true, true],
      deactivated: [false, false, true, true],
      anonymized: [false, false, false, false]
    }
    for (const status of L.statuses) {
      it(`status.derived-permissions: ${status}`, () => {
        expect([L.canLogIn(status), L.canBuy(status), L.canReceiveMail(status), L.isEditable(status)]).toEqual(expected[status])
        for (const access of ["granted", "withdrawn"] as const) {
          expect(L.hasProductAccess(stateWith(status, access))).toBe(access === "granted" && status === "active")
        }
      })
    }
  })
})

describe("Lifecycle properties over random command sequences", () => {
  const command: fc.Arbitrary<L.LifecycleCommand> = fc.oneof(
    fc.record({
      _tag: fc.constant("ChangeStatus" as const),
      to: fc.constantFrom(...L.statuses),
      at: instant,
      actor
    }),
    fc.record({
      _tag: fc.constant("ChangeStatus" as const),
      to: fc.constant("active" as const),
      at: instant,
      actor,
      trigger: fc.constant("password-reset" as const)
    }),
    fc.record({ _tag: fc.constantFrom("BlockProductAccess" as const, "UnblockProductAccess" as const), at: instant, actor })
  )

  it("status.history-row / status.anonymized-terminal / status.derived-permissions: invariants hold after every step", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        let state = L.initialLifecycle
        const accepted: Array<{ from: string; to: string }> = []
        let wasAnonymized = false
        for (const c of commands) {
          const before = state
          const result = handle(L.decider, state, c)
          if (Result.isSuccess(result)) {
            state = result.success.state
            for (const e of result.success.events) if (e._tag === "StatusChanged") accepted.push({ from: e.from, to: e.to })
          } else {
            // a rejected command leaves the state equal to before
            expect(state).toBe(before)
          }
          // anonymized is terminal
          if (wasAnonymized) expect(state.status).toBe("anonymized")
          wasAnonymized = state.status === "anonymized"
          // the history holds exactly the accepted changes, in order, and chains
          expect(state.history.map((r) => ({ from: r.from, to: r.to }))).toEqual(accepted)
          state.history.forEach((row, i) => {
            expect(row.from).not.toBe(row.to)
            if (i > 0) expect(row.from).toBe(state.history[i - 1]!.to)
          })
          expect(state.history.at(-1)?.to ?? "active").toBe(state.status)
          // can log in iff active
          expect(L.canLogIn(state.status)).toBe(state.status === "active")
        }
      }),
      { numRuns: runs(300) }
    )
  })

  it("status.transition-table: replaying the events of a run rebuilds the same state", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let state = L.initialLifecycle
        const events: Array<L.LifecycleEvent> = []
        for (const c of commands) {
          const result = handle(L.decider, state, c)
          if (Result.isSuccess(result)) {
            state = result.success.state
            events.push(...result.success.events)
          }
        }
        const rebuilt = events.reduce(L.evolve, L.initialLifecycle)
        expect(rebuilt).toEqual(state)
      }),
      { numRuns: runs(100) }
    )
  })
})
