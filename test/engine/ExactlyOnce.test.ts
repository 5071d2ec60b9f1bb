/**
 * The model-based property of SPEC section 12: random command sequences run twice, once over
 * ports that fail at random (before or after their work: `StorageError`, interruption, defect;
 * the fault kit of `customer-account/testing`) and once without faults. In the faulty run every
 * command is retried under its idempotency key until it succeeds or is refused, then the intents
 * are drained. Both runs must end alike: the command results, the account, the activity log and
 * every host effect (orders, goodwill grants, mails, redeemed passwords and second factors,
 * erasures, stored file bytes): each effect exactly once.
 *
 * Runs: 1,000 sequences by default; set `EXACTLY_ONCE_RUNS` for a deeper run.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, DateTime, Effect, Exit, Layer, Option, Redacted } from "effect"
import * as fc from "fast-check"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import { MemoryCredentialsControl } from "../../src/adapters/memory/MemoryCredentials.ts"
import { MemoryGoodwillControl } from "../../src/adapters/memory/MemoryGoodwill.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { MemoryHostComplianceControl } from "../../src/adapters/memory/MemoryHostCompliance.ts"
import { MemoryOrdersControl } from "../../src/adapters/memory/MemoryOrders.ts"
import { MemoryOutboxControl } from "../../src/adapters/memory/MemoryOutbox.ts"
import type { CustomerId } from "../../src/domain/Ids.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import * as Intents from "../../src/engine/Intents.ts"
import { AccountStore } from "../../src/ports/AccountStore.ts"
import { Credentials } from "../../src/ports/Credentials.ts"
import { FileStore } from "../../src/ports/FileStore.ts"
import { Goodwill } from "../../src/ports/Goodwill.ts"
import { HostCompliance } from "../../src/ports/HostCompliance.ts"
import { Orders } from "../../src/ports/Orders.ts"
import { Outbox } from "../../src/ports/Outbox.ts"
import * as FaultKit from "../../src/testing/FaultKit.ts"
import { pdf } from "../fixtures/files.ts"
import { admin, customerCaller, erika, tenant } from "../support/engine.ts"

const runs = Number(process.env["EXACTLY_ONCE_RUNS"] ?? 1000)

type Op =
  | { readonly op: "checkout"; readonly quantity: number }
  | { readonly op: "goodwill"; readonly issues: number }
  | { readonly op: "reset" }
  | { readonly op: "complete"; readonly wrong: boolean }
  | { readonly op: "disable-two-factor" }
  | { readonly op: "note"; readonly file: boolean }
  | { readonly op: "status"; readonly to: "blocked" | "active" }
  | { readonly op: "anonymize" }
  | { readonly op: "delete" }

const step: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("checkout" as const), quantity: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant("goodwill" as const), issues: fc.integer({ min: 1, max: 3 }) }),
  fc.constant({ op: "reset" as const }),
  fc.record({ op: fc.constant("complete" as const), wrong: fc.boolean() }),
  fc.constant({ op: "disable-two-factor" as const }),
  fc.record({ op: fc.constant("note" as const), file: fc.boolean() }),
  fc.record({ op: fc.constant("status" as const), to: fc.constantFrom("blocked" as const, "active" as const) })
)

const sequence = fc.tuple(
  fc.array(step, { minLength: 1, maxLength: 4 }),
  fc.constantFrom<ReadonlyArray<Op>>([], [], [{ op: "anonymize" }], [{ op: "delete" }])
).map(([ops, end]) => [...ops, ...end])

const faultyPorts = [
  ["Outbox", Outbox],
  ["Credentials", Credentials],
  ["Orders", Orders],
  ["Goodwill", Goodwill],
  ["HostCompliance", HostCompliance],
  ["FileStore", FileStore]
] as const

const engineOver = (plan: FaultKit.FaultPlan, faults: FaultKit.FaultSwitch) =>
  Layer.mergeAll(CustomerAccounts.layer(), Intents.layer).pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        FaultKit.faulty(MemoryAccountStore.layer, [["AccountStore", AccountStore]], plan, faults),
        FaultKit.faulty(MemoryHost.layerForTests, faultyPorts, plan, faults)
      )
    )
  )

/** Whether a failure may have been caused by a fault (then the command is repeated). */
const retryable = (cause: Cause.Cause<unknown>): boolean => {
  if (Cause.hasDies(cause) || Cause.hasInterrupts(cause)) return true
  const failure = Cause.findErrorOption(cause)
  return Option.isSome(failure) && (failure.value as { readonly _tag?: unknown })._tag === "StorageError"
}

const outcomeOf = (exit: Exit.Exit<unknown, unknown>): string =>
  Exit.isSuccess(exit)
    ? "ok"
    : String((Option.getOrUndefined(Cause.findErrorOption(exit.cause)) as { readonly _tag?: unknown } | undefined)?._tag)

/** Runs the sequence, repeating every command under its key while it fails for a fault; then drains. */
const runSequence = (ops: ReadonlyArray<Op>, faults: FaultKit.FaultSwitch) =>
  Effect.gen(function*() {
    faults.enabled = false
    const accounts = yield* CustomerAccounts.CustomerAccounts
    const intents = yield* Intents.Intents
    const registered = yield* accounts.register(admin, { profile: erika, registrationSource: "back-office" }, { idempotencyKey: "reg" })
    const customerId = registered.customerId as CustomerId
    yield* (yield* MemoryGoodwillControl).addSubscription(tenant, customerId, { subscriptionId: "s-1", active: true, issueBased: true })
    yield* (yield* MemoryCredentialsControl).enableTwoFactor(tenant, customerId)
    const armed = faults.injected >= 0 && faultsWanted.get(faults) === true

    const latestPassword = Effect.map((yield* MemoryOutboxControl).sent(tenant), (mails) =>
      mails.filter((m) => m.customerId === customerId && m.secret !== undefined).at(-1)?.secret)

    const commandOf = (op: Op, key: string): Effect.Effect<unknown, unknown> => {
      const options = { idempotencyKey: key }
      switch (op.op) {
        case "checkout":
          return accounts.checkout(admin, { customerId, lines: [{ productId: "magazine", quantity: op.quantity }] }, options)
        case "goodwill":
          return accounts.grantGoodwill(admin, { customerId, grant: { kind: "free-issues", subscriptionId: "s-1", issues: op.issues } }, options)
        case "reset":
          return accounts.resetPassword(admin, { customerId }, options)
        case "complete":
          return Effect.flatMap(latestPassword, (secret) =>
            accounts.completePasswordReset(customerCaller(customerId), {
              customerId,
              oneTimePassword: op.wrong || secret === undefined ? Redacted.make("not-the-password") : secret
            }, options))
        case "disable-two-factor":
          return accounts.disableTwoFactor(admin, { customerId }, options)
        case "note":
          return accounts.addNote(admin, { customerId, text: "Call back", ...(op.file ? { files: [{ name: "offer.pdf", bytes: pdf() }] } : {}) }, options)
        case "status":
          return accounts.setStatus(admin, { customerId, to: op.to }, options)
        case "anonymize":
          return accounts.anonymize(admin, { customerId }, options)
        case "delete":
          return accounts.deleteCustomer(admin, { customerId })
      }
    }

    const results: Array<string> = []
    for (const [i, op] of ops.entries()) {
      faults.enabled = armed
      let exit: Exit.Exit<unknown, unknown> = Exit.void
      for (let attempt = 0; attempt < 60; attempt++) {
        // A fair run: after many faults in a row, the ports recover.
        if (attempt === 40) faults.enabled = false
        exit = yield* Effect.exit(commandOf(op, `cmd-${i}`))
        if (Exit.isSuccess(exit) || !retryable(exit.cause)) break
      }
      faults.enabled = false
      results.push(outcomeOf(exit))
    }

    // Drain what is left (faults on), retrying dead letters, until nothing is unfinished.
    const dueBy = DateTime.makeUnsafe(DateTime.toEpochMillis(yield* DateTime.now) + 86_400_000)
    for (let round = 0; round < 200; round++) {
      faults.enabled = armed && round < 100
      yield* Effect.exit(intents.drain(tenant, { dueBy }))
      faults.enabled = false
      const open = yield* intents.list(tenant, { limit: 200, stage: "after-write", status: ["pending", "dead"] })
      if (open.length === 0) break
      for (const dead of open.filter((i) => i.status === "dead")) yield* Effect.exit(intents.retry(tenant, dead.id))
    }

    faults.enabled = false
    const account = yield* Effect.option(accounts.account(admin, customerId))
    const timeline = Option.isSome(account) ? (yield* accounts.timeline(admin, customerId, { limit: 200 })).items : []
    const holds = yield* (yield* MemoryCredentialsControl).holds(tenant, customerId)
    return {
      results,
      account: Option.map(account, (a) => ({ version: a.version, status: a.lifecycle.status, files: a.files.length })),
      activities: timeline.map((a) => a.type).reverse(),
      orders: (yield* (yield* MemoryOrdersControl).placed(tenant)).map((o) => o.lines.map((l) => l.quantity)),
      grants: (yield* (yield* MemoryGoodwillControl).grants(tenant)).map((g) => g.grant),
      mails: (yield* (yield* MemoryOutboxControl).sent(tenant)).map((m) => m.template),
      credentials: holds,
      erasures: (yield* (yield* MemoryHostComplianceControl).erasures(tenant)).map((e) => e.reason),
      storedFiles: (yield* (yield* FileStore).list(tenant, customerId)).length,
      unfinished: (yield* intents.list(tenant, { limit: 200, stage: "after-write", status: ["pending", "dead"] })).length
    }
  })

const faultsWanted = new WeakMap<FaultKit.FaultSwitch, boolean>()

const observe = (ops: ReadonlyArray<Op>, seed: number | undefined) => {
  const faults = FaultKit.makeSwitch()
  faultsWanted.set(faults, seed !== undefined)
  const plan = seed === undefined ? () => undefined : FaultKit.random({ seed, probability: 0.15 })
  return runSequence(ops, faults).pipe(
    Effect.provide(engineOver(plan, faults)),
    Effect.map((observed) => ({ observed, injected: faults.injected }))
  )
}

describe("exactly once under faults", () => {
  it("effects.at-least-once: random commands over failing ports, repeated under their keys and drained, end exactly like a run without faults", async () => {
    let injected = 0
    await fc.assert(
      fc.asyncProperty(sequence, fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (ops, seed) => {
        const clean = await Effect.runPromise(observe(ops, undefined))
        const faulty = await Effect.runPromise(observe(ops, seed))
        injected += faulty.injected
        expect(faulty.observed).toEqual(clean.observed)
        expect(clean.observed.unfinished).toBe(0)
      }),
      { numRuns: runs }
    )
    // The property is about faults: enough of them must have been injected.
    expect(injected).toBeGreaterThan(runs)
  }, 600_000)
})
