/**
 * Additional data (SPEC section 7): tenant-defined keys with string values, replaced as a whole
 * (rule `additional-data.replaced-whole`): a change sends the complete new data, and the activity
 * lists each key added, removed or changed ({@link diffAdditionalData}).
 *
 * Rule `additional-data.limits`: at most 50 keys; a key is 1 to 30 characters of ASCII letters,
 * digits, `_`, `-` and `.` (`__proto__` is reserved, so that no host code that copies the data into
 * a plain object can be tricked); a value is a string of at most 200 characters. Characters are counted
 * as Unicode code points, as a database column of 200 characters counts them, so an emoji is one
 * character. Every problem is reported at the offending key's path.
 *
 * A tenant decides what it stores here, personal data included, so the whole record is marked as
 * personal content: export includes it, and anonymization replaces it with `{}`.
 *
 * @module
 */
import { Schema } from "effect"
import { isCleanText } from "./Text.ts"
import { personal } from "./PersonalData.ts"

/**
 * The limits of rule `additional-data.limits`.
 *
 * @category rules
 */
export const additionalDataLimits = {
  /** The most keys a customer's additional data holds. */
  maxKeys: 50,
  /** The longest key, in characters. */
  maxKeyLength: 30,
  /** The longest value, in characters (code points). */
  maxValueLength: 200
} as const

const keyPattern = /^[A-Za-z0-9_.-]+$/

/** Characters as Unicode code points. */
const characters = (s: string): number => [...s].length

/**
 * What is wrong with a key, or `undefined` when it is a valid key (rule `additional-data.limits`).
 *
 * @category rules
 */
export const keyProblem = (key: string): string | undefined =>
  key === "__proto__"
    ? "Expected a key other than __proto__, which is reserved (rule additional-data.limits)"
    : key.length >= 1 && key.length <= additionalDataLimits.maxKeyLength && keyPattern.test(key)
    ? undefined
    : `Expected a key of 1 to ${additionalDataLimits.maxKeyLength} characters of letters, digits, '_', '-' and '.' (rule additional-data.limits)`

/**
 * What is wrong with a value, or `undefined` when it is a valid value (rule `additional-data.limits`).
 *
 * @category rules
 */
export const valueProblem = (value: string): string | undefined =>
  characters(value) <= additionalDataLimits.maxValueLength
    ? undefined
    : `Expected a value of at most ${additionalDataLimits.maxValueLength} characters, got ${characters(value)} (rule additional-data.limits)`

const limits = Schema.makeFilter(
  (data: { readonly [key: string]: string }) => {
    const issues: Array<Schema.FilterIssue> = []
    const keys = Object.keys(data)
    if (keys.length > additionalDataLimits.maxKeys) {
      issues.push(
        `Expected at most ${additionalDataLimits.maxKeys} keys, got ${keys.length} (rule additional-data.limits)`
      )
    }
    for (const key of keys) {
      const problem = keyProblem(key) ?? valueProblem(data[key] ?? "")
      if (problem !== undefined) issues.push({ path: [key], issue: problem })
    }
    return issues
  },
  {
    expected: `at most ${additionalDataLimits.maxKeys} keys of 1 to ${additionalDataLimits.maxKeyLength} characters with values of at most ${additionalDataLimits.maxValueLength} characters (rule additional-data.limits)`
  }
)

/**
 * A customer's additional data: string values under tenant-defined keys, within the limits of
 * rule `additional-data.limits`. Marked as personal content; anonymization replaces it with `{}`.
 *
 * @example
 * ```ts
 * import { AdditionalData, Validation } from "customer-account"
 *
 * const decodeData = Validation.decode(AdditionalData.AdditionalData, "AdditionalData")
 * decodeData({ "crm.segment": "B2C", loyalty_level: "gold" }) // Result.succeed(...)
 * decodeData({ "bad key": "x" }) // Result.fail: at "bad key", expected a key of letters, digits, ...
 * ```
 *
 * @category models
 */
export const AdditionalData = Schema.Record(Schema.String, Schema.String.check(isCleanText())).pipe(
  Schema.check(limits),
  personal("content", { replacement: {} })
)
/** @category models */
export type AdditionalData = typeof AdditionalData.Type

/**
 * One changed key, for the activity tile: `before` is absent for an added key, `after` for a
 * removed one. Fits `ActivityDetails.FieldChange`.
 *
 * @category changes
 */
export interface AdditionalDataChange {
  /** The key. */
  readonly field: string
  /** The value before, if the key was present. */
  readonly before?: string
  /** The value after, if the key is still present. */
  readonly after?: string
}

/**
 * The keys whose value differs between two versions of additional data (added, removed or
 * changed), sorted by key, with the values before and after (rule
 * `additional-data.replaced-whole`); empty when nothing changed. Pure.
 *
 * @example
 * ```ts
 * import { AdditionalData } from "customer-account"
 *
 * AdditionalData.diffAdditionalData({ a: "1", b: "2" }, { b: "3", c: "4" })
 * // [{ field: "a", before: "1" }, { field: "b", before: "2", after: "3" }, { field: "c", after: "4" }]
 * ```
 *
 * @category changes
 */
export const diffAdditionalData = (
  before: AdditionalData,
  after: AdditionalData
): ReadonlyArray<AdditionalDataChange> => {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  const changes: Array<AdditionalDataChange> = []
  for (const key of keys) {
    const old = Object.hasOwn(before, key) ? before[key] : undefined
    const now = Object.hasOwn(after, key) ? after[key] : undefined
    if (old === now) continue
    changes.push({
      field: key,
      ...(old === undefined ? {} : { before: old }),
      ...(now === undefined ? {} : { after: now })
    })
  }
  return changes
}
