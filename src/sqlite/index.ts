/**
 * `customer-account/sqlite`: the SDK's stores on SQLite, embedded in the process through Node's
 * built-in `node:sqlite` (Node 22.13 or later; no native build).
 *
 * - {@link Sqlite} builds the layer: `Sqlite.layer({ filename })` provides the account store,
 *   customer numbers, file store and outbox over one database file, migrated on start.
 * - {@link SqliteClient} is the small Effect `SqlClient` over `node:sqlite` the stores run on.
 * - {@link Migrations} holds the versioned schema and `migrate`.
 * - The store modules (`SqlAccountStore`, ...) are the same as on PostgreSQL.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { CustomerAccounts, MemoryHost } from "customer-account"
 * import { Sqlite } from "customer-account/sqlite"
 *
 * const stores = Sqlite.layer({ filename: "accounts.db" })
 * const engine = CustomerAccounts.layer().pipe(Layer.provideMerge(Layer.merge(stores, MemoryHost.layer)))
 * ```
 *
 * @module
 */
export * as Migrations from "../adapters/sql/Migrations.ts"
export * as Sqlite from "../adapters/sql/sqlite/Sqlite.ts"
export * as SqliteClient from "../adapters/sql/sqlite/SqliteClient.ts"
export * as SqlAccountStore from "../adapters/sql/SqlAccountStore.ts"
export * as SqlCustomerNumbers from "../adapters/sql/SqlCustomerNumbers.ts"
export * as SqlFileStore from "../adapters/sql/SqlFileStore.ts"
export * as SqlOutbox from "../adapters/sql/SqlOutbox.ts"
export * as SqlStores from "../adapters/sql/SqlStores.ts"
