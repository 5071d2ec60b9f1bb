/**
 * The fault kit's model-based property (test/engine/ExactlyOnce.test.ts, unchanged) with the
 * account store on PostgreSQL (see SqliteExactlyOnce.test.ts): the memory account store module is
 * swapped for the PostgreSQL store on this file's schema, emptied for every run. 100 sequences
 * (EXACTLY_ONCE_RUNS for more).
 */
import { Layer } from "effect"
import { describe, it, vi } from "vitest"
import * as SqlAccountStore from "../../../src/adapters/sql/SqlAccountStore.ts"
import { AccountStore } from "../../../src/ports/AccountStore.ts"
import { skipReason, testSchema } from "../../support/postgres.ts"

vi.hoisted(() => {
  process.env["EXACTLY_ONCE_RUNS"] ??= "100"
})

const db = testSchema("exactly_once")
;(globalThis as { postgresStoreLayer?: unknown }).postgresStoreLayer = Layer.effect(AccountStore, SqlAccountStore.make).pipe(
  Layer.provide(db.layerEmpty)
)

vi.mock("../../../src/adapters/memory/MemoryAccountStore.ts", async (original) => {
  const memory = await original<typeof import("../../../src/adapters/memory/MemoryAccountStore.ts")>()
  const layer = Layer.suspend(() => (globalThis as unknown as { postgresStoreLayer: typeof memory.layer }).postgresStoreLayer)
  return { ...memory, layer }
})

if (skipReason === undefined) await import("../../engine/ExactlyOnce.test.ts")
else describe("exactly once under faults on PostgreSQL", () => it.skip(`(skipped: ${skipReason})`, () => {}))

