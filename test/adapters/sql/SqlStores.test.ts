/**
 * The SQL adapters besides the account store (customer numbers, file store, outbox), the
 * migrations, and the schema's shape, on SQLite and (with DATABASE_URL) on PostgreSQL.
 */
import { DateTime, Effect, Layer, Option, Redacted } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import { SqlClient } from "effect/sql/SqlClient"
import { describe, expect, it } from "vitest"
import * as Migrator from "effect/sql/Migrator"
import { migrate, migrations, migrationsTable } from "../../../src/adapters/sql/Migrations.ts"
import * as SqlAccountStore from "../../../src/adapters/sql/SqlAccountStore.ts"
import * as SqlCustomerNumbers from "../../../src/adapters/sql/SqlCustomerNumbers.ts"
import * as SqlFileStore from "../../../src/adapters/sql/SqlFileStore.ts"
import * as SqlOutbox from "../../../src/adapters/sql/SqlOutbox.ts"
import * as SqliteClient from "../../../src/adapters/sql/sqlite/SqliteClient.ts"
import { CustomerId, FileId, TenantId } from "../../../src/domain/Ids.ts"
import * as Arbitraries from "../../../src/testing/arbitraries.ts"
import { skipReason, testSchema } from "../../support/postgres.ts"

const A = TenantId.make("tenant-a")
const B = TenantId.make("tenant-b")
const c1 = CustomerId.make("c-1")
const c2 = CustomerId.make("c-2")
const f = (id: string) => FileId.make(id)

const sqliteLayer: Layer.Layer<SqlClient> = Layer.effect(
  SqlClient,
  Effect.tap(SqliteClient.make({ filename: ":memory:" }), (sql) => Effect.orDie(Effect.provideService(migrate, SqlClient, sql)))
).pipe(Layer.provide(Reactivity.layer), Layer.orDie)

const pg = testSchema("stores")

const dialects: ReadonlyArray<readonly [string, () => Layer.Layer<SqlClient>, string | undefined]> = [
  ["SQLite", () => sqliteLayer, undefined],
  ["PostgreSQL", () => pg.layerEmpty, skipReason]
]

describe("SQLite: migrations over stored data", () => {
  it("migration 2 gives activities stored before it feed positions, per tenant, in append order", () =>
    Effect.runPromise(
      Effect.gen(function*() {
        const sql = yield* SqlClient
        yield* Migrator.make({})({ loader: Migrator.fromRecord({ "1_initial_schema": migrations["1_initial_schema"]! }), table: migrationsTable })
        for (const [tenant, customer, seq] of [["t-a", "c-1", 1], ["t-a", "c-1", 2], ["t-b", "c-1", 1], ["t-a", "c-2", 1]] as const) {
          yield* sql`INSERT INTO ca_activities (tenant_id, customer_id, seq, activity_id, at_ms, group_name, type, actor_kind, body)
            VALUES (${tenant}, ${customer}, ${seq}, ${`${customer}-${seq}`}, 0, 'g', 't', 'api', '{}')`
        }
        expect(yield* migrate).toEqual([[2, "intents_and_change_feed"], [3, "outbox_keys"]])
        const rows = yield* sql<{ tenant_id: string; activity_id: string; feed_position: unknown }>`SELECT tenant_id, activity_id,
          feed_position FROM ca_activities ORDER BY tenant_id, feed_position`
        expect(rows.map((r) => [r.tenant_id, r.activity_id, Number(r.feed_position)])).toEqual([
          ["t-a", "c-1-1", 1],
          ["t-a", "c-1-2", 2],
          ["t-a", "c-2-1", 3],
          ["t-b", "c-1-1", 1]
        ])
        const counters = yield* sql<{ tenant_id: string; value: unknown }>`SELECT tenant_id, value FROM ca_counters WHERE name = 'feed' ORDER BY tenant_id`
        expect(counters.map((r) => [r.tenant_id, Number(r.value)])).toEqual([["t-a", 4], ["t-b", 2]])
      }).pipe(Effect.provide(SqliteClient.layer({ filename: ":memory:" })))
    ))
})

for (const [name, layerOf, skip] of dialects) {
  const run = <A, E>(effect: Effect.Effect<A, E, SqlClient>) => Effect.runPromise(Effect.provide(effect, layerOf()))
  const test = (title: string, body: () => Effect.Effect<unknown, unknown, SqlClient>) =>
    skip === undefined ? it(title, () => run(body())) : it.skip(`${title} (skipped: ${skip})`, () => {})

  describe(`${name}: schema`, () => {
    test("migrate: a migrated database is up to date; running it again does nothing", () =>
      Effect.gen(function*() {
        expect(yield* migrate).toEqual([])
        expect(yield* Effect.all([migrate, migrate], { concurrency: "unbounded" })).toEqual([[], []])
        const sql = yield* SqlClient
        const applied = yield* sql<{ migration_id: unknown }>`SELECT migration_id FROM customer_account_migrations`
        expect(applied.map((r) => Number(r.migration_id))).toEqual(Object.keys(migrations).map((k) => Number(k.split("_")[0])))
      }))

    test("tenant.isolation: every table's primary key and every index starts with tenant_id (read from the catalogue)", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient
        const found = yield* sql.onDialectOrElse({
          pg: () =>
            sql<{ table_name: string; index_name: string; first_column: string; is_primary: boolean }>`SELECT
                c.relname AS table_name, i.relname AS index_name, a.attname AS first_column, x.indisprimary AS is_primary
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class c ON c.oid = x.indrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = x.indkey[0]
              WHERE n.nspname = current_schema() AND c.relname <> 'customer_account_migrations'`,
          orElse: () =>
            Effect.gen(function*() {
              const tables = yield* sql<{ name: string }>`SELECT name FROM sqlite_master
                WHERE type = 'table' AND name <> 'customer_account_migrations' AND name NOT LIKE 'sqlite%'`
              const out: Array<{ table_name: string; index_name: string; first_column: string; is_primary: boolean }> = []
              for (const { name: table } of tables) {
                const indexes = yield* sql.unsafe<{ name: string; origin: string }>(`PRAGMA index_list(${table})`)
                for (const index of indexes) {
                  const columns = yield* sql.unsafe<{ seqno: number; name: string }>(`PRAGMA index_info(${index.name})`)
                  const first = columns.find((c) => Number(c.seqno) === 0)
                  out.push({ table_name: table, index_name: index.name, first_column: first?.name ?? "", is_primary: index.origin === "pk" })
                }
              }
              return out
            })
        })
        const tables = new Set(found.map((r) => r.table_name))
        expect([...tables].sort()).toEqual([
          "ca_accounts",
          "ca_activities",
          "ca_counters",
          "ca_feed_deletions",
          "ca_files",
          "ca_idempotency",
          "ca_intents",
          "ca_outbox",
          "ca_outbox_keys"
        ])
        for (const table of tables) expect(found.some((r) => r.table_name === table && r.is_primary), `${table} has a primary key`).toBe(true)
        for (const row of found) expect(row.first_column, `${row.table_name}.${row.index_name}`).toBe("tenant_id")
      }))
  })

  describe(`${name}: customer numbers`, () => {
    test("tenant.customer-number: numbers count up per tenant from the start, never twice, skipping numbers already stored", () =>
      Effect.gen(function*() {
        const numbers = yield* SqlCustomerNumbers.make(500)
        expect(yield* numbers.next(A)).toBe("500")
        expect(yield* numbers.next(A)).toBe("501")
        expect(yield* numbers.next(B)).toBe("500")
        // An imported customer with number 503 advances the counter in its registration.
        const store = yield* SqlAccountStore.make
        yield* store.save(A, { account: Arbitraries.accountOf(A, { customerId: "c-9", customerNumber: "503" }), expectedVersion: 0, append: [] })
        expect(yield* numbers.next(A)).toBe("504")
        const many = yield* Effect.all(Array.from({ length: 20 }, () => numbers.next(B)), { concurrency: "unbounded" })
        expect(new Set(many).size).toBe(20)
      }))
  })

  describe(`${name}: file store`, () => {
    test("tenant.isolation: bytes are kept per tenant and customer; replacing keeps the place, re-adding goes last", () =>
      Effect.gen(function*() {
        const files = yield* SqlFileStore.make
        const bytes = new Uint8Array([0, 1, 2, 255])
        yield* files.put(A, c1, f("f-1"), bytes)
        bytes[0] = 9 // the caller's array is not the stored one
        yield* files.put(A, c1, f("f-2"), new Uint8Array([7]))
        yield* files.put(A, c1, f("f-1"), new Uint8Array([1, 1]))
        expect(yield* files.list(A, c1)).toEqual(["f-1", "f-2"])
        expect(Option.map(yield* files.get(A, c1, f("f-1")), (b) => [...b])).toEqual(Option.some([1, 1]))
        expect(Option.isNone(yield* files.get(B, c1, f("f-1")))).toBe(true)
        expect(Option.isNone(yield* files.get(A, c2, f("f-1")))).toBe(true)
        expect(yield* files.list(B, c1)).toEqual([])
        yield* files.remove(A, c1, f("f-1"))
        yield* files.remove(A, c1, f("missing"))
        yield* files.put(A, c1, f("f-1"), new Uint8Array(819_200).fill(3))
        expect(yield* files.list(A, c1)).toEqual(["f-2", "f-1"])
        expect(Option.map(yield* files.get(A, c1, f("f-1")), (b) => b.length)).toEqual(Option.some(819_200))
        const refused = yield* Effect.flip(files.put(A, c1, f("f-3"), "text" as unknown as Uint8Array))
        expect(refused._tag).toBe("StorageError")
      }))
  })

  describe(`${name}: outbox`, () => {
    test("compliance.host-erasure: mails are kept until delivered or withdrawn; the secret stays Redacted", () =>
      Effect.gen(function*() {
        const outbox = yield* SqlOutbox.make
        const mail = (customerId: CustomerId, reference?: string) => ({
          tenantId: A,
          customerId,
          template: "password-reset",
          to: "ada@example.org",
          data: { name: "Ada" },
          secret: Redacted.make("Xy7kP2mQ9rTa"),
          ...(reference === undefined ? {} : { reference })
        })
        yield* outbox.enqueue(mail(c1))
        yield* outbox.enqueue(mail(c1, "invitation-1"))
        yield* outbox.enqueue(mail(c2))
        yield* outbox.enqueue({ ...mail(c2), notAfter: DateTime.makeUnsafe(Date.UTC(2000, 0, 1)) })
        const pending = yield* outbox.pending(A, 10)
        expect(pending.map((p) => p.mail.customerId)).toEqual(["c-1", "c-1", "c-2"])
        expect(Redacted.value(pending[0]!.mail.secret!)).toBe("Xy7kP2mQ9rTa")
        expect(String(pending[0]!.mail.secret)).not.toContain("Xy7k")
        expect(yield* outbox.pending(B, 10)).toEqual([])
        expect(yield* outbox.withdrawReference(A, c1, "invitation-1")).toBe(1)
        expect(yield* outbox.withdraw(A, c1)).toBe(1)
        expect(yield* outbox.withdraw(A, c1)).toBe(0)
        const left = yield* outbox.pending(A, 10)
        expect(left.map((p) => p.mail.customerId)).toEqual(["c-2"])
        yield* outbox.delivered(A, left[0]!.mailId)
        expect(yield* outbox.pending(A, 10)).toEqual([])
        // effects.stable-key: a key is queued once, also after its mail was withdrawn.
        yield* outbox.enqueue({ ...mail(c1), key: "reset:1" })
        yield* outbox.enqueue({ ...mail(c1), key: "reset:1" })
        expect((yield* outbox.pending(A, 10)).length).toBe(1)
        expect(yield* outbox.withdraw(A, c1)).toBe(1)
        yield* outbox.enqueue({ ...mail(c1), key: "reset:1" })
        expect(yield* outbox.pending(A, 10)).toEqual([])
        yield* outbox.enqueue({ ...mail(c1), tenantId: B, key: "reset:1" })
        expect((yield* outbox.pending(B, 10)).length).toBe(1)
        const refused = yield* Effect.flip(outbox.enqueue({ ...mail(c1), secret: "plain" as unknown as Redacted.Redacted<string> }))
        expect(refused._tag).toBe("StorageError")
        expect(refused.message).not.toContain("plain")
      }))
  })
}
