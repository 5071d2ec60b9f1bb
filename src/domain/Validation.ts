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
    let result: ReturnType<typeof run>
    try {
      result = run(input, { errors: "all", onExcessProperty: "error" })
    } catch {
      // A throwing getter or Proxy trap: reported by where, never by what it threw (rule input.readable).
      return Result.fail(unreadable(subject, ""))
    }
    return Result.isSuccess(result) ? Result.succeed(result.success) : Result.fail(fromIssue(subject, result.failure.issue))
  }
}

const unreadable = (subject: string, path: string): ValidationError => {
  const message = "Expected plain data: reading this value threw (a getter or Proxy trap) (rule input.readable)"
  return new ValidationError({
    subject,
    issues: [new ValidationIssue({ path, message })],
    message: `Invalid ${subject}${path === "" ? "" : ` at ${path}`}: ${message}`
  })
}

const maxDepth = 64

const isPlainContainer = (value: object): boolean => {
  if (Array.isArray(value)) return true
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Copies an untrusted input once into plain data (rule `input.readable`): every plain object and
 * array (a Proxy of one included) is read exactly once, key by key, into a fresh one; any other
 * value (a string, a `Uint8Array`, a `Redacted`, a class instance) is kept as it is. A throwing
 * getter or Proxy trap, a cycle, or nesting deeper than 64 levels is a {@link ValidationError}
 * naming the path, never a throw, and never what was thrown.
 *
 * Decoding and everything after it (the idempotency fingerprint) then read the copy, so an input
 * cannot change or throw between two reads.
 *
 * @example
 * ```ts
 * import { Validation } from "customer-account"
 *
 * const hostile = { get customerId(): string { throw new Error("boom") } }
 * Validation.snapshot(hostile, "AddNote") // Result.fail(ValidationError: Invalid AddNote at customerId: ...)
 * ```
 *
 * @category decoding
 */
export const snapshot = (input: unknown, subject: string): Result.Result<unknown, ValidationError> => {
  const ancestors = new Set<object>()
  const copy = (value: unknown, path: ReadonlyArray<string>): Result.Result<unknown, ValidationError> => {
    const where = path.join(".")
    if (value === null || typeof value !== "object") return Result.succeed(value)
    let plain: boolean
    let keys: ReadonlyArray<string>
    try {
      plain = isPlainContainer(value)
      keys = plain ? (Array.isArray(value) ? Array.from({ length: value.length }, (_, i) => String(i)) : Object.keys(value)) : []
    } catch {
      return Result.fail(unreadable(subject, where))
    }
    if (!plain) return Result.succeed(value)
    if (ancestors.has(value) || path.length >= maxDepth) {
      const message = `Expected plain data without cycles, nested at most ${maxDepth} levels (rule input.readable)`
      return Result.fail(
        new ValidationError({
          subject,
          issues: [new ValidationIssue({ path: where, message })],
          message: `Invalid ${subject}${where === "" ? "" : ` at ${where}`}: ${message}`
        })
      )
    }
    ancestors.add(value)
    const out: Record<string, unknown> | Array<unknown> = Array.isArray(value) ? [] : {}
    for (const key of keys) {
      let item: unknown
      try {
        item = (value as Record<string, unknown>)[key]
      } catch {
        ancestors.delete(value)
        return Result.fail(unreadable(subject, [...path, key].join(".")))
      }
      const inner = copy(item, [...path, key])
      if (Result.isFailure(inner)) {
        ancestors.delete(value)
        return inner
      }
      // defineProperty: a key named `__proto__` stays a plain key.
      Object.defineProperty(out, key, { value: inner.success, enumerable: true, writable: true, configurable: true })
    }
    ancestors.delete(value)
    return Result.succeed(out)
  }
  return copy(input, [])
}
