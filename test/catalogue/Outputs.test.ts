/**
 * Every member of the catalogue, run on the memory engine: its real output encodes through
 * `Schema.toCodecJson(declaration.output)` to plain JSON (equal to its own JSON round trip, no
 * class instances, ISO strings for instants) and decodes back; no one-time password appears in
 * any encoding; each member is refused, naming its declared permission, to a supporter who lacks
 * only that one, and appends only activities of the types it declares. A member added to the catalogue without a run here fails the coverage test.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted, Schema } from "effect"
import { MemoryGoodwillControl } from "../../src/adapters/memory/MemoryGoodwill.ts"
import { MemoryOutboxControl } from "../../src/adapters/memory/MemoryOutbox.ts"
import { MemoryServiceRecordsControl } from "../../src/adapters/memory/MemoryServiceRecords.ts"
import { type Catalogue, catalogue } from "../../src/catalogue/Catalogue.ts"
import type { Declaration } from "../../src/catalogue/Declaration.ts"
import type { Caller } from "../../src/engine/Caller.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import { address, bankAccount, iban2 } from "../engine/fixtures.ts"
import { pdf, png } from "../fixtures/files.ts"
import { permissions } from "../../src/domain/Permission.ts"
import { admin, billing, customerCaller, erika, registerCustomer, supporterWith, tenant, withEngine } from "../support/engine.ts"

/** Whether a value is plain JSON data: only plain objects, arrays, strings, finite numbers, booleans, null. */
const isPlainJson = (value: unknown): boolean => {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true
  if (typeof value === "number") return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(isPlainJson)
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value)
    return (proto === Object.prototype || proto === null) && Object.values(value).every(isPlainJson)
  }
  return false
}

interface Run {
  readonly name: keyof Catalogue
  readonly result: unknown
}

const company = {
  kind: "company",
  companyName: "Pumpen Müller GmbH",
  salutation: "none",
  email: "info@pumpen-mueller.de",
  language: "de"
} as const

/** Runs every member of the catalogue through its declaration's `invoke` and collects the results. */
const everyMember = Effect.gen(function*() {
  const service = yield* CustomerAccounts.CustomerAccounts
  const runs: Array<Run> = []
  const call = <K extends keyof Catalogue>(name: K, input: Parameters<Catalogue[K]["invoke"]>[2], caller: Caller = admin) =>
    Effect.gen(function*() {
      const declaration = catalogue[name] as Declaration
      // The declared permission is the one the engine asks for: without it, the member is refused naming it.
      const lacking = supporterWith(permissions.filter((p) => p !== declaration.permission))
      const denied = yield* Effect.flip(declaration.invoke(service, lacking, input) as Effect.Effect<unknown, unknown>)
      expect(denied, name).toMatchObject({ _tag: "PermissionDenied", permission: declaration.permission })
      const result: any = yield* (declaration.invoke(service, caller, input) as Effect.Effect<any, unknown>)
      runs.push({ name, result })
      // The activities a command appended are of the types its declaration names.
      const outcome = result?.outcome ?? result
      if (declaration._tag === "Command" && declaration.activityTypes !== undefined && Array.isArray(outcome?.activityIds)) {
        const page = yield* service.timeline(admin, outcome.customerId, { limit: 200 })
        for (const id of outcome.activityIds as ReadonlyArray<string>) {
          expect(declaration.activityTypes, name).toContain(page.items.find((a) => a.id === id)?.type)
        }
      }
      return result
    })

  const registered = yield* call("register", { profile: { ...erika, email: "anna@example.de", firstName: "Anna" }, registrationSource: "back-office" })
  const customerId = yield* registerCustomer()
  yield* call("setStatus", { customerId, to: "blocked", reason: "chargeback" })
  yield* call("blockAccess", { customerId, reason: "fraud check" })
  yield* call("unblockAccess", { customerId })
  yield* call("changePersonalData", { customerId, change: { lastName: "Musterfrau" } })
  yield* call("setProfileImage", { customerId, file: { name: "me.png", bytes: png() } })
  yield* call("replaceAdditionalData", { customerId, data: { "crm.segment": "B2C" } })
  const billingId = (yield* call("addAddress", { customerId, kind: "billing", address })).created!
  const otherId = (yield* call("addAddress", { customerId, kind: "billing", address: { ...address, street: "Ring" } })).created!
  yield* call("changeAddress", { customerId, addressId: billingId, address: { ...address, street: "Neue Straße" } })
  yield* call("setPreferredAddress", { customerId, addressId: otherId })
  yield* call("removeAddress", { customerId, addressId: billingId })
  yield* call("addAddress", { customerId, kind: "delivery", address })
  yield* call("changeConsent", { customerId, channel: "email", to: "singleOptIn", source: "newsletter-form", textVersion: "v3", ipAddress: "192.0.2.1" })
  yield* call("addNote", { customerId, text: "Called about the late delivery", files: [{ name: "offer.pdf", bytes: pdf() }] })
  yield* call("addHint", { customerId, text: "Prefers calls after 6 pm" })
  const rightId = (yield* call("addAccessRight", { customerId, right: { productId: "magazine-plus", validFrom: "2026-01-01T00:00:00.000Z" } })).created!
  yield* call("removeAccessRight", { customerId, accessRightId: rightId })
  const firstBank = (yield* call("addBankAccount", { customerId, account: bankAccount })).created!
  const secondBank = (yield* call("addBankAccount", { customerId, account: { holder: "Erika Mustermann", iban: iban2 } })).created!
  yield* call("setPreferredBankAccount", { customerId, bankAccountId: secondBank })
  yield* call("removeBankAccount", { customerId, bankAccountId: firstBank })
  yield* call("setStatus", { customerId, to: "active" })
  yield* (yield* MemoryGoodwillControl).addSubscription(tenant, customerId, { subscriptionId: "sub-1", active: true, issueBased: true })
  yield* call("grantGoodwill", { customerId, grant: { kind: "free-issues", subscriptionId: "sub-1", issues: 3, reason: "Late delivery" } })
  yield* call("checkout", { customerId, lines: [{ productId: "magazine-1", quantity: 2 }] })
  yield* call("recordHostActivity", {
    customerId,
    type: "invoice.created",
    summary: "Invoice INV-2026-11 for 19.99 EUR",
    details: { invoiceId: "INV-2026-11", amount: { amount: 1999, currency: "EUR" } }
  }, billing)
  yield* call("resetPassword", { customerId }, customerCaller(customerId))
  const mails = yield* (yield* MemoryOutboxControl).sent(tenant)
  const password = mails.filter((m) => m.customerId === customerId).at(-1)!.secret!
  yield* call("completePasswordReset", { customerId, oneTimePassword: password }, customerCaller(customerId))
  yield* call("disableTwoFactor", { customerId })
  yield* call("loginCheck", { customerId })
  yield* call("exportCustomerData", { customerId })

  // Reading, with masked and with full IBANs.
  yield* call("account", { customerId })
  yield* call("account", { customerId }, customerCaller(customerId))
  yield* call("overview", { customerId })
  yield* call("overview", { customerId }, customerCaller(customerId))
  yield* call("timeline", { customerId, limit: 5 })
  yield* call("histogram", { customerId, bucket: "month" })
  yield* call("statusHistory", { customerId })
  yield* call("consentHistory", { customerId })
  yield* call("consentHistory", { customerId, channel: "email" })
  yield* call("search", { limit: 1 })
  yield* call("changes", { limit: 200 })

  // The service platform, on a company.
  const companyId = (yield* call("register", { profile: company, registrationSource: "back-office" })).customerId
  const koeln = (yield* call("addDepartment", { customerId: companyId, kind: "branch", name: "Köln" })).created!
  const service1 = (yield* call("addDepartment", { customerId: companyId, kind: "department", name: "Service", parentId: koeln })).created!
  const bonn = (yield* call("addDepartment", { customerId: companyId, kind: "branch", name: "Bonn" })).created!
  yield* call("renameDepartment", { customerId: companyId, departmentId: service1, name: "Kundendienst" })
  yield* call("moveDepartment", { customerId: companyId, departmentId: service1, parentId: bonn })
  const spare = (yield* call("addDepartment", { customerId: companyId, kind: "branch", name: "Spare" })).created!
  yield* call("removeDepartment", { customerId: companyId, departmentId: spare })
  yield* call("switchModules", { customerId: companyId, modules: { "video-support": true } })
  yield* call("changeNotificationSettings", { customerId: companyId, notifyAboutDevices: true, recipients: ["ops@example.de"] })
  yield* call("setTeamMapping", { customerId: companyId, metaTeamId: "support", teamId: "support-north", departmentId: koeln })
  yield* call("setTeamMapping", { customerId: companyId, metaTeamId: "support", teamId: "support-north" })
  yield* call("removeTeamMapping", { customerId: companyId, metaTeamId: "support" })
  const invitation = (yield* call("sendInvitation", {
    customerId: companyId,
    name: "Jonas",
    email: "jonas@example.de",
    language: "de",
    role: "member",
    departmentIds: [bonn]
  })).created!
  yield* call("resendInvitation", { customerId: companyId, invitationId: invitation })
  yield* call("revokeInvitation", { customerId: companyId, invitationId: invitation })
  const second = (yield* call("sendInvitation", { customerId: companyId, name: "Lea", email: "lea@example.de", language: "de", role: "administrator" })).created!
  yield* call("acceptInvitation", { customerId: companyId, invitationId: second })
  yield* (yield* MemoryServiceRecordsControl).seed(tenant, companyId as never, {
    devices: [{ id: "dev-1", name: "Pump", status: "online", departmentId: service1, registeredAt: "2026-01-01T00:00:00.000Z" }],
    tickets: [{ id: "tic-1", subject: "Leak", status: "open", priority: "high", createdAt: "2026-10-01T00:00:00.000Z" }],
    "video-sessions": [{ id: "vid-1", title: "Setup", status: "completed", startsAt: "2026-11-01T09:00:00.000Z" }],
    tasks: [{ id: "task-1", title: "Fix", deviceId: "dev-1", status: "open", createdAt: "2026-11-02T00:00:00.000Z" }]
  })
  yield* call("listServiceRecords", { customerId: companyId, list: "devices", limit: 10 })
  yield* call("listServiceRecords", { customerId: companyId, list: "tickets", limit: 10 })
  yield* call("listServiceRecords", { customerId: companyId, list: "video-sessions", limit: 10 })
  yield* call("listServiceRecords", { customerId: companyId, list: "tasks", limit: 10 })
  yield* call("serviceStatistics", { customerId: companyId, months: 3 })
  yield* call("serviceSettings", { customerId: companyId })
  yield* call("departments", { customerId: companyId })
  yield* call("invitations", { customerId: companyId })
  yield* call("responsibleTeams", { customerId: companyId, departmentId: service1 })
  yield* call("overview", { customerId: companyId })

  // Compliance last: the plan, anonymizing, deleting.
  yield* call("anonymizationPlan", { customerId })
  yield* call("anonymize", { customerId })
  yield* call("changes", { limit: 200 })
  yield* call("deleteCustomer", { customerId: registered.customerId })
  yield* call("changes", { limit: 200 })
  return { runs, secrets: [Redacted.value(password)] }
})

describe("catalogue outputs", () => {
  it.effect("every member's real output encodes to plain JSON through its output Schema and decodes back", () =>
    withEngine(Effect.gen(function*() {
      const { runs, secrets } = yield* everyMember
      expect(new Set(runs.map((r) => r.name))).toEqual(new Set(Object.keys(catalogue)))
      for (const { name, result } of runs) {
        const codec = Schema.toCodecJson((catalogue[name] as Declaration).output)
        const encoded = yield* Schema.encodeUnknownEffect(codec)(result).pipe(
          Effect.mapError((error) => new Error(`${name}: ${error.message}`))
        )
        expect(isPlainJson(encoded), name).toBe(true)
        expect(encoded, name).toEqual(JSON.parse(JSON.stringify(encoded)))
        for (const secret of secrets) expect(JSON.stringify(encoded), name).not.toContain(secret)
        const decoded = yield* Schema.decodeUnknownEffect(codec)(encoded).pipe(
          Effect.mapError((error) => new Error(`${name}: ${error.message}`))
        )
        expect(yield* Schema.encodeUnknownEffect(codec)(decoded), name).toEqual(encoded)
      }
    })))

  it.effect("instants encode as ISO strings", () =>
    withEngine(Effect.gen(function*() {
      const { runs } = yield* everyMember
      const page = runs.find((r) => r.name === "timeline")!
      const encoded = yield* Schema.encodeUnknownEffect(Schema.toCodecJson(catalogue.timeline.output))(page.result)
      const [first] = (encoded as { items: ReadonlyArray<{ at: string }> }).items
      expect(first?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    })))
})
