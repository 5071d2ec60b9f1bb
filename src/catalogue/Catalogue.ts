// PROVISIONAL: replaced at merge
/**
 * A provisional catalogue of a handful of members (register, setStatus, changeConsent,
 * addAddress, overview, timeline), so that the HTTP transport can be built and tested against the
 * {@link CatalogueShape} interface before the real catalogue lands. Replaced at merge by the
 * catalogue that declares every command and query of the service.
 *
 * @module
 */
import { Schema } from "effect"
import { Activity } from "../domain/Activity.ts"
import { ConsentChangeRejected } from "../domain/Consent.ts"
import { RegisterCustomerInput } from "../domain/Customer.ts"
import { CustomerId } from "../domain/Ids.ts"
import { ProductAccessChangeRejected, StatusChangeRejected } from "../domain/Lifecycle.ts"
import { PermissionDenied } from "../domain/Permission.ts"
import { ValidationError } from "../domain/Validation.ts"
import { EmailTaken, InvalidCursor, StorageError, TimelineQuery, VersionConflict } from "../ports/AccountStore.ts"
import { AddAddressInput } from "../engine/commands/Addresses.ts"
import { ChangeConsentInput } from "../engine/commands/Consent.ts"
import { SetStatusInput } from "../engine/commands/Status.ts"
import { AccountLocked, CommandRejected, CustomerNotFound, IdempotencyConflict } from "../engine/Errors.ts"
import { CommandOutcome } from "../engine/Pipeline.ts"
import type { CatalogueShape, CommandDeclaration, QueryDeclaration } from "./Declaration.ts"

const commandErrors = [ValidationError, PermissionDenied, CustomerNotFound, AccountLocked, IdempotencyConflict, VersionConflict, StorageError]
const queryErrors = [ValidationError, PermissionDenied, CustomerNotFound, StorageError]

/**
 * The overview, in part: what the provisional catalogue encodes of it.
 *
 * @category outputs
 */
export const OverviewOutput = Schema.Struct({
  /** Company name, or first and last name. */
  displayName: Schema.String,
  /** The derived permissions of the current status. */
  permissions: Schema.Struct({
    canLogIn: Schema.Boolean,
    canBuy: Schema.Boolean,
    canReceiveMail: Schema.Boolean,
    isEditable: Schema.Boolean
  }),
  /** The records per tab. */
  tabCounts: Schema.Record(Schema.String, Schema.Number)
})

/**
 * A page of the timeline.
 *
 * @category outputs
 */
export const TimelinePage = Schema.Struct({
  /** The activities, newest first. */
  items: Schema.Array(Activity),
  /** Where the next page starts; absent on the last page. */
  nextCursor: Schema.optionalKey(Schema.String)
})

const register: CommandDeclaration<"register", typeof RegisterCustomerInput.Encoded, CommandOutcome> = {
  _tag: "Command",
  name: "register",
  description: "Registers a customer; the outcome's customerId is the new id.",
  permission: "register",
  input: RegisterCustomerInput,
  output: CommandOutcome,
  errors: [...commandErrors, EmailTaken, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  invoke: (service, caller, input, options) => service.register(caller, input, options)
}

const setStatus: CommandDeclaration<"setStatus", typeof SetStatusInput.Encoded, CommandOutcome> = {
  _tag: "Command",
  name: "setStatus",
  description: "Sets the customer's status.",
  permission: "manage-status",
  input: SetStatusInput,
  output: CommandOutcome,
  errors: [...commandErrors, StatusChangeRejected, ProductAccessChangeRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  invoke: (service, caller, input, options) => service.setStatus(caller, input, options)
}

const changeConsent: CommandDeclaration<"changeConsent", typeof ChangeConsentInput.Encoded, CommandOutcome> = {
  _tag: "Command",
  name: "changeConsent",
  description: "Changes a channel's consent and records the proof.",
  permission: "manage-consent",
  input: ChangeConsentInput,
  output: CommandOutcome,
  errors: [...commandErrors, ConsentChangeRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  invoke: (service, caller, input, options) => service.changeConsent(caller, input, options)
}

const addAddress: CommandDeclaration<"addAddress", typeof AddAddressInput.Encoded, CommandOutcome> = {
  _tag: "Command",
  name: "addAddress",
  description: "Adds a billing or delivery address; the outcome's created is its id.",
  permission: "edit",
  input: AddAddressInput,
  output: CommandOutcome,
  errors: [...commandErrors, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  invoke: (service, caller, input, options) => service.addAddress(caller, input, options)
}

const OverviewParameters = Schema.Struct({ customerId: CustomerId })

const overview: QueryDeclaration<"overview", typeof OverviewParameters.Encoded> = {
  _tag: "Query",
  name: "overview",
  description: "The overview: data, preferred addresses, permissions, tab counts, newest activities.",
  permission: "read",
  perCustomer: true,
  parameters: OverviewParameters,
  output: OverviewOutput,
  errors: [...queryErrors, InvalidCursor],
  invoke: (service, caller, parameters) => service.overview(caller, parameters.customerId)
}

const TimelineParameters = Schema.Struct({ customerId: CustomerId, ...TimelineQuery.fields })

const timeline: QueryDeclaration<"timeline", typeof TimelineParameters.Encoded> = {
  _tag: "Query",
  name: "timeline",
  description: "A page of the timeline, newest first, filtered by groups, types, actor kinds and time.",
  permission: "read",
  perCustomer: true,
  parameters: TimelineParameters,
  output: TimelinePage,
  errors: [...queryErrors, InvalidCursor],
  invoke: (service, caller, { customerId, ...query }) => service.timeline(caller, customerId, query)
}

/**
 * The catalogue (provisional: a handful of members).
 *
 * @category catalogue
 */
export const catalogue = {
  register,
  setStatus,
  changeConsent,
  addAddress,
  overview,
  timeline
} satisfies CatalogueShape
