/**
 * The account store over SQL, for PostgreSQL and SQLite alike: an implementation of the
 * `AccountStore` port on Effect's `SqlClient`, over the tables of `Migrations.ts`.
 *
 * ## Writes
 *
 * A `save` or `remove` is one transaction. It reads the stored version (PostgreSQL: `FOR UPDATE`;
 * SQLite: the transaction holds the database's write lock), checks in the order the memory store
 * does (version, number, email, activities, idempotency key), and writes the account row, the
 * activities and the idempotency record. Concurrent writers that pass the checks together are
 * stopped by the constraints (primary key, unique number, unique email, unique idempotency key),
 * whose violations map to the port's typed errors; a failed statement rolls everything back.
 *
 * - A registration takes the tenant's next registration number from `ca_counters` in its
 *   transaction. The counter's row lock is held until the commit, so registrations of one tenant
 *   commit in the order of their numbers and the customer list, read in that order, never misses
 *   a row that commits late (an identity sequence would).
 * - A registration also advances the tenant's customer-number counter past a numeric number it
 *   stores (an imported customer's), so the number port never hands that number out.
 * - Deletion keeps the account's row as the tombstone (account JSON, keys and list columns set to
 *   NULL), so neither its id nor its number can be used again.
 *
 * ## Reads
 *
 * The timeline and histogram queries are in `SqlTimeline.ts`. The customer search matches an
 * exact number, an exact email key or a name-key prefix, in registration order; a prefix is an
 * index range (`key >= prefix AND key < successor`, code point order), not a `LIKE` pattern.
 *
 * @module
 */
import { DateTime, Effect, Option, Result } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { SqlError } from "effect/sql/SqlError"
import { Account, displayName, Tombstone } from "../../domain/Account.ts"
import { Activity } from "../../domain/Activity.ts"
import { normalizeEmail } from "../../domain/Email.ts"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import {
  type AccountRemoval,
  type AccountStoreService,
  type AccountWrite,
  CustomerNumberTaken,
  type CustomerListRow,
  EmailTaken,
  IdempotencyRecord,
  maxPageSize,
  type Page,
  StorageError,
  VersionConflict
} from "../../ports/AccountStore.ts"
import {
  decodeSearchCursor,
  fromJsonText,
  isStorableKey,
  nameKeys,
  orStorageError,
  prefixSuccessor,
  searchCursor,
  toJsonText,
  transaction,
  violatedConstraint
} from "./SqlCodec.ts"
import * as SqlChangeFeed from "./SqlChangeFeed.ts"
import * as SqlIntents from "./SqlIntents.ts"
import { histogram, timeline } from "./SqlTimeline.ts"

const accountJson = toJsonText(Account)
const activityJson = toJsonText(Activity)
const tombstoneJson = toJsonText(Tombstone)
const recordJson = toJsonText(IdempotencyRecord)

type SaveError = VersionConflict | EmailTaken | CustomerNumberTaken | StorageError

const numericNumber = /^[0-9]{1,15}$/

const conflict = (customerId: CustomerId, expectedVersion: number, actualVersion: number, message: string) =>
  new VersionConflict({ rule: "command.optimistic-concurrency", customerId, expectedVersion, actualVersion, message })

const emailTaken = () =>
  new EmailTaken({
    rule: "tenant.email-unique",
    path: "profile.email",
    message: "Another live customer of this tenant has this email (rule tenant.email-unique)"
  })

const numberTaken = (customerNumber: Account["customerNumber"]) =>
  new CustomerNumberTaken({
    rule: "tenant.customer-number",
    customerNumber,
    message: `Customer number ${customerNumber} is taken in this tenant, now or by a deleted customer (rule tenant.customer-number)`
  })

interface StoredHead {
  readonly version: number
  readonly customerNumber: string
  readonly lastSeq: number
  readonly deleted: boolean
}

/** Rows of an insert, in chunks small enough for every database's parameter limit. */
const chunks = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const clampLimit = (limit: number): number =>
  Number.isFinite(limit) ? Math.min(maxPageSize, Math.max(1, Math.floor(limit))) : maxPageSize

/**
 * Makes the account store over the `SqlClient` in context (PostgreSQL or SQLite), whose database
 * must be migrated (`Migrations.migrate`).
 *
 * @category constructors
 */
export const make: Effect.Effect<AccountStoreService, never, SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient
  const isPg = sql.onDialectOrElse({ pg: () => true, orElse: () => false })
  const forUpdate = sql.literal(isPg ? "FOR UPDATE" : "")

  const decodeAccount = fromJsonText(Account, "AccountStore.load")
  const decodeTombstone = fromJsonText(Tombstone, "AccountStore.tombstone")
  const decodeRecord = fromJsonText(IdempotencyRecord, "AccountStore.idempotencyRecord")

  const firstAccount = (rows: ReadonlyArray<{ readonly account: unknown }>) =>
    rows.length === 0 ? Effect.succeed(Option.none<Account>()) : Effect.map(decodeAccount(rows[0]!.account), Option.some)

  // -------------------------------------------------------------------------------------------
  // Reads of accounts
  // -------------------------------------------------------------------------------------------

  const load: AccountStoreService["load"] = (tenantId, customerId) =>
    sql<{ account: unknown }>`SELECT account FROM ca_accounts
      WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND account IS NOT NULL`.pipe(
      Effect.flatMap(firstAccount),
      orStorageError("AccountStore.load")
    )

  const loadByNumber: AccountStoreService["loadByNumber"] = (tenantId, customerNumber) =>
    sql<{ account: unknown }>`SELECT account FROM ca_accounts
      WHERE tenant_id = ${tenantId} AND customer_number = ${customerNumber} AND account IS NOT NULL`.pipe(
      Effect.flatMap(firstAccount),
      orStorageError("AccountStore.loadByNumber")
    )

  const loadByEmail: AccountStoreService["loadByEmail"] = (tenantId, email) => {
    const key = normalizeEmail(email)
    if (!isStorableKey(key)) return Effect.succeed(Option.none())
    return sql<{ account: unknown }>`SELECT account FROM ca_accounts
      WHERE tenant_id = ${tenantId} AND email_key = ${key}`.pipe(
      Effect.flatMap(firstAccount),
      orStorageError("AccountStore.loadByEmail")
    )
  }

  const tombstone: AccountStoreService["tombstone"] = (tenantId, customerId) =>
    sql<{ tombstone: unknown }>`SELECT tombstone FROM ca_accounts
      WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND tombstone IS NOT NULL`.pipe(
      Effect.flatMap((rows) =>
        rows.length === 0 ? Effect.succeed(Option.none<Tombstone>()) : Effect.map(decodeTombstone(rows[0]!.tombstone), Option.some)
      ),
      orStorageError("AccountStore.tombstone")
    )

  const idempotencyRecord: AccountStoreService["idempotencyRecord"] = (tenantId, key) =>
    sql<{ record: unknown }>`SELECT record FROM ca_idempotency
      WHERE tenant_id = ${tenantId} AND idempotency_key = ${key}`.pipe(
      Effect.flatMap((rows) =>
        rows.length === 0 ? Effect.succeed(Option.none<IdempotencyRecord>()) : Effect.map(decodeRecord(rows[0]!.record), Option.some)
      ),
      orStorageError("AccountStore.idempotencyRecord")
    )

  // -------------------------------------------------------------------------------------------
  // save
  // -------------------------------------------------------------------------------------------

  const head = (tenantId: TenantId, customerId: CustomerId, lock: boolean) =>
    Effect.map(
      sql<{ version: unknown; customer_number: string; last_seq: unknown; deleted: unknown }>`SELECT version, customer_number,
        last_seq, CASE WHEN tombstone IS NULL THEN 0 ELSE 1 END AS deleted
        FROM ca_accounts WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} ${lock ? forUpdate : sql.literal("")}`,
      (rows): StoredHead | undefined => {
        const row = rows[0]
        return row === undefined ? undefined : {
          version: Number(row.version),
          customerNumber: row.customer_number,
          lastSeq: Number(row.last_seq),
          deleted: Number(row.deleted) === 1
        }
      }
    )

  const exists = (statement: Effect.Effect<ReadonlyArray<unknown>, SqlError>) => Effect.map(statement, (rows) => rows.length > 0)

  /** The tenant's next value of a counter, in the current transaction (its row stays locked). */
  const nextCounter = (tenantId: TenantId, name: string, first: number) =>
    Effect.map(
      sql<{ value: unknown }>`INSERT INTO ca_counters (tenant_id, name, value) VALUES (${tenantId}, ${name}, ${first + 1})
        ON CONFLICT (tenant_id, name) DO UPDATE SET value = ca_counters.value + 1
        RETURNING value`,
      (rows) => Number(rows[0]!.value) - 1
    )

  const save: AccountStoreService["save"] = (tenantId, write: AccountWrite) => {
    const operation = "AccountStore.save"
    const invalid = (message: string) => Effect.fail(new StorageError({ operation, message: `Refused a malformed write: ${message}` }))
    const account = write.account
    if (account === null || typeof account !== "object" || account.tenantId !== tenantId) {
      return invalid(`the account belongs to another tenant than the write names (rule tenant.isolation)`)
    }
    const customerId = account.customerId
    const expected = write.expectedVersion

    const body = Effect.gen(function*() {
      const stored = yield* head(tenantId, customerId, expected !== 0)

      // Optimistic concurrency first: a stale write is retried, whatever else is wrong with it.
      if (expected === 0) {
        if (stored !== undefined) {
          return yield* conflict(
            customerId,
            0,
            stored.deleted ? 0 : stored.version,
            stored.deleted
              ? `Customer ${customerId} was deleted; its id is not given again`
              : `Customer ${customerId} exists already (version ${stored.version}); a new account expects none`
          )
        }
      } else if (stored === undefined || stored.deleted || stored.version !== expected) {
        const actual = stored === undefined || stored.deleted ? 0 : stored.version
        return yield* conflict(
          customerId,
          expected,
          actual,
          actual === 0
            ? `Customer ${customerId} does not exist; the write expected version ${expected}`
            : `Customer ${customerId} is at version ${actual}; the write expected version ${expected}`
        )
      }
      if (account.version !== expected + 1) {
        return yield* invalid(`the account's version is ${account.version}; a write expecting ${expected} stores ${expected + 1}`)
      }
      const json = accountJson(account)
      if (Result.isFailure(json)) return yield* invalid(`the account does not encode: ${json.failure}`)

      // Customer numbers (rule tenant.customer-number).
      if (stored === undefined) {
        const taken = yield* exists(
          sql`SELECT 1 FROM ca_accounts WHERE tenant_id = ${tenantId} AND customer_number = ${account.customerNumber}`
        )
        if (taken) return yield* numberTaken(account.customerNumber)
      } else if (stored.customerNumber !== account.customerNumber) {
        return yield* invalid(`the customer number of ${customerId} cannot change (rule tenant.customer-number)`)
      }

      // Email (rule tenant.email-unique): only a live account holds its email.
      const emailKey = account.lifecycle.status === "anonymized" ? null : normalizeEmail(account.profile.email)
      const keys = nameKeys(account)
      for (const key of [emailKey, keys.first_key, keys.last_key, keys.company_key, account.customerNumber]) {
        if (key !== null && !isStorableKey(key)) {
          return yield* invalid("a name, email or number holds NUL or a lone surrogate, which the database cannot index")
        }
      }
      if (emailKey !== null) {
        const taken = yield* exists(
          sql`SELECT 1 FROM ca_accounts WHERE tenant_id = ${tenantId} AND email_key = ${emailKey} AND customer_id <> ${customerId}`
        )
        if (taken) return yield* emailTaken()
      }

      // Activities.
      const seen = new Set<string>()
      const appendRows: Array<Record<string, unknown>> = []
      let seq = stored?.lastSeq ?? 0
      for (const activity of write.append) {
        if (activity.tenantId !== tenantId || activity.customerId !== customerId) {
          return yield* invalid(`activity ${activity.id} belongs to another customer or tenant than the account`)
        }
        if (seen.has(activity.id)) return yield* invalid(`activity id ${activity.id} is used twice`)
        seen.add(activity.id)
        const body = activityJson(activity)
        if (Result.isFailure(body)) return yield* invalid(`activity ${activity.id} does not encode: ${body.failure}`)
        appendRows.push({
          tenant_id: tenantId,
          customer_id: customerId,
          seq: ++seq,
          activity_id: activity.id,
          at_ms: DateTime.toEpochMillis(activity.at),
          group_name: activity.group,
          type: activity.type,
          actor_kind: activity.actor._tag,
          body: body.success
        })
      }
      const rewriteRows: Array<{ readonly activity: Activity; readonly body: string }> = []
      for (const activity of write.rewrite ?? []) {
        if (activity.tenantId !== tenantId || activity.customerId !== customerId) {
          return yield* invalid(`activity ${activity.id} belongs to another customer or tenant than the account`)
        }
        if (seen.has(activity.id)) return yield* invalid(`activity id ${activity.id} is written twice`)
        seen.add(activity.id)
        const body = activityJson(activity)
        if (Result.isFailure(body)) return yield* invalid(`activity ${activity.id} does not encode: ${body.failure}`)
        rewriteRows.push({ activity, body: body.success })
      }

      // Idempotency record (rule command.idempotency).
      let record: string | undefined
      if (write.idempotency !== undefined) {
        if (write.idempotency.customerId !== customerId) return yield* invalid("the idempotency record names another customer")
        const encoded = recordJson(write.idempotency)
        if (Result.isFailure(encoded)) return yield* invalid(`the idempotency record does not encode: ${encoded.failure}`)
        record = encoded.success
        const taken = yield* exists(
          sql`SELECT 1 FROM ca_idempotency WHERE tenant_id = ${tenantId} AND idempotency_key = ${write.idempotency.key}`
        )
        if (taken) {
          return yield* conflict(
            customerId,
            expected,
            stored?.version ?? 0,
            `The idempotency key ${write.idempotency.key} was recorded by another command first (rule command.idempotency)`
          )
        }
      }

      const intents = SqlIntents.intentRows(tenantId, customerId, write.intents)
      if (Result.isFailure(intents)) return yield* invalid(intents.failure)

      // The account row.
      const columns = {
        version: account.version,
        last_seq: seq,
        account: json.success,
        email_key: emailKey,
        ...keys,
        display_name: displayName(account),
        email: account.profile.email,
        status: account.lifecycle.status
      }
      if (stored === undefined) {
        const registration = yield* nextCounter(tenantId, "registration", 1)
        yield* sql`INSERT INTO ca_accounts ${
          sql.insert({
            tenant_id: tenantId,
            customer_id: customerId,
            customer_number: account.customerNumber,
            registration,
            ...columns
          })
        }`
        if (numericNumber.test(account.customerNumber)) {
          const after = Number(account.customerNumber) + 1
          yield* sql`UPDATE ca_counters SET value = ${after}
            WHERE tenant_id = ${tenantId} AND name = 'customer-number' AND value < ${after}`
        }
      } else {
        yield* sql`UPDATE ca_accounts SET ${sql.update(columns)}
          WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}`
      }

      for (const { activity, body } of rewriteRows) {
        const updated = yield* sql`UPDATE ca_activities SET at_ms = ${DateTime.toEpochMillis(activity.at)},
          group_name = ${activity.group}, type = ${activity.type}, actor_kind = ${activity.actor._tag}, body = ${body}
          WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND activity_id = ${activity.id}
          RETURNING seq`
        if (updated.length === 0) {
          return yield* invalid(`activity ${activity.id} is not in the customer's timeline and cannot be rewritten`)
        }
      }
      if (write.forgetIdempotency === true) {
        yield* sql`DELETE FROM ca_idempotency WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}`
      }
      if (write.idempotency !== undefined && record !== undefined) {
        yield* sql`INSERT INTO ca_idempotency ${
          sql.insert({ tenant_id: tenantId, idempotency_key: write.idempotency.key, customer_id: customerId, record })
        }`
      }
      yield* SqlIntents.upsertIntents(sql, intents.success)

      // The feed's positions last: the tenant's feed counter stays locked until the commit.
      if (appendRows.length > 0) {
        const first = yield* SqlChangeFeed.takePositions(sql, tenantId, appendRows.length)
        appendRows.forEach((row, i) => {
          row.feed_position = first + i
        })
        for (const rows of chunks(appendRows, 500)) {
          yield* sql`INSERT INTO ca_activities ${sql.insert(rows as [Record<string, unknown>, ...Array<Record<string, unknown>>])}`
        }
      }
    })

    return transaction(sql, body).pipe(
      // A constraint that stopped a concurrent writer the checks could not see.
      Effect.catchTag("SqlError", (e): Effect.Effect<never, SaveError | SqlError> => {
        const constraint = violatedConstraint(e)
        if (constraint === undefined) return Effect.fail(e)
        if (constraint.includes("email")) return Effect.fail(emailTaken())
        if (constraint.includes("number")) return Effect.fail(numberTaken(account.customerNumber))
        if (constraint.includes("activit")) return invalid("an activity id is used twice")
        // The id or the idempotency key was taken by a concurrent writer: report what is stored now.
        return Effect.flatMap(head(tenantId, customerId, false), (now) =>
          Effect.fail(
            conflict(
              customerId,
              expected,
              now === undefined || now.deleted ? 0 : now.version,
              `Customer ${customerId} or the write's idempotency key was written concurrently`
            )
          ))
      }),
      orStorageError(operation)
    )
  }

  // -------------------------------------------------------------------------------------------
  // remove
  // -------------------------------------------------------------------------------------------

  const remove: AccountStoreService["remove"] = (tenantId, removal: AccountRemoval) => {
    const operation = "AccountStore.remove"
    const invalid = (message: string) => Effect.fail(new StorageError({ operation, message: `Refused a malformed removal: ${message}` }))
    const stone = removal.tombstone
    if (stone.tenantId !== tenantId) {
      return invalid(`the tombstone belongs to tenant ${stone.tenantId}, the removal names ${tenantId} (rule tenant.isolation)`)
    }
    const customerId = stone.customerId
    const body = Effect.gen(function*() {
      const stored = yield* head(tenantId, customerId, true)
      if (stored === undefined || stored.deleted || stored.version !== removal.expectedVersion) {
        const actual = stored === undefined || stored.deleted ? 0 : stored.version
        return yield* conflict(
          customerId,
          removal.expectedVersion,
          actual,
          actual === 0
            ? `Customer ${customerId} does not exist; nothing to remove`
            : `Customer ${customerId} is at version ${actual}; the removal expected version ${removal.expectedVersion}`
        )
      }
      if (stone.customerNumber !== stored.customerNumber) {
        return yield* invalid(`the tombstone's number ${stone.customerNumber} is not the account's`)
      }
      const json = tombstoneJson(stone)
      if (Result.isFailure(json)) return yield* invalid(`the tombstone does not encode: ${json.failure}`)
      const intents = SqlIntents.intentRows(tenantId, customerId, removal.intents)
      if (Result.isFailure(intents)) return yield* invalid(intents.failure)
      yield* sql`UPDATE ca_accounts SET account = NULL, tombstone = ${json.success}, email_key = NULL, first_key = NULL,
        last_key = NULL, full_key = NULL, company_key = NULL, display_name = NULL, email = NULL, status = NULL
        WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}`
      yield* sql`DELETE FROM ca_activities WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}`
      yield* sql`DELETE FROM ca_idempotency WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}`
      yield* SqlIntents.upsertIntents(sql, intents.success)
      const position = yield* SqlChangeFeed.takePositions(sql, tenantId, 1)
      yield* sql`INSERT INTO ca_feed_deletions ${
        sql.insert({ tenant_id: tenantId, position, customer_id: customerId, tombstone: json.success })
      }`
    })
    return transaction(sql, body).pipe(orStorageError(operation))
  }

  // -------------------------------------------------------------------------------------------
  // search
  // -------------------------------------------------------------------------------------------

  const search: AccountStoreService["search"] = (tenantId, query) =>
    Effect.gen(function*() {
      let after = 0
      if (query.cursor !== undefined) {
        const decoded = decodeSearchCursor(query.cursor)
        if (Result.isFailure(decoded)) return yield* decoded.failure
        after = decoded.success.registration
      }
      const limit = clampLimit(query.limit)
      const text = query.text?.trim()
      let filter = sql.literal("")
      if (text !== undefined) {
        const prefix = text.toLowerCase()
        const email = normalizeEmail(text)
        if (!isStorableKey(text)) return { items: [] } satisfies Page<CustomerListRow>
        const upper = prefixSuccessor(prefix)
        const range = (column: string) =>
          upper === undefined
            ? sql`${sql(column)} >= ${prefix}`
            : sql`(${sql(column)} >= ${prefix} AND ${sql(column)} < ${upper})`
        filter = sql`AND (customer_number = ${text} OR email_key = ${email} OR ${range("first_key")} OR ${range("last_key")}
          OR ${range("full_key")} OR ${range("company_key")})`
      }
      const rows = yield* sql<{
        customer_id: string
        customer_number: string
        display_name: string
        email: string
        status: string
        registration: unknown
      }>`SELECT customer_id, customer_number, display_name, email, status, registration FROM ca_accounts
        WHERE tenant_id = ${tenantId} AND account IS NOT NULL AND registration > ${after} ${filter}
        ORDER BY registration LIMIT ${limit + 1}`
      const items = rows.slice(0, limit).map((row): CustomerListRow => ({
        customerId: row.customer_id as CustomerId,
        customerNumber: row.customer_number as CustomerListRow["customerNumber"],
        displayName: row.display_name,
        email: row.email,
        status: row.status as CustomerListRow["status"]
      }))
      const last = rows[limit - 1]
      return (rows.length > limit && last !== undefined
        ? { items, nextCursor: searchCursor(Number(last.registration)) }
        : { items }) satisfies Page<CustomerListRow>
    }).pipe(orStorageError("AccountStore.search"))

  return {
    load,
    loadByNumber,
    loadByEmail,
    save,
    remove,
    tombstone,
    idempotencyRecord,
    timeline: timeline(sql),
    histogram: histogram(sql),
    search,
    ...SqlIntents.make(sql),
    changes: SqlChangeFeed.changes(sql)
  }
})
