/**
 * The customer's language: a BCP 47 tag (rule `customer.language-bcp47`).
 *
 * Validity is decided by the runtime's `Intl.getCanonicalLocales`, which implements the BCP 47
 * grammar (RFC 5646) with Unicode's canonicalization, plus one practical restriction: the primary
 * language subtag is an ISO 639 code of 2 or 3 letters. That rejects words that happen to fit the
 * grammar (`german` is a syntactically valid, unregistered 6-letter subtag), and tags made only of
 * private-use or grandfathered parts (`x-klingon`, `i-klingon`), which no mail template or shop
 * front is written in. Tags are at most 64 characters.
 *
 * Input is trimmed and canonicalized on decoding: `" de-de "` becomes `de-DE`, `zh-hant-tw`
 * becomes `zh-Hant-TW`, and deprecated codes take their modern form (`iw` becomes `he`).
 *
 * @module
 */
import { Schema, SchemaTransformation } from "effect"

/**
 * The longest language tag accepted, in characters.
 *
 * @category rules
 */
export const maxLanguageTagLength = 64

/** The answers of `canonicalLanguageTag` so far, at most `maxRememberedTags` of them. */
const canonicalTags = new Map<string, string | undefined>()
const maxRememberedTags = 1_024

/**
 * The canonical form of a BCP 47 language tag, or `undefined` when the tag is not valid (rule
 * `customer.language-bcp47`). Never throws: the runtime's `RangeError` for an invalid tag is the
 * answer "not valid".
 *
 * @example
 * ```ts
 * import { Language } from "customer-account"
 *
 * Language.canonicalLanguageTag("de-de") // "de-DE"
 * Language.canonicalLanguageTag("de_DE") // undefined
 * Language.canonicalLanguageTag("german") // undefined: the language subtag has 2 or 3 letters
 * ```
 *
 * @category rules
 */
export const canonicalLanguageTag = (tag: string): string | undefined => {
  if (tag.length === 0 || tag.length > maxLanguageTagLength || !/^[A-Za-z]{2,3}(?:-|$)/.test(tag)) return undefined
  // Every stored account is checked on every read: the few tags in use are remembered.
  if (canonicalTags.has(tag)) return canonicalTags.get(tag)
  let canonical: ReadonlyArray<string>
  try {
    canonical = Intl.getCanonicalLocales(tag)
  } catch {
    canonical = []
  }
  const first = canonical[0]
  const result = canonical.length === 1 && first !== undefined && /^[a-z]{2,3}(?:-|$)/.test(first) ? first : undefined
  if (canonicalTags.size >= maxRememberedTags) canonicalTags.clear()
  canonicalTags.set(tag, result)
  return result
}

/**
 * A BCP 47 language tag in its canonical form, e.g. `de`, `de-DE`, `en-GB` or `zh-Hant-TW` (rule
 * `customer.language-bcp47`). Decoding does not canonicalize: use {@link Language} for input.
 *
 * @category models
 */
export const LanguageTag = Schema.String.check(
  Schema.makeFilter((tag: string) => canonicalLanguageTag(tag) === tag, {
    expected:
      "a BCP 47 language tag in canonical form such as de, de-DE, en-GB or zh-Hant-TW (rule customer.language-bcp47)"
  })
)

const canonicalize = SchemaTransformation.transform<string, string>({
  decode: (tag) => canonicalLanguageTag(tag.trim()) ?? tag.trim(),
  encode: (tag) => tag
})

/**
 * Builds a language Schema on top of a given string Schema, trimming and canonicalizing on
 * decoding. Annotations that must survive in the encoded form, such as personal-data marks, belong
 * on `encoded`.
 *
 * @category models
 */
export const languageFrom = <S extends Schema.Codec<string, string>>(encoded: S) =>
  encoded.pipe(Schema.decodeTo(LanguageTag, canonicalize))

/**
 * A language as typed by a person: trimmed and canonicalized, then checked (rule
 * `customer.language-bcp47`). Accepts `de`, `de-DE`, `en-gb` (as `en-GB`), `zh-Hant-TW`; rejects
 * `german`, `de_DE` and the empty string.
 *
 * @example
 * ```ts
 * import { Language, Validation } from "customer-account"
 *
 * Validation.decode(Language.Language, "Language")("en-gb") // Result.succeed("en-GB")
 * Validation.decode(Language.Language, "Language")("de_DE") // Result.fail(ValidationError)
 * ```
 *
 * @category models
 */
export const Language = languageFrom(Schema.String)

/** @category models */
export type Language = typeof Language.Type
