/**
 * The memory adapters of the compliance ports: host compliance (export sections, statement,
 * erasures), the audit trail, the outbox's withdraw, the credentials' forget, and the state the
 * memory host shares (placed orders as transactional data, erasure of service records). Each is
 * tenant-scoped.
 */
import { DateTime, Effect, Result } from "effect"
import { describe, expect, it } from "vitest"
import * as MemoryAuditTrail from "../../src/adapters/memory/MemoryAuditTrail.ts"
import * as MemoryCredentials from "../../src/adapters/memory/MemoryCredentials.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import * as MemoryHostCompliance from "../../src/adapters/memory/MemoryHostCompliance.ts"
import * as MemoryLinkedRecords from "../../src/adapters/memory/MemoryLinkedRecords.ts"
import * as MemoryOutbox from "../../src/adapters/memory/MemoryOutbox.ts"
import * as MemoryServiceRecords from "../../src/adapters/memory/MemoryServiceRecords.ts"
import * as Actor from "../../src/domain/Actor.ts"
import { ApiClientId, CustomerId, ProductId, TenantId } from "../../src/domain/Ids.ts"
import { AuditEntry, AuditTrail } from "../../src/ports/AuditTrail.ts"
import { HostCompliance } from "../../src/ports/HostCompliance.ts"
import { LinkedRecords } from "../../src/ports/LinkedRecords.ts"
import { Orders } from "../../src/ports/Orders.ts"
import { Outbox } from "../../src/ports/Outbox.ts"

const tenantA = TenantId.make("tenant-a")
const tenantB = TenantId.make("tenant-b")
const ada = CustomerId.make("customer-ada")
const bob = CustomerId.make("customer-bob")

const run = <A, E>(program: Effect.Effect<A, E, MemoryHost.MemoryHostServices>): A =>
  Effect.runSync(Effect.provide(program, MemoryHost.layerForTests))

describe("MemoryHostCompliance", () => {
  it("compliance.host-erasure: erase drops the customer's sections in its tenant only, and is noted each time", () => {
    const result = run(Effect.gen(function*() {
      const host = yield* MemoryHostCompliance.MemoryHostComplianceControl
      const port = yield* HostCompliance
      const section = { name: "orders", data: [{ orderId: "o-1", address: "Heidestraße 17" }] }
      yield* host.setSections(tenantA, ada, [section])
      yield* host.setSections(tenantA, bob, [section])
      yield* host.setSections(tenantB, ada, [section])
      yield* port.erase(tenantA, ada, "anonymized")
      yield* port.erase(tenantA, ada, "anonymized")
      return {
        ada: yield* port.exportSections(tenantA, ada),
        bob: yield* port.exportSections(tenantA, bob),
        adaElsewhere: yield* port.exportSections(tenantB, ada),
        erasures: yield* host.erasures(tenantA),
        erasuresB: yield* host.erasures(tenantB)
      }
    }))
    expect(result.ada).toEqual([])
    expect(result.bob).toHaveLength(1)
    expect(result.adaElsewhere).toHaveLength(1)
    expect(result.erasures).toEqual([
      { tenantId: tenantA, customerId: ada, reason: "anonymized" },
      { tenantId: tenantA, customerId: ada, reason: "anonymized" }
    ])
    expect(result.erasuresB).toEqual([])
  })

  it("export.complete: sections and statements are checked, copied, and a tenant without a statement gets the example", () => {
    const result = run(Effect.gen(function*() {
      const host = yield* MemoryHostCompliance.MemoryHostComplianceControl
      const bad = yield* Effect.result(host.setSections(tenantA, ada, [{ name: "", data: [] }]))
      const badStatement = yield* Effect.result(host.setStatement(tenantA, { controller: "X" } as never))
      const data = [{ n: 1 }]
      yield* host.setSections(tenantA, ada, [{ name: "sessions", data }])
      data[0]!.n = 2
      yield* host.setStatement(tenantB, { controller: "Globex", purposes: [], recipients: [], retention: [] })
      return {
        bad,
        badStatement,
        sections: yield* host.exportSections(tenantA, ada),
        a: yield* host.privacyStatement(tenantA),
        b: yield* host.privacyStatement(tenantB)
      }
    }))
    expect(Result.isFailure(result.bad) && result.bad.failure._tag).toBe("ValidationError")
    expect(Result.isFailure(result.badStatement) && result.badStatement.failure._tag).toBe("ValidationError")
    expect(result.sections).toEqual([{ name: "sessions", data: [{ n: 1 }] }])
    expect(result.a).toEqual(MemoryHostCompliance.exampleStatement)
    expect(result.a.retention.map((r) => r.period)).toEqual(expect.arrayContaining(["8 years", "10 years", "6 years"]))
    expect(result.b.controller).toBe("Globex")
  })
})

describe("MemoryAuditTrail", () => {
  it("login.uniform-refusal: entries are kept in order, per tenant", () => {
    const at = DateTime.makeUnsafe("2026-11-23T10:00:00Z")
    const actor = Actor.api(ApiClientId.make("login"))
    const result = run(Effect.gen(function*() {
      const trail = yield* AuditTrail
      yield* trail.record(new AuditEntry({ tenantId: tenantA, at, event: "login.checked", actor, customerId: ada, outcome: "refused", reason: "blocked" }))
      yield* trail.record(new AuditEntry({ tenantId: tenantB, at, event: "login.checked", actor, outcome: "refused", reason: "unknown" }))
      yield* trail.record(new AuditEntry({ tenantId: tenantA, at, event: "login.checked", actor, customerId: bob, outcome: "allowed", reason: "active" }))
      const control = yield* MemoryAuditTrail.MemoryAuditTrailControl
      return { a: yield* control.entries(tenantA), all: yield* control.entries() }
    }))
    expect(result.a.map((e) => [e.customerId, e.reason])).toEqual([[ada, "blocked"], [bob, "active"]])
    expect(result.all).toHaveLength(3)
  })
})

describe("MemoryOutbox.withdraw", () => {
  it("compliance.host-erasure: withdraw drops every mail of the customer in its tenant, and only those", () => {
    const result = run(Effect.gen(function*() {
      const outbox = yield* Outbox
      const mail = (tenantId: TenantId, customerId: CustomerId) => ({ tenantId, customerId, template: "t", to: "x@example.org", data: {} })
      yield* outbox.enqueue(mail(tenantA, ada))
      yield* outbox.enqueue(mail(tenantA, bob))
      yield* outbox.enqueue(mail(tenantA, ada))
      yield* outbox.enqueue(mail(tenantB, ada))
      const withdrawn = yield* outbox.withdraw(tenantA, ada)
      const again = yield* outbox.withdraw(tenantA, ada)
      const sent = yield* (yield* MemoryOutbox.MemoryOutboxControl).sent()
      return { withdrawn, again, sent: sent.map((m) => [m.tenantId, m.customerId]) }
    }))
    expect(result.withdrawn).toBe(2)
    expect(result.again).toBe(0)
    expect(result.sent).toEqual([[tenantA, bob], [tenantB, ada]])
  })
})

describe("MemoryHost: the adapters share state like a real host", () => {
  const ticket = (id: string, subject: string) => ({ id, subject, status: "open", priority: "normal", createdAt: "2026-11-01T08:00:00.000Z" })

  it("compliance.host-erasure: HostCompliance.erase reaches the service records: anonymized replaces their marked values, deleted drops them; other customers and tenants keep theirs", () => {
    const result = run(Effect.gen(function*() {
      const records = yield* MemoryServiceRecords.MemoryServiceRecordsControl
      const port = yield* HostCompliance
      for (const [tenant, customer] of [[tenantA, ada], [tenantA, bob], [tenantB, ada]] as const) {
        yield* records.seed(tenant, customer, {
          tickets: [ticket("t-1", `${customer} pump broken`)],
          devices: [{ id: "d-1", name: `${customer}'s pump`, serialNumber: "SN-1", status: "online", registeredAt: "2026-10-01T08:00:00.000Z" }]
        })
      }
      yield* port.erase(tenantA, ada, "anonymized")
      const anonymized = { tickets: yield* records.all(tenantA, ada, "tickets"), devices: yield* records.all(tenantA, ada, "devices") }
      yield* port.erase(tenantA, ada, "anonymized")
      const again = { tickets: yield* records.all(tenantA, ada, "tickets"), devices: yield* records.all(tenantA, ada, "devices") }
      yield* port.erase(tenantA, bob, "deleted")
      return {
        anonymized,
        again,
        bob: yield* records.all(tenantA, bob, "tickets"),
        adaElsewhere: yield* records.all(tenantB, ada, "tickets")
      }
    }))
    expect(result.anonymized.tickets).toMatchObject([{ id: "t-1", subject: "[erased]", status: "open", priority: "normal" }])
    expect(result.anonymized.devices).toMatchObject([{ id: "d-1", name: "[erased]", serialNumber: "SN-1", status: "online" }])
    expect(result.again).toEqual(result.anonymized)
    expect(result.bob).toEqual([])
    expect(result.adaElsewhere).toMatchObject([{ subject: `${ada} pump broken` }])
  })

  it("delete.refused-with-transactional-data: orders placed count as transactional data and in the orders tab, added to what was set; alone, linked records count only what was set", () => {
    const shared = run(Effect.gen(function*() {
      const orders = yield* Orders
      const linked = yield* LinkedRecords
      yield* orders.place(tenantA, ada, [{ productId: ProductId.make("magazine"), quantity: 1 }])
      yield* orders.place(tenantA, ada, [{ productId: ProductId.make("magazine"), quantity: 3 }])
      yield* orders.place(tenantB, bob, [{ productId: ProductId.make("magazine"), quantity: 1 }])
      yield* (yield* MemoryLinkedRecords.MemoryLinkedRecordsControl).setTransactionalData(tenantA, ada, { orders: 1, invoices: 2 })
      return {
        ada: yield* linked.transactionalData(tenantA, ada),
        adaTabs: yield* linked.counts(tenantA, ada),
        bob: yield* linked.transactionalData(tenantA, bob),
        bobElsewhere: yield* linked.transactionalData(tenantB, bob)
      }
    }))
    expect(shared).toEqual({ ada: { orders: 3, invoices: 2 }, adaTabs: { orders: 2 }, bob: {}, bobElsewhere: { orders: 1 } })
    const alone = Effect.runSync(Effect.gen(function*() {
      const linked = yield* MemoryLinkedRecords.make
      return yield* linked.transactionalData(tenantA, ada)
    }))
    expect(alone).toEqual({})
  })

  it("compliance.host-erasure: the memory credentials forget a customer's pending password and second factor, in its tenant only, showing no password", () => {
    const result = Effect.runSync(Effect.gen(function*() {
      const credentials = yield* MemoryCredentials.make
      const password = yield* credentials.issueOneTimePassword(tenantA, ada)
      yield* credentials.enableTwoFactor(tenantA, ada)
      yield* credentials.issueOneTimePassword(tenantB, ada)
      yield* credentials.enableTwoFactor(tenantA, bob)
      const verified = yield* credentials.verifyOneTimePassword(tenantA, ada, password)
      const stillThere = yield* credentials.holds(tenantA, ada)
      const before = yield* credentials.customers
      yield* credentials.forget(tenantA, ada)
      yield* credentials.forget(tenantA, ada)
      return {
        verified,
        stillThere,
        before,
        ada: yield* credentials.holds(tenantA, ada),
        redeem: yield* credentials.redeemOneTimePassword(tenantA, ada, password),
        after: yield* credentials.customers
      }
    }))
    expect(result.verified).toBe(true)
    expect(result.stillThere).toEqual({ pendingPassword: true, twoFactor: true })
    expect(result.before).toHaveLength(3)
    expect(result.ada).toEqual({ pendingPassword: false, twoFactor: false })
    expect(result.redeem).toBe(false)
    expect(result.after).toEqual([
      { tenantId: tenantA, customerId: bob, pendingPassword: false, twoFactor: true },
      { tenantId: tenantB, customerId: ada, pendingPassword: true, twoFactor: false }
    ])
  })
})
