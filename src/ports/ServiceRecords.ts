/**
 * The service records port: the records a service platform's host owns about a customer (SPEC
 * section 10): devices, tickets, video sessions, the tasks of the customer's devices and the
 * events of those tasks. The SDK reads them for the customer view's tabs, their counts and the
 * customer's statistics; it never writes them.
 *
 * Every list is read with one query shape (`ListQuery.ts`). The engine checks a query against the
 * list's declared sort keys and filters (`ServiceRecord.listSpecs`) before it calls the port, so an
 * adapter gets only {@link CheckedListQuery}s: a declared sort, declared filters of the right
 * shape. The adapter's contract:
 *
 * - Tenancy (rule `tenant.isolation`): only records of the named tenant and customer.
 * - Search, filters and order as `ListQuery.ts` describes them (rule
 *   `service-records.query-shape`); {@link ServiceRecordsService.count} counts exactly the records
 *   {@link ServiceRecordsService.list} would page through with the same search and filters (rule
 *   `statistics.from-lists`).
 * - Cursors are opaque; a cursor the adapter did not hand out, or one of another sort, fails with
 *   `InvalidCursor`.
 *
 * The in-memory adapter (`MemoryServiceRecords`) evaluates queries with the functions of
 * `ListQuery.ts`; a database adapter translates them to its own query language.
 *
 * @module
 */
import { Context, type Effect } from "effect"
import type { CustomerId, TenantId } from "../domain/Ids.ts"
import type { CheckedCountQuery, CheckedListQuery } from "../domain/ListQuery.ts"
import type { ServiceList, ServiceRecordOf } from "../domain/ServiceRecord.ts"
import type { InvalidCursor, Page, StorageError } from "./AccountStore.ts"

export type { CheckedCountQuery, CheckedListQuery } from "../domain/ListQuery.ts"

/**
 * What the service records port does.
 *
 * @category port
 */
export interface ServiceRecordsService {
  /** A page of one of the customer's lists, matching the query, in the query's order. */
  readonly list: <L extends ServiceList>(
    tenantId: TenantId,
    customerId: CustomerId,
    list: L,
    query: CheckedListQuery
  ) => Effect.Effect<Page<ServiceRecordOf[L]>, InvalidCursor | StorageError>
  /** How many records of one of the customer's lists match the search and filters. */
  readonly count: (
    tenantId: TenantId,
    customerId: CustomerId,
    list: ServiceList,
    query: CheckedCountQuery
  ) => Effect.Effect<number, StorageError>
}

/**
 * The service records service.
 *
 * @category port
 */
export class ServiceRecords extends Context.Service<ServiceRecords, ServiceRecordsService>()(
  "customer-account/ports/ServiceRecords"
) {}
