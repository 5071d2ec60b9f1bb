/**
 * The engine: the `CustomerAccounts` service that runs the action bar's commands and the account's
 * queries over the storage and host ports.
 *
 * Every command takes the {@link Caller} (tenant, actor, grants), its input and optional
 * {@link CommandOptions} (an idempotency key). It returns a {@link CommandOutcome}. See
 * `Pipeline.ts` for the steps every command runs through.
 *
 * The input is typed by the encoded side of the command's input Schema (a branded id is a plain
 * string there; {@link CommandInput} names it), so TypeScript completes and checks its shape; a
 * query's customer id and query object likewise ({@link QueryInput}, {@link QueryParameters}). It
 * is still decoded with that Schema at run time: a JavaScript caller's or an untrusted request's
 * bad input is a typed `ValidationError`, never a throw.
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
import { Context, Effect, Layer, type Redacted } from "effect"
import { makeFingerprintKey } from "./Fingerprint.ts"
import { type ActivityTypeRegistry, makeRegistry } from "../domain/ActivityType.ts"
import type { TimelineLanguages } from "../domain/TimelineSummaries.ts"
import { makeTimelineReadingSettings, TimelineReading } from "./TimelineReading.ts"
import { AccountStore } from "../ports/AccountStore.ts"
import { Credentials } from "../ports/Credentials.ts"
import { CustomerNumbers } from "../ports/CustomerNumbers.ts"
import { FileStore } from "../ports/FileStore.ts"
import { Goodwill } from "../ports/Goodwill.ts"
import { IdGenerator } from "../ports/IdGenerator.ts"
import { LinkedRecords } from "../ports/LinkedRecords.ts"
import { Orders } from "../ports/Orders.ts"
import { Outbox } from "../ports/Outbox.ts"
import { AuditTrail } from "../ports/AuditTrail.ts"
import { HostCompliance } from "../ports/HostCompliance.ts"
import { ServiceCatalog } from "../ports/ServiceCatalog.ts"
import { ServiceRecords } from "../ports/ServiceRecords.ts"
import type { ServiceList } from "../domain/ServiceRecord.ts"
import type { CustomerId } from "../domain/Ids.ts"
import type { ListQuery } from "../domain/ListQuery.ts"
import { addDepartment, moveDepartment, removeDepartment, renameDepartment } from "./commands/ServicePlatformDepartments.ts"
import {
  acceptInvitation,
  type InvitationRefInput,
  resendInvitation,
  type ResendInvitationInput,
  revokeInvitation,
  runWithInvitationMail,
  runWithMailWithdrawal,
  sendInvitation,
  type SendInvitationInput
} from "./commands/ServicePlatformInvitations.ts"
import {
  changeNotificationSettings,
  removeTeamMapping,
  setTeamMapping,
  switchModules
} from "./commands/ServicePlatformSettings.ts"
import * as ServicePlatformQueries from "./ServicePlatformQueries.ts"
import { anonymizationPlan, anonymize, type AnonymizeInput } from "./commands/Anonymize.ts"
import {
  completePasswordReset,
  type CompletePasswordResetInput,
  type CredentialsInput,
  disableTwoFactor,
  resetPassword
} from "./commands/Credentials.ts"
import { deleteCustomer, type DeleteCustomerInput } from "./commands/Delete.ts"
import { exportCustomerData, type ExportCustomerDataInput } from "./commands/Export.ts"
import { loginCheck, type LoginCheckInput } from "./commands/Login.ts"
import type { RegisterCustomerInput } from "../domain/Customer.ts"
import { admitCaller, type Caller, type CommandOptions } from "./Caller.ts"
import type { ValidationError } from "../domain/Validation.ts"
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
import { type AccountCommand, type CommandOutcome, type PipelineSettings, type Rejection, runAccountCommand } from "./Pipeline.ts"
import * as Queries from "./Queries.ts"
import * as ChangeFeed from "./ChangeFeed.ts"
import type { CustomerAccountsService, RegisterError } from "./CustomerAccountsService.ts"
export type * from "./CustomerAccountsService.ts"

/** The members that open a span of their own (the queries, `Effect.fn`); {@link tracedByName} leaves them alone. */
const selfTraced = new WeakSet<object>()

/**
 * Gives every other member of the service one span around the whole call, named
 * `CustomerAccounts.<member>` (e.g. `CustomerAccounts.addAddress`): one span per command; the
 * pipeline's helpers inside it open none of their own.
 */
const tracedByName = <S extends object>(service: S): S => {
  const out: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(service)) {
    out[name] = typeof member === "function" && !selfTraced.has(member)
      ? (...args: Array<unknown>): unknown => {
        const result: unknown = member(...args)
        // No call-site stack: it would point here, not at the caller.
        return Effect.isEffect(result)
          ? Effect.withSpan(result, `CustomerAccounts.${name}`, { captureStackTrace: false })
          : result
      }
      : member
  }
  return out as S
}

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
  | HostCompliance
  | AuditTrail
  | ServiceRecords
  | ServiceCatalog

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
  /**
   * The secret the idempotency fingerprints are keyed with (HMAC-SHA-256; at least 32 bytes, a
   * string counting as UTF-8; rule `command.idempotency-fingerprint`). Default: a random key per
   * engine, right for the memory store, which lives no longer than the engine. With a durable
   * store, give every engine process the same secret from your configuration: a repeat under a
   * key recorded with another secret is an `IdempotencyConflict`.
   */
  readonly fingerprintKey?: Redacted.Redacted<string | Uint8Array>
  /**
   * The default reader's language, a BCP 47 tag such as `de` (rule `timeline.locale-fallback`):
   * the timeline's summaries are rendered in it for a caller without a `locale`. Default: the
   * languages' default, `en` for the built-in ones. A tag the languages do not serve (by itself or
   * its language subtag), or one that is not BCP 47, leaves that default.
   */
  readonly locale?: string
  /**
   * The timeline's languages: the built-in English and German renderers plus a host's locales and
   * renderers for its own activity types (`TimelineSummaries.addRenderers`; rule
   * `timeline.host-locale`). Default `TimelineSummaries.builtinLanguages`.
   */
  readonly languages?: TimelineLanguages
  /** The IANA time zone the timeline's summaries show dates in; default `UTC`. */
  readonly timeZone?: string
}

/**
 * Builds the engine over the ports in context.
 *
 * @category constructors
 */
export const make = (options: EngineOptions = {}): Effect.Effect<CustomerAccountsService, never, Ports> =>
  Effect.gen(function*() {
    // Only the ports are captured: Clock, logger and tracer stay the caller's.
    const ports = Context.make(AccountStore, yield* AccountStore).pipe(
      Context.add(FileStore, yield* FileStore),
      Context.add(IdGenerator, yield* IdGenerator),
      Context.add(CustomerNumbers, yield* CustomerNumbers),
      Context.add(LinkedRecords, yield* LinkedRecords),
      Context.add(Orders, yield* Orders),
      Context.add(Goodwill, yield* Goodwill),
      Context.add(Outbox, yield* Outbox),
      Context.add(Credentials, yield* Credentials),
      Context.add(HostCompliance, yield* HostCompliance),
      Context.add(AuditTrail, yield* AuditTrail),
      Context.add(ServiceRecords, yield* ServiceRecords),
      Context.add(ServiceCatalog, yield* ServiceCatalog)
    )
    const settings: PipelineSettings = {
      registry: options.registry ?? makeRegistry(),
      maxAttempts: Math.max(1, options.maxAttempts ?? 50),
      fingerprintKey: makeFingerprintKey(options.fingerprintKey)
    }
    const context = Context.add(
      ports,
      TimelineReading,
      makeTimelineReadingSettings({ ...options, registry: settings.registry })
    )
    // The member's input is the encoded side of the command's input Schema (`unknown` for a host
    // command without one); the pipeline decodes it at run time either way.
    const command = <I, P, E, R extends Ports, D extends Rejection, IE>(spec: AccountCommand<I, P, E, R, D, IE>) =>
    (caller: Caller, input: IE, commandOptions?: CommandOptions) =>
      runAccountCommand(settings, spec, caller, input, commandOptions).pipe(Effect.provideContext(context))
    const query = <A extends ReadonlyArray<unknown>, X, E>(f: (caller: Caller, ...args: A) => Effect.Effect<X, E, Ports>) => {
      const run = (caller: Caller, ...args: A): Effect.Effect<X, E | ValidationError> =>
        Effect.flatMap(admitCaller(caller), (admitted) => f(admitted, ...args)).pipe(Effect.provideContext(context))
      selfTraced.add(run)
      return run
    }

    return tracedByName({
      /** The settings the engine runs with. */
      settings,
      /**
       * Runs a command of the host's own, described as an `AccountCommand`, through the pipeline.
       * Its input is `unknown`, decoded with the command's Schema.
       */
      run: <I, P, E, D extends Rejection>(spec: AccountCommand<I, P, E, Ports, D>, caller: Caller, input: unknown, commandOptions?: CommandOptions) =>
        command(spec)(caller, input, commandOptions),

      // Commands ---------------------------------------------------------------------------------
      /** Registers a customer: `{ profile, registrationSource }`. */
      register: (caller: Caller, input: typeof RegisterCustomerInput.Encoded, commandOptions?: CommandOptions): Effect.Effect<CommandOutcome, RegisterError> =>
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

      // Compliance (docs/compliance.md) ------------------------------------------------------------
      /** Deletes a customer, leaving a tombstone, which it returns: `{ customerId }`. Refused with `DeletionBlocked` while the host holds transactional data. */
      deleteCustomer: (caller: Caller, input: typeof DeleteCustomerInput.Encoded) =>
        deleteCustomer(settings, caller, input).pipe(Effect.provideContext(context)),
      /** Anonymizes a customer, irreversibly, and locks the account: `{ customerId }`. A second run changes nothing. */
      anonymize: (caller: Caller, input: typeof AnonymizeInput.Encoded, commandOptions?: CommandOptions) =>
        anonymize(settings, caller, input, commandOptions).pipe(Effect.provideContext(context)),
      /** Exports the customer's data: `{ customerId }`; returns the outcome and the JSON document. */
      exportCustomerData: (caller: Caller, input: typeof ExportCustomerDataInput.Encoded, commandOptions?: CommandOptions) =>
        exportCustomerData(settings, caller, input, commandOptions).pipe(Effect.provideContext(context)),
      /** Requests a password reset: `{ customerId }`; the one-time password goes to the outbox, `Redacted`. */
      resetPassword: (caller: Caller, input: typeof CredentialsInput.Encoded, commandOptions?: CommandOptions) =>
        resetPassword(settings, caller, input, commandOptions).pipe(Effect.provideContext(context)),
      /** Completes a password reset: `{ customerId, oneTimePassword: Redacted }`; a blocked customer becomes active. */
      completePasswordReset: (caller: Caller, input: typeof CompletePasswordResetInput.Encoded, commandOptions?: CommandOptions) =>
        completePasswordReset(settings, caller, input, commandOptions).pipe(Effect.provideContext(context)),
      /** Disables two-factor authentication: `{ customerId }`. */
      disableTwoFactor: (caller: Caller, input: typeof CredentialsInput.Encoded, commandOptions?: CommandOptions) =>
        disableTwoFactor(settings, caller, input, commandOptions).pipe(Effect.provideContext(context)),
      /** May the customer log in: `{ customerId }` or `{ email }`. Every refusal is the same `LoginRefused`. */
      loginCheck: (caller: Caller, input: typeof LoginCheckInput.Encoded) => loginCheck(caller, input).pipe(Effect.provideContext(context)),

      // Service platform (docs/service-platform.md) ----------------------------------------------
      /** Adds a branch or department (company customers): `{ customerId, kind, name, parentId? }`; `created` is its id. */
      addDepartment: command(addDepartment),
      /** Renames a branch or department: `{ customerId, departmentId, name }`. */
      renameDepartment: command(renameDepartment),
      /** Moves a branch or department with its subtree: `{ customerId, departmentId, parentId? }` (`null`: top level). */
      moveDepartment: command(moveDepartment),
      /** Removes an empty branch or department: `{ customerId, departmentId }`. */
      removeDepartment: command(removeDepartment),
      /** Switches modules on, off or back to the default: `{ customerId, modules: { [moduleId]: true | false | null } }`. */
      switchModules: command(switchModules),
      /** Changes the notification settings: `{ customerId, notifyAboutDevices?, recipients? }`. */
      changeNotificationSettings: command(changeNotificationSettings),
      /** Maps a meta-team's responsible team: `{ customerId, metaTeamId, teamId, departmentId? }`. */
      setTeamMapping: command(setTeamMapping),
      /** Removes a team mapping: `{ customerId, metaTeamId, departmentId? }`. */
      removeTeamMapping: command(removeTeamMapping),
      /** Sends an invitation (company customers) and queues its mail: `{ customerId, name, email, language, role, departmentIds?, validityDays? }`; `created` is its id. */
      sendInvitation: (caller: Caller, input: typeof SendInvitationInput.Encoded, commandOptions?: CommandOptions) =>
        runWithInvitationMail(settings, sendInvitation, caller, input, commandOptions).pipe(Effect.provideContext(context)),
      /** Sends a pending or expired invitation again and queues its mail: `{ customerId, invitationId, validityDays? }`. */
      resendInvitation: (caller: Caller, input: typeof ResendInvitationInput.Encoded, commandOptions?: CommandOptions) =>
        runWithInvitationMail(settings, resendInvitation, caller, input, commandOptions).pipe(Effect.provideContext(context)),
      /** Revokes a pending invitation and withdraws its undelivered mail: `{ customerId, invitationId }`. */
      revokeInvitation: (caller: Caller, input: typeof InvitationRefInput.Encoded, commandOptions?: CommandOptions) =>
        runWithMailWithdrawal(settings, revokeInvitation, caller, input, commandOptions).pipe(Effect.provideContext(context)),
      /** Records that the invitee accepted, and withdraws the invitation's undelivered mail: `{ customerId, invitationId }`. */
      acceptInvitation: (caller: Caller, input: typeof InvitationRefInput.Encoded, commandOptions?: CommandOptions) =>
        runWithMailWithdrawal(settings, acceptInvitation, caller, input, commandOptions).pipe(Effect.provideContext(context)),

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
      search: query(Queries.search),
      /** A page of the tenant's change feed after a position the caller keeps: `{ after?, limit }` (needs `read-changes`). */
      changes: query(ChangeFeed.changes),
      /** A page of a linked-record list (`devices`, `tickets`, `video-sessions`, `tasks`, `task-events`): `{ search?, sort?, filters?, limit, cursor? }`. */
      listServiceRecords: <L extends ServiceList>(caller: Caller, customerId: typeof CustomerId.Encoded, list: L, listQuery: typeof ListQuery.Encoded) =>
        ServicePlatformQueries.listServiceRecords(caller, customerId, list, listQuery).pipe(Effect.provideContext(context)),
      /** The per-customer dashboard: `{ months? }` (default 12). */
      serviceStatistics: query(ServicePlatformQueries.serviceStatistics),
      /** The settings tab: modules, notification settings, where notifications go. */
      serviceSettings: query(ServicePlatformQueries.serviceSettings),
      /** The branches and departments, flat and as a tree. */
      departments: query(ServicePlatformQueries.departments),
      /** The invitations with their status now. */
      invitations: query(ServicePlatformQueries.invitations),
      /** The team responsible per meta-team: `{ metaTeamId?, departmentId? }`. */
      responsibleTeams: query(ServicePlatformQueries.responsibleTeams),
      /** What anonymizing would erase and keep, and why, by path, never by value: `{ customerId }`. */
      anonymizationPlan: (caller: Caller, input: typeof AnonymizeInput.Encoded) =>
        anonymizationPlan(settings, caller, input).pipe(Effect.provideContext(context))
    })
  })


/**
 * The input a member of the service takes (its second parameter), e.g.
 * `CommandInput<"addBankAccount">`: for a command, the encoded side of its input Schema, where a
 * branded id is a plain string. Use it to type input built elsewhere, e.g. a request body parsed
 * from JSON (`body as CommandInput<"addBankAccount">`): the engine decodes the input at run time
 * whatever its static type, so bad input is still a typed `ValidationError`.
 *
 * @category service
 */
export type CommandInput<K extends keyof CustomerAccountsService> = CustomerAccountsService[K] extends (
  caller: Caller,
  input: infer X,
  ...rest: never
) => unknown ? X
  : never

/**
 * The names of the service's queries: the members that read and change nothing.
 *
 * @category service
 */
export type QueryName =
  | "account"
  | "overview"
  | "timeline"
  | "histogram"
  | "statusHistory"
  | "consentHistory"
  | "search"
  | "changes"
  | "listServiceRecords"
  | "serviceStatistics"
  | "serviceSettings"
  | "departments"
  | "invitations"
  | "responsibleTeams"
  | "anonymizationPlan"

/**
 * The parameters a query takes after the caller, as a tuple, e.g. `QueryParameters<"timeline">`
 * is `[customerId: string, query: QueryInput<"timeline">]`. Each is the encoded side of the Schema
 * that decodes it (a customer id is a plain string).
 *
 * @category service
 */
export type QueryParameters<K extends QueryName> = CustomerAccountsService[K] extends (
  caller: Caller,
  ...args: infer A
) => unknown ? A
  : never

/**
 * The input a query takes (its last parameter), e.g. `QueryInput<"timeline">`: the encoded side
 * of the Schema that decodes it, so `QueryInput<"timeline">` is `typeof TimelineQuery.Encoded`,
 * `QueryInput<"listServiceRecords">` the list query and `QueryInput<"consentHistory">` the
 * channel. For a query that takes only a customer id (`overview`, `account`, ...) it is that id, a
 * plain string. Like {@link CommandInput}, use it to type input built elsewhere, e.g. query
 * parameters of a request (`query as QueryInput<"timeline">`): the engine decodes every parameter
 * at run time whatever its static type, so bad input is a typed `ValidationError`, never a throw.
 *
 * @category service
 */
export type QueryInput<K extends QueryName> = Required<QueryParameters<K>> extends readonly [...ReadonlyArray<unknown>, infer Q]
  ? Q
  : never

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
