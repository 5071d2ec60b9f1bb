/**
 * recordHostActivity on the real engine: host types only, details checked against the type's
 * Schema, invoice corrections and payments still recorded on an anonymized account.
 */
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Layer, Result, Schema } from "effect"
import { TestClock } from "effect/testing"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { Account } from "../../src/domain/Account.ts"
import { makeRegistry, register } from "../../src/domain/ActivityType.ts"
import type { CustomerId } from "../../src/domain/Ids.ts"
import { Instant } from "../../src/domain/Instant.ts"
import { LifecycleState } from "../../src/domain/Lifecycle.ts"
import { AccountStore } from "../../src/ports/AccountStore.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import {
  accountOf,
  activities,
  admin,
  apiClient,
  billing,
  now,
  refusal,
  registerCustomer,
  run,
  snapshot,
  tenant,
  withEngine
} from "../support/engine.ts"

const invoice = (customerId: CustomerId, type = "invoice.created") => ({
  customerId,
  type,
  summary: "Invoice INV-2026-11 for 19.99 EUR",
  details: { invoiceId: "INV-2026-11", amount: { amount: 1999, currency: "EUR" } }
})

/** Marks the stored account anonymized, as the anonymize command leaves it (status only). */
const anonymizeInStore = (customerId: CustomerId) =>
  Effect.gen(function*() {
    const account = yield* accountOf(customerId)
    yield* (yield* AccountStore).save(tenant, {
      account: new Account({
        ...account,
        version: account.version + 1,
        lifecycle: new LifecycleState({ ...account.lifecycle, status: "anonymized" })
      }),
      expectedVersion: account.version,
      append: []
    })
  })

describe("recordHostActivity", () => {
  it.effect("permission.system-records-host-activities: billing records an invoice; the account changes only its version", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* accountOf(customerId)
      const outcome = yield* run("recordHostActivity", billing, { ...invoice(customerId), at: "2026-11-01T06:00:00.000Z" })
      const after = yield* accountOf(customerId)
      expect(after.version).toBe(before.version + 1)
      expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 })
      const recorded = (yield* activities(customerId)).find((a) => a.id === outcome.activityIds[0])
      expect(recorded).toMatchObject({
        type: "invoice.created",
        group: "invoices-and-payments",
        summary: "Invoice INV-2026-11 for 19.99 EUR",
        details: { invoiceId: "INV-2026-11", amount: { amount: 1999, currency: "EUR" } },
        actor: billing.actor
      })
      expect(DateTime.formatIso(recorded!.at)).toBe("2026-11-01T06:00:00.000Z")
    })))

  it.effect("permission.system-records-host-activities: the system may record host activities and nothing else", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("addNote", billing, { customerId, text: "I am the billing run" })
      expect(error).toMatchObject({ _tag: "PermissionDenied", rule: "permission.system-records-host-activities" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("permission.api-scopes: an API client records host activities with the record-host-activity scope only", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("recordHostActivity", apiClient(["read", "edit"]), invoice(customerId))
      expect(error).toMatchObject({ _tag: "PermissionDenied", rule: "permission.api-scopes", permission: "record-host-activity" })
      expect(yield* snapshot(customerId)).toEqual(before)
      yield* run("recordHostActivity", apiClient(["record-host-activity"]), invoice(customerId))
      expect((yield* activities(customerId))[0]?.actor).toEqual(apiClient([]).actor)
    })))

  it.effect("activity.host-types-registered: a type the SDK records itself is refused; an unknown type too", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const sdkType = yield* refusal("recordHostActivity", billing, {
        customerId,
        type: "note",
        summary: "A note",
        details: { text: "forged", fileIds: [] }
      })
      expect(sdkType).toMatchObject({ _tag: "CommandRejected", rule: "activity.host-types-registered", path: "type" })
      const unknown = yield* refusal("recordHostActivity", billing, { customerId, type: "acme.ticket-opened", summary: "Ticket", details: {} })
      expect(unknown).toMatchObject({ _tag: "ActivityTypeRejected", rule: "activity.host-types-registered", type: "acme.ticket-opened" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("activity.host-types-registered: details that do not fit the type's Schema are a ValidationError under details", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("recordHostActivity", billing, {
        customerId,
        type: "payment",
        summary: "Payment",
        details: { paymentId: "PAY-1", amount: { amount: 1.5, currency: "EUR" }, card: "4111111111111111" }
      })
      expect(error._tag).toBe("ValidationError")
      const paths = (error["issues"] as ReadonlyArray<{ path: string }>).map((i) => i.path)
      expect(paths).toEqual(expect.arrayContaining(["details.amount.amount", "details.card"]))
      expect(error.message).not.toContain("4111111111111111")
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("activity.host-types-registered: a host-registered type is recorded with its details checked and encoded", () => {
    const registered = register(makeRegistry(), {
      type: "acme.ticket-opened",
      group: "notes-and-communication",
      details: Schema.Struct({ ticketId: Schema.String, openedAt: Instant }),
      recordedBy: "host",
      label: "Ticket opened"
    })
    if (Result.isFailure(registered)) throw new Error(registered.failure.message)
    const engine = CustomerAccounts.layer({ registry: registered.success }).pipe(
      Layer.provideMerge(Layer.mergeAll(MemoryAccountStore.layer, MemoryHost.layerForTests))
    )
    return Effect.gen(function*() {
      yield* TestClock.setTime(now.epochMilliseconds)
      const customerId = yield* registerCustomer()
      yield* run("recordHostActivity", billing, {
        customerId,
        type: "acme.ticket-opened",
        summary: "Ticket T-17 opened",
        details: { ticketId: "T-17", openedAt: "2026-11-22T08:30:00.000Z" }
      })
      const [opened] = yield* activities(customerId)
      expect(opened).toMatchObject({
        type: "acme.ticket-opened",
        group: "notes-and-communication",
        details: { ticketId: "T-17", openedAt: "2026-11-22T08:30:00.000Z" }
      })
      const error = yield* refusal("recordHostActivity", billing, {
        customerId,
        type: "acme.ticket-opened",
        summary: "Ticket T-18 opened",
        details: { ticketId: "T-18", openedAt: "yesterday" }
      })
      expect(error._tag).toBe("ValidationError")
      expect((error["issues"] as ReadonlyArray<{ path: string }>).map((i) => i.path)).toEqual(["details.openedAt"])
    }).pipe(Effect.provide(engine))
  })

  it.effect("command.editable-only: an anonymized account records invoice corrections and payments, and refuses mail.sent", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* anonymizeInStore(customerId)
      yield* run("recordHostActivity", billing, invoice(customerId, "invoice.corrected"))
      yield* run("recordHostActivity", billing, {
        customerId,
        type: "payment",
        summary: "Refund of 19.99 EUR",
        details: { paymentId: "PAY-9", amount: { amount: -1999, currency: "EUR" }, status: "refunded" }
      })
      expect((yield* activities(customerId)).slice(0, 2).map((a) => a.type).toSorted()).toEqual(["invoice.corrected", "payment"])
      const before = yield* snapshot(customerId)
      for (const input of [
        { customerId, type: "mail.sent", summary: "Newsletter sent", details: { template: "newsletter" } },
        invoice(customerId, "invoice.created")
      ]) {
        const error = yield* refusal("recordHostActivity", billing, input)
        expect(error).toMatchObject({ _tag: "AccountLocked", rule: "command.editable-only", command: "record-host-activity" })
      }
      const edit = yield* refusal("addHint", admin, { customerId, text: "Still here?" })
      expect(edit).toMatchObject({ _tag: "AccountLocked", rule: "command.editable-only" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})
