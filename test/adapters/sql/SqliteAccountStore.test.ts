import { Effect, Layer } from "effect"
import { AccountStore } from "../../../src/ports/AccountStore.ts"
import * as SqlAccountStore from "../../../src/adapters/sql/SqlAccountStore.ts"
import { migrate } from "../../../src/adapters/sql/Migrations.ts"
import * as SqliteClient from "../../../src/adapters/sql/sqlite/SqliteClient.ts"
import { accountStoreConformance } from "../../../src/testing/AccountStoreConformance.ts"

// Each test builds a private in-memory database, migrated from scratch.
const layer = Layer.effect(AccountStore, Effect.andThen(Effect.orDie(migrate), SqlAccountStore.make)).pipe(
  Layer.provide(Layer.orDie(SqliteClient.layer({ filename: ":memory:" })))
)

accountStoreConformance("SqliteAccountStore", layer)
