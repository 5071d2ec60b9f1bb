/**
 * The engine on the in-memory adapters: register a customer, run a few commands, read the
 * overview and the timeline, and see typed refusals. Run with `node examples/engine.ts` after
 * `npm run build`.
 */
import { Effect, Result } from "effect"
import { Actor, CustomerAccounts, Ids, Memory } from "customer-account"

const mia: CustomerAccounts.Caller = {
  tenantId: Ids.TenantId.make("acme"),
  actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register", "edit", "manage-status", "add-note", "manage-bank-accounts"] }] }
}
const intern: CustomerAccounts.Caller = {
  ...mia,
  actor: Actor.supporter(Ids.StaffUserId.make("u-9"), "Ian Intern"),
  grants: { supporterRoles: [{ name: "intern", permissions: ["read"] }] }
}
const otherTenant: CustomerAccounts.Caller = { ...mia, tenantId: Ids.TenantId.make("globex") }

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const { customerId } = yield* accounts.register(mia, {
    profile: {
      kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann",
      email: "erika@example.de", language: "de"
    },
    registrationSource: "back-office"
  })
  console.log("registered", customerId)

  yield* accounts.setStatus(mia, { customerId, to: "blocked", reason: "chargeback" })
  yield* accounts.addNote(mia, { customerId, text: "Customer called about the chargeback." })

  // The profile image is a stored file of the account: an image checked by its content.
  const onePixelPng = Uint8Array.from(Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64"
  ))
  const image = yield* accounts.setProfileImage(mia, { customerId, file: { name: "erika.png", bytes: onePixelPng } })
  console.log("profile image stored as", image.created)

  // One IBAN once per customer: the second add is refused below (rule bank-account.unique-iban).
  const bankAccount = { holder: "Erika Mustermann", iban: "DE89 3704 0044 0532 0130 00" }
  yield* accounts.addBankAccount(mia, { customerId, account: bankAccount })

  // Idempotency: the same key and input return the first outcome and change nothing.
  const first = yield* accounts.setStatus(mia, { customerId, to: "active" }, { idempotencyKey: "req-42" })
  const again = yield* accounts.setStatus(mia, { customerId, to: "active" }, { idempotencyKey: "req-42" })
  console.log("idempotent repeat returns the first outcome:", first.version === again.version)

  // Typed refusals: nothing throws, nothing is stored.
  const refusals: ReadonlyArray<Result.Result<unknown, { readonly _tag: string; readonly message: string }>> = [
    yield* Effect.result(accounts.addBankAccount(mia, { customerId, account: bankAccount })),
    yield* Effect.result(accounts.setStatus(mia, { customerId, to: "active" })),
    yield* Effect.result(accounts.setStatus(intern, { customerId, to: "blocked" })),
    yield* Effect.result(accounts.setStatus(otherTenant, { customerId, to: "blocked" })),
    // Untrusted JSON (e.g. a request body) is decoded at run time too: a typed ValidationError.
    yield* Effect.result(accounts.setStatus(mia, JSON.parse(`{ "customerId": "${customerId}", "to": "paused" }`)))
  ]
  for (const refusal of refusals) {
    if (Result.isFailure(refusal)) console.log(`refused: ${refusal.failure._tag}: ${refusal.failure.message}`)
  }

  const overview = yield* accounts.overview(mia, customerId)
  console.log(`${overview.displayName}: ${overview.account.lifecycle.status}, version ${overview.account.version}`)
  const page = yield* accounts.timeline(mia, customerId, { limit: 10, groups: ["status-and-access"] })
  for (const activity of page.items) console.log(" ", activity.type, "·", activity.summary, "·", Actor.describe(activity.actor))
  if (refusals.some(Result.isSuccess)) throw new Error("a refusal was accepted")
})

await Effect.runPromise(program.pipe(Effect.provide(Memory.layer())))
