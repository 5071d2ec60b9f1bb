/**
 * Decoding untrusted input into domain values, with failures as data.
 *
 * Every input Schema of the package is decoded through {@link decode}: it never throws, and a
 * failure is a {@link ValidationError} that says what was wrong, where and what was expected.
 *
 * @module
 */
import { Result, Schema, SchemaIssue } from "effect"

/**
 * One problem found in an input: where it is and what was expected there.
 *
 * @category models
 */
export class ValidationIssue extends Schema.Class<ValidationIssue>("customer-account/ValidationIssue")({
  /** The path to the offending value, as a dotted string (`address.postalCode`, `tags.0`); empty for the root. */
  path: Schema.String,
  /** What was wrong and what was expected, e.g. `Expected a German postal code of 5 digits`. */
  message: Schema.String
}) {}

/**
 * An input did not satisfy its Schema. Nothing was changed.
 *
 * The input values themselves are never copied into the error, so that personal data and secrets
 * cannot leak into logs through it.
 *
 * @category errors
 */
export class ValidationError extends Schema.TaggedError<ValidationError>()("ValidationError", {
  /** What was being decoded, e.g. `Address` or `ChangeConsent`. */
  subject: Schema.String,
  /** Every problem found, in input order. */
  issues: Schema.Array(ValidationIssue),
  /** A one-line summary naming the subject and the first problem. */
  message: Schema.String
}) {}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const pathToString = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string =>
  (path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".")

/**
 * Turns a Schema issue into a {@link ValidationError} for the given subject.
 *
 * @category constructors
 */
export const fromIssue = (subject: string, issue: SchemaIssue.Issue): ValidationError => {
  const issues = formatter(issue).issues.map((i) =>
    new ValidationIssue({ path: pathToString(i.path), message: i.message })
  )
  const first = issues[0]
  const where = first === undefined || first.path === "" ? "" : ` at ${first.path}`
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""
  return new ValidationError({
    subject,
    issues,
    message: `Invalid ${subject}${where}: ${first?.message ?? "rejected"}${more}`
  })
}

/**
 * Builds a total decoder for a Schema: unknown input in, a `Result` out, never a throw.
 *
 * All problems are collected (not only the first) and unknown keys are rejected, so that a typo
 * in a field name is reported instead of silently ignored.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Validation } from "customer-account"
 *
 * const decodeAge = Validation.decode(Schema.Int, "Age")
 * decodeAge(1.5) // Result.fail(ValidationError: Invalid Age: Expected an integer)
 * ```
 *
 * @category decoding
 */
export const decode = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S,
  subject: string
): (input: unknown) => Result.Result<S["Type"], ValidationError> => {
  const run = Schema.decodeUnknownResult(schema)
  return (input) => {
    const result = run(input, { errors: "all", onExcessProperty: "error" })
    return Result.isSuccess(result) ? Result.succeed(result.success) : Result.fail(fromIssue(subject, result.failure.issue))
  }
}
