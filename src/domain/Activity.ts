/**
 * Activities: the entries of the customer's timeline (SPEC section 6).
 *
 * Everything created or changed in the account appends an activity: id, tenant, customer, type,
 * group, at, actor (rule `actor.exactly-one`), summary and details. The group always follows from
 * the type (rule `activity.type-has-group`), and the details are checked against the type's
 * Schema in the registry (rule `activity.host-types-registered`).
 *
 * @module
 */
import { Result, Schema } from "effect"
import { isCleanText } from "./Text.ts"
import { Actor } from "./Actor.ts"
import { ActivityGroup } from "./ActivityGroup.ts"
import {
  ActivityTypeId,
  type ActivityTypeRegistry,
  ActivityTypeRejected,
  decodeDetails,
  definitionOf,
  type DetailsOf,
  encodeDetails,
  redactDetails
} from "./ActivityType.ts"
import { ActivityId, CustomerId, TenantId } from "./Ids.ts"
import { Instant } from "./Instant.ts"
import { fromIssue, type ValidationError } from "./Validation.ts"

/**
 * The one-line summary shown on the timeline tile, 1 to 300 characters.
 *
 * Summaries are built from non-personal values only (type labels, ids, statuses, channels, masked
 * IBANs, amounts), never from names, addresses, free text or any other personal value: they are
 * not redacted by anonymization, only the details are.
 *
 * @category models
 */
export const Summary = Schema.String.pipe(
  Schema.check(
    Schema.isBetweenLength(1, 300, {
      expected: "a summary of 1 to 300 characters (rule activity.type-has-group)"
    })
  ),
  Schema.check(isCleanText())
)

/**
 * One timeline entry.
 *
 * `details` holds the JSON encoding of the type's details (e.g. instants as ISO strings), already
 * checked against the type's Schema when the activity was made. A storage adapter stores it as
 * JSON as it is; readers get the typed details back with `ActivityType.decodeDetails(registry,
 * activity.type, activity.details)`. Keeping the encoding (rather than a typed value) lets the
 * activity itself be one plain Schema, whatever types a host registers. Because the details'
 * personal-data marks live in the type's Schema, not in this class, redaction goes through the
 * registry: see {@link redactActivity}.
 *
 * @category models
 */
export class Activity extends Schema.Class<Activity>("customer-account/Activity")({
  /** The activity's id. */
  id: ActivityId,
  /** The tenant the customer belongs to. */
  tenantId: TenantId,
  /** The customer whose timeline holds the entry. */
  customerId: CustomerId,
  /** The activity type, e.g. `status.changed`. */
  type: ActivityTypeId,
  /** The type's group; always the group the registry gives the type. */
  group: ActivityGroup,
  /** When it happened. */
  at: Instant,
  /** Who did it. */
  actor: Actor,
  /** The tile's one-line summary, free of personal data. */
  summary: Summary,
  /** The JSON encoding of the type's details: the expandable tile's old and new values. */
  details: Schema.Json
}) {}

/**
 * What {@link makeActivity} needs: everything but the group, which comes from the type. The
 * details are given as decoded (typed for a built-in type).
 *
 * @category constructors
 */
export interface ActivityInput<T extends string = string> {
  /** The activity's id. */
  readonly id: ActivityId
  /** The tenant the customer belongs to. */
  readonly tenantId: TenantId
  /** The customer whose timeline holds the entry. */
  readonly customerId: CustomerId
  /** The activity type. */
  readonly type: T
  /** When it happened. */
  readonly at: Instant
  /** Who did it. */
  readonly actor: Actor
  /** The tile's one-line summary, built from non-personal values only. */
  readonly summary: string
  /** The type's details, as decoded. */
  readonly details: DetailsOf<T>
}

/**
 * Checks the fields of an activity as they are (their decoded, type-side form) in one pass: the
 * same checks as encoding them and decoding the result, without the round trip.
 */
const checkActivityFields = Schema.decodeUnknownResult(Schema.toType(Schema.Struct(Activity.fields)))

/**
 * Makes an activity: checks the details against the type's Schema, sets the group from the type
 * (a caller cannot choose a group that disagrees), and checks every other field. Never throws.
 *
 * @example
 * ```ts
 * import { DateTime } from "effect"
 * import { Activity, ActivityType, Actor, Ids } from "customer-account"
 *
 * const activity = Activity.makeActivity(ActivityType.makeRegistry(), {
 *   id: Ids.ActivityId.make("a-1"),
 *   tenantId: Ids.TenantId.make("t-1"),
 *   customerId: Ids.CustomerId.make("c-1"),
 *   type: "access.blocked",
 *   at: DateTime.makeUnsafe("2026-11-23T10:00:00Z"),
 *   actor: Actor.supporter(Ids.StaffUserId.make("u-1"), "Mia"),
 *   summary: "Access blocked",
 *   details: {}
 * })
 * ```
 *
 * @category constructors
 */
export const makeActivity = <T extends string>(
  registry: ActivityTypeRegistry,
  input: ActivityInput<T>
): Result.Result<Activity, ValidationError | ActivityTypeRejected> => {
  const definition = definitionOf(registry, input.type)
  if (Result.isFailure(definition)) return Result.fail(definition.failure)
  const details = encodeDetails(registry, input.type, input.details)
  if (Result.isFailure(details)) return Result.fail(details.failure)
  const checked = checkActivityFields(
    {
      id: input.id,
      tenantId: input.tenantId,
      customerId: input.customerId,
      type: input.type,
      group: definition.success.group,
      at: input.at,
      actor: input.actor,
      summary: input.summary,
      details: details.success
    },
    { errors: "all" }
  )
  // The fields are checked: the constructor need not check them again.
  return Result.isFailure(checked)
    ? Result.fail(fromIssue("Activity", checked.failure.issue))
    : Result.succeed(new Activity(checked.success, { disableChecks: true }))
}

/**
 * Checks a stored activity against a registry: its type is known, its group is the type's group
 * (rule `activity.type-has-group`) and its details fit the type's Schema (rule
 * `activity.host-types-registered`). Returns the typed details.
 *
 * @category reading
 */
export const activityDetails = (
  registry: ActivityTypeRegistry,
  activity: Activity
): Result.Result<unknown, ValidationError | ActivityTypeRejected> => {
  const definition = registry.types.get(activity.type)
  if (definition !== undefined && definition.group !== activity.group) {
    return Result.fail(
      new ActivityTypeRejected({
        rule: "activity.type-has-group",
        type: activity.type,
        message: `Activity ${activity.id} has group ${activity.group}, but type ${activity.type} belongs to ${definition.group}`
      })
    )
  }
  return decodeDetails(registry, activity.type, activity.details)
}

/**
 * The activity with the personal data of its details erased, following the marks of its type's
 * Schema (rule `customer.personal-data-marked`). The summary is kept: it holds no personal data.
 *
 * @category anonymizing
 */
export const redactActivity = (
  registry: ActivityTypeRegistry,
  activity: Activity
): Result.Result<Activity, ValidationError | ActivityTypeRejected> => {
  const details = activityDetails(registry, activity)
  if (Result.isFailure(details)) return Result.fail(details.failure)
  const redacted = redactDetails(registry, activity.type, details.success)
  if (Result.isFailure(redacted)) return Result.fail(redacted.failure)
  const encoded = encodeDetails(registry, activity.type, redacted.success)
  return Result.isFailure(encoded) ? Result.fail(encoded.failure) : Result.succeed(new Activity({ ...activity, details: encoded.success }))
}
