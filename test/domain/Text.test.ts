/**
 * Text hygiene (SPEC section 13): the shared check, as a property over arbitrary strings, and on
 * the Schemas of the free-text fields.
 */
import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Address from "../../src/domain/Address.ts"
import * as BankAccount from "../../src/domain/BankAccount.ts"
import * as Customer from "../../src/domain/Customer.ts"
import * as Email from "../../src/domain/Email.ts"
import * as Text from "../../src/domain/Text.ts"
import { decode } from "../../src/domain/Validation.ts"

/** Property runs: sized for CI; `DEEP_PROPERTIES=1` runs many more. */
const runs = process.env["DEEP_PROPERTIES"] === undefined ? 200 : 20_000

/** Every kind of character a text must not hold. */
export const forbidden: ReadonlyArray<string> = [
  "\u0000", "\u0001", "\u0007", "\u0008", "\t", "\n", "\u000B", "\u000C", "\r", "\u001B", "\u001F",
  "\u007F", "\u0080", "\u0085", "\u009F",
  "\u2028", "\u2029",
  "\uD800", "\uDBFF", "\uDC00", "\uDFFF",
  "\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"
]

/** Characters forbidden in note text too: all but tab and line feed (CR only before LF). */
const forbiddenInNotes = forbidden.filter((c) => c !== "\t" && c !== "\n" && c !== "\r")

/** Arbitrary clean text: any Unicode (emoji, combining marks, RTL letters) without forbidden characters. */
const cleanText = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => Text.isClean(s))

const inject = (base: string, position: number, c: string): string => {
  const at = Math.min(position, base.length)
  // Never split a surrogate pair of the base: inject at a code point boundary.
  const points = [...base]
  const index = Math.min(at, points.length)
  return [...points.slice(0, index), c, ...points.slice(index)].join("")
}

const withForbidden = (chars: ReadonlyArray<string>) =>
  fc.tuple(cleanText, fc.nat(), fc.constantFrom(...chars)).map(([base, at, c]) => ({ text: inject(base, at, c), c }))

describe("Text", () => {
  it("text.clean: any text with an injected forbidden character is refused, naming the code point, never the text", () => {
    fc.assert(
      fc.property(withForbidden(forbidden), ({ text, c }) => {
        const found = Text.firstForbidden(text)
        expect(found).toBeDefined()
        expect(Text.isClean(text)).toBe(false)
        // A lone surrogate injected next to another one may pair up: then an earlier character is named.
        if (!/[\uD800-\uDFFF]/.test(c)) expect(found).toContain(`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`)
      }),
      { numRuns: runs }
    )
  })

  it("text.clean: clean text, of any script, emoji and combining marks included, stays accepted", () => {
    fc.assert(fc.property(cleanText, (text) => {
      expect(Text.firstForbidden(text)).toBeUndefined()
    }), { numRuns: runs })
    for (const ok of ["Erika", "José", "Jos\u0065\u0301", "محمد", "שָׁלוֹם", "👩‍👩‍👧", "Zoë O'Neil-Smith", "山田 太郎", "\u200D", "\u200C"]) {
      expect(Text.isClean(ok), ok).toBe(true)
    }
  })

  it("text.clean: every field Schema with the check refuses an injected forbidden character and accepts clean text", () => {
    const single = Text.SingleLine(0, 100)
    const decodeSingle = decode(single, "Text")
    fc.assert(
      fc.property(withForbidden(forbidden), ({ text }) => {
        const result = decodeSingle(text)
        expect(Result.isFailure(result)).toBe(true)
        if (Result.isFailure(result)) expect(result.failure.issues[0]?.message).toContain("rule text.clean")
      }),
      { numRuns: runs }
    )
    fc.assert(
      fc.property(cleanText.filter((s) => s.length <= 100), (text) => {
        expect(Result.isSuccess(decodeSingle(text))).toBe(true)
      }),
      { numRuns: runs }
    )
  })

  it("text.multiline: note text accepts tab, line feed and CRLF, and refuses every other forbidden character and a lone CR", () => {
    expect(Text.isClean("line 1\nline 2\r\n\tindented", { multiline: true })).toBe(true)
    expect(Text.isClean("line 1\nline 2", { multiline: false })).toBe(false)
    expect(Text.firstForbidden("a\rb", { multiline: true })).toBe("U+000D at character 2")
    expect(Text.firstForbidden("a\r", { multiline: true })).toBe("U+000D at character 2")
    fc.assert(
      fc.property(withForbidden(forbiddenInNotes), ({ text }) => {
        expect(Text.isClean(text, { multiline: true })).toBe(false)
      }),
      { numRuns: runs }
    )
  })

  it("text.refused-not-cut: a name, company name, street, account holder or email over its limit is refused, never cut", () => {
    const cases: ReadonlyArray<readonly [Schema.Codec<unknown, unknown>, string, number]> = [
      [Customer.Name as never, "Name", 100],
      [Customer.CompanyName as never, "CompanyName", 100],
      [Customer.Title as never, "Title", 50],
      [Address.Street as never, "Street", 100],
      [BankAccount.AccountHolder as never, "AccountHolder", 30]
    ]
    for (const [schema, subject, max] of cases) {
      const run = decode(schema, subject)
      expect(Result.isSuccess(run("x".repeat(max))), subject).toBe(true)
      const over = run("x".repeat(max + 1))
      expect(Result.isFailure(over), subject).toBe(true)
    }
    expect(Result.isFailure(decode(Email.Email, "Email")(`${"a".repeat(65)}@example.de`))).toBe(true)
  })

  it("text.normalized: names, street and emails decode into NFC; the email key compares NFC forms", () => {
    const decomposed = "Jose\u0301"
    const composed = "Jos\u00e9"
    const profile = decode(Customer.PersonalDetails, "Profile")({
      kind: "private",
      salutation: "mr",
      firstName: ` ${decomposed} `,
      lastName: "Mu\u0308ller",
      email: `${decomposed}@example.de`,
      language: "de"
    })
    expect(Result.isSuccess(profile)).toBe(true)
    if (Result.isSuccess(profile)) {
      expect(profile.success.firstName).toBe(composed)
      expect(profile.success.lastName).toBe("M\u00fcller")
      expect(profile.success.email).toBe(`${composed}@example.de`)
    }
    expect(Email.sameEmail(`${decomposed}@Example.de`, `${composed}@example.DE`)).toBe(true)
    expect(Result.getOrThrow(decode(Address.Street, "Street")("Stra\u00dfe")) as string).toBe("Stra\u00dfe")
    // NFC, not NFKC: a ligature or a full-width letter stays as typed.
    expect(Result.getOrThrow(decode(Customer.Name, "Name")("\ufb01ne")) as string).toBe("\ufb01ne")
  })
})
