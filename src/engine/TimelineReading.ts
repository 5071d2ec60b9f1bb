/**
 * How the engine's read side renders the timeline in the reader's language (rule
 * `timeline.reader-language`): the languages and default locale from `EngineOptions`, and the step
 * the timeline and overview queries run on the page they return, after reading it.
 *
 * The caller's `locale` chooses the language; absent, the engine's default (`EngineOptions.locale`,
 * `en` unless set). Only the returned page is rendered.
 *
 * @module
 */
import { Context, type Effect, Result } from "effect"
import type { Account } from "../domain/Account.ts"
import type { Activity } from "../domain/Activity.ts"
import { type ActivityTypeRegistry, makeRegistry } from "../domain/ActivityType.ts"
import { builtinLanguages, renderActivities, type TimelineLanguages, withDefaultLocale } from "../domain/TimelineSummaries.ts"
import type { Page } from "../ports/AccountStore.ts"
import type { Caller } from "./Caller.ts"

/**
 * What the read side renders with.
 *
 * @category models
 */
export interface TimelineReadingSettings {
  /** The renderers per locale and the default locale. */
  readonly languages: TimelineLanguages
  /** The activity types, to decode the details. */
  readonly registry: ActivityTypeRegistry
  /** The IANA time zone dates are shown in. */
  readonly timeZone: string
}

/**
 * The reading settings of the engine in context; by default the built-in languages with English
 * as the default, the built-in types and UTC.
 *
 * @category services
 */
export const TimelineReading = Context.Reference<TimelineReadingSettings>("customer-account/TimelineReading", {
  defaultValue: () => ({ languages: builtinLanguages, registry: makeRegistry(), timeZone: "UTC" })
})

/**
 * The reading settings from the engine's options. A default `locale` the languages serve (itself
 * or by its language subtag) becomes the default; one they do not serve, or a tag that is not BCP
 * 47, leaves the languages' own default (English for the built-in languages).
 *
 * @category constructors
 */
export const makeTimelineReadingSettings = (options: {
  readonly registry: ActivityTypeRegistry
  readonly languages?: TimelineLanguages | undefined
  readonly locale?: string | undefined
  readonly timeZone?: string | undefined
}): TimelineReadingSettings => {
  const languages = options.languages ?? builtinLanguages
  const withDefault = options.locale === undefined ? undefined : withDefaultLocale(languages, options.locale)
  return {
    languages: withDefault !== undefined && Result.isSuccess(withDefault) ? withDefault.success : languages,
    registry: options.registry,
    timeZone: options.timeZone ?? "UTC"
  }
}

/**
 * A page of activities with their summaries rendered for the caller's locale.
 *
 * @category reading
 */
export const readablePage = (caller: Caller, account: Account, page: Page<Activity>): Effect.Effect<Page<Activity>> =>
  TimelineReading.useSync((settings) => ({
    ...page,
    items: renderActivities(page.items, account, {
      languages: settings.languages,
      registry: settings.registry,
      locale: caller.locale,
      timeZone: settings.timeZone
    })
  }))
