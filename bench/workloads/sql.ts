/**
 * Workload 7, the SQL stores: durable commands per second through the engine on SQLite (a file,
 * WAL, `synchronous=FULL`) and on PostgreSQL (`DATABASE_URL`; not available without it), at 1 and
 * 8 concurrent clients; the database's raw commit rate for a one-row insert at 1 and 8 clients
 * (the physical limit); the Node CPU per command; and the timeline's worst pages at 100,000
 * activities of one customer (a rare type deep in the timeline, with a time bound, a filter
 * matching nothing, several groups by actor kind).
 *
 * A command is `setStatus` (blocked/active, alternating) on a registered customer: one load, one
 * decision, one transaction writing the account, one activity and the feed position. Each client
 * works on its own customers of one tenant. The PostgreSQL numbers depend on the cluster's
 * settings: with `fsync` off (scripts/with-postgres.sh, the CI cluster) they measure CPU and
 * protocol, not the disk; `WITH_POSTGRES_FSYNC=on scripts/with-postgres.sh npm run bench -- --only
 * sql` measures durable commits. Beside them, Emmett's PostgreSQL event store
 * (bench/baselines/emmettPostgres.ts) makes the same status-change decision on the same cluster (its
 * own database), at 1 and 8 clients: read the customer's stream, decide, append with the expected
 * version.
 */
import { DateTime, Effect, Layer, Redacted } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Postgres from "../../src/adapters/sql/postgres/Postgres.ts"
import * as Sqlite from "../../src/adapters/sql/sqlite/Sqlite.ts"
import { timelineCursor } from "../../src/adapters/sql/SqlCodec.ts"
import { Account } from "../../src/domain/Account.ts"
import * as Actor from "../../src/domain/Actor.ts"
import { CustomerId, ProcessName } from "../../src/domain/Ids.ts"
import * as Engine from "../../src/engine/CustomerAccounts.ts"
import { CustomerAccounts, type CustomerAccountsService } from "../../src/engine/CustomerAccounts.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { AccountStore, type AccountStoreService } from "../../src/ports/AccountStore.ts"
import type { CustomerNumbers } from "../../src/ports/CustomerNumbers.ts"
import type { FileStore } from "../../src/ports/FileStore.ts"
import type { Outbox } from "../../src/ports/Outbox.ts"
import * as Arbitraries from "../../src/testing/arbitraries.ts"
import { EmmettPostgresAccounts } from "../baselines/emmettPostgres.ts"
import { registration, supporter, tenantId } from "../lib/fixtures.ts"
import { main, type Metric, metric, notAvailable, type SubjectResult, type WorkloadResult } from "../lib/workload.ts"

/** The sizes of the workload. */
export interface Sizes {
  /** Commands per round. */
  readonly commands: number
  /** Rounds of each measurement. */
  readonly rounds: number
  /** Raw inserts per round. */
  readonly inserts: number
  /** Activities of the large timeline. */
  readonly timeline: number
  /** Page reads per timeline query. */
  readonly pages: number
}

/** Full and quick sizes. */
export const sizes: { readonly full: Sizes; readonly quick: Sizes } = {
  full: { commands: 200, rounds: 5, inserts: 400, timeline: 100_000, pages: 20 },
  quick: { commands: 40, rounds: 2, inserts: 80, timeline: 5_000, pages: 5 }
}

/** What a SQL subject's layer provides. */
type Stores = AccountStore | SqlClient | CustomerNumbers | FileStore | Outbox

const engineOver = <E>(stores: Layer.Layer<Stores, E>) =>
  Engine.layer().pipe(Layer.provideMerge(Layer.mergeAll(MemoryHost.layer, stores)))

const now = () => performance.now()

/** Runs `perClient` commands on each of `clients` clients at once; ops/s and Node CPU µs per op. */
const commandRound = (accounts: CustomerAccountsService, customers: ReadonlyArray<ReadonlyArray<string>>, perClient: number, blocked: Map<string, boolean>) =>
  Effect.gen(function*() {
    const cpu = process.cpuUsage()
    const start = now()
    yield* Effect.all(
      customers.map((own) =>
        Effect.gen(function*() {
          for (let i = 0; i < perClient; i++) {
            const customerId = own[i % own.length]!
            const was = blocked.get(customerId) === true
            blocked.set(customerId, !was)
            yield* accounts.setStatus(supporter, { customerId, to: was ? "active" : "blocked" })
          }
        })
      ),
      { concurrency: "unbounded", discard: true }
    )
    const seconds = (now() - start) / 1000
    const used = process.cpuUsage(cpu)
    const ops = customers.length * perClient
    return { opsPerSecond: ops / seconds, cpuMicros: (used.user + used.system) / ops }
  })

const rawRound = (sql: SqlClient, clients: number, perClient: number) =>
  Effect.gen(function*() {
    const start = now()
    yield* Effect.all(
      Array.from({ length: clients }, (_, c) =>
        Effect.gen(function*() {
          for (let i = 0; i < perClient; i++) yield* sql`INSERT INTO bench_raw (tenant_id, n) VALUES (${`t-${c}`}, ${i})`
        })),
      { concurrency: "unbounded", discard: true }
    )
    return (clients * perClient) / ((now() - start) / 1000)
  })

const measure = (s: Sizes, setup: (sql: SqlClient) => Effect.Effect<void, unknown>) =>
  Effect.gen(function*() {
    const accounts = yield* CustomerAccounts
    const store = yield* AccountStore
    const sql = yield* SqlClient
    yield* setup(sql)
    const metrics: Record<string, Metric> = {}

    // Customers: 8 clients × 8 customers each.
    const ids: Array<string> = []
    for (let i = 0; i < 64; i++) ids.push((yield* accounts.register(supporter, registration(i))).customerId as string)
    const flip = new Map<string, boolean>()
    for (const clients of [1, 8]) {
      const groups = Array.from({ length: clients }, (_, c) => ids.slice(c * 8, c * 8 + 8))
      yield* commandRound(accounts, groups, 5, flip) // warm-up
      const rates: Array<number> = []
      const cpu: Array<number> = []
      for (let r = 0; r < s.rounds; r++) {
        const round = yield* commandRound(accounts, groups, Math.max(1, Math.floor(s.commands / clients)), flip)
        rates.push(round.opsPerSecond)
        cpu.push(round.cpuMicros)
      }
      metrics[`setStatus, ${clients} client${clients === 1 ? "" : "s"}`] = metric(rates, "ops/s", `${s.commands} commands`)
      if (clients === 1) metrics["Node CPU per command"] = metric(cpu, "µs", "setStatus, 1 client")
    }

    // The database's raw commit rate: a one-row insert, autocommit.
    yield* sql.unsafe("CREATE TABLE IF NOT EXISTS bench_raw (tenant_id TEXT NOT NULL, n INTEGER NOT NULL)")
    for (const clients of [1, 8]) {
      const rates: Array<number> = []
      for (let r = 0; r < s.rounds; r++) rates.push(yield* rawRound(sql, clients, Math.max(1, Math.floor(s.inserts / clients))))
      metrics[`raw insert commits, ${clients} client${clients === 1 ? "" : "s"}`] = metric(rates, "ops/s", "INSERT one row")
    }

    // The timeline at `s.timeline` activities of one customer: worst pages.
    yield* timelinePages(store, s, metrics)
    return metrics
  })

const timelinePages = (store: AccountStoreService, s: Sizes, metrics: Record<string, Metric>) =>
  Effect.gen(function*() {
    const t0 = Date.UTC(2026, 0, 1)
    let current = Arbitraries.accountOf(tenantId, { customerId: "timeline-1", customerNumber: "T-1", email: "timeline@example.de" })
    yield* store.save(tenantId, { account: current, expectedVersion: 0, append: [] })
    const billing = Actor.system(ProcessName.make("billing"))
    const batch = 1000
    for (let from = 0; from < s.timeline; from += batch) {
      const append = Array.from({ length: Math.min(batch, s.timeline - from) }, (_, i) => {
        const n = from + i
        const rare = n % 1000 === 0
        return Arbitraries.activityOf(tenantId, CustomerId.make("timeline-1"), {
          id: `a-${n}`,
          at: t0 + n * 60_000,
          type: rare ? "payment" : n % 3 === 0 ? "billing-address.added" : "note",
          actor: rare ? billing : supporter.actor
        })
      })
      const after = new Account({ ...current, version: current.version + 1 })
      yield* store.save(tenantId, { account: after, expectedVersion: current.version, append })
      current = after
    }
    // Statistics, as autovacuum (PostgreSQL) or an ANALYZE after an import would have them: without
    // any, PostgreSQL may pick the actor-kind index for a type filter and scan every row of the kind.
    const sql = yield* SqlClient
    yield* sql.onDialectOrElse({ pg: () => sql`ANALYZE ca_activities`, orElse: () => sql`ANALYZE` })
    const mid = Math.floor(s.timeline / 2)
    // A cursor half-way down (the timeline is newest first) and a time bound below it.
    const cursor = timelineCursor(t0 + mid * 60_000, mid + 1)
    const queries: ReadonlyArray<readonly [string, Parameters<AccountStoreService["timeline"]>[2]]> = [
      ["first page, no filter", { limit: 50 }],
      ["rare type, half-way down", { limit: 50, types: ["payment"], cursor }],
      ["rare type with until, half-way down", { limit: 50, types: ["payment"], cursor, until: dateAt(t0 + (mid - 10_000) * 60_000) }],
      ["filter matching nothing, half-way down", { limit: 50, types: ["order.created"], cursor }],
      ["two groups × actor kind system, half-way down", { limit: 50, groups: ["invoices-and-payments", "addresses"], actorKinds: ["system"], cursor }]
    ]
    for (const [name, query] of queries) {
      const samples: Array<number> = []
      for (let i = 0; i < s.pages; i++) {
        const start = now()
        yield* store.timeline(tenantId, CustomerId.make("timeline-1"), query)
        samples.push(now() - start)
      }
      metrics[`timeline at ${s.timeline.toLocaleString("en")}: ${name}`] = metric(samples, "ms", "one page of 50")
    }
  })

const dateAt = (millis: number) => DateTime.makeUnsafe(millis)

/** Emmett's PostgreSQL event store: the same customers and status changes, 1 and 8 clients. */
const emmettPostgres = async (connectionString: string, s: Sizes): Promise<Record<string, Metric>> => {
  const emmett = new EmmettPostgresAccounts(connectionString)
  try {
    const ids: Array<string> = []
    for (let i = 0; i < 64; i++) ids.push(await emmett.register(registration(i).profile))
    const blocked = new Map<string, boolean>()
    const round = async (groups: ReadonlyArray<ReadonlyArray<string>>, perClient: number) => {
      const cpu = process.cpuUsage()
      const start = now()
      await Promise.all(groups.map(async (own) => {
        for (let i = 0; i < perClient; i++) {
          const customerId = own[i % own.length]!
          const was = blocked.get(customerId) === true
          blocked.set(customerId, !was)
          await emmett.setStatus(customerId, was ? "active" : "blocked")
        }
      }))
      const seconds = (now() - start) / 1000
      const used = process.cpuUsage(cpu)
      const ops = groups.length * perClient
      return { opsPerSecond: ops / seconds, cpuMicros: (used.user + used.system) / ops }
    }
    const metrics: Record<string, Metric> = {}
    for (const clients of [1, 8]) {
      const groups = Array.from({ length: clients }, (_, c) => ids.slice(c * 8, c * 8 + 8))
      await round(groups, 5) // warm-up
      const rates: Array<number> = []
      const cpu: Array<number> = []
      for (let r = 0; r < s.rounds; r++) {
        const result = await round(groups, Math.max(1, Math.floor(s.commands / clients)))
        rates.push(result.opsPerSecond)
        cpu.push(result.cpuMicros)
      }
      metrics[`setStatus, ${clients} client${clients === 1 ? "" : "s"}`] = metric(rates, "ops/s", `${s.commands} commands`)
      if (clients === 1) metrics["Node CPU per command"] = metric(cpu, "µs", "setStatus, 1 client")
    }
    return metrics
  } finally {
    await emmett.close()
  }
}

const subject = async <E>(
  name: string,
  s: Sizes,
  stores: Layer.Layer<Stores, E>,
  setup: (sql: SqlClient) => Effect.Effect<void, unknown>,
  notes: ReadonlyArray<string>
): Promise<SubjectResult> => {
  const metrics = await Effect.runPromise(Effect.scoped(measure(s, setup).pipe(Effect.provide(engineOver(stores)))) as Effect.Effect<Record<string, Metric>, unknown, never>)
  return { subject: name, available: true, metrics, notes }
}

await main(sizes, async (s, quick): Promise<WorkloadResult> => {
  const started = now()
  const subjects: Array<SubjectResult> = []
  const dir = mkdtempSync(join(tmpdir(), "customer-account-bench-sql-"))
  try {
    subjects.push(
      await subject("SQLite (file, WAL, synchronous=FULL)", s, Sqlite.layer({ filename: join(dir, "bench.db") }), () => Effect.void, [
        "node:sqlite in the benchmark's process; one connection: 8 clients share it"
      ])
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const url = process.env["DATABASE_URL"]
  if (url === undefined || url === "") subjects.push(notAvailable("PostgreSQL", "DATABASE_URL is not set"))
  else {
    const schema = `customer_account_bench_${process.pid}`
    const admin = Postgres.layerClient({ url: Redacted.make(url) })
    const onAdmin = (statement: string) => Effect.runPromise(Effect.flatMap(SqlClient, (sql) => sql.unsafe(statement)).pipe(Effect.provide(admin)))
    await onAdmin(`CREATE SCHEMA ${schema}`)
    try {
      const settings = await Effect.runPromise(
        Effect.flatMap(SqlClient, (sql) => sql<{ fsync: string; synchronous_commit: string }>`SELECT current_setting('fsync') AS fsync,
          current_setting('synchronous_commit') AS synchronous_commit`).pipe(Effect.provide(admin))
      )
      subjects.push(
        await subject(
          "PostgreSQL",
          s,
          Postgres.layer({ url: Redacted.make(url), startupParameters: { search_path: schema }, maxConnections: 10 }),
          () => Effect.void,
          [`server fsync=${settings[0]?.fsync}, synchronous_commit=${settings[0]?.synchronous_commit}; pool of 10 connections`]
        )
      )
    } finally {
      await onAdmin(`DROP SCHEMA ${schema} CASCADE`)
    }
    const database = `emmett_bench_${process.pid}`
    await onAdmin(`CREATE DATABASE ${database}`)
    try {
      const target = new URL(url)
      target.pathname = `/${database}`
      subjects.push({
        subject: "emmett-postgresql (same cluster)",
        available: true,
        metrics: await emmettPostgres(target.toString(), s),
        notes: [
          "@event-driven-io/emmett-postgresql 0.42.0 in its own database of the cluster; the event store's default pool (dumbo over pg, pg-pool default of 10 connections)",
          "a command: read the customer's stream, fold it, decide block/unblock (the engine's transition table), append one event with the expected stream version"
        ]
      })
    } finally {
      await onAdmin(`DROP DATABASE ${database} WITH (FORCE)`)
    }
  }
  return {
    workload: "sql",
    title: "SQL stores: durable commands, raw commits, timeline pages at depth",
    quick,
    parameters: { ...s },
    subjects,
    durationMs: now() - started
  }
})
