/**
 * The change feed through the engine (SPEC section 12, rules `feed.commit-order`, `feed.erasure`):
 * commit order, checkpoints, erasure, permission and tenancy.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { Activity } from "../../src/domain/Activity.ts"
import { Tombstone } from "../../src/domain/Account.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import type { Caller } from "../../src/engine/Caller.ts"
import type { Change } from "../../src/ports/AccountStore.ts"
import {
  admin,
  apiClient,
  customerCaller,
  erika,
  foreignAdmin,
  registerCustomer,
  run,
  supporterWith,
  withEngine
} from "../support/engine.ts"

const engine = CustomerAccounts.CustomerAccounts
const relay = apiClient(["read-changes"])
const encodeActivity = Schema.encodeSync(Activity)
const encodeTombstone = Schema.encodeSync(Tombstone)

/** Everything after `after`, page by page, and the last position. */
const readAll = (caller: Caller, after?: string, limit = 3) =>
  Effect.gen(function*() {
    const accounts = yield* engine
    const out: Array<Change> = []
    let position = after
    for (;;) {
      const page = yield* accounts.changes(caller, { limit, ...(position === undefined ? {} : { after: position }) })
      out.push(...page.changes)
      position = page.position
      if (!page.more) return { changes: out, position }
    }
  })

const label = (c: Change) => (c._tag === "Activity" ? `${c.activity.customerId}:${c.activity.type}` : `deleted:${c.tombstone.customerId}`)
const text = (changes: ReadonlyArray<Change>) =>
  JSON.stringify(changes.map((c) => (c._tag === "Activity" ? encodeActivity(c.activity) : encodeTombstone(c.tombstone))))

describe("the change feed", () => {
  it.effect("feed.commit-order: the engine's feed lists the tenant's activities in commit order; a reader from its checkpoint gets only what followed", () =>
    withEngine(Effect.gen(function*() {
      const first = yield* registerCustomer()
      const second = yield* registerCustomer({ ...erika, email: "max@example.de", firstName: "Max" })
      yield* run("addNote", admin, { customerId: first, text: "Called about the parcel" })
      const start = yield* readAll(relay)
      expect(start.changes.map(label)).toEqual([
        `${first}:customer.registered`,
        `${second}:customer.registered`,
        `${first}:note`
      ])
      yield* run("setStatus", admin, { customerId: second, to: "blocked", reason: "chargeback" })
      yield* run("addHint", admin, { customerId: first, text: "Prefers mail" })
      const rest = yield* readAll(relay, start.position, 1)
      expect(rest.changes.map(label)).toEqual([`${second}:status.changed`, `${first}:hint`])
      // Nothing new: an empty page at the same position.
      const accounts = yield* engine
      expect(yield* accounts.changes(relay, { after: rest.position!, limit: 10 })).toEqual({
        changes: [],
        position: rest.position,
        more: false
      })
    })))

  it.effect("feed.erasure: after an anonymization the feed carries the redacted activities and the anonymization; after a deletion one deletion entry instead of the customer's; no personal value survives", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const anonymized = yield* registerCustomer({ ...erika, email: "anna@example.de", firstName: "Annabell", lastName: "Quaste" })
      yield* run("changePersonalData", admin, { customerId: anonymized, change: { lastName: "Quastenflosser" } })
      yield* run("addNote", admin, { customerId: anonymized, text: "Annabell Quaste called" })
      const deleted = yield* registerCustomer({ ...erika, email: "dora@example.de", firstName: "Dorothea", lastName: "Loeschmann" })
      yield* run("addNote", admin, { customerId: deleted, text: "Dorothea Loeschmann wrote" })
      const before = yield* readAll(relay)
      expect(text(before.changes)).toContain("Quastenflosser")

      yield* accounts.anonymize(admin, { customerId: anonymized })
      const stone = yield* accounts.deleteCustomer(admin, { customerId: deleted })
      const after = yield* readAll(relay)
      expect(after.changes.map(label)).toEqual([
        `${anonymized}:customer.registered`,
        `${anonymized}:customer-data.changed`,
        `${anonymized}:note`,
        `${anonymized}:status.changed`,
        `${anonymized}:customer.anonymized`,
        `deleted:${deleted}`
      ])
      // The redacted entries keep their positions; the reader past them learns of the erasure from what follows.
      expect(after.changes.slice(0, 3).map((c) => c.position)).toEqual(before.changes.slice(0, 3).map((c) => c.position))
      const deletion = after.changes.at(-1)!
      expect(deletion._tag === "Deletion" ? encodeTombstone(deletion.tombstone) : undefined).toEqual(encodeTombstone(stone))
      const news = yield* readAll(relay, before.position)
      expect(news.changes.map(label)).toEqual([`${anonymized}:status.changed`, `${anonymized}:customer.anonymized`, `deleted:${deleted}`])
      const everything = text(after.changes)
      for (const personal of ["Annabell", "Quaste", "anna@example.de", "Dorothea", "Loeschmann", "dora@example.de"]) {
        expect(everything).not.toContain(personal)
      }
    })))

  it.effect("feed.commit-order: reading the feed needs the read-changes permission; read alone, a customer and the system are refused", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      for (const caller of [supporterWith(["read"]), apiClient(["read"]), customerCaller(customerId)]) {
        const refused = yield* Effect.flip(accounts.changes(caller, { limit: 10 }))
        expect(refused).toMatchObject({ _tag: "PermissionDenied", permission: "read-changes", command: "read-changes" })
      }
      expect((yield* accounts.changes(supporterWith(["read-changes"]), { limit: 10 })).changes).toHaveLength(1)
    })))

  it.effect("feed.commit-order: a malformed query is a ValidationError and a foreign position an InvalidCursor, never a defect", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      yield* registerCustomer()
      for (const query of [{ limit: 0 }, { limit: 201 }, { limit: 10, after: "" }, { limit: 10, after: 42 }, null]) {
        const refused = yield* Effect.flip(accounts.changes(relay, query as never))
        expect(refused._tag).toBe("ValidationError")
      }
      const bogus = yield* Effect.flip(accounts.changes(relay, { limit: 10, after: "bm90LWEtcG9zaXRpb24" }))
      expect(bogus._tag).toBe("InvalidCursor")
    })))

  it.effect("tenant.isolation: the engine's feed shows only the caller's tenant", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      yield* registerCustomer()
      const foreignRelay: Caller = { ...foreignAdmin }
      expect((yield* accounts.changes(foreignRelay, { limit: 10 })).changes).toEqual([])
      const ours = yield* accounts.changes(admin, { limit: 10 })
      expect(ours.changes).toHaveLength(1)
    })))
})
