import { DateTime, Result } from "effect"
import { Actor, Consent, Iban, Ids, Lifecycle, NoteFile } from "customer-account"

const at = DateTime.makeUnsafe("2026-11-23T10:00:00Z")
const staff = Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support")

// The status machine: decide answers with events, or a typed refusal naming the rule.
const blocked = Lifecycle.decide(
  { _tag: "ChangeStatus", to: "blocked", at, actor: staff, reason: "chargeback" },
  Lifecycle.initialLifecycle
)
const state = Result.getOrThrow(blocked).reduce(Lifecycle.evolve, Lifecycle.initialLifecycle)
console.log(Lifecycle.canLogIn(state.status)) // false

const again = Lifecycle.decide({ _tag: "ChangeStatus", to: "active", at, actor: staff }, Lifecycle.initialLifecycle)
if (Result.isFailure(again)) console.log(again.failure.rule) // "status.no-change-to-current"

// Consent per channel, with the record that proves it.
const me = Actor.customer(Ids.CustomerId.make("c-1"))
const optIn = Consent.decide(
  { _tag: "ChangeConsent", channel: "email", to: "singleOptIn", at, actor: me, source: "checkout", textVersion: "nl-v3" },
  Consent.initialConsent
)
const consent = Result.getOrThrow(optIn).reduce(Consent.evolve, Consent.initialConsent)
console.log(Consent.canMarket(consent, "email")) // false: email needs a double opt-in

// SEPA: IBAN length per country and mod-97, shown masked.
console.log(Iban.isValidIban("DE89 3704 0044 0532 0130 00")) // true

// A file's type comes from its content's signature, never from its name.
const upload = NoteFile.checkFile({ name: "invoice.pdf", bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00]) })
if (Result.isFailure(upload)) console.log(upload.failure.rule) // "file.type-from-signature"
