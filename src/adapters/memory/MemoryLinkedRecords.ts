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
 *
 * @module
 */
import { Context, Effect, Layer, Result, Schema } from "effect"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import { decode, type ValidationError } from "../../domain/Validation.ts"
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
export const make: Effect.Effect<MemoryLinkedRecordsService> = Effect.sync(() => {
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

  return {
    counts: (tenantId, customerId) => Effect.sync(() => ({ ...held(tenantId, customerId)?.counts })),
    transactionalData: (tenantId, customerId) => Effect.sync(() => ({ ...held(tenantId, customerId)?.transactional })),
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
