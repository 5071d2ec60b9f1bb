/**
 * Every store of the SQL adapters in one layer, over the `SqlClient` in context: the account
 * store, the customer-number sequence, the file store and the outbox.
 *
 * @module
 */
import { Layer } from "effect"
import type { SqlClient } from "effect/sql/SqlClient"
import { AccountStore } from "../../ports/AccountStore.ts"
import { CustomerNumbers } from "../../ports/CustomerNumbers.ts"
import { FileStore } from "../../ports/FileStore.ts"
import { Outbox } from "../../ports/Outbox.ts"
import * as SqlAccountStore from "./SqlAccountStore.ts"
import * as SqlCustomerNumbers from "./SqlCustomerNumbers.ts"
import * as SqlFileStore from "./SqlFileStore.ts"
import * as SqlOutbox from "./SqlOutbox.ts"

/**
 * Options of {@link layer}.
 *
 * @category models
 */
export interface StoreOptions {
  /** The first customer number of every tenant; 10001 by default. */
  readonly customerNumbersStart?: number
}

/**
 * The SQL stores as the ports {@link AccountStore}, {@link CustomerNumbers}, {@link FileStore}
 * and {@link Outbox}, over the `SqlClient` in context (its database migrated).
 *
 * @category layers
 */
export const layer = (options: StoreOptions = {}): Layer.Layer<AccountStore | CustomerNumbers | FileStore | Outbox, never, SqlClient> =>
  Layer.mergeAll(
    Layer.effect(AccountStore, SqlAccountStore.make),
    Layer.effect(CustomerNumbers, SqlCustomerNumbers.make(options.customerNumbersStart)),
    Layer.effect(FileStore, SqlFileStore.make),
    Layer.effect(Outbox, SqlOutbox.make)
  )
