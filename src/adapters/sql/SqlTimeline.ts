/**
 * The timeline and histogram queries of the SQL account store.
 *
 * ## A page costs the same at any depth, for any filter
 *
 * The activities table has one index per way of filtering, each ending in the timeline's order
 * `(at_ms, seq)`: `(tenant, customer, at, seq)`, `(tenant, customer, group, actor kind, at, seq)`,
 * `(tenant, customer, type, actor kind, at, seq)` and `(tenant, customer, actor kind, at, seq)`.
 * A query is split into streams whose every filter column is an equality on an index's prefix:
 * with types, one stream per type and actor kind (all four kinds when none is asked for); with
 * groups, one per group and actor kind; with actor kinds alone, one per kind; without filters,
 * one. Each stream reads at most `limit + 1` rows from its index, starting at the cursor (and at
 * `until`), and the database merges the streams (`UNION ALL`, then `ORDER BY ... LIMIT`). So a
 * rare filter a thousand pages deep reads no row it does not return, and a filter that matches
 * nothing reads nothing: a page costs `O(streams × (log n + limit))`. A query asking for more
 * than 64 streams (dozens of types at once) is answered by one scan of the customer's timeline
 * instead.
 *
 * ## Histogram
 *
 * Counts per UTC day and group come from the database (`at_ms` is epoch milliseconds: the day is
 * integer arithmetic, never `date_trunc` in the session's time zone); the application folds days
 * into ISO weeks or calendar months.
 *
 * @module
 */
import { DateTime, Effect, Result } from "effect"
import type { SqlClient } from "effect/sql/SqlClient"
import type { Fragment } from "effect/sql/Statement"
import { Activity } from "../../domain/Activity.ts"
import { activityGroups, type ActivityGroup } from "../../domain/ActivityGroup.ts"
import { actorKinds } from "../../domain/Actor.ts"
import {
  type AccountStoreService,
  type HistogramBar,
  type HistogramBucket,
  maxPageSize,
  type Page
} from "../../ports/AccountStore.ts"
import { decodeTimelineCursor, fromJsonText, orStorageError, timelineCursor } from "./SqlCodec.ts"

const maxStreams = 64
const dayMillis = 86_400_000

const nonEmpty = <A>(values: ReadonlyArray<A> | undefined): ReadonlyArray<A> | undefined =>
  values === undefined || values.length === 0 ? undefined : [...new Set(values)]

/** The equality filters of each stream, or `undefined` for one scan with `IN` filters. */
const streamsOf = (
  types: ReadonlyArray<string> | undefined,
  groups: ReadonlyArray<string> | undefined,
  kinds: ReadonlyArray<string> | undefined
): Array<Record<string, string>> | undefined => {
  const everyKind = kinds ?? actorKinds
  const cross = (column: string, values: ReadonlyArray<string>) =>
    values.flatMap((value) => everyKind.map((kind) => ({ [column]: value, actor_kind: kind })))
  const streams = types !== undefined
    ? cross("type", types)
    : groups !== undefined
    ? cross("group_name", groups)
    : kinds !== undefined
    ? kinds.map((kind) => ({ actor_kind: kind }))
    : [{}]
  return streams.length > maxStreams ? undefined : streams
}

/** The timeline query over `sql`. */
export const timeline = (sql: SqlClient): AccountStoreService["timeline"] => {
  const decodeActivity = fromJsonText(Activity, "AccountStore.timeline")
  return (tenantId, customerId, query) =>
    Effect.gen(function*() {
      let cursor: { readonly at: number; readonly seq: number } | undefined
      if (query.cursor !== undefined) {
        const decoded = decodeTimelineCursor(query.cursor)
        if (Result.isFailure(decoded)) return yield* decoded.failure
        cursor = decoded.success
      }
      const limit = Number.isFinite(query.limit) ? Math.min(maxPageSize, Math.max(1, Math.floor(query.limit))) : maxPageSize
      const types = nonEmpty(query.types)
      const groups = nonEmpty(query.groups)
      const kinds = nonEmpty(query.actorKinds)

      const common: Array<Fragment> = [sql`tenant_id = ${tenantId}`, sql`customer_id = ${customerId}`]
      if (cursor !== undefined) common.push(sql`(at_ms, seq) < (${cursor.at}, ${cursor.seq})`)
      if (query.from !== undefined) common.push(sql`at_ms >= ${DateTime.toEpochMillis(query.from)}`)
      if (query.until !== undefined) common.push(sql`at_ms < ${DateTime.toEpochMillis(query.until)}`)
      // A group filter beside types only drops types of other groups.
      if (types !== undefined && groups !== undefined) common.push(sql.in("group_name", groups))

      const streams = streamsOf(types, groups, kinds)
      const select = (filters: ReadonlyArray<Fragment>) =>
        sql`SELECT seq, at_ms, body FROM ca_activities WHERE ${sql.and(filters)} ORDER BY at_ms DESC, seq DESC LIMIT ${limit + 1}`
      let statement
      if (streams === undefined) {
        const filters = [...common]
        if (types !== undefined) filters.push(sql.in("type", types))
        if (groups !== undefined && types === undefined) filters.push(sql.in("group_name", groups))
        if (kinds !== undefined) filters.push(sql.in("actor_kind", kinds))
        statement = select(filters)
      } else if (streams.length === 1) {
        statement = select([...common, ...Object.entries(streams[0]!).map(([column, value]) => sql`${sql(column)} = ${value}`)])
      } else {
        const parts = streams.map((stream, i) =>
          sql`SELECT * FROM (${
            select([...common, ...Object.entries(stream).map(([column, value]) => sql`${sql(column)} = ${value}`)])
          }) AS ${sql(`s${i}`)}`
        )
        statement = sql`${sql.join(" UNION ALL ", false)(parts)} ORDER BY at_ms DESC, seq DESC LIMIT ${limit + 1}`
      }
      const rows = yield* sql<{ seq: unknown; at_ms: unknown; body: unknown }>`${statement}`
      const items: Array<Activity> = []
      for (const row of rows.slice(0, limit)) items.push(yield* decodeActivity(row.body))
      const last = rows[limit - 1]
      return (rows.length > limit && last !== undefined
        ? { items, nextCursor: timelineCursor(Number(last.at_ms), Number(last.seq)) }
        : { items }) satisfies Page<Activity>
    }).pipe(orStorageError("AccountStore.timeline"))
}

const bucketStart = (bucket: HistogramBucket, dayStart: number): number => {
  const day = Math.floor(dayStart / dayMillis)
  switch (bucket) {
    case "day":
      return dayStart
    case "week": {
      // 1970-01-01 was a Thursday; (day + 3) mod 7 is the number of days since Monday.
      const sinceMonday = (((day + 3) % 7) + 7) % 7
      return (day - sinceMonday) * dayMillis
    }
    case "month": {
      const date = new Date(dayStart)
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
    }
  }
}

/** The histogram query over `sql`. */
export const histogram = (sql: SqlClient): AccountStoreService["histogram"] => (tenantId, customerId, query) =>
  Effect.gen(function*() {
    const filters: Array<Fragment> = [sql`tenant_id = ${tenantId}`, sql`customer_id = ${customerId}`]
    const groups = nonEmpty(query.groups)
    if (groups !== undefined) filters.push(sql.in("group_name", groups))
    if (query.from !== undefined) filters.push(sql`at_ms >= ${DateTime.toEpochMillis(query.from)}`)
    if (query.until !== undefined) filters.push(sql`at_ms < ${DateTime.toEpochMillis(query.until)}`)
    const rows = yield* sql<{ day_ms: unknown; group_name: string; n: unknown }>`SELECT
        at_ms - (((at_ms % ${dayMillis}) + ${dayMillis}) % ${dayMillis}) AS day_ms, group_name, COUNT(*) AS n
      FROM ca_activities WHERE ${sql.and(filters)} GROUP BY 1, 2`
    const counts = new Map<number, Map<string, number>>()
    for (const row of rows) {
      const bucket = bucketStart(query.bucket, Number(row.day_ms))
      let perGroup = counts.get(bucket)
      if (perGroup === undefined) {
        perGroup = new Map()
        counts.set(bucket, perGroup)
      }
      perGroup.set(row.group_name, (perGroup.get(row.group_name) ?? 0) + Number(row.n))
    }
    const bars: Array<HistogramBar> = []
    for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
      const perGroup = counts.get(bucket)!
      for (const group of activityGroups) {
        const count = perGroup.get(group)
        if (count !== undefined) bars.push({ start: DateTime.makeUnsafe(bucket), group: group as ActivityGroup, count })
      }
    }
    return bars
  }).pipe(orStorageError("AccountStore.histogram"))
