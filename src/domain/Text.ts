/**
 * Text hygiene (SPEC section 13): the one check every free-text field of the domain uses.
 *
 * A single-line text (a name, a street, a title, a consent source, an account holder, a reason,
 * ...) refuses (rule `text.clean`):
 *
 * - control characters: C0 (`U+0000` to `U+001F`, NUL, tab and line breaks included), DEL
 *   (`U+007F`) and C1 (`U+0080` to `U+009F`);
 * - the line and paragraph separators `U+2028` and `U+2029`;
 * - lone surrogates (half of a UTF-16 pair, not a character at all);
 * - bidirectional controls, Unicode's `Bidi_Control` set: the Arabic letter mark `U+061C`, the
 *   marks `U+200E` and `U+200F`, the embeddings and overrides `U+202A` to `U+202E` and the isolates
 *   `U+2066` to `U+2069`. A `U+202E` makes `Erika\u202Eexe.png` display as something else; the
 *   marks can reorder what follows them in a timeline just as well, and a typed name needs none.
 *
 * Multi-line note text ({@link isCleanMultilineText}) also accepts tab, line feed and a carriage
 * return directly before a line feed (a browser's text area sends CRLF) (rule `text.multiline`).
 *
 * The failure names the code point and its position (`U+202E at character 6`), never the text, so
 * that personal data does not leak into logs through it.
 *
 * Names and emails are stored in Unicode NFC ({@link trimNfc}, rule `text.normalized`).
 *
 * @module
 */
import { Schema, SchemaTransformation } from "effect"

const forbiddenSingleLine = /[\p{Cc}\p{Bidi_Control}\u2028\u2029\uD800-\uDFFF]/u

// The same, but tab and line feed pass, and a carriage return only directly before a line feed.
const forbiddenMultiline = /(?![\t\n\r])[\p{Cc}\p{Bidi_Control}\u2028\u2029\uD800-\uDFFF]|\r(?!\n)/u

const codePoint = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`

/**
 * The first character a text must not hold, as `U+XXXX at character N` (1-based, counted in
 * UTF-16 units), or `undefined` when the text is clean.
 *
 * @example
 * ```ts
 * import { Text } from "customer-account"
 *
 * Text.firstForbidden("Erika") // undefined
 * Text.firstForbidden("Eri\u202Eka") // "U+202E at character 4"
 * Text.firstForbidden("line 1\nline 2", { multiline: true }) // undefined
 * ```
 *
 * @category checking
 */
export const firstForbidden = (text: string, options?: { readonly multiline?: boolean }): string | undefined => {
  const match = (options?.multiline === true ? forbiddenMultiline : forbiddenSingleLine).exec(text)
  return match === null ? undefined : `${codePoint(match[0])} at character ${match.index + 1}`
}

/**
 * Whether a text is clean (rule `text.clean`), or, with `multiline`, clean for a note (rule
 * `text.multiline`).
 *
 * @category checking
 */
export const isClean = (text: string, options?: { readonly multiline?: boolean }): boolean =>
  firstForbidden(text, options) === undefined

const cleanFilter = (multiline: boolean) =>
  Schema.makeFilter<string>(
    (s) => {
      const found = firstForbidden(s, { multiline })
      return found === undefined
        ? undefined
        : multiline
        ? `Expected text without control characters other than tab and line breaks, lone surrogates or bidirectional controls; found ${found} (rule text.multiline)`
        : `Expected text without control characters, line breaks, lone surrogates or bidirectional controls; found ${found} (rule text.clean)`
    },
    {
      expected: multiline
        ? "text without control characters other than tab and line breaks, lone surrogates or bidirectional controls (rule text.multiline)"
        : "single-line text without control characters, lone surrogates or bidirectional controls (rule text.clean)"
    }
  )

/**
 * The Schema check of a single-line free-text field (rule `text.clean`). Every string field of
 * the domain that a person types carries it.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Text } from "customer-account"
 *
 * const City = Schema.String.check(Schema.isBetweenLength(1, 100), Text.isCleanText())
 * ```
 *
 * @category checks
 */
export const isCleanText = () => cleanFilter(false)

/**
 * The Schema check of multi-line note text (rule `text.multiline`): like {@link isCleanText},
 * but tab, line feed and CRLF are accepted.
 *
 * @category checks
 */
export const isCleanMultilineText = () => cleanFilter(true)

/**
 * A single-line text of `min` to `max` characters (rules `text.clean`, `text.refused-not-cut`):
 * longer text is refused, never cut.
 *
 * @category schemas
 */
export const SingleLine = (min: number, max: number, expected?: string) =>
  Schema.String.check(
    Schema.isBetweenLength(min, max, expected === undefined ? undefined : { expected }),
    isCleanText()
  )

/**
 * Trims a text and brings it into Unicode NFC on decoding (rule `text.normalized`); encoding
 * passes it through. NFC, not NFKC: the composed form of what was typed (`e` + combining acute
 * becomes `é`), without folding compatibility characters, which would change what the person
 * wrote (a ligature, a full-width letter).
 *
 * @category transformations
 */
export const trimNfc = () =>
  SchemaTransformation.transform<string, string>({
    decode: (s) => s.trim().normalize("NFC"),
    encode: (s) => s
  })
