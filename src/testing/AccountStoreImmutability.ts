/**
 * The conformance cases of the port's value contract, run by {@link accountStoreConformance} for
 * every adapter: the domain values a store hands out (accounts, activities, tombstones,
 * idempotency records, intents) are deeply frozen and may be shared by every reader; a value
 * handed to `save` is the store's once saved, so changing it afterwards changes nothing stored;
 * a value read before a save stays as it was; and values shared between two tenants' writes
 * (a twin built from another tenant's account) keep each tenant's data apart.
 *
 * @module
 */
import { DateTime, Effect, Option, Schema } from "effect"
import { describe, expect } from "vitest"
import { Account, Tombstone } from "../domain/Account.ts"
import { Activity } from "../domain/Activity.ts"
import * as Actor from "../domain/Actor.ts"
import { CustomerId, CustomerNumber, StaffUserId, type TenantId } from "../domain/Ids.ts"
import { Intent } from "../domain/Intent.ts"
import { type AccountStoreService, IdempotencyRecord } from "../ports/AccountStore.ts"
import * as Arbitraries from "./arbitraries.ts"

/** What {@link immutabilityCases} needs from the suite that declares them. */
export interface ImmutabilityContext {
  /** The tenants written to: the first holds the data, the second is the other tenant. */
  readonly tenants: readonly [TenantId, TenantId]
  /** Declares a test over a fresh store. */
  readonly test: (title: string, body: (store: AccountStoreService) => Effect.Effect<unknown, unknown>) => void
}

const encodeAccount = Schema.encodeSync(Account)
const encodeActivity = Schema.encodeSync(Activity)
const t0 = Date.parse("2026-03-01T10:00:00.000Z")
const supporter = Actor.supporter(StaffUserId.make("staff-1"), "Mia Support")
const cid = (id: string): CustomerId => CustomerId.make(id)

/**
 * Whether a value is frozen all the way down. `DateTime` values are immutable by their API (and
 * cache their parts in themselves), so they count as frozen; so do objects with internal slots,
 * which no stored domain value holds.
 */
const isDeeplyFrozen = (value: unknown, seen: Set<object> = new Set()): boolean => {
  if (typeof value !== "object" || value === null || seen.has(value)) return true
  seen.add(value)
  if (DateTime.isDateTime(value) || value instanceof Map || value instanceof Set || value instanceof Date || ArrayBuffer.isView(value)) {
    return true
  }
  if (!Object.isFrozen(value)) return false
  return Object.keys(value).every((key) => isDeeplyFrozen((value as Record<string, unknown>)[key], seen))
}

const expectFrozen = (value: unknown, what: string): void => {
  expect(isDeeplyFrozen(value), `${what} is deeply frozen`).toBe(true)
}

/** Tries a change; a frozen value refuses it with a `TypeError` (strict mode), which is fine. */
const attempt = (change: () => void): void => {
  try {
    change()
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
  }
}

/** A note activity with mutable details: a text and an array of file ids. */
const note = (tenant: TenantId, customer: string, id: string, at: number): Activity =>
  Arbitraries.activityOf(tenant, cid(customer), {
    id,
    at,
    type: "note",
    details: { text: "Erika called about her parcel", fileIds: [] }
  })

/** An account whose additional data is a mutable object of the caller's. */
const accountWithData = (tenant: TenantId, id: string, number: string, data: Record<string, string>): Account => {
  const base = Arbitraries.accountOf(tenant, { customerId: id, customerNumber: number, email: `${id}@example.de` })
  return new Account({ ...base, additionalData: data })
}

const some = <A>(found: Option.Option<A>, what: string): A => {
  expect(Option.isSome(found), `expected ${what}`).toBe(true)
  return Option.getOrThrow(found)
}

/**
 * Declares the value-contract cases inside the calling suite's `describe`.
 *
 * @category conformance
 */
export const immutabilityCases = (context: ImmutabilityContext): void => {
  const [A, B] = context.tenants
  const { test } = context

  describe("immutable, shared values", () => {
    test("immutable values: every domain value a read returns is deeply frozen", (store) =>
      Effect.gen(function*() {
        const erika = accountWithData(A, "c-1", "N-1", { note: "first" })
        const gone = accountWithData(A, "c-2", "N-2", {})
        yield* store.save(A, {
          account: erika,
          expectedVersion: 0,
          append: [note(A, "c-1", "a-1", t0), note(A, "c-1", "a-2", t0 + 1)],
          idempotency: new IdempotencyRecord({
            key: "k-1",
            fingerprint: "fp-1",
            customerId: cid("c-1"),
            result: { customerId: "c-1", nested: { ok: true } },
            at: DateTime.makeUnsafe(t0)
          }),
          intents: [
            new Intent({
              id: "i-1",
              customerId: cid("c-1"),
              kind: "erase",
              stage: "after-write",
              payload: { reason: "deleted" },
              status: "pending",
              attempts: 0,
              createdAt: DateTime.makeUnsafe(t0),
              dueAt: DateTime.makeUnsafe(t0)
            })
          ]
        })
        yield* store.save(A, { account: gone, expectedVersion: 0, append: [] })
        yield* store.remove(A, {
          tombstone: new Tombstone({
            tenantId: A,
            customerId: cid("c-2"),
            customerNumber: CustomerNumber.make("N-2"),
            deletedAt: DateTime.makeUnsafe(t0),
            deletedBy: supporter
          }),
          expectedVersion: 1
        })

        expectFrozen(some(yield* store.load(A, cid("c-1")), "account c-1"), "load's account")
        expectFrozen(some(yield* store.loadByNumber(A, CustomerNumber.make("N-1")), "account N-1"), "loadByNumber's account")
        expectFrozen(some(yield* store.loadByEmail(A, "c-1@example.de"), "account by email"), "loadByEmail's account")
        const page = yield* store.timeline(A, cid("c-1"), { limit: 10 })
        expect(page.items).toHaveLength(2)
        for (const item of page.items) expectFrozen(item, `timeline activity ${item.id}`)
        const feed = yield* store.changes(A, { limit: 10 })
        expect(feed.changes.map((c) => c._tag)).toEqual(["Activity", "Activity", "Deletion"])
        for (const change of feed.changes) {
          expectFrozen(change._tag === "Activity" ? change.activity : change.tombstone, `the feed's ${change._tag} entry`)
        }
        expectFrozen(some(yield* store.tombstone(A, cid("c-2")), "tombstone c-2"), "the tombstone")
        expectFrozen(some(yield* store.idempotencyRecord(A, "k-1"), "idempotency record k-1"), "the idempotency record")
        expectFrozen(some(yield* store.intent(A, "i-1"), "intent i-1"), "the intent")
        const intents = yield* store.intents(A, { limit: 10 })
        expect(intents).toHaveLength(1)
        for (const found of intents) expectFrozen(found, "a listed intent")
      }))

    test("immutable values: changing what was handed to save, after the save, changes nothing stored", (store) =>
      Effect.gen(function*() {
        const data: Record<string, string> = { note: "first" }
        const v1 = accountWithData(A, "c-1", "N-1", data)
        const activity = note(A, "c-1", "a-1", t0)
        // A deep copy of the encodings: an encoding shares its JSON parts (the details) with the value.
        const saved = structuredClone({ account: encodeAccount(v1), activity: encodeActivity(activity) })
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [activity] })

        attempt(() => {
          data["note"] = "changed"
        })
        attempt(() => {
          data["injected"] = "x"
        })
        attempt(() => {
          ;(v1.lifecycle.history as Array<unknown>).push({ bogus: true })
        })
        attempt(() => {
          ;(v1 as { version: number }).version = 7
        })
        attempt(() => {
          ;(activity.details as { text: string }).text = "changed"
        })
        attempt(() => {
          ;(activity.details as { fileIds: Array<string> }).fileIds.push("injected")
        })

        expect(encodeAccount(some(yield* store.load(A, cid("c-1")), "account c-1"))).toEqual(saved.account)
        const items = (yield* store.timeline(A, cid("c-1"), { limit: 10 })).items
        expect(items.map((a) => encodeActivity(a))).toEqual([saved.activity])
        // The stored version did not move either: the next write expects version 1.
        const v2 = new Account({ ...Option.getOrThrow(yield* store.load(A, cid("c-1"))), version: 2 })
        yield* store.save(A, { account: v2, expectedVersion: 1, append: [] })
      }))

    test("immutable values: a value read before a save stays as it was; the next version shares the rest", (store) =>
      Effect.gen(function*() {
        const v1 = accountWithData(A, "c-1", "N-1", { note: "first" })
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [note(A, "c-1", "a-1", t0)] })
        const read = some(yield* store.load(A, cid("c-1")), "account c-1")
        const readEncoded = structuredClone(encodeAccount(read))
        const firstPage = yield* store.timeline(A, cid("c-1"), { limit: 10 })
        const firstPageEncoded = structuredClone(firstPage.items.map((a) => encodeActivity(a)))

        // The next version is built from the value read: its unchanged parts are the same objects.
        const v2 = new Account({ ...read, version: 2, additionalData: { note: "second" } })
        yield* store.save(A, { account: v2, expectedVersion: 1, append: [note(A, "c-1", "a-2", t0 + 1)] })

        expect(encodeAccount(read)).toEqual(readEncoded)
        expect(firstPage.items.map((a) => encodeActivity(a))).toEqual(firstPageEncoded)
        const now = some(yield* store.load(A, cid("c-1")), "account c-1")
        expect(encodeAccount(now)).toEqual(encodeAccount(v2))
        expect(now.additionalData).toEqual({ note: "second" })
        expect((yield* store.timeline(A, cid("c-1"), { limit: 10 })).items.map((a) => a.id)).toEqual(["a-2", "a-1"])
      }))

    test("tenant.isolation: a twin built from another tenant's stored account keeps both tenants' data apart", (store) =>
      Effect.gen(function*() {
        const erika = accountWithData(A, "c-1", "N-1", { note: "tenant A" })
        yield* store.save(A, { account: erika, expectedVersion: 0, append: [note(A, "c-1", "a-1", t0)] })
        const read = some(yield* store.load(A, cid("c-1")), "account c-1 of tenant A")

        // Tenant A's value, as it is, is not tenant B's to write.
        const refused = yield* Effect.flip(store.save(B, { account: read, expectedVersion: 0, append: [] }))
        expect(refused._tag).toBe("StorageError")
        expect(Option.isNone(yield* store.load(B, cid("c-1"))), "nothing stored in tenant B").toBe(true)

        // A twin in tenant B that shares every unchanged part with tenant A's stored value.
        const twin = new Account({ ...read, tenantId: B })
        yield* store.save(B, { account: twin, expectedVersion: 0, append: [note(B, "c-1", "b-1", t0)] })
        const twinV2 = new Account({ ...twin, version: 2, additionalData: { note: "tenant B" } })
        yield* store.save(B, { account: twinV2, expectedVersion: 1, append: [] })

        const a = some(yield* store.load(A, cid("c-1")), "account c-1 of tenant A")
        const b = some(yield* store.load(B, cid("c-1")), "account c-1 of tenant B")
        expect(encodeAccount(a)).toEqual(encodeAccount(erika))
        expect(a.tenantId).toBe(A)
        expect(b.tenantId).toBe(B)
        expect(b.version).toBe(2)
        expect(b.additionalData).toEqual({ note: "tenant B" })
        expect((yield* store.timeline(A, cid("c-1"), { limit: 10 })).items.map((x) => x.id)).toEqual(["a-1"])
        expect((yield* store.timeline(B, cid("c-1"), { limit: 10 })).items.map((x) => x.id)).toEqual(["b-1"])
      }))
  })
}
