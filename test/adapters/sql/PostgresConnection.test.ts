/**
 * PostgreSQL failures reach the port as `StorageError`: a connection dropped in the middle of a
 * write (the write is rolled back and the pool recovers), and a server that cannot be reached.
 */
import { Deferred, Effect, Fiber, Option, Redacted, Schedule } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { describe, expect, it } from "vitest"
import * as Postgres from "../../../src/adapters/sql/postgres/Postgres.ts"
import * as SqlAccountStore from "../../../src/adapters/sql/SqlAccountStore.ts"
import { Account } from "../../../src/domain/Account.ts"
import { CustomerId, TenantId } from "../../../src/domain/Ids.ts"
import { AccountStore } from "../../../src/ports/AccountStore.ts"
import * as Arbitraries from "../../../src/testing/arbitraries.ts"
import { makePool, skipReason, testSchema } from "../../support/postgres.ts"

const A = TenantId.make("tenant-a")
const c1 = CustomerId.make("c-1")
const db = testSchema("connection")
const test = (title: string, body: () => Promise<void>) =>
  skipReason === undefined ? it(title, body, 60_000) : it.skip(`${title} (skipped: ${skipReason})`, () => {})

describe("PostgreSQL connections", () => {
  test("a connection dropped in the middle of a save fails it with StorageError; nothing is written; the store recovers", () =>
    Effect.runPromise(
      Effect.scoped(
        Effect.gen(function*() {
          yield* db.clear
          const admin = db.client()
          const pool = yield* makePool(db.schema, { applicationName: "ca-test-dropped" })
          const store = yield* Effect.provideService(SqlAccountStore.make, SqlClient, pool)
          const v1 = Arbitraries.accountOf(A, { customerId: "c-1", customerNumber: "N-1" })
          yield* store.save(A, { account: v1, expectedVersion: 0, append: [] })

          // The admin holds the account's row lock, so the save waits inside its transaction.
          const locked = yield* Deferred.make<void>()
          const release = yield* Deferred.make<void>()
          const holder = yield* Effect.forkChild(
            admin.withTransaction(
              Effect.gen(function*() {
                yield* admin`SELECT 1 FROM ca_accounts WHERE tenant_id = ${A} AND customer_id = ${c1} FOR UPDATE`
                yield* Deferred.succeed(locked, undefined)
                yield* Deferred.await(release)
              })
            )
          )
          yield* Deferred.await(locked)
          const v2 = new Account({ ...v1, version: 2, additionalData: { note: "lost" } })
          const save = yield* Effect.forkChild(Effect.result(store.save(A, { account: v2, expectedVersion: 1, append: [] })))

          // Wait until the save's backend waits for the lock, then drop its connection.
          const waiting = admin<{ pid: unknown }>`SELECT pid FROM pg_stat_activity
            WHERE application_name = 'ca-test-dropped' AND wait_event_type = 'Lock'`
          const pids = yield* waiting.pipe(
            Effect.filterOrFail((rows) => rows.length > 0),
            Effect.retry({ schedule: Schedule.spaced("20 millis"), times: 500 })
          )
          yield* admin`SELECT pg_terminate_backend(${Number(pids[0]!.pid)})`
          const result = yield* Fiber.join(save)
          expect(result._tag).toBe("Failure")
          if (result._tag === "Failure") {
            expect(result.failure._tag).toBe("StorageError")
            expect(result.failure.message).toMatch(/^The database failed/)
          }
          yield* Deferred.succeed(release, undefined)
          yield* Fiber.join(holder)

          // Nothing was written, and the pool makes a new connection for the next call.
          const loaded = yield* store.load(A, c1).pipe(Effect.retry(Schedule.recurs(3)))
          expect(Option.map(loaded, (a) => a.version)).toEqual(Option.some(1))
        })
      )
    ))

  test("an unreachable server fails the store's calls with StorageError", () =>
    Effect.runPromise(
      Effect.scoped(
        Effect.gen(function*() {
          const store = yield* AccountStore
          const error = yield* Effect.flip(store.load(A, c1))
          expect(error._tag).toBe("StorageError")
        }).pipe(
          Effect.provide(
            Postgres.layer({ url: Redacted.make("postgres://nobody@127.0.0.1:1/none"), connectTimeout: "2 seconds" }, { migrate: false })
          )
        )
      )
    ))
})
