/**
 * The SDK's stores on PostgreSQL (through `@effect/sql-pg`): the account store, customer numbers,
 * file store and outbox, over one connection pool.
 *
 * ```ts
 * import { Effect, Layer, Redacted } from "effect"
 * import { CustomerAccounts, MemoryHost } from "customer-account"
 * import { Postgres } from "customer-account/postgres"
 *
 * const stores = Postgres.layer({ url: Redacted.make(process.env.DATABASE_URL!) })
 * const engine = CustomerAccounts.layer().pipe(Layer.provideMerge(Layer.merge(stores, MemoryHost.layer)))
 * ```
 *
 * The pool is the `PgClient` of `@effect/sql-pg`: every option of its `PgPoolConfig` applies
 * (`url`, `maxConnections`, `ssl`, `startupParameters`, ...). `search_path` decides the schema the
 * tables are in (e.g. `startupParameters: { search_path: "customer_account" }`).
 *
 * @module
 */
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer } from "effect"
import type { MigrationError } from "effect/sql/Migrator"
import { SqlClient } from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import type { AccountStore } from "../../../ports/AccountStore.ts"
import type { CustomerNumbers } from "../../../ports/CustomerNumbers.ts"
import type { FileStore } from "../../../ports/FileStore.ts"
import type { Outbox } from "../../../ports/Outbox.ts"
import { migrate } from "../Migrations.ts"
import * as SqlStores from "../SqlStores.ts"

/**
 * The pool's configuration: `@effect/sql-pg`'s `PgPoolConfig`.
 *
 * @category models
 */
export type PostgresConfig = PgClient.PgPoolConfig

/**
 * Options of {@link layer}.
 *
 * @category models
 */
export interface PostgresOptions extends SqlStores.StoreOptions {
  /**
   * Run the migrations when the layer is built (`true` by default). Switch it off where the
   * schema is migrated by a deployment step (`customer-account migrate --url ...`) and the
   * application's database user may not change it.
   */
  readonly migrate?: boolean
}

/**
 * The connection pool as `SqlClient` (and `PgClient`). Wrong settings or an unreachable server
 * fail with a `SqlError` when a statement first needs a connection.
 *
 * @category layers
 */
export const layerClient = (config: PostgresConfig): Layer.Layer<PgClient.PgClient | SqlClient, SqlError> =>
  PgClient.layer({ applicationName: "customer-account", ...config })

/**
 * The stores on PostgreSQL: {@link AccountStore}, {@link CustomerNumbers}, {@link FileStore} and
 * {@link Outbox} over a new pool, the database migrated first (unless `migrate: false`).
 *
 * @category layers
 */
export const layer = (
  config: PostgresConfig,
  options: PostgresOptions = {}
): Layer.Layer<AccountStore | CustomerNumbers | FileStore | Outbox | SqlClient, SqlError | MigrationError> =>
  layerFromClient(options).pipe(Layer.provideMerge(layerClient(config)))

/**
 * The stores over a `SqlClient` the host provides (a pool it shares with its own tables), the
 * database migrated first (unless `migrate: false`).
 *
 * @category layers
 */
export const layerFromClient = (
  options: PostgresOptions = {}
): Layer.Layer<AccountStore | CustomerNumbers | FileStore | Outbox, SqlError | MigrationError, SqlClient> =>
  options.migrate === false
    ? SqlStores.layer(options)
    : Layer.unwrap(Effect.as(migrate, SqlStores.layer(options)))
