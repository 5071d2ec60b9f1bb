// PROVISIONAL: replaced at merge
/**
 * Errors as RFC 9457 problem documents (provisional: a simple mapping, replaced at merge by the
 * Promise API's module). {@link statusOf} gives the HTTP status of an error's `_tag`,
 * {@link toProblem} the problem document of any error, described by the {@link Problem} Schema.
 *
 * @module
 */
import { Schema } from "effect"

/**
 * An RFC 9457 problem document, with the error's tag, rule and path as extension members.
 *
 * @category models
 */
export const Problem = Schema.Struct({
  /** A URI naming the kind of problem. */
  type: Schema.String,
  /** A short summary of the kind of problem. */
  title: Schema.String,
  /** The HTTP status. */
  status: Schema.Int,
  /** What happened, for a human. */
  detail: Schema.optionalKey(Schema.String),
  /** The error's `_tag`. */
  tag: Schema.optionalKey(Schema.String),
  /** The rule that refused, if any. */
  rule: Schema.optionalKey(Schema.String),
  /** Where in the input, if known. */
  path: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "Problem" })

/**
 * An RFC 9457 problem document.
 *
 * @category models
 */
export type Problem = typeof Problem.Type

const statuses: Readonly<Record<string, number>> = {
  ValidationError: 400,
  PermissionDenied: 403,
  CustomerNotFound: 404,
  VersionConflict: 409,
  IdempotencyConflict: 409,
  EmailTaken: 409,
  AccountLocked: 423,
  InvalidCursor: 400,
  StorageError: 503
}

/**
 * The HTTP status of an error's `_tag`: a refusal of a rule is 422, an unknown tag 500.
 *
 * @category problems
 */
export const statusOf = (tag: string): number => statuses[tag] ?? (tag.endsWith("Rejected") || tag.endsWith("Blocked") ? 422 : 500)

const stringField = (error: unknown, key: string): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const value = (error as Record<string, unknown>)[key]
  return typeof value === "string" ? value : undefined
}

/**
 * The problem document of an error: its status from {@link statusOf}, its tag, rule, path and
 * message. Anything without a `_tag` is an internal error whose message is not shown.
 *
 * @category problems
 */
export const toProblem = (error: unknown): Problem => {
  const tag = stringField(error, "_tag")
  if (tag === undefined) return { type: "about:blank", title: "InternalError", status: 500 }
  const rule = stringField(error, "rule")
  const path = stringField(error, "path")
  const detail = stringField(error, "message")
  return {
    type: `urn:customer-account:problem:${tag}`,
    title: tag,
    status: statusOf(tag),
    tag,
    ...(detail === undefined ? {} : { detail }),
    ...(rule === undefined ? {} : { rule }),
    ...(path === undefined ? {} : { path })
  }
}
