/**
 * The `customer-account` command line (run by `bin/customer-account`, i.e. `cli/main.ts`).
 *
 * ```sh
 * customer-account migrate --url postgres://user@host:5432/db [--schema customer_account]
 * customer-account migrate --url sqlite:./accounts.db
 * DATABASE_URL=postgres://... customer-account migrate
 * ```
 *
 * `migrate` brings the database up to the schema of this version of the package and prints the
 * migrations it ran ("up to date" when none). It is idempotent and safe to run from several
 * deployments at once. Exit codes: 0 done, 1 the database failed or refused, 2 wrong usage.
 *
 * @module
 */
import { Effect, Layer, Redacted } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { parseArgs } from "node:util"
import { migrate } from "../adapters/sql/Migrations.ts"
import * as Postgres from "../adapters/sql/postgres/Postgres.ts"
import * as SqliteClient from "../adapters/sql/sqlite/SqliteClient.ts"

const usage = `Usage: customer-account migrate [--url <postgres://...|sqlite:<file>>] [--schema <name>]

  --url     the database: a PostgreSQL URL, or sqlite:<file> (default: $DATABASE_URL)
  --schema  PostgreSQL only: the schema to create the tables in (created if missing;
            default: the connection's search_path)
`

/** The SqlClient of a URL, with the schema (PostgreSQL) created and selected. */
const clientOf = (url: string, schema: string | undefined): Layer.Layer<SqlClient, unknown> | string => {
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) return `not a schema name: ${schema}`
    const client = Postgres.layerClient({
      url: Redacted.make(url),
      ...(schema === undefined ? {} : { startupParameters: { search_path: schema } })
    })
    return schema === undefined
      ? client
      : Layer.effect(SqlClient, Effect.flatMap(SqlClient, (sql) => Effect.as(sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`), sql)))
        .pipe(Layer.provide(client))
  }
  if (url.startsWith("sqlite:")) {
    if (schema !== undefined) return "--schema applies to PostgreSQL only"
    const filename = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "")
    if (filename.length === 0) return "sqlite: needs a file name, e.g. sqlite:./accounts.db"
    return SqliteClient.layer({ filename })
  }
  return "the URL must start with postgres://, postgresql:// or sqlite:"
}

/** Runs the command line; resolves with the exit code. */
export const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { url: { type: "string" }, schema: { type: "string" }, help: { type: "boolean", short: "h" } }
    })
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help === true) {
    process.stdout.write(usage)
    return 0
  }
  if (positionals.length !== 1 || positionals[0] !== "migrate") {
    process.stderr.write(usage)
    return 2
  }
  const url = values.url ?? process.env.DATABASE_URL
  if (url === undefined || url.length === 0) {
    process.stderr.write(`No database: pass --url or set DATABASE_URL\n\n${usage}`)
    return 2
  }
  const client = clientOf(url, values.schema)
  if (typeof client === "string") {
    process.stderr.write(`${client}\n\n${usage}`)
    return 2
  }
  const exit = await Effect.runPromiseExit(Effect.provide(migrate, client))
  if (exit._tag === "Failure") {
    const error = exit.cause.reasons[0]
    const text = error !== undefined && "error" in error ? String((error.error as { message?: unknown })?.message ?? error.error) : "failed"
    process.stderr.write(`customer-account migrate: ${text}\n`)
    return 1
  }
  const ran = exit.value
  process.stdout.write(
    ran.length === 0 ? "customer-account migrate: up to date\n" : ran.map(([id, name]) => `customer-account migrate: ran ${id}_${name}\n`).join("")
  )
  return 0
}

