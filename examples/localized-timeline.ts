/**
 * The timeline in the reader's language (docs/reading.md): the same activities read by a German
 * supporter, an Austrian, a Swiss and a British one; a host's renderers for its own activity type
 * and a regional variant of German. Run with `npm exec -- node examples/localized-timeline.ts`.
 */
import { Effect, Result, Schema } from "effect"
import { ActivityType, Actor, CustomerAccounts, Ids, Memory, TimelineSummaries } from "customer-account"

// The host's own activity type, and its renderers in English and German.
const registry = ActivityType.register(ActivityType.makeRegistry(), {
  type: "acme.ticket-opened",
  group: "notes-and-communication",
  details: Schema.Struct({ ticketId: Schema.String }),
  recordedBy: "host",
  label: "Ticket opened"
})
const ticketOpened = (words: string) => (d: { readonly ticketId: string }) => `${words} ${d.ticketId}`
const languages = TimelineSummaries.addRenderers(TimelineSummaries.builtinLanguages, "en", {
  "acme.ticket-opened": ticketOpened("Ticket opened:")
}).pipe(
  Result.flatMap((l) => TimelineSummaries.addRenderers(l, "de", { "acme.ticket-opened": ticketOpened("Ticket eröffnet:") })),
  // A regional variant starts from its language's renderers and overrides what it words otherwise.
  Result.flatMap((l) =>
    TimelineSummaries.addRenderers(l, "de-CH", {
      "invoice.created": (d: { readonly invoiceId: string }, c: TimelineSummaries.SummaryContext) =>
        `Rechnung ${d.invoiceId} gestellt am ${c.format.date(c.activity.at)}`
    })
  )
)
if (Result.isFailure(registry) || Result.isFailure(languages)) throw new Error("the host's types and languages are valid")

const tenantId = Ids.TenantId.make("acme")
const mia: CustomerAccounts.Caller = {
  tenantId,
  actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register", "edit", "manage-bank-accounts"] }] },
  locale: "de" // the reader's language: a BCP 47 tag
}
const billing: CustomerAccounts.Caller = { tenantId, actor: Actor.system(Ids.ProcessName.make("recurring-billing")) }

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const { customerId } = yield* accounts.register(mia, {
    profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" },
    registrationSource: "back-office"
  })
  yield* accounts.addAddress(mia, {
    customerId,
    kind: "billing",
    address: { firstName: "Erika", lastName: "Mustermann", street: "Heidestraße", houseNumber: "17", postalCode: "51147", city: "Köln", country: "DE" }
  })
  yield* accounts.addBankAccount(mia, { customerId, account: { holder: "Erika Mustermann", iban: "DE89 3704 0044 0532 0130 00" } })
  yield* accounts.recordHostActivity(billing, {
    customerId, type: "invoice.created", summary: "Invoice created", details: { invoiceId: "2026-11-0042", amount: { amount: 1999, currency: "EUR" } }
  })
  yield* accounts.recordHostActivity(billing, {
    customerId, type: "acme.ticket-opened", summary: "Ticket T-17 opened", details: { ticketId: "T-17" }
  })

  // Each reader gets the same activities, the summaries in its language.
  for (const locale of ["de", "de-AT", "de-CH", "en-GB", "ja"]) {
    const page = yield* accounts.timeline({ ...mia, locale }, customerId, { limit: 10 })
    console.log(`\n${locale}`)
    for (const activity of page.items) console.log(`  ${activity.summary}`)
  }
  // "ja" has no renderers: it reads the engine's default, and so does a caller without a locale
  // (EngineOptions.locale: "de" below).
  const { locale: _, ...noLocale } = mia
  const overview = yield* accounts.overview(noLocale, customerId)
  console.log(`\ndefault: ${overview.timeline.items[0]?.summary}`)
})

await Effect.runPromise(
  program.pipe(Effect.provide(Memory.layer({ registry: registry.success, languages: languages.success, locale: "de" })))
)
