import { createCustomerAccounts } from "customer-account/promise"

const accounts = createCustomerAccounts() // the in-memory engine; pass { layer } for SQL
const mia = { tenantId: "acme", actor: { _tag: "supporter", userId: "u-7", displayName: "Mia" },
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register"] }] } } as const
const { customerId } = await accounts.register(mia, { registrationSource: "back-office",
  profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" } })
const { items } = await accounts.timeline(mia, { customerId, limit: 20 })
for (const activity of items) console.log(activity.at, activity.summary) // 2026-...Z Customer 10001 registered ...
await accounts.dispose()
