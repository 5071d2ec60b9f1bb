/**
 * PostgreSQL for tests: each test file gets a schema of its own in the database of DATABASE_URL
 * (so files run in parallel), migrated once, dropped at the end; each test starts from empty
 * tables. Sessions run in America/St_Johns (UTC-03:30), the server in Pacific/Chatham (CI):
 * nothing may depend on either.
 *
 * Without DATABASE_URL the PostgreSQL tests are skipped with the reason in their name; under
 * CI=true a missing DATABASE_URL fails the file, and an unreachable database fails its tests.
 */
import { PgClient } from "@effect/sql-pg"
import { Effect, Exit, Layer, Redacted, Scope } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import { SqlClient } from "effect/sql/SqlClient"
import { afterAll, beforeAll } from "vitest"
import { migrate } from "../../src/adapters/sql/Migrations.ts"

export const databaseUrl = process.env.DATABASE_URL

if (databaseUrl === undefined && process.env.CI === "true") {
  throw new Error("CI=true but DATABASE_URL is not set: the PostgreSQL tests must run in CI (scripts/with-postgres.sh)")
}

/** Why the PostgreSQL tests are skipped, or undefined when they run. */
export const skipReason: string | undefined = databaseUrl === undefined
  ? "DATABASE_URL is not set; run them with scripts/with-postgres.sh npm test"
  : undefined

/** The tables of the schema, emptied before each test. */
const tables = [
  "ca_counters",
  "ca_accounts",
  "ca_activities",
  "ca_idempotency",
  "ca_files",
  "ca_outbox",
  "ca_feed_deletions",
  "ca_intents",
  "ca_outbox_keys"
]

export const sessionTimeZone = "America/St_Johns"

/** A pool on `schema` (created if missing); the scope closes it. */
export const makePool = (schema: string, extra: Partial<PgClient.PgPoolConfig> = {}) =>
  PgClient.make({
    url: Redacted.make(databaseUrl!),
    startupParameters: { search_path: schema, TimeZone: sessionTimeZone },
    maxConnections: 20,
    ...extra
  }).pipe(Effect.provide(Reactivity.layer))

/**
 * Registers the hooks of a test file that uses its own schema `ca_test_<name>_<random>`, and
 * returns how to reach it: `client()` once the hooks ran, `clear` to empty the tables.
 */
export const testSchema = (name: string) => {
  const schema = `ca_test_${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase()
  const scope = Scope.makeUnsafe()
  let client: SqlClient | undefined

  beforeAll(async () => {
    if (skipReason !== undefined) return
    client = await Effect.runPromise(
      Effect.gen(function*() {
        const pool = yield* makePool(schema)
        yield* pool.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
        yield* Effect.provideService(migrate, SqlClient, pool)
        return pool as SqlClient
      }).pipe(Scope.provide(scope))
    )
  }, 60_000)

  afterAll(async () => {
    if (client !== undefined) await Effect.runPromise(Effect.ignore(client.unsafe(`DROP SCHEMA ${schema} CASCADE`)))
    await Effect.runPromise(Scope.close(scope, Exit.void))
  })

  const current = (): SqlClient => {
    if (client === undefined) throw new Error("the PostgreSQL test schema is not ready")
    return client
  }
  const clear = Effect.suspend(() => {
    const sql = current()
    // One statement, one round trip.
    return Effect.orDie(sql.unsafe(`WITH ${tables.map((t, i) => `d${i} AS (DELETE FROM ${t})`).join(", ")} SELECT 1`))
  })
  /** A layer providing the schema's pool as `SqlClient`, tables emptied first. */
  const layerEmpty: Layer.Layer<SqlClient> = Layer.effect(SqlClient, Effect.suspend(() => Effect.as(clear, current())))
  return { schema, client: current, clear, layerEmpty }
}
