/**
 * The timeline in the reader's language (rule `timeline.reader-language`): activities keep their
 * language-neutral type and details, and the read side renders their one-line summaries for the
 * reader's locale, with names instead of raw ids where the account knows them (rule
 * `timeline.names-not-ids`) and money and dates formatted by `Intl` (rule
 * `timeline.intl-formatting`).
 *
 * A {@link TimelineLanguages} value holds the renderers per locale (English and German built in)
 * and the default locale; a host adds a locale or renderers for its own activity types with
 * {@link addRenderers}. The locale is chosen by {@link resolveLocale}: the reader's tag as it is,
 * then its language subtag (`de-AT` reads `de`), then the default (rule `timeline.locale-fallback`).
 * Without a renderer for the activity's type in that locale, the stored summary is shown, and so
 * it is when the details do not decode or a renderer throws (rule `timeline.render-never-fails`).
 *
 * Everything here is pure; the engine's timeline and overview queries call {@link renderActivities}
 * for the page they return.
 *
 * @module
 */
import { Result } from "effect"
import type { Account } from "./Account.ts"
import { Activity } from "./Activity.ts"
import { type ActivityTypeRegistry, builtinActivityTypeIds, decodeDetails, makeRegistry } from "./ActivityType.ts"
import { canonicalLanguageTag } from "./Language.ts"
import { firstForbidden } from "./Text.ts"
import { type AccountNames, namesOf } from "./summaries/AccountNames.ts"
import { english } from "./summaries/English.ts"
import { type Formatters, makeFormatters } from "./summaries/Formatting.ts"
import { german } from "./summaries/German.ts"
import type { LocaleRenderers, SummaryContext, SummaryRenderer } from "./summaries/Renderer.ts"
import { ValidationError, ValidationIssue } from "./Validation.ts"

export { type AccountNames, namesOf, noNames } from "./summaries/AccountNames.ts"
export { type Formatters, makeFormatters } from "./summaries/Formatting.ts"
export type { BuiltinRenderers, LocaleRenderers, SummaryContext, SummaryRenderer } from "./summaries/Renderer.ts"

/**
 * The renderers per locale and the default locale.
 *
 * @category models
 */
export interface TimelineLanguages {
  /** The locale used when the reader names none, or one without renderers; a key of `locales`. */
  readonly defaultLocale: string
  /** The renderers per canonical BCP 47 tag, e.g. `en`, `de`, `de-CH`. */
  readonly locales: ReadonlyMap<string, LocaleRenderers>
}

/**
 * The locales the package ships: English (`en`) and German (`de`), each with a renderer for every
 * built-in activity type (rule `timeline.builtin-renderers`); English is the default.
 *
 * @category built-in languages
 */
export const builtinLanguages: TimelineLanguages = {
  defaultLocale: "en",
  locales: new Map<string, LocaleRenderers>([["en", english], ["de", german]])
}

export { english, german }

const invalidLocale = (subject: string, tag: unknown) =>
  new ValidationError({
    subject,
    issues: [
      new ValidationIssue({
        path: "",
        message: "Expected a BCP 47 language tag such as de, de-AT or en-GB (rule timeline.reader-language)"
      })
    ],
    message: `Invalid ${subject}: expected a BCP 47 language tag such as de, de-AT or en-GB, got ${
      typeof tag === "string" ? JSON.stringify(tag.slice(0, 40)) : typeof tag
    } (rule timeline.reader-language)`
  })

const canonical = (tag: unknown): string | undefined => (typeof tag === "string" ? canonicalLanguageTag(tag.trim()) : undefined)

/**
 * Adds renderers to a locale, creating the locale when it is new (rule
 * `timeline.host-locale`): a host's own language, a regional variant, or renderers for its own
 * activity types. A renderer given for a type the locale already renders replaces it. A new
 * regional locale (`de-CH`) starts from its language's renderers (`de`); a new language (`fr`)
 * starts empty, and its readers see the stored summary of every type it does not render (see
 * {@link missingBuiltinRenderers}). Fails with a typed `ValidationError` (subject `Locale`) for a
 * tag that is not BCP 47.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { TimelineSummaries } from "customer-account"
 *
 * const languages = TimelineSummaries.addRenderers(TimelineSummaries.builtinLanguages, "fr", {
 *   "access.blocked": () => "Accès au produit bloqué"
 * })
 * Result.isSuccess(languages) // true
 * ```
 *
 * @category building
 */
export const addRenderers = (
  languages: TimelineLanguages,
  locale: string,
  renderers: Readonly<Record<string, SummaryRenderer>>
): Result.Result<TimelineLanguages, ValidationError> => {
  const tag = canonical(locale)
  if (tag === undefined) return Result.fail(invalidLocale("Locale", locale))
  const locales = new Map(languages.locales)
  // A new regional locale starts from its language's renderers: de-CH renders what de renders.
  const base = locales.get(tag) ?? locales.get(tag.split("-")[0]!)
  locales.set(tag, { ...base, ...renderers })
  return Result.succeed({ ...languages, locales })
}

/**
 * The same languages with another default locale (rule `timeline.locale-fallback`): one of the
 * locales, or its language subtag's. Fails with a `ValidationError` (subject `Locale`) for a tag
 * that is not BCP 47 or that no locale of `languages` serves.
 *
 * @category building
 */
export const withDefaultLocale = (
  languages: TimelineLanguages,
  locale: string
): Result.Result<TimelineLanguages, ValidationError> => {
  const tag = canonical(locale)
  const served = tag === undefined ? undefined : servingTag(languages, tag)
  return served === undefined
    ? Result.fail(invalidLocale("Locale", locale))
    : Result.succeed({ ...languages, defaultLocale: served })
}

const servingTag = (languages: TimelineLanguages, tag: string): string | undefined => {
  if (languages.locales.has(tag)) return tag
  const language = tag.split("-")[0]!
  return languages.locales.has(language) ? language : undefined
}

/**
 * Which locale's renderers serve a reader (rule `timeline.locale-fallback`): the reader's tag as
 * it is (`de-CH`), then its language subtag (`de`), then the default locale. `format` is the tag
 * the `Intl` formatters use: the reader's own when its language is served (`de-AT` gets Austrian
 * dates from the German renderers), else the default's.
 *
 * @example
 * ```ts
 * import { TimelineSummaries } from "customer-account"
 *
 * TimelineSummaries.resolveLocale(TimelineSummaries.builtinLanguages, "de-AT") // { renderers: "de", format: "de-AT" }
 * TimelineSummaries.resolveLocale(TimelineSummaries.builtinLanguages, "fr") // { renderers: "en", format: "en" }
 * ```
 *
 * @category rendering
 */
export const resolveLocale = (
  languages: TimelineLanguages,
  locale: string | undefined
): { readonly renderers: string; readonly format: string } => {
  const tag = locale === undefined ? undefined : canonical(locale)
  const served = tag === undefined ? undefined : servingTag(languages, tag)
  if (tag !== undefined && served !== undefined) return { renderers: served, format: tag }
  return { renderers: languages.defaultLocale, format: languages.defaultLocale }
}

/**
 * How to render: the languages, the registry that decodes the details, the reader's locale (absent:
 * the default) and the time zone of dates (default `UTC`).
 *
 * @category rendering
 */
export interface RenderOptions {
  /** The renderers per locale; default {@link builtinLanguages}. */
  readonly languages?: TimelineLanguages
  /** The activity types; default the built-in ones. */
  readonly registry?: ActivityTypeRegistry
  /** The reader's BCP 47 tag; absent: the languages' default. */
  readonly locale?: string | undefined
  /** The IANA time zone dates are shown in; default `UTC`. */
  readonly timeZone?: string
}

/** The longest summary shown: the `Summary` field's limit. */
const maxSummaryLength = 300

/** One line of clean text of at most 300 characters, or `undefined` when nothing is left. */
const clean = (text: unknown): string | undefined => {
  if (typeof text !== "string") return undefined
  const line = text.replace(/[\p{Cc}\p{Bidi_Control}\u2028\u2029\uD800-\uDFFF]/gu, " ").replace(/\s+/g, " ").trim()
  if (line.length === 0 || firstForbidden(line) !== undefined) return undefined
  if (line.length <= maxSummaryLength) return line
  // Cut by code points, never inside a surrogate pair.
  let cut = ""
  for (const character of line) {
    if (cut.length + character.length > maxSummaryLength - 1) break
    cut += character
  }
  return `${cut.trimEnd()}…`
}

/**
 * A renderer bound to one reader: renders an activity's summary, or its stored summary when the
 * locale has no renderer for the type, the details do not decode, or the renderer throws or
 * returns nothing (rule `timeline.render-never-fails`). Never throws.
 *
 * @category rendering
 */
export const makeSummaryRenderer = (
  account: Account | undefined,
  options: RenderOptions = {}
): (activity: Activity) => string => {
  const languages = options.languages ?? builtinLanguages
  const registry = options.registry ?? defaultRegistry()
  const chosen = resolveLocale(languages, options.locale)
  const renderers = languages.locales.get(chosen.renderers) ?? {}
  const format = formattersFor(chosen.format, options.timeZone)
  const names: AccountNames = namesOf(account)
  return (activity) => {
    const renderer = Object.hasOwn(renderers, activity.type) ? renderers[activity.type] : undefined
    if (renderer === undefined) return activity.summary
    const details = decodeDetails(registry, activity.type, activity.details)
    if (Result.isFailure(details)) return activity.summary
    const context: SummaryContext = { activity, locale: chosen.format, names, format }
    try {
      return clean(renderer(details.success, context)) ?? activity.summary
    } catch {
      return activity.summary
    }
  }
}

/** Formatters by locale and time zone: `Intl` formatters are costly to build, cheap to reuse. */
const formatterCache = new Map<string, Formatters>()
/** At most this many locale and time zone pairs are kept (a reader's tag is the caller's to choose). */
const formatterCacheSize = 64

const formattersFor = (locale: string, timeZone: string | undefined): Formatters => {
  const key = `${locale}\u0000${timeZone ?? ""}`
  const cached = formatterCache.get(key)
  if (cached !== undefined) return cached
  if (formatterCache.size >= formatterCacheSize) formatterCache.clear()
  const made = makeFormatters(locale, timeZone)
  formatterCache.set(key, made)
  return made
}

let builtinRegistry: ActivityTypeRegistry | undefined
const defaultRegistry = (): ActivityTypeRegistry => (builtinRegistry ??= makeRegistry())

/**
 * One activity's summary for a reader (see {@link makeSummaryRenderer}).
 *
 * @example
 * ```ts
 * import { DateTime, Result } from "effect"
 * import { Activity, ActivityType, Actor, Ids, TimelineSummaries } from "customer-account"
 *
 * const made = Activity.makeActivity(ActivityType.makeRegistry(), {
 *   id: Ids.ActivityId.make("a-1"),
 *   tenantId: Ids.TenantId.make("t-1"),
 *   customerId: Ids.CustomerId.make("c-1"),
 *   type: "invoice.created",
 *   at: DateTime.makeUnsafe("2026-11-23T10:00:00Z"),
 *   actor: Actor.supporter(Ids.StaffUserId.make("u-1"), "Mia"),
 *   summary: "Invoice created",
 *   details: { invoiceId: "inv-1", amount: { amount: 999, currency: "EUR" } }
 * })
 * if (Result.isSuccess(made)) {
 *   TimelineSummaries.renderSummary(made.success, undefined, { locale: "de" }) // "Rechnung inv-1 über 9,99 € erstellt"
 * }
 * ```
 *
 * @category rendering
 */
export const renderSummary = (activity: Activity, account: Account | undefined, options: RenderOptions = {}): string =>
  makeSummaryRenderer(account, options)(activity)

/**
 * The activities with their summaries rendered for a reader: the same `Activity` shape, only the
 * `summary` differs. Render only the page you return: the cost is one renderer call per activity.
 *
 * @category rendering
 */
export const renderActivities = (
  activities: ReadonlyArray<Activity>,
  account: Account | undefined,
  options: RenderOptions = {}
): Array<Activity> => {
  const render = makeSummaryRenderer(account, options)
  return activities.map((activity) => {
    const summary = render(activity)
    // The summary is clean one-line text of 1 to 300 characters (or the stored, checked one).
    return summary === activity.summary ? activity : new Activity({ ...activity, summary }, { disableChecks: true })
  })
}

/**
 * The built-in types a locale of `languages` has no renderer for; empty for the shipped locales
 * (rule `timeline.builtin-renderers`).
 *
 * @category checking
 */
export const missingBuiltinRenderers = (languages: TimelineLanguages, locale: string): ReadonlyArray<string> => {
  const renderers = languages.locales.get(locale) ?? {}
  return builtinActivityTypeIds.filter((type) => typeof renderers[type] !== "function")
}
