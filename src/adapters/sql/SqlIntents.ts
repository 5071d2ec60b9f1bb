/**
 * Intents in the SQL account store (rules `effects.in-the-write`, `effects.at-least-once`): the
 * table `ca_intents`, one row per intent with the columns its queries filter on and the intent as
 * JSON text. A write's intents are upserted in the write's transaction; `recordIntent` upserts
 * one on its own. A stored `done` intent stays done: the upsert's `WHERE ca_intents.status <>
 * 'done'` leaves it as it is.
 *
 * @module
 */
import { DateTime, Effect, Option, Result } from "effect"
import type { SqlClient } from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import type { Fragment } from "effect/sql/Statement"
import type { TenantId } from "../../domain/Ids.ts"
import { Intent } from "../../domain/Intent.ts"
import { type AccountStoreService, maxPageSize, StorageError } from "../../ports/AccountStore.ts"
import { fromJsonText, orStorageError, toJsonText } from "./SqlCodec.ts"

const intentJson = toJsonText(Intent)

/** An intent's row. */
export type IntentRow = Record<string, string | number | null>

/**
 * Checks and encodes intents (of `customerId`'s write, or any customer's when it is undefined);
 * a message when one is malformed.
 */
export const intentRows = (
  tenantId: TenantId,
  customerId: string | undefined,
  intents: ReadonlyArray<Intent> | undefined
): Result.Result<ReadonlyArray<IntentRow>, string> => {
  const rows: Array<IntentRow> = []
  const seen = new Set<string>()
  for (const intent of intents ?? []) {
    if (customerId !== undefined && intent.customerId !== customerId) return Result.fail(`intent ${intent.id} names another customer`)
    if (seen.has(intent.id)) return Result.fail(`intent id ${intent.id} is written twice`)
    seen.add(intent.id)
    const json = intentJson(intent)
    if (Result.isFailure(json)) return Result.fail(`intent ${intent.id} does not encode: ${json.failure}`)
    rows.push({
      tenant_id: tenantId,
      intent_id: intent.id,
      customer_id: intent.customerId,
      kind: intent.kind,
      stage: intent.stage,
      command_key: intent.commandKey ?? null,
      status: intent.status,
      created_at_ms: DateTime.toEpochMillis(intent.createdAt),
      due_at_ms: DateTime.toEpochMillis(intent.dueAt),
      intent: json.success
    })
  }
  return Result.succeed(rows)
}

/** Upserts checked intents; a stored `done` intent stays done. */
export const upsertIntents = (sql: SqlClient, rows: ReadonlyArray<IntentRow>): Effect.Effect<void, SqlError> =>
  Effect.forEach(
    rows,
    (row) =>
      sql`INSERT INTO ca_intents ${sql.insert(row)}
        ON CONFLICT (tenant_id, intent_id) DO UPDATE SET customer_id = excluded.customer_id, kind = excluded.kind,
          stage = excluded.stage, command_key = excluded.command_key, status = excluded.status,
          created_at_ms = excluded.created_at_ms, due_at_ms = excluded.due_at_ms, intent = excluded.intent
        WHERE ca_intents.status <> 'done'`,
    { discard: true }
  )

/** The port's intent methods over `sql`. */
export const make = (sql: SqlClient): Pick<AccountStoreService, "recordIntent" | "intent" | "intents"> => {
  const decodeIntent = fromJsonText(Intent, "AccountStore.intent")
  const decodeIntents = fromJsonText(Intent, "AccountStore.intents")

  const recordIntent: AccountStoreService["recordIntent"] = (tenantId, intent) => {
    const rows = intentRows(tenantId, undefined, [intent])
    return Result.isFailure(rows)
      ? Effect.fail(new StorageError({ operation: "AccountStore.recordIntent", message: `Refused a malformed intent: ${rows.failure}` }))
      : upsertIntents(sql, rows.success).pipe(orStorageError("AccountStore.recordIntent"))
  }

  const intent: AccountStoreService["intent"] = (tenantId, id) =>
    sql<{ intent: unknown }>`SELECT intent FROM ca_intents WHERE tenant_id = ${tenantId} AND intent_id = ${id}`.pipe(
      Effect.flatMap((rows) =>
        rows.length === 0 ? Effect.succeed(Option.none<Intent>()) : Effect.map(decodeIntent(rows[0]!.intent), Option.some)
      ),
      orStorageError("AccountStore.intent")
    )

  const intents: AccountStoreService["intents"] = (tenantId, query) =>
    Effect.gen(function*() {
      const filters: Array<Fragment> = [sql`tenant_id = ${tenantId}`]
      if (query.status !== undefined && query.status.length > 0) filters.push(sql.in("status", query.status))
      if (query.kinds !== undefined && query.kinds.length > 0) filters.push(sql.in("kind", query.kinds))
      if (query.customerId !== undefined) filters.push(sql`customer_id = ${query.customerId}`)
      if (query.commandKey !== undefined) filters.push(sql`command_key = ${query.commandKey}`)
      if (query.stage !== undefined) filters.push(sql`stage = ${query.stage}`)
      if (query.dueBy !== undefined) filters.push(sql`due_at_ms <= ${DateTime.toEpochMillis(query.dueBy)}`)
      const limit = Number.isFinite(query.limit) ? Math.min(maxPageSize, Math.max(1, Math.floor(query.limit))) : maxPageSize
      const rows = yield* sql<{ intent: unknown }>`SELECT intent FROM ca_intents WHERE ${sql.and(filters)}
        ORDER BY created_at_ms, intent_id LIMIT ${limit}`
      return yield* Effect.forEach(rows, (row) => decodeIntents(row.intent))
    }).pipe(orStorageError("AccountStore.intents"))

  return { recordIntent, intent, intents }
}
