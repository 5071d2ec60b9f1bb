/**
 * The engine: the `CustomerAccounts` service that runs the action bar's commands and the account's
 * queries over the storage and host ports.
 *
 * Every command takes the {@link Caller} (tenant, actor, grants), its input as `unknown` (decoded
 * with the command's Schema, so bad input is a typed `ValidationError`, never a throw) and
 * optional {@link CommandOptions} (an idempotency key). It returns a {@link CommandOutcome}. See
 * `Pipeline.ts` for the steps every command runs through.
 *
 * ```ts
 * import { Effect } from "effect"
 * import { Actor, CustomerAccounts, Ids, Memory } from "customer-account"
 *
 * const caller = {
 *   tenantId: Ids.TenantId.make("acme"),
 *   actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
 *   grants: { supporterRoles: [{ name: "support", permissions: ["read", "register", "manage-status"] }] }
 * }
 * const program = Effect.gen(function*() {
 *   const accounts = yield* CustomerAccounts.CustomerAccounts
 *   const { customerId } = yield* accounts.register(caller, {
 *     profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann",
 *       email: "erika@example.de", language: "de" },
 *     registrationSource: "back-office"
 *   })
 *   yield* accounts.setStatus(caller, { customerId, to: "blocked", reason: "chargeback" })
 *   return yield* accounts.overview(caller, customerId)
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Memory.layer())))
 * ```
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import { type ActivityTypeRegistry, makeRegistry } from "../domain/ActivityType.ts"
import { AccountStore } from "../ports/AccountStore.ts"
import { Credentials } from "../ports/Credentials.ts"
import { CustomerNumbers } from "../ports/CustomerNumbers.ts"
import { FileStore } from "../ports/FileStore.ts"
import { Goodwill } from "../ports/Goodwill.ts"
import { IdGenerator } from "../ports/IdGenerator.ts"
import { LinkedRecords } from "../ports/LinkedRecords.ts"
import { Orders } from "../ports/Orders.ts"
import { Outbox } from "../ports/Outbox.ts"
import type { Caller, CommandOptions } from "./Caller.ts"
export type { Caller, CommandOptions } from "./Caller.ts"
export { CommandOutcome } from "./Pipeline.ts"
import { addAccessRight, removeAccessRight } from "./commands/AccessRights.ts"
import { addAddress, changeAddress, removeAddress, setPreferredAddress } from "./commands/Addresses.ts"
import { addBankAccount, removeBankAccount, setPreferredBankAccount } from "./commands/BankAccounts.ts"
import { checkout } from "./commands/Checkout.ts"
import { changeConsent } from "./commands/Consent.ts"
import { grantGoodwill } from "./commands/Goodwill.ts"
import { recordHostActivity } from "./commands/HostActivity.ts"
import { addHint, addNote } from "./commands/Notes.ts"
import { changePersonalData, replaceAdditionalData, setProfileImage } from "./commands/Profile.ts"
import { register } from "./commands/Register.ts"
import { blockAccess, setStatus, unblockAccess } from "./commands/Status.ts"
import { type AccountCommand, type CommandOutcome, type PipelineSettings, runAccountCommand } from "./Pipeline.ts"
import * as Queries from "./Queries.ts"

/**
 * Every port the engine uses.
 *
 * @category layers
 */
export type Ports =
  | AccountStore
  | FileStore
  | IdGenerator
  | CustomerNumbers
  | LinkedRecords
  | Orders
  | Goodwill
  | Outbox
  | Credentials

/**
 * How the engine is set up.
 *
 * @category layers
 */
export interface EngineOptions {
  /** The activity types: the built-in ones plus the host's (see `ActivityType.register`). */
  readonly registry?: ActivityTypeRegistry
  /** Attempts of a conflicting write before the `VersionConflict` is returned; default 50. */
  readonly maxAttempts?: number
}

/**
 * Builds the engine over the ports in context.
 *
 * @category constructors
 */
export const make = (options: EngineOptions = {}) =>
  Effect.gen(function*() {
    // Only the ports are captured: Clock, logger and tracer stay the caller's.
    const context = Context.make(AccountStore, yield* AccountStore).pipe(
      Context.add(FileStore, yield* FileStore),
      Context.add(IdGenerator, yield* IdGenerator),
      Context.add(CustomerNumbers, yield* CustomerNumbers),
      Context.add(LinkedRecords, yield* LinkedRecords),
      Context.add(Orders, yield* Orders),
      Context.add(Goodwill, yield* Goodwill),
      Context.add(Outbox, yield* Outbox),
      Context.add(Credentials, yield* Credentials)
    )
    const settings: PipelineSettings = {
      registry: options.registry ?? makeRegistry(),
      maxAttempts: Math.max(1, options.maxAttempts ?? 50)
    }
    const command = <I, P, E, R extends Ports>(spec: AccountCommand<I, P, E, R>) =>
    (caller: Caller, input: unknown, commandOptions?: CommandOptions) =>
      runAccountCommand(settings, spec, caller, input, commandOptions).pipe(Effect.provideContext(context))
    const query = <A extends ReadonlyArray<unknown>, X, E>(f: (caller: Caller, ...args: A) => Effect.Effect<X, E, Ports>) =>
    (caller: Caller, ...args: A): Effect.Effect<X, E> => f(caller, ...args).pipe(Effect.provideContext(context))

    return {
      /** The settings the engine runs with. */
      settings,
      /** Runs a command of the host's own, described as an `AccountCommand`, through the pipeline. */
      run: <I, P, E>(spec: AccountCommand<I, P, E, Ports>, caller: Caller, input: unknown, commandOptions?: CommandOptions) =>
        command(spec)(caller, input, commandOptions),

      // Commands ---------------------------------------------------------------------------------
      /** Registers a customer: `{ profile, registrationSource }`. */
      register: (caller: Caller, input: unknown, commandOptions?: CommandOptions): Effect.Effect<CommandOutcome, RegisterError> =>
        register(settings, caller, input, commandOptions).pipe(Effect.provideContext(context)),
      /** Sets the status: `{ customerId, to, reason? }`. */
      setStatus: command(setStatus),
      /** Blocks product access: `{ customerId, reason? }`. */
      blockAccess: command(blockAccess),
      /** Unblocks product access: `{ customerId, reason? }`. */
      unblockAccess: command(unblockAccess),
      /** Changes personal data: `{ customerId, change }` (a partial profile; `null` clears an optional field). */
      changePersonalData: command(changePersonalData),
      /** Uploads and sets the profile image or company logo: `{ customerId, file: { name, bytes, mediaType? } }`; `created` is the file id. */
      setProfileImage: command(setProfileImage),
      /** Replaces the additional data as a whole: `{ customerId, data }`. */
      replaceAdditionalData: command(replaceAdditionalData),
      /** Adds an address: `{ customerId, kind: "billing" | "delivery", address, preferred? }`; `created` is its id. */
      addAddress: command(addAddress),
      /** Changes an address's content: `{ customerId, addressId, address }`. */
      changeAddress: command(changeAddress),
      /** Removes an address: `{ customerId, addressId }`. */
      removeAddress: command(removeAddress),
      /** Makes an address the preferred one of its kind: `{ customerId, addressId }`. */
      setPreferredAddress: command(setPreferredAddress),
      /** Changes a channel's consent: `{ customerId, channel, to, source, textVersion?, ipAddress?, userAgent?, confirmedAt? }`. */
      changeConsent: command(changeConsent),
      /** Adds a note: `{ customerId, text, files?: [{ name, bytes, mediaType? }] }`. */
      addNote: command(addNote),
      /** Adds a hint: `{ customerId, text, files?: [{ name, bytes, mediaType? }] }`. */
      addHint: command(addHint),
      /** Grants a manual access right: `{ customerId, right: { productId, validFrom, validUntil?, note? } }`; `created` is its id. */
      addAccessRight: command(addAccessRight),
      /** Removes a manual access right: `{ customerId, accessRightId }`. */
      removeAccessRight: command(removeAccessRight),
      /** Adds a SEPA bank account: `{ customerId, account: { holder, iban, bic?, mandateReference?, mandateSignedAt?, preferred? } }`; `created` is its id. */
      addBankAccount: command(addBankAccount),
      /** Removes a bank account: `{ customerId, bankAccountId }`. */
      removeBankAccount: command(removeBankAccount),
      /** Makes a bank account the preferred one: `{ customerId, bankAccountId }`. */
      setPreferredBankAccount: command(setPreferredBankAccount),
      /** Grants goodwill: `{ customerId, grant }` (free issues, free redelivery or a free billing period). */
      grantGoodwill: command(grantGoodwill),
      /** Places an order for the customer: `{ customerId, lines: [{ productId, quantity }] }`; `created` is the order id. */
      checkout: command(checkout),
      /** Records a host activity: `{ customerId, type, summary, details, at? }`. */
      recordHostActivity: command(recordHostActivity(settings.registry)),

      // Queries ----------------------------------------------------------------------------------
      /** The account as stored. */
      account: query(Queries.account),
      /** The overview: data, preferred addresses, permissions, tab counts, newest activities. */
      overview: query(Queries.overview),
      /** A page of the timeline: `{ limit, cursor?, groups?, types?, actorKinds?, from?, until? }`. */
      timeline: query(Queries.timeline),
      /** Activity counts per group per bucket: `{ bucket, groups?, from?, until? }`. */
      histogram: query(Queries.histogram),
      /** The status history, oldest first. */
      statusHistory: query(Queries.statusHistory),
      /** The consent records, oldest first, of one channel or all. */
      consentHistory: query(Queries.consentHistory),
      /** A page of the customer list: `{ text?, limit, cursor? }`. */
      search: query(Queries.search)
    }
  })

type RegisterError = Effect.Error<ReturnType<typeof register>>

/**
 * What the engine offers: its commands and queries.
 *
 * @category service
 */
export type CustomerAccountsService = Effect.Success<ReturnType<typeof make>>

/**
 * The engine service.
 *
 * @category service
 */
export class CustomerAccounts extends Context.Service<CustomerAccounts, CustomerAccountsService>()(
  "customer-account/CustomerAccounts"
) {}

/**
 * The engine over the ports in context.
 *
 * @category layers
 */
export const layer = (options: EngineOptions = {}): Layer.Layer<CustomerAccounts, never, Ports> =>
  Layer.effect(CustomerAccounts, make(options))
