/**
 * The `Intl` formatting of one reader's locale (rule `timeline.intl-formatting`): money in the
 * currency style from an amount in minor units, dates, lists, file sizes and counts.
 *
 * Every formatter is built once per locale and page, and none throws: a locale or currency the
 * runtime refuses falls back to a plain rendering (`9.99 XYZ`, an ISO date).
 *
 * @module
 */
import { DateTime } from "effect"
import type { Money } from "../ActivityDetails.ts"

/**
 * The formatters a summary renderer uses, all bound to the reader's locale.
 *
 * @category models
 */
export interface Formatters {
  /** The BCP 47 tag the formatters are bound to, e.g. `de-AT`. */
  readonly locale: string
  /** Money in the currency style, converted from minor units by the currency's digits: `9,99 €`. */
  readonly money: (money: Money) => string
  /** A date (no time of day) in the formatters' time zone: `23.11.2026`, `Nov 23, 2026`. */
  readonly date: (instant: DateTime.DateTime) => string
  /** A list joined with the locale's conjunction, at most `max` items (default 5) and `+n` for the rest. */
  readonly list: (items: ReadonlyArray<string>, max?: number) => string
  /** A whole number with the locale's grouping: `1.234`. */
  readonly count: (n: number) => string
  /** A file size in bytes, kB or MB: `12,5 kB`. */
  readonly bytes: (size: number) => string
}

/** The digits of a currency's minor unit (2 for EUR, 0 for JPY, 3 for BHD); 2 when unknown. */
const minorDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

const attempt = <A>(make: () => A): A | undefined => {
  try {
    return make()
  } catch {
    return undefined
  }
}

/**
 * Formatters bound to a locale and a time zone (default `UTC`). An unusable locale or time zone
 * falls back to `en` and `UTC`.
 *
 * @example
 * ```ts
 * import { DateTime } from "effect"
 * import { TimelineSummaries } from "customer-account"
 *
 * const de = TimelineSummaries.makeFormatters("de")
 * de.money({ amount: 999, currency: "EUR" }) // "9,99 €"
 * de.date(DateTime.makeUnsafe("2026-11-23T10:00:00Z")) // "23.11.2026"
 * ```
 *
 * @category constructors
 */
export const makeFormatters = (locale: string, timeZone = "UTC"): Formatters => {
  const tag = attempt(() => Intl.getCanonicalLocales(locale)[0]) ?? "en"
  const zone = attempt(() => new Intl.DateTimeFormat(tag, { timeZone }).resolvedOptions().timeZone) ?? "UTC"
  const dates = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: zone })
  const numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 })
  const lists = new Intl.ListFormat(tag, { type: "conjunction", style: "long" })
  const currencies = new Map<string, { readonly format: Intl.NumberFormat; readonly digits: number } | undefined>()
  const currencyOf = (code: string) => {
    if (!currencies.has(code)) {
      const format = attempt(() => new Intl.NumberFormat(tag, { style: "currency", currency: code }))
      currencies.set(code, format === undefined ? undefined : { format, digits: minorDigits(code) })
    }
    return currencies.get(code)
  }
  const unit = (value: number, name: "byte" | "kilobyte" | "megabyte") =>
    attempt(() => new Intl.NumberFormat(tag, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: 1 }).format(value)) ??
      `${value} ${name}`
  return {
    locale: tag,
    money: (money) => {
      const currency = currencyOf(money.currency)
      const digits = currency?.digits ?? 2
      const major = money.amount / 10 ** digits
      return currency === undefined ? `${major.toFixed(digits)} ${money.currency}` : currency.format.format(major)
    },
    date: (instant) => {
      const millis = DateTime.toEpochMillis(instant)
      return attempt(() => dates.format(millis)) ?? DateTime.formatIso(DateTime.toUtc(instant)).slice(0, 10)
    },
    list: (items, max = 5) => {
      const shown = items.slice(0, max)
      const joined = lists.format(shown)
      return items.length > max ? `${joined} +${items.length - max}` : joined
    },
    count: (n) => numbers.format(n),
    bytes: (size) =>
      size < 1000 ? unit(size, "byte") : size < 1_000_000 ? unit(size / 1000, "kilobyte") : unit(size / 1_000_000, "megabyte")
  }
}
