import { Layer } from "effect"
import { describe, it } from "vitest"
import * as SqlAccountStore from "../../../src/adapters/sql/SqlAccountStore.ts"
import { AccountStore } from "../../../src/ports/AccountStore.ts"
import { accountStoreConformance } from "../../../src/testing/AccountStoreConformance.ts"
import { skipReason, testSchema } from "../../support/postgres.ts"

const db = testSchema("conformance")

if (skipReason !== undefined) {
  describe("PostgresAccountStore", () => it.skip(`(skipped: ${skipReason})`, () => {}))
} else {
  accountStoreConformance("PostgresAccountStore", Layer.effect(AccountStore, SqlAccountStore.make).pipe(Layer.provide(db.layerEmpty)))
}
