// PROVISIONAL: replaced by the catalogue branch
/**
 * The catalogue of the `CustomerAccounts` service: one declaration per command and query.
 *
 * PROVISIONAL: this file holds only the few declarations the Promise API was developed and tested
 * against (`register`, `setStatus`, `changeConsent`, `addAddress`, `overview`, `timeline`), with
 * minimal output Schemas for the two queries. The catalogue branch replaces the whole file with
 * the catalogue of every command and query; nothing outside this file depends on more than the
 * names `catalogue` and `Catalogue` and the interface of `Declaration.ts`.
 *
 * @module
 */
import { Schema } from "effect"
import { Account } from "../domain/Account.ts"
import { Activity } from "../domain/Activity.ts"
import { ActivityTypeRejected } from "../domain/ActivityType.ts"
import { Address } from "../domain/Address.ts"
import { BankAccount } from "../domain/BankAccount.ts"
import { ConsentChangeRejected } from "../domain/Consent.ts"
import { RegisterCustomerInput } from "../domain/Customer.ts"
import { CustomerId } from "../domain/Ids.ts"
import { ProductAccessChangeRejected, StatusChangeRejected } from "../domain/Lifecycle.ts"
import { PermissionDenied } from "../domain/Permission.ts"
import { ValidationError } from "../domain/Validation.ts"
import { AddAddressInput } from "../engine/commands/Addresses.ts"
import { ChangeConsentInput } from "../engine/commands/Consent.ts"
import { SetStatusInput } from "../engine/commands/Status.ts"
import type {
  AddAddressError,
  ChangeConsentError,
  QueryError,
  RegisterError,
  SetStatusError
} from "../engine/CustomerAccountsService.ts"
import { AccountLocked, CommandRejected, CustomerNotFound, IdempotencyConflict } from "../engine/Errors.ts"
import { CommandOutcome } from "../engine/Pipeline.ts"
import {
  CustomerNumberTaken,
  EmailTaken,
  InvalidCursor,
  type Page,
  StorageError,
  TimelineQuery,
  VersionConflict
} from "../ports/AccountStore.ts"
import type { CommandDeclaration, QueryDeclaration } from "./Declaration.ts"

// PROVISIONAL: minimal output Schemas of the two queries -------------------------------------------

const PageOfActivities = Schema.Struct({
  items: Schema.Array(Activity),
  nextCursor: Schema.optionalKey(Schema.String)
})

const BankAccountView = Schema.Struct({
  ...BankAccount.fields,
  iban: Schema.String,
  ibanMasked: Schema.optionalKey(Schema.Literal(true))
})

const OverviewOutput = Schema.Struct({
  account: Schema.Struct({ ...Account.fields, bankAccounts: Schema.Array(BankAccountView) }),
  displayName: Schema.String,
  billingAddress: Schema.optionalKey(Address),
  deliveryAddress: Schema.optionalKey(Address),
  permissions: Schema.Struct({
    canLogIn: Schema.Boolean,
    canBuy: Schema.Boolean,
    canReceiveMail: Schema.Boolean,
    isEditable: Schema.Boolean
  }),
  hasStatusDetails: Schema.Boolean,
  tabCounts: Schema.Record(Schema.String, Schema.Number),
  timeline: PageOfActivities
})

const pipelineErrors = [
  ValidationError,
  PermissionDenied,
  IdempotencyConflict,
  CustomerNotFound,
  AccountLocked,
  ActivityTypeRejected,
  VersionConflict,
  StorageError,
  EmailTaken
] as const

const queryErrors = [ValidationError, PermissionDenied, CustomerNotFound, StorageError] as const

// PROVISIONAL: six declarations ---------------------------------------------------------------------

const register = {
  _tag: "Command",
  name: "register",
  description: "Registers a customer.",
  permission: "register",
  input: RegisterCustomerInput,
  output: CommandOutcome,
  errors: [
    ValidationError,
    PermissionDenied,
    CommandRejected,
    IdempotencyConflict,
    ActivityTypeRejected,
    VersionConflict,
    StorageError,
    EmailTaken,
    CustomerNumberTaken
  ],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  /** Runs the member on the engine. */
  invoke: (service, caller, input, options) => service.register(caller, input, options)
} as const satisfies CommandDeclaration<"register", typeof RegisterCustomerInput.Encoded, CommandOutcome, RegisterError>

const setStatus = {
  _tag: "Command",
  name: "setStatus",
  description: "Sets the status.",
  permission: "manage-status",
  input: SetStatusInput,
  output: CommandOutcome,
  errors: [...pipelineErrors, StatusChangeRejected, ProductAccessChangeRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  /** Runs the member on the engine. */
  invoke: (service, caller, input, options) => service.setStatus(caller, input, options)
} as const satisfies CommandDeclaration<"setStatus", typeof SetStatusInput.Encoded, CommandOutcome, SetStatusError>

const changeConsent = {
  _tag: "Command",
  name: "changeConsent",
  description: "Changes a channel's consent and records the proof.",
  permission: "manage-consent",
  input: ChangeConsentInput,
  output: CommandOutcome,
  errors: [...pipelineErrors, ConsentChangeRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  /** Runs the member on the engine. */
  invoke: (service, caller, input, options) => service.changeConsent(caller, input, options)
} as const satisfies CommandDeclaration<"changeConsent", typeof ChangeConsentInput.Encoded, CommandOutcome, ChangeConsentError>

const addAddress = {
  _tag: "Command",
  name: "addAddress",
  description: "Adds a billing or delivery address.",
  permission: "edit",
  input: AddAddressInput,
  output: CommandOutcome,
  errors: [...pipelineErrors, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  /** Runs the member on the engine. */
  invoke: (service, caller, input, options) => service.addAddress(caller, input, options)
} as const satisfies CommandDeclaration<"addAddress", typeof AddAddressInput.Encoded, CommandOutcome, AddAddressError>

const OverviewParameters = Schema.Struct({ customerId: CustomerId })

const overview = {
  _tag: "Query",
  name: "overview",
  description: "The account overview: data, preferred addresses, permissions, tab counts, newest activities.",
  permission: "read",
  perCustomer: true,
  parameters: OverviewParameters,
  output: OverviewOutput,
  errors: [...queryErrors, InvalidCursor],
  /** Runs the member on the engine. */
  invoke: (service, caller, parameters) => service.overview(caller, parameters.customerId)
} as const satisfies QueryDeclaration<"overview", typeof OverviewParameters.Encoded, typeof OverviewOutput.Type, QueryError<InvalidCursor>>

const TimelineParameters = Schema.Struct({ customerId: CustomerId, ...TimelineQuery.fields })

const timeline = {
  _tag: "Query",
  name: "timeline",
  description: "A page of the timeline, newest first.",
  permission: "read",
  perCustomer: true,
  parameters: TimelineParameters,
  output: PageOfActivities,
  errors: [...queryErrors, InvalidCursor],
  /** Runs the member on the engine. */
  invoke: (service, caller, { customerId, ...query }) => service.timeline(caller, customerId, query)
} as const satisfies QueryDeclaration<"timeline", typeof TimelineParameters.Encoded, Page<Activity>, QueryError<InvalidCursor>>

/**
 * The catalogue: every declaration by member name. PROVISIONAL: six members only.
 *
 * @category catalogue
 */
export const catalogue = { register, setStatus, changeConsent, addAddress, overview, timeline }

/**
 * The type of the built-in {@link catalogue}.
 *
 * @category catalogue
 */
export type Catalogue = typeof catalogue
