import { DateTime, Effect, Option, Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Account, Tombstone } from "../../src/domain/Account.ts"
import { Activity } from "../../src/domain/Activity.ts"
import { type ActivityGroup, activityGroups } from "../../src/domain/ActivityGroup.ts"
import * as Actor from "../../src/domain/Actor.ts"
import { CustomerId, CustomerNumber, StaffUserId, TenantId } from "../../src/domain/Ids.ts"
import { LifecycleState } from "../../src/domain/Lifecycle.ts"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import { type AccountWrite, IdempotencyRecord, type Page } from "../../src/ports/AccountStore.ts"
import { accountStoreConformance, Arbitraries } from "../../src/testing/index.ts"
import { longTest, runs } from "../support/properties.ts"

accountStoreConformance("MemoryAccountStore", MemoryAccountStore.layer, { numRuns: runs(50), timeout: longTest })

const A = TenantId.make("tenant-a")
const B = TenantId.make("tenant-b")
const t0 = Date.UTC(2026, 2, 1, 10)
const hour = 3_600_000
const cid = (id: string) => CustomerId.make(id)
const supporter = Actor.supporter(StaffUserId.make("staff-1"), "Mia Support")

const erika = (tenant = A) =>
  Arbitraries.accountOf(tenant, {
    customerId: "c-1",
    customerNumber: "N-1",
    profile: {
      kind: "private",
      salutation: "mrs",
      firstName: "Erika",
      lastName: "Mustermann",
      email: "erika.mustermann@example.de",
      phone: "+49301234567",
      language: "de"
    }
  })
const note = (id: string, at: number, text = "Erika called about her parcel", tenant = A) =>
  Arbitraries.activityOf(tenant, cid("c-1"), { id, at, type: "note", details: { text, fileIds: [] } })
const record = (key: string, customer = "c-1") =>
  new IdempotencyRecord({
    key,
    fingerprint: `fp-${key}`,
    customerId: cid(customer),
    result: { ok: true },
    at: DateTime.makeUnsafe(t0)
  })
const bump = (account: Account, patch?: Partial<Account>) => new Account({ ...account, ...patch, version: account.version + 1 })

const withStore = <A, E>(body: (store: MemoryAccountStore.MemoryAccountStoreService) => Effect.Effect<A, E>) =>
  Effect.runPromise(Effect.flatMap(MemoryAccountStore.make, body))

describe("MemoryAccountStore (memory-specific)", () => {
  it("dump: holds accounts, activities, tombstones, idempotency records and the change feed, as plain JSON", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const v1 = erika()
        const max = Arbitraries.accountOf(A, { customerId: "c-2", customerNumber: "N-2" })
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [note("a-1", t0)], idempotency: record("k-1") })
        yield* store.save(A, { account: max, expectedVersion: 0, append: [] })
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
        const v2 = bump(v1)
        yield* store.save(A, { account: v2, expectedVersion: 1, append: [note("a-2", t0 - hour)] })
        const dump = yield* store.dump
        expect(JSON.parse(JSON.stringify(dump))).toEqual(dump)
        expect(dump).toEqual({
          tenants: {
            "tenant-a": {
              accounts: [Schema.encodeSync(Account)(v2)],
              activities: {
                "c-1": [Schema.encodeSync(Activity)(note("a-2", t0 - hour)), Schema.encodeSync(Activity)(note("a-1", t0))]
              },
              tombstones: [
                {
                  tenantId: "tenant-a",
                  customerId: "c-2",
                  customerNumber: "N-2",
                  deletedAt: new Date(t0).toISOString(),
                  deletedBy: supporter
                }
              ],
              idempotencyRecords: [Schema.encodeSync(IdempotencyRecord)(record("k-1"))],
              feed: [
                { position: 1, activity: Schema.encodeSync(Activity)(note("a-1", t0)) },
                {
                  position: 2,
                  tombstone: {
                    tenantId: "tenant-a",
                    customerId: "c-2",
                    customerNumber: "N-2",
                    deletedAt: new Date(t0).toISOString(),
                    deletedBy: supporter
                  }
                },
                { position: 3, activity: Schema.encodeSync(Activity)(note("a-2", t0 - hour)) }
              ],
              intents: []
            }
          }
        })
      })
    ))

  it("dump: after anonymization with rewritten activities and after a removal, no personal string is left", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const v1 = erika()
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [note("a-1", t0), note("a-2", t0 + hour)] })
        const anonymized = bump(v1, {
          profile: Arbitraries.anonymized,
          lifecycle: new LifecycleState({ ...v1.lifecycle, status: "anonymized" })
        })
        yield* store.save(A, {
          account: anonymized,
          expectedVersion: 1,
          append: [],
          rewrite: [note("a-1", t0, "[erased]"), note("a-2", t0 + hour, "[erased]")]
        })
        const text = JSON.stringify(yield* store.dump)
        for (const personal of ["Erika", "Mustermann", "erika.mustermann", "+49301234567", "parcel"]) {
          expect(text).not.toContain(personal)
        }
        expect(Option.isNone(yield* store.loadByEmail(A, "erika.mustermann@example.de"))).toBe(true)
        expect((yield* store.search(A, { limit: 10, text: "erika" })).items).toEqual([])

        yield* store.remove(A, {
          tombstone: new Tombstone({
            tenantId: A,
            customerId: cid("c-1"),
            customerNumber: CustomerNumber.make("N-1"),
            deletedAt: DateTime.makeUnsafe(t0),
            deletedBy: supporter
          }),
          expectedVersion: 2
        })
        const after = yield* store.dump
        expect(after.tenants["tenant-a"]).toMatchObject({ accounts: [], activities: {}, idempotencyRecords: [] })
        expect(after.tenants["tenant-a"]?.tombstones).toHaveLength(1)
      })
    ))

  it("tenant.isolation: the dump keeps each tenant's data under its own tenant", () =>
    withStore((store) =>
      Effect.gen(function*() {
        yield* store.save(A, { account: erika(A), expectedVersion: 0, append: [note("a-1", t0)] })
        yield* store.save(B, { account: erika(B), expectedVersion: 0, append: [note("b-1", t0, "other", B)] })
        const dump = yield* store.dump
        expect(Object.keys(dump.tenants).sort()).toEqual(["tenant-a", "tenant-b"])
        expect(JSON.stringify(dump.tenants["tenant-a"])).not.toContain("tenant-b")
        expect(JSON.stringify(dump.tenants["tenant-b"])).not.toContain("tenant-a")
        // Reads of an unknown tenant create nothing.
        yield* store.load(TenantId.make("tenant-c"), cid("c-1"))
        yield* store.search(TenantId.make("tenant-c"), { limit: 5 })
        expect(Object.keys((yield* store.dump).tenants)).toHaveLength(2)
      })
    ))

  it("keeps no copies: a save freezes the values handed in and every read hands out those same values", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const v1 = erika()
        const activity = note("a-1", t0)
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [activity] })
        expect(Object.isFrozen(v1)).toBe(true)
        expect(Object.isFrozen(v1.profile)).toBe(true)
        expect(Object.isFrozen(activity.details)).toBe(true)
        const loaded = Option.getOrThrow(yield* store.load(A, cid("c-1")))
        expect(loaded).toBe(v1)
        expect(Option.getOrThrow(yield* store.loadByNumber(A, CustomerNumber.make("N-1")))).toBe(v1)
        expect(Option.getOrThrow(yield* store.loadByEmail(A, "erika.mustermann@example.de"))).toBe(v1)
        expect((yield* store.timeline(A, cid("c-1"), { limit: 10 })).items[0]).toBe(activity)
        const feed = (yield* store.changes(A, { limit: 10 })).changes[0]
        expect(feed?._tag === "Activity" ? feed.activity : undefined).toBe(activity)

        // The next version is kept as it was handed in, frozen.
        const v2 = bump(loaded, { additionalData: { note: "second" } })
        yield* store.save(A, { account: v2, expectedVersion: 1, append: [] })
        const now = Option.getOrThrow(yield* store.load(A, cid("c-1")))
        expect(now).toBe(v2)
        expect(Object.isFrozen(now.additionalData)).toBe(true)
      })
    ))

  it("a refused save keeps nothing: the values handed in stay the caller's, unfrozen", () =>
    withStore((store) =>
      Effect.gen(function*() {
        yield* store.save(A, { account: erika(), expectedVersion: 0, append: [] })
        const stale = erika()
        const activity = note("a-1", t0)
        const refused = yield* Effect.flip(store.save(A, { account: stale, expectedVersion: 0, append: [activity] }))
        expect(refused._tag).toBe("VersionConflict")
        expect(Object.isFrozen(stale)).toBe(false)
        expect(Object.isFrozen(activity)).toBe(false)
        expect(Object.isFrozen(activity.details)).toBe(false)
      })
    ))

  it("returned objects and objects handed in cannot change stored state", () =>
    withStore((store) =>
      Effect.gen(function*() {
        // Stored values are frozen and shared (the port's contract): a change either throws (a
        // frozen object) or changes a value the store does not hold. Either way nothing stored changes.
        const attempt = (change: () => void): void => {
          try {
            change()
          } catch (error) {
            if (!(error instanceof TypeError)) throw error
          }
        }
        const v1 = erika()
        const activity = note("a-1", t0)
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [activity], idempotency: record("k-1") })
        const before = yield* store.dump

        // Mutate what was handed in.
        attempt(() => { (v1.additionalData as Record<string, string>)["x"] = "injected" })
        attempt(() => { (v1.addresses as Array<unknown>).push({ bogus: true }) })
        attempt(() => { ((activity.details as { fileIds: Array<string> }).fileIds).push("injected") })

        // Mutate what comes back.
        const loaded = Option.getOrThrow(yield* store.load(A, cid("c-1")))
        attempt(() => { (loaded.additionalData as Record<string, string>)["y"] = "injected" })
        attempt(() => { (loaded.lifecycle.history as Array<unknown>).push({ bogus: true }) })
        attempt(() => { (loaded as { version: number }).version = 99 })
        const page = yield* store.timeline(A, cid("c-1"), { limit: 10 })
        const returned = page.items[0]!
        attempt(() => { ((returned.details as { text: string }).text) = "changed" })
        attempt(() => { (page.items as Array<Activity>).length = 0 })
        const row = (yield* store.search(A, { limit: 10 })).items[0]!
        attempt(() => { (row as { displayName: string }).displayName = "changed" })
        const found = Option.getOrThrow(yield* store.idempotencyRecord(A, "k-1"))
        attempt(() => { ((found.result as { ok: boolean }).ok) = false })

        expect(yield* store.dump).toEqual(before)
        const again = Option.getOrThrow(yield* store.load(A, cid("c-1")))
        expect(again.version).toBe(1)
        expect(again.additionalData).toEqual({})
        expect((yield* store.timeline(A, cid("c-1"), { limit: 10 })).items[0]?.details).toEqual({
          text: "Erika called about her parcel",
          fileIds: []
        })
        expect((yield* store.search(A, { limit: 10 })).items[0]?.displayName).toBe("Erika Mustermann")
      })
    ))

  it("command.atomic: a write that contradicts itself fails with StorageError and changes nothing", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const v1 = erika()
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [note("a-1", t0)], idempotency: record("k-1") })
        yield* store.save(A, {
          account: Arbitraries.accountOf(A, { customerId: "c-2", customerNumber: "N-2" }),
          expectedVersion: 0,
          append: []
        })
        const before = yield* store.dump
        const v2 = bump(v1)
        const malformed: ReadonlyArray<[string, AccountWrite]> = [
          ["an account of another tenant", { account: erika(B), expectedVersion: 0, append: [] }],
          ["a version that is not expectedVersion + 1", { account: new Account({ ...v1, version: 3 }), expectedVersion: 1, append: [] }],
          ["a changed customer number", { account: new Account({ ...v2, customerNumber: CustomerNumber.make("N-9") }), expectedVersion: 1, append: [] }],
          ["a duplicate activity id in one write", { account: v2, expectedVersion: 1, append: [note("a-2", t0), note("a-2", t0)] }],
          ["an activity id stored already", { account: v2, expectedVersion: 1, append: [note("a-1", t0)] }],
          [
            "an activity of another customer",
            {
              account: v2,
              expectedVersion: 1,
              append: [Arbitraries.activityOf(A, cid("c-2"), { id: "x-1", at: t0 })]
            }
          ],
          ["a rewrite of an unknown activity", { account: v2, expectedVersion: 1, append: [], rewrite: [note("a-9", t0)] }],
          ["an idempotency record of another customer", { account: v2, expectedVersion: 1, append: [], idempotency: record("k-2", "c-2") }]
        ]
        for (const [what, write] of malformed) {
          const outcome = yield* Effect.result(store.save(A, write))
          expect(Result.isFailure(outcome) ? outcome.failure._tag : "ok", what).toBe("StorageError")
          expect(yield* store.dump, what).toEqual(before)
        }
        const wrongNumber = yield* Effect.result(
          store.remove(A, {
            tombstone: new Tombstone({
              tenantId: A,
              customerId: cid("c-1"),
              customerNumber: CustomerNumber.make("N-2"),
              deletedAt: DateTime.makeUnsafe(t0),
              deletedBy: supporter
            }),
            expectedVersion: 1
          })
        )
        expect(Result.isFailure(wrongNumber) && wrongNumber.failure._tag).toBe("StorageError")
        expect(yield* store.dump).toEqual(before)
        const sameKey = yield* Effect.result(
          store.save(A, { account: v2, expectedVersion: 1, append: [note("a-2", t0)], idempotency: record("k-1") })
        )
        expect(Result.isFailure(sameKey) ? sameKey.failure._tag : "ok").toBe("VersionConflict")
        expect(yield* store.dump).toEqual(before)
      })
    ))

  it("command.optimistic-concurrency: the store refuses an account whose version is not expectedVersion + 1", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const v1 = erika()
        const skipped = yield* Effect.result(store.save(A, { account: new Account({ ...v1, version: 2 }), expectedVersion: 0, append: [] }))
        expect(Result.isFailure(skipped) && skipped.failure._tag).toBe("StorageError")
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [] })
        const same = yield* Effect.result(store.save(A, { account: v1, expectedVersion: 1, append: [] }))
        expect(Result.isFailure(same) && same.failure._tag).toBe("StorageError")
        expect(Option.map(yield* store.load(A, cid("c-1")), (a) => a.version)).toEqual(Option.some(1))
      })
    ))

  it("command.idempotency: a second record under a recorded key is a version conflict (the engine re-reads the first), and the first record stays", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const v1 = erika()
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [], idempotency: record("k-1") })
        const max = Arbitraries.accountOf(A, { customerId: "c-2", customerNumber: "N-2" })
        const outcome = yield* Effect.result(
          store.save(A, { account: max, expectedVersion: 0, append: [], idempotency: record("k-1", "c-2") })
        )
        expect(Result.isFailure(outcome) && outcome.failure._tag).toBe("VersionConflict")
        expect(Option.isNone(yield* store.load(A, cid("c-2")))).toBe(true)
        const kept = yield* store.idempotencyRecord(A, "k-1")
        expect(Option.map(kept, (r) => r.customerId)).toEqual(Option.some("c-1"))
      })
    ))

  it("tenant.customer-number: an update cannot change the number, and a tombstone must keep the account's number", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const v1 = erika()
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [] })
        const renumbered = yield* Effect.result(
          store.save(A, { account: bump(v1, { customerNumber: CustomerNumber.make("N-7") }), expectedVersion: 1, append: [] })
        )
        expect(Result.isFailure(renumbered) && renumbered.failure._tag).toBe("StorageError")
        expect(Option.isNone(yield* store.loadByNumber(A, CustomerNumber.make("N-7")))).toBe(true)
        yield* store.remove(A, {
          tombstone: new Tombstone({
            tenantId: A,
            customerId: cid("c-1"),
            customerNumber: CustomerNumber.make("N-1"),
            deletedAt: DateTime.makeUnsafe(t0),
            deletedBy: supporter
          }),
          expectedVersion: 1
        })
        expect((yield* store.dump).tenants["tenant-a"]?.tombstones).toEqual([
          expect.objectContaining({ customerId: "c-1", customerNumber: "N-1" })
        ])
      })
    ))

  it("tenant.email-unique: the email index follows every change: changed away, anonymized, removed", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const v1 = erika()
        yield* store.save(A, { account: v1, expectedVersion: 0, append: [] })
        const v2 = bump(v1, { profile: { ...v1.profile, email: "e.m@example.de" } })
        yield* store.save(A, { account: v2, expectedVersion: 1, append: [] })
        expect(Option.isNone(yield* store.loadByEmail(A, "erika.mustermann@example.de"))).toBe(true)
        expect(Option.isSome(yield* store.loadByEmail(A, "E.M@example.de"))).toBe(true)
        const v3 = bump(v2, {
          profile: Arbitraries.anonymized,
          lifecycle: new LifecycleState({ ...v2.lifecycle, status: "anonymized" })
        })
        yield* store.save(A, { account: v3, expectedVersion: 2, append: [] })
        expect(Option.isNone(yield* store.loadByEmail(A, "e.m@example.de"))).toBe(true)
        const other = Arbitraries.accountOf(A, { customerId: "c-2", customerNumber: "N-2", email: "e.m@example.de" })
        yield* store.save(A, { account: other, expectedVersion: 0, append: [] })
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
        expect(Option.isNone(yield* store.loadByEmail(A, "e.m@example.de"))).toBe(true)
        expect(JSON.stringify(yield* store.dump)).not.toContain("e.m@example.de")
      })
    ))

  it("cursors: a timeline cursor is not a search cursor, and the other way round", () =>
    withStore((store) =>
      Effect.gen(function*() {
        yield* store.save(A, { account: erika(), expectedVersion: 0, append: [note("a-1", t0), note("a-2", t0)] })
        yield* store.save(A, {
          account: Arbitraries.accountOf(A, { customerId: "c-2", customerNumber: "N-2" }),
          expectedVersion: 0,
          append: []
        })
        const timelineCursor = (yield* store.timeline(A, cid("c-1"), { limit: 1 })).nextCursor!
        const searchCursor = (yield* store.search(A, { limit: 1 })).nextCursor!
        expect(timelineCursor).toBeDefined()
        expect(searchCursor).toBeDefined()
        const a = yield* Effect.flip(store.search(A, { limit: 1, cursor: timelineCursor }))
        const b = yield* Effect.flip(store.timeline(A, cid("c-1"), { limit: 1, cursor: searchCursor }))
        expect([a._tag, b._tag]).toEqual(["InvalidCursor", "InvalidCursor"])
        expect(b.message).toContain("timeline")
      })
    ))

  it("timeline: a customer with 100,000 activities pages exactly to the last page", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const template = note("t", t0)
        const n = 100_000
        // Three activities per second, plus a late host activity every 1,000 with an earlier instant.
        const list = Array.from({ length: n }, (_, i) =>
          new Activity({
            ...template,
            id: `a-${i}` as Activity["id"],
            at: DateTime.makeUnsafe(i % 1000 === 999 ? t0 - i : t0 + Math.floor(i / 3) * 1000),
            ...(i % 7 === 0 ? { type: "payment", group: "invoices-and-payments" as const, details: { paymentId: `p-${i}`, amount: { amount: 1, currency: "EUR" } } } : {})
          })
        )
        yield* store.save(A, { account: erika(), expectedVersion: 0, append: list })
        const expected = list
          .map((a, seq) => ({ id: a.id, at: DateTime.toEpochMillis(a.at), seq }))
          .sort((x, y) => y.at - x.at || y.seq - x.seq)
          .map((x) => x.id)

        const seen: Array<string> = []
        let cursor: string | undefined
        let pages = 0
        do {
          const page: Page<Activity> = yield* store.timeline(A, cid("c-1"), {
            limit: 200,
            ...(cursor === undefined ? {} : { cursor })
          })
          for (const a of page.items) seen.push(a.id)
          cursor = page.nextCursor
          pages++
        } while (cursor !== undefined && pages < 1000)
        expect(pages).toBe(500)
        expect(seen).toEqual(expected)

        const payments: Array<string> = []
        cursor = undefined
        do {
          const page: Page<Activity> = yield* store.timeline(A, cid("c-1"), {
            limit: 200,
            groups: ["invoices-and-payments"],
            ...(cursor === undefined ? {} : { cursor })
          })
          for (const a of page.items) payments.push(a.id)
          cursor = page.nextCursor
        } while (cursor !== undefined)
        expect(payments).toEqual(expected.filter((id) => Number(id.slice(2)) % 7 === 0))
      })
    ), longTest)
})

describe("MemoryAccountStore: timelines long enough for the key indexes", () => {
  // A short timeline is scanned, a long one (64 activities and more) keeps per-key indexes: both
  // must give the same pages and histograms. The conformance suite's lists are short.
  it("timeline and histogram: filters, pages and day buckets agree with a scan of the saved list, across the index threshold", () =>
    fc.assert(
      fc.asyncProperty(
        fc.record({
          list: Arbitraries.activities(A, cid("c-1"), {
            minLength: 40,
            maxLength: 140,
            at: fc.integer({ min: 0, max: 72 }).map((n) => DateTime.makeUnsafe(t0 + n * hour))
          }),
          split: fc.nat(140),
          limit: fc.integer({ min: 1, max: 30 }),
          groups: fc.option(fc.subarray([...activityGroups]), { nil: undefined }),
          types: fc.option(fc.subarray(Arbitraries.sampleActivityTypes.map((s) => s.type)), { nil: undefined }),
          actorKinds: fc.option(fc.subarray([...Actor.actorKinds]), { nil: undefined }),
          from: fc.option(fc.integer({ min: 0, max: 72 }), { nil: undefined }),
          until: fc.option(fc.integer({ min: 0, max: 73 }), { nil: undefined })
        }),
        ({ list, split, limit, groups, types, actorKinds, from, until }) =>
          withStore((store) =>
            Effect.gen(function*() {
              const v1 = erika()
              const cut = Math.min(split, list.length)
              yield* store.save(A, { account: v1, expectedVersion: 0, append: list.slice(0, cut) })
              yield* store.save(A, { account: bump(v1), expectedVersion: 1, append: list.slice(cut) })
              const fromAt = from === undefined ? undefined : t0 + from * hour
              const untilAt = until === undefined ? undefined : t0 + until * hour
              const inRange = (a: Activity) => {
                const at = DateTime.toEpochMillis(a.at)
                return (fromAt === undefined || at >= fromAt) && (untilAt === undefined || at < untilAt)
              }
              const newestFirst = list
                .map((activity, seq) => ({ activity, seq, at: DateTime.toEpochMillis(activity.at) }))
                .sort((x, y) => y.at - x.at || y.seq - x.seq)
                .map((x) => x.activity)
              const expected = newestFirst.filter((a) =>
                inRange(a) &&
                (groups === undefined || groups.length === 0 || groups.includes(a.group)) &&
                (types === undefined || types.length === 0 || types.includes(a.type)) &&
                (actorKinds === undefined || actorKinds.length === 0 || actorKinds.includes(a.actor._tag))
              )
              const query = {
                ...(groups === undefined ? {} : { groups }),
                ...(types === undefined ? {} : { types }),
                ...(actorKinds === undefined ? {} : { actorKinds }),
                ...(fromAt === undefined ? {} : { from: DateTime.makeUnsafe(fromAt) }),
                ...(untilAt === undefined ? {} : { until: DateTime.makeUnsafe(untilAt) })
              }
              const paged: Array<Activity> = []
              let cursor: string | undefined
              do {
                const page: Page<Activity> = yield* store.timeline(A, cid("c-1"), { ...query, limit, ...(cursor === undefined ? {} : { cursor }) })
                paged.push(...page.items)
                cursor = page.nextCursor
              } while (cursor !== undefined && paged.length <= list.length)
              expect(paged.map((a) => a.id)).toEqual(expected.map((a) => a.id))

              const counts = new Map<string, number>()
              for (const a of list) {
                if (!inRange(a) || (groups !== undefined && groups.length > 0 && !groups.includes(a.group))) continue
                const day = Math.floor(DateTime.toEpochMillis(a.at) / (24 * hour)) * 24 * hour
                counts.set(`${day}|${a.group}`, (counts.get(`${day}|${a.group}`) ?? 0) + 1)
              }
              const bars = yield* store.histogram(A, cid("c-1"), {
                bucket: "day",
                ...(groups === undefined ? {} : { groups }),
                ...(fromAt === undefined ? {} : { from: DateTime.makeUnsafe(fromAt) }),
                ...(untilAt === undefined ? {} : { until: DateTime.makeUnsafe(untilAt) })
              })
              const expectedBars = [...counts.entries()]
                .map(([key, count]) => {
                  const [day, group] = key.split("|") as [string, ActivityGroup]
                  return { day: Number(day), group, count }
                })
                .sort((x, y) => x.day - y.day || activityGroups.indexOf(x.group) - activityGroups.indexOf(y.group))
              expect(bars.map((b) => ({ day: DateTime.toEpochMillis(b.start), group: b.group, count: b.count }))).toEqual(expectedBars)
            })
          )
      ),
      { numRuns: runs(40) }
    ), longTest)

  it("tenant.private-counters: the memory store's cursors and feed positions count the tenant's (and the customer's) own writes only", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const decode = (cursor: string | undefined) => JSON.parse(Buffer.from(cursor!, "base64url").toString("utf8")) as Record<string, unknown>
        // Another tenant writes a lot first.
        for (let i = 0; i < 30; i++) {
          const other = Arbitraries.accountOf(B, { customerId: `b-${i}`, customerNumber: `NB-${i}`, email: `b${i}@example.de` })
          yield* store.save(B, { account: other, expectedVersion: 0, append: [Arbitraries.activityOf(B, cid(`b-${i}`), { id: `b-${i}-1`, at: t0 })] })
        }
        yield* store.save(A, { account: erika(), expectedVersion: 0, append: [note("a-1", t0), note("a-2", t0 + hour)] })
        const max = Arbitraries.accountOf(A, { customerId: "c-2", customerNumber: "N-2" })
        yield* store.save(A, { account: max, expectedVersion: 0, append: [] })
        const timeline = yield* store.timeline(A, cid("c-1"), { limit: 1 })
        expect(decode(timeline.nextCursor)).toMatchObject({ k: "timeline", seq: 2 })
        const search = yield* store.search(A, { limit: 1 })
        expect(decode(search.nextCursor)).toMatchObject({ k: "search", registration: 1 })
        const feed = yield* store.changes(A, { limit: 10 })
        expect(feed.changes.map((c) => decode(c.position)["p"])).toEqual([1, 2])
      })))
})
