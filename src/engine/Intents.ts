/**
 * The `Intents` service: the host's one entry point to the intents the engine stores (SPEC
 * section 12, rule `effects.drain`). Commands carry out their own intents right after their write;
 * what a crash, a failing port or a lost connection left unfinished, the host finishes here, on
 * start-up and on a timer:
 *
 * - {@link IntentsService.drain}: runs the tenant's due pending intents, each with its stable key;
 * - {@link IntentsService.list}: what is pending, done or dead, with attempts, back-off (`dueAt`)
 *   and the last error, for monitoring;
 * - {@link IntentsService.retry}: gives a dead letter a fresh start.
 *
 * ```ts
 * import { Effect } from "effect"
 * import { Ids, Intents, Memory } from "customer-account"
 *
 * const program = Effect.gen(function*() {
 *   const intents = yield* Intents.Intents
 *   const report = yield* intents.drain(Ids.TenantId.make("acme"))
 *   const dead = yield* intents.list(Ids.TenantId.make("acme"), { limit: 50, status: ["dead"] })
 *   return { report, dead: dead.length }
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Memory.layer())))
 * ```
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { TenantId } from "../domain/Ids.ts"
import type { Intent } from "../domain/Intent.ts"
import { AccountStore, type IntentQuery, type StorageError } from "../ports/AccountStore.ts"
import { Credentials } from "../ports/Credentials.ts"
import { FileStore } from "../ports/FileStore.ts"
import { HostCompliance } from "../ports/HostCompliance.ts"
import { Outbox } from "../ports/Outbox.ts"
import { type DispatcherPorts, drain, type DrainOptions, type DrainReport, retryIntent } from "./Dispatcher.ts"

export { defaultIntentPolicy, type DispatcherPorts, type DrainOptions, type DrainReport, fileGracePeriod, type IntentPolicy } from "./Dispatcher.ts"

/**
 * What the `Intents` service does.
 *
 * @category service
 */
export interface IntentsService {
  /**
   * Runs the tenant's pending intents that are due (by `options.dueBy`, default now), oldest
   * first, at most `options.limit` (default 200): call it until `attempted` is 0 to empty the
   * queue. A failing intent is recorded (attempts, error, next due instant) or goes dead; it does
   * not stop the drain.
   */
  readonly drain: (tenantId: TenantId, options?: DrainOptions) => Effect.Effect<DrainReport, StorageError>
  /** The tenant's intents matching the query, oldest first: pending, done or dead ones. */
  readonly list: (tenantId: TenantId, query: IntentQuery) => Effect.Effect<ReadonlyArray<Intent>, StorageError>
  /**
   * Retries a dead (or pending) intent now, with a fresh count of attempts; `true` when it is done
   * now, `false` when there is no such unfinished intent or it failed again.
   */
  readonly retry: (tenantId: TenantId, intentId: string) => Effect.Effect<boolean, StorageError>
}

/**
 * The intents service.
 *
 * @category service
 */
export class Intents extends Context.Service<Intents, IntentsService>()("customer-account/Intents") {}

/**
 * Builds the service over the ports in context.
 *
 * @category constructors
 */
export const make: Effect.Effect<IntentsService, never, DispatcherPorts> = Effect.gen(function*() {
  const context = Context.make(AccountStore, yield* AccountStore).pipe(
    Context.add(Outbox, yield* Outbox),
    Context.add(Credentials, yield* Credentials),
    Context.add(FileStore, yield* FileStore),
    Context.add(HostCompliance, yield* HostCompliance)
  )
  const store = Context.get(context, AccountStore)
  return {
    drain: (tenantId, options) => drain(tenantId, options).pipe(Effect.provideContext(context)),
    list: (tenantId, query) => store.intents(tenantId, query),
    retry: (tenantId, intentId) => retryIntent(tenantId, intentId).pipe(Effect.provideContext(context))
  }
})

/**
 * The service over the ports in context.
 *
 * @category layers
 */
export const layer: Layer.Layer<Intents, never, DispatcherPorts> = Layer.effect(Intents, make)
