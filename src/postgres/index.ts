/**
 * `customer-account/postgres`: the SDK's stores on PostgreSQL (through `@effect/sql-pg`).
 *
 * - {@link Postgres} builds the layers: `Postgres.layer(config)` provides the account store,
 *   customer numbers, file store and outbox over a new pool, migrated on start.
 * - {@link Migrations} holds the versioned schema and `migrate` (also run by the command line
 *   `customer-account migrate --url postgres://...`).
 * - The store modules (`SqlAccountStore`, `SqlCustomerNumbers`, `SqlFileStore`, `SqlOutbox`) make
 *   each store over any `SqlClient` in context; they are the same for SQLite.
 *
 * @example
 * ```ts
 * import { Layer, Redacted } from "effect"
 * import { CustomerAccounts, MemoryHost } from "customer-account"
 * import { Postgres } from "customer-account/postgres"
 *
 * const stores = Postgres.layer({ url: Redacted.make("postgres://app@db.internal/accounts") })
 * const engine = CustomerAccounts.layer().pipe(Layer.provideMerge(Layer.merge(stores, MemoryHost.layer)))
 * ```
 *
 * @module
 */
export * as Migrations from "../adapters/sql/Migrations.ts"
export * as Postgres from "../adapters/sql/postgres/Postgres.ts"
export * as SqlAccountStore from "../adapters/sql/SqlAccountStore.ts"
export * as SqlCustomerNumbers from "../adapters/sql/SqlCustomerNumbers.ts"
export * as SqlFileStore from "../adapters/sql/SqlFileStore.ts"
export * as SqlOutbox from "../adapters/sql/SqlOutbox.ts"
export * as SqlStores from "../adapters/sql/SqlStores.ts"
