import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import * as MemoryOutbox from "../../src/adapters/memory/MemoryOutbox.ts"
import * as MemoryServiceCatalog from "../../src/adapters/memory/MemoryServiceCatalog.ts"
import * as MemoryServiceRecords from "../../src/adapters/memory/MemoryServiceRecords.ts"
import { CustomerId, TenantId } from "../../src/domain/Ids.ts"

const acme = TenantId.make("acme")
const globex = TenantId.make("globex")
const c1 = CustomerId.make("customer-1")
const c2 = CustomerId.make("customer-2")
const device = (id: string, name: string) => ({ id, name, status: "online", registeredAt: "2026-01-01T00:00:00.000Z" })
const all = { filters: {} }
const byName = { sort: { key: "name", direction: "asc" as const }, filters: {}, limit: 1 }

describe("MemoryServiceRecords", () => {
  it.effect("tenant.isolation: records of a customer are seen neither under another tenant nor another customer", () =>
    Effect.gen(function*() {
      const records = yield* MemoryServiceRecords.make
      yield* records.seed(acme, c1, { devices: [device("dev-1", "Pump"), device("dev-2", "Valve")] })
      expect(yield* records.count(acme, c1, "devices", all)).toBe(2)
      expect(yield* records.count(globex, c1, "devices", all)).toBe(0)
      expect(yield* records.count(acme, c2, "devices", all)).toBe(0)
      expect((yield* records.list(globex, c1, "devices", byName)).items).toEqual([])
      yield* records.clear(acme, c1)
      expect(yield* records.count(acme, c1, "devices", all)).toBe(0)
    }))

  it.effect("service-records.query-shape: a bad record seeds nothing; a cursor of another list or sort is an InvalidCursor", () =>
    Effect.gen(function*() {
      const records = yield* MemoryServiceRecords.make
      const bad = yield* Effect.flip(records.seed(acme, c1, { devices: [device("dev-1", "Pump"), { id: "dev-2", status: "lost" }] }))
      expect(bad._tag).toBe("ValidationError")
      expect(bad.issues[0]?.path).toMatch(/^1\./)
      expect(yield* records.count(acme, c1, "devices", all)).toBe(0)
      yield* records.seed(acme, c1, { devices: [device("dev-1", "Pump"), device("dev-2", "Valve")] })
      const first = yield* records.list(acme, c1, "devices", byName)
      expect(first.items.map((d) => d.id)).toEqual(["dev-1"])
      const otherSort = yield* Effect.flip(
        records.list(acme, c1, "devices", { ...byName, sort: { key: "name", direction: "desc" }, cursor: first.nextCursor! })
      )
      expect(otherSort._tag).toBe("InvalidCursor")
      const garbage = yield* Effect.flip(records.list(acme, c1, "devices", { ...byName, cursor: "not-a-cursor" }))
      expect(garbage._tag).toBe("InvalidCursor")
      // re-seeding an id replaces the record
      yield* records.seed(acme, c1, { devices: [device("dev-1", "Pump 2")] })
      expect((yield* records.all(acme, c1, "devices")).map((d) => d.name)).toEqual(["Pump 2", "Valve"])
    }))
})

describe("MemoryServiceCatalog", () => {
  it.effect("team-mapping.default-fallback: every tenant starts with the default catalogue; a catalogue whose default team is not its own is refused", () =>
    Effect.gen(function*() {
      const catalogue = yield* MemoryServiceCatalog.make
      expect((yield* catalogue.metaTeams(acme)).map((m) => m.defaultTeam)).toEqual(["support-central"])
      const bad = yield* Effect.flip(catalogue.setCatalogue(acme, {
        modules: [],
        metaTeams: [{ id: "support", label: "Support", defaultTeam: "elsewhere", teams: [{ id: "north", label: "North" }] }]
      }))
      expect(bad._tag).toBe("ValidationError")
      expect(bad.message).toContain("team-mapping.default-fallback")
      yield* catalogue.setCatalogue(globex, { modules: [], metaTeams: [] })
      expect(yield* catalogue.metaTeams(globex)).toEqual([])
      expect((yield* catalogue.modules(acme)).length).toBe(2)
    }))
})

describe("MemoryOutbox.withdrawReference", () => {
  it.effect("invitation.mail-withdrawn: withdraws only the customer's mails with that reference, in its tenant; keeps reference and notAfter", () =>
    Effect.gen(function*() {
      const outbox = yield* MemoryOutbox.make
      const notAfter = DateTime.makeUnsafe("2026-12-07T10:00:00.000Z")
      const mail = (tenantId: TenantId, customerId: CustomerId, reference?: string) => ({
        tenantId, customerId, template: "service-platform-invitation", to: "jonas@example.de", data: {},
        ...(reference === undefined ? {} : { reference, notAfter })
      })
      yield* outbox.enqueue(mail(acme, c1, "invitation:1"))
      yield* outbox.enqueue(mail(acme, c1, "invitation:1"))
      yield* outbox.enqueue(mail(acme, c1, "invitation:2"))
      yield* outbox.enqueue(mail(acme, c1))
      yield* outbox.enqueue(mail(acme, c2, "invitation:1"))
      yield* outbox.enqueue(mail(globex, c1, "invitation:1"))
      expect((yield* outbox.sent(acme))[0]).toMatchObject({ reference: "invitation:1", notAfter })
      expect(yield* outbox.withdrawReference(acme, c1, "invitation:1")).toBe(2)
      expect(yield* outbox.withdrawReference(acme, c1, "invitation:1")).toBe(0)
      expect((yield* outbox.sent()).map((m) => [m.tenantId, m.customerId, m.reference])).toEqual([
        [acme, c1, "invitation:2"],
        [acme, c1, undefined],
        [acme, c2, "invitation:1"],
        [globex, c1, "invitation:1"]
      ])
      const bad = yield* Effect.flip(outbox.enqueue({ ...mail(acme, c1), notAfter: "2026-12-07" as never }))
      expect(bad.message).toContain("notAfter")
    }))
})
