/**
 * The engine as the workloads use it: `Memory.layer()` (the in-memory engine with random ids, as
 * a host would start it), its `CustomerAccounts` service, and helpers that run the mixed commands
 * and preload a customer's history through the account store.
 */
import { DateTime, Effect, Option, Result } from "effect"
import { MemoryLinkedRecordsControl, type MemoryLinkedRecordsService } from "../../src/adapters/memory/MemoryLinkedRecords.ts"
import { Account } from "../../src/domain/Account.ts"
import { type Activity, makeActivity } from "../../src/domain/Activity.ts"
import * as Actor from "../../src/domain/Actor.ts"
import { ActivityId, CustomerId, ProcessName } from "../../src/domain/Ids.ts"
import type { Caller, CommandOptions } from "../../src/engine/Caller.ts"
import { CustomerAccounts, type CustomerAccountsService } from "../../src/engine/CustomerAccounts.ts"
import type { CommandOutcome } from "../../src/engine/Pipeline.ts"
import * as Memory from "../../src/Memory.ts"
import { AccountStore, type AccountStoreService } from "../../src/ports/AccountStore.ts"
import { type MixedCommandName, mixedCommandNames, mixedInput, registration, supporter, tenantId } from "./fixtures.ts"
import { historyItem } from "./history.ts"

/** The engine and the memory ports a workload reaches into. */
export interface Engine {
  readonly accounts: CustomerAccountsService
  readonly store: AccountStoreService
  readonly linked: MemoryLinkedRecordsService
}

/** Builds a fresh in-memory engine: `Memory.layer()`. */
export const makeEngine = (): Promise<Engine> =>
  Effect.runPromise(
    Effect.gen(function*() {
      return {
        accounts: yield* CustomerAccounts,
        store: yield* AccountStore,
        linked: yield* MemoryLinkedRecordsControl
      }
    }).pipe(Effect.provide(Memory.layer()))
  )

/** A command of the engine as the workloads call it. */
export type Command = (caller: Caller, input: unknown, options?: CommandOptions) => Effect.Effect<CommandOutcome, unknown>

/**
 * A typed member of the engine as a {@link Command}: the workloads' generated input is decoded by
 * the engine at run time like any other (the same function, no wrapper).
 */
const untyped = <I>(member: (caller: Caller, input: I, options?: CommandOptions) => Effect.Effect<CommandOutcome, unknown>): Command =>
  member as Command

/** The engine's command for each mixed command name. */
export const commandsOf = (accounts: CustomerAccountsService): Readonly<Record<MixedCommandName, Command>> => ({
  addAddress: untyped(accounts.addAddress),
  changeConsent: untyped(accounts.changeConsent),
  addNote: untyped(accounts.addNote),
  setStatus: untyped(accounts.setStatus),
  addAccessRight: untyped(accounts.addAccessRight)
})

/** Registers customers `from` to `to - 1`, in one Effect program; their ids. */
export const registerCustomers = (engine: Engine, from: number, to: number) =>
  Effect.gen(function*() {
    const ids: Array<string> = []
    for (let i = from; i < to; i++) ids.push((yield* engine.accounts.register(supporter, registration(i))).customerId)
    return ids
  })

/** Runs the ten mixed commands on each customer, in one Effect program. */
export const runMixed = (engine: Engine, customerIds: ReadonlyArray<string>) => {
  const commands = commandsOf(engine.accounts)
  return Effect.gen(function*() {
    for (const customerId of customerIds) {
      for (let step = 0; step < mixedCommandNames.length; step++) {
        yield* commands[mixedCommandNames[step]!](supporter, mixedInput(step, customerId))
      }
    }
  })
}

const billing = Actor.system(ProcessName.make("recurring-billing"))

/**
 * Appends activities `from` to `to - 1` of the history to a customer's timeline, through the
 * account store in writes of `batch` activities (each write raises the account's version, as a
 * command would). Activities are made with `makeActivity`, so each is checked as the engine checks it.
 */
export const preloadHistory = (engine: Engine, customerId: string, from: number, to: number, batch = 1_000) =>
  Effect.gen(function*() {
    const registry = engine.accounts.settings.registry
    const id = CustomerId.make(customerId)
    for (let start = from; start < to; start += batch) {
      const loaded = yield* engine.store.load(tenantId, id)
      if (Option.isNone(loaded)) return yield* Effect.die(new Error(`no customer ${customerId}`))
      const account = loaded.value
      const activities: Array<Activity> = []
      for (let i = start; i < Math.min(to, start + batch); i++) {
        const item = historyItem(i)
        const made = makeActivity(registry, {
          id: ActivityId.make(`activity-${customerId}-h${i}`),
          tenantId,
          customerId: id,
          type: item.type,
          at: DateTime.makeUnsafe(item.at),
          actor: item.bySystem ? billing : supporter.actor,
          summary: item.summary,
          details: item.details
        })
        if (Result.isFailure(made)) return yield* Effect.die(made.failure)
        activities.push(made.success)
      }
      yield* engine.store.save(tenantId, {
        account: new Account({ ...account, version: account.version + 1 }),
        expectedVersion: account.version,
        append: activities
      })
    }
  })
