/**
 * The in-memory service records: an implementation of the {@link ServiceRecords} port for tests and
 * demos. It holds, per tenant and customer, the host's devices, tickets, video sessions, tasks and
 * task events (SPEC section 10); all start empty and are seeded through the control
 * ({@link MemoryServiceRecordsService.seed}, {@link MemoryServiceRecordsService.clear}).
 *
 * - Tenancy (rule `tenant.isolation`): records seeded for a customer of one tenant are not seen
 *   under another tenant or another customer.
 * - Queries are evaluated with the functions of `ListQuery.ts` (rule
 *   `service-records.query-shape`): search and filters with `matches`, order with
 *   `comparePositions` (ties by id), so {@link MemoryServiceRecordsService.count} counts exactly
 *   what `list` pages through (rule `statistics.from-lists`).
 * - Cursors are opaque (base64url of a small JSON document naming the list, the sort and the last
 *   position); a cursor of another list or sort, or one not handed out here, is an
 *   `InvalidCursor`.
 * - Seeding checks every record with its list's Schema first; a bad record is a `ValidationError`
 *   and nothing is seeded. A record with the id of one already held replaces it.
 * - Erasure ({@link MemoryServiceRecordsService.erase}, which `MemoryHost` calls from its
 *   `HostCompliance.erase`, rule `compliance.host-erasure`): after a deletion the customer's
 *   records go; after an anonymization every personal value of every record is replaced or
 *   removed, driven by the personal-data marks of the record's Schema (`[erased]` for free texts),
 *   so the records (ids, states, times) stay for the statistics.
 *
 * @module
 */
import { Context, Effect, Layer, Result, Schema } from "effect"
import { Base64Url } from "effect/encoding"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import { erasePersonalData } from "../../domain/PersonalData.ts"
import {
  type CheckedCountQuery,
  type CheckedListQuery,
  comparePositions,
  type ListPosition,
  type ListSpec,
  matches,
  positionOf
} from "../../domain/ListQuery.ts"
import { listSpecs, recordSchemas, type ServiceList, type ServiceRecordOf } from "../../domain/ServiceRecord.ts"
import { decode, type ValidationError } from "../../domain/Validation.ts"
import { InvalidCursor, type Page } from "../../ports/AccountStore.ts"
import type { ErasureReason } from "../../ports/HostCompliance.ts"
import { ServiceRecords, type ServiceRecordsService } from "../../ports/ServiceRecords.ts"

/**
 * Records to seed, per list; every list is optional. Records are given as their JSON encoding
 * (instants as ISO strings) or as decoded values.
 *
 * @category models
 */
export type ServiceRecordsSeed = { readonly [L in ServiceList]?: ReadonlyArray<unknown> }

/**
 * The memory service records' service: the {@link ServiceRecordsService} plus seeding.
 *
 * @category models
 */
export interface MemoryServiceRecordsService extends ServiceRecordsService {
  /**
   * Adds records of the customer (a record with a held id replaces it). Fails with a
   * `ValidationError` naming the list and index of the first bad record, seeding nothing.
   */
  readonly seed: (tenantId: TenantId, customerId: CustomerId, records: ServiceRecordsSeed) => Effect.Effect<void, ValidationError>
  /** Removes every record of the customer. */
  readonly clear: (tenantId: TenantId, customerId: CustomerId) => Effect.Effect<void>
  /**
   * Erases the customer's personal data (rule `compliance.host-erasure`): `deleted` removes every
   * record of the customer; `anonymized` replaces or removes every marked value of every record
   * (a record whose marks cannot be applied is removed). Idempotent.
   */
  readonly erase: (tenantId: TenantId, customerId: CustomerId, reason: ErasureReason) => Effect.Effect<void>
  /** Every record of one of the customer's lists, in the order seeded (for tests and demos). */
  readonly all: <L extends ServiceList>(
    tenantId: TenantId,
    customerId: CustomerId,
    list: L
  ) => Effect.Effect<ReadonlyArray<ServiceRecordOf[L]>>
}

/**
 * The handle of the memory service records inside a layer: the same instance as the
 * {@link ServiceRecords} provided by {@link layerWithControl}, with its seeding.
 *
 * @category services
 */
export class MemoryServiceRecordsControl extends Context.Service<MemoryServiceRecordsControl, MemoryServiceRecordsService>()(
  "customer-account/adapters/memory/MemoryServiceRecordsControl"
) {}

const ServiceCursor = Schema.Struct({
  v: Schema.Literal(1),
  list: Schema.String,
  key: Schema.String,
  direction: Schema.String,
  value: Schema.NullOr(Schema.Union([Schema.String, Schema.Number])),
  id: Schema.String
})
type ServiceCursor = typeof ServiceCursor.Type

const decodeCursorJson = Schema.decodeUnknownResult(Schema.fromJsonString(ServiceCursor))

const encodeCursor = (cursor: ServiceCursor): string => Base64Url.encode(JSON.stringify(cursor))

const decodeCursor = (cursor: string, list: string, query: CheckedListQuery): Result.Result<ListPosition, InvalidCursor> => {
  const text = Base64Url.decodeString(cursor)
  const decoded = Result.isSuccess(text) ? decodeCursorJson(text.success) : undefined
  if (
    decoded === undefined || Result.isFailure(decoded) || decoded.success.list !== list ||
    decoded.success.key !== query.sort.key || decoded.success.direction !== query.sort.direction
  ) {
    return Result.fail(
      new InvalidCursor({
        cursor,
        message: `Not a cursor of the ${list} list in this sort handed out by this adapter; start again without a cursor`
      })
    )
  }
  return Result.succeed({ value: decoded.success.value, id: decoded.success.id })
}

const decoders = {
  devices: decode(Schema.Array(recordSchemas.devices), "devices"),
  tickets: decode(Schema.Array(recordSchemas.tickets), "tickets"),
  "video-sessions": decode(Schema.Array(recordSchemas["video-sessions"]), "video-sessions"),
  tasks: decode(Schema.Array(recordSchemas.tasks), "tasks"),
  "task-events": decode(Schema.Array(recordSchemas["task-events"]), "task-events")
} as const

type Held = { [L in ServiceList]: Map<string, ServiceRecordOf[L]> }

const emptyHeld = (): Held => ({
  devices: new Map(),
  tickets: new Map(),
  "video-sessions": new Map(),
  tasks: new Map(),
  "task-events": new Map()
})

/**
 * A page of records under a checked query: filtered and searched, sorted, after the cursor's
 * position, at most `limit`. Exported for adapters that hold records in memory.
 *
 * @category evaluating
 */
export const pageOf = <R>(
  spec: ListSpec<R>,
  records: Iterable<R>,
  query: CheckedListQuery
): Result.Result<Page<R>, InvalidCursor> => {
  const sorted = [...records]
    .filter((r) => matches(spec, r, query))
    .map((record) => ({ record, position: positionOf(spec, query.sort, record) }))
    .sort((a, b) => comparePositions(query.sort.direction, a.position, b.position))
  let start = 0
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor, spec.list, query)
    if (Result.isFailure(after)) return Result.fail(after.failure)
    const index = sorted.findIndex((e) => comparePositions(query.sort.direction, e.position, after.success) > 0)
    start = index < 0 ? sorted.length : index
  }
  const page = sorted.slice(start, start + query.limit)
  const last = page[page.length - 1]
  const more = start + query.limit < sorted.length && last !== undefined
  return Result.succeed({
    items: page.map((e) => e.record),
    ...(more
      ? {
        nextCursor: encodeCursor({
          v: 1,
          list: spec.list,
          key: query.sort.key,
          direction: query.sort.direction,
          value: last.position.value,
          id: last.position.id
        })
      }
      : {})
  })
}

/**
 * Makes new, empty service records. Each call makes records of its own.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ids, MemoryServiceRecords } from "customer-account"
 *
 * const tenant = Ids.TenantId.make("acme")
 * const customer = Ids.CustomerId.make("customer-1")
 * const program = Effect.gen(function*() {
 *   const records = yield* MemoryServiceRecords.make
 *   yield* records.seed(tenant, customer, {
 *     devices: [{ id: "dev-1", name: "Pump 1", status: "online", registeredAt: "2026-01-05T08:00:00.000Z" }]
 *   })
 *   return yield* records.count(tenant, customer, "devices", { filters: {} }) // 1
 * })
 * ```
 *
 * @category constructors
 */
export const make: Effect.Effect<MemoryServiceRecordsService> = Effect.sync(() => {
  const tenants = new Map<string, Map<string, Held>>()
  const held = (tenantId: TenantId, customerId: CustomerId): Held | undefined => tenants.get(tenantId)?.get(customerId)
  const recordsOf = <L extends ServiceList>(tenantId: TenantId, customerId: CustomerId, list: L): ReadonlyArray<ServiceRecordOf[L]> => {
    const lists = held(tenantId, customerId)
    return lists === undefined ? [] : [...(lists[list] as Map<string, ServiceRecordOf[L]>).values()]
  }

  const service: MemoryServiceRecordsService = {
    list: <L extends ServiceList>(tenantId: TenantId, customerId: CustomerId, list: L, query: CheckedListQuery) =>
      Effect.suspend(() => {
        const spec = listSpecs[list] as ListSpec<ServiceRecordOf[L]>
        const page = pageOf(spec, recordsOf(tenantId, customerId, list), query)
        return Result.isFailure(page) ? Effect.fail(page.failure) : Effect.succeed(page.success)
      }),
    count: (tenantId: TenantId, customerId: CustomerId, list: ServiceList, query: CheckedCountQuery) =>
      Effect.sync(() => {
        const spec = listSpecs[list] as ListSpec<unknown>
        return recordsOf(tenantId, customerId, list).filter((r) => matches(spec, r, query)).length
      }),
    seed: (tenantId, customerId, records) =>
      Effect.suspend(() => {
        const decoded: Partial<{ [L in ServiceList]: ReadonlyArray<ServiceRecordOf[L]> }> = {}
        for (const list of Object.keys(records) as Array<ServiceList>) {
          const raw = records[list]
          if (raw === undefined) continue
          const result: Result.Result<unknown, ValidationError> = decoders[list](raw)
          if (Result.isFailure(result)) return Effect.fail(result.failure)
          ;(decoded as Record<string, unknown>)[list] = result.success
        }
        let customers = tenants.get(tenantId)
        if (customers === undefined) {
          customers = new Map()
          tenants.set(tenantId, customers)
        }
        let lists = customers.get(customerId)
        if (lists === undefined) {
          lists = emptyHeld()
          customers.set(customerId, lists)
        }
        for (const list of Object.keys(decoded) as Array<ServiceList>) {
          const map = lists[list] as Map<string, { readonly id: string }>
          for (const record of (decoded[list] ?? []) as ReadonlyArray<{ readonly id: string }>) map.set(record.id, record)
        }
        return Effect.void
      }),
    clear: (tenantId, customerId) =>
      Effect.sync(() => {
        tenants.get(tenantId)?.delete(customerId)
      }),
    erase: (tenantId, customerId, reason) =>
      Effect.sync(() => {
        const lists = held(tenantId, customerId)
        if (lists === undefined) return
        if (reason === "deleted") {
          tenants.get(tenantId)?.delete(customerId)
          return
        }
        for (const list of Object.keys(lists) as Array<ServiceList>) {
          const map = lists[list] as Map<string, unknown>
          const schema = recordSchemas[list] as unknown as Schema.Top
          for (const [id, record] of [...map]) {
            const erased = erasePersonalData(schema, record)
            if (Result.isSuccess(erased)) map.set(id, erased.success)
            else map.delete(id)
          }
        }
      }),
    all: (tenantId, customerId, list) => Effect.sync(() => recordsOf(tenantId, customerId, list))
  }
  return service
})

/**
 * A layer providing new, empty service records as the {@link ServiceRecords}. Each build of the
 * layer starts empty.
 *
 * @category layers
 */
export const layer: Layer.Layer<ServiceRecords> = Layer.effect(ServiceRecords, make)

/**
 * A layer providing new, empty service records both as the {@link ServiceRecords} and as their
 * {@link MemoryServiceRecordsControl} (the same instance), so a test or demo can seed records.
 *
 * @category layers
 */
export const layerWithControl: Layer.Layer<ServiceRecords | MemoryServiceRecordsControl> = Layer.effectContext(
  Effect.map(make, (records) => Context.make(ServiceRecords, records).pipe(Context.add(MemoryServiceRecordsControl, records)))
)
