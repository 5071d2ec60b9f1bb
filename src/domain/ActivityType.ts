/**
 * Activity types and their registry (SPEC section 6).
 *
 * Every type has exactly one group and a details Schema (rule `activity.type-has-group`). The
 * built-in types cover everything the SDK records itself, plus the types the host records through
 * the SDK (subscriptions, invoices, payments, mails). A host adds its own types to a registry with
 * {@link register}; a type id is registered once, and the built-in types cannot be replaced (rule
 * `activity.host-types-registered`). Details are always checked against their type's Schema.
 *
 * A registry is an immutable value: {@link register} returns a new one.
 *
 * @module
 */
import { Result, Schema } from "effect"
import * as D from "./ActivityDetails.ts"
import { ActivityGroup } from "./ActivityGroup.ts"
import { erasePersonalData } from "./PersonalData.ts"
import { decode, fromIssue, type ValidationError } from "./Validation.ts"

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

const typeIdPattern = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/

/**
 * An activity type id: lower-case words joined by `.` and `-`, at most 64 characters, e.g.
 * `customer.registered`, `note` or a host's `acme.ticket-opened`.
 *
 * @category models
 */
export const ActivityTypeId = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(typeIdPattern, {
      expected:
        "an activity type id of lower-case words joined by '.' or '-', e.g. acme.ticket-opened (rule activity.host-types-registered)"
    }),
    Schema.isMaxLength(64, {
      expected: "an activity type id of at most 64 characters (rule activity.host-types-registered)"
    })
  )
)
/** @category models */
export type ActivityTypeId = typeof ActivityTypeId.Type

/**
 * Who records activities of a type: the SDK itself (`sdk`), or the host through the SDK's
 * record-host-activity command (`host`).
 *
 * @category models
 */
export const RecordedBy = Schema.Literals(["sdk", "host"])
/** @category models */
export type RecordedBy = typeof RecordedBy.Type

/**
 * A details Schema: decodes without services and encodes to plain JSON, so that a storage adapter
 * can keep an activity's details as they are.
 *
 * @category models
 */
export type DetailsSchema = Schema.Codec<unknown, unknown>

/**
 * One activity type: its id, its group, the Schema of its details, who records it and a human
 * label (English) for the timeline.
 *
 * @category models
 */
export interface ActivityTypeDefinition<S extends DetailsSchema = DetailsSchema> {
  /** The type id, e.g. `customer.registered`. */
  readonly type: ActivityTypeId
  /** The one group the type belongs to (rule `activity.type-has-group`). */
  readonly group: ActivityGroup
  /** The Schema of the type's details; its personal-data marks drive redaction. */
  readonly details: S
  /** Who records activities of this type. */
  readonly recordedBy: RecordedBy
  /** A human label, e.g. `Customer registered`. */
  readonly label: string
}

/**
 * A type could not be registered, or an activity names a type the registry does not know.
 *
 * @category errors
 */
export class ActivityTypeRejected extends Schema.TaggedError<ActivityTypeRejected>()("ActivityTypeRejected", {
  /** The rule that refused the type. */
  rule: Schema.Literals(["activity.type-has-group", "activity.host-types-registered"]),
  /** The type id concerned. */
  type: Schema.String,
  /** What was wrong. */
  message: Schema.String
}) {}

// ---------------------------------------------------------------------------------------------
// Built-in types
// ---------------------------------------------------------------------------------------------

const def = <S extends DetailsSchema>(group: ActivityGroup, details: S, recordedBy: RecordedBy, label: string) => ({
  group,
  details,
  recordedBy,
  label
})

/**
 * The built-in activity types of SPEC section 6: for each type id its group, its details Schema,
 * who records it (`sdk` or `host`) and its label (rule `activity.type-has-group`).
 *
 * @category built-in types
 */
export const builtinTable = {
  // customer data
  "customer.registered": def("customer-data", D.CustomerRegisteredDetails, "sdk", "Customer registered"),
  "customer-data.changed": def("customer-data", D.CustomerDataChangedDetails, "sdk", "Customer data changed"),
  "additional-data.changed": def("customer-data", D.AdditionalDataChangedDetails, "sdk", "Additional data changed"),
  "data.exported": def("customer-data", D.DataExportedDetails, "sdk", "Data exported"),
  // addresses
  "billing-address.added": def("addresses", D.AddressDetails, "sdk", "Billing address added"),
  "billing-address.changed": def("addresses", D.AddressDetails, "sdk", "Billing address changed"),
  "billing-address.removed": def("addresses", D.AddressDetails, "sdk", "Billing address removed"),
  "delivery-address.added": def("addresses", D.AddressDetails, "sdk", "Delivery address added"),
  "delivery-address.changed": def("addresses", D.AddressDetails, "sdk", "Delivery address changed"),
  "delivery-address.removed": def("addresses", D.AddressDetails, "sdk", "Delivery address removed"),
  // status and access
  "status.changed": def("status-and-access", D.StatusChangedDetails, "sdk", "Status changed"),
  "access.blocked": def("status-and-access", D.ProductAccessDetails, "sdk", "Access blocked"),
  "access.unblocked": def("status-and-access", D.ProductAccessDetails, "sdk", "Access unblocked"),
  "password-reset.requested": def("status-and-access", D.PasswordResetRequestedDetails, "sdk", "Password reset requested"),
  "password-reset.completed": def("status-and-access", D.PasswordResetCompletedDetails, "sdk", "Password reset completed"),
  "two-factor.disabled": def("status-and-access", D.TwoFactorDisabledDetails, "sdk", "Two-factor authentication disabled"),
  "customer.anonymized": def("status-and-access", D.CustomerAnonymizedDetails, "sdk", "Customer anonymized"),
  // consent
  "consent.changed": def("consent", D.ConsentChangedDetails, "sdk", "Consent changed"),
  // notes and communication
  note: def("notes-and-communication", D.NoteDetails, "sdk", "Note"),
  hint: def("notes-and-communication", D.NoteDetails, "sdk", "Hint"),
  "file.attached": def("notes-and-communication", D.FileAttachedDetails, "sdk", "File attached"),
  "mail.sent": def("notes-and-communication", D.MailSentDetails, "host", "Mail sent"),
  // orders
  "order.created": def("orders", D.OrderCreatedDetails, "sdk", "Order created"),
  // invoices and payments
  "bank-account.added": def("invoices-and-payments", D.BankAccountDetails, "sdk", "Bank account added"),
  "bank-account.removed": def("invoices-and-payments", D.BankAccountDetails, "sdk", "Bank account removed"),
  "invoice.created": def("invoices-and-payments", D.InvoiceDetails, "host", "Invoice created"),
  "invoice.corrected": def("invoices-and-payments", D.InvoiceDetails, "host", "Invoice corrected"),
  payment: def("invoices-and-payments", D.PaymentDetails, "host", "Payment"),
  // subscriptions
  "subscription.created": def("subscriptions", D.SubscriptionCreatedDetails, "host", "Subscription created"),
  "goodwill.granted": def("subscriptions", D.GoodwillGrantedDetails, "sdk", "Goodwill granted"),
  // access rights
  "access-right.added": def("access-rights", D.AccessRightDetails, "sdk", "Access right added"),
  "access-right.removed": def("access-rights", D.AccessRightDetails, "sdk", "Access right removed"),
  // service platform (SPEC section 10): company structure and settings are customer data,
  // invitations grant login access to the platform
  "department.added": def("customer-data", D.DepartmentAddedDetails, "sdk", "Department added"),
  "department.renamed": def("customer-data", D.DepartmentRenamedDetails, "sdk", "Department renamed"),
  "department.moved": def("customer-data", D.DepartmentMovedDetails, "sdk", "Department moved"),
  "department.removed": def("customer-data", D.DepartmentRemovedDetails, "sdk", "Department removed"),
  "service-modules.switched": def("customer-data", D.ServiceModulesSwitchedDetails, "sdk", "Modules switched"),
  "notification-settings.changed": def("customer-data", D.NotificationSettingsChangedDetails, "sdk", "Notification settings changed"),
  "team-mapping.set": def("customer-data", D.TeamMappingSetDetails, "sdk", "Team mapping set"),
  "team-mapping.removed": def("customer-data", D.TeamMappingRemovedDetails, "sdk", "Team mapping removed"),
  "invitation.sent": def("access-rights", D.InvitationSentDetails, "sdk", "Invitation sent"),
  "invitation.resent": def("access-rights", D.InvitationResentDetails, "sdk", "Invitation sent again"),
  "invitation.accepted": def("access-rights", D.InvitationStatusDetails, "sdk", "Invitation accepted"),
  "invitation.revoked": def("access-rights", D.InvitationStatusDetails, "sdk", "Invitation revoked")
} as const

/**
 * The id of a built-in type.
 *
 * @category built-in types
 */
export type BuiltinActivityType = keyof typeof builtinTable

/**
 * The details of a built-in type, as decoded.
 *
 * @category built-in types
 */
export type BuiltinDetails<T extends BuiltinActivityType> = (typeof builtinTable)[T]["details"]["Type"]

/**
 * The details of a type: typed for a built-in type, `unknown` for any other.
 *
 * @category built-in types
 */
export type DetailsOf<T extends string> = T extends BuiltinActivityType ? BuiltinDetails<T> : unknown

/**
 * The ids of the built-in types, grouped by group.
 *
 * @category built-in types
 */
export const builtinActivityTypeIds: ReadonlyArray<BuiltinActivityType> = Object.keys(builtinTable) as Array<
  BuiltinActivityType
>

/**
 * Every built-in type: the SPEC's list of section 6, the types the SDK records and the types the
 * host records through the SDK (`recordedBy: "host"`).
 *
 * @category built-in types
 */
export const builtinActivityTypes: ReadonlyArray<ActivityTypeDefinition> = builtinActivityTypeIds.map((type) => ({
  type,
  ...builtinTable[type]
}))

/**
 * Whether a type id is one of the built-in types.
 *
 * @category built-in types
 */
export const isBuiltin = (type: string): type is BuiltinActivityType => Object.hasOwn(builtinTable, type)

// ---------------------------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------------------------

/**
 * The activity types known to one SDK instance, keyed by type id, in registration order.
 * Immutable: {@link register} returns a new registry.
 *
 * @category registry
 */
export interface ActivityTypeRegistry {
  /** The definitions, keyed by type id, in registration order. */
  readonly types: ReadonlyMap<string, ActivityTypeDefinition>
}

/**
 * A registry holding the given definitions; by default the built-in types.
 *
 * The definitions are trusted (the SDK's own, or a subset of them in a test): a repeated type id
 * keeps its first definition. Host types are added with {@link register}, which refuses repeats.
 *
 * @example
 * ```ts
 * import { ActivityType } from "customer-account"
 *
 * const registry = ActivityType.makeRegistry()
 * ActivityType.groupOf(registry, "consent.changed") // "consent"
 * ```
 *
 * @category registry
 */
export const makeRegistry = (
  definitions: ReadonlyArray<ActivityTypeDefinition> = builtinActivityTypes
): ActivityTypeRegistry => {
  const types = new Map<string, ActivityTypeDefinition>()
  for (const definition of definitions) {
    if (!types.has(definition.type)) types.set(definition.type, definition)
  }
  return { types }
}

const reject = (rule: ActivityTypeRejected["rule"], type: string, message: string) =>
  Result.fail(new ActivityTypeRejected({ rule, type, message }))

const isTypeId = Schema.is(ActivityTypeId)
const isGroup = Schema.is(ActivityGroup)
const isLabel = (label: unknown): boolean => typeof label === "string" && label.length >= 1 && label.length <= 100

/**
 * Registers a host type (rule `activity.host-types-registered`): a valid type id not registered
 * yet (built-in types cannot be replaced), one of the groups, a details Schema, a label of 1 to
 * 100 characters, and `recordedBy: "host"` (the SDK records only its own types).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ActivityType } from "customer-account"
 *
 * const registered = ActivityType.register(ActivityType.makeRegistry(), {
 *   type: "acme.ticket-opened",
 *   group: "notes-and-communication",
 *   details: Schema.Struct({ ticketId: Schema.String }),
 *   recordedBy: "host",
 *   label: "Ticket opened"
 * })
 * ```
 *
 * @category registry
 */
export const register = (
  registry: ActivityTypeRegistry,
  definition: ActivityTypeDefinition
): Result.Result<ActivityTypeRegistry, ActivityTypeRejected> => {
  const type = definition.type
  if (!isTypeId(type)) {
    return reject(
      "activity.host-types-registered",
      String(type),
      `Cannot register activity type ${JSON.stringify(String(type))}: expected lower-case words joined by '.' or '-', at most 64 characters`
    )
  }
  if (isBuiltin(type)) {
    return reject("activity.host-types-registered", type, `Cannot register activity type ${type}: a built-in type cannot be replaced`)
  }
  if (registry.types.has(type)) {
    return reject("activity.host-types-registered", type, `Cannot register activity type ${type}: it is already registered`)
  }
  if (!isGroup(definition.group)) {
    return reject("activity.type-has-group", type, `Cannot register activity type ${type}: it needs one of the groups`)
  }
  if (!Schema.isSchema(definition.details)) {
    return reject("activity.type-has-group", type, `Cannot register activity type ${type}: it needs a details Schema`)
  }
  if (definition.recordedBy !== "host") {
    return reject(
      "activity.host-types-registered",
      type,
      `Cannot register activity type ${type}: a registered type is recorded by the host (recordedBy "host")`
    )
  }
  if (!isLabel(definition.label)) {
    return reject("activity.host-types-registered", type, `Cannot register activity type ${type}: it needs a label of 1 to 100 characters`)
  }
  const types = new Map(registry.types)
  types.set(type, definition)
  return Result.succeed({ types })
}

/**
 * Registers several host types in order, stopping at the first refusal.
 *
 * @category registry
 */
export const registerAll = (
  registry: ActivityTypeRegistry,
  definitions: ReadonlyArray<ActivityTypeDefinition>
): Result.Result<ActivityTypeRegistry, ActivityTypeRejected> => {
  let current = registry
  for (const definition of definitions) {
    const next = register(current, definition)
    if (Result.isFailure(next)) return next
    current = next.success
  }
  return Result.succeed(current)
}

/**
 * The definition of a type, or `undefined` when the registry does not know it.
 *
 * @category registry
 */
export const lookup = (registry: ActivityTypeRegistry, type: string): ActivityTypeDefinition | undefined =>
  registry.types.get(type)

/**
 * The group of a type, or `undefined` when the registry does not know it.
 *
 * @category registry
 */
export const groupOf = (registry: ActivityTypeRegistry, type: string): ActivityGroup | undefined =>
  registry.types.get(type)?.group

/**
 * The types of one group, in registration order.
 *
 * @category registry
 */
export const typesInGroup = (
  registry: ActivityTypeRegistry,
  group: ActivityGroup
): ReadonlyArray<ActivityTypeDefinition> => [...registry.types.values()].filter((d) => d.group === group)

const unknownType = (type: string) =>
  reject(
    "activity.host-types-registered",
    type,
    `Unknown activity type ${JSON.stringify(type)}: only built-in and registered types can be recorded`
  )

/**
 * Finds a type's definition, failing with {@link ActivityTypeRejected} for an unknown type.
 *
 * @category registry
 */
export const definitionOf = (
  registry: ActivityTypeRegistry,
  type: string
): Result.Result<ActivityTypeDefinition, ActivityTypeRejected> => {
  const definition = registry.types.get(type)
  return definition === undefined ? unknownType(type) : Result.succeed(definition)
}

// ---------------------------------------------------------------------------------------------
// Details
// ---------------------------------------------------------------------------------------------

/**
 * Decodes untrusted details (their JSON encoding) against the type's Schema (rule
 * `activity.host-types-registered`). An unknown type fails with {@link ActivityTypeRejected};
 * details that do not fit fail with a `ValidationError` whose subject names the type. Never throws.
 *
 * @example
 * ```ts
 * import { ActivityType } from "customer-account"
 *
 * const registry = ActivityType.makeRegistry()
 * ActivityType.decodeDetails(registry, "access.blocked", { reason: "chargeback" }) // Result.succeed(...)
 * ```
 *
 * @category details
 */
export const decodeDetails = <T extends string>(
  registry: ActivityTypeRegistry,
  type: T,
  details: unknown
): Result.Result<DetailsOf<T>, ValidationError | ActivityTypeRejected> => {
  const definition = registry.types.get(type)
  if (definition === undefined) return unknownType(type)
  let decoder = detailsDecoders.get(definition)
  if (decoder === undefined) {
    decoder = decode(definition.details, `${type} details`)
    detailsDecoders.set(definition, decoder)
  }
  return decoder(details) as Result.Result<DetailsOf<T>, ValidationError>
}

/** Each definition's details decoder, built on first use and kept while the definition lives. */
const detailsDecoders = new WeakMap<object, (input: unknown) => Result.Result<unknown, ValidationError>>()

/** Checks that an encoding is plain JSON (built once, not per activity). */
const decodeJson = Schema.decodeUnknownResult(Schema.Json)

/**
 * Encodes a type's details (as decoded) to their JSON form for storage, checking them against the
 * type's Schema on the way. Fails as {@link decodeDetails} does, and also when a host Schema does
 * not encode to plain JSON.
 *
 * @category details
 */
export const encodeDetails = <T extends string>(
  registry: ActivityTypeRegistry,
  type: T,
  details: DetailsOf<T>
): Result.Result<Schema.Json, ValidationError | ActivityTypeRejected> => {
  const definition = registry.types.get(type)
  if (definition === undefined) return unknownType(type)
  const subject = `${type} details`
  const encoded = Schema.encodeUnknownResult(definition.details)(details, { errors: "all", onExcessProperty: "error" })
  if (Result.isFailure(encoded)) return Result.fail(fromIssue(subject, encoded.failure.issue))
  const json = decodeJson(encoded.success)
  return Result.isSuccess(json)
    ? Result.succeed(json.success)
    : reject(
      "activity.host-types-registered",
      type,
      `The details Schema of activity type ${type} does not encode to plain JSON`
    )
}

/**
 * Erases the personal data of a type's details (as decoded), following the marks of the type's
 * Schema: optional personal fields are removed, required ones take their mark's replacement
 * (rule `customer.personal-data-marked`).
 *
 * @category details
 */
export const redactDetails = <T extends string>(
  registry: ActivityTypeRegistry,
  type: T,
  details: DetailsOf<T>
): Result.Result<DetailsOf<T>, ValidationError | ActivityTypeRejected> => {
  const definition = registry.types.get(type)
  if (definition === undefined) return unknownType(type)
  return erasePersonalData(definition.details, details) as Result.Result<DetailsOf<T>, ValidationError>
}
