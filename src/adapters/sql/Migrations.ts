/**
 * The versioned schema of the SQL stores (PostgreSQL and SQLite), run by Effect's SQL migrator.
 *
 * Migrations are numbered and never edited once released: a change to the schema is a new
 * migration. {@link migrate} runs the ones a database lacks, records them in the table
 * {@link migrationsTable}, and does nothing when the database is up to date, so it is safe to run
 * on every start and from several processes at once (PostgreSQL: the migrator locks its table;
 * SQLite: the write lock). All pending migrations run in one transaction: a failure leaves the
 * database as it was.
 *
 * Every table's primary key and every index starts with `tenant_id` (a test checks the real
 * catalogue), so a distributed PostgreSQL such as Citus can shard every table by tenant and every
 * statement of the stores, which always names its tenant, runs on one shard.
 *
 * Instants are stored as epoch milliseconds (`bigint`), never as `timestamptz`: nothing depends on
 * the session's time zone. Accounts, activities, tombstones and idempotency records are stored as
 * their Schema's JSON text (`text`, not `jsonb`, which would reorder the keys of additional data);
 * the columns beside the JSON are derived keys for lookups, computed by the application (the email
 * key with the domain's `normalizeEmail`, name keys with JavaScript's `toLowerCase`), so the
 * database's own case rules never differ from the memory store's.
 *
 * @module
 */
import { Effect } from "effect"
import * as Migrator from "effect/sql/Migrator"
import { SqlClient } from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"

/**
 * The table the migrator records applied migrations in.
 *
 * @category migrations
 */
export const migrationsTable = "customer_account_migrations"

/** Column types per dialect. */
interface Types {
  readonly text: string
  /** Text compared by code point (byte order of UTF-8): name keys' prefix ranges rely on it. */
  readonly key: string
  readonly int: string
  readonly bytes: string
}

const pgTypes: Types = { text: "text", key: "text COLLATE \"C\"", int: "bigint", bytes: "bytea" }
const sqliteTypes: Types = { text: "TEXT", key: "TEXT", int: "INTEGER", bytes: "BLOB" }

/** The statements of migration 1, the initial schema. */
const initialSchema = (t: Types): ReadonlyArray<string> => [
  // Per-tenant counters: customer numbers, the customer list's registration order.
  `CREATE TABLE ca_counters (
    tenant_id ${t.text} NOT NULL,
    name ${t.text} NOT NULL,
    value ${t.int} NOT NULL,
    PRIMARY KEY (tenant_id, name)
  )`,
  // Live, anonymized and deleted customers in one table: a deleted customer keeps its row (the
  // tombstone), so the primary key and the number's unique constraint never let an id or a
  // number be used twice.
  `CREATE TABLE ca_accounts (
    tenant_id ${t.text} NOT NULL,
    customer_id ${t.text} NOT NULL,
    customer_number ${t.text} NOT NULL,
    version ${t.int} NOT NULL,
    registration ${t.int} NOT NULL,
    last_seq ${t.int} NOT NULL,
    account ${t.text},
    tombstone ${t.text},
    email_key ${t.text},
    first_key ${t.key},
    last_key ${t.key},
    full_key ${t.key},
    company_key ${t.key},
    display_name ${t.text},
    email ${t.text},
    status ${t.text},
    PRIMARY KEY (tenant_id, customer_id),
    CONSTRAINT ca_accounts_number_unique UNIQUE (tenant_id, customer_number),
    CONSTRAINT ca_accounts_email_unique UNIQUE (tenant_id, email_key),
    CONSTRAINT ca_accounts_registration_unique UNIQUE (tenant_id, registration)
  )`,
  `CREATE INDEX ca_accounts_first_key ON ca_accounts (tenant_id, first_key)`,
  `CREATE INDEX ca_accounts_last_key ON ca_accounts (tenant_id, last_key)`,
  `CREATE INDEX ca_accounts_full_key ON ca_accounts (tenant_id, full_key)`,
  `CREATE INDEX ca_accounts_company_key ON ca_accounts (tenant_id, company_key)`,
  // The timeline: one index per filter dimension, each ending in the timeline's order, so a
  // page of any filter reads only the rows it returns (see SqlTimeline).
  `CREATE TABLE ca_activities (
    tenant_id ${t.text} NOT NULL,
    customer_id ${t.text} NOT NULL,
    seq ${t.int} NOT NULL,
    activity_id ${t.text} NOT NULL,
    at_ms ${t.int} NOT NULL,
    group_name ${t.text} NOT NULL,
    type ${t.text} NOT NULL,
    actor_kind ${t.text} NOT NULL,
    body ${t.text} NOT NULL,
    PRIMARY KEY (tenant_id, customer_id, seq),
    CONSTRAINT ca_activities_id_unique UNIQUE (tenant_id, customer_id, activity_id)
  )`,
  `CREATE INDEX ca_activities_at ON ca_activities (tenant_id, customer_id, at_ms, seq)`,
  `CREATE INDEX ca_activities_group ON ca_activities (tenant_id, customer_id, group_name, actor_kind, at_ms, seq)`,
  `CREATE INDEX ca_activities_type ON ca_activities (tenant_id, customer_id, type, actor_kind, at_ms, seq)`,
  `CREATE INDEX ca_activities_actor ON ca_activities (tenant_id, customer_id, actor_kind, at_ms, seq)`,
  `CREATE TABLE ca_idempotency (
    tenant_id ${t.text} NOT NULL,
    idempotency_key ${t.text} NOT NULL,
    customer_id ${t.text} NOT NULL,
    record ${t.text} NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
  )`,
  `CREATE INDEX ca_idempotency_customer ON ca_idempotency (tenant_id, customer_id)`,
  `CREATE TABLE ca_files (
    tenant_id ${t.text} NOT NULL,
    customer_id ${t.text} NOT NULL,
    file_id ${t.text} NOT NULL,
    position ${t.int} NOT NULL,
    bytes ${t.bytes} NOT NULL,
    PRIMARY KEY (tenant_id, customer_id, file_id)
  )`,
  `CREATE TABLE ca_outbox (
    tenant_id ${t.text} NOT NULL,
    mail_id ${t.text} NOT NULL,
    customer_id ${t.text} NOT NULL,
    queued_at_ms ${t.int} NOT NULL,
    template ${t.text} NOT NULL,
    recipient ${t.text} NOT NULL,
    data ${t.text} NOT NULL,
    secret ${t.text},
    reference ${t.text},
    not_after_ms ${t.int},
    PRIMARY KEY (tenant_id, mail_id)
  )`,
  `CREATE INDEX ca_outbox_customer ON ca_outbox (tenant_id, customer_id, reference)`,
  `CREATE INDEX ca_outbox_queued ON ca_outbox (tenant_id, queued_at_ms)`
]

/**
 * The statements of migration 2: intents (issue 11) and the change feed. Activities stored before
 * it get feed positions per tenant (by customer and append order); deletions before it have no
 * feed entry.
 */
const intentsAndChangeFeed = (t: Types): ReadonlyArray<string> => [
  `ALTER TABLE ca_activities ADD COLUMN feed_position ${t.int}`,
  `UPDATE ca_activities SET feed_position = r.p
    FROM (SELECT tenant_id, customer_id, seq, ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY customer_id, seq) AS p
      FROM ca_activities) AS r
    WHERE ca_activities.tenant_id = r.tenant_id AND ca_activities.customer_id = r.customer_id AND ca_activities.seq = r.seq`,
  `INSERT INTO ca_counters (tenant_id, name, value)
    SELECT tenant_id, 'feed', MAX(feed_position) + 1 FROM ca_activities GROUP BY tenant_id`,
  `CREATE UNIQUE INDEX ca_activities_feed ON ca_activities (tenant_id, feed_position)`,
  // A deletion's entry in the feed; the customer's activity entries leave with its activities.
  `CREATE TABLE ca_feed_deletions (
    tenant_id ${t.text} NOT NULL,
    position ${t.int} NOT NULL,
    customer_id ${t.text} NOT NULL,
    tombstone ${t.text} NOT NULL,
    PRIMARY KEY (tenant_id, position)
  )`,
  `CREATE TABLE ca_intents (
    tenant_id ${t.text} NOT NULL,
    intent_id ${t.text} NOT NULL,
    customer_id ${t.text} NOT NULL,
    kind ${t.text} NOT NULL,
    stage ${t.text} NOT NULL,
    command_key ${t.text},
    status ${t.text} NOT NULL,
    created_at_ms ${t.int} NOT NULL,
    due_at_ms ${t.int} NOT NULL,
    intent ${t.text} NOT NULL,
    PRIMARY KEY (tenant_id, intent_id)
  )`,
  `CREATE INDEX ca_intents_status ON ca_intents (tenant_id, status, created_at_ms, intent_id)`,
  `CREATE INDEX ca_intents_customer ON ca_intents (tenant_id, customer_id, created_at_ms, intent_id)`,
  `CREATE INDEX ca_intents_command ON ca_intents (tenant_id, command_key)`
]

/**
 * The statements of migration 3: the outbox's idempotency keys (rule `effects.stable-key`), kept
 * after the mail is delivered or withdrawn, so a repeated enqueue under a key queues nothing.
 */
const outboxKeys = (t: Types): ReadonlyArray<string> => [
  `CREATE TABLE ca_outbox_keys (
    tenant_id ${t.text} NOT NULL,
    mail_key ${t.text} NOT NULL,
    customer_id ${t.text} NOT NULL,
    PRIMARY KEY (tenant_id, mail_key)
  )`
]

/** A migration made of plain statements, per dialect. */
const statements = (make: (types: Types) => ReadonlyArray<string>): Effect.Effect<void, SqlError, SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient
    const types = sql.onDialectOrElse({ pg: () => pgTypes, orElse: () => sqliteTypes })
    for (const statement of make(types)) yield* sql.unsafe(statement)
  })

/**
 * The migrations, keyed `<id>_<name>` as Effect's migrator expects.
 *
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, SqlError, SqlClient>> = {
  "1_initial_schema": statements(initialSchema),
  "2_intents_and_change_feed": statements(intentsAndChangeFeed),
  "3_outbox_keys": statements(outboxKeys)
}

/**
 * Brings the database reached through `SqlClient` (PostgreSQL or SQLite) up to the current
 * schema and returns the migrations it ran (none when it was up to date). On PostgreSQL the
 * tables go into the connection's `search_path` (its first schema).
 *
 * @category migrations
 */
export const migrate: Effect.Effect<ReadonlyArray<readonly [id: number, name: string]>, Migrator.MigrationError | SqlError, SqlClient> =
  Migrator.make({})({ loader: Migrator.fromRecord(migrations), table: migrationsTable })
