/**
 * The fault kit's model-based property (test/engine/ExactlyOnce.test.ts, unchanged) with the
 * account store on SQLite: the same random command sequences over ports failing at random,
 * repeated under their keys and drained, must end exactly like a run without faults. The memory
 * account store module is swapped for a SQLite one (each layer build a new migrated in-memory
 * database); everything else is the original test. 250 sequences (EXACTLY_ONCE_RUNS for more).
 */
import { Effect, Layer } from "effect"
import { vi } from "vitest"

vi.hoisted(() => {
  process.env["EXACTLY_ONCE_RUNS"] ??= "250"
})

vi.mock("../../../src/adapters/memory/MemoryAccountStore.ts", async (original) => {
  const memory = await original<typeof import("../../../src/adapters/memory/MemoryAccountStore.ts")>()
  const { migrate } = await import("../../../src/adapters/sql/Migrations.ts")
  const SqlAccountStore = await import("../../../src/adapters/sql/SqlAccountStore.ts")
  const SqliteClient = await import("../../../src/adapters/sql/sqlite/SqliteClient.ts")
  const { AccountStore } = await import("../../../src/ports/AccountStore.ts")
  const layer = Layer.effect(AccountStore, Effect.andThen(Effect.orDie(migrate), SqlAccountStore.make)).pipe(
    Layer.provide(Layer.orDie(SqliteClient.layer({ filename: ":memory:" })))
  )
  return { ...memory, layer }
})

await import("../../engine/ExactlyOnce.test.ts")
