/**
 * The compliance actions on the in-memory adapters: export a customer's data, reset a password,
 * check logins, show the anonymization plan, anonymize, and delete another customer. Run with
 * `node examples/compliance.ts` after `npm run build`. See docs/compliance.md.
 */
import { Effect, Result } from "effect"
import { Actor, CustomerAccounts, Ids, Memory, MemoryAuditTrail, MemoryHostCompliance, MemoryLinkedRecords, MemoryOutbox } from "customer-account"

const tenantId = Ids.TenantId.make("acme")
const dpo: CustomerAccounts.Caller = {
  tenantId,
  actor: Actor.supporter(Ids.StaffUserId.make("u-1"), "Dana Privacy"),
  grants: {
    supporterRoles: [{
      name: "data-protection",
      permissions: ["read", "register", "edit", "manage-status", "manage-bank-accounts", "delete", "anonymize", "export", "reset-password", "record-host-activity"]
    }]
  }
}
const loginService: CustomerAccounts.Caller = { tenantId, actor: Actor.api(Ids.ApiClientId.make("login-service")), grants: { apiScopes: ["read"] } }
const billing: CustomerAccounts.Caller = { tenantId, actor: Actor.system(Ids.ProcessName.make("recurring-billing")) }

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const host = yield* MemoryHostCompliance.MemoryHostComplianceControl
  const { customerId: erika } = yield* accounts.register(dpo, {
    profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" },
    registrationSource: "back-office"
  })
  const erikaId = Ids.CustomerId.make(erika)
  yield* accounts.addBankAccount(dpo, { customerId: erika, account: { holder: "Erika Mustermann", iban: "DE89 3704 0044 0532 0130 00" } })
  yield* host.setSections(tenantId, erikaId, [{ name: "login-history", data: [{ at: "2026-11-20T08:00:00Z", ip: "198.51.100.7" }] }])

  // Export (GDPR Art. 15 / 20): one JSON document; exporting is an activity.
  const { document } = yield* accounts.exportCustomerData(dpo, { customerId: erika })
  console.log(`export: ${document.personalData.length} personal values, IBAN ${document.account.bankAccounts[0]?.iban}, host sections: ${document.host.map((s) => s.name).join(", ")}`)

  // Password reset: the one-time password goes to the outbox, Redacted; a blocked customer who completes it is active again.
  yield* accounts.setStatus(dpo, { customerId: erika, to: "blocked", reason: "too many failed logins" })
  yield* accounts.resetPassword(dpo, { customerId: erika })
  const mail = (yield* (yield* MemoryOutbox.MemoryOutboxControl).sent(tenantId)).at(-1)!
  console.log(`outbox: ${mail.template} to ${mail.to}, secret shows as ${String(mail.secret)}`)
  const self: CustomerAccounts.Caller = { tenantId, actor: Actor.customer(erikaId) }
  yield* accounts.completePasswordReset(self, { customerId: erika, oneTimePassword: mail.secret! })
  console.log("after the reset:", (yield* accounts.account(dpo, erika)).lifecycle.status)
  const reused = yield* Effect.result(accounts.completePasswordReset(self, { customerId: erika, oneTimePassword: mail.secret! }))
  if (Result.isFailure(reused)) console.log(`used twice: ${reused.failure._tag}`)

  // Login check: every refusal is the same; the reason is in the audit trail only.
  yield* accounts.loginCheck(loginService, { email: "erika@example.de" })
  const unknown = yield* Effect.result(accounts.loginCheck(loginService, { email: "nobody@example.de" }))
  if (Result.isFailure(unknown)) console.log(`unknown login: ${unknown.failure.message}`)

  // Anonymize: first the plan (paths, never values), then the real thing.
  const plan = yield* accounts.anonymizationPlan(dpo, { customerId: erika })
  console.log(`plan: erase ${plan.erased.length} kinds of personal values, e.g. ${plan.erased.slice(0, 3).map((e) => e.path).join(", ")}`)
  yield* accounts.anonymize(dpo, { customerId: erika })
  const anonymized = yield* accounts.account(dpo, erika)
  console.log(`anonymized: ${anonymized.profile.email}, bank account holder ${anonymized.bankAccounts[0]?.holder}`)
  const locked = yield* Effect.result(accounts.changePersonalData(dpo, { customerId: erika, change: { lastName: "Neu" } }))
  if (Result.isFailure(locked)) console.log(`edit after anonymize: ${locked.failure._tag}`)
  yield* accounts.recordHostActivity(billing, {
    customerId: erika,
    type: "invoice.corrected",
    summary: "Invoice INV-7 corrected",
    details: { invoiceId: "INV-7", amount: { amount: -500, currency: "EUR" } }
  })
  console.log("an invoice correction is still recorded")
  const refused = yield* Effect.result(accounts.loginCheck(loginService, { customerId: erika }))
  if (Result.isFailure(refused)) console.log(`anonymized login: ${refused.failure.message}`)

  // Delete: refused while the host holds transactional data; then only a tombstone remains.
  const { customerId: max } = yield* accounts.register(dpo, {
    profile: { kind: "private", salutation: "mr", firstName: "Max", lastName: "Muster", email: "max@example.de", language: "de" },
    registrationSource: "back-office"
  })
  const linked = yield* MemoryLinkedRecords.MemoryLinkedRecordsControl
  yield* linked.setTransactionalData(tenantId, Ids.CustomerId.make(max), { orders: 1 })
  const blocked = yield* Effect.result(accounts.deleteCustomer(dpo, { customerId: max }))
  if (Result.isFailure(blocked)) console.log(`delete refused: ${blocked.failure.message}`)
  yield* linked.setTransactionalData(tenantId, Ids.CustomerId.make(max), {})
  const tombstone = yield* accounts.deleteCustomer(dpo, { customerId: max })
  console.log(`deleted: tombstone of ${tombstone.customerNumber}, by ${Actor.describe(tombstone.deletedBy)}`)

  const trail = yield* (yield* MemoryAuditTrail.MemoryAuditTrailControl).entries(tenantId)
  console.log("audit trail:", trail.map((e) => `${e.outcome}/${e.reason}`).join(", "))
  console.log("erasures asked of the host:", (yield* host.erasures(tenantId)).map((e) => e.reason).join(", "))
  if (Result.isSuccess(reused) || Result.isSuccess(unknown) || Result.isSuccess(locked) || Result.isSuccess(blocked) || Result.isSuccess(refused)) {
    throw new Error("a refusal was accepted")
  }
})

await Effect.runPromise(program.pipe(Effect.provide(Memory.layer())))
