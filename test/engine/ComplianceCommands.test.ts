/**
 * The compliance commands on the real engine (SPEC sections 3 and 7, docs/compliance.md): delete,
 * anonymize and its plan, export, password reset, two-factor, login check.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted, Result, Schema } from "effect"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import type { MemoryAccountStoreService } from "../../src/adapters/memory/MemoryAccountStore.ts"
import { MemoryAuditTrailControl } from "../../src/adapters/memory/MemoryAuditTrail.ts"
import { MemoryCredentialsControl } from "../../src/adapters/memory/MemoryCredentials.ts"
import { MemoryFileStoreControl } from "../../src/adapters/memory/MemoryFileStore.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { MemoryHostComplianceControl } from "../../src/adapters/memory/MemoryHostCompliance.ts"
import { MemoryLinkedRecordsControl } from "../../src/adapters/memory/MemoryLinkedRecords.ts"
import { MemoryOrdersControl } from "../../src/adapters/memory/MemoryOrders.ts"
import { MemoryOutboxControl } from "../../src/adapters/memory/MemoryOutbox.ts"
import { MemoryServiceRecordsControl } from "../../src/adapters/memory/MemoryServiceRecords.ts"
import { Tombstone } from "../../src/domain/Account.ts"
import { anonymizedProfile } from "../../src/domain/Customer.ts"
import { ExportDocument } from "../../src/domain/Export.ts"
import { CustomerId } from "../../src/domain/Ids.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import { loginRefusedMessage } from "../../src/engine/Errors.ts"
import { AccountStore, StorageError } from "../../src/ports/AccountStore.ts"
import { pdf, png } from "../fixtures/files.ts"
import {
  accountOf,
  activities,
  admin,
  apiClient,
  billing,
  type CommandName,
  customerCaller,
  erika,
  foreignAdmin,
  powerless,
  refusal,
  registerCustomer,
  run,
  snapshot,
  tenant,
  withEngine
} from "../support/engine.ts"

const engine = CustomerAccounts.CustomerAccounts

const dump = Effect.gen(function*() {
  const store = (yield* AccountStore) as unknown as MemoryAccountStoreService
  return yield* store.dump
})

/** The customer's one-time password, as the memory outbox holds it (the newest mail's secret). */
const sentPassword = (customerId: CustomerId) =>
  Effect.gen(function*() {
    const mails = (yield* (yield* MemoryOutboxControl).sent(tenant)).filter((m) => m.customerId === customerId)
    const secret = mails.at(-1)?.secret
    expect(secret).toBeDefined()
    return secret!
  })

/** A customer with a history: an address, a bank account, consent with IP, a note with a file, a blocked-then-active status. */
const richCustomer = Effect.gen(function*() {
  const accounts = yield* engine
  const customerId = yield* registerCustomer()
  yield* run("addAddress", admin, {
    customerId,
    kind: "billing",
    address: { firstName: "Erika", lastName: "Mustermann", street: "Heidestraße", houseNumber: "17", postalCode: "51147", city: "Köln", country: "DE" }
  })
  yield* run("addBankAccount", admin, { customerId, account: { holder: "Erika Mustermann", iban: "DE89 3704 0044 0532 0130 00" } })
  yield* run("changeConsent", admin, {
    customerId,
    channel: "email",
    to: "singleOptIn",
    source: "phone call with Erika",
    textVersion: "v3",
    ipAddress: "203.0.113.42",
    userAgent: "Mozilla/5.0 (Erika's laptop)"
  })
  yield* run("setStatus", admin, { customerId, to: "blocked", reason: "Erika asked for a pause" })
  yield* run("setStatus", admin, { customerId, to: "active" })
  yield* run("addNote", admin, { customerId, text: "Erika called about her delivery", files: [{ name: "Letter from Erika.pdf", bytes: pdf() }] })
  yield* run("replaceAdditionalData", admin, { customerId, data: { favouriteColour: "Erika-blue" } })
  yield* run("addAccessRight", admin, { customerId, right: { productId: "magazine", validFrom: "2026-01-01T00:00:00.000Z", note: "Goodwill for Erika" } })
  yield* run("recordHostActivity", billing, { customerId, type: "mail.sent", summary: "Newsletter mail sent to Erika", details: { template: "newsletter", subject: "Hello Erika Mustermann" } })
  yield* accounts.resetPassword(admin, { customerId })
  yield* (yield* MemoryCredentialsControl).enableTwoFactor(tenant, customerId)
  yield* (yield* MemoryServiceRecordsControl).seed(tenant, customerId, {
    tickets: [{ id: "ticket-1", subject: "Erika's pump is broken", status: "open", priority: "high", createdAt: "2026-11-01T08:00:00.000Z" }]
  })
  yield* (yield* MemoryHostComplianceControl).setSections(tenant, customerId, [
    { name: "login-history", description: "Logins of the last 90 days", data: [{ at: "2026-11-20T08:00:00Z", ip: "198.51.100.7", device: "Erika's phone" }] }
  ])
  return customerId
})

const personalStrings = [
  "Erika",
  "Mustermann",
  "erika@example.de",
  "Heidestraße",
  "Köln",
  "DE89370400440532013000",
  "DE89 **** **** **** **30 00",
  "203.0.113.42",
  "Erika's"
]

/** Everything the memory adapters hold about the tenant, serialised (no secrets: the credentials host shows only what it holds). */
const everythingHeld = (customerId: CustomerId) =>
  Effect.gen(function*() {
    const records = yield* MemoryServiceRecordsControl
    return JSON.stringify([
      yield* dump,
      yield* (yield* MemoryFileStoreControl).dump,
      yield* (yield* MemoryOutboxControl).sent(),
      yield* (yield* MemoryHostComplianceControl).exportSections(tenant, customerId),
      yield* (yield* MemoryAuditTrailControl).entries(),
      yield* (yield* MemoryCredentialsControl).customers,
      yield* Effect.forEach(["devices", "tickets", "video-sessions", "tasks", "task-events"] as const, (list) => records.all(tenant, customerId, list))
    ])
  })

describe("deleteCustomer", () => {
  it.effect("delete.refused-with-transactional-data: the refusal names each kind and count, and nothing changes", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      yield* (yield* MemoryLinkedRecordsControl).setTransactionalData(tenant, customerId, { invoices: 3, orders: 2, payments: 0 })
      const before = yield* snapshot(customerId)
      const error = yield* Effect.flip(accounts.deleteCustomer(admin, { customerId }))
      expect(error).toMatchObject({
        _tag: "DeletionBlocked",
        rule: "delete.refused-with-transactional-data",
        customerId,
        blocking: [{ kind: "orders", count: 2 }, { kind: "invoices", count: 3 }]
      })
      expect(error.message).toContain("2 orders")
      expect(error.message).toContain("3 invoices")
      expect(error.message).not.toContain("payments")
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("delete.refused-with-transactional-data: an order placed through checkout blocks the deletion; the orders tab counts it", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      const other = yield* registerCustomer({ ...erika, email: "max@example.de", firstName: "Max" })
      yield* run("checkout", admin, { customerId, lines: [{ productId: "magazine", quantity: 2 }] })
      expect(yield* (yield* MemoryOrdersControl).placed(tenant)).toHaveLength(1)
      expect((yield* accounts.overview(admin, customerId)).tabCounts.orders).toBe(1)
      expect((yield* accounts.overview(admin, other)).tabCounts.orders).toBe(0)
      const before = yield* snapshot(customerId)
      const error = yield* Effect.flip(accounts.deleteCustomer(admin, { customerId }))
      expect(error).toMatchObject({ _tag: "DeletionBlocked", rule: "delete.refused-with-transactional-data", customerId, blocking: [{ kind: "orders", count: 1 }] })
      expect(error.message).toContain("1 orders")
      expect(yield* snapshot(customerId)).toEqual(before)
      // what the host set is added to the placed orders
      yield* (yield* MemoryLinkedRecordsControl).setTransactionalData(tenant, customerId, { orders: 2, invoices: 1 })
      expect(yield* Effect.flip(accounts.deleteCustomer(admin, { customerId }))).toMatchObject({
        blocking: [{ kind: "orders", count: 3 }, { kind: "invoices", count: 1 }]
      })
      // the customer without orders can be deleted
      expect(yield* accounts.deleteCustomer(admin, { customerId: other })).toMatchObject({ customerId: other })
    })))

  it.effect("delete.tombstone: only the tombstone stays; activities, files, mails and host data go; the email is free again", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* richCustomer
      const number = (yield* accountOf(customerId)).customerNumber
      const tombstone = yield* accounts.deleteCustomer(admin, { customerId })
      expect(tombstone).toMatchObject({ tenantId: tenant, customerId, customerNumber: number, deletedBy: admin.actor })
      expect(Object.keys(Schema.encodeSync(Tombstone)(tombstone)).sort()).toEqual(
        ["customerId", "customerNumber", "deletedAt", "deletedBy", "tenantId"]
      )

      const stored = (yield* dump).tenants[tenant]!
      expect(stored.accounts).toEqual([])
      expect(stored.activities[customerId]).toBeUndefined()
      expect(stored.idempotencyRecords).toEqual([])
      expect(stored.tombstones).toHaveLength(1)
      const files = (yield* (yield* MemoryFileStoreControl).dump).tenants[tenant]?.[customerId] ?? {}
      expect(Object.keys(files)).toEqual([])
      expect((yield* (yield* MemoryOutboxControl).sent(tenant)).filter((m) => m.customerId === customerId)).toEqual([])
      expect(yield* (yield* MemoryHostComplianceControl).exportSections(tenant, customerId)).toEqual([])
      expect(yield* (yield* MemoryHostComplianceControl).erasures(tenant)).toEqual([{ tenantId: tenant, customerId, reason: "deleted" }])
      expect(yield* (yield* MemoryCredentialsControl).holds(tenant, customerId)).toEqual({ pendingPassword: false, twoFactor: false })
      expect(yield* (yield* MemoryServiceRecordsControl).all(tenant, customerId, "tickets")).toEqual([])
      const everything = yield* everythingHeld(customerId)
      for (const s of personalStrings) expect(everything).not.toContain(s)

      expect(yield* Effect.flip(accounts.account(admin, customerId))).toMatchObject({ _tag: "CustomerNotFound" })
      const again = yield* accounts.register(admin, { profile: erika, registrationSource: "back-office" })
      expect(again.customerId).not.toBe(customerId)
      expect((yield* accountOf(CustomerId.make(again.customerId))).customerNumber).not.toBe(number)
    })))

  it.effect("delete.tombstone: deleting again returns the first tombstone and does not repeat a finished erasure (rule effects.erasure-completes); an anonymized account can be deleted", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      yield* accounts.anonymize(admin, { customerId })
      const first = yield* accounts.deleteCustomer(admin, { customerId })
      const second = yield* accounts.deleteCustomer(admin, { customerId })
      expect(second).toEqual(first)
      expect((yield* (yield* MemoryHostComplianceControl).erasures(tenant)).map((e) => e.reason)).toEqual(["anonymized", "deleted"])
    })))

  it.effect("tenant.isolation: another tenant's admin cannot delete (not found) and a powerless supporter is refused; nothing changes", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      expect(yield* Effect.flip(accounts.deleteCustomer(foreignAdmin, { customerId }))).toMatchObject({ _tag: "CustomerNotFound" })
      expect(yield* Effect.flip(accounts.deleteCustomer(powerless, { customerId }))).toMatchObject({ _tag: "PermissionDenied", permission: "delete" })
      expect(yield* Effect.flip(accounts.deleteCustomer(admin, { customerId, extra: 1 } as never /* deliberately invalid input */))).toMatchObject({ _tag: "ValidationError" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})

describe("tenancy", () => {
  it.effect("tenant.isolation: every compliance command and the plan, from another tenant, is not-found and changes nothing", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* richCustomer
      const before = yield* snapshot(customerId)
      const mails = yield* (yield* MemoryOutboxControl).sent()
      const attempts: ReadonlyArray<Effect.Effect<unknown, { readonly _tag: string }>> = [
        accounts.deleteCustomer(foreignAdmin, { customerId }),
        accounts.anonymize(foreignAdmin, { customerId }),
        accounts.anonymizationPlan(foreignAdmin, { customerId }),
        accounts.exportCustomerData(foreignAdmin, { customerId }),
        accounts.resetPassword(foreignAdmin, { customerId }),
        accounts.completePasswordReset(foreignAdmin, { customerId, oneTimePassword: Redacted.make("x") }),
        accounts.disableTwoFactor(foreignAdmin, { customerId })
      ]
      for (const attempt of attempts) expect(yield* Effect.flip(attempt)).toMatchObject({ _tag: "CustomerNotFound" })
      expect(yield* snapshot(customerId)).toEqual(before)
      expect(yield* (yield* MemoryOutboxControl).sent()).toEqual(mails)
      expect(yield* (yield* MemoryHostComplianceControl).erasures()).toEqual([])
      expect(yield* (yield* MemoryHostComplianceControl).exportSections(tenant, customerId)).toHaveLength(1)
    })))
})

describe("anonymize", () => {
  it.effect("anonymize.marks-driven: every personal value of account, activities, records and files is erased; proof stays; the email is free", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* richCustomer
      const before = yield* accountOf(customerId)
      const outcome = yield* accounts.anonymize(admin, { customerId })
      expect(outcome.activityIds).toHaveLength(2)
      const after = yield* accountOf(customerId)
      expect(after.lifecycle.status).toBe("anonymized")
      expect(after.profile).toMatchObject({ kind: "private", firstName: anonymizedProfile.name, email: anonymizedProfile.email })
      expect(after.files).toEqual([])
      expect(after.additionalData).toEqual({})
      // proof stays, without personal data
      expect(after.consent.records).toHaveLength(before.consent.records.length)
      // the consent's free-text source is personal and erased; the proof (channel, states, time, text version) stays
      expect(after.consent.records[0]).toMatchObject({ channel: "email", from: "none", to: "singleOptIn", source: "[erased]", textVersion: "v3" })
      expect(after.consent.records[0]?.at).toEqual(before.consent.records[0]?.at)
      expect(after.consent.records[0]?.ipAddress).toBeUndefined()
      expect(after.consent.records[0]?.userAgent).toBeUndefined()
      expect(after.lifecycle.history.map((r) => r.to)).toEqual(["blocked", "active", "anonymized"])
      expect(after.lifecycle.history.every((r) => r.reason === undefined)).toBe(true)
      expect(after.bankAccounts).toHaveLength(1)
      const timeline = yield* activities(customerId)
      expect(timeline.map((a) => a.type).slice(0, 2)).toEqual(["customer.anonymized", "status.changed"])
      expect(timeline.find((a) => a.type === "note")?.details).toMatchObject({ text: "[erased]" })
      expect(timeline.find((a) => a.type === "consent.changed")?.details).toEqual({ channel: "email", from: "none", to: "singleOptIn", source: "[erased]", textVersion: "v3" })
      // a redacted activity's summary becomes its type's label, a host activity's too
      expect(timeline.find((a) => a.type === "mail.sent")?.summary).toBe("Mail sent")
      expect(timeline.find((a) => a.type === "bank-account.added")?.summary).toBe("Bank account added")
      expect(timeline.find((a) => a.type === "consent.changed")?.summary).toBe("Consent changed")
      // the credential host forgot the customer; the service records keep their shape without personal values
      expect(yield* (yield* MemoryCredentialsControl).holds(tenant, customerId)).toEqual({ pendingPassword: false, twoFactor: false })
      expect(yield* (yield* MemoryServiceRecordsControl).all(tenant, customerId, "tickets")).toMatchObject([
        { id: "ticket-1", subject: "[erased]", status: "open", priority: "high" }
      ])

      const everything = yield* everythingHeld(customerId)
      for (const s of personalStrings) expect(everything).not.toContain(s)
      expect(Object.keys((yield* (yield* MemoryFileStoreControl).dump).tenants[tenant]?.[customerId] ?? {})).toEqual([])
      expect(yield* (yield* MemoryHostComplianceControl).erasures(tenant)).toEqual([{ tenantId: tenant, customerId, reason: "anonymized" }])

      // the email is free again
      const again = yield* accounts.register(admin, { profile: erika, registrationSource: "back-office" })
      expect(again.customerId).not.toBe(customerId)
    })))

  it.effect("anonymize.idempotent: a second run changes nothing (same version, no activity) and does not repeat a finished host erasure", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* richCustomer
      const first = yield* accounts.anonymize(admin, { customerId })
      const stored = yield* dump
      const second = yield* accounts.anonymize(admin, { customerId })
      expect(second).toMatchObject({ customerId, version: first.version, activityIds: [] })
      expect(yield* dump).toEqual(stored)
      expect((yield* (yield* MemoryHostComplianceControl).erasures(tenant)).map((e) => e.reason)).toEqual(["anonymized"])
    })))

  it.effect("anonymize.plan-without-values: the plan names paths and reasons, never values, and is computed like the anonymization", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* richCustomer
      const before = yield* snapshot(customerId)
      const plan = yield* accounts.anonymizationPlan(admin, { customerId })
      expect(yield* snapshot(customerId)).toEqual(before)
      expect(plan.alreadyAnonymized).toBe(false)
      expect(plan.status).toEqual({ from: "active", to: "anonymized" })
      const paths = plan.erased.map((e) => `${e.record}:${e.path}:${e.action}`)
      expect(paths).toEqual(expect.arrayContaining([
        "account:profile.firstName:replaced",
        "account:profile.email:replaced",
        "account:addresses.[].street:replaced",
        "account:bankAccounts.[].iban:replaced",
        "account:consent.records.[].ipAddress:removed",
        "account:lifecycle.history.[].reason:removed",
        "account:files.[].name:removed",
        "activity:note:text:replaced",
        "activity:mail.sent:subject:removed"
      ]))
      expect(plan.kept.map((k) => k.record)).toEqual(expect.arrayContaining(["account", "activities", "host-records"]))
      expect(plan.kept.map((k) => k.record)).toContain("idempotency-records")
      expect(plan.dropped).toEqual([])
      expect(paths).toContain("account:consent.records.[].source:replaced")
      expect(plan.files.count).toBe(1)
      const text = JSON.stringify(plan)
      for (const s of personalStrings) expect(text).not.toContain(s)

      const outcome = yield* accounts.anonymize(admin, { customerId })
      const timeline = yield* activities(customerId)
      expect(plan.activities).toEqual({ total: timeline.length - outcome.activityIds.length, rewritten: plan.activities.rewritten })
      const after = yield* accounts.anonymizationPlan(admin, { customerId })
      expect(after).toMatchObject({ alreadyAnonymized: true, erased: [] })
      expect(yield* Effect.flip(accounts.anonymizationPlan(apiClient(["read"]), { customerId }))).toMatchObject({
        _tag: "PermissionDenied",
        permission: "anonymize"
      })
    })))

  it.effect("command.editable-only: after anonymize an invoice correction is recorded; checkout, mail and every edit fail with AccountLocked", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* richCustomer
      const address = (yield* accountOf(customerId)).addresses[0]!.id
      const bank = (yield* accountOf(customerId)).bankAccounts[0]!.id
      yield* accounts.anonymize(admin, { customerId })
      const correction = yield* run("recordHostActivity", billing, {
        customerId,
        type: "invoice.corrected",
        summary: "Invoice INV-1 corrected",
        details: { invoiceId: "INV-1", amount: { amount: -500, currency: "EUR" } }
      })
      expect(correction.activityIds).toHaveLength(1)

      const before = yield* snapshot(customerId)
      const edits: ReadonlyArray<readonly [CommandName, Record<string, unknown>]> = [
        ["checkout", { lines: [{ productId: "magazine", quantity: 1 }] }],
        ["recordHostActivity", { type: "mail.sent", summary: "Mail sent", details: { template: "newsletter" } }],
        ["setStatus", { to: "active" }],
        ["blockAccess", {}],
        ["unblockAccess", {}],
        ["changePersonalData", { change: { lastName: "Neu" } }],
        ["replaceAdditionalData", { data: { a: "b" } }],
        ["addAddress", { kind: "delivery", address: { firstName: "A", lastName: "X", street: "S", houseNumber: "1", postalCode: "51147", city: "Köln", country: "DE" } }],
        ["changeAddress", { addressId: address, address: { firstName: "A", lastName: "X", street: "S", houseNumber: "1", postalCode: "51147", city: "Köln", country: "DE" } }],
        ["removeAddress", { addressId: address }],
        ["setPreferredAddress", { addressId: address }],
        ["changeConsent", { channel: "post", to: "objection", source: "back-office" }],
        ["addNote", { text: "note" }],
        ["addHint", { text: "hint" }],
        ["addAccessRight", { right: { productId: "archive", validFrom: "2026-01-01T00:00:00.000Z" } }],
        ["addBankAccount", { account: { holder: "X", iban: "DE02 1203 0000 0000 2020 51" } }],
        ["removeBankAccount", { bankAccountId: bank }],
        ["setPreferredBankAccount", { bankAccountId: bank }],
        ["grantGoodwill", { grant: { kind: "free-billing-period", subscriptionId: "sub-1" } }]
      ]
      for (const [name, input] of edits) {
        const caller = name === "recordHostActivity" ? billing : admin
        const error = yield* refusal(name, caller, { customerId, ...input })
        expect(error, name).toMatchObject({ _tag: "AccountLocked", rule: "command.editable-only", customerId })
      }
      const compliance: ReadonlyArray<Effect.Effect<unknown, { readonly _tag: string }>> = [
        accounts.resetPassword(admin, { customerId }),
        accounts.completePasswordReset(admin, { customerId, oneTimePassword: Redacted.make("whatever") }),
        accounts.disableTwoFactor(admin, { customerId }),
        accounts.exportCustomerData(admin, { customerId }),
        accounts.setProfileImage(admin, { customerId, file: { name: "me.png", bytes: png() } })
      ]
      for (const effect of compliance) {
        expect(yield* Effect.flip(effect)).toMatchObject({ _tag: "AccountLocked", rule: "command.editable-only" })
      }
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("compliance.host-erasure: anonymizing withdraws the customer's mails, deletes its file bytes and asks the host to erase, other customers untouched", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* richCustomer
      const other = yield* registerCustomer({ ...erika, email: "max@example.de", firstName: "Max" })
      yield* accounts.resetPassword(admin, { customerId: other })
      yield* run("addNote", admin, { customerId: other, text: "Max's note", files: [{ name: "max.pdf", bytes: pdf() }] })
      expect((yield* (yield* MemoryOutboxControl).sent(tenant)).map((m) => m.customerId)).toContain(customerId)
      yield* accounts.anonymize(admin, { customerId })
      expect((yield* (yield* MemoryOutboxControl).sent(tenant)).map((m) => m.customerId)).toEqual([other])
      const files = (yield* (yield* MemoryFileStoreControl).dump).tenants[tenant] ?? {}
      expect(Object.keys(files[customerId] ?? {})).toEqual([])
      expect(Object.keys(files[other] ?? {})).toHaveLength(1)
      expect(yield* (yield* MemoryHostComplianceControl).erasures()).toEqual([{ tenantId: tenant, customerId, reason: "anonymized" }])
    })))
})

describe("exportCustomerData", () => {
  it.effect("export.complete: one JSON document with every section, the IBAN in full, the host's sections and the statement; exporting is an activity", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* richCustomer
      const count = (yield* activities(customerId)).length
      const { document, outcome } = yield* accounts.exportCustomerData(admin, { customerId })
      expect(Result.isSuccess(Schema.decodeUnknownResult(ExportDocument)(document))).toBe(true)
      expect(JSON.parse(JSON.stringify(document))).toEqual(document)
      expect(document).toMatchObject({ format: "customer-account/export", formatVersion: 1, tenantId: tenant, customerId })
      const account = document.account
      expect(account.profile).toMatchObject({ firstName: "Erika", lastName: "Mustermann", email: "erika@example.de" })
      expect(account.addresses[0]).toMatchObject({ street: "Heidestraße", city: "Köln" })
      expect(account.bankAccounts[0]).toMatchObject({ iban: "DE89370400440532013000", holder: "Erika Mustermann" })
      expect(account.consent.records[0]).toMatchObject({ ipAddress: "203.0.113.42", userAgent: "Mozilla/5.0 (Erika's laptop)" })
      expect(account.lifecycle.history.map((r) => r.reason)).toEqual(["Erika asked for a pause", undefined])
      expect(account.accessRights[0]).toMatchObject({ productId: "magazine", note: "Goodwill for Erika" })
      expect(account.additionalData).toEqual({ favouriteColour: "Erika-blue" })
      expect(account.files[0]).toMatchObject({ name: "Letter from Erika.pdf", mediaType: "application/pdf" })
      expect(document.activities).toHaveLength(count)
      expect(document.activities.map((a) => a.type)[0]).toBe("customer.registered")
      expect(document.host).toEqual([
        { name: "login-history", description: "Logins of the last 90 days", data: [{ at: "2026-11-20T08:00:00Z", ip: "198.51.100.7", device: "Erika's phone" }] }
      ])
      expect(document.statement.retention.map((r) => r.period)).toEqual(expect.arrayContaining(["8 years", "10 years", "6 years"]))
      const listed = document.personalData.map((v) => v.path)
      expect(listed).toEqual(expect.arrayContaining(["account.profile.lastName", "account.bankAccounts.0.iban", "account.consent.records.0.ipAddress"]))
      for (const value of document.personalData) {
        const at = value.path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], document)
        expect(at, value.path).toEqual(value.value)
      }
      // exporting is an activity
      const timeline = yield* activities(customerId)
      expect(timeline[0]).toMatchObject({ id: outcome.activityIds[0], type: "data.exported", details: { format: "json" } })
      expect(JSON.stringify(timeline[0])).not.toContain("Erika")
    })))

  it.effect("export.complete: the export needs the export permission, and another tenant gets not-found", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      expect(yield* Effect.flip(accounts.exportCustomerData(foreignAdmin, { customerId }))).toMatchObject({ _tag: "CustomerNotFound" })
      expect(yield* Effect.flip(accounts.exportCustomerData(powerless, { customerId }))).toMatchObject({ _tag: "PermissionDenied", permission: "export" })
      expect(yield* Effect.flip(accounts.exportCustomerData(customerCaller(customerId), { customerId }))).toMatchObject({ _tag: "PermissionDenied" })
      expect(yield* snapshot(customerId)).toEqual(before)
      const ok = yield* accounts.exportCustomerData(apiClient(["export"]), { customerId }, { idempotencyKey: "export-1" })
      const repeat = yield* accounts.exportCustomerData(apiClient(["export"]), { customerId }, { idempotencyKey: "export-1" })
      expect(repeat.outcome).toEqual(ok.outcome)
      expect(repeat.document.account.profile).toEqual(ok.document.account.profile)
      expect((yield* activities(customerId)).filter((a) => a.type === "data.exported")).toHaveLength(1)
    })))
})

describe("password reset and two-factor", () => {
  it.effect("password-reset.one-time: the current password completes the reset once; a blocked customer is active again", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      yield* run("setStatus", admin, { customerId, to: "blocked", reason: "too many attempts" })
      const requested = yield* accounts.resetPassword(customerCaller(customerId), { customerId })
      const mails = yield* (yield* MemoryOutboxControl).sent(tenant)
      expect(mails).toHaveLength(1)
      expect(mails[0]).toMatchObject({ customerId, template: "password-reset", to: "erika@example.de" })
      expect((yield* activities(customerId))[0]).toMatchObject({ id: requested.activityIds[0], type: "password-reset.requested", details: { delivery: "outbox" } })
      const password = yield* sentPassword(customerId)

      const wrong = yield* Effect.flip(accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: Redacted.make("not-it") }))
      expect(wrong).toMatchObject({ _tag: "OneTimePasswordRejected", rule: "password-reset.one-time", customerId })
      expect((yield* accountOf(customerId)).lifecycle.status).toBe("blocked")

      const done = yield* accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password })
      expect(done.activityIds).toHaveLength(2)
      const after = yield* accountOf(customerId)
      expect(after.lifecycle.status).toBe("active")
      expect(after.lifecycle.history.at(-1)).toMatchObject({ from: "blocked", to: "active", actor: customerCaller(customerId).actor })
      expect((yield* activities(customerId)).slice(0, 2).map((a) => a.type)).toEqual(["status.changed", "password-reset.completed"])

      const before = yield* snapshot(customerId)
      const again = yield* Effect.flip(accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password }))
      expect(again).toMatchObject({ _tag: "OneTimePasswordRejected" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("password-reset.one-time: a newer reset replaces the older password; a deactivated customer stays deactivated", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      yield* run("setStatus", admin, { customerId, to: "deactivated" })
      yield* accounts.resetPassword(admin, { customerId })
      const older = yield* sentPassword(customerId)
      yield* accounts.resetPassword(admin, { customerId })
      const newer = yield* sentPassword(customerId)
      expect(yield* Effect.flip(accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: older }))).toMatchObject({
        _tag: "OneTimePasswordRejected"
      })
      const done = yield* accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: newer })
      expect(done.activityIds).toHaveLength(1)
      expect((yield* accountOf(customerId)).lifecycle.status).toBe("deactivated")
    })))

  it.effect("secrets.never-recorded: the password travels Redacted; a plain string is refused without being echoed", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      yield* accounts.resetPassword(admin, { customerId }, { idempotencyKey: "reset-1" })
      const repeat = yield* accounts.resetPassword(admin, { customerId }, { idempotencyKey: "reset-1" })
      expect(repeat.activityIds).toHaveLength(1)
      const mails = yield* (yield* MemoryOutboxControl).sent(tenant)
      expect(mails).toHaveLength(1)
      const password = Redacted.value(mails[0]!.secret!)
      expect(password).toMatch(/^[A-Za-z0-9]{12}$/)
      expect(String(mails[0]!.secret)).not.toContain(password)
      expect(JSON.stringify(mails)).not.toContain(password)
      // Deliberately invalid: a plain string where a `Redacted` is expected.
      const plain = yield* Effect.flip(accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password as never }))
      expect(plain).toMatchObject({ _tag: "ValidationError" })
      expect(JSON.stringify(plain)).not.toContain(password)
      expect(String(plain)).not.toContain(password)
      expect(JSON.stringify(yield* dump)).not.toContain(password)
    })))

  it.effect("two-factor.disable: disabling turns the second factor off through the port and is recorded; with none on, nothing changes", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const credentials = yield* MemoryCredentialsControl
      const customerId = yield* registerCustomer()
      yield* credentials.enableTwoFactor(tenant, customerId)
      const done = yield* accounts.disableTwoFactor(admin, { customerId })
      expect(yield* credentials.twoFactorEnabled(tenant, customerId)).toBe(false)
      expect((yield* activities(customerId))[0]).toMatchObject({ id: done.activityIds[0], type: "two-factor.disabled" })
      const before = yield* snapshot(customerId)
      const again = yield* accounts.disableTwoFactor(admin, { customerId })
      expect(again).toMatchObject({ version: done.version, activityIds: [] })
      expect(yield* snapshot(customerId)).toEqual(before)
      expect(yield* Effect.flip(accounts.disableTwoFactor(customerCaller(customerId), { customerId }))).toMatchObject({
        _tag: "PermissionDenied",
        permission: "disable-two-factor"
      })
    })))
})

/** Saves fail with a StorageError while `failSaves.on` (a database that is down), for tests of what a failed write leaves behind. */
const failSaves = { on: false }
const failingEngine = CustomerAccounts.layer().pipe(
  Layer.provideMerge(Layer.mergeAll(
    Layer.effect(
      AccountStore,
      Effect.map(MemoryAccountStore.make, (store): MemoryAccountStoreService => ({
        ...store,
        save: (tenantId, write) =>
          failSaves.on ? Effect.fail(new StorageError({ operation: "AccountStore.save", message: "the database is down" })) : store.save(tenantId, write)
      }))
    ),
    MemoryHost.layerForTests
  ))
)
const withFailingEngine = <A, E, R>(program: Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    failSaves.on = false
    return program
  }).pipe(Effect.provide(failingEngine), Effect.ensuring(Effect.sync(() => (failSaves.on = false))))

describe("credential changes come after the write", () => {
  it.effect("password-reset.one-time: when the write fails, the password is used up once, the customer stays blocked and nothing is recorded; the repeat under the same key completes it, another key cannot", () =>
    withFailingEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const credentials = yield* MemoryCredentialsControl
      const customerId = yield* registerCustomer()
      yield* run("setStatus", admin, { customerId, to: "blocked" })
      yield* accounts.resetPassword(admin, { customerId })
      const password = yield* sentPassword(customerId)
      const before = yield* snapshot(customerId)
      const key = { idempotencyKey: "complete-1" }
      failSaves.on = true
      const failed = yield* Effect.flip(accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password }, key))
      failSaves.on = false
      expect(failed).toMatchObject({ _tag: "StorageError" })
      expect(yield* snapshot(customerId)).toEqual(before)
      // redeemed once, before the write (rule effects.before-write-once): no second success with it
      expect(yield* credentials.verifyOneTimePassword(tenant, customerId, password)).toBe(false)
      const other = yield* Effect.flip(
        accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password }, { idempotencyKey: "complete-2" })
      )
      expect(other).toMatchObject({ _tag: "OneTimePasswordRejected" })
      // the customer tries again under the same key once the database is back
      const done = yield* accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password }, key)
      expect(done.activityIds).toHaveLength(2)
      expect((yield* accountOf(customerId)).lifecycle.status).toBe("active")
      expect(yield* credentials.verifyOneTimePassword(tenant, customerId, password)).toBe(false)
      expect(yield* credentials.holds(tenant, customerId)).toEqual({ pendingPassword: false, twoFactor: false })
    })))

  it.effect("two-factor.disable: when the write fails for good, the second factor stays on and nothing is recorded", () =>
    withFailingEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const credentials = yield* MemoryCredentialsControl
      const customerId = yield* registerCustomer()
      yield* credentials.enableTwoFactor(tenant, customerId)
      const before = yield* snapshot(customerId)
      failSaves.on = true
      const failed = yield* Effect.flip(accounts.disableTwoFactor(admin, { customerId }))
      failSaves.on = false
      expect(failed).toMatchObject({ _tag: "StorageError" })
      expect(yield* snapshot(customerId)).toEqual(before)
      expect(yield* credentials.twoFactorEnabled(tenant, customerId)).toBe(true)
      const done = yield* accounts.disableTwoFactor(admin, { customerId })
      expect(done.activityIds).toHaveLength(1)
      expect(yield* credentials.twoFactorEnabled(tenant, customerId)).toBe(false)
    })))

  it.effect("password-reset.one-time: an idempotent repeat of a completed reset redeems nothing again and records nothing", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const credentials = yield* MemoryCredentialsControl
      const customerId = yield* registerCustomer()
      yield* accounts.resetPassword(admin, { customerId })
      const password = yield* sentPassword(customerId)
      const first = yield* accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password }, { idempotencyKey: "complete-1" })
      yield* accounts.resetPassword(admin, { customerId })
      const newer = yield* sentPassword(customerId)
      const before = yield* snapshot(customerId)
      const repeat = yield* accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password }, { idempotencyKey: "complete-1" })
      expect(repeat).toEqual(first)
      expect(yield* snapshot(customerId)).toEqual(before)
      expect(yield* credentials.verifyOneTimePassword(tenant, customerId, newer)).toBe(true)
    })))
})

/** An engine whose store ignores `forgetIdempotency` (a store that keeps every idempotency record). */
const keepingEngine = CustomerAccounts.layer().pipe(
  Layer.provideMerge(Layer.mergeAll(
    Layer.effect(
      AccountStore,
      Effect.map(MemoryAccountStore.make, (store): MemoryAccountStoreService => ({
        ...store,
        save: (tenantId, { forgetIdempotency: _ignored, ...write }) => store.save(tenantId, write)
      }))
    ),
    MemoryHost.layerForTests
  ))
)

describe("idempotency records after anonymize and delete", () => {
  it.effect("command.editable-only: an export replayed under its key after anonymize is refused with AccountLocked, even from a store that kept the record", () =>
    Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      yield* accounts.exportCustomerData(admin, { customerId }, { idempotencyKey: "export-1" })
      yield* accounts.anonymize(admin, { customerId })
      expect(((yield* dump).tenants[tenant]?.idempotencyRecords ?? []).length).toBe(1)
      const replayed = yield* Effect.flip(accounts.exportCustomerData(admin, { customerId }, { idempotencyKey: "export-1" }))
      expect(replayed).toMatchObject({ _tag: "AccountLocked", rule: "command.editable-only", customerId, command: "export-customer-data" })
    }).pipe(Effect.provide(keepingEngine)))

  it.effect("anonymize.keeps-idempotency: anonymizing keeps the customer's idempotency records; a replay of an earlier key returns its first result and changes nothing; an export's replay is refused with AccountLocked", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      const other = yield* registerCustomer({ ...erika, email: "max@example.de", firstName: "Max" })
      const changed = yield* run("changePersonalData", admin, { customerId, change: { lastName: "Musterfrau" } }, { idempotencyKey: "change-1" })
      yield* accounts.exportCustomerData(admin, { customerId }, { idempotencyKey: "export-1" })
      yield* run("changePersonalData", admin, { customerId: other, change: { lastName: "Muster" } }, { idempotencyKey: "change-other" })
      const records = () =>
        Effect.map(dump, (d) => (d.tenants[tenant]?.idempotencyRecords ?? []) as ReadonlyArray<{ readonly key: string; readonly fingerprint: string }>)
      expect((yield* records()).map((r) => r.key).sort()).toEqual(["change-1", "change-other", "export-1"])

      const anonymized = yield* accounts.anonymize(admin, { customerId }, { idempotencyKey: "anonymize-1" })
      expect((yield* records()).map((r) => r.key).sort()).toEqual(["anonymize-1", "change-1", "change-other", "export-1"])
      // Keyed digests only: nothing of the earlier input is in the records.
      const text = JSON.stringify(yield* records())
      for (const personal of ["Musterfrau", "Erika", "erika@example.de"]) expect(text).not.toContain(personal)
      expect(yield* accounts.anonymize(admin, { customerId }, { idempotencyKey: "anonymize-1" })).toEqual(anonymized)

      const before = yield* snapshot(customerId)
      expect(yield* refusal("changePersonalData", admin, { customerId, change: { lastName: "Musterfrau" } })).toMatchObject({ _tag: "AccountLocked" })
      const exported = yield* Effect.flip(accounts.exportCustomerData(admin, { customerId }, { idempotencyKey: "export-1" }))
      expect(exported).toMatchObject({ _tag: "AccountLocked", rule: "command.editable-only", customerId })
      expect(yield* run("changePersonalData", admin, { customerId, change: { lastName: "Musterfrau" } }, { idempotencyKey: "change-1" })).toEqual(changed)
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("anonymize.keeps-idempotency: replaying an old register key after an anonymization returns the first result and registers nobody again", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const input = { profile: { ...erika, email: "again@example.de" }, registrationSource: "back-office" } as CustomerAccounts.CommandInput<"register">
      const first = yield* accounts.register(admin, input, { idempotencyKey: "register-1" })
      yield* accounts.anonymize(admin, { customerId: CustomerId.make(first.customerId) })
      const replayed = yield* accounts.register(admin, input, { idempotencyKey: "register-1" })
      expect(replayed).toEqual(first)
      const stored = (yield* dump).tenants[tenant]!
      expect(stored.accounts).toHaveLength(1)
      expect(JSON.stringify(stored)).not.toContain("again@example.de")
      // Another key registers the person anew: that is a new registration, not a replay.
      const fresh = yield* accounts.register(admin, input, { idempotencyKey: "register-2" })
      expect(fresh.customerId).not.toBe(first.customerId)
    })))

  it.effect("delete.tombstone: deleting removes the customer's idempotency records; a replay of an earlier key finds no customer", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      yield* run("changePersonalData", admin, { customerId, change: { lastName: "Musterfrau" } }, { idempotencyKey: "change-1" })
      yield* accounts.exportCustomerData(admin, { customerId }, { idempotencyKey: "export-1" })
      yield* accounts.deleteCustomer(admin, { customerId })
      expect((yield* dump).tenants[tenant]?.idempotencyRecords).toEqual([])
      expect(yield* Effect.flip(run("changePersonalData", admin, { customerId, change: { lastName: "Musterfrau" } }, { idempotencyKey: "change-1" }))).toMatchObject({
        _tag: "CustomerNotFound"
      })
      expect(yield* Effect.flip(accounts.exportCustomerData(admin, { customerId }, { idempotencyKey: "export-1" }))).toMatchObject({ _tag: "CustomerNotFound" })
    })))
})

describe("loginCheck", () => {
  it.effect("login.uniform-refusal: blocked, deactivated, anonymized, deleted, unknown and foreign customers get the same refusal; the reason is in the audit trail", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const login = apiClient(["read"])
      const active = yield* registerCustomer({ ...erika, email: "active@example.de" })
      const blocked = yield* registerCustomer({ ...erika, email: "blocked@example.de" })
      const deactivated = yield* registerCustomer({ ...erika, email: "deactivated@example.de" })
      const anonymized = yield* registerCustomer({ ...erika, email: "anonymized@example.de" })
      const deleted = yield* registerCustomer({ ...erika, email: "deleted@example.de" })
      yield* run("setStatus", admin, { customerId: blocked, to: "blocked" })
      yield* run("setStatus", admin, { customerId: deactivated, to: "deactivated" })
      yield* accounts.anonymize(admin, { customerId: anonymized })
      yield* accounts.deleteCustomer(admin, { customerId: deleted })

      expect(yield* accounts.loginCheck(login, { customerId: active })).toMatchObject({ customerId: active })
      expect(yield* accounts.loginCheck(login, { email: "  ACTIVE@example.de " })).toMatchObject({ customerId: active })

      const refusals = []
      for (const input of [
        { customerId: blocked },
        { customerId: deactivated },
        { customerId: anonymized },
        { customerId: deleted },
        { customerId: "nobody" },
        { email: "blocked@example.de" },
        { email: "deactivated@example.de" },
        { email: "anonymized@example.de" },
        { email: "deleted@example.de" },
        { email: "nobody@example.de" }
      ]) {
        refusals.push(yield* Effect.flip(accounts.loginCheck(login, input)))
      }
      refusals.push(yield* Effect.flip(accounts.loginCheck({ ...login, tenantId: foreignAdmin.tenantId }, { customerId: active })))
      const shapes = refusals.map((e) => JSON.stringify(e))
      expect(new Set(shapes).size).toBe(1)
      expect(refusals[0]).toMatchObject({ _tag: "LoginRefused", rule: "login.uniform-refusal", message: loginRefusedMessage })
      expect(new Set(refusals.map((e) => String(e))).size).toBe(1)

      const trail = yield* (yield* MemoryAuditTrailControl).entries(tenant)
      expect(trail.map((e) => [e.customerId, e.outcome, e.reason])).toEqual([
        [active, "allowed", "active"],
        [active, "allowed", "active"],
        [blocked, "refused", "blocked"],
        [deactivated, "refused", "deactivated"],
        [anonymized, "refused", "anonymized"],
        [deleted, "refused", "deleted"],
        [undefined, "refused", "unknown"],
        [blocked, "refused", "blocked"],
        [deactivated, "refused", "deactivated"],
        [undefined, "refused", "unknown"],
        [undefined, "refused", "unknown"],
        [undefined, "refused", "unknown"]
      ])
      expect(yield* (yield* MemoryAuditTrailControl).entries(foreignAdmin.tenantId)).toEqual([
        expect.objectContaining({ outcome: "refused", reason: "unknown" })
      ])
      expect(JSON.stringify(trail)).not.toContain("@example.de")
    })))

  it.effect("login.uniform-refusal: only staff or API clients with read may ask; a customer or the system may not", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      expect(yield* Effect.flip(accounts.loginCheck(customerCaller(customerId), { customerId }))).toMatchObject({ _tag: "PermissionDenied" })
      expect(yield* Effect.flip(accounts.loginCheck(billing, { customerId }))).toMatchObject({ _tag: "PermissionDenied" })
      expect(yield* Effect.flip(accounts.loginCheck(apiClient(["read"]), { login: "x" } as never /* deliberately invalid input */))).toMatchObject({ _tag: "ValidationError" })
      expect(yield* (yield* MemoryAuditTrailControl).entries()).toEqual([])
    })))
})
