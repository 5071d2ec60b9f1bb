/**
 * Recording what the host produced (SPEC section 6): subscriptions created, invoices created and
 * corrected, payments, mails sent, and the host's own registered types.
 *
 * Only types the registry marks `recordedBy: "host"` are recorded here; a type the SDK records
 * itself (a note, a status change) is refused with `CommandRejected`, and an unknown type with
 * `ActivityTypeRejected` (rule `activity.host-types-registered`). The details are the JSON
 * encoding the type's Schema describes, and are checked against it: a mismatch is a
 * `ValidationError` whose paths start at `details`.
 *
 * An anonymized account still records invoice corrections and payments (rule
 * `command.editable-only`: the host keeps its books); everything else, a sent mail included, is
 * refused with `AccountLocked`. The account's state does not change, only its version.
 *
 * The command depends on the engine's registry, so it is built from it:
 * `recordHostActivity(settings.registry)`.
 *
 * @module
 */
import { Result, Schema } from "effect"
import { Summary } from "../../domain/Activity.ts"
import {
  ActivityTypeId,
  type ActivityTypeRegistry,
  type ActivityTypeRejected,
  decodeDetails,
  definitionOf
} from "../../domain/ActivityType.ts"
import { CustomerId } from "../../domain/Ids.ts"
import { Instant } from "../../domain/Instant.ts"
import { ValidationError, ValidationIssue } from "../../domain/Validation.ts"
import type { CommandRejected } from "../Errors.ts"
import type { AccountCommand } from "../Pipeline.ts"
import { reject } from "./Refusals.ts"

/**
 * The host types an anonymized account still records (rule `command.editable-only`).
 *
 * @category rules
 */
export const typesRecordedWhenLocked: ReadonlyArray<string> = ["invoice.corrected", "payment"]

/**
 * Input of `recordHostActivity`: the customer, the type, the tile's summary (free of personal
 * data), the details in their JSON encoding, and when it happened, if not now.
 *
 * @category inputs
 */
export const RecordHostActivityInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** A host type of the registry, e.g. `invoice.created`. */
  type: ActivityTypeId,
  /** The tile's one-line summary, free of personal data. */
  summary: Summary,
  /** The details, as the type's Schema encodes them. */
  details: Schema.Unknown,
  /** When it happened; now when absent. */
  at: Schema.optionalKey(Instant)
})
/** @category inputs */
export type RecordHostActivityInput = typeof RecordHostActivityInput.Type

const underDetails = (error: ValidationError): ValidationError => {
  const issues = error.issues.map((i) => new ValidationIssue({ path: i.path === "" ? "details" : `details.${i.path}`, message: i.message }))
  const first = issues[0]
  return new ValidationError({
    subject: "RecordHostActivity",
    issues,
    message: `Invalid RecordHostActivity${first === undefined ? "" : ` at ${first.path}: ${first.message}`}${
      issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""
    }`
  })
}

/**
 * Record a host activity (rules `activity.host-types-registered`, `command.editable-only`), for
 * the engine's registry.
 *
 * @category commands
 */
export const recordHostActivity = (
  registry: ActivityTypeRegistry
): AccountCommand<RecordHostActivityInput, void, never, never, ActivityTypeRejected | ValidationError | CommandRejected, typeof RecordHostActivityInput.Encoded> => ({
  kind: "record-host-activity",
  subject: "RecordHostActivity",
  input: RecordHostActivityInput,
  customerId: (input) => input.customerId,
  allowWhenLocked: (input) => typesRecordedWhenLocked.includes(input.type),
  decide: (account, input) => {
    const definition = definitionOf(registry, input.type)
    if (Result.isFailure(definition)) return Result.fail(definition.failure)
    if (definition.success.recordedBy !== "host") {
      return reject(
        "record-host-activity",
        "activity.host-types-registered",
        `The SDK records ${input.type} activities itself, through its own command; the host records only host types`,
        "type"
      )
    }
    const details = decodeDetails(registry, input.type, input.details)
    if (Result.isFailure(details)) {
      const failure = details.failure
      return Result.fail(failure._tag === "ValidationError" ? underDetails(failure) : failure)
    }
    return Result.succeed({
      account,
      activities: [
        {
          type: input.type,
          summary: input.summary,
          details: details.success,
          ...(input.at === undefined ? {} : { at: input.at })
        }
      ]
    })
  }
})
