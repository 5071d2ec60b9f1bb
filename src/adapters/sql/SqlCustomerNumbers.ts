/**
 * The customer-number sequence over SQL (rule `tenant.customer-number`): one counter row per
 * tenant in `ca_counters`, advanced by one atomic statement in its own short transaction, so two
 * processes never hand out the same number. A number is never handed out twice, not even when
 * the registration that took it fails (that number is then skipped: numbers are unique, not
 * gapless). A number already stored (an imported customer's, which also advances the counter in
 * its registration's transaction) is skipped as well.
 *
 * @module
 */
import { Effect } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import type { CustomerNumber, TenantId } from "../../domain/Ids.ts"
import type { StorageError } from "../../ports/AccountStore.ts"
import type { CustomerNumbersService } from "../../ports/CustomerNumbers.ts"
import { orStorageError } from "./SqlCodec.ts"

/**
 * The number every tenant starts with unless told otherwise (as the memory sequence).
 *
 * @category constants
 */
export const defaultStart = 10001

/**
 * Makes the sequence over the `SqlClient` in context; every tenant starts at `start`.
 *
 * @category constructors
 */
export const make = (start: number = defaultStart): Effect.Effect<CustomerNumbersService, never, SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient
    const first = Number.isSafeInteger(start) && start >= 1 ? start : defaultStart
    const take = (tenantId: TenantId) =>
      Effect.map(
        sql<{ value: unknown }>`INSERT INTO ca_counters (tenant_id, name, value) VALUES (${tenantId}, 'customer-number', ${first + 1})
          ON CONFLICT (tenant_id, name) DO UPDATE SET value = ca_counters.value + 1
          RETURNING value`,
        (rows) => String(Number(rows[0]!.value) - 1)
      )
    const next = (tenantId: TenantId): Effect.Effect<CustomerNumber, StorageError> =>
      Effect.gen(function*() {
        for (;;) {
          const number = yield* take(tenantId)
          const taken = yield* sql`SELECT 1 FROM ca_accounts WHERE tenant_id = ${tenantId} AND customer_number = ${number}`
          if (taken.length === 0) return number as CustomerNumber
        }
      }).pipe(orStorageError("CustomerNumbers.next"))
    return { next }
  })
