/**
 * A small Effect `SqlClient` over Node's built-in `node:sqlite` (no native build, no extra
 * package): the SQLite stores of this package run on it, and so can a host's own queries.
 *
 * - One connection per client. Statements of different fibers never interleave: a transaction
 *   holds the connection until it ends, and a statement outside a transaction waits for it.
 *   `node:sqlite` is synchronous, so a statement blocks the process while it runs; SQLite
 *   answers the small, indexed statements of the stores in microseconds.
 * - Transactions start with `BEGIN IMMEDIATE` (the write lock is taken at once, so two processes
 *   on one file never deadlock upgrading a read lock); a second process waits up to
 *   `busyTimeout` for the lock.
 * - A file database runs in WAL mode with `synchronous=FULL`: a committed write survives a crash
 *   of the process and of the machine. `:memory:` makes a private database that ends with the
 *   client.
 * - Prepared statements are cached by their text.
 * - Errors become the `SqlError` of `effect/sql`, classified by SQLite's extended result code
 *   (a unique violation names its columns).
 *
 * @module
 */
import { Effect, Layer, Scope, Semaphore, Stream } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"
import type { Connection } from "effect/sql/SqlConnection"
import { classifySqliteError, SqlError } from "effect/sql/SqlError"
import * as Statement from "effect/sql/Statement"
import { DatabaseSync, type StatementSync } from "node:sqlite"

/**
 * Options of {@link make}.
 *
 * @category models
 */
export interface SqliteClientConfig {
  /** The database file, or `:memory:` for a private in-memory database. */
  readonly filename: string
  /** How long a write waits for another process's lock, in milliseconds; 5,000 by default. */
  readonly busyTimeout?: number
}

type Row = Record<string, unknown>

const toParam = (value: unknown): null | number | bigint | string | Uint8Array => {
  if (value === undefined || value === null) return null
  if (typeof value === "boolean") return value ? 1 : 0
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "string") return value
  if (value instanceof Uint8Array) return value
  if (value instanceof Date) return value.toISOString()
  return JSON.stringify(value)
}

const sqlError = (cause: unknown, operation: string): SqlError => {
  const native = cause as { readonly errcode?: unknown; readonly message?: unknown }
  const message = typeof native?.message === "string" ? native.message : String(cause)
  return new SqlError({
    reason: classifySqliteError(
      { code: typeof native?.errcode === "number" ? native.errcode : undefined, message },
      { message, operation }
    )
  })
}

/**
 * Opens the database and makes the client; the connection closes with the scope.
 *
 * @category constructors
 */
export const make = (
  config: SqliteClientConfig
): Effect.Effect<SqlClient.SqlClient, SqlError, Scope.Scope | Reactivity.Reactivity> =>
  Effect.gen(function*() {
    const db = yield* Effect.acquireRelease(
      Effect.try({
        try: () => {
          const opened = new DatabaseSync(config.filename, { timeout: config.busyTimeout ?? 5000 })
          if (config.filename !== ":memory:" && config.filename !== "") {
            opened.exec("PRAGMA journal_mode = WAL")
            opened.exec("PRAGMA synchronous = FULL")
          }
          opened.exec("PRAGMA foreign_keys = ON")
          return opened
        },
        catch: (cause) => sqlError(cause, "open")
      }),
      (opened) => Effect.sync(() => opened.isOpen && opened.close())
    )

    const cache = new Map<string, StatementSync>()
    const prepare = (sql: string): StatementSync => {
      let statement = cache.get(sql)
      if (statement === undefined) {
        statement = db.prepare(sql)
        cache.set(sql, statement)
      }
      return statement
    }

    const run = (sql: string, params: ReadonlyArray<unknown>, arrays: boolean) =>
      Effect.try({
        try: () => {
          const statement = prepare(sql)
          const args = params.map(toParam)
          if (statement.columns().length === 0) {
            statement.run(...args)
            return []
          }
          statement.setReturnArrays(arrays)
          return statement.all(...args) as Array<unknown>
        },
        catch: (cause) => sqlError(cause, "execute")
      })

    const rows = (sql: string, params: ReadonlyArray<unknown>) => run(sql, params, false) as Effect.Effect<Array<Row>, SqlError>
    const values = (sql: string, params: ReadonlyArray<unknown>) =>
      run(sql, params, true) as Effect.Effect<Array<Array<unknown>>, SqlError>

    const connection: Connection = {
      execute: (sql, params, transformRows) =>
        transformRows === undefined ? rows(sql, params) : Effect.map(rows(sql, params), transformRows),
      executeRaw: (sql, params) => rows(sql, params),
      executeStream: (sql, params, transformRows) =>
        Stream.fromIterableEffect(
          transformRows === undefined ? rows(sql, params) : Effect.map(rows(sql, params), transformRows)
        ),
      executeValues: values,
      executeValuesUnprepared: values,
      executeUnprepared: (sql, params, transformRows) =>
        transformRows === undefined ? rows(sql, params) : Effect.map(rows(sql, params), transformRows)
    }

    // One connection: a fiber holds it for a statement or for a whole transaction.
    const semaphore = yield* Semaphore.make(1)
    const acquirer = Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(restore(semaphore.take(1)), () =>
        Effect.flatMap(Effect.scope, (scope) => Scope.addFinalizer(scope, semaphore.release(1))).pipe(
          Effect.as(connection)
        ))
    )

    return yield* SqlClient.make({
      acquirer,
      borrower: (f) => semaphore.withPermits(1)(f(connection)),
      compiler: Statement.makeCompilerSqlite(),
      driver: "sqlite-node",
      spanAttributes: [["db.system.name", "sqlite"]],
      beginTransaction: "BEGIN IMMEDIATE",
      isTransaction: () => db.isTransaction
    })
  })

/**
 * A layer providing the client as `SqlClient` (with its own `Reactivity`).
 *
 * @category layers
 */
export const layer = (config: SqliteClientConfig): Layer.Layer<SqlClient.SqlClient, SqlError> =>
  Layer.effect(SqlClient.SqlClient, make(config)).pipe(Layer.provide(Reactivity.layer))
