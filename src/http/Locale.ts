/**
 * `Accept-Language` to the caller's locale: the reader's language for localized timelines.
 *
 * This is one separate step: the HTTP layer picks the client's most preferred well-formed BCP 47
 * tag and sets it as `locale` on the caller the host's authentication returned, unless that caller
 * already names one. It does so only when the engine's `Caller` Schema has a `locale` field (a
 * caller with an unknown key is refused, rule `caller.decoded`); without that field the header is
 * read and ignored.
 *
 * @module
 */
import { Caller } from "../engine/Caller.ts"

interface Weighted {
  readonly tag: string
  readonly quality: number
  readonly order: number
}

const parseEntry = (entry: string, order: number): Weighted | undefined => {
  const [range, ...attributes] = entry.trim().split(";")
  const tag = range?.trim() ?? ""
  if (tag === "" || tag === "*") return undefined
  let quality = 1
  for (const attribute of attributes) {
    const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(attribute)
    if (match !== null) quality = Number(match[1])
  }
  if (quality <= 0) return undefined
  try {
    const [canonical] = Intl.getCanonicalLocales(tag)
    return canonical === undefined ? undefined : { tag: canonical, quality, order }
  } catch {
    // Not a well-formed BCP 47 tag: skipped, as an unknown range is.
    return undefined
  }
}

/**
 * The client's most preferred well-formed BCP 47 language tag of an `Accept-Language` header
 * (highest `q`, then the first listed), canonicalized (`de-de` becomes `de-DE`); none for no header,
 * `*` only or nothing well-formed.
 *
 * @category locale
 */
export const preferredLocale = (acceptLanguage: string | undefined): string | undefined => {
  if (acceptLanguage === undefined) return undefined
  const entries = acceptLanguage
    .split(",")
    .map(parseEntry)
    .filter((entry): entry is Weighted => entry !== undefined)
    .sort((a, b) => b.quality - a.quality || a.order - b.order)
  return entries[0]?.tag
}

/**
 * Whether the engine's `Caller` carries a locale (the field of localized timelines).
 *
 * @category locale
 */
export const callerHasLocale: boolean = "locale" in (Caller.fields as Record<string, unknown>)

/**
 * The caller with the `Accept-Language` header's preferred locale, when the engine's `Caller`
 * has a `locale` field and the caller names none yet; otherwise the caller as it is.
 *
 * @category locale
 */
export const withLocale = <C extends object>(caller: C, acceptLanguage: string | undefined): C => {
  if (!callerHasLocale || "locale" in caller) return caller
  const locale = preferredLocale(acceptLanguage)
  return locale === undefined ? caller : { ...caller, locale }
}
