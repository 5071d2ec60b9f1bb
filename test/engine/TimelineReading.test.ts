/**
 * The timeline in the reader's language through the engine (SPEC section 6, issue 14): the
 * caller's locale, the engine's default, names from the account, anonymization and a host's locale.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Result, Schema } from "effect"
import { TestClock } from "effect/testing"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { makeRegistry, register } from "../../src/domain/ActivityType.ts"
import type { CustomerId } from "../../src/domain/Ids.ts"
import * as TimelineSummaries from "../../src/domain/TimelineSummaries.ts"
import type { Caller } from "../../src/engine/Caller.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import { makeTimelineReadingSettings } from "../../src/engine/TimelineReading.ts"
import { activities, admin, billing, now, registerCustomer, renderedActivities, run, withEngine } from "../support/engine.ts"

const german: Caller = { ...admin, locale: "de" }
const iban = "DE89 3704 0044 0532 0130 00"

const summariesOf = (customerId: CustomerId, caller: Caller) =>
  Effect.map(renderedActivities(customerId, caller), (items) => items.map((a) => a.summary))

/** A private customer with an address, a bank account, an invoice and a blocked status. */
const erikaWithHistory = Effect.gen(function*() {
  const customerId = yield* registerCustomer()
  yield* run("addAddress", admin, {
    customerId,
    kind: "billing",
    address: { firstName: "Erika", lastName: "Mustermann", street: "Heidestraße", houseNumber: "17", postalCode: "51147", city: "Köln", country: "DE" }
  })
  yield* run("addBankAccount", admin, { customerId, account: { holder: "Erika Mustermann", iban } })
  yield* run("recordHostActivity", billing, {
    customerId,
    type: "invoice.created",
    summary: "Invoice created",
    details: { invoiceId: "inv-1", amount: { amount: 999, currency: "EUR" } }
  })
  yield* run("setStatus", admin, { customerId, to: "blocked", reason: "chargeback" })
  return customerId
})

const company = { kind: "company", companyName: "Pumpen Müller GmbH", salutation: "none", email: "info@pumpen-mueller.de", language: "de" } as const

describe("the timeline in the reader's language", () => {
  it.effect("timeline.reader-language: the timeline and the overview's newest activities speak the caller's locale; the store keeps the written summary", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* erikaWithHistory
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const de = yield* summariesOf(customerId, german)
      expect(de).toEqual([
        "Status von aktiv auf gesperrt geändert",
        "Rechnung inv-1 über 9,99 € erstellt",
        "Bankkonto DE89 **** **** **** **30 00 hinzugefügt",
        "Rechnungsadresse Heidestraße 17, Köln hinzugefügt",
        "Erika Mustermann über das Backoffice registriert (Kundennr. 10001)"
      ])
      expect((yield* accounts.overview(german, customerId)).timeline.items.map((a) => a.summary)).toEqual(de)
      const en = yield* summariesOf(customerId, admin)
      expect(en[1]).toBe("Invoice inv-1 created: €9.99")
      expect(en[4]).toBe("Erika Mustermann registered through the back office (customer no. 10001)")
      expect(yield* summariesOf(customerId, { ...admin, locale: " en-gb " })).toEqual(en)
      // stored as written: same ids, types and details, the summaries of the time
      const stored = yield* activities(customerId)
      const rendered = yield* renderedActivities(customerId, german)
      expect(rendered.map((a) => ({ ...a, summary: "" }))).toEqual(stored.map((a) => ({ ...a, summary: "" })))
      expect(stored.map((a) => a.summary)).toContain("Status changed from active to blocked")
    })))

  it.effect("timeline.reader-language: a caller's locale that is not BCP 47 is a typed ValidationError naming Caller, for queries and commands", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const accounts = yield* CustomerAccounts.CustomerAccounts
      for (const locale of ["de_DE", "german", "", 42, "x-private"]) {
        const caller = { ...admin, locale } as unknown as Caller
        const read = yield* Effect.flip(accounts.timeline(caller, customerId, { limit: 10 }))
        expect(read, String(locale)).toMatchObject({ _tag: "ValidationError", subject: "Caller" })
        if (read._tag === "ValidationError") expect(read.issues.map((i) => i.path)).toContain("locale")
        const write = yield* Effect.flip(accounts.addNote(caller, { customerId, text: "Hello" }))
        expect(write, String(locale)).toMatchObject({ _tag: "ValidationError", subject: "Caller" })
      }
      expect(yield* activities(customerId)).toHaveLength(1)
    })))

  it.effect("timeline.locale-fallback: the engine's default locale serves callers without one; de-AT reads German with Austrian formats; fr falls back", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now.epochMilliseconds)
      const customerId = yield* erikaWithHistory
      expect((yield* summariesOf(customerId, admin))[1]).toBe("Rechnung inv-1 über 9,99 € erstellt")
      expect((yield* summariesOf(customerId, { ...admin, locale: "de-AT" }))[1]).toBe("Rechnung inv-1 über € 9,99 erstellt")
      expect((yield* summariesOf(customerId, { ...admin, locale: "fr-FR" }))[1]).toBe("Rechnung inv-1 über 9,99 € erstellt")
      expect((yield* summariesOf(customerId, { ...admin, locale: "en" }))[1]).toBe("Invoice inv-1 created: €9.99")
    }).pipe(
      Effect.provide(
        CustomerAccounts.layer({ locale: "de-DE" }).pipe(Layer.provideMerge(Layer.mergeAll(MemoryAccountStore.layer, MemoryHost.layerForTests)))
      )
    ))

  it("timeline.locale-fallback: the engine's default locale is one the languages serve; any other leaves English", () => {
    const defaultOf = (locale: string) => makeTimelineReadingSettings({ registry: makeRegistry(), locale }).languages.defaultLocale
    expect(defaultOf("de")).toBe("de")
    expect(defaultOf(" de-AT ")).toBe("de")
    expect(defaultOf("en-GB")).toBe("en")
    expect(defaultOf("fr")).toBe("en")
    expect(defaultOf("de_DE")).toBe("en")
    expect(makeTimelineReadingSettings({ registry: makeRegistry() }).languages.defaultLocale).toBe("en")
  })

  it.effect("timeline.names-not-ids: departments, invitations, addresses and bank accounts are named as the account knows them", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(company)
      const koeln = (yield* run("addDepartment", admin, { customerId, kind: "branch", name: "Köln" })).created!
      const service = (yield* run("addDepartment", admin, { customerId, kind: "department", name: "Service", parentId: koeln })).created!
      yield* run("setTeamMapping", admin, { customerId, metaTeamId: "support", teamId: "support-central", departmentId: service })
      const invitation = (yield* run("sendInvitation", admin, {
        customerId, name: "Jonas Weber", email: "jonas@pumpen-mueller.de", language: "de", role: "moderator", departmentIds: [service]
      })).created!
      yield* run("revokeInvitation", admin, { customerId, invitationId: invitation })
      const de = yield* summariesOf(customerId, german)
      expect(de).toEqual([
        "Einladung an Jonas Weber widerrufen",
        "Einladung an Jonas Weber als Moderator verschickt, gültig bis 07.12.2026",
        "Team support-central zuständig für support in „Service“",
        "Abteilung „Service“ unter „Köln“ hinzugefügt",
        "Filiale „Köln“ hinzugefügt",
        "Pumpen Müller GmbH über das Backoffice registriert (Kundennr. 10001)"
      ])
      for (const id of [koeln, service, invitation]) expect(de.join("\n")).not.toContain(id)
      const stored = (yield* activities(customerId)).map((a) => a.summary).join("\n")
      expect(stored).not.toContain("Jonas")
    })))

  it.effect("timeline.no-erased-values: after anonymization no rendered summary, in any locale, shows a value it erased", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const markers = ["Qwertzuiop", "Asdfghjkl", "Yxcvbnmq", "Poiuztrewq", "Lkjhgfdsaq", "Mnbvcxyq", "Wqzxyvut", "Hjklmnbv"]
      const privateId = yield* registerCustomer({ kind: "private", salutation: "mrs", firstName: markers[0], lastName: markers[1], email: "q@example.de", language: "de" })
      yield* run("addAddress", admin, {
        customerId: privateId,
        kind: "delivery",
        address: { firstName: markers[0], lastName: markers[1], street: markers[2], houseNumber: "9", postalCode: "51147", city: markers[3], country: "DE" }
      })
      yield* run("addBankAccount", admin, { customerId: privateId, account: { holder: `${markers[0]} ${markers[1]}`, iban } })
      yield* run("changePersonalData", admin, { customerId: privateId, change: { lastName: markers[4] } })
      yield* run("addNote", admin, { customerId: privateId, text: `Called ${markers[4]}` })
      yield* run("recordHostActivity", billing, {
        customerId: privateId, type: "mail.sent", summary: "Mail sent", details: { template: "welcome", subject: `Hello ${markers[4]}` }
      })
      const companyId = yield* registerCustomer({ ...company, companyName: `${markers[5]} GmbH`, email: "m@example.de" })
      const branch = (yield* run("addDepartment", admin, { customerId: companyId, kind: "branch", name: markers[6] })).created!
      yield* run("renameDepartment", admin, { customerId: companyId, departmentId: branch, name: markers[7] })
      yield* run("sendInvitation", admin, {
        customerId: companyId, name: `${markers[2]} ${markers[3]}`, email: "i@example.de", language: "de", role: "member", departmentIds: [branch]
      })
      const readers = [german, admin, { ...admin, locale: "de-CH" }]
      const shown = (ids: ReadonlyArray<CustomerId>) =>
        Effect.map(Effect.forEach(ids, (id) => Effect.forEach(readers, (reader) => summariesOf(id, reader))), (all) => all.flat(2).join("\n"))
      const before = yield* shown([privateId, companyId])
      // before, the names are shown (the last name as changed): the check below can fail
      for (const marker of markers.filter((m) => m !== markers[1])) expect(before, marker).toContain(marker)
      yield* accounts.anonymize(admin, { customerId: privateId })
      yield* accounts.anonymize(admin, { customerId: companyId })
      const after = yield* shown([privateId, companyId])
      for (const marker of markers) expect(after, marker).not.toContain(marker)
      expect(after).not.toContain(iban.replaceAll(" ", ""))
      expect(after).toContain("Kunde anonymisiert")
      const overview = yield* accounts.overview(german, privateId)
      for (const marker of markers) expect(JSON.stringify(overview.timeline), marker).not.toContain(marker)
    })))

  it.effect("timeline.host-locale: a host's locale and its renderers for its own types reach the timeline through EngineOptions", () => {
    const withTicket = register(makeRegistry(), {
      type: "acme.ticket-opened",
      group: "notes-and-communication",
      details: Schema.Struct({ ticketId: Schema.String }),
      recordedBy: "host",
      label: "Ticket opened"
    })
    if (Result.isFailure(withTicket)) throw withTicket.failure
    const french = TimelineSummaries.addRenderers(TimelineSummaries.builtinLanguages, "fr", {
      "acme.ticket-opened": (d: { readonly ticketId: string }) => `Ticket ${d.ticketId} ouvert`,
      "invoice.created": (d: { readonly invoiceId: string }, c: TimelineSummaries.SummaryContext) =>
        `Facture ${d.invoiceId} créée le ${c.format.date(c.activity.at)}`
    })
    if (Result.isFailure(french)) throw french.failure
    const layer = CustomerAccounts.layer({ registry: withTicket.success, languages: french.success }).pipe(
      Layer.provideMerge(Layer.mergeAll(MemoryAccountStore.layer, MemoryHost.layerForTests))
    )
    return Effect.gen(function*() {
      yield* TestClock.setTime(now.epochMilliseconds)
      const customerId = yield* registerCustomer()
      yield* run("recordHostActivity", billing, {
        customerId, type: "invoice.created", summary: "Invoice created", details: { invoiceId: "inv-1" }
      })
      yield* run("recordHostActivity", billing, {
        customerId, type: "acme.ticket-opened", summary: "Ticket T-1 opened", details: { ticketId: "T-1" }
      })
      const fr = yield* summariesOf(customerId, { ...admin, locale: "fr-CA" })
      expect(fr.slice(0, 2)).toEqual(["Ticket T-1 ouvert", "Facture inv-1 créée le 23 nov. 2026"])
      // a type without a German renderer keeps its stored summary
      expect((yield* summariesOf(customerId, german))[0]).toBe("Ticket T-1 opened")
    }).pipe(Effect.provide(layer))
  })
})
