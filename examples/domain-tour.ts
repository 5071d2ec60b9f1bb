/**
 * A tour of the pure domain model: one customer through registration, a data change, consent,
 * an address, a bank account, a note's file, the status machine, the timeline and anonymization.
 * Every step is a pure function; nothing is stored. Run with `npm run demo`.
 */
import { DateTime, Result } from "effect"
import {
  Activity,
  ActivityType,
  Actor,
  Address,
  BankAccount,
  Consent,
  Customer,
  Ids,
  Iban,
  Lifecycle,
  NoteFile,
  PersonalData,
  Permission,
  Validation
} from "customer-account"

const step = (title: string) => console.log(`\n== ${title}`)
const show = (label: string, value: unknown) => console.log(`${label}:`, typeof value === "string" ? value : JSON.stringify(value))

const tenantId = Ids.TenantId.make("acme-shop")
const customerId = Ids.CustomerId.make("c-1001")
const at = DateTime.makeUnsafe("2026-11-23T10:00:00Z")
const mia = Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support")
const self = Actor.customer(customerId)
const registry = ActivityType.makeRegistry()
let activitySeq = 0
const timeline: Array<Activity.Activity> = []
const record = <T extends string>(type: T, actor: Actor.Actor, summary: string, details: ActivityType.DetailsOf<T>) => {
  const made = Activity.makeActivity(registry, {
    id: Ids.ActivityId.make(`a-${++activitySeq}`),
    tenantId,
    customerId,
    type,
    at,
    actor,
    summary,
    details
  })
  timeline.push(Result.getOrThrow(made))
}

step("1. Register: input is decoded by its Schema, and bad input is a typed error, never an exception")
const bad = Validation.decode(Customer.RegisterCustomerInput, "RegisterCustomerInput")({
  profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "", email: "erika(at)example", language: "de" },
  registrationSource: "checkout"
})
if (Result.isFailure(bad)) for (const issue of bad.failure.issues) show(`  refused ${issue.path}`, issue.message)

const registered = Result.getOrThrow(
  Validation.decode(Customer.RegisterCustomerInput, "RegisterCustomerInput")({
    profile: {
      kind: "private",
      salutation: "mrs",
      firstName: " Erika ",
      lastName: "Mustermann",
      email: "Erika@Example.de",
      phone: "+49 30 1234567",
      language: "de-de"
    },
    registrationSource: "checkout"
  })
)
show("profile", registered.profile)
show("personal fields (from the Schema marks)", PersonalData.personalFields(Customer.CustomerProfile).map((f) => f.path))
record("customer.registered", self, "Customer registered at checkout", {
  source: "checkout",
  customerNumber: Ids.CustomerNumber.make("10001")
})

step("2. Change personal data: the activity tile gets exactly the differing fields")
const changed = Result.getOrThrow(Customer.applyPersonalDataChange(registered.profile, { lastName: "Musterfrau" }))
show("changes", changed.changes)
record("customer-data.changed", mia, "Customer data changed: lastName", { changes: changed.changes })

step("3. Consent per channel, with the record that proves it")
let consent = Consent.initialConsent
for (const command of [
  { _tag: "ChangeConsent", channel: "email", to: "singleOptIn", at, actor: self, source: "checkout", textVersion: "nl-v3" },
  { _tag: "ChangeConsent", channel: "email", to: "doubleOptIn", at, actor: self, source: "confirmation-mail", textVersion: "nl-v3", confirmedAt: at }
] as const) {
  const events = Result.getOrThrow(Consent.decide(command, consent))
  consent = events.reduce(Consent.evolve, consent)
}
show("can market by email", Consent.canMarket(consent, "email"))
show("can market by phone", Consent.canMarket(consent, "phone"))
const objected = Result.getOrThrow(
  Consent.decide({ _tag: "ChangeConsent", channel: "post", to: "objection", at, actor: self, source: "letter", textVersion: "post-v1" }, consent)
).reduce(Consent.evolve, consent)
const optInBySupporter = Consent.decide(
  { _tag: "ChangeConsent", channel: "post", to: "singleOptIn", at, actor: mia, source: "back-office", textVersion: "post-v1" },
  objected
)
if (Result.isFailure(optInBySupporter)) show("supporter opts in after an objection", optInBySupporter.failure.message)
show("consent records kept as proof", Consent.recordsOf(objected, "post").length)

step("4. An address: country ISO 3166-1 alpha-2, postal code per country")
const badAddress = Validation.decode(Address.AddressInput, "AddressInput")({
  street: "Heidestraße", houseNumber: "17", postalCode: "5114", city: "Köln", country: "DE", firstName: "Erika", lastName: "Musterfrau"
})
if (Result.isFailure(badAddress)) show("refused", badAddress.failure.message)
const addressInput = Result.getOrThrow(
  Validation.decode(Address.AddressInput, "AddressInput")({
    street: "Heidestraße", houseNumber: "17", postalCode: "51147", city: "Köln", country: "de", firstName: "Erika", lastName: "Musterfrau"
  })
)
const addresses = Address.addAddress([], Address.addressFromInput(Ids.AddressId.make("ad-1"), "billing", addressInput))
show("preferred billing address", Address.preferredOf(addresses, "billing")?.city)

step("5. A SEPA bank account: IBAN checked by length and mod-97, shown masked")
show("DE89 3704 0044 0532 0130 01 valid", Iban.isValidIban("DE89 3704 0044 0532 0130 01"))
const accountInput = Result.getOrThrow(
  Validation.decode(BankAccount.BankAccountInput, "BankAccountInput")({ holder: "Erika Musterfrau", iban: "DE89 3704 0044 0532 0130 00" })
)
const account = BankAccount.bankAccountFromInput(
  Ids.BankAccountId.make("ba-1"),
  accountInput,
  BankAccount.generateMandateReference("10001", 1),
  Result.getOrThrow(BankAccount.mandateDateOf(at))
)
show("masked IBAN", Iban.maskIban(account.iban))
show("mandate", { reference: account.mandate.reference, signedAt: account.mandate.signedAt })

step("6. A note's file: the type comes from the content's signature, the whole structure is checked")
// A minimal PDF: header, one object, the cross-reference table, trailer, startxref (the table's offset), %%EOF.
const pdfBody = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
const pdf = new TextEncoder().encode(
  `${pdfBody}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 >>\nstartxref\n${pdfBody.length}\n%%EOF\n`
)
const checked = NoteFile.checkFile({ name: "contract.pdf", bytes: pdf })
show("contract.pdf", Result.isSuccess(checked) ? checked.success.kind : checked.failure.message)
const disguised = NoteFile.checkFile({ name: "photo.png", bytes: pdf })
show("photo.png (really a PDF)", Result.isSuccess(disguised) ? disguised.success.kind : disguised.failure.message)
const polyglot = NoteFile.checkFile({ name: "contract.pdf", bytes: new Uint8Array([...pdf, 0x4d, 0x5a, 0x90, 0x00]) })
show("contract.pdf (a PDF with an executable appended)", Result.isSuccess(polyglot) ? polyglot.success.kind : polyglot.failure.rule)
const bidi = NoteFile.checkFile({ name: "invoice\u202Eexe.pdf", bytes: pdf })
show("invoice\\u202Eexe.pdf", Result.isSuccess(bidi) ? bidi.success.kind : bidi.failure.rule)

step("7. The status machine and its derived permissions")
let lifecycle = Lifecycle.initialLifecycle
const blocked = Result.getOrThrow(
  Lifecycle.decide({ _tag: "ChangeStatus", to: "blocked", at, actor: mia, reason: "chargeback" }, lifecycle)
)
lifecycle = blocked.reduce(Lifecycle.evolve, lifecycle)
record("status.changed", mia, "Status changed from active to blocked", { from: "active", to: "blocked", reason: "chargeback" })
show("status", lifecycle.status)
show("can log in / buy / receive mail", [Lifecycle.canLogIn(lifecycle.status), Lifecycle.canBuy(lifecycle.status), Lifecycle.canReceiveMail(lifecycle.status)])
const byCustomer = Lifecycle.decide({ _tag: "ChangeStatus", to: "deactivated", at, actor: self }, lifecycle)
if (Result.isFailure(byCustomer)) show("customer deactivates itself", byCustomer.failure.message)

step("8. Permissions: a refusal names what was missing")
const denied = Permission.authorize({
  actor: mia,
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "edit"] }] },
  command: "anonymize-customer",
  targetCustomerId: customerId
})
show("Mia anonymizes", Result.isFailure(denied) ? denied.failure.message : "allowed")

step("9. The timeline and anonymization: personal data found through the marks")
for (const activity of timeline) show(`  ${activity.id} ${activity.group}/${activity.type}`, activity.summary)
const redacted = timeline.map((a) => Result.getOrThrow(Activity.redactActivity(registry, a)))
show("customer-data.changed details, redacted", redacted[1]?.details)
show("profile, anonymized", Result.getOrThrow(PersonalData.erasePersonalData(Customer.CustomerProfile, changed.profile)))
