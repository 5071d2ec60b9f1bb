/**
 * The SDK's stores on SQLite, embedded in the process through Node's built-in `node:sqlite` (no
 * native build): the account store, customer numbers, file store and outbox in one database
 * file, for development, tests, demos and small installations.
 *
 * ```ts
 * import { Layer } from "effect"
 * import { CustomerAccounts, MemoryHost } from "customer-account"
 * import { Sqlite } from "customer-account/sqlite"
 *
 * const stores = Sqlite.layer({ filename: "accounts.db" })
 * const engine = CustomerAccounts.layer().pipe(Layer.provideMerge(Layer.merge(stores, MemoryHost.layer)))
 * ```
 *
 * One process owns the file's writes at a time (SQLite's write lock; a second process waits up
 * to `busyTimeout`). The database is migrated when the layer is built. `:memory:` makes a private
 * database that ends with the layer.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import type { MigrationError } from "effect/sql/Migrator"
import type { SqlClient } from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import type { AccountStore } from "../../../ports/AccountStore.ts"
import type { CustomerNumbers } from "../../../ports/CustomerNumbers.ts"
import type { FileStore } from "../../../ports/FileStore.ts"
import type { Outbox } from "../../../ports/Outbox.ts"
import { migrate } from "../Migrations.ts"
import * as SqlStores from "../SqlStores.ts"
import * as SqliteClient from "./SqliteClient.ts"

/**
 * Options of {@link layer}: the database and the stores' options.
 *
 * @category models
 */
export interface SqliteOptions extends SqliteClient.SqliteClientConfig, SqlStores.StoreOptions {}

/**
 * The stores on SQLite: {@link AccountStore}, {@link CustomerNumbers}, {@link FileStore} and
 * {@link Outbox} over one connection to `filename`, migrated when the layer is built. The
 * connection closes when the layer's scope ends.
 *
 * @category layers
 */
export const layer = (
  options: SqliteOptions
): Layer.Layer<AccountStore | CustomerNumbers | FileStore | Outbox | SqlClient, SqlError | MigrationError> =>
  Layer.unwrap(Effect.as(migrate, SqlStores.layer(options))).pipe(Layer.provideMerge(SqliteClient.layer(options)))
