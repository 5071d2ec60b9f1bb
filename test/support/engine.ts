/**
 * The real engine over the in-memory adapters, for engine tests: a fresh layer per test (provide
 * it per `it.effect`), caller fixtures and helpers to register a customer and to show that a
 * refused command stored nothing.
 */
import { DateTime, Effect, Layer, Schema } from "effect"
import { TestClock } from "effect/testing"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { Account } from "../../src/domain/Account.ts"
import * as Actor from "../../src/domain/Actor.ts"
import { CustomerId, ProcessName, StaffUserId, TenantId, ApiClientId } from "../../src/domain/Ids.ts"
import { type Permission, permissions } from "../../src/domain/Permission.ts"
import { AccountStore } from "../../src/ports/AccountStore.ts"
import { FileStore } from "../../src/ports/FileStore.ts"
import type { Caller } from "../../src/engine/Caller.ts"
import { type AccountView, isFullAccount } from "../../src/engine/BankDetails.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import type { CommandOutcome } from "../../src/engine/Pipeline.ts"

/** The engine, the memory account store and every memory host port with its test controls. */
export const engineLayer = CustomerAccounts.layer().pipe(
  Layer.provideMerge(Layer.mergeAll(MemoryAccountStore.layer, MemoryHost.layerForTests))
)

/** Now, in every engine test: the test clock is set to it before the test runs. */
export const now = DateTime.makeUnsafe("2026-11-23T10:00:00.000Z")

/** The day of {@link now}. */
export const today = "2026-11-23"

/**
 * Runs a test program on a fresh engine at {@link now}.
 */
export const withEngine = <A, E, R extends Layer.Success<typeof engineLayer>>(program: Effect.Effect<A, E, R>) =>
  Effect.andThen(TestClock.setTime(DateTime.toEpochMillis(now)), program).pipe(Effect.provide(engineLayer))

/** The tenant of the tests. */
export const tenant = TenantId.make("acme")

/** Another tenant, which must see nothing of {@link tenant}. */
export const foreignTenant = TenantId.make("globex")

/** A supporter whose role grants every permission. */
export const admin: Caller = {
  tenantId: tenant,
  actor: Actor.supporter(StaffUserId.make("staff-1"), "Mia Support"),
  grants: { supporterRoles: [{ name: "all", permissions }] }
}

/** A supporter without any permission. */
export const powerless: Caller = {
  tenantId: tenant,
  actor: Actor.supporter(StaffUserId.make("staff-2"), "Nils Nobody"),
  grants: { supporterRoles: [{ name: "nothing", permissions: [] }] }
}

/** The same supporter as {@link admin}, every permission, but in {@link foreignTenant}. */
export const foreignAdmin: Caller = { ...admin, tenantId: foreignTenant }

/** The system process recording what the host produces. */
export const billing: Caller = { tenantId: tenant, actor: Actor.system(ProcessName.make("recurring-billing")) }

/** An API client with the given scopes. */
export const apiClient = (scopes: ReadonlyArray<Permission>): Caller => ({
  tenantId: tenant,
  actor: Actor.api(ApiClientId.make("shop-backend")),
  grants: { apiScopes: scopes }
})

/** A supporter whose one role grants exactly the given permissions. */
export const supporterWith = (granted: ReadonlyArray<Permission>): Caller => ({
  tenantId: tenant,
  actor: Actor.supporter(StaffUserId.make("staff-3"), "Ola Limited"),
  grants: { supporterRoles: [{ name: "limited", permissions: granted }] }
})

/** The customer itself, acting through self-service. */
export const customerCaller = (customerId: CustomerId): Caller => ({ tenantId: tenant, actor: Actor.customer(customerId) })

/** A valid private profile. */
export const erika = {
  kind: "private",
  salutation: "mrs",
  firstName: "Erika",
  lastName: "Mustermann",
  email: "erika@example.de",
  language: "de"
} as const

/** The profile `register` takes, as a TypeScript caller passes it. */
export type RegisterProfile = CustomerAccounts.CommandInput<"register">["profile"]

/** Registers a customer in {@link tenant} (by {@link admin}) and returns its id. */
export const registerCustomer = (profile: Record<string, unknown> = erika) =>
  Effect.gen(function*() {
    const accounts = yield* CustomerAccounts.CustomerAccounts
    // The profile is loosely typed (tests pass generated and invalid ones); the engine decodes it.
    const outcome = yield* accounts.register(admin, { profile: profile as RegisterProfile, registrationSource: "back-office" })
    return CustomerId.make(outcome.customerId)
  })

const encodeAccount = Schema.encodeSync(Account)

/**
 * Everything stored about a customer: the account (JSON), the timeline's activity ids (newest
 * first) and the ids of its stored files.
 */
export const snapshot = (customerId: CustomerId) =>
  Effect.gen(function*() {
    const accounts = yield* CustomerAccounts.CustomerAccounts
    const account = fullAccount(yield* accounts.account(admin, customerId))
    const timeline = yield* accounts.timeline(admin, customerId, { limit: 200 })
    const files = yield* (yield* FileStore).list(tenant, customerId)
    return { account: encodeAccount(account), activityIds: timeline.items.map((a) => a.id), files }
  })

/**
 * The newest activities of a customer as stored (their summaries as written, not rendered for a
 * reader: see `renderedActivities`), newest first.
 */
export const activities = (customerId: CustomerId) =>
  Effect.gen(function*() {
    return (yield* (yield* AccountStore).timeline(tenant, customerId, { limit: 200 })).items
  })

/** The newest activities of a customer as the timeline query returns them to `caller` (summaries in its language). */
export const renderedActivities = (customerId: CustomerId, caller: Caller = admin) =>
  Effect.gen(function*() {
    const accounts = yield* CustomerAccounts.CustomerAccounts
    return (yield* accounts.timeline(caller, customerId, { limit: 200 })).items
  })

/** The stored account. */
export const accountOf = (customerId: CustomerId) =>
  Effect.gen(function*() {
    const accounts = yield* CustomerAccounts.CustomerAccounts
    return fullAccount(yield* accounts.account(admin, customerId))
  })

/** The stored account behind a read model: the test callers hold `read-bank-details`, so it is the full one. */
export const fullAccount = (view: AccountView): Account => {
  if (!isFullAccount(view)) throw new Error("expected the full account: the caller lacks read-bank-details")
  return view
}

/** The commands of the service that take `(caller, input)`. */
export type CommandName =
  | "setStatus"
  | "blockAccess"
  | "unblockAccess"
  | "changePersonalData"
  | "replaceAdditionalData"
  | "setProfileImage"
  | "addAddress"
  | "changeAddress"
  | "removeAddress"
  | "setPreferredAddress"
  | "changeConsent"
  | "addNote"
  | "addHint"
  | "addAccessRight"
  | "removeAccessRight"
  | "addBankAccount"
  | "removeBankAccount"
  | "setPreferredBankAccount"
  | "grantGoodwill"
  | "checkout"
  | "recordHostActivity"
  | "addDepartment"
  | "renameDepartment"
  | "moveDepartment"
  | "removeDepartment"
  | "switchModules"
  | "changeNotificationSettings"
  | "setTeamMapping"
  | "removeTeamMapping"
  | "sendInvitation"
  | "resendInvitation"
  | "revokeInvitation"
  | "acceptInvitation"

/** Any typed failure of a command. */
export interface Failure {
  readonly _tag: string
  readonly message: string
  readonly [key: string]: unknown
}

/** Runs a command of the engine by name. */
export const run = (name: CommandName, caller: Caller, input: unknown, options?: { readonly idempotencyKey?: string }) =>
  Effect.gen(function*() {
    const accounts = yield* CustomerAccounts.CustomerAccounts
    const command = accounts[name] as unknown as (
      caller: Caller,
      input: unknown,
      options?: { readonly idempotencyKey?: string }
    ) => Effect.Effect<CommandOutcome, Failure>
    return yield* command(caller, input, options)
  })

/** Runs a command that must fail and returns its failure. */
export const refusal = (name: CommandName, caller: Caller, input: unknown) => Effect.flip(run(name, caller, input))
