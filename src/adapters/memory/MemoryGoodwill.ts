/**
 * The in-memory goodwill host: an implementation of the {@link Goodwill} port for tests and demos.
 * It knows the subscriptions a test or demo adds with
 * {@link MemoryGoodwillService.addSubscription} and records every grant handed over.
 *
 * - Tenancy (rule `tenant.isolation`): a subscription belongs to one tenant and one customer; under
 *   another tenant or customer it is not found (`Option.none`), and `grants(tenantId)` lists only
 *   that tenant's grants.
 * - A grant is kept as a frozen JSON copy, so the caller cannot change it afterwards.
 * - Like a real host, it checks the grant again before accepting it (the SDK has checked it
 *   already): a grant that is not JSON (a cycle, a `bigint`, a function) is refused with
 *   {@link GoodwillRefused}, and so is a grant naming a `subscriptionId` that is not one of the
 *   customer's subscriptions, free issues or a free billing period on a subscription that is not
 *   active, and free issues on one that does not deliver issues. Nothing is recorded then. A grant
 *   without a `subscriptionId` (a free redelivery may name none) is accepted as it is.
 *
 * @module
 */
import { Context, Effect, Layer, Option, Result, Schema } from "effect"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import { decode, type ValidationError } from "../../domain/Validation.ts"
import { Goodwill, GoodwillRefused, type GoodwillService, type SubscriptionFacts } from "../../ports/Goodwill.ts"

/**
 * The facts of a subscription as {@link MemoryGoodwillService.addSubscription} accepts them.
 *
 * @category models
 */
export const SubscriptionFactsInput = Schema.Struct({
  /** The host's subscription id: 1 to 200 characters. */
  subscriptionId: Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 200))),
  /** Whether the subscription is running. */
  active: Schema.Boolean,
  /** Whether it delivers issues. */
  issueBased: Schema.Boolean
})

const decodeFacts = decode(SubscriptionFactsInput, "subscription facts")

/**
 * A grant the memory goodwill host accepted.
 *
 * @category models
 */
export interface RecordedGrant {
  /** The tenant. */
  readonly tenantId: TenantId
  /** The customer the grant is for. */
  readonly customerId: CustomerId
  /** The grant as handed over (a frozen JSON copy). */
  readonly grant: unknown
}

/**
 * The memory goodwill host's service: the {@link GoodwillService} plus a way to add subscriptions
 * and to list the grants.
 *
 * @category models
 */
export interface MemoryGoodwillService extends GoodwillService {
  /**
   * Adds the customer's subscription, or replaces the one with the same id. Fails with a
   * `ValidationError` (changing nothing) when the facts are malformed.
   */
  readonly addSubscription: (
    tenantId: TenantId,
    customerId: CustomerId,
    facts: SubscriptionFacts
  ) => Effect.Effect<void, ValidationError>
  /** The grants handed over so far, oldest first; only the tenant's when a tenant is named. */
  readonly grants: (tenantId?: TenantId) => Effect.Effect<ReadonlyArray<RecordedGrant>>
}

/**
 * The handle of the memory goodwill host inside a layer: the same instance as the
 * {@link Goodwill} provided by {@link layerWithControl}, with its test controls.
 *
 * @category services
 */
export class MemoryGoodwillControl extends Context.Service<MemoryGoodwillControl, MemoryGoodwillService>()(
  "customer-account/adapters/memory/MemoryGoodwillControl"
) {}

const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

/** A JSON copy of the value, or undefined when it is not JSON. Never throws. */
const jsonCopy = (value: unknown): { readonly json: unknown } | undefined => {
  try {
    const text = JSON.stringify(value)
    return text === undefined ? undefined : { json: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}

/**
 * Makes a new memory goodwill host without subscriptions or grants. Each call makes a host of its
 * own.
 *
 * @example
 * ```ts
 * import { Effect, Option } from "effect"
 * import { Ids, MemoryGoodwill } from "customer-account"
 *
 * const tenant = Ids.TenantId.make("shop-1")
 * const customer = Ids.CustomerId.make("customer-1")
 * const program = Effect.gen(function*() {
 *   const goodwill = yield* MemoryGoodwill.make
 *   yield* goodwill.addSubscription(tenant, customer, { subscriptionId: "sub-1", active: true, issueBased: true })
 *   return yield* goodwill.subscription(tenant, customer, "sub-1") // Option.some({ ... })
 * })
 * ```
 *
 * @category constructors
 */
export const make: Effect.Effect<MemoryGoodwillService> = Effect.sync(() => {
  const subscriptions = new Map<string, Map<string, Map<string, SubscriptionFacts>>>()
  const recorded: Array<RecordedGrant> = []

  const subscriptionsOf = (tenantId: TenantId, customerId: CustomerId) => subscriptions.get(tenantId)?.get(customerId)

  const addSubscription: MemoryGoodwillService["addSubscription"] = (tenantId, customerId, facts) =>
    Effect.suspend(() => {
      const checked = decodeFacts(facts)
      if (Result.isFailure(checked)) return Effect.fail(checked.failure)
      let customers = subscriptions.get(tenantId)
      if (customers === undefined) {
        customers = new Map()
        subscriptions.set(tenantId, customers)
      }
      let held = customers.get(customerId)
      if (held === undefined) {
        held = new Map()
        customers.set(customerId, held)
      }
      held.set(checked.success.subscriptionId, Object.freeze({ ...checked.success }))
      return Effect.void
    })

  const subscription: GoodwillService["subscription"] = (tenantId, customerId, subscriptionId) =>
    Effect.sync(() => {
      const facts = subscriptionsOf(tenantId, customerId)?.get(subscriptionId)
      return facts === undefined ? Option.none() : Option.some({ ...facts })
    })

  const keys = new Set<string>()

  const handOver: GoodwillService["handOver"] = (tenantId, customerId, grant, key) =>
    Effect.suspend(() => {
      const keyed = key === undefined ? undefined : `${tenantId}\u0000${key}`
      if (keyed !== undefined && keys.has(keyed)) return Effect.void
      const copy = jsonCopy(grant)
      if (copy === undefined) return Effect.fail(new GoodwillRefused({ message: "the grant is not JSON" }))
      const json = copy.json
      if (typeof json === "object" && json !== null && "subscriptionId" in json) {
        const named = json.subscriptionId
        const facts = typeof named === "string" ? subscriptionsOf(tenantId, customerId)?.get(named) : undefined
        if (facts === undefined) {
          return Effect.fail(new GoodwillRefused({ message: "the grant names a subscription the customer does not have" }))
        }
        const kind = "kind" in json ? json.kind : undefined
        if ((kind === "free-issues" || kind === "free-billing-period") && !facts.active) {
          return Effect.fail(new GoodwillRefused({ message: `the subscription is not active; ${kind} needs an active one` }))
        }
        if (kind === "free-issues" && !facts.issueBased) {
          return Effect.fail(new GoodwillRefused({ message: "the subscription does not deliver issues; free issues need one that does" }))
        }
      }
      recorded.push(Object.freeze({ tenantId, customerId, grant: deepFreeze(json) }))
      if (keyed !== undefined) keys.add(keyed)
      return Effect.void
    })

  return {
    subscription,
    handOver,
    addSubscription,
    grants: (tenantId) =>
      Effect.sync(() => (tenantId === undefined ? [...recorded] : recorded.filter((entry) => entry.tenantId === tenantId)))
  }
})

/**
 * A layer providing a new memory goodwill host without subscriptions as the {@link Goodwill}.
 * Each build of the layer starts empty.
 *
 * @category layers
 */
export const layer: Layer.Layer<Goodwill> = Layer.effect(Goodwill, make)

/**
 * A layer providing a new memory goodwill host both as the {@link Goodwill} and as its
 * {@link MemoryGoodwillControl} (the same instance), so a test or demo can add subscriptions and
 * read the grants.
 *
 * @category layers
 */
export const layerWithControl: Layer.Layer<Goodwill | MemoryGoodwillControl> = Layer.effectContext(
  Effect.map(make, (goodwill) => Context.make(Goodwill, goodwill).pipe(Context.add(MemoryGoodwillControl, goodwill)))
)
