/**
 * International Bank Account Numbers (ISO 13616) for SEPA bank accounts (SPEC section 7).
 *
 * An IBAN is validated by its country's length (rule `iban.length-per-country`, after the SWIFT
 * IBAN registry), by its country's national account-number layout (rule `iban.national-layout`,
 * e.g. 18 digits for DE, 4 letters and 14 digits for GB) and by its ISO 7064 mod 97-10 check
 * digits (rule `iban.mod97`). Activities and summaries only ever show it masked (rule
 * `iban.masked`).
 *
 * The national layouts come from the `ibantools` package (its country specifications, after the
 * SWIFT IBAN registry), not from a table of this package. National check digits inside the BBAN
 * (as some countries have) are not checked.
 *
 * @module
 */
import { Result, Schema, SchemaTransformation } from "effect"
import { getCountrySpecifications } from "ibantools"
import { decode, type ValidationError } from "./Validation.ts"

/**
 * The length of an IBAN per country code, after the SWIFT IBAN registry (as of its December 2024
 * release: 89 countries). Dependent territories that use another country's IBANs are not listed
 * separately (Åland uses FI, the French overseas territories FR, Jersey, Guernsey and the Isle of
 * Man GB).
 *
 * @category rules
 */
export const ibanLengths: Readonly<Record<string, number>> = {
  AD: 24, // Andorra
  AE: 23, // United Arab Emirates
  AL: 28, // Albania
  AT: 20, // Austria
  AZ: 28, // Azerbaijan
  BA: 20, // Bosnia and Herzegovina
  BE: 16, // Belgium
  BG: 22, // Bulgaria
  BH: 22, // Bahrain
  BI: 27, // Burundi
  BR: 29, // Brazil
  BY: 28, // Belarus
  CH: 21, // Switzerland
  CR: 22, // Costa Rica
  CY: 28, // Cyprus
  CZ: 24, // Czechia
  DE: 22, // Germany
  DJ: 27, // Djibouti
  DK: 18, // Denmark
  DO: 28, // Dominican Republic
  EE: 20, // Estonia
  EG: 29, // Egypt
  ES: 24, // Spain
  FI: 18, // Finland
  FK: 18, // Falkland Islands
  FO: 18, // Faroe Islands
  FR: 27, // France
  GB: 22, // United Kingdom
  GE: 22, // Georgia
  GI: 23, // Gibraltar
  GL: 18, // Greenland
  GR: 27, // Greece
  GT: 28, // Guatemala
  HN: 28, // Honduras
  HR: 21, // Croatia
  HU: 28, // Hungary
  IE: 22, // Ireland
  IL: 23, // Israel
  IQ: 23, // Iraq
  IS: 26, // Iceland
  IT: 27, // Italy
  JO: 30, // Jordan
  KW: 30, // Kuwait
  KZ: 20, // Kazakhstan
  LB: 28, // Lebanon
  LC: 32, // Saint Lucia
  LI: 21, // Liechtenstein
  LT: 20, // Lithuania
  LU: 20, // Luxembourg
  LV: 21, // Latvia
  LY: 25, // Libya
  MC: 27, // Monaco
  MD: 24, // Moldova
  ME: 22, // Montenegro
  MK: 19, // North Macedonia
  MN: 20, // Mongolia
  MR: 27, // Mauritania
  MT: 31, // Malta
  MU: 30, // Mauritius
  NI: 28, // Nicaragua
  NL: 18, // Netherlands
  NO: 15, // Norway
  OM: 23, // Oman
  PK: 24, // Pakistan
  PL: 28, // Poland
  PS: 29, // Palestine
  PT: 25, // Portugal
  QA: 29, // Qatar
  RO: 24, // Romania
  RS: 22, // Serbia
  RU: 33, // Russia
  SA: 24, // Saudi Arabia
  SC: 31, // Seychelles
  SD: 18, // Sudan
  SE: 24, // Sweden
  SI: 19, // Slovenia
  SK: 24, // Slovakia
  SM: 27, // San Marino
  SO: 23, // Somalia
  ST: 25, // Sao Tome and Principe
  SV: 28, // El Salvador
  TL: 23, // Timor-Leste
  TN: 24, // Tunisia
  TR: 26, // Türkiye
  UA: 29, // Ukraine
  VA: 22, // Vatican City State
  VG: 24, // British Virgin Islands
  XK: 20, // Kosovo
  YE: 30 // Yemen
}

/**
 * The IBAN country codes inside the SEPA schemes' geographical scope (EPC list): the EU and EEA
 * states, Switzerland, the United Kingdom, Andorra, Monaco, San Marino, the Vatican City State,
 * Gibraltar, and Albania, Moldova, Montenegro and North Macedonia (admitted 2024/2025). Inside
 * SEPA a BIC is optional.
 *
 * @category rules
 */
export const sepaCountries: ReadonlyArray<string> = [
  "AD", "AL", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GI",
  "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MD", "ME", "MK", "MT", "NL",
  "NO", "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA"
]

const sepa = new Set(sepaCountries)

/**
 * Whether an IBAN country code (upper case, e.g. `DE`) belongs to SEPA.
 *
 * @category rules
 */
export const isSepaCountry = (country: string): boolean => sepa.has(country)

const ibanShape = /^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/

/** ISO 7064 mod 97-10 of the IBAN's rearranged form (BBAN, then country and check digits). */
const mod97 = (iban: string): number => {
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let remainder = 0
  for (const char of rearranged) {
    const value = Number.parseInt(char, 36)
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97
  }
  return remainder
}

/**
 * One run of a national account-number layout: `length` characters of one class, `n` digits,
 * `a` upper-case letters, `c` letters or digits (the SWIFT IBAN registry's notation, as in `4!a`).
 *
 * @category models
 */
export interface BbanSegment {
  /** The class of characters: `n` digits, `a` upper-case letters, `c` upper-case letters or digits. */
  readonly chars: "n" | "a" | "c"
  /** How many characters of the class follow. */
  readonly length: number
}

const segmentClasses: Readonly<Record<string, BbanSegment["chars"]>> = {
  "0-9": "n",
  "A-Z": "a",
  "A-Z0-9": "c",
  "0-9A-Z": "c",
  "a-zA-Z0-9": "c",
  "A-Za-z0-9": "c"
}

const segmentPatterns: Readonly<Record<BbanSegment["chars"], string>> = { n: "[0-9]", a: "[A-Z]", c: "[A-Z0-9]" }

/**
 * Reads a layout out of a regular expression of `ibantools` (e.g. `^[A-Z]{4}[0-9]{14}$`): a run of
 * `[class]{count}` groups, with or without anchors. Undefined for anything else.
 */
const parseLayout = (regexp: string): ReadonlyArray<BbanSegment> | undefined => {
  const body = regexp.replace(/^\^/, "").replace(/\$$/, "")
  const segments: Array<BbanSegment> = []
  const group = /\[([A-Za-z0-9-]+)\]\{(\d+)\}/y
  while (group.lastIndex < body.length) {
    const at = group.lastIndex
    const match = group.exec(body)
    if (match === null || match.index !== at) return undefined
    const chars = segmentClasses[match[1] ?? ""]
    if (chars === undefined) return undefined
    segments.push({ chars, length: Number(match[2]) })
  }
  return segments.length > 0 ? segments : undefined
}

interface Layout {
  readonly segments: ReadonlyArray<BbanSegment>
  readonly pattern: RegExp
}

let layouts: ReadonlyMap<string, Layout> | undefined

/**
 * The layouts of every country of {@link ibanLengths} that `ibantools` knows with a BBAN of the
 * table's length; read once, on first use, from `getCountrySpecifications()`.
 */
const layoutTable = (): ReadonlyMap<string, Layout> => {
  if (layouts !== undefined) return layouts
  const table = new Map<string, Layout>()
  const specifications = getCountrySpecifications()
  for (const [country, length] of Object.entries(ibanLengths)) {
    const regexp = specifications[country]?.bban_regexp
    const segments = regexp == null ? undefined : parseLayout(regexp)
    if (segments === undefined || segments.reduce((n, s) => n + s.length, 0) !== length - 4) continue
    const pattern = new RegExp(`^${segments.map((s) => `${segmentPatterns[s.chars]}{${s.length}}`).join("")}$`)
    table.set(country, { segments, pattern })
  }
  layouts = table
  return table
}

/**
 * The national account-number (BBAN) layout of an IBAN country, e.g. `[{ chars: "a", length: 4 },
 * { chars: "n", length: 14 }]` for GB (rule `iban.national-layout`); undefined for a country
 * outside {@link ibanLengths}.
 *
 * @example
 * ```ts
 * import { Iban } from "customer-account"
 *
 * Iban.bbanLayout("DE") // [{ chars: "n", length: 18 }]
 * ```
 *
 * @category rules
 */
export const bbanLayout = (country: string): ReadonlyArray<BbanSegment> | undefined =>
  layoutTable().get(country)?.segments

const classNames: Readonly<Record<BbanSegment["chars"], string>> = {
  n: "digits",
  a: "letters",
  c: "letters or digits"
}

/**
 * A layout in the SWIFT IBAN registry's notation with a reading, e.g. `4!a14!n (4 letters, 14
 * digits)`.
 *
 * @category formatting
 */
export const formatBbanLayout = (layout: ReadonlyArray<BbanSegment>): string =>
  `${layout.map((s) => `${s.length}!${s.chars}`).join("")} (${
    layout.map((s) => `${s.length} ${s.length === 1 ? classNames[s.chars].replace(/s( |$)/g, "$1") : classNames[s.chars]}`).join(", ")
  })`

/**
 * What is wrong with a normalized IBAN (no spaces, upper case), as the message of the rule it
 * breaks, or `undefined` when it is valid.
 */
const problemOf = (iban: string): string | undefined => {
  if (!ibanShape.test(iban)) {
    return "Expected an IBAN: 2 letters for the country, 2 check digits, then letters and digits only (rule iban.length-per-country)"
  }
  const country = iban.slice(0, 2)
  const length = ibanLengths[country]
  if (length === undefined) {
    return `Expected an IBAN from a country of the IBAN registry, ${country} is not one (rule iban.length-per-country)`
  }
  if (iban.length !== length) {
    return `Expected an IBAN of ${length} characters for ${country}, got ${iban.length} (rule iban.length-per-country)`
  }
  const layout = layoutTable().get(country)
  if (layout !== undefined && !layout.pattern.test(iban.slice(4))) {
    return `Expected the national account number of a ${country} IBAN laid out as ${
      formatBbanLayout(layout.segments)
    }, got ${iban.slice(4).replace(/[0-9]/g, "9").replace(/[A-Z]/g, "A")} (rule iban.national-layout)`
  }
  const checkDigits = Number(iban.slice(2, 4))
  if (checkDigits < 2 || checkDigits > 98 || mod97(iban) !== 1) {
    return "Expected an IBAN whose check digits satisfy ISO 7064 mod 97-10 (rule iban.mod97)"
  }
  return undefined
}

/**
 * Normalizes how an IBAN was typed: removes all whitespace and upper-cases it.
 *
 * @category formatting
 */
export const normalizeIban = (input: string): string => input.replace(/\s+/g, "").toUpperCase()

/**
 * A valid IBAN in its normalized electronic form (no spaces, upper case), e.g.
 * `DE89370400440532013000`. Decoding does not normalize: use {@link Iban} for input.
 *
 * @category models
 */
export const NormalizedIban = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) => problemOf(s), {
      expected:
        "an IBAN of its country's length and national layout with valid check digits (rules iban.length-per-country, iban.national-layout, iban.mod97)"
    })
  ),
  Schema.brand("Iban")
)

/** @category models */
export type Iban = typeof NormalizedIban.Type

const normalization = SchemaTransformation.transform<string, string>({ decode: normalizeIban, encode: (s) => s })

/**
 * Builds an IBAN Schema on top of a given string Schema, normalizing (removing whitespace,
 * upper-casing) on decoding. Annotations that must survive in the encoded form, such as
 * personal-data marks, belong on `encoded`.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Iban, PersonalData } from "customer-account"
 *
 * const AccountIban = Iban.ibanFrom(Schema.String.pipe(PersonalData.personal("financial")))
 * ```
 *
 * @category models
 */
export const ibanFrom = <S extends Schema.Codec<string, string>>(encoded: S) =>
  encoded.pipe(Schema.decodeTo(NormalizedIban, normalization))

/**
 * An IBAN as typed by a person: whitespace is removed and letters are upper-cased before
 * validation, so `"de89 3704 0044 0532 0130 00"` decodes to `"DE89370400440532013000"`. Encodes to
 * the normalized electronic form.
 *
 * Rules `iban.length-per-country` (known country, its length, letters and digits only),
 * `iban.national-layout` (the country's BBAN layout, see {@link bbanLayout}) and `iban.mod97`
 * (check digits).
 *
 * @example
 * ```ts
 * import { Iban, Validation } from "customer-account"
 *
 * Validation.decode(Iban.Iban, "Iban")("de89 3704 0044 0532 0130 00") // Result.succeed("DE89370400440532013000")
 * ```
 *
 * @category models
 */
export const Iban = ibanFrom(Schema.String)

/**
 * Whether a string is a valid IBAN, after the same normalization as {@link Iban}.
 *
 * @category rules
 */
export const isValidIban = (input: string): boolean => problemOf(normalizeIban(input)) === undefined

/**
 * The country code of an IBAN, e.g. `DE`.
 *
 * @category accessors
 */
export const ibanCountry = (iban: Iban): string => iban.slice(0, 2)

/**
 * Computes the two check digits (ISO 7064 mod 97-10) for a country code and a national account
 * number (BBAN), e.g. `"89"` for `DE` and `370400440532013000`. Both are normalized first; the
 * BBAN must hold letters and digits only (otherwise the result is meaningless, and {@link makeIban}
 * fails).
 *
 * @category constructors
 */
export const checkDigits = (country: string, bban: string): string => {
  const check = 98 - mod97(normalizeIban(country) + "00" + normalizeIban(bban))
  return String(check).padStart(2, "0")
}

const decodeIban = decode(Iban, "Iban")

/**
 * Builds an IBAN from a country code and a national account number (BBAN), computing the check
 * digits. Fails when the country is unknown, the BBAN has the wrong length, does not follow the
 * country's layout or holds other characters than letters and digits.
 *
 * @example
 * ```ts
 * import { Iban } from "customer-account"
 *
 * Iban.makeIban("DE", "370400440532013000") // Result.succeed("DE89370400440532013000")
 * ```
 *
 * @category constructors
 */
export const makeIban = (country: string, bban: string): Result.Result<Iban, ValidationError> =>
  decodeIban(normalizeIban(country) + checkDigits(country, bban) + normalizeIban(bban))

const groupsOfFour = (s: string): string => s.replace(/(.{4})(?=.)/g, "$1 ")

/**
 * Formats an IBAN for print: groups of four characters, e.g. `DE89 3704 0044 0532 0130 00`.
 *
 * @category formatting
 */
export const formatIban = (iban: Iban): string => groupsOfFour(iban)

/**
 * Masks an IBAN for activities and summaries (rule `iban.masked`): the country code, the check
 * digits and the last four characters stay, every other character becomes `*`, grouped in fours
 * like the print form, e.g. `DE89 **** **** **** **30 00`.
 *
 * @category formatting
 */
export const maskIban = (iban: Iban): string =>
  groupsOfFour(iban.slice(0, 4) + "*".repeat(Math.max(0, iban.length - 8)) + iban.slice(-4))
