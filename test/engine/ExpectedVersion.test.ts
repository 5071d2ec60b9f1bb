/**
 * CommandOptions.expectedVersion (an HTTP If-Match): a command decides on the version its caller
 * saw or not at all (rule command.expected-version).
 */
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Fiber, Layer, Option } from "effect"
import { TestClock } from "effect/testing"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { Account } from "../../src/domain/Account.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import { AccountStore } from "../../src/ports/AccountStore.ts"
import { accountOf, admin, erika, now, type RegisterProfile, registerCustomer, snapshot, withEngine } from "../support/engine.ts"

const block = (customerId: string) => ({ customerId, to: "blocked", reason: "chargeback" }) as const

describe("expected version", () => {
  it.effect("command.expected-version: a command naming the loaded version runs and raises it by one", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const outcome = yield* accounts.setStatus(admin, block(customerId), { expectedVersion: 1 })
      expect(outcome.version).toBe(2)
      expect((yield* accountOf(customerId)).lifecycle.status).toBe("blocked")
    })))

  it.effect("command.expected-version: a stale expected version is a VersionConflict naming both versions, and nothing is written", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      yield* accounts.setStatus(admin, block(customerId))
      const before = yield* snapshot(customerId)
      const error = yield* Effect.flip(accounts.setStatus(admin, { customerId, to: "active" }, { expectedVersion: 1 }))
      expect(error).toMatchObject({ _tag: "VersionConflict", customerId, expectedVersion: 1, actualVersion: 2 })
      expect(error.message).toContain("command.expected-version")
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("command.expected-version: a repeat under the same idempotency key returns the first outcome although the version moved on", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const options = { idempotencyKey: "block-1", expectedVersion: 1 }
      const first = yield* accounts.setStatus(admin, block(customerId), options)
      const again = yield* accounts.setStatus(admin, block(customerId), options)
      expect(again).toEqual(first)
    })))

  it.effect("command.expected-version: a register expecting a version other than 0 is refused; 0 registers", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const profile = erika as RegisterProfile
      const error = yield* Effect.flip(accounts.register(admin, { profile, registrationSource: "back-office" }, { expectedVersion: 3 }))
      expect(error).toMatchObject({ _tag: "VersionConflict", expectedVersion: 3, actualVersion: 0 })
      const outcome = yield* accounts.register(admin, { profile, registrationSource: "back-office" }, { expectedVersion: 0 })
      expect(outcome.version).toBe(1)
    })))

  it.effect("command.expected-version: an expected version that is not a non-negative integer is a ValidationError naming ExpectedVersion", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      for (const bad of [-1, 1.5, "1", Number.NaN]) {
        const error = yield* Effect.flip(accounts.setStatus(admin, block(customerId), { expectedVersion: bad as number }))
        expect(error).toMatchObject({ _tag: "ValidationError", subject: "ExpectedVersion" })
      }
      expect((yield* accountOf(customerId)).version).toBe(1)
    })))

  it.effect("command.expected-version: a write that loses a race is not retried when the caller named a version (without one it is)", () => {
    // The store lets a competing writer raise the version between the command's load and its save.
    let raceNextSave = false
    const racingStore = Layer.effect(
      AccountStore,
      Effect.gen(function*() {
        const inner = yield* AccountStore
        return AccountStore.of({
          ...inner,
          save: (tenantId, write) =>
            Effect.gen(function*() {
              if (raceNextSave) {
                raceNextSave = false
                const stored = Option.getOrThrow(yield* inner.load(tenantId, write.account.customerId))
                yield* inner.save(tenantId, {
                  account: new Account({ ...stored, version: stored.version + 1 }, { disableChecks: true }),
                  expectedVersion: stored.version,
                  append: []
                })
              }
              return yield* inner.save(tenantId, write)
            })
        })
      })
    ).pipe(Layer.provide(MemoryAccountStore.layer))
    const layer = CustomerAccounts.layer().pipe(Layer.provideMerge(Layer.mergeAll(racingStore, MemoryHost.layerForTests)))
    return Effect.gen(function*() {
      yield* TestClock.setTime(DateTime.toEpochMillis(now))
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      raceNextSave = true
      const error = yield* Effect.flip(accounts.setStatus(admin, block(customerId), { expectedVersion: 1 }))
      expect(error).toMatchObject({ _tag: "VersionConflict", expectedVersion: 1 })
      expect((yield* accountOf(customerId)).lifecycle.status).toBe("active")
      raceNextSave = true
      // The retry backs off on the clock: run it in a fiber and move the test clock on.
      const fiber = yield* Effect.forkChild(accounts.setStatus(admin, block(customerId)))
      yield* TestClock.adjust("1 second")
      const retried = yield* Fiber.join(fiber)
      expect(retried.version).toBe(4)
    }).pipe(Effect.provide(layer))
  })
})
