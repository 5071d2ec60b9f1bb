import { Effect, Result } from "effect"
import { Actor, CustomerAccounts, Ids, Memory } from "customer-account"

const mia: CustomerAccounts.Caller = {
  tenantId: Ids.TenantId.make("acme"),
  actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register", "manage-status", "manage-consent"] }] }
}

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  // A command decodes its input, checks permission and state, then stores state and activities
  // atomically, or changes nothing and fails with a typed error that names the rule.
  const { customerId } = yield* accounts.register(mia, {
    profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann",
      email: "erika@example.de", language: "de" },
    registrationSource: "back-office"
  })
  yield* accounts.setStatus(mia, { customerId, to: "blocked", reason: "chargeback" })
  const again = yield* Effect.result(accounts.setStatus(mia, { customerId, to: "blocked" }))
  if (Result.isFailure(again)) console.log(again.failure.message) // ... the customer is already blocked

  yield* accounts.changeConsent(mia, { customerId, channel: "post", to: "objection", source: "phone-call" })
  const overview = yield* accounts.overview(mia, customerId)
  console.log(overview.permissions.canLogIn, overview.account.consent.channels.post) // false objection

  const page = yield* accounts.timeline(mia, customerId, { limit: 20, groups: ["status-and-access"] })
  for (const activity of page.items) console.log(activity.summary, "·", Actor.describe(activity.actor))
})

Effect.runPromise(program.pipe(Effect.provide(Memory.layer())))
