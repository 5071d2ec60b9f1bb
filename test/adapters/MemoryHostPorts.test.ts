import { Effect, Layer, Option, Redacted, Result, Schema } from "effect"
import * as fc from "fast-check"
import { inspect } from "node:util"
import { describe, expect, it, vi } from "vitest"
import * as MemoryCredentials from "../../src/adapters/memory/MemoryCredentials.ts"
import * as MemoryCustomerNumbers from "../../src/adapters/memory/MemoryCustomerNumbers.ts"
import * as MemoryFileStore from "../../src/adapters/memory/MemoryFileStore.ts"
import * as MemoryGoodwill from "../../src/adapters/memory/MemoryGoodwill.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import * as MemoryIdGenerator from "../../src/adapters/memory/MemoryIdGenerator.ts"
import * as MemoryLinkedRecords from "../../src/adapters/memory/MemoryLinkedRecords.ts"
import * as MemoryOrders from "../../src/adapters/memory/MemoryOrders.ts"
import * as MemoryOutbox from "../../src/adapters/memory/MemoryOutbox.ts"
import { ActivityId, CustomerId, CustomerNumber, FileId, ProductId, TenantId } from "../../src/domain/Ids.ts"
import { Credentials } from "../../src/ports/Credentials.ts"
import { CustomerNumbers } from "../../src/ports/CustomerNumbers.ts"
import { FileStore } from "../../src/ports/FileStore.ts"
import { Goodwill } from "../../src/ports/Goodwill.ts"
import { IdGenerator, type IdKind } from "../../src/ports/IdGenerator.ts"
import { HostTab, LinkedRecords, TransactionalDataKind } from "../../src/ports/LinkedRecords.ts"
import { type OrderLine, Orders } from "../../src/ports/Orders.ts"
import { Outbox, type OutboxMail } from "../../src/ports/Outbox.ts"
import { runs } from "../support/properties.ts"

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const tenantA = TenantId.make("tenant-a")
const tenantB = TenantId.make("tenant-b")
const ada = CustomerId.make("customer-ada")
const bob = CustomerId.make("customer-bob")
const file1 = FileId.make("file-1")
const file2 = FileId.make("file-2")
const file3 = FileId.make("file-3")

/** Runs a program against a fresh memory host (sequential ids). */
const run = <A, E>(program: Effect.Effect<A, E, MemoryHost.MemoryHostServices>): A =>
  Effect.runSync(Effect.provide(program, MemoryHost.layerForTests))

/** Runs a program against a fresh memory host and returns its outcome as a Result. */
const runResult = <A, E>(program: Effect.Effect<A, E, MemoryHost.MemoryHostServices>): Result.Result<A, E> =>
  Effect.runSync(Effect.provide(Effect.result(program), MemoryHost.layerForTests))

const failureOf = <A, E>(result: Result.Result<A, E>): E => {
  if (Result.isSuccess(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.success)}`)
  return result.failure
}

const bytes = (...values: Array<number>) => new Uint8Array(values)

const allKinds: ReadonlyArray<IdKind> = ["customer", "activity", "file", "address", "bank-account", "access-right", "mandate"]
const isActivityId = Schema.is(ActivityId)

// ---------------------------------------------------------------------------------------------
// FileStore
// ---------------------------------------------------------------------------------------------

describe("MemoryFileStore", () => {
  it("stores, reads, replaces and removes bytes", () => {
    const out = run(
      Effect.gen(function*() {
        const files = yield* FileStore
        const missing = yield* files.get(tenantA, ada, file1)
        yield* files.put(tenantA, ada, file1, bytes(1, 2, 3))
        const stored = yield* files.get(tenantA, ada, file1)
        yield* files.put(tenantA, ada, file1, bytes(9))
        const replaced = yield* files.get(tenantA, ada, file1)
        yield* files.remove(tenantA, ada, file1)
        const removed = yield* files.get(tenantA, ada, file1)
        yield* files.remove(tenantA, ada, file1)
        yield* files.remove(tenantA, bob, file2)
        return { missing, stored, replaced, removed, list: yield* files.list(tenantA, ada) }
      })
    )
    expect(Option.isNone(out.missing)).toBe(true)
    expect(Option.getOrUndefined(out.stored)).toEqual(bytes(1, 2, 3))
    expect(Option.getOrUndefined(out.replaced)).toEqual(bytes(9))
    expect(Option.isNone(out.removed)).toBe(true)
    expect(out.list).toEqual([])
  })

  it("lists ids in the order they were first stored; a replace keeps the place, a re-store after removal goes last", () => {
    const lists = run(
      Effect.gen(function*() {
        const files = yield* FileStore
        yield* files.put(tenantA, ada, file2, bytes(2))
        yield* files.put(tenantA, ada, file1, bytes(1))
        yield* files.put(tenantA, ada, file3, bytes(3))
        const first = yield* files.list(tenantA, ada)
        yield* files.put(tenantA, ada, file2, bytes(22))
        const afterReplace = yield* files.list(tenantA, ada)
        yield* files.remove(tenantA, ada, file2)
        yield* files.put(tenantA, ada, file2, bytes(222))
        return { first, afterReplace, afterReStore: yield* files.list(tenantA, ada) }
      })
    )
    expect(lists.first).toEqual([file2, file1, file3])
    expect(lists.afterReplace).toEqual([file2, file1, file3])
    expect(lists.afterReStore).toEqual([file1, file3, file2])
  })

  it("keeps its own copy: changing the bytes handed in or read out does not change what is stored", () => {
    const out = run(
      Effect.gen(function*() {
        const files = yield* FileStore
        const input = bytes(1, 2, 3)
        yield* files.put(tenantA, ada, file1, input)
        input[0] = 99
        const read = Option.getOrThrow(yield* files.get(tenantA, ada, file1))
        read[1] = 98
        const backing = bytes(7, 7, 5, 6, 7, 7)
        yield* files.put(tenantA, ada, file2, backing.subarray(2, 4))
        backing[2] = 0
        return { again: yield* files.get(tenantA, ada, file1), view: yield* files.get(tenantA, ada, file2) }
      })
    )
    expect(Option.getOrUndefined(out.again)).toEqual(bytes(1, 2, 3))
    expect(Option.getOrUndefined(out.view)).toEqual(bytes(5, 6))
  })

  it("refuses bytes that are not a Uint8Array with a StorageError and stores nothing", () => {
    const result = runResult(
      Effect.gen(function*() {
        const files = yield* FileStore
        yield* files.put(tenantA, ada, file1, "not bytes" as unknown as Uint8Array)
      })
    )
    expect(failureOf(result)._tag).toBe("StorageError")
    expect(run(FileStore.use((files) => files.list(tenantA, ada)))).toEqual([])
  })

  it("dumps everything it holds as base64, per tenant and customer, leaving out customers without files", () => {
    const dump = run(
      Effect.gen(function*() {
        const files = yield* FileStore
        yield* files.put(tenantA, ada, file1, bytes(104, 105))
        yield* files.put(tenantA, ada, file2, bytes())
        yield* files.put(tenantB, ada, file1, bytes(255, 0))
        yield* files.put(tenantA, bob, file3, bytes(1))
        yield* files.remove(tenantA, bob, file3)
        return yield* (yield* MemoryFileStore.MemoryFileStoreControl).dump
      })
    )
    expect(dump).toEqual({
      tenants: {
        "tenant-a": { "customer-ada": { "file-1": "aGk=", "file-2": "" } },
        "tenant-b": { "customer-ada": { "file-1": "/wA=" } }
      }
    })
    expect(JSON.parse(JSON.stringify(dump))).toEqual(dump)
  })

  it("the plain layer and make work without the control, each with a store of its own", () => {
    const program = Effect.gen(function*() {
      const files = yield* FileStore
      const before = yield* files.list(tenantA, ada)
      yield* files.put(tenantA, ada, file1, bytes(1))
      return { before, after: yield* files.list(tenantA, ada) }
    })
    const first = Effect.runSync(Effect.provide(program, MemoryFileStore.layer))
    const second = Effect.runSync(Effect.provide(program, MemoryFileStore.layer))
    expect(first).toEqual({ before: [], after: [file1] })
    expect(second).toEqual({ before: [], after: [file1] })
    const made = Effect.runSync(
      Effect.gen(function*() {
        const store = yield* MemoryFileStore.make
        yield* store.put(tenantA, ada, file1, bytes(3))
        return yield* store.dump
      })
    )
    expect(made).toEqual({ tenants: { "tenant-a": { "customer-ada": { "file-1": "Aw==" } } } })
  })

  it("tenant.isolation: files of one tenant or customer are not seen, listed or removed under another", () => {
    const out = run(
      Effect.gen(function*() {
        const files = yield* FileStore
        yield* files.put(tenantA, ada, file1, bytes(1))
        const otherTenant = yield* files.get(tenantB, ada, file1)
        const otherCustomer = yield* files.get(tenantA, bob, file1)
        const lists = [yield* files.list(tenantB, ada), yield* files.list(tenantA, bob)]
        yield* files.remove(tenantB, ada, file1)
        yield* files.remove(tenantA, bob, file1)
        yield* files.put(tenantB, ada, file1, bytes(2))
        return { otherTenant, otherCustomer, lists, still: yield* files.get(tenantA, ada, file1) }
      })
    )
    expect(Option.isNone(out.otherTenant)).toBe(true)
    expect(Option.isNone(out.otherCustomer)).toBe(true)
    expect(out.lists).toEqual([[], []])
    expect(Option.getOrUndefined(out.still)).toEqual(bytes(1))
  })

  it("tenant.isolation: behaves like a map per tenant and customer under any sequence of puts and removes (property)", () => {
    const tenants = [tenantA, tenantB]
    const customers = [ada, bob]
    const fileIds = [file1, file2, file3]
    const op = fc.record({
      put: fc.boolean(),
      tenant: fc.constantFrom(...tenants),
      customer: fc.constantFrom(...customers),
      file: fc.constantFrom(...fileIds),
      content: fc.uint8Array({ maxLength: 8 })
    })
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const model = new Map<string, Map<string, Uint8Array>>()
        const key = (t: string, c: string) => `${t}/${c}`
        const observed = run(
          Effect.gen(function*() {
            const files = yield* FileStore
            for (const o of ops) {
              const k = key(o.tenant, o.customer)
              if (o.put) {
                yield* files.put(o.tenant, o.customer, o.file, o.content)
                const m = model.get(k) ?? new Map<string, Uint8Array>()
                m.set(o.file, Uint8Array.from(o.content))
                model.set(k, m)
              } else {
                yield* files.remove(o.tenant, o.customer, o.file)
                model.get(k)?.delete(o.file)
              }
            }
            const seen: Array<{ k: string; list: ReadonlyArray<string>; contents: Array<Uint8Array | undefined> }> = []
            for (const t of tenants) {
              for (const c of customers) {
                const contents: Array<Uint8Array | undefined> = []
                for (const f of fileIds) contents.push(Option.getOrUndefined(yield* files.get(t, c, f)))
                seen.push({ k: key(t, c), list: yield* files.list(t, c), contents })
              }
            }
            return seen
          })
        )
        for (const { k, list, contents } of observed) {
          const m = model.get(k) ?? new Map<string, Uint8Array>()
          expect(list).toEqual([...m.keys()])
          expect(contents).toEqual(fileIds.map((f) => m.get(f)))
        }
      }),
      { numRuns: runs(100) }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// CustomerNumbers
// ---------------------------------------------------------------------------------------------

describe("MemoryCustomerNumbers", () => {
  const draw = (tenantId: TenantId, n: number) =>
    CustomerNumbers.use((numbers) => Effect.forEach(Array.from({ length: n }), () => numbers.next(tenantId)))

  it("tenant.customer-number: counts up from 10001 by default, as decimal strings that are valid customer numbers", () => {
    const drawn = Effect.runSync(Effect.provide(draw(tenantA, 3), MemoryCustomerNumbers.layer))
    expect(drawn).toEqual(["10001", "10002", "10003"])
    for (const n of drawn) expect(Schema.is(CustomerNumber)(n)).toBe(true)
  })

  it("tenant.customer-number: layerFrom and make start where told", () => {
    expect(Effect.runSync(Effect.provide(draw(tenantA, 2), MemoryCustomerNumbers.layerFrom(1)))).toEqual(["1", "2"])
    const made = Effect.runSync(
      Effect.gen(function*() {
        const numbers = yield* MemoryCustomerNumbers.make(500)
        return [yield* numbers.next(tenantA), yield* numbers.next(tenantB), yield* numbers.next(tenantA)]
      })
    )
    expect(made).toEqual(["500", "500", "501"])
    expect(Effect.runSync(Effect.flatMap(MemoryCustomerNumbers.make(), (numbers) => numbers.next(tenantA)))).toBe("10001")
  })

  it("tenant.customer-number: a start that is not a positive integer is refused with a ValidationError", () => {
    for (const start of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      const made = Effect.runSync(Effect.result(MemoryCustomerNumbers.make(start)))
      const error = failureOf(made)
      expect(error._tag).toBe("ValidationError")
      expect(error.message).toContain("customer number start")
      const built = Effect.runSync(Effect.result(Effect.provide(draw(tenantA, 1), MemoryCustomerNumbers.layerFrom(start))))
      expect(failureOf(built)._tag).toBe("ValidationError")
    }
  })

  it("tenant.customer-number: each build of the layer starts afresh", () => {
    expect(Effect.runSync(Effect.provide(draw(tenantA, 2), MemoryCustomerNumbers.layer))).toEqual(["10001", "10002"])
    expect(Effect.runSync(Effect.provide(draw(tenantA, 2), MemoryCustomerNumbers.layer))).toEqual(["10001", "10002"])
  })

  it("tenant.customer-number: numbers never repeat within a tenant and each tenant counts on its own (property)", () => {
    const tenants = ["t-1", "t-2", "t-3"].map((t) => TenantId.make(t))
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.constantFrom(...tenants), { maxLength: 60 }), (start, order) => {
        const drawn = Effect.runSync(
          Effect.provide(
            CustomerNumbers.use((numbers) =>
              Effect.forEach(order, (tenantId) => Effect.map(numbers.next(tenantId), (n) => ({ tenantId, n })))
            ),
            MemoryCustomerNumbers.layerFrom(start)
          )
        )
        for (const tenantId of tenants) {
          const own = drawn.filter((d) => d.tenantId === tenantId).map((d) => d.n)
          expect(new Set(own).size).toBe(own.length)
          expect(own).toEqual(own.map((_, i) => String(start + i)))
        }
      }),
      { numRuns: runs(100) }
    )
  })

  it("tenant.customer-number: keeps counting exactly beyond the largest safe integer", () => {
    const start = Number.MAX_SAFE_INTEGER
    const drawn = Effect.runSync(Effect.provide(draw(tenantA, 3), MemoryCustomerNumbers.layerFrom(start)))
    expect(drawn).toEqual(["9007199254740991", "9007199254740992", "9007199254740993"])
  })
})

// ---------------------------------------------------------------------------------------------
// IdGenerator
// ---------------------------------------------------------------------------------------------

describe("MemoryIdGenerator", () => {
  const nextAll = (kinds: ReadonlyArray<IdKind>) =>
    IdGenerator.use((ids) => Effect.forEach(kinds, (kind) => ids.next(kind)))

  it("identity.id-format: random ids are the kind and a UUID, valid ids for every kind, and do not repeat", () => {
    const kinds = allKinds.flatMap((kind) => Array.from({ length: 50 }, () => kind))
    const ids = Effect.runSync(Effect.provide(nextAll(kinds), MemoryIdGenerator.layerRandom))
    ids.forEach((id, i) => {
      expect(id).toMatch(new RegExp(`^${kinds[i]}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`))
      expect(id.length).toBeLessThanOrEqual(64)
      expect(isActivityId(id)).toBe(true)
    })
    expect(new Set(ids).size).toBe(ids.length)
  })

  it("counts sequential ids per kind, starting at 1", () => {
    const ids = Effect.runSync(
      Effect.provide(nextAll(["customer", "activity", "customer", "file", "activity", "customer"]), MemoryIdGenerator.layerSequential)
    )
    expect(ids).toEqual(["customer-1", "activity-1", "customer-2", "file-1", "activity-2", "customer-3"])
  })

  it("restarts the sequential counters with each build of the layer, and with each make", () => {
    const first = Effect.runSync(Effect.provide(nextAll(["customer", "customer"]), MemoryIdGenerator.layerSequential))
    const second = Effect.runSync(Effect.provide(nextAll(["customer"]), MemoryIdGenerator.layerSequential))
    expect(first).toEqual(["customer-1", "customer-2"])
    expect(second).toEqual(["customer-1"])
    const made = Effect.runSync(
      Effect.gen(function*() {
        const one = yield* MemoryIdGenerator.makeSequential
        const two = yield* MemoryIdGenerator.makeSequential
        return [yield* one.next("mandate"), yield* one.next("mandate"), yield* two.next("mandate")]
      })
    )
    expect(made).toEqual(["mandate-1", "mandate-2", "mandate-1"])
    const random = Effect.runSync(Effect.flatMap(MemoryIdGenerator.makeRandom, (ids) => ids.next("address")))
    expect(random.startsWith("address-")).toBe(true)
  })

  it("identity.id-format: sequential ids are valid, unique and count per kind under any sequence of kinds (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...allKinds), { maxLength: 80 }), (kinds) => {
        const ids = Effect.runSync(Effect.provide(nextAll(kinds), MemoryIdGenerator.layerSequential))
        const counts = new Map<IdKind, number>()
        ids.forEach((id, i) => {
          const kind = kinds[i]!
          const n = (counts.get(kind) ?? 0) + 1
          counts.set(kind, n)
          expect(id).toBe(`${kind}-${n}`)
          expect(isActivityId(id)).toBe(true)
        })
        expect(new Set(ids).size).toBe(ids.length)
      }),
      { numRuns: runs(100) }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// LinkedRecords
// ---------------------------------------------------------------------------------------------

describe("MemoryLinkedRecords", () => {
  it("counts nothing and reports no transactional data until told otherwise", () => {
    const out = run(
      Effect.gen(function*() {
        const records = yield* LinkedRecords
        return { counts: yield* records.counts(tenantA, ada), data: yield* records.transactionalData(tenantA, ada) }
      })
    )
    expect(out).toEqual({ counts: {}, data: {} })
  })

  it("returns what was set, replaces it as a whole, and hands out fresh objects", () => {
    const out = run(
      Effect.gen(function*() {
        const records = yield* LinkedRecords
        const control = yield* MemoryLinkedRecords.MemoryLinkedRecordsControl
        yield* control.setCounts(tenantA, ada, { orders: 3, invoices: 2 })
        yield* control.setTransactionalData(tenantA, ada, { orders: 3, payments: 1 })
        const counts = yield* records.counts(tenantA, ada)
        const data = yield* records.transactionalData(tenantA, ada)
        ;(counts as Record<string, number>)["orders"] = 100
        ;(data as Record<string, number>)["orders"] = 100
        const again = { counts: yield* records.counts(tenantA, ada), data: yield* records.transactionalData(tenantA, ada) }
        yield* control.setCounts(tenantA, ada, { sessions: 7 })
        yield* control.setTransactionalData(tenantA, ada, {})
        const replaced = { counts: yield* records.counts(tenantA, ada), data: yield* records.transactionalData(tenantA, ada) }
        return { again, replaced }
      })
    )
    expect(out.again).toEqual({ counts: { orders: 3, invoices: 2 }, data: { orders: 3, payments: 1 } })
    expect(out.replaced).toEqual({ counts: { sessions: 7 }, data: {} })
  })

  it("changing the object handed to a setter afterwards does not change what is held", () => {
    const counts = run(
      Effect.gen(function*() {
        const control = yield* MemoryLinkedRecords.MemoryLinkedRecordsControl
        const input: Partial<Record<HostTab, number>> = { orders: 1 }
        yield* control.setCounts(tenantA, ada, input)
        input.orders = 50
        return yield* (yield* LinkedRecords).counts(tenantA, ada)
      })
    )
    expect(counts).toEqual({ orders: 1 })
  })

  it("refuses unknown tabs or kinds and bad counts with a ValidationError and keeps what it held", () => {
    const bad: ReadonlyArray<Record<string, unknown>> = [{ orders: -1 }, { orders: 1.5 }, { orders: "3" }, { "no-such-tab": 1 }]
    for (const counts of bad) {
      const out = run(
        Effect.gen(function*() {
          const control = yield* MemoryLinkedRecords.MemoryLinkedRecordsControl
          yield* control.setCounts(tenantA, ada, { invoices: 4 })
          yield* control.setTransactionalData(tenantA, ada, { invoices: 4 })
          const countsResult = yield* Effect.result(control.setCounts(tenantA, ada, counts as Partial<Record<HostTab, number>>))
          const dataResult = yield* Effect.result(
            control.setTransactionalData(tenantA, ada, counts as Partial<Record<TransactionalDataKind, number>>)
          )
          const records = yield* LinkedRecords
          return {
            countsResult,
            dataResult,
            counts: yield* records.counts(tenantA, ada),
            data: yield* records.transactionalData(tenantA, ada)
          }
        })
      )
      expect(failureOf(out.countsResult)._tag).toBe("ValidationError")
      expect(failureOf(out.countsResult).message).toContain("host tab counts")
      expect(failureOf(out.dataResult).message).toContain("transactional data counts")
      expect(out.counts).toEqual({ invoices: 4 })
      expect(out.data).toEqual({ invoices: 4 })
    }
  })

  it("accepts every tab and every kind of transactional data (property)", () => {
    const countsArb = fc.dictionary(fc.constantFrom(...HostTab.literals), fc.nat(), { noNullPrototype: true })
    const dataArb = fc.dictionary(fc.constantFrom(...TransactionalDataKind.literals), fc.nat(), { noNullPrototype: true })
    fc.assert(
      fc.property(countsArb, dataArb, (counts, data) => {
        const out = Effect.runSync(
          Effect.gen(function*() {
            const records = yield* MemoryLinkedRecords.make
            yield* records.setCounts(tenantA, ada, counts)
            yield* records.setTransactionalData(tenantA, ada, data)
            return { counts: yield* records.counts(tenantA, ada), data: yield* records.transactionalData(tenantA, ada) }
          })
        )
        expect(out).toEqual({ counts, data })
      }),
      { numRuns: runs(100) }
    )
  })

  it("the plain layer provides empty records", () => {
    const counts = Effect.runSync(
      Effect.provide(LinkedRecords.use((r) => r.counts(tenantA, ada)), MemoryLinkedRecords.layer)
    )
    expect(counts).toEqual({})
  })

  it("tenant.isolation: counts and transactional data of one tenant or customer are not seen under another", () => {
    const out = run(
      Effect.gen(function*() {
        const control = yield* MemoryLinkedRecords.MemoryLinkedRecordsControl
        yield* control.setCounts(tenantA, ada, { orders: 3 })
        yield* control.setTransactionalData(tenantA, ada, { orders: 3 })
        yield* control.setCounts(tenantB, bob, { invoices: 1 })
        const records = yield* LinkedRecords
        return [
          yield* records.counts(tenantB, ada),
          yield* records.counts(tenantA, bob),
          yield* records.transactionalData(tenantB, ada),
          yield* records.transactionalData(tenantA, bob),
          yield* records.counts(tenantA, ada),
          yield* records.counts(tenantB, bob)
        ]
      })
    )
    expect(out).toEqual([{}, {}, {}, {}, { orders: 3 }, { invoices: 1 }])
  })
})

// ---------------------------------------------------------------------------------------------
// Outbox
// ---------------------------------------------------------------------------------------------

describe("MemoryOutbox", () => {
  const mail = (over: Partial<OutboxMail> = {}): OutboxMail => ({
    tenantId: tenantA,
    customerId: ada,
    template: "invitation",
    to: "ada@example.org",
    data: { name: "Ada" },
    ...over
  })

  it("keeps queued mails in order and lists them per tenant", () => {
    const out = run(
      Effect.gen(function*() {
        const outbox = yield* Outbox
        yield* outbox.enqueue(mail({ template: "one" }))
        yield* outbox.enqueue(mail({ template: "two", tenantId: tenantB }))
        yield* outbox.enqueue(mail({ template: "three" }))
        const control = yield* MemoryOutbox.MemoryOutboxControl
        return {
          all: (yield* control.sent()).map((m) => m.template),
          a: (yield* control.sent(tenantA)).map((m) => m.template),
          b: (yield* control.sent(tenantB)).map((m) => m.template)
        }
      })
    )
    expect(out).toEqual({ all: ["one", "two", "three"], a: ["one", "three"], b: ["two"] })
  })

  it("keeps a frozen copy: changing the mail handed in or read out does not change the queued one", () => {
    const out = run(
      Effect.gen(function*() {
        const outbox = yield* Outbox
        const data: Record<string, string> = { name: "Ada" }
        yield* outbox.enqueue(mail({ data }))
        data["name"] = "Eve"
        const control = yield* MemoryOutbox.MemoryOutboxControl
        const [first] = yield* control.sent()
        const writable = first as { template: string; data: Record<string, string> }
        let threw = false
        try {
          writable.template = "changed"
          writable.data["name"] = "Mallory"
        } catch {
          threw = true
        }
        const list = (yield* control.sent()) as Array<OutboxMail>
        list.length = 0
        return { threw, again: yield* control.sent() }
      })
    )
    expect(out.threw).toBe(true)
    expect(out.again).toHaveLength(1)
    expect(out.again[0]?.template).toBe("invitation")
    expect(out.again[0]?.data).toEqual({ name: "Ada" })
  })

  it("refuses a malformed mail with a StorageError and queues nothing", () => {
    const bad: ReadonlyArray<OutboxMail> = [
      mail({ template: "" }),
      mail({ to: "  " }),
      mail({ data: { count: 3 as unknown as string } }),
      mail({ data: null as unknown as Record<string, string> }),
      mail({ tenantId: "" as TenantId }),
      mail({ customerId: undefined as unknown as CustomerId }),
      null as unknown as OutboxMail
    ]
    for (const m of bad) {
      const out = run(
        Effect.gen(function*() {
          const result = yield* Effect.result((yield* Outbox).enqueue(m))
          return { result, sent: yield* (yield* MemoryOutbox.MemoryOutboxControl).sent() }
        })
      )
      const error = failureOf(out.result)
      expect(error._tag).toBe("StorageError")
      expect(error.operation).toBe("Outbox.enqueue")
      expect(out.sent).toEqual([])
    }
  })

  it("keeps a secret as the Redacted it came in; it shows in no String, JSON or inspect of the mail or the list", () => {
    const secretText = "Sup3rS3cretOtp"
    const secret = Redacted.make(secretText)
    const sent = run(
      Effect.gen(function*() {
        yield* (yield* Outbox).enqueue(mail({ template: "password-reset", secret }))
        return yield* (yield* MemoryOutbox.MemoryOutboxControl).sent()
      })
    )
    const queued = sent[0]!
    expect(queued.secret).toBe(secret)
    expect(Redacted.value(queued.secret!)).toBe(secretText)
    for (const rendered of [String(queued.secret), JSON.stringify(queued), JSON.stringify(sent), inspect(queued, { depth: 10 }), inspect(sent, { depth: 10 }), `${queued.secret}`]) {
      expect(rendered).not.toContain(secretText)
    }
    expect(JSON.stringify(queued)).toContain("<redacted>")
  })

  it("refuses a secret that is not Redacted without repeating it", () => {
    const secretText = "PlainTextOtp123"
    const out = run(
      Effect.gen(function*() {
        const result = yield* Effect.result(
          (yield* Outbox).enqueue(mail({ secret: secretText as unknown as Redacted.Redacted<string> }))
        )
        return { result, sent: yield* (yield* MemoryOutbox.MemoryOutboxControl).sent() }
      })
    )
    const error = failureOf(out.result)
    expect(error.message).toContain("not Redacted")
    for (const rendered of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(rendered).not.toContain(secretText)
    }
    expect(out.sent).toEqual([])
  })

  it("the plain layer and make each start with an empty outbox", () => {
    Effect.runSync(Effect.provide(Outbox.use((o) => o.enqueue(mail())), MemoryOutbox.layer))
    const sent = Effect.runSync(
      Effect.gen(function*() {
        const outbox = yield* MemoryOutbox.make
        const before = yield* outbox.sent()
        yield* outbox.enqueue(mail())
        return { before, after: yield* outbox.sent() }
      })
    )
    expect(sent.before).toEqual([])
    expect(sent.after).toHaveLength(1)
  })

  it("tenant.isolation: a tenant's listing shows no mail of another tenant (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(tenantA, tenantB), { maxLength: 30 }), (tenants) => {
        const out = run(
          Effect.gen(function*() {
            const outbox = yield* Outbox
            for (const [i, tenantId] of tenants.entries()) yield* outbox.enqueue(mail({ tenantId, template: `t-${i}` }))
            const control = yield* MemoryOutbox.MemoryOutboxControl
            return { a: yield* control.sent(tenantA), b: yield* control.sent(tenantB), all: yield* control.sent() }
          })
        )
        expect(out.all.map((m) => m.template)).toEqual(tenants.map((_, i) => `t-${i}`))
        expect(out.a.every((m) => m.tenantId === tenantA)).toBe(true)
        expect(out.b.every((m) => m.tenantId === tenantB)).toBe(true)
        expect(out.a.length + out.b.length).toBe(tenants.length)
      }),
      { numRuns: runs(100) }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------------------

describe("MemoryOrders", () => {
  const line = (productId: string, quantity: number): OrderLine => ({ productId: ProductId.make(productId), quantity })

  it("places orders with order ids counting per tenant and totals at 9.99 EUR per unit by default", () => {
    const out = run(
      Effect.gen(function*() {
        const orders = yield* Orders
        const first = yield* orders.place(tenantA, ada, [line("magazine", 2), line("box", 1)])
        const second = yield* orders.place(tenantA, bob, [line("magazine", 1)])
        const placed = yield* (yield* MemoryOrders.MemoryOrdersControl).placed()
        return { first, second, placed }
      })
    )
    expect(out.first).toEqual({ orderId: "order-1", total: { amount: 2997, currency: "EUR" } })
    expect(out.second).toEqual({ orderId: "order-2", total: { amount: 999, currency: "EUR" } })
    expect(out.placed).toEqual([
      { tenantId: tenantA, customerId: ada, orderId: "order-1", lines: [line("magazine", 2), line("box", 1)], total: { amount: 2997, currency: "EUR" } },
      { tenantId: tenantA, customerId: bob, orderId: "order-2", lines: [line("magazine", 1)], total: { amount: 999, currency: "EUR" } }
    ])
  })

  it("prices by the price list and refuses products not on it with OrderRefused, placing and counting nothing", () => {
    const out = Effect.runSync(
      Effect.provide(
        Effect.gen(function*() {
          const orders = yield* Orders
          const refused = yield* Effect.result(orders.place(tenantA, ada, [line("magazine", 1), line("unknown", 1)]))
          const placed = yield* orders.place(tenantA, ada, [line("magazine", 3), line("free-sample", 10)])
          return { refused, placed, list: yield* (yield* MemoryOrders.MemoryOrdersControl).placed() }
        }),
        MemoryOrders.layerWithPrices({ prices: { magazine: 450, "free-sample": 0 }, currency: "CHF" })
      )
    )
    const refusal = failureOf(out.refused)
    expect(refusal._tag).toBe("OrderRefused")
    expect(refusal.message).toContain("unknown")
    expect(out.placed).toEqual({ orderId: "order-1", total: { amount: 1350, currency: "CHF" } })
    expect(out.list).toHaveLength(1)
  })

  it("refuses an order without lines, with a malformed line, or with a total too large, placing nothing", () => {
    const bad: ReadonlyArray<ReadonlyArray<OrderLine>> = [
      [],
      [line("magazine", 0)],
      [line("magazine", 1001)],
      [line("magazine", 1.5)],
      [{ productId: "not an id!" as ProductId, quantity: 1 }]
    ]
    for (const lines of bad) {
      const out = run(
        Effect.gen(function*() {
          const result = yield* Effect.result((yield* Orders).place(tenantA, ada, lines))
          return { result, placed: yield* (yield* MemoryOrders.MemoryOrdersControl).placed() }
        })
      )
      expect(failureOf(out.result)._tag).toBe("OrderRefused")
      expect(out.placed).toEqual([])
    }
    const huge = Effect.runSync(
      Effect.gen(function*() {
        const orders = yield* MemoryOrders.make({ prices: { gold: Number.MAX_SAFE_INTEGER } })
        const result = yield* Effect.result(orders.place(tenantA, ada, [line("gold", 2)]))
        const next = yield* orders.place(tenantA, ada, [line("gold", 1)])
        return { result, next }
      })
    )
    expect(failureOf(huge.result).message).toContain("too large")
    expect(huge.next.orderId).toBe("order-1")
  })

  it("refuses malformed options with a ValidationError", () => {
    const bad: ReadonlyArray<MemoryOrders.MemoryOrdersOptions> = [
      { prices: { magazine: -1 } },
      { prices: { magazine: 1.5 } },
      { prices: { "not an id!": 1 } },
      { currency: "euro" }
    ]
    for (const options of bad) {
      expect(failureOf(Effect.runSync(Effect.result(MemoryOrders.make(options))))._tag).toBe("ValidationError")
      const built = Effect.runSync(
        Effect.result(Effect.provide(Orders.use(() => Effect.void), MemoryOrders.layerWithPrices(options)))
      )
      expect(failureOf(built)._tag).toBe("ValidationError")
    }
  })

  it("the total is the sum of unit price times quantity (property)", () => {
    const products = ["p-1", "p-2", "p-3"]
    fc.assert(
      fc.property(
        fc.tuple(fc.nat(100_000), fc.nat(100_000), fc.nat(100_000)),
        fc.array(fc.record({ product: fc.constantFrom(...products), quantity: fc.integer({ min: 1, max: 1000 }) }), { minLength: 1, maxLength: 10 }),
        (priceValues, picks) => {
          const prices = Object.fromEntries(products.map((p, i) => [p, priceValues[i]!]))
          const lines = picks.map((p) => line(p.product, p.quantity))
          const placed = Effect.runSync(Effect.flatMap(MemoryOrders.make({ prices }), (orders) => orders.place(tenantA, ada, lines)))
          expect(placed.total).toEqual({ amount: picks.reduce((sum, p) => sum + prices[p.product]! * p.quantity, 0), currency: "EUR" })
        }
      ),
      { numRuns: runs(100) }
    )
  })

  it("the plain layer places orders at the default price", () => {
    const placed = Effect.runSync(
      Effect.provide(Orders.use((o) => o.place(tenantA, ada, [line("x", 1)])), MemoryOrders.layer)
    )
    expect(placed).toEqual({ orderId: "order-1", total: { amount: MemoryOrders.defaultUnitPrice, currency: MemoryOrders.defaultCurrency } })
  })

  it("tenant.isolation: each tenant counts its own order ids and lists only its own orders", () => {
    const out = run(
      Effect.gen(function*() {
        const orders = yield* Orders
        const a1 = yield* orders.place(tenantA, ada, [line("x", 1)])
        const b1 = yield* orders.place(tenantB, ada, [line("x", 1)])
        const a2 = yield* orders.place(tenantA, ada, [line("x", 1)])
        const control = yield* MemoryOrders.MemoryOrdersControl
        return {
          ids: [a1.orderId, b1.orderId, a2.orderId],
          a: (yield* control.placed(tenantA)).map((o) => `${o.tenantId}/${o.orderId}`),
          b: (yield* control.placed(tenantB)).map((o) => `${o.tenantId}/${o.orderId}`)
        }
      })
    )
    expect(out).toEqual({
      ids: ["order-1", "order-1", "order-2"],
      a: ["tenant-a/order-1", "tenant-a/order-2"],
      b: ["tenant-b/order-1"]
    })
  })
})

// ---------------------------------------------------------------------------------------------
// Goodwill
// ---------------------------------------------------------------------------------------------

describe("MemoryGoodwill", () => {
  const magazine = { subscriptionId: "sub-1", active: true, issueBased: true }
  const streaming = { subscriptionId: "sub-2", active: true, issueBased: false }
  const ended = { subscriptionId: "sub-3", active: false, issueBased: true }

  const withSubscriptions = <A, E>(program: Effect.Effect<A, E, MemoryHost.MemoryHostServices>) =>
    Effect.gen(function*() {
      const control = yield* MemoryGoodwill.MemoryGoodwillControl
      for (const facts of [magazine, streaming, ended]) yield* control.addSubscription(tenantA, ada, facts)
      return yield* program
    })

  it("finds the subscriptions added and no others; adding the same id again replaces it", () => {
    const out = run(
      withSubscriptions(
        Effect.gen(function*() {
          const goodwill = yield* Goodwill
          const found = yield* goodwill.subscription(tenantA, ada, "sub-1")
          const missing = yield* goodwill.subscription(tenantA, ada, "sub-9")
          yield* (yield* MemoryGoodwill.MemoryGoodwillControl).addSubscription(tenantA, ada, { ...magazine, active: false })
          return { found, missing, replaced: yield* goodwill.subscription(tenantA, ada, "sub-1") }
        })
      )
    )
    expect(Option.getOrUndefined(out.found)).toEqual(magazine)
    expect(Option.isNone(out.missing)).toBe(true)
    expect(Option.getOrUndefined(out.replaced)).toEqual({ ...magazine, active: false })
  })

  it("refuses malformed subscription facts with a ValidationError", () => {
    const result = runResult(
      Effect.gen(function*() {
        const control = yield* MemoryGoodwill.MemoryGoodwillControl
        yield* control.addSubscription(tenantA, ada, { subscriptionId: "", active: true, issueBased: true })
      })
    )
    expect(failureOf(result)._tag).toBe("ValidationError")
  })

  it("records the grants handed over, as frozen copies, in order and per tenant", () => {
    const out = run(
      withSubscriptions(
        Effect.gen(function*() {
          const goodwill = yield* Goodwill
          const grant = { kind: "free-issues", subscriptionId: "sub-1", issues: 3 }
          yield* goodwill.handOver(tenantA, ada, grant)
          grant.issues = 100
          yield* goodwill.handOver(tenantA, ada, { kind: "free-redelivery", issueNames: ["May 2026"] })
          yield* goodwill.handOver(tenantA, ada, { kind: "free-redelivery", subscriptionId: "sub-3", issueNames: ["June"] })
          const control = yield* MemoryGoodwill.MemoryGoodwillControl
          const all = yield* control.grants()
          return { all, a: yield* control.grants(tenantA), b: yield* control.grants(tenantB), frozen: Object.isFrozen(all[0]?.grant) }
        })
      )
    )
    expect(out.all.map((g) => g.grant)).toEqual([
      { kind: "free-issues", subscriptionId: "sub-1", issues: 3 },
      { kind: "free-redelivery", issueNames: ["May 2026"] },
      { kind: "free-redelivery", subscriptionId: "sub-3", issueNames: ["June"] }
    ])
    expect(out.all.every((g) => g.tenantId === tenantA && g.customerId === ada)).toBe(true)
    expect(out.a).toEqual(out.all)
    expect(out.b).toEqual([])
    expect(out.frozen).toBe(true)
  })

  it("refuses, like a host, grants on unknown, inactive or unfitting subscriptions and grants that are not JSON", () => {
    const cyclic: Record<string, unknown> = { kind: "free-redelivery" }
    cyclic["self"] = cyclic
    const refused: ReadonlyArray<unknown> = [
      { kind: "free-issues", subscriptionId: "sub-9", issues: 1 },
      { kind: "free-issues", subscriptionId: 42, issues: 1 },
      { kind: "free-issues", subscriptionId: "sub-2", issues: 1 },
      { kind: "free-issues", subscriptionId: "sub-3", issues: 1 },
      { kind: "free-billing-period", subscriptionId: "sub-3" },
      cyclic,
      { kind: "free-redelivery", count: 1n },
      undefined
    ]
    for (const grant of refused) {
      const out = run(
        withSubscriptions(
          Effect.gen(function*() {
            const result = yield* Effect.result((yield* Goodwill).handOver(tenantA, ada, grant))
            return { result, grants: yield* (yield* MemoryGoodwill.MemoryGoodwillControl).grants() }
          })
        )
      )
      expect(failureOf(out.result)._tag).toBe("GoodwillRefused")
      expect(out.grants).toEqual([])
    }
    const accepted = run(
      withSubscriptions(Effect.result(Goodwill.use((g) => g.handOver(tenantA, ada, { kind: "free-billing-period", subscriptionId: "sub-2" }))))
    )
    expect(Result.isSuccess(accepted)).toBe(true)
  })

  it("the plain layer and make know no subscriptions", () => {
    const found = Effect.runSync(
      Effect.provide(Goodwill.use((g) => g.subscription(tenantA, ada, "sub-1")), MemoryGoodwill.layer)
    )
    expect(Option.isNone(found)).toBe(true)
    const made = Effect.runSync(
      Effect.gen(function*() {
        const goodwill = yield* MemoryGoodwill.make
        yield* goodwill.addSubscription(tenantA, ada, magazine)
        return yield* goodwill.subscription(tenantA, ada, "sub-1")
      })
    )
    expect(Option.getOrUndefined(made)).toEqual(magazine)
  })

  it("tenant.isolation: a subscription of one tenant or customer is not found, nor granted on, under another", () => {
    const out = run(
      withSubscriptions(
        Effect.gen(function*() {
          const goodwill = yield* Goodwill
          const lookups = [
            yield* goodwill.subscription(tenantB, ada, "sub-1"),
            yield* goodwill.subscription(tenantA, bob, "sub-1")
          ]
          const grants = [
            yield* Effect.result(goodwill.handOver(tenantB, ada, { kind: "free-issues", subscriptionId: "sub-1", issues: 1 })),
            yield* Effect.result(goodwill.handOver(tenantA, bob, { kind: "free-issues", subscriptionId: "sub-1", issues: 1 }))
          ]
          return { lookups, grants, recorded: yield* (yield* MemoryGoodwill.MemoryGoodwillControl).grants() }
        })
      )
    )
    expect(out.lookups.every(Option.isNone)).toBe(true)
    expect(out.grants.map((r) => failureOf(r)._tag)).toEqual(["GoodwillRefused", "GoodwillRefused"])
    expect(out.recorded).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

describe("MemoryCredentials", () => {
  const alphabet = new Set(MemoryCredentials.passwordAlphabet)

  it("issues Redacted one-time passwords of safe characters, different each time", () => {
    const passwords = run(
      Effect.gen(function*() {
        const credentials = yield* Credentials
        return yield* Effect.forEach(Array.from({ length: 200 }), () => credentials.issueOneTimePassword(tenantA, ada))
      })
    ).map((p) => {
      expect(Redacted.isRedacted(p)).toBe(true)
      return Redacted.value(p)
    })
    for (const password of passwords) {
      expect(password.length).toBeGreaterThanOrEqual(8)
      expect(password).toHaveLength(MemoryCredentials.passwordLength)
      expect([...password].every((c) => alphabet.has(c))).toBe(true)
    }
    expect(new Set(passwords).size).toBe(passwords.length)
    for (const lookAlike of "0Oo1Il") expect(alphabet.has(lookAlike)).toBe(false)
  })

  it("draws characters without bias: random bytes past the last whole multiple of the alphabet are drawn again", () => {
    // 56 characters: bytes 224..255 would favour the first 32 characters, so they are skipped.
    const size = MemoryCredentials.passwordAlphabet.length
    const limit = 256 - (256 % size)
    let call = 0
    const spy = vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const view = array as unknown as Uint8Array
      view.fill(call === 0 ? 255 : 0)
      view[0] = call === 0 ? limit : size + 3
      call++
      return array
    })
    try {
      const password = Effect.runSync(
        Effect.flatMap(MemoryCredentials.make, (credentials) => credentials.issueOneTimePassword(tenantA, ada))
      )
      const expected = MemoryCredentials.passwordAlphabet[3]! + MemoryCredentials.passwordAlphabet[0]!.repeat(MemoryCredentials.passwordLength - 1)
      expect(Redacted.value(password)).toBe(expected)
      expect(call).toBe(2)
    } finally {
      spy.mockRestore()
    }
  })

  it("redeems the current password once; a used, an older, a wrong or a wiped one is not redeemed", () => {
    const out = run(
      Effect.gen(function*() {
        const credentials = yield* Credentials
        const nothingIssued = yield* credentials.redeemOneTimePassword(tenantA, ada, Redacted.make("ABCDEFGH"))
        const old = yield* credentials.issueOneTimePassword(tenantA, ada)
        const current = yield* credentials.issueOneTimePassword(tenantA, ada)
        const oldOne = yield* credentials.redeemOneTimePassword(tenantA, ada, old)
        const wrong = yield* credentials.redeemOneTimePassword(tenantA, ada, Redacted.make(Redacted.value(current) + "x"))
        const prefix = yield* credentials.redeemOneTimePassword(tenantA, ada, Redacted.make(Redacted.value(current).slice(0, -1)))
        const notText = yield* credentials.redeemOneTimePassword(tenantA, ada, Redacted.make(42) as unknown as Redacted.Redacted<string>)
        const wiped = Redacted.make(Redacted.value(current))
        Redacted.wipeUnsafe(wiped)
        const wipedOne = yield* credentials.redeemOneTimePassword(tenantA, ada, wiped)
        const copy = Redacted.make(Redacted.value(current))
        const first = yield* credentials.redeemOneTimePassword(tenantA, ada, copy)
        const second = yield* credentials.redeemOneTimePassword(tenantA, ada, current)
        return { nothingIssued, oldOne, wrong, prefix, notText, wipedOne, first, second }
      })
    )
    expect(out).toEqual({
      nothingIssued: false,
      oldOne: false,
      wrong: false,
      prefix: false,
      notText: false,
      wipedOne: false,
      first: true,
      second: false
    })
  })

  it("the password shows in no String, JSON or inspect of the Redacted, of the outbox mail carrying it, or of the list", () => {
    const out = run(
      Effect.gen(function*() {
        const password = yield* (yield* Credentials).issueOneTimePassword(tenantA, ada)
        yield* (yield* Outbox).enqueue({
          tenantId: tenantA,
          customerId: ada,
          template: "password-reset",
          to: "ada@example.org",
          data: { name: "Ada" },
          secret: password
        })
        return { password, sent: yield* (yield* MemoryOutbox.MemoryOutboxControl).sent() }
      })
    )
    const secret = Redacted.value(out.password)
    const renderings = [
      String(out.password),
      `${out.password}`,
      JSON.stringify(out.password),
      JSON.stringify({ password: out.password }),
      inspect(out.password),
      inspect({ nested: { password: out.password } }, { depth: 10 }),
      String(out.sent[0]),
      JSON.stringify(out.sent),
      inspect(out.sent, { depth: 10 })
    ]
    for (const rendered of renderings) expect(rendered).not.toContain(secret)
    expect(String(out.password)).toBe("<redacted:one-time password>")
    expect(Redacted.value(out.sent[0]!.secret!)).toBe(secret)
  })

  it("disables a second factor and says whether one was on", () => {
    const out = run(
      Effect.gen(function*() {
        const credentials = yield* Credentials
        const control = yield* MemoryCredentials.MemoryCredentialsControl
        const whenOff = yield* credentials.disableTwoFactor(tenantA, ada)
        yield* control.enableTwoFactor(tenantA, ada)
        const enabled = yield* control.twoFactorEnabled(tenantA, ada)
        const whenOn = yield* credentials.disableTwoFactor(tenantA, ada)
        const afterwards = yield* control.twoFactorEnabled(tenantA, ada)
        const again = yield* credentials.disableTwoFactor(tenantA, ada)
        return { whenOff, enabled, whenOn, afterwards, again }
      })
    )
    expect(out).toEqual({ whenOff: false, enabled: true, whenOn: true, afterwards: false, again: false })
  })

  it("the plain layer and make work without the control", () => {
    const redeemed = Effect.runSync(
      Effect.provide(
        Effect.gen(function*() {
          const credentials = yield* Credentials
          return yield* credentials.redeemOneTimePassword(tenantA, ada, yield* credentials.issueOneTimePassword(tenantA, ada))
        }),
        MemoryCredentials.layer
      )
    )
    expect(redeemed).toBe(true)
    const made = Effect.runSync(
      Effect.gen(function*() {
        const credentials = yield* MemoryCredentials.make
        yield* credentials.enableTwoFactor(tenantB, bob)
        return yield* credentials.disableTwoFactor(tenantB, bob)
      })
    )
    expect(made).toBe(true)
  })

  it("tenant.isolation: a password or second factor of one tenant or customer does not exist under another", () => {
    const out = run(
      Effect.gen(function*() {
        const credentials = yield* Credentials
        const control = yield* MemoryCredentials.MemoryCredentialsControl
        const password = yield* credentials.issueOneTimePassword(tenantA, ada)
        yield* control.enableTwoFactor(tenantA, ada)
        const elsewhere = [
          yield* credentials.redeemOneTimePassword(tenantB, ada, password),
          yield* credentials.redeemOneTimePassword(tenantA, bob, password),
          yield* credentials.disableTwoFactor(tenantB, ada),
          yield* credentials.disableTwoFactor(tenantA, bob)
        ]
        yield* credentials.issueOneTimePassword(tenantB, ada)
        return {
          elsewhere,
          own: [yield* credentials.redeemOneTimePassword(tenantA, ada, password), yield* credentials.disableTwoFactor(tenantA, ada)]
        }
      })
    )
    expect(out.elsewhere).toEqual([false, false, false, false])
    expect(out.own).toEqual([true, true])
  })

  it("only the latest password of each customer is redeemable, once (property)", () => {
    const customers = [ada, bob]
    fc.assert(
      fc.property(fc.array(fc.record({ issue: fc.boolean(), customer: fc.constantFrom(...customers), pick: fc.nat() }), { maxLength: 30 }), (steps) => {
        Effect.runSync(
          Effect.gen(function*() {
            const credentials = yield* MemoryCredentials.make
            const issued: Array<{ customer: CustomerId; password: Redacted.Redacted<string> }> = []
            const current = new Map<CustomerId, Redacted.Redacted<string> | undefined>()
            for (const step of steps) {
              if (step.issue || issued.length === 0) {
                const password = yield* credentials.issueOneTimePassword(tenantA, step.customer)
                issued.push({ customer: step.customer, password })
                current.set(step.customer, password)
              } else {
                const tried = issued[step.pick % issued.length]!
                const expected = current.get(step.customer) === tried.password
                expect(yield* credentials.redeemOneTimePassword(tenantA, step.customer, tried.password)).toBe(expected)
                if (expected) current.set(step.customer, undefined)
              }
            }
          })
        )
      }),
      { numRuns: runs(100) }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// MemoryHost
// ---------------------------------------------------------------------------------------------

describe("MemoryHost", () => {
  const everything = Effect.gen(function*() {
    const files = yield* FileStore
    const numbers = yield* CustomerNumbers
    const ids = yield* IdGenerator
    const records = yield* LinkedRecords
    const outbox = yield* Outbox
    const orders = yield* Orders
    const goodwill = yield* Goodwill
    const credentials = yield* Credentials
    const controls = {
      files: yield* MemoryFileStore.MemoryFileStoreControl,
      records: yield* MemoryLinkedRecords.MemoryLinkedRecordsControl,
      outbox: yield* MemoryOutbox.MemoryOutboxControl,
      orders: yield* MemoryOrders.MemoryOrdersControl,
      goodwill: yield* MemoryGoodwill.MemoryGoodwillControl,
      credentials: yield* MemoryCredentials.MemoryCredentialsControl
    }
    return {
      sameInstances: [
        controls.files === files,
        controls.records === records,
        controls.outbox === outbox,
        controls.orders === orders,
        controls.goodwill === goodwill,
        controls.credentials === credentials
      ],
      number: yield* numbers.next(tenantA),
      id: yield* ids.next("customer")
    }
  })

  it("layerForTests provides every host port and its control (the same instance), with sequential ids", () => {
    const out = Effect.runSync(Effect.provide(everything, MemoryHost.layerForTests))
    expect(out.sameInstances).toEqual([true, true, true, true, true, true])
    expect(out.number).toBe("10001")
    expect(out.id).toBe("customer-1")
  })

  it("layer provides the same with random ids", () => {
    const out = Effect.runSync(Effect.provide(everything, MemoryHost.layer))
    expect(out.sameInstances).toEqual([true, true, true, true, true, true])
    expect(out.number).toBe("10001")
    expect(out.id).toMatch(/^customer-[0-9a-f-]{36}$/)
  })

  it("each build of the layer starts empty", () => {
    const program = Effect.gen(function*() {
      const before = yield* (yield* MemoryOutbox.MemoryOutboxControl).sent()
      yield* (yield* Outbox).enqueue({ tenantId: tenantA, customerId: ada, template: "x", to: "a@example.org", data: {} })
      yield* (yield* FileStore).put(tenantA, ada, file1, bytes(1))
      return { before, id: yield* (yield* IdGenerator).next("activity"), files: yield* (yield* FileStore).list(tenantA, ada) }
    })
    const first = Effect.runSync(Effect.provide(program, MemoryHost.layerForTests))
    const second = Effect.runSync(Effect.provide(program, MemoryHost.layerForTests))
    expect(first).toEqual({ before: [], id: "activity-1", files: [file1] })
    expect(second).toEqual(first)
  })

  it("merges with other layers, e.g. an overriding price list", () => {
    const placed = Effect.runSync(
      Effect.provide(
        Orders.use((orders) => Effect.result(orders.place(tenantA, ada, [{ productId: ProductId.make("x"), quantity: 1 }]))),
        Layer.merge(MemoryHost.layerForTests, MemoryOrders.layerWithPrices({ prices: { y: 1 } }))
      )
    )
    expect(failureOf(placed)._tag).toBe("OrderRefused")
  })
})
