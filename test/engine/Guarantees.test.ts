import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Result } from "effect"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { CustomerId } from "../../src/domain/Ids.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import { AccountStore } from "../../src/ports/AccountStore.ts"
import { activities, admin, foreignAdmin, registerCustomer, run, snapshot, withEngine } from "../support/engine.ts"

/** A store whose loads yield to other fibers, so concurrent commands really interleave. */
const interleavingStore = Layer.effect(
  AccountStore,
  Effect.gen(function*() {
    const inner = yield* MemoryAccountStore.make
    return AccountStore.of({
      ...inner,
      load: (tenantId, customerId) => Effect.tap(inner.load(tenantId, customerId), () => Effect.yieldNow)
    })
  })
)

const interleavingEngine = (maxAttempts?: number) =>
  CustomerAccounts.layer(maxAttempts === undefined ? {} : { maxAttempts }).pipe(
    Layer.provideMerge(Layer.mergeAll(interleavingStore, MemoryHost.layerForTests))
  )

describe("engine guarantees", () => {
  it.live("command.optimistic-concurrency: 64 concurrent fibers each adding a note end with exactly 64 notes and 64 activities", () =>
    Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const outcomes = yield* Effect.all(
        Array.from({ length: 64 }, (_, i) => run("addNote", admin, { customerId, text: `note ${i}` })),
        { concurrency: "unbounded" }
      )
      expect(outcomes).toHaveLength(64)
      expect(new Set(outcomes.map((o) => o.version)).size).toBe(64)
      const timeline = yield* activities(customerId)
      const notes = timeline.filter((a) => a.type === "note")
      expect(notes).toHaveLength(64)
      expect(new Set(notes.map((a) => (a.details as { text: string }).text)).size).toBe(64)
      const accounts = yield* CustomerAccounts.CustomerAccounts
      expect((yield* accounts.account(admin, customerId)).version).toBe(65)
    }).pipe(Effect.provide(interleavingEngine())))

  it.live("command.optimistic-concurrency: with one attempt only, a lost race is a typed VersionConflict that stored nothing", () =>
    Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const results = yield* Effect.all(
        Array.from({ length: 8 }, (_, i) => Effect.result(run("addNote", admin, { customerId, text: `note ${i}` }))),
        { concurrency: "unbounded" }
      )
      const won = results.filter(Result.isSuccess)
      const lost = results.filter(Result.isFailure)
      expect(won.length).toBeGreaterThanOrEqual(1)
      expect(lost.length).toBeGreaterThanOrEqual(1)
      for (const failure of lost) expect(failure.failure._tag).toBe("VersionConflict")
      const notes = (yield* activities(customerId)).filter((a) => a.type === "note")
      expect(notes).toHaveLength(won.length)
    }).pipe(Effect.provide(interleavingEngine(1))))

  it.effect("command.idempotency: a repeat with the same key returns the first outcome and changes nothing", () =>
    withEngine(
      Effect.gen(function*() {
        const customerId = yield* registerCustomer()
        const first = yield* run("setStatus", admin, { customerId, to: "blocked" }, { idempotencyKey: "req-1" })
        const before = yield* snapshot(customerId)
        const again = yield* run("setStatus", admin, { customerId, to: "blocked" }, { idempotencyKey: "req-1" })
        expect(again).toEqual(first)
        expect(yield* snapshot(customerId)).toEqual(before)
      })
    ))

  it.effect("command.idempotency: the same key with other input is a typed conflict and changes nothing", () =>
    withEngine(
      Effect.gen(function*() {
        const customerId = yield* registerCustomer()
        yield* run("setStatus", admin, { customerId, to: "blocked" }, { idempotencyKey: "req-1" })
        const before = yield* snapshot(customerId)
        const other = yield* Effect.flip(run("setStatus", admin, { customerId, to: "deactivated" }, { idempotencyKey: "req-1" }))
        expect(other._tag).toBe("IdempotencyConflict")
        expect(other.message).toContain("req-1")
        const otherCommand = yield* Effect.flip(run("addNote", admin, { customerId, text: "hi" }, { idempotencyKey: "req-1" }))
        expect(otherCommand._tag).toBe("IdempotencyConflict")
        expect(yield* snapshot(customerId)).toEqual(before)
      })
    ))

  it.effect("command.idempotency: registration with a key registers once", () =>
    withEngine(
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const input = {
          profile: { kind: "private", salutation: "mr", firstName: "Max", lastName: "Muster", email: "max@example.de", language: "de" },
          registrationSource: "api"
        } as const
        const first = yield* accounts.register(admin, input, { idempotencyKey: "reg-1" })
        const again = yield* accounts.register(admin, input, { idempotencyKey: "reg-1" })
        expect(again).toEqual(first)
        const found = yield* accounts.search(admin, { limit: 10 })
        expect(found.items).toHaveLength(1)
      })
    ))

  it.live("command.idempotency: concurrent runs under one key change the account once and all return the same outcome", () =>
    Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const outcomes = yield* Effect.all(
        Array.from({ length: 16 }, () => run("addNote", admin, { customerId, text: "once" }, { idempotencyKey: "once" })),
        { concurrency: "unbounded" }
      )
      for (const outcome of outcomes) expect(outcome).toEqual(outcomes[0])
      const notes = (yield* activities(customerId)).filter((a) => a.type === "note")
      expect(notes).toHaveLength(1)
    }).pipe(Effect.provide(interleavingEngine())))

  it.effect("tenant.isolation: every query of another tenant's customer is not found, and search finds nothing", () =>
    withEngine(
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const customerId = yield* registerCustomer()
        const queries = [
          accounts.account(foreignAdmin, customerId),
          accounts.overview(foreignAdmin, customerId),
          accounts.timeline(foreignAdmin, customerId, { limit: 10 }),
          accounts.histogram(foreignAdmin, customerId, { bucket: "day" }),
          accounts.statusHistory(foreignAdmin, customerId),
          accounts.consentHistory(foreignAdmin, customerId)
        ]
        for (const query of queries) {
          const failure = yield* Effect.flip(query as Effect.Effect<unknown, { readonly _tag: string }>)
          expect(failure._tag).toBe("CustomerNotFound")
        }
        expect((yield* accounts.search(foreignAdmin, { limit: 10 })).items).toEqual([])
        expect((yield* accounts.search(foreignAdmin, { text: "erika@example.de", limit: 10 })).items).toEqual([])
        expect((yield* accounts.search(admin, { text: "erika@example.de", limit: 10 })).items).toHaveLength(1)
      })
    ))

  it.effect("tenant.isolation: the same email registers in two tenants, and a customer id of one is unknown in the other", () =>
    withEngine(
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const here = yield* registerCustomer()
        const there = yield* accounts.register(foreignAdmin, {
          profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" },
          registrationSource: "back-office"
        })
        expect(there.customerId).not.toBe(here)
        const store = yield* AccountStore
        expect(Option.isNone(yield* store.load(foreignAdmin.tenantId, here))).toBe(true)
        expect(Option.isNone(yield* store.load(admin.tenantId, CustomerId.make(there.customerId)))).toBe(true)
      })
    ))

  it.effect("tenant.email-unique: a second live customer with the same email, after trimming and lower-casing, is refused and nothing is stored", () =>
    withEngine(
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        yield* registerCustomer()
        const failure = yield* Effect.flip(
          accounts.register(admin, {
            profile: { kind: "private", salutation: "mr", firstName: "Max", lastName: "Other", email: "  ERIKA@Example.DE ", language: "de" },
            registrationSource: "back-office"
          })
        )
        expect(failure._tag).toBe("EmailTaken")
        expect((yield* accounts.search(admin, { limit: 10 })).items).toHaveLength(1)
      })
    ))

  it.effect("tenant.customer-number: registrations get distinct numbers from the port, in order", () =>
    withEngine(
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const ids = []
        for (let i = 0; i < 5; i++) {
          const outcome = yield* accounts.register(admin, {
            profile: { kind: "private", salutation: "none", firstName: "P", lastName: `N${i}`, email: `p${i}@example.de`, language: "de" },
            registrationSource: "import"
          })
          ids.push(outcome.customerId)
        }
        const numbers = []
        for (const id of ids) numbers.push((yield* accounts.account(admin, id)).customerNumber)
        expect(new Set(numbers).size).toBe(5)
        expect([...numbers].sort()).toEqual(numbers)
      })
    ))

  it.effect("command.atomic: a refused command leaves account, timeline and files exactly as they were", () =>
    withEngine(
      Effect.gen(function*() {
        const customerId = yield* registerCustomer()
        yield* run("setStatus", admin, { customerId, to: "blocked" })
        const before = yield* snapshot(customerId)
        const refused = [
          yield* Effect.flip(run("setStatus", admin, { customerId, to: "blocked" })),
          yield* Effect.flip(run("setStatus", admin, { customerId, to: "nope" })),
          yield* Effect.flip(run("addNote", admin, { customerId, text: "" })),
          yield* Effect.flip(run("addNote", admin, { customerId, text: "x", files: [{ name: "a.pdf", bytes: new Uint8Array([1, 2, 3]) }] }))
        ]
        expect(refused.map((f) => f._tag)).toEqual(["StatusChangeRejected", "ValidationError", "ValidationError", "FileRejected"])
        expect(yield* snapshot(customerId)).toEqual(before)
      })
    ))
})
