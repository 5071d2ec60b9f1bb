import { DateTime, Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Activity, makeActivity } from "../../src/domain/Activity.ts"
import * as ActivityType from "../../src/domain/ActivityType.ts"
import * as Actor from "../../src/domain/Actor.ts"
import { ActivityId, CustomerId, StaffUserId, TenantId } from "../../src/domain/Ids.ts"
import { firstForbidden } from "../../src/domain/Text.ts"
import * as TimelineSummaries from "../../src/domain/TimelineSummaries.ts"

/** One valid example of the details of every built-in type, in their JSON encoding. */
export const detailExamples: { readonly [T in ActivityType.BuiltinActivityType]: unknown } = {
  "customer.registered": { source: "checkout", customerNumber: "10001" },
  "customer-data.changed": { changes: [{ field: "lastName", before: "Muster", after: "Mustermann" }, { field: "phone", after: "+49 221 1" }] },
  "additional-data.changed": { changes: [{ field: "crm.segment", after: "loyal" }] },
  "data.exported": { format: "json" },
  "billing-address.added": { addressId: "address-1", changes: [{ field: "street", after: "Heidestraße" }, { field: "houseNumber", after: "17" }, { field: "city", after: "Köln" }] },
  "billing-address.changed": { addressId: "address-1", changes: [{ field: "street", before: "Heidestraße", after: "Ringstraße" }] },
  "billing-address.removed": { addressId: "address-1", changes: [{ field: "street", before: "Heidestraße" }, { field: "city", before: "Köln" }] },
  "delivery-address.added": { addressId: "address-2", changes: [{ field: "street", after: "Hauptstraße" }, { field: "city", after: "Bonn" }] },
  "delivery-address.changed": { addressId: "address-2", changes: [{ field: "city", before: "Bonn", after: "Köln" }] },
  "delivery-address.removed": { addressId: "address-2", changes: [] },
  "status.changed": { from: "active", to: "blocked", reason: "chargeback" },
  "access.blocked": { reason: "chargeback" },
  "access.unblocked": {},
  "password-reset.requested": { delivery: "outbox" },
  "password-reset.completed": {},
  "two-factor.disabled": {},
  "customer.anonymized": {},
  "consent.changed": { channel: "email", from: "none", to: "doubleOptIn", source: "checkout", textVersion: "v3" },
  note: { text: "Called", fileIds: ["file-1", "file-2"] },
  hint: { text: "Prefers email", fileIds: [] },
  "file.attached": { fileId: "file-1", name: "letter.pdf", mediaType: "application/pdf", size: 12_500 },
  "mail.sent": { mailId: "mail-1", template: "welcome", subject: "Willkommen" },
  "order.created": { orderId: "order-1", total: { amount: 1999, currency: "EUR" } },
  "bank-account.added": { bankAccountId: "bank-account-1", maskedIban: "DE89 **** **** **** **30 00" },
  "bank-account.removed": { bankAccountId: "bank-account-1", maskedIban: "DE89 **** **** **** **30 00" },
  "invoice.created": { invoiceId: "inv-1", amount: { amount: 999, currency: "EUR" } },
  "invoice.corrected": { invoiceId: "inv-1", amount: { amount: -500, currency: "EUR" } },
  payment: { paymentId: "pay-1", amount: { amount: 999, currency: "EUR" }, status: "received" },
  "subscription.created": { subscriptionId: "sub-1", productId: "monthly-magazine" },
  "goodwill.granted": { kind: "free-issues", subscriptionId: "sub-1", issues: 3 },
  "access-right.added": { accessRightId: "access-right-1", productId: "digital-archive", validFrom: "2026-11-23T00:00:00.000Z", validUntil: "2026-12-31T00:00:00.000Z" },
  "access-right.removed": { accessRightId: "access-right-1", productId: "digital-archive" },
  "department.added": { departmentId: "department-1", kind: "branch", name: "Köln" },
  "department.renamed": { departmentId: "department-1", kind: "branch", before: "Köln", after: "Köln-Porz" },
  "department.moved": { departmentId: "department-2", kind: "department", name: "Service", toParentId: "department-1" },
  "department.removed": { departmentId: "department-2", kind: "department", name: "Service" },
  "service-modules.switched": { changes: [{ moduleId: "video", before: "default", after: "on" }] },
  "notification-settings.changed": { notifyAboutDevices: { before: false, after: true }, recipientCount: { before: 0, after: 2 } },
  "team-mapping.set": { metaTeamId: "support", teamId: "team-koeln" },
  "team-mapping.removed": { metaTeamId: "support", teamId: "team-koeln" },
  "invitation.sent": { invitationId: "invitation-1", name: "Jonas Weber", role: "moderator", departmentIds: [], expiresAt: "2026-12-07T10:00:00.000Z" },
  "invitation.resent": { invitationId: "invitation-1", expiresAt: "2026-12-14T10:00:00.000Z" },
  "invitation.accepted": { invitationId: "invitation-1" },
  "invitation.revoked": { invitationId: "invitation-1" }
}

const stored = "Stored summary"
const registry = ActivityType.makeRegistry()

const activityOf = (type: string, details: unknown, reg: ActivityType.ActivityTypeRegistry = registry): Activity => {
  const decoded = ActivityType.decodeDetails(reg, type, details)
  if (Result.isFailure(decoded)) throw new Error(`example of ${type} does not decode: ${decoded.failure.message}`)
  const made = makeActivity(reg, {
    id: ActivityId.make("activity-1"),
    tenantId: TenantId.make("acme"),
    customerId: CustomerId.make("customer-1"),
    type,
    at: DateTime.makeUnsafe("2026-11-23T10:00:00Z"),
    actor: Actor.supporter(StaffUserId.make("u-1"), "Mia"),
    summary: stored,
    details: decoded.success
  })
  if (Result.isFailure(made)) throw new Error(`example of ${type} is no activity: ${made.failure.message}`)
  return made.success
}

/** An activity with details as stored, not checked: what a store may hand back. */
const storedActivity = (type: string, details: Schema.Json): Activity =>
  new Activity({ ...activityOf("access.unblocked", {}), type, details }, { disableChecks: true })

const render = (type: ActivityType.BuiltinActivityType, locale?: string) =>
  TimelineSummaries.renderSummary(activityOf(type, detailExamples[type]), undefined, { locale })

describe("TimelineSummaries", () => {
  it("timeline.builtin-renderers: English and German render every built-in type, each in its own words", () => {
    expect(Object.keys(detailExamples).sort()).toEqual([...ActivityType.builtinActivityTypeIds].sort())
    for (const locale of ["en", "de"]) {
      expect(TimelineSummaries.missingBuiltinRenderers(TimelineSummaries.builtinLanguages, locale), locale).toEqual([])
    }
    for (const type of ActivityType.builtinActivityTypeIds) {
      const en = render(type, "en")
      const de = render(type, "de")
      expect(en, type).not.toBe(stored)
      expect(de, type).not.toBe(stored)
      expect(de, type).not.toBe(en)
    }
    // a locale missing one built-in type is reported
    const partial = TimelineSummaries.addRenderers({ defaultLocale: "en", locales: new Map() }, "fr", { note: () => "Note ajoutée" })
    expect(Result.isSuccess(partial) && TimelineSummaries.missingBuiltinRenderers(partial.success, "fr")).toHaveLength(
      ActivityType.builtinActivityTypeIds.length - 1
    )
  })

  it("timeline.intl-formatting: money in the currency style from minor units, dates by Intl, in the reader's locale", () => {
    expect(render("invoice.created", "de")).toBe("Rechnung inv-1 über 9,99 € erstellt")
    expect(render("invoice.created", "en")).toBe("Invoice inv-1 created: €9.99")
    expect(render("invoice.corrected", "de")).toBe("Rechnung inv-1 auf -5,00 € korrigiert")
    expect(render("payment", "de-CH")).toContain("9.99")
    expect(render("order.created", "de")).toBe("Bestellung order-1 aufgegeben, 19,99 €")
    const yen = activityOf("payment", { paymentId: "pay-2", amount: { amount: 999, currency: "JPY" } })
    expect(TimelineSummaries.renderSummary(yen, undefined, { locale: "de" })).toBe("Zahlung über 999 ¥")
    expect(render("invitation.sent", "de")).toBe("Einladung an Jonas Weber als Moderator verschickt, gültig bis 07.12.2026")
    expect(render("invitation.sent", "en")).toBe("Invitation for Jonas Weber sent as moderator, valid until Dec 7, 2026")
    expect(render("access-right.added", "de")).toBe("Zugang zu digital-archive gewährt bis 31.12.2026")
    expect(render("file.attached", "de")).toBe("Datei „letter.pdf“ angehängt (application/pdf, 12,5 kB)")
    for (const type of ActivityType.builtinActivityTypeIds) expect(render(type, "de"), type).not.toContain("minor units")
  })

  it("timeline.names-not-ids: the details' names of the time replace the raw ids", () => {
    expect(render("billing-address.added", "de")).toBe("Rechnungsadresse Heidestraße 17, Köln hinzugefügt")
    expect(render("billing-address.removed", "en")).toBe("Billing address Heidestraße, Köln removed")
    expect(render("bank-account.added", "de")).toBe("Bankkonto DE89 **** **** **** **30 00 hinzugefügt")
    expect(render("department.renamed", "de")).toBe("Filiale „Köln“ in „Köln-Porz“ umbenannt")
    expect(render("customer-data.changed", "de")).toBe("Kundendaten geändert: Nachname und Telefon")
    for (const type of ActivityType.builtinActivityTypeIds) {
      for (const locale of ["de", "en"]) expect(render(type, locale), type).not.toMatch(/(address|bank-account|department|invitation)-\d/)
    }
  })

  it("timeline.locale-fallback: the tag, then its language subtag, then the default; no renderer shows the stored summary", () => {
    expect(TimelineSummaries.resolveLocale(TimelineSummaries.builtinLanguages, "de-AT")).toEqual({ renderers: "de", format: "de-AT" })
    expect(TimelineSummaries.resolveLocale(TimelineSummaries.builtinLanguages, "fr-CA")).toEqual({ renderers: "en", format: "en" })
    expect(TimelineSummaries.resolveLocale(TimelineSummaries.builtinLanguages, undefined)).toEqual({ renderers: "en", format: "en" })
    expect(render("invoice.created", "de-AT")).toBe("Rechnung inv-1 über € 9,99 erstellt")
    expect(render("invoice.created", "fr")).toBe(render("invoice.created", "en"))
    expect(render("invoice.created")).toBe(render("invoice.created", "en"))
    const german = TimelineSummaries.withDefaultLocale(TimelineSummaries.builtinLanguages, "de-DE")
    if (Result.isFailure(german)) throw german.failure
    expect(german.success.defaultLocale).toBe("de")
    expect(TimelineSummaries.renderSummary(activityOf("access.blocked", {}), undefined, { languages: german.success })).toBe(
      "Produktzugang gesperrt"
    )
    expect(Result.isFailure(TimelineSummaries.withDefaultLocale(TimelineSummaries.builtinLanguages, "fr"))).toBe(true)
    // a host type without a renderer keeps its stored summary
    const withTicket = ActivityType.register(registry, {
      type: "acme.ticket-opened",
      group: "notes-and-communication",
      details: Schema.Struct({ ticketId: Schema.String }),
      recordedBy: "host",
      label: "Ticket opened"
    })
    if (Result.isFailure(withTicket)) throw withTicket.failure
    const ticket = activityOf("acme.ticket-opened", { ticketId: "T-1" }, withTicket.success)
    expect(TimelineSummaries.renderSummary(ticket, undefined, { registry: withTicket.success, locale: "de" })).toBe(stored)
  })

  it("timeline.host-locale: a host adds a locale and renderers for its own types; a bad tag is a typed ValidationError", () => {
    const withTicket = ActivityType.register(registry, {
      type: "acme.ticket-opened",
      group: "notes-and-communication",
      details: Schema.Struct({ ticketId: Schema.String }),
      recordedBy: "host",
      label: "Ticket opened"
    })
    if (Result.isFailure(withTicket)) throw withTicket.failure
    const french = TimelineSummaries.addRenderers(TimelineSummaries.builtinLanguages, "fr", {
      "invoice.created": (d: { readonly invoiceId: string }) => `Facture ${d.invoiceId} créée`
    })
    if (Result.isFailure(french)) throw french.failure
    const languages = TimelineSummaries.addRenderers(french.success, "de", {
      "acme.ticket-opened": (d: { readonly ticketId: string }) => `Ticket ${d.ticketId} eröffnet`
    })
    if (Result.isFailure(languages)) throw languages.failure
    const options = { languages: languages.success, registry: withTicket.success }
    const ticket = activityOf("acme.ticket-opened", { ticketId: "T-1" }, withTicket.success)
    expect(TimelineSummaries.renderSummary(ticket, undefined, { ...options, locale: "de-AT" })).toBe("Ticket T-1 eröffnet")
    expect(TimelineSummaries.renderSummary(ticket, undefined, { ...options, locale: "en" })).toBe(stored)
    const invoice = activityOf("invoice.created", detailExamples["invoice.created"])
    expect(TimelineSummaries.renderSummary(invoice, undefined, { ...options, locale: "fr-BE" })).toBe("Facture inv-1 créée")
    // the built-in German renderers are still there
    expect(TimelineSummaries.renderSummary(invoice, undefined, { ...options, locale: "de" })).toBe("Rechnung inv-1 über 9,99 € erstellt")
    // a new regional locale starts from its language's renderers
    const swiss = TimelineSummaries.addRenderers(languages.success, "de-CH", {
      "access.blocked": () => "Produktzugang gesperrt (CH)"
    })
    if (Result.isFailure(swiss)) throw swiss.failure
    const swissOptions = { languages: swiss.success, registry: withTicket.success, locale: "de-CH" }
    expect(TimelineSummaries.renderSummary(activityOf("access.blocked", {}), undefined, swissOptions)).toBe("Produktzugang gesperrt (CH)")
    expect(TimelineSummaries.renderSummary(ticket, undefined, swissOptions)).toBe("Ticket T-1 eröffnet")
    expect(TimelineSummaries.renderSummary(activityOf("access.blocked", {}), undefined, { ...options, locale: "de" })).toBe("Produktzugang gesperrt")
    expect(TimelineSummaries.missingBuiltinRenderers(swiss.success, "de-CH")).toEqual([])
    for (const bad of ["de_DE", "german", "", "x-klingon"]) {
      const refused = TimelineSummaries.addRenderers(TimelineSummaries.builtinLanguages, bad, {})
      expect(Result.isFailure(refused) && refused.failure._tag, bad).toBe("ValidationError")
      expect(Result.isFailure(refused) && refused.failure.subject, bad).toBe("Locale")
    }
  })

  it("timeline.reader-language: rendering changes the summary only, and leaves the stored activity as it is", () => {
    const invoice = activityOf("invoice.created", detailExamples["invoice.created"])
    const [rendered] = TimelineSummaries.renderActivities([invoice], undefined, { locale: "de" })
    expect(rendered).toBeInstanceOf(Activity)
    expect({ ...rendered, summary: stored }).toEqual({ ...invoice })
    expect(rendered?.summary).toBe("Rechnung inv-1 über 9,99 € erstellt")
    expect(invoice.summary).toBe(stored)
    expect(Schema.decodeUnknownResult(Activity)(Schema.encodeUnknownSync(Activity)(rendered))._tag).toBe("Success")
  })

  it("timeline.render-never-fails: undecodable details, a throwing or empty renderer and odd text show the stored summary or one clean line", () => {
    expect(TimelineSummaries.renderSummary(storedActivity("invoice.created", { invoiceId: 42 }), undefined, { locale: "de" })).toBe(stored)
    expect(TimelineSummaries.renderSummary(storedActivity("no.such-type", {}), undefined, { locale: "de" })).toBe(stored)
    const odd = TimelineSummaries.addRenderers(TimelineSummaries.builtinLanguages, "de", {
      "access.blocked": () => {
        throw new Error("boom")
      },
      "access.unblocked": () => "  \u202E\n ",
      "two-factor.disabled": () => `${"é".repeat(200)}\u0007${"😀".repeat(200)}`
    })
    if (Result.isFailure(odd)) throw odd.failure
    const languages = odd.success
    expect(TimelineSummaries.renderSummary(activityOf("access.blocked", {}), undefined, { languages, locale: "de" })).toBe(stored)
    expect(TimelineSummaries.renderSummary(activityOf("access.unblocked", {}), undefined, { languages, locale: "de" })).toBe(stored)
    const long = TimelineSummaries.renderSummary(activityOf("two-factor.disabled", {}), undefined, { languages, locale: "de" })
    expect(long.length).toBeLessThanOrEqual(300)
    expect(long.endsWith("…")).toBe(true)
    expect(firstForbidden(long)).toBeUndefined()
  })

  it("timeline.render-never-fails: for arbitrary decoded details of every built-in type, both locales render one clean line", () => {
    const types = ActivityType.builtinActivityTypeIds
    const text = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 120 }), fc.constantFrom("", " ", "\u202E", "a\nb"))
    const instant = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString())
    const money = fc.record({
      amount: fc.oneof(fc.integer(), fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0)),
      currency: fc.oneof(fc.constantFrom("EUR", "JPY", "BHD", "CHF", "XXX"), fc.stringMatching(/^[A-Z]{3}$/))
    })
    const leaf = fc.oneof(text, instant, money, fc.integer({ min: -5, max: 200 }), fc.boolean(), fc.jsonValue({ maxDepth: 2 }))
    const value: fc.Arbitrary<unknown> = fc.oneof(leaf, fc.array(leaf, { maxLength: 120 }), fc.array(fc.record({ field: text, before: leaf, after: leaf }, { requiredKeys: ["field"] }), { maxLength: 6 }))
    // an example of the type with some fields dropped or replaced by arbitrary values
    const details = fc.constantFrom(...types).chain((type) => {
      const example = detailExamples[type] as Record<string, unknown>
      const keys = [...new Set([...Object.keys(example), "name", "subject", "status", "amount", "total", "issueNames", "periodFrom", "periodUntil", "validUntil", "parentId", "toParentId", "before", "after", "changes"])]
      return fc.tuple(fc.constant(type), fc.dictionary(fc.constantFrom(...keys), fc.option(value, { nil: undefined }), { maxKeys: 4 })).map(([t, edits]) => {
        const edited: Record<string, unknown> = { ...example }
        for (const [key, v] of Object.entries(edits)) {
          if (v === undefined) delete edited[key]
          else edited[key] = v
        }
        return [t, edited] as const
      })
    })
    let decodedRuns = 0
    fc.assert(
      fc.property(details, fc.constantFrom("de", "en", "de-AT", "en-GB", "ja"), ([type, raw], locale) => {
        const json = Schema.decodeUnknownResult(Schema.Json)(raw)
        if (Result.isFailure(json)) return
        const activity = storedActivity(type, json.success)
        const summary = TimelineSummaries.renderSummary(activity, undefined, { locale })
        expect(summary.length).toBeGreaterThanOrEqual(1)
        expect(summary.length).toBeLessThanOrEqual(300)
        expect(firstForbidden(summary)).toBeUndefined()
        if (Result.isSuccess(ActivityType.decodeDetails(registry, type, json.success))) {
          decodedRuns++
          expect(summary).not.toBe(stored)
        } else {
          expect(summary).toBe(stored)
        }
      }),
      { numRuns: 2000 }
    )
    expect(decodedRuns).toBeGreaterThan(200)
  })
})
