/**
 * Implementations of the {@link IdGenerator} port that need no storage.
 *
 * - {@link layerRandom}: `<kind>-<random UUID>` (e.g. `activity-3f0c…`), from
 *   `globalThis.crypto.randomUUID`; the default for demos and production-like runs.
 * - {@link layerSequential}: `<kind>-1`, `<kind>-2`, ... with one counter per kind, starting
 *   afresh with each build of the layer; for tests, so ids are predictable. Its counters are
 *   shared by every tenant, so its ids would show one tenant another's write volume: never use it
 *   where callers of several tenants see ids (rule `tenant.private-counters`); random ids carry
 *   no counter.
 *
 * Both only make ids of 1 to 64 characters of letters, digits, `-`, `_`, `:` and `.`, starting
 * with a letter (rule `identity.id-format`): the longest kind (`access-right`, 12 characters)
 * plus `-` plus a UUID (36 characters) is 49 characters.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { IdGenerator, type IdGeneratorService, type IdKind } from "../../ports/IdGenerator.ts"

/**
 * Makes a generator of random ids: the kind, `-`, and a random UUID (version 4).
 *
 * @category constructors
 */
export const makeRandom: Effect.Effect<IdGeneratorService> = Effect.sync(() => ({
  next: (kind: IdKind) => Effect.sync(() => `${kind}-${globalThis.crypto.randomUUID()}`)
}))

/**
 * Makes a generator of sequential ids: the kind, `-`, and a counter of that kind starting at 1.
 * Each call makes counters of its own.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { MemoryIdGenerator } from "customer-account"
 *
 * const program = Effect.gen(function*() {
 *   const ids = yield* MemoryIdGenerator.makeSequential
 *   const a = yield* ids.next("customer") // "customer-1"
 *   const b = yield* ids.next("activity") // "activity-1"
 *   const c = yield* ids.next("customer") // "customer-2"
 *   return [a, b, c]
 * })
 * ```
 *
 * @category constructors
 */
export const makeSequential: Effect.Effect<IdGeneratorService> = Effect.sync(() => {
  const counters = new Map<IdKind, number>()
  return {
    next: (kind: IdKind) =>
      Effect.sync(() => {
        const n = (counters.get(kind) ?? 0) + 1
        counters.set(kind, n)
        return `${kind}-${n}`
      })
  }
})

/**
 * A layer providing the random generator as the {@link IdGenerator}.
 *
 * @category layers
 */
export const layerRandom: Layer.Layer<IdGenerator> = Layer.effect(IdGenerator, makeRandom)

/**
 * A layer providing a sequential generator as the {@link IdGenerator}; its counters start at 1
 * with each build of the layer.
 *
 * @category layers
 */
export const layerSequential: Layer.Layer<IdGenerator> = Layer.effect(IdGenerator, makeSequential)
