import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as I from "../../src/domain/Iban.ts"
import { decode } from "../../src/domain/Validation.ts"
import * as Arbitraries from "../../src/testing/arbitraries.ts"
import { runs } from "../support/properties.ts"

const decodeIban = decode(I.Iban, "Iban")
const digits = "0123456789"
const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
const countries = Object.keys(I.ibanLengths)

const chars = (alphabet: string, length: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: length, maxLength: length }).map((cs) => cs.join(""))

/** A random BBAN of the country's length and national layout (the testkit's). */
const bbanFor = (country: string) => Arbitraries.bban(country)

/** A valid IBAN of any registry country, built with makeIban (the testkit's). */
const validIban = Arbitraries.iban()

/** Whether a BBAN follows a country's layout, written independently from the registry's notation. */
const followsLayout = (country: string, bban: string): boolean => {
  let at = 0
  for (const { chars: kind, length } of I.bbanLayout(country)!) {
    const run = bban.slice(at, at + length)
    const alphabet = kind === "n" ? digits : kind === "a" ? letters : digits + letters
    if (run.length !== length || [...run].some((c) => !alphabet.includes(c))) return false
    at += length
  }
  return at === bban.length
}

/** A BBAN of the country's length with valid IBAN check digits that breaks the national layout. */
const layoutBreaking = (country: string) =>
  chars(digits + letters, I.ibanLengths[country]! - 4)
    .filter((bban) => !followsLayout(country, bban))
    .map((bban) => `${country}${I.checkDigits(country, bban)}${bban}`)

const messageOf = (input: unknown): string => {
  const result = decodeIban(input)
  return Result.isFailure(result) ? result.failure.message : ""
}

/** Another character of the same class: a digit for a digit, a letter for a letter. */
const otherOfSameClass = (char: string, pick: number): string => {
  const alphabet = (digits.includes(char) ? digits : letters).replace(char, "")
  return alphabet[pick % alphabet.length]!
}

const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1)

describe("Iban", () => {
  it("iban.length-per-country: a generated IBAN of every country in the table is valid", () => {
    for (const country of countries) {
      fc.assert(
        fc.property(bbanFor(country), (bban) => {
          const made = I.makeIban(country, bban)
          expect(Result.isSuccess(made)).toBe(true)
          const iban = Result.getOrThrow(made)
          expect(iban).toHaveLength(I.ibanLengths[country]!)
          expect(iban.startsWith(country)).toBe(true)
          expect(I.isValidIban(iban)).toBe(true)
          expect(Result.getOrThrow(decodeIban(iban))).toBe(iban)
        }),
        { numRuns: runs(25) }
      )
    }
  })

  it("iban.length-per-country: the table holds the SWIFT registry's lengths for the SEPA countries and more", () => {
    // Written out independently from the registry (a sample of countries, all of SEPA).
    const registry: Record<string, number> = {
      AD: 24, AL: 28, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24,
      FI: 18, FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20,
      LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24,
      SE: 24, SI: 19, SK: 24, SM: 27, VA: 22, BR: 29, LC: 32, RU: 33, SC: 31, TR: 26, UA: 29, SA: 24
    }
    for (const [country, length] of Object.entries(registry)) expect(I.ibanLengths[country], country).toBe(length)
    expect(countries.length).toBeGreaterThanOrEqual(89)
    for (const country of I.sepaCountries) expect(I.ibanLengths[country], country).toBeDefined()
  })

  it("iban.length-per-country: one character too few or too many fails and names the expected length", () => {
    fc.assert(
      fc.property(validIban, fc.boolean(), fc.constantFrom(...digits), (iban, shorter, extra) => {
        const country = iban.slice(0, 2)
        const wrong = shorter ? iban.slice(0, -1) : iban + extra
        expect(I.isValidIban(wrong)).toBe(false)
        expect(messageOf(wrong)).toContain(
          `Expected an IBAN of ${I.ibanLengths[country]} characters for ${country}, got ${wrong.length} (rule iban.length-per-country)`
        )
      }),
      { numRuns: runs(100) }
    )
  })

  it("iban.length-per-country: a country outside the registry fails", () => {
    for (const input of ["US64SVBKUS6S3300958879", "XX89370400440532013000", "AA0012345678"]) {
      expect(I.isValidIban(input)).toBe(false)
      expect(messageOf(input)).toContain("rule iban.length-per-country")
      expect(messageOf(input)).toContain("a country of the IBAN registry")
    }
  })

  it("iban.length-per-country: characters other than letters and digits fail", () => {
    fc.assert(
      fc.property(
        validIban,
        fc.nat(),
        fc.constantFrom("-", "/", ".", "_", "Ä", "é", "*", "#"),
        (iban, at, bad) => {
          const wrong = replaceAt(iban, at % iban.length, bad)
          expect(I.isValidIban(wrong)).toBe(false)
          expect(messageOf(wrong)).toContain("rule iban.length-per-country")
        }
      ),
      { numRuns: runs(100) }
    )
    expect(messageOf(42)).toContain("Expected string")
  })

  it("iban.mod97: the known real examples pass", () => {
    const known = [
      "DE89370400440532013000",
      "GB82WEST12345698765432",
      "FR1420041010050500013M02606",
      "NL91ABNA0417164300",
      "AT611904300234573201",
      "CH9300762011623852957"
    ]
    for (const iban of known) {
      expect(I.isValidIban(iban), iban).toBe(true)
      expect(Result.getOrThrow(decodeIban(iban))).toBe(iban)
      expect(Result.getOrThrow(I.makeIban(iban.slice(0, 2), iban.slice(4)))).toBe(iban)
      expect(I.checkDigits(iban.slice(0, 2), iban.slice(4))).toBe(iban.slice(2, 4))
    }
  })

  it("iban.mod97: input with spaces and in lower case is normalized before validation", () => {
    expect(Result.getOrThrow(decodeIban("de89 3704 0044 0532 0130 00"))).toBe("DE89370400440532013000")
    expect(Result.getOrThrow(decodeIban(" fr14 2004 1010 0505 0001 3m02 606\t"))).toBe("FR1420041010050500013M02606")
    expect(I.isValidIban("gb82 west 1234 5698 7654 32")).toBe(true)
    fc.assert(
      fc.property(validIban, fc.array(fc.nat(), { maxLength: 5 }), (iban, cuts) => {
        let typed = iban.toLowerCase()
        for (const cut of cuts) {
          const at = cut % (typed.length + 1)
          typed = typed.slice(0, at) + " " + typed.slice(at)
        }
        expect(Result.getOrThrow(decodeIban(typed))).toBe(iban)
      }),
      { numRuns: runs(100) }
    )
  })

  it("iban.mod97: any change of one character to another of its class (digit for digit, letter for letter) fails", () => {
    fc.assert(
      fc.property(validIban, fc.nat(), fc.nat(), (iban, at, pick) => {
        const i = at % iban.length
        const wrong = replaceAt(iban, i, otherOfSameClass(iban[i]!, pick))
        expect(wrong).not.toBe(iban)
        expect(I.isValidIban(wrong)).toBe(false)
        expect(Result.isFailure(decodeIban(wrong))).toBe(true)
      }),
      { numRuns: runs(2000) }
    )
  })

  it("iban.mod97: any change of one of the first four characters (country, check digits) to any other letter or digit fails", () => {
    fc.assert(
      fc.property(validIban, fc.integer({ min: 0, max: 3 }), fc.constantFrom(...digits + letters), (iban, i, c) => {
        fc.pre(iban[i] !== c)
        expect(I.isValidIban(replaceAt(iban, i, c))).toBe(false)
      }),
      { numRuns: runs(1000) }
    )
  })

  it("iban.mod97: a wrong check digit fails with the rule in the message", () => {
    expect(messageOf("DE88370400440532013000")).toBe(
      "Invalid Iban: Expected an IBAN whose check digits satisfy ISO 7064 mod 97-10 (rule iban.mod97)"
    )
    // 99 and 00/01 are never issued (ISO 13616 check digits run from 02 to 98), even where mod 97 holds.
    const dummy = Result.getOrThrow(I.makeIban("DE", "000000000000000000"))
    expect(dummy).toBe("DE36000000000000000000")
    for (const [issued, alias] of [["02", "99"], ["97", "00"], ["98", "01"]] as const) {
      const bban = Array.from({ length: 1000 }, (_, n) => String(n).padStart(18, "0")).find((b) => I.checkDigits("DE", b) === issued)
      expect(bban, issued).toBeDefined()
      expect(I.isValidIban(`DE${issued}${bban}`)).toBe(true)
      expect(I.isValidIban(`DE${alias}${bban}`)).toBe(false)
    }
  })

  it("iban.mod97: makeIban computes the check digits and fails for an unknown country or a wrong length", () => {
    expect(Result.getOrThrow(I.makeIban("de", "3704 0044 0532 0130 00"))).toBe("DE89370400440532013000")
    expect(Result.isFailure(I.makeIban("XX", "370400440532013000"))).toBe(true)
    expect(Result.isFailure(I.makeIban("DE", "37040044053201300"))).toBe(true)
  })

  it("iban.masked: the masked form keeps country, check digits and the last four characters and never shows the middle", () => {
    expect(I.maskIban(I.NormalizedIban.make("DE89370400440532013000"))).toBe("DE89 **** **** **** **30 00")
    expect(I.maskIban(I.NormalizedIban.make("NO9386011117947"))).toBe("NO93 **** ***7 947")
    fc.assert(
      fc.property(validIban, (iban) => {
        const masked = I.maskIban(iban)
        const compact = masked.replaceAll(" ", "")
        expect(compact).toHaveLength(iban.length)
        expect(compact.slice(0, 4)).toBe(iban.slice(0, 4))
        expect(compact.slice(-4)).toBe(iban.slice(-4))
        expect(compact.slice(4, -4)).toBe("*".repeat(iban.length - 8))
        expect(masked).not.toContain(iban.slice(4, -4))
        expect(masked).toBe(I.formatIban(compact as I.Iban))
      }),
      { numRuns: runs(100) }
    )
  })

  it("iban.masked: the print form groups in fours and loses nothing", () => {
    expect(I.formatIban(I.NormalizedIban.make("FR1420041010050500013M02606"))).toBe("FR14 2004 1010 0505 0001 3M02 606")
    fc.assert(
      fc.property(validIban, (iban) => {
        const printed = I.formatIban(iban)
        expect(printed.replaceAll(" ", "")).toBe(iban)
        for (const group of printed.split(" ").slice(0, -1)) expect(group).toHaveLength(4)
        expect(Result.getOrThrow(decodeIban(printed))).toBe(iban)
      }),
      { numRuns: runs(100) }
    )
  })

  it("iban.length-per-country: ibanCountry names the country and SEPA membership follows the EPC list", () => {
    expect(I.ibanCountry(I.NormalizedIban.make("CH9300762011623852957"))).toBe("CH")
    for (const country of ["DE", "AT", "FR", "CH", "GB", "NO", "IS", "LI", "MC", "SM", "VA", "AD", "GI"]) {
      expect(I.isSepaCountry(country), country).toBe(true)
    }
    for (const country of ["FO", "GL", "TR", "BR", "SA", "UA", "XX"]) expect(I.isSepaCountry(country), country).toBe(false)
  })
  it("iban.national-layout: every country of the table has a layout from ibantools of its BBAN's length", () => {
    for (const country of countries) {
      const layout = I.bbanLayout(country)
      expect(layout, country).toBeDefined()
      expect(layout!.reduce((n, s) => n + s.length, 0), country).toBe(I.ibanLengths[country]! - 4)
    }
    expect(I.bbanLayout("DE")).toEqual([{ chars: "n", length: 18 }])
    expect(I.bbanLayout("GB")).toEqual([{ chars: "a", length: 4 }, { chars: "n", length: 14 }])
    expect(I.bbanLayout("NL")).toEqual([{ chars: "a", length: 4 }, { chars: "n", length: 10 }])
    expect(I.bbanLayout("IT")).toEqual([{ chars: "a", length: 1 }, { chars: "n", length: 10 }, { chars: "c", length: 12 }])
    expect(I.bbanLayout("US")).toBeUndefined()
  })

  it("iban.national-layout: the issue's example (DE, bank code then letters, check digits recomputed) is refused and names the layout", () => {
    const bban = "37040044ABCDEFGHIJ"
    const iban = `DE${I.checkDigits("DE", bban)}${bban}`
    expect(I.isValidIban(iban)).toBe(false)
    expect(messageOf(iban)).toBe(
      "Invalid Iban: Expected the national account number of a DE IBAN laid out as 18!n (18 digits), got 99999999AAAAAAAAAA (rule iban.national-layout)"
    )
    expect(Result.isFailure(I.makeIban("DE", bban))).toBe(true)
    expect(messageOf(`GB${I.checkDigits("GB", "1234WEST5698765432")}1234WEST5698765432`)).toContain("4!a14!n (4 letters, 14 digits)")
  })

  it("iban.national-layout: random BBANs that break the layout, with valid check digits, are refused (DE, GB, NL, IT, FR, AT, ES, BE, PL, CH)", () => {
    for (const country of ["DE", "GB", "NL", "IT", "FR", "AT", "ES", "BE", "PL", "CH"]) {
      fc.assert(
        fc.property(layoutBreaking(country), (iban) => {
          expect(I.isValidIban(iban)).toBe(false)
          expect(messageOf(iban)).toContain("(rule iban.national-layout)")
        }),
        { numRuns: 50 }
      )
    }
  })

  it("iban.national-layout: random IBANs of the right length and check digits are refused exactly when they break the layout", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...countries).chain((country) => chars(digits + letters, I.ibanLengths[country]! - 4).map((bban) => [country, bban] as const)),
        ([country, bban]) => {
          expect(I.isValidIban(`${country}${I.checkDigits(country, bban)}${bban}`)).toBe(followsLayout(country, bban))
        }
      ),
      { numRuns: 300 }
    )
  })

  it("iban.national-layout: generated IBANs of every country's layout are accepted, and real ones of the SEPA registry examples too", () => {
    fc.assert(
      fc.property(validIban, (iban) => {
        expect(followsLayout(iban.slice(0, 2), iban.slice(4))).toBe(true)
        expect(I.isValidIban(iban)).toBe(true)
      }),
      { numRuns: 300 }
    )
    for (const iban of ["IT60X0542811101000000123456", "ES9121000418450200051332", "BE68539007547034", "PL61109010140000071219812874"]) {
      expect(I.isValidIban(iban), iban).toBe(true)
    }
  })
})
