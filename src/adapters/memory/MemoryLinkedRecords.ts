/**
 * The in-memory linked records: an implementation of the {@link LinkedRecords} port for tests and
 * demos. It holds, per tenant and customer, the host's count per tab (SPEC section 9) and the
 * transactional data that blocks a deletion (SPEC section 7); both start empty (every tab counts
 * 0, no transactional data) and are set through {@link MemoryLinkedRecordsService.setCounts} and
 * {@link MemoryLinkedRecordsService.setTransactionalData}.
 *
 * - Tenancy (rule `tenant.isolation`): data set for a customer of one tenant is not seen under
 *   another tenant or another customer.
 * - Setters replace the customer's data as a whole and check it first: only known tabs or kinds,
 *   each a non-negative integer; a bad value fails with a `ValidationError` and changes nothing.
 * - Reads return fresh objects: changing one does not change what is held.
 * - Placed orders (with {@link makeWith} and an order system, as `MemoryHost` wires it to
 *   `MemoryOrders`): the customer's orders placed there count as transactional data of kind
 *   `orders` and in the `orders` tab, added to what a setter set; so a customer who checked out is
 *   refused deletion, as with a real host.
 *
 * @module
 */
import { Context, Effect, Layer, Result, Schema } from "effect"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import { decode, type ValidationError } from "../../domain/Validation.ts"
import type { PlacedOrder } from "./MemoryOrders.ts"
import {
  HostTab,
  LinkedRecords,
  type LinkedRecordsService,
  TransactionalDataKind
} from "../../ports/LinkedRecords.ts"

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0, { expected: "a count of 0 or more" }))

/**
 * The host's count per tab, as a setter accepts it: known tabs only, each a non-negative integer;
 * a tab left out counts 0.
 *
 * @category models
 */
export const HostCounts = Schema.Record(HostTab, Schema.optionalKey(Count))
/** @category models */
export type HostCounts = typeof HostCounts.Type

/**
 * The customer's transactional data per kind, as a setter accepts it: known kinds only, each a
 * non-negative integer; a kind left out has none.
 *
 * @category models
 */
export const TransactionalDataCounts = Schema.Record(TransactionalDataKind, Schema.optionalKey(Count))
/** @category models */
export type TransactionalDataCounts = typeof TransactionalDataCounts.Type

const decodeCounts = decode(HostCounts, "host tab counts")
const decodeTransactional = decode(TransactionalDataCounts, "transactional data counts")

/**
 * The memory linked records' service: the {@link LinkedRecordsService} plus setters.
 *
 * @category models
 */
export interface MemoryLinkedRecordsService extends LinkedRecordsService {
  /** Replaces the customer's counts per tab. Fails with a `ValidationError` (changing nothing) on an unknown tab or a bad count. */
  readonly setCounts: (
    tenantId: TenantId,
    customerId: CustomerId,
    counts: Partial<Record<HostTab, number>>
  ) => Effect.Effect<void, ValidationError>
  /** Replaces the customer's transactional data. Fails with a `ValidationError` (changing nothing) on an unknown kind or a bad count. */
  readonly setTransactionalData: (
    tenantId: TenantId,
    customerId: CustomerId,
    data: Partial<Record<TransactionalDataKind, number>>
  ) => Effect.Effect<void, ValidationError>
}

/**
 * The handle of the memory linked records inside a layer: the same instance as the
 * {@link LinkedRecords} provided by {@link layerWithControl}, with its setters.
 *
 * @category services
 */
export class MemoryLinkedRecordsControl extends Context.Service<MemoryLinkedRecordsControl, MemoryLinkedRecordsService>()(
  "customer-account/adapters/memory/MemoryLinkedRecordsControl"
) {}

interface Held {
  counts: Readonly<Partial<Record<HostTab, number>>>
  transactional: Readonly<Partial<Record<TransactionalDataKind, number>>>
}

/**
 * Makes new, empty linked records. Each call makes records of its own.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ids, MemoryLinkedRecords } from "customer-account"
 *
 * const tenant = Ids.TenantId.make("shop-1")
 * const customer = Ids.CustomerId.make("customer-1")
 * const program = Effect.gen(function*() {
 *   const records = yield* MemoryLinkedRecords.make
 *   yield* records.setCounts(tenant, customer, { orders: 3, invoices: 2 })
 *   return yield* records.counts(tenant, customer) // { orders: 3, invoices: 2 }
 * })
 * ```
 *
 * @category constructors
 */
export const make: Effect.Effect<MemoryLinkedRecordsService> = Effect.suspend(() => makeWith({}))

/**
 * Where the memory linked records find the orders placed for a customer: `MemoryOrders`'
 * `placed` (its control) fits.
 *
 * @category models
 */
export interface MemoryLinkedRecordsOptions {
  /** The order system whose placed orders count as the customer's orders. */
  readonly orders?: {
    /** The orders placed so far, of the tenant when one is named (as `MemoryOrders`' `placed`). */
    readonly placed: (tenantId?: TenantId) => Effect.Effect<ReadonlyArray<PlacedOrder>>
  }
}

/**
 * Makes new, empty linked records that also count the orders placed in an order system (see
 * {@link MemoryLinkedRecordsOptions}). Each call makes records of its own.
 *
 * @category constructors
 */
export const makeWith = (options: MemoryLinkedRecordsOptions): Effect.Effect<MemoryLinkedRecordsService> => Effect.sync(() => {
  const tenants = new Map<string, Map<string, Held>>()

  const held = (tenantId: TenantId, customerId: CustomerId): Held | undefined => tenants.get(tenantId)?.get(customerId)

  const update = (tenantId: TenantId, customerId: CustomerId, change: (current: Held) => Held): void => {
    let customers = tenants.get(tenantId)
    if (customers === undefined) {
      customers = new Map()
      tenants.set(tenantId, customers)
    }
    customers.set(customerId, change(customers.get(customerId) ?? { counts: {}, transactional: {} }))
  }

  const placedOrders = (tenantId: TenantId, customerId: CustomerId): Effect.Effect<number> =>
    options.orders === undefined
      ? Effect.succeed(0)
      : Effect.map(options.orders.placed(tenantId), (orders) => orders.filter((o) => o.customerId === customerId).length)

  const withOrders = <T extends { readonly orders?: number }>(set: T | undefined, placed: number): T => {
    const copy = { ...set } as T
    return placed > 0 ? { ...copy, orders: (set?.orders ?? 0) + placed } : copy
  }

  return {
    counts: (tenantId, customerId) =>
      Effect.map(placedOrders(tenantId, customerId), (placed) => withOrders(held(tenantId, customerId)?.counts, placed)),
    transactionalData: (tenantId, customerId) =>
      Effect.map(placedOrders(tenantId, customerId), (placed) => withOrders(held(tenantId, customerId)?.transactional, placed)),
    setCounts: (tenantId, customerId, counts) =>
      Effect.suspend(() => {
        const checked = decodeCounts(counts)
        if (Result.isFailure(checked)) return Effect.fail(checked.failure)
        const frozen = Object.freeze({ ...checked.success })
        update(tenantId, customerId, (current) => ({ ...current, counts: frozen }))
        return Effect.void
      }),
    setTransactionalData: (tenantId, customerId, data) =>
      Effect.suspend(() => {
        const checked = decodeTransactional(data)
        if (Result.isFailure(checked)) return Effect.fail(checked.failure)
        const frozen = Object.freeze({ ...checked.success })
        update(tenantId, customerId, (current) => ({ ...current, transactional: frozen }))
        return Effect.void
      })
  }
})

/**
 * A layer providing new, empty linked records as the {@link LinkedRecords}: every tab counts 0
 * and no customer has transactional data. Each build of the layer starts empty.
 *
 * @category layers
 */
export const layer: Layer.Layer<LinkedRecords> = Layer.effect(LinkedRecords, make)

/**
 * A layer providing new, empty linked records both as the {@link LinkedRecords} and as their
 * {@link MemoryLinkedRecordsControl} (the same instance), so a test or demo can set data.
 *
 * @category layers
 */
export const layerWithControl: Layer.Layer<LinkedRecords | MemoryLinkedRecordsControl> = Layer.effectContext(
  Effect.map(make, (records) =>
    Context.make(LinkedRecords, records).pipe(Context.add(MemoryLinkedRecordsControl, records))
  )
)
