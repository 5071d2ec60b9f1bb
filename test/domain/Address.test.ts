import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as A from "../../src/domain/Address.ts"
import * as C from "../../src/domain/Country.ts"
import { AddressId } from "../../src/domain/Ids.ts"
import { erasePersonalData, personalFields, personalStrings } from "../../src/domain/PersonalData.ts"
import * as P from "../../src/domain/PostalCode.ts"
import { decode } from "../../src/domain/Validation.ts"
import { runs } from "../support/properties.ts"

const decodeInput = decode(A.AddressInput, "Address")
const decodeAddress = decode(A.Address, "Address")
const decodeCountry = decode(C.CountryCodeInput, "Country")

type Issues = ReadonlyArray<{ readonly path: string; readonly message: string }>
const issuesOf = (result: Result.Result<unknown, { readonly issues: Issues }>): Issues =>
  Result.isFailure(result) ? result.failure.issues : []

const person = { firstName: "Erika", lastName: "Mustermann" }
const street = { street: "Heidestraße", houseNumber: "17", city: "Köln" }
const german = { ...person, ...street, postalCode: "51147", country: "DE" }

// ---------------------------------------------------------------------------------------------
// Postal codes: examples per country, as typed by a person
// ---------------------------------------------------------------------------------------------

/** Valid codes as a person may type them, and what they normalize to. */
const valid: ReadonlyArray<readonly [C.CountryCode, ReadonlyArray<readonly [typed: string, normalized: string]>]> = [
  ["DE", [["10115", "10115"], ["01067", "01067"], ["80331", "80331"], [" 20095 ", "20095"], ["99998", "99998"]]],
  ["AT", [["1010", "1010"], ["8010", "8010"], ["6020", "6020"], ["9020", "9020"]]],
  ["CH", [["8001", "8001"], ["3000", "3000"], ["1201", "1201"], ["6900", "6900"]]],
  ["LI", [["9490", "9490"], ["9485", "9485"], ["9498", "9498"]]],
  ["NL", [["1012 AB", "1012 AB"], ["1012ab", "1012 AB"], ["3511 lx", "3511 LX"], ["9999ZZ", "9999 ZZ"], ["2514  JG", "2514 JG"], ["1000 SB", "1000 SB"]]],
  ["FR", [["75008", "75008"], ["20000", "20000"], ["97400", "97400"], ["13001", "13001"]]],
  ["MC", [["98000", "98000"]]],
  ["US", [["10001", "10001"], ["90210", "90210"], ["10001-1234", "10001-1234"], ["10001 1234", "10001-1234"], ["100011234", "10001-1234"]]],
  ["BE", [["1000", "1000"], ["2000", "2000"], ["9000", "9000"]]],
  ["LU", [["1009", "1009"], ["L-1009", "1009"], ["4001", "4001"]]],
  ["DK", [["1050", "1050"], ["8000", "8000"], ["0800", "0800"]]],
  ["SE", [["114 55", "114 55"], ["11455", "114 55"], ["411 04", "411 04"], ["98499", "984 99"]]],
  ["NO", [["0150", "0150"], ["5003", "5003"], ["9990", "9990"]]],
  ["FI", [["00100", "00100"], ["33100", "33100"], ["99999", "99999"]]],
  ["AX", [["22100", "22100"]]],
  ["IS", [["101", "101"], ["600", "600"]]],
  ["PL", [["00-950", "00-950"], ["00950", "00-950"], ["31-042", "31-042"], ["80 001", "80-001"]]],
  ["CZ", [["110 00", "110 00"], ["11000", "110 00"], ["602 00", "602 00"], ["702 00", "702 00"]]],
  ["SK", [["811 01", "811 01"], ["04001", "040 01"], ["974 01", "974 01"]]],
  ["IT", [["00184", "00184"], ["20121", "20121"], ["90133", "90133"]]],
  ["SM", [["47890", "47890"]]],
  ["VA", [["00120", "00120"]]],
  ["ES", [["28013", "28013"], ["08001", "08001"], ["52001", "52001"], ["01001", "01001"]]],
  ["AD", [["AD500", "AD500"], ["ad 500", "AD500"], ["500", "AD500"]]],
  ["PT", [["1000-001", "1000-001"], ["1000001", "1000-001"], ["4050-123", "4050-123"]]],
  ["IE", [["D02 X285", "D02 X285"], ["d02x285", "D02 X285"], ["A65 F4E2", "A65 F4E2"], ["T12 XHK5", "T12 XHK5"], ["D6W 1234", "D6W 1234"]]],
  ["GR", [["105 57", "105 57"], ["54624", "546 24"]]],
  ["CY", [["1010", "1010"]]],
  ["MT", [["VLT 1117", "VLT 1117"], ["vlt1117", "VLT 1117"]]],
  ["HU", [["1051", "1051"]]],
  ["SI", [["1000", "1000"]]],
  ["HR", [["10000", "10000"], ["21000", "21000"]]],
  ["RO", [["010011", "010011"]]],
  ["BG", [["1000", "1000"]]],
  ["EE", [["10115", "10115"]]],
  ["LV", [["LV-1050", "LV-1050"], ["1050", "LV-1050"], ["lv1050", "LV-1050"]]],
  ["LT", [["LT-01100", "LT-01100"], ["01100", "LT-01100"]]],
  ["CA", [["K1A 0B1", "K1A 0B1"], ["m5v3l9", "M5V 3L9"], ["H2X 1Y4", "H2X 1Y4"]]],
  ["JP", [["100-0001", "100-0001"], ["1000001", "100-0001"]]],
  ["BR", [["01310-100", "01310-100"], ["01310100", "01310-100"]]],
  ["IN", [["110001", "110001"], ["110 001", "110001"]]],
  ["AU", [["2000", "2000"]]],
  ["NZ", [["6011", "6011"]]],
  ["TR", [["06100", "06100"]]],
  ["JE", [["JE2 3AB", "JE2 3AB"]]],
  ["GG", [["GY1 1AA", "GY1 1AA"]]],
  ["IM", [["IM1 1AA", "IM1 1AA"]]],
  ["GL", [["3900", "3900"]]],
  ["FO", [["100", "100"]]],
  ["KE", [["00100", "00100"], ["ab-12", "AB-12"], ["1", "1"], ["123456789012", "123456789012"]]],
  ["AQ", [["BIQQ 1ZZ", "BIQQ 1ZZ"]]]
]

const invalid: ReadonlyArray<readonly [C.CountryCode, ReadonlyArray<string>]> = [
  ["DE", ["1011", "101155", "1011A", "D-10115", "", "ABCDE", "10 115"]],
  ["AT", ["0100", "10100", "101", "A-1010"]],
  ["CH", ["0800", "80010", "CH-8001", "800"]],
  ["LI", ["9484", "9499", "9500", "8001"]],
  ["NL", ["0123 AB", "1012 SA", "1012 SD", "1012 SS", "1012 A", "10123 AB", "1012-AB", "1012", "AB 1012"]],
  ["FR", ["7500", "750080", "2A000", "F-75008"]],
  ["MC", ["98100", "75008"]],
  ["US", ["1000", "100011", "10001-123", "ABCDE", "10001-12345"]],
  ["BE", ["0100", "10000", "B-1000"]],
  ["LU", ["100", "10090", "L1009X"]],
  ["DK", ["105", "10500", "DK-1050"]],
  ["SE", ["014 55", "1145", "114 555", "S-11455"]],
  ["NO", ["015", "01500"]],
  ["FI", ["0010", "001000"]],
  ["PL", ["00-95", "009500", "0-0950", "00--950"]],
  ["CZ", ["810 00", "010 00", "1100"]],
  ["SK", ["110 00", "8110"]],
  ["IT", ["0018", "001840", "I-00184"]],
  ["ES", ["53001", "00001", "2801", "280130"]],
  ["PT", ["0100-001", "1000-01", "100-0001"]],
  ["IE", ["B02 X285", "D02 X28", "D02 X2B5", "D02 O285", "D6X 1234", "D2 X285", "D02 X2855"]],
  ["GR", ["905 57", "105 5"]],
  ["LV", ["LV-105", "LT-1050"]],
  ["LT", ["LT-0110", "LV-01100"]],
  ["CA", ["D1A 0B1", "K1A 0B", "W1A 0B1", "K1A 0D1", "12345"]],
  ["AD", ["AD50", "AD5000"]],
  ["JP", ["100-001", "10-0001"]],
  ["BR", ["01310-10", "0131-100"]],
  ["KE", ["", "-12", "12-", "12--3", "1234567890123", "12_3", "ÄB1"]]
]

/** The UK postcode grammar, written out independently of the code under test. */
const uk = {
  first: "ABCDEFGHIJKLMNOPRSTUWYZ", // not Q, V, X
  second: "ABCDEFGHKLMNOPQRSTUVWXY", // not I, J, Z
  thirdA9A: "ABCDEFGHJKPSTUW",
  fourthAA9A: "ABEHMNPRVWXY",
  inward: "ABDEFGHJLNPQRSTUWXYZ" // not C, I, K, M, O, V
}
const digit = fc.constantFrom(..."0123456789")
const from = (letters: string) => fc.constantFrom(...letters)
const ukOutward = fc.oneof(
  fc.tuple(from(uk.first), digit).map((p) => p.join("")), // A9
  fc.tuple(from(uk.first), digit, digit).map((p) => p.join("")), // A99
  fc.tuple(from(uk.first), from(uk.second), digit).map((p) => p.join("")), // AA9
  fc.tuple(from(uk.first), from(uk.second), digit, digit).map((p) => p.join("")), // AA99
  fc.tuple(from(uk.first), digit, from(uk.thirdA9A)).map((p) => p.join("")), // A9A
  fc.tuple(from(uk.first), from(uk.second), digit, from(uk.fourthAA9A)).map((p) => p.join("")) // AA9A
)
const ukInward = fc.tuple(digit, from(uk.inward), from(uk.inward)).map((p) => p.join(""))
const ukPostcode = fc.tuple(ukOutward, ukInward).map(([o, i]) => `${o} ${i}`)

describe("countries", () => {
  it("address.country-iso: the list holds the 249 officially assigned codes, each once, in order", () => {
    expect(C.countryCodes).toHaveLength(249)
    expect(new Set(C.countryCodes).size).toBe(249)
    expect([...C.countryCodes].sort()).toEqual([...C.countryCodes])
    for (const code of C.countryCodes) expect(code).toMatch(/^[A-Z]{2}$/)
    for (const code of ["DE", "AT", "CH", "NL", "FR", "GB", "US", "AX", "BQ", "CW", "SS", "SX"]) {
      expect(C.isCountryCode(code), code).toBe(true)
    }
    // Reserved, deleted, user-assigned or not codes at all
    for (const code of ["UK", "EU", "XK", "ZZ", "AN", "CS", "SU", "YU", "DD", "FX", "de", "D", "DEU"]) {
      expect(C.isCountryCode(code), code).toBe(false)
    }
  })

  it("address.country-iso: every code in the list is a region the runtime's CLDR data knows by name", () => {
    const names = new Intl.DisplayNames(["en"], { type: "region" })
    for (const code of C.countryCodes) expect(names.of(code), code).not.toBe(code)
  })

  it("address.country-iso: input is trimmed and upper-cased; anything else fails naming the rule", () => {
    expect(Result.getOrThrow(decodeCountry(" de "))).toBe("DE")
    expect(Result.getOrThrow(decodeCountry("gb"))).toBe("GB")
    for (const bad of ["UK", "XK", "", "D", "DEU", "12"]) {
      const result = decodeCountry(bad)
      expect(Result.isFailure(result), bad).toBe(true)
      expect(issuesOf(result)[0]?.message).toContain("ISO 3166-1 alpha-2")
      expect(issuesOf(result)[0]?.message).toContain("(rule address.country-iso)")
    }
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{2}$/), (code) => {
        expect(Result.isSuccess(decodeCountry(code))).toBe((C.countryCodes as ReadonlyArray<string>).includes(code.toUpperCase()))
      }),
      { numRuns: runs(100) }
    )
  })

  it("address.country-iso: an address with an unknown country fails at path country", () => {
    const issues = issuesOf(decodeInput({ ...german, country: "XK" }))
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe("country")
    expect(issues[0]?.message).toContain("(rule address.country-iso)")
  })
})

describe("postal codes", () => {
  describe.each(valid)("%s", (country, examples) => {
    it.each(examples)(`address.postal-code-per-country: ${country} accepts %j as %j`, (typed, normalized) => {
      expect(P.isValidPostalCode(country, typed)).toBe(true)
      expect(P.normalizePostalCode(country, typed)).toBe(normalized)
      expect(P.isNormalizedPostalCode(country, normalized)).toBe(true)
      const decoded = decodeInput({ ...german, country, postalCode: typed })
      expect(Result.isSuccess(decoded) && decoded.success.postalCode).toBe(normalized)
    })
  })

  describe.each(invalid)("%s", (country, examples) => {
    it.each(examples)(`address.postal-code-per-country: ${country} rejects %j`, (code) => {
      expect(P.isValidPostalCode(country, code)).toBe(false)
      const issues = issuesOf(decodeInput({ ...german, country, postalCode: code }))
      expect(issues).toHaveLength(1)
      expect(issues[0]?.path).toBe("postalCode")
      expect(issues[0]?.message).toBe(`Expected ${P.postalCodeFormat(country)} (rule address.postal-code-per-country)`)
    })
  })

  it("address.postal-code-per-country: every country of the brief and more has its own format", () => {
    for (const country of ["DE", "AT", "CH", "NL", "FR", "GB", "US", "BE", "LU", "DK", "SE", "NO", "FI", "PL", "CZ", "IT", "ES", "PT", "IE"] as const) {
      expect(P.postalCodeCountries).toContain(country)
      expect(P.postalCodeFormat(country)).not.toContain("1 to 12")
    }
    expect(P.postalCodeFormat("DE")).toBe("a German postal code of 5 digits, e.g. 10115")
    expect(P.postalCodeFormat("KE")).toContain("a postal code for KE of 1 to 12 letters and digits")
  })

  it("address.postal-code-per-country: every format's own example is valid, and is already normalized", () => {
    for (const country of C.countryCodes) {
      const example = /e\.g\. (.+?)(?: or |$)/.exec(P.postalCodeFormat(country))?.[1]
      if (example === undefined) continue
      expect(P.isNormalizedPostalCode(country, example), `${country} ${example}`).toBe(true)
      expect(P.normalizePostalCode(country, example)).toBe(example)
    }
  })

  it("address.postal-code-per-country: GB accepts the real postcodes, GIR 0AA, and any case and spacing", () => {
    const real = ["SW1A 1AA", "SW1A 2AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "GIR 0AA", "L1 8JQ", "BT1 5GS", "BX1 1LT", "E1W 1YY", "N1C 4QP", "EH1 1YZ"]
    for (const code of real) {
      expect(P.isNormalizedPostalCode("GB", code), code).toBe(true)
      expect(P.normalizePostalCode("GB", code.toLowerCase().replace(" ", "")), code).toBe(code)
      expect(P.normalizePostalCode("GB", `  ${code.replace(" ", "   ").toLowerCase()} `), code).toBe(code)
    }
  })

  it("address.postal-code-per-country: GB rejects letters in the wrong positions and wrong shapes", () => {
    const wrong = [
      "QA1 1AA", "VA1 1AA", "XA1 1AA", // Q, V, X never come first
      "AI1 1AA", "AJ1 1AA", "AZ1 1AA", // I, J, Z never come second
      "W1I 0AX", "W1L 0AX", // A9A: the third letter is one of A-H, J, K, P, S, T, U, W
      "EC1Z 1BB", "EC1C 1BB", // AA9A: the fourth letter is one of A, B, E, H, M, N, P, R, V, W, X, Y
      "SW1A 1CA", "SW1A 1AI", "SW1A 1AK", "M1 1MA", "M1 1AO", "M1 1VA", // the inward letters never C, I, K, M, O, V
      "SW1A AAA", "SW1A 1A", "SW1A 11A", "SW1AA 1AA", "1W1A 1AA", "GIR 0AB", "SW123 1AA", "", "SW1A1AAA"
    ]
    for (const code of wrong) {
      expect(P.isValidPostalCode("GB", code), code).toBe(false)
      const issues = issuesOf(decodeInput({ ...german, country: "GB", postalCode: code }))
      expect(issues[0]?.path).toBe("postalCode")
      expect(issues[0]?.message).toContain("UK postcode")
      expect(issues[0]?.message).toContain("(rule address.postal-code-per-country)")
    }
  })

  it("address.postal-code-per-country: GB accepts every postcode of the grammar, with or without the space", () => {
    fc.assert(
      fc.property(ukPostcode, (code) => {
        expect(P.isNormalizedPostalCode("GB", code)).toBe(true)
        expect(P.normalizePostalCode("GB", code.replace(" ", "").toLowerCase())).toBe(code)
      }),
      { numRuns: runs(100) }
    )
  })

  it("address.postal-code-per-country: GB rejects a postcode with a forbidden first or inward letter", () => {
    fc.assert(
      fc.property(ukPostcode, from("QVX"), from("CIKMOV"), fc.boolean(), (code, first, inward, inFront) => {
        const broken = inFront ? first + code.slice(1) : code.slice(0, -1) + inward
        expect(P.isValidPostalCode("GB", broken)).toBe(false)
      }),
      { numRuns: runs(100) }
    )
  })

  it("address.postal-code-per-country: DE accepts exactly 5 digits, AT and CH exactly 4 not starting with 0", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,8}$/), (digits) => {
        expect(P.isValidPostalCode("DE", digits)).toBe(digits.length === 5)
        expect(P.isValidPostalCode("AT", digits)).toBe(digits.length === 4 && !digits.startsWith("0"))
        expect(P.isValidPostalCode("CH", digits)).toBe(digits.length === 4 && !digits.startsWith("0"))
      }),
      { numRuns: runs(100) }
    )
  })

  it("address.postal-code-per-country: NL accepts 4 digits and 2 letters except SA, SD and SS", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{3}$/), fc.stringMatching(/^[A-Z]{2}$/), fc.boolean(), (digits, letters, space) => {
        const code = space ? `${digits} ${letters}` : digits + letters.toLowerCase()
        expect(P.isValidPostalCode("NL", code)).toBe(!["SA", "SD", "SS"].includes(letters))
      }),
      { numRuns: runs(100) }
    )
  })

  it("address.postal-code-per-country: US accepts ZIP and ZIP+4 only", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5}$/), fc.stringMatching(/^\d{1,6}$/), (zip, plus) => {
        expect(P.isValidPostalCode("US", zip)).toBe(true)
        expect(P.isValidPostalCode("US", `${zip}-${plus}`)).toBe(plus.length === 4)
      }),
      { numRuns: runs(100) }
    )
  })

  it("address.postal-code-per-country: normalizing is idempotent and only accepted codes change shape", () => {
    fc.assert(
      fc.property(fc.constantFrom(...C.countryCodes), fc.string({ maxLength: 14 }), (country, code) => {
        const once = P.normalizePostalCode(country, code)
        expect(P.normalizePostalCode(country, once)).toBe(once)
        expect(P.isValidPostalCode(country, code)).toBe(P.isNormalizedPostalCode(country, once))
        if (!P.isNormalizedPostalCode(country, once)) {
          expect(once).toBe(code.trim().replace(/\s+/g, " ").toUpperCase())
        }
      }),
      { numRuns: runs(100) }
    )
  })

  it("address.postal-code-per-country: a stored address holds the normalized form and is checked as stored", () => {
    const input = Result.getOrThrow(decodeInput({ ...german, country: "GB", postalCode: "sw1a1aa" }))
    const stored = A.addressFromInput(AddressId.make("a-1"), "billing", input)
    expect(stored.postalCode).toBe("SW1A 1AA")
    const encoded = { ...stored, postalCode: "sw1a1aa" }
    const issues = issuesOf(decodeAddress(encoded))
    expect(issues[0]?.path).toBe("postalCode")
    expect(issues[0]?.message).toContain("(rule address.postal-code-per-country)")
    expect(() => new A.Address({ ...stored, country: "AT" })).toThrow()
  })
})

describe("names and fields", () => {
  const place = { ...street, postalCode: "10115", country: "DE" }

  it("address.name-or-company: a person, a company, or both", () => {
    expect(Result.isSuccess(decodeInput({ ...place, ...person }))).toBe(true)
    expect(Result.isSuccess(decodeInput({ ...place, companyName: "Muster GmbH" }))).toBe(true)
    expect(Result.isSuccess(decodeInput({ ...place, ...person, companyName: "Muster GmbH" }))).toBe(true)
  })

  it("address.name-or-company: half a name is reported at the missing half, nothing at all at the root", () => {
    const cases: ReadonlyArray<readonly [Record<string, string>, string]> = [
      [{ firstName: "Erika" }, "lastName"],
      [{ lastName: "Mustermann" }, "firstName"],
      [{ firstName: "Erika", companyName: "Muster GmbH" }, "lastName"],
      [{ lastName: "Mustermann", companyName: "Muster GmbH" }, "firstName"],
      [{}, ""]
    ]
    for (const [names, path] of cases) {
      const issues = issuesOf(decodeInput({ ...place, ...names }))
      expect(issues, JSON.stringify(names)).toHaveLength(1)
      expect(issues[0]?.path).toBe(path)
      expect(issues[0]?.message).toContain("(rule address.name-or-company)")
    }
  })

  it("address.name-or-company: valid exactly when both names or a company are present", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (first, last, company) => {
        const names = {
          ...(first ? { firstName: "Erika" } : {}),
          ...(last ? { lastName: "Mustermann" } : {}),
          ...(company ? { companyName: "Muster GmbH" } : {})
        }
        const ok = first === last && (last || company)
        expect(Result.isSuccess(decodeInput({ ...place, ...names }))).toBe(ok)
      }),
      { numRuns: runs(100) }
    )
  })

  it("address.name-or-company: a wrong postal code and a missing name are both reported", () => {
    const issues = issuesOf(decodeInput({ ...street, postalCode: "1234", country: "DE" }))
    expect(issues.map((i) => i.path).sort()).toEqual(["", "postalCode"])
  })

  it("address.fields: texts are trimmed; empty, blank and too long ones fail at their path naming the rule", () => {
    const trimmed = Result.getOrThrow(decodeInput({ ...place, ...person, street: "  Heidestraße ", city: " Köln", addition: " c/o Muster " }))
    expect([trimmed.street, trimmed.city, trimmed.addition]).toEqual(["Heidestraße", "Köln", "c/o Muster"])
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["street", ""], ["street", "   "], ["street", "x".repeat(101)],
      ["houseNumber", ""], ["houseNumber", "1".repeat(21)],
      ["city", " "], ["city", "y".repeat(101)],
      ["addition", ""], ["firstName", " "], ["lastName", "z".repeat(101)], ["companyName", ""]
    ]
    for (const [field, value] of cases) {
      const issues = issuesOf(decodeInput({ ...place, ...person, companyName: "Muster GmbH", [field]: value }))
      expect(issues[0]?.path, `${field}=${JSON.stringify(value)}`).toBe(field)
      expect(issues[0]?.message).toContain("(rule address.fields)")
    }
    expect(Result.isSuccess(decodeInput({ ...place, ...person, street: "x".repeat(100), houseNumber: "1".repeat(20) }))).toBe(true)
  })

  it("address.fields: unknown keys are rejected", () => {
    const issues = issuesOf(decodeInput({ ...german, salutation: "mrs" }))
    expect(issues[0]?.path).toBe("salutation")
  })
})

// ---------------------------------------------------------------------------------------------
// The preferred address per kind
// ---------------------------------------------------------------------------------------------

const content = Result.getOrThrow(decodeInput(german))
const address = (id: string, kind: A.AddressKind, preferred = false) =>
  A.addressFromInput(AddressId.make(id), kind, content, preferred)
const ids = (addresses: ReadonlyArray<A.Address>) => addresses.map((a) => a.id)
const preferredIds = (addresses: ReadonlyArray<A.Address>) => addresses.filter((a) => a.preferred).map((a) => a.id)
const kind = fc.constantFrom<A.AddressKind>("billing", "delivery")
const ok = <A, E>(result: Result.Result<A, E>): A => Result.getOrThrow(result)

/** Invariant, written independently: per kind at most one preferred, and exactly one when the kind has addresses. */
const invariantHolds = (addresses: ReadonlyArray<A.Address>) => {
  for (const kind of ["billing", "delivery"] as const) {
    const ofKind = addresses.filter((a) => a.kind === kind)
    const preferred = ofKind.filter((a) => a.preferred).length
    expect(preferred).toBeLessThanOrEqual(1)
    expect(preferred).toBe(ofKind.length > 0 ? 1 : 0)
  }
}

describe("preferred address per kind", () => {
  it("address.one-preferred-per-kind: the first address of each kind becomes preferred", () => {
    const list = A.addAddress(A.addAddress([], address("b1", "billing")), address("d1", "delivery"))
    expect(preferredIds(list)).toEqual(["b1", "d1"])
    expect(A.preferredOf(list, "billing")?.id).toBe("b1")
    expect(A.preferredOf(list, "delivery")?.id).toBe("d1")
    expect(A.preferredOf([], "billing")).toBeUndefined()
  })

  it("address.one-preferred-per-kind: adding a preferred address un-prefers the previous one of its kind only", () => {
    let list = A.addAddress([], address("b1", "billing"))
    list = A.addAddress(list, address("d1", "delivery"))
    list = A.addAddress(list, address("b2", "billing"))
    expect(preferredIds(list)).toEqual(["b1", "d1"])
    list = A.addAddress(list, address("b3", "billing", true))
    expect(ids(list)).toEqual(["b1", "d1", "b2", "b3"])
    expect(preferredIds(list)).toEqual(["d1", "b3"])
    expect(A.addressesOf(list, "billing").map((a) => a.id)).toEqual(["b1", "b2", "b3"])
  })

  it("address.one-preferred-per-kind: setPreferred moves the mark within the kind", () => {
    const list = [address("b1", "billing", true), address("b2", "billing"), address("d1", "delivery", true)]
    const next = ok(A.setPreferred(list, AddressId.make("b2")))
    expect(preferredIds(next)).toEqual(["b2", "d1"])
    expect(preferredIds(list)).toEqual(["b1", "d1"]) // the input is not changed
  })

  it("address.one-preferred-per-kind: removing the preferred address prefers the oldest remaining of its kind", () => {
    const list = [address("b1", "billing"), address("d1", "delivery", true), address("b2", "billing", true), address("b3", "billing")]
    const next = ok(A.removeAddress(list, AddressId.make("b2")))
    expect(ids(next)).toEqual(["b1", "d1", "b3"])
    expect(preferredIds(next)).toEqual(["b1", "d1"])
    expect(preferredIds(ok(A.removeAddress(next, AddressId.make("d1"))))).toEqual(["b1"])
  })

  it("address.one-preferred-per-kind: changing an address's kind settles both kinds", () => {
    const list = [address("b1", "billing", true), address("b2", "billing"), address("d1", "delivery", true)]
    const moved = ok(A.changeAddress(list, address("b1", "delivery")))
    expect(ids(moved)).toEqual(["b1", "b2", "d1"])
    expect(preferredIds(moved)).toEqual(["b2", "d1"])
    const movedPreferred = ok(A.changeAddress(list, address("b2", "delivery", true)))
    expect(preferredIds(movedPreferred)).toEqual(["b1", "b2"])
  })

  it("address.one-preferred-per-kind: a kind's preferred address stays preferred when changed without the mark", () => {
    const list = [address("b1", "billing", true), address("b2", "billing")]
    expect(preferredIds(ok(A.changeAddress(list, address("b1", "billing", false))))).toEqual(["b1"])
  })

  it("address.one-preferred-per-kind: a list breaking the invariant is repaired by the next change", () => {
    const broken = [address("b1", "billing", true), address("b2", "billing", true), address("d1", "delivery")]
    expect(A.hasOnePreferredPerKind(broken)).toBe(false)
    expect(A.hasOnePreferredPerKind(A.addAddress(broken, address("d2", "delivery")))).toBe(true)
  })

  type Op =
    | { readonly op: "add"; readonly kind: A.AddressKind; readonly preferred: boolean }
    | { readonly op: "prefer"; readonly pick: number }
    | { readonly op: "remove"; readonly pick: number }
    | { readonly op: "change"; readonly pick: number; readonly kind: A.AddressKind; readonly preferred: boolean }
  const pick = fc.nat({ max: 20 }) // beyond the list: an unknown id
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant("add" as const), kind, preferred: fc.boolean() }),
    fc.record({ op: fc.constant("prefer" as const), pick }),
    fc.record({ op: fc.constant("remove" as const), pick }),
    fc.record({ op: fc.constant("change" as const), pick, kind, preferred: fc.boolean() })
  )

  it("address.one-preferred-per-kind: any sequence of add, change, setPreferred and remove keeps one preferred per kind", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let list: ReadonlyArray<A.Address> = []
        let counter = 0
        for (const step of ops) {
          const before = list
          const previous = (k: A.AddressKind) => A.preferredOf(before, k)?.id
          const other = (k: A.AddressKind): A.AddressKind => (k === "billing" ? "delivery" : "billing")
          if (step.op === "add") {
            const added = address(`a${counter++}`, step.kind, step.preferred)
            list = A.addAddress(list, added)
            expect(ids(list)).toEqual([...ids(before), added.id])
            const expected = step.preferred || previous(step.kind) === undefined ? added.id : previous(step.kind)
            expect(A.preferredOf(list, step.kind)?.id).toBe(expected)
            expect(A.preferredOf(list, other(step.kind))?.id).toBe(previous(other(step.kind)))
          } else {
            const target = before[step.pick]
            const id = target?.id ?? AddressId.make("unknown")
            const result = step.op === "prefer"
              ? A.setPreferred(before, id)
              : step.op === "remove"
              ? A.removeAddress(before, id)
              : A.changeAddress(before, address(id, step.kind, step.preferred))
            if (target === undefined) {
              expect(Result.isFailure(result)).toBe(true)
              if (Result.isFailure(result)) expect(result.failure.rule).toBe("address.known-id")
              continue
            }
            list = ok(result)
            if (step.op === "prefer") {
              expect(ids(list)).toEqual(ids(before))
              expect(A.preferredOf(list, target.kind)?.id).toBe(id)
              expect(A.preferredOf(list, other(target.kind))?.id).toBe(previous(other(target.kind)))
            } else if (step.op === "remove") {
              expect(ids(list)).toEqual(ids(before).filter((x) => x !== id))
              const expected = target.preferred ? A.addressesOf(list, target.kind)[0]?.id : previous(target.kind)
              expect(A.preferredOf(list, target.kind)?.id).toBe(expected)
            } else {
              expect(ids(list)).toEqual(ids(before))
              if (step.preferred) expect(A.preferredOf(list, step.kind)?.id).toBe(id)
            }
          }
          invariantHolds(list)
          expect(A.hasOnePreferredPerKind(list)).toBe(true)
        }
      }),
      { numRuns: runs(100) }
    )
  })

  it("address.known-id: preferring, changing or removing an unknown id fails and changes nothing", () => {
    const list = [address("b1", "billing", true)]
    const unknown = AddressId.make("nope")
    for (const result of [A.setPreferred(list, unknown), A.removeAddress(list, unknown), A.changeAddress(list, address("nope", "billing"))]) {
      expect(Result.isFailure(result)).toBe(true)
      if (Result.isFailure(result)) {
        expect(result.failure._tag).toBe("AddressNotFound")
        expect(result.failure.rule).toBe("address.known-id")
        expect(result.failure.addressId).toBe("nope")
        expect(result.failure.message).toContain("(rule address.known-id)")
      }
    }
    expect(preferredIds(list)).toEqual(["b1"])
  })
})

// ---------------------------------------------------------------------------------------------
// Personal data
// ---------------------------------------------------------------------------------------------

/** Realistic values, capitalized or with digits, so that none can occur inside the replacements. */
const realisticInput = fc
  .record({
    names: fc.oneof(
      fc.record({
        firstName: fc.constantFrom("Erika", "Jürgen", "Sophie", "Lukas", "Hannah", "Oliver", "Zoë", "Mehmet"),
        lastName: fc.constantFrom("Mustermann", "Schmidt", "Müller", "Van der Berg", "O'Brien", "Nowak", "Dubois")
      }),
      fc.record({ companyName: fc.constantFrom("Muster GmbH", "Acme Ltd", "Beispiel AG & Co. KG", "Société Générale SA") }),
      fc.record({
        firstName: fc.constantFrom("Anna", "Pieter"),
        lastName: fc.constantFrom("Jansen", "Kowalski"),
        companyName: fc.constantFrom("Jansen BV", "Nordwind Handel GmbH")
      })
    ),
    street: fc.constantFrom("Heidestraße", "Baker Street", "Rue de Rivoli", "Keizersgracht", "Via Roma", "Calle Mayor"),
    houseNumber: fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom("", "a", "b", "-3")).map(([n, s]) => `${n}${s}`),
    addition: fc.option(fc.constantFrom("c/o Muster", "3. OG links", "Apartment 12"), { nil: undefined }),
    city: fc.constantFrom("Köln", "London", "Amsterdam", "Wien", "Zürich", "Paris", "Warszawa", "Dublin"),
    place: fc.constantFrom(...valid.filter(([country]) => country !== "AQ")).chain(([country, examples]) =>
      fc.constantFrom(...examples).map(([typed]) => ({ country, postalCode: typed }))
    )
  })
  .map(({ addition, names, place, ...rest }) => ({
    ...rest,
    ...names,
    ...place,
    ...(addition === undefined ? {} : { addition })
  }))

describe("personal data", () => {
  it("customer.personal-data-marked: every field but id, kind and preferred is marked", () => {
    expect(personalFields(A.Address)).toEqual([
      { path: "firstName", category: "identity" },
      { path: "lastName", category: "identity" },
      { path: "companyName", category: "identity" },
      { path: "street", category: "address" },
      { path: "houseNumber", category: "address" },
      { path: "addition", category: "address" },
      { path: "postalCode", category: "address" },
      { path: "city", category: "address" },
      { path: "country", category: "address" }
    ])
    expect(personalFields(A.AddressInput).map((f) => f.path)).toEqual(personalFields(A.Address).map((f) => f.path))
  })

  it("customer.personal-data-marked: an anonymized address still decodes and holds none of the personal values", () => {
    fc.assert(
      fc.property(realisticInput, kind, fc.boolean(), fc.stringMatching(/^[a-z]{1,8}$/), (raw, k, preferred, id) => {
        const original = A.addressFromInput(AddressId.make(`addr-${id}`), k, Result.getOrThrow(decodeInput(raw)), preferred)
        const erased = erasePersonalData(A.Address, original)
        expect(Result.isSuccess(erased)).toBe(true)
        if (Result.isFailure(erased)) return
        const anonymized = erased.success
        const json = JSON.stringify(anonymized)
        const strings = personalStrings(A.Address, original)
        expect(strings.length).toBeGreaterThanOrEqual(6)
        for (const value of strings) expect(json, value).not.toContain(value)
        expect([anonymized.id, anonymized.kind, anonymized.preferred]).toEqual([original.id, original.kind, original.preferred])
        expect(anonymized.country).toBe("AQ")
        expect(anonymized.postalCode).toBe("00000")
        expect(anonymized.addition).toBeUndefined()
        expect(anonymized.firstName === undefined).toBe(original.firstName === undefined)
        expect(anonymized.companyName === undefined).toBe(original.companyName === undefined)
        expect(Result.isSuccess(decodeAddress(JSON.parse(json)))).toBe(true)
        // Running it twice changes nothing the second time
        expect(Result.getOrThrow(erasePersonalData(A.Address, anonymized))).toEqual(anonymized)
      }),
      { numRuns: runs(100) }
    )
  })

  it("customer.personal-data-marked: an anonymized input decodes too", () => {
    const input = Result.getOrThrow(decodeInput({ ...german, country: "NL", postalCode: "1012ab", addition: "3 hoog" }))
    const erased = Result.getOrThrow(erasePersonalData(A.AddressInput, input))
    expect(erased).toEqual({
      firstName: "anonymized",
      lastName: "anonymized",
      street: "anonymized",
      houseNumber: "0",
      postalCode: "00000",
      city: "anonymized",
      country: "AQ"
    })
  })
})
