/**
 * The engine on PostgreSQL: the same commands as on the memory store, durable. Runs where
 * DATABASE_URL is set (CI starts a throwaway cluster with scripts/with-postgres.sh); elsewhere it
 * says so and exits 0. Run with `DATABASE_URL=postgres://... node examples/postgres.ts` after
 * `npm run build`. The tables go into a schema of their own, dropped at the end. See docs/sql.md.
 */
import { Effect, Layer, Redacted } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { Actor, CustomerAccounts, Ids, MemoryHost } from "customer-account"
import { Postgres } from "customer-account/postgres"

const url = process.env.DATABASE_URL
if (url === undefined || url === "") {
  console.log("examples/postgres.ts: DATABASE_URL is not set; nothing to run (see docs/sql.md)")
  process.exit(0)
}

const schema = `customer_account_example_${process.pid}`
const config = { url: Redacted.make(url), startupParameters: { search_path: schema } }

const mia: CustomerAccounts.Caller = {
  tenantId: Ids.TenantId.make("acme"),
  actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register", "edit", "manage-status", "add-note"] }] }
}

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const { customerId } = yield* accounts.register(mia, {
    profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" },
    registrationSource: "back-office"
  })
  yield* accounts.setStatus(mia, { customerId, to: "blocked", reason: "chargeback" }, { idempotencyKey: "req-1" })
  yield* accounts.setStatus(mia, { customerId, to: "blocked", reason: "chargeback" }, { idempotencyKey: "req-1" })
  const overview = yield* accounts.overview(mia, customerId)
  console.log(`${overview.displayName} (${overview.account.customerNumber}): ${overview.account.lifecycle.status}, version ${overview.account.version}`)
  const sql = yield* SqlClient
  const rows = yield* sql<{ n: unknown }>`SELECT COUNT(*) AS n FROM ca_activities WHERE tenant_id = ${mia.tenantId}`
  console.log("activities stored in PostgreSQL:", Number(rows[0]!.n))
})

// The schema for this run: made first, dropped at the end.
const admin = Postgres.layerClient({ url: Redacted.make(url) })
const onAdmin = <A, E>(statement: (sql: SqlClient) => Effect.Effect<A, E>) =>
  Effect.runPromise(Effect.flatMap(SqlClient, statement).pipe(Effect.provide(admin)))

await onAdmin((sql) => sql.unsafe(`CREATE SCHEMA ${schema}`))
try {
  const engine = CustomerAccounts.layer().pipe(Layer.provideMerge(Layer.mergeAll(MemoryHost.layer, Postgres.layer(config))))
  await Effect.runPromise(program.pipe(Effect.provide(engine)))
} finally {
  await onAdmin((sql) => sql.unsafe(`DROP SCHEMA ${schema} CASCADE`))
}
