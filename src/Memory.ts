/**
 * The embedded default: the engine over the in-memory adapters, in one layer. It is the reference
 * engine the conformance suite is checked against, and what the demo and the examples run on.
 *
 * ```ts
 * import { Effect } from "effect"
 * import { CustomerAccounts, Memory } from "customer-account"
 *
 * const program = Effect.gen(function*() {
 *   const accounts = yield* CustomerAccounts.CustomerAccounts
 *   // ... accounts.register(caller, input), accounts.overview(caller, customerId)
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Memory.layer())))
 * ```
 *
 * The layer also provides the `Intents` service (drain and monitor the intents, `Intents.ts`) and
 * the memory adapters' controls (`MemoryLinkedRecordsControl`,
 * `MemoryOutboxControl`, ...), so a test or a demo can set the host's data and read what was sent.
 *
 * @module
 */
import { Layer } from "effect"
import * as MemoryAccountStore from "./adapters/memory/MemoryAccountStore.ts"
import * as MemoryHost from "./adapters/memory/MemoryHost.ts"
import * as CustomerAccounts from "./engine/CustomerAccounts.ts"
import * as Intents from "./engine/Intents.ts"

/**
 * The engine with every port in memory and random ids.
 *
 * @category layers
 */
export const layer = (options: CustomerAccounts.EngineOptions = {}) =>
  Layer.mergeAll(CustomerAccounts.layer(options), Intents.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(MemoryAccountStore.layer, MemoryHost.layer))
  )

/**
 * The engine with every port in memory and sequential ids (`customer-1`, `activity-1`, ...), for
 * tests that predict ids.
 *
 * @category layers
 */
export const layerForTests = (options: CustomerAccounts.EngineOptions = {}) =>
  Layer.mergeAll(CustomerAccounts.layer(options), Intents.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(MemoryAccountStore.layer, MemoryHost.layerForTests))
  )
