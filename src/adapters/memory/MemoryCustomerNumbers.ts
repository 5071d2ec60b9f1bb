/**
 * The in-memory customer-number sequence: an implementation of the {@link CustomerNumbers} port
 * with one counter per tenant (rule `tenant.customer-number`).
 *
 * Every tenant starts at the same configurable number (default {@link defaultStart}, i.e. `10001`)
 * and counts up by one; numbers are handed out as decimal strings and never twice in a tenant.
 * Tenants are independent: a number handed out in one tenant says nothing about another (rule
 * `tenant.isolation`). The counters are big integers, so a sequence does not wrap around; a number
 * longer than an id may be (64 digits) is refused with a `StorageError` rather than handed out.
 *
 * @module
 */
import { Effect, Layer, Result, Schema } from "effect"
import type { CustomerNumber, TenantId } from "../../domain/Ids.ts"
import { decode, type ValidationError } from "../../domain/Validation.ts"
import { StorageError } from "../../ports/AccountStore.ts"
import { CustomerNumbers, type CustomerNumbersService } from "../../ports/CustomerNumbers.ts"

/**
 * The number every tenant starts with unless told otherwise.
 *
 * @category constants
 */
export const defaultStart = 10001

/**
 * The first number of a sequence: a positive (safe) integer.
 *
 * @category models
 */
export const SequenceStart = Schema.Int.check(
  Schema.isGreaterThanOrEqualTo(1, { expected: "a positive integer to start customer numbers at" })
)

const decodeStart = decode(SequenceStart, "customer number start")

const maxDigits = 64

const build = (start: number): CustomerNumbersService => {
  const counters = new Map<string, bigint>()
  const first = BigInt(start)
  return {
    next: (tenantId: TenantId) =>
      Effect.suspend(() => {
        const current = counters.get(tenantId) ?? first
        const text = current.toString(10)
        if (text.length > maxDigits) {
          return Effect.fail(
            new StorageError({
              operation: "CustomerNumbers.next",
              message: `the tenant's customer numbers are exhausted: the next one would exceed ${maxDigits} digits`
            })
          )
        }
        counters.set(tenantId, current + 1n)
        return Effect.succeed(text as CustomerNumber)
      })
  }
}

/**
 * Makes a new sequence whose tenants all start at `start` (default {@link defaultStart}). Fails
 * with a `ValidationError` when `start` is not a positive integer. Each call makes counters of
 * its own.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ids, MemoryCustomerNumbers } from "customer-account"
 *
 * const program = Effect.gen(function*() {
 *   const numbers = yield* MemoryCustomerNumbers.make(500)
 *   return yield* numbers.next(Ids.TenantId.make("shop-1")) // "500", then "501", ...
 * })
 * ```
 *
 * @category constructors
 */
export const make = (start: number = defaultStart): Effect.Effect<CustomerNumbersService, ValidationError> =>
  Effect.suspend(() => {
    const checked = decodeStart(start)
    return Result.isSuccess(checked) ? Effect.succeed(build(checked.success)) : Effect.fail(checked.failure)
  })

/**
 * A layer providing a new sequence starting every tenant at {@link defaultStart}. Each build of
 * the layer starts from scratch.
 *
 * @category layers
 */
export const layer: Layer.Layer<CustomerNumbers> = Layer.effect(CustomerNumbers, Effect.sync(() => build(defaultStart)))

/**
 * A layer providing a new sequence starting every tenant at `start`; it fails to build with a
 * `ValidationError` when `start` is not a positive integer.
 *
 * @category layers
 */
export const layerFrom = (start: number): Layer.Layer<CustomerNumbers, ValidationError> =>
  Layer.effect(CustomerNumbers, make(start))
