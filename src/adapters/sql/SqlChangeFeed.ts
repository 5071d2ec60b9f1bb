/**
 * The change feed of the SQL account store (rules `feed.commit-order`, `feed.erasure`,
 * `tenant.private-counters`).
 *
 * Each tenant has its own position counter (a row of `ca_counters`). A write takes the positions
 * of its activities (or of its deletion entry) from it as its last statements before the commit,
 * and the counter row's lock is held until the commit: so the tenant's writes with feed entries
 * commit in the order of their positions, and a reader that continues after the last position it
 * saw never skips an entry a concurrent writer committed late. The price is that those writes of
 * one tenant commit one after another (each holds the lock for about one commit; other tenants
 * are not affected).
 *
 * An activity's entry is its row in `ca_activities` (`feed_position`): a rewrite replaces it in
 * place, and a deletion removes it with the row. A deletion's entry is a row of
 * `ca_feed_deletions` holding the tombstone.
 *
 * @module
 */
import { Effect, Result } from "effect"
import type { SqlClient } from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { Activity } from "../../domain/Activity.ts"
import { Tombstone } from "../../domain/Account.ts"
import type { TenantId } from "../../domain/Ids.ts"
import { type AccountStoreService, type Change, type ChangePage, InvalidCursor, maxPageSize } from "../../ports/AccountStore.ts"
import { decodeFeedPosition, feedPosition, fromJsonText, orStorageError } from "./SqlCodec.ts"

/**
 * Takes `count` positions of the tenant's feed in the current transaction and returns the first;
 * the counter row stays locked until the transaction ends.
 */
export const takePositions = (sql: SqlClient, tenantId: TenantId, count: number): Effect.Effect<number, SqlError> =>
  Effect.map(
    sql<{ value: unknown }>`INSERT INTO ca_counters (tenant_id, name, value) VALUES (${tenantId}, 'feed', ${1 + count})
      ON CONFLICT (tenant_id, name) DO UPDATE SET value = ca_counters.value + ${count}
      RETURNING value`,
    (rows) => Number(rows[0]!.value) - count
  )

/** The feed query over `sql`. */
export const changes = (sql: SqlClient): AccountStoreService["changes"] => {
  const decodeActivity = fromJsonText(Activity, "AccountStore.changes")
  const decodeTombstone = fromJsonText(Tombstone, "AccountStore.changes")
  return (tenantId, query) =>
    Effect.gen(function*() {
      let after = 0
      if (query.after !== undefined) {
        const decoded = decodeFeedPosition(query.after)
        if (Result.isFailure(decoded)) return yield* decoded.failure
        after = decoded.success.p
        // A position ahead of the feed was never handed out by this store (or by this tenant's feed).
        const next = yield* sql<{ value: unknown }>`SELECT value FROM ca_counters WHERE tenant_id = ${tenantId} AND name = 'feed'`
        if (after >= Number(next[0]?.value ?? 1)) {
          return yield* new InvalidCursor({ cursor: query.after, message: "Not a position of this tenant's change feed; start again without one" })
        }
      }
      const limit = Number.isFinite(query.limit) ? Math.min(maxPageSize, Math.max(1, Math.floor(query.limit))) : maxPageSize
      const rows = yield* sql<{ position: unknown; kind: string; body: unknown }>`SELECT position, kind, body FROM (
          SELECT * FROM (SELECT feed_position AS position, 'a' AS kind, body FROM ca_activities
            WHERE tenant_id = ${tenantId} AND feed_position > ${after} ORDER BY feed_position LIMIT ${limit + 1}) AS a
          UNION ALL
          SELECT * FROM (SELECT position, 'd' AS kind, tombstone AS body FROM ca_feed_deletions
            WHERE tenant_id = ${tenantId} AND position > ${after} ORDER BY position LIMIT ${limit + 1}) AS d
        ) AS feed ORDER BY position LIMIT ${limit + 1}`
      const out: Array<Change> = []
      for (const row of rows.slice(0, limit)) {
        const position = feedPosition(Number(row.position))
        out.push(
          row.kind === "a"
            ? { _tag: "Activity", position, activity: yield* decodeActivity(row.body) }
            : { _tag: "Deletion", position, tombstone: yield* decodeTombstone(row.body) }
        )
      }
      const last = out[out.length - 1]
      const position = last !== undefined ? last.position : query.after
      return { changes: out, more: rows.length > limit, ...(position === undefined ? {} : { position }) } satisfies ChangePage
    }).pipe(orStorageError("AccountStore.changes"))
}
