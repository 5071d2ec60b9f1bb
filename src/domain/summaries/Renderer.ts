/**
 * What a summary renderer is: a pure function from an activity's decoded details and a
 * {@link SummaryContext} (the reader's locale, the account's names, the `Intl` formatters) to one
 * line of text (rule `timeline.reader-language`). Plus the helpers the built-in renderers share to
 * name a record from the details first and the account second.
 *
 * @module
 */
import type { Activity } from "../Activity.ts"
import type { BuiltinActivityType, BuiltinDetails } from "../ActivityType.ts"
import { type FieldChange, maskedIbanReplacement } from "../ActivityDetails.ts"
import type { AccountNames } from "./AccountNames.ts"
import type { Formatters } from "./Formatting.ts"

/**
 * What a renderer may use besides the details.
 *
 * @category models
 */
export interface SummaryContext {
  /** The activity as stored (its type, actor, time and stored summary). */
  readonly activity: Activity
  /** The reader's locale the text is for, e.g. `de-AT`. */
  readonly locale: string
  /** The names the account knows; none for an anonymized account. */
  readonly names: AccountNames
  /** The `Intl` formatters of the reader's locale. */
  readonly format: Formatters
}

/**
 * Renders one activity's summary from its decoded details. It may throw or return an empty string:
 * the caller then shows the stored summary (rule `timeline.render-never-fails`).
 *
 * @category models
 */
export type SummaryRenderer<D = any> = (details: D, context: SummaryContext) => string

/**
 * The renderers of one locale, by activity type id.
 *
 * @category models
 */
export type LocaleRenderers = Readonly<Record<string, SummaryRenderer>>

/**
 * A renderer for every built-in type, typed by its details: a locale the package ships must have
 * one for each (rule `timeline.builtin-renderers`).
 *
 * @category models
 */
export type BuiltinRenderers = { readonly [T in BuiltinActivityType]: SummaryRenderer<BuiltinDetails<T>> }

const textOf = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 ? value : undefined

/**
 * The value of one field in a list of changes, after the change (or before, for a removal), when
 * it is a non-empty string.
 *
 * @category helpers
 */
export const changedText = (changes: ReadonlyArray<FieldChange>, field: string): string | undefined => {
  const change = changes.find((c) => c.field === field)
  return change === undefined ? undefined : textOf(change.after) ?? textOf(change.before)
}

/**
 * An address as `street houseNumber, city`: from the details' changes (the values of the time,
 * erased by anonymization), else from the account.
 *
 * @category helpers
 */
export const addressName = (
  details: { readonly addressId: string; readonly changes: ReadonlyArray<FieldChange> },
  context: SummaryContext
): string | undefined => {
  const street = changedText(details.changes, "street")
  const city = changedText(details.changes, "city")
  if (street !== undefined && city !== undefined) {
    const number = changedText(details.changes, "houseNumber")
    return `${street}${number === undefined ? "" : ` ${number}`}, ${city}`
  }
  return context.names.address(details.addressId)
}

/**
 * A bank account as its masked IBAN: from the account, else from the details (unless
 * anonymization replaced it with its dummy).
 *
 * @category helpers
 */
export const bankAccountName = (
  details: { readonly bankAccountId: string; readonly maskedIban: string },
  context: SummaryContext
): string | undefined =>
  context.names.bankAccount(details.bankAccountId) ??
    (details.maskedIban === maskedIbanReplacement ? undefined : details.maskedIban)

/**
 * `text` followed by `, name` or ` (name)` style detail, or `text` alone when there is no name.
 *
 * @category helpers
 */
export const withName = (text: string, name: string | undefined, open = " ", close = ""): string =>
  name === undefined ? text : `${text}${open}${name}${close}`

/**
 * The field names of a list of changes, through a table of labels (the raw name when the table has none).
 *
 * @category helpers
 */
export const fieldLabels = (changes: ReadonlyArray<FieldChange>, labels: Readonly<Record<string, string>>): Array<string> =>
  [...new Set(changes.map((c) => (Object.hasOwn(labels, c.field) ? labels[c.field]! : c.field)))]
