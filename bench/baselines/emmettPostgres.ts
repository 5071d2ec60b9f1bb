/**
 * The Emmett PostgreSQL baseline of the sql workload: the status-change decision of the in-memory
 * Emmett baseline (bench/baselines/emmett.ts: the same `CommandHandler`, `evolve` and
 * `decideStatus`) over Emmett's PostgreSQL event store (`getPostgreSQLEventStore` of
 * `@event-driven-io/emmett-postgresql`): one stream per customer, read the stream, fold it, decide
 * block/unblock, append the event with the expected stream version. It runs in its own database of
 * the same cluster (created and dropped here), through the event store's default pooled
 * connection (dumbo over `pg`).
 */
import { getPostgreSQLEventStore, type PostgresEventStore } from "@event-driven-io/emmett-postgresql"
import { allow, decideStatus, handle, Refused } from "./emmett.ts"

/** Customers and status changes on Emmett's PostgreSQL event store. */
export class EmmettPostgresAccounts {
  readonly store: PostgresEventStore
  private sequence = 0
  private readonly actor = "supporter:staff-1"

  constructor(connectionString: string) {
    this.store = getPostgreSQLEventStore(connectionString)
  }

  /** Registers a customer (a new stream); its id. */
  async register(profile: Record<string, unknown>): Promise<string> {
    allow("register")
    const id = `customer-${++this.sequence}`
    const number = String(10_000 + this.sequence)
    await handle(this.store, id, (state) => {
      if (state.exists) throw new Refused(`customer ${id} exists`)
      return { type: "CustomerRegistered", data: { number, profile, source: "bench", at: Date.now(), actor: this.actor } }
    })
    return id
  }

  /** Blocks or unblocks a customer: read, decide, append with the expected version. */
  async setStatus(customerId: string, to: "active" | "blocked"): Promise<void> {
    allow("manage-status")
    await handle(this.store, customerId, (state) => decideStatus(state, customerId, { customerId, to }, Date.now(), this.actor))
  }

  /** Closes the event store's pool. */
  close(): Promise<void> {
    return this.store.close()
  }
}
