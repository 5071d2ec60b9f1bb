/**
 * Postal-code formats per country (SPEC section 7, rule `address.postal-code-per-country`).
 *
 * A postal code is checked against its country's format, after normalization: surrounding
 * whitespace is trimmed, inner runs of whitespace become one space, letters are upper-cased, and
 * for countries with a fixed written form the separator is put in place (`sw1a1aa` becomes
 * `SW1A 1AA` for GB, `1012ab` becomes `1012 AB` for NL, `00950` becomes `00-950` for PL).
 *
 * Countries without a known format accept 1 to 12 letters and digits, optionally separated by
 * single spaces or dashes.
 *
 * The formats check the shape of a code (and number ranges where a whole range is unused, such as
 * Austrian codes starting with 0); they do not check that a code is actually assigned.
 *
 * @module
 */
import type { CountryCode } from "./Country.ts"

interface PostalCodeFormat {
  /** The normalized form. */
  readonly pattern: RegExp
  /** What is expected, in words, with an example. */
  readonly description: string
  /** Puts the separator of the written form in place; the result is kept only if it matches. */
  readonly canonical?: (code: string) => string
}

/** Removes the spaces and puts one space before the last `n` characters. */
const spaceBeforeLast = (n: number) => (code: string): string => {
  const compact = code.replace(/ /g, "")
  return compact.length > n ? `${compact.slice(0, -n)} ${compact.slice(-n)}` : code
}

const fourDigits = /^[1-9]\d{3}$/
const fiveDigits = /^\d{5}$/
const sixDigits = /^\d{6}$/
/** The inward code of a UK postcode: a digit and two letters, none of C, I, K, M, O, V. */
const ukInward = "\\d[ABD-HJLNP-UW-Z]{2}"
/** The outward codes of a UK postcode: A9, A99, AA9, AA99, A9A, AA9A, with the letters allowed in each position. */
const ukOutward = "[A-PR-UWYZ]\\d\\d?|[A-PR-UWYZ][A-HK-Y]\\d\\d?|[A-PR-UWYZ]\\d[A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y]\\d[ABEHMNPRVWXY]"
const ukPostcode = new RegExp(`^(?:GIR 0AA|(?:${ukOutward}) ${ukInward})$`)
const crownDependency = (area: string) => new RegExp(`^${area}\\d\\d? ${ukInward}$`)
/** An Eircode: a routing key (a letter and two digits, or D6W) and a unique identifier of four characters. */
const eircode = /^(?:[AC-FHKNPRTV-Y]\d{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}$/
const canadian = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$/

const formats: Readonly<Partial<Record<CountryCode, PostalCodeFormat>>> = {
  AD: {
    pattern: /^AD\d{3}$/,
    description: "an Andorran postal code of AD and 3 digits, e.g. AD500",
    canonical: (c) => c.replace(/^(?:AD ?)?(\d{3})$/, "AD$1")
  },
  AT: { pattern: fourDigits, description: "an Austrian postal code of 4 digits, e.g. 1010" },
  AU: { pattern: /^\d{4}$/, description: "an Australian postcode of 4 digits, e.g. 2000" },
  AX: { pattern: /^22\d{3}$/, description: "an Åland postal code of 5 digits starting with 22, e.g. 22100" },
  BE: { pattern: fourDigits, description: "a Belgian postal code of 4 digits, e.g. 1000" },
  BG: { pattern: fourDigits, description: "a Bulgarian postal code of 4 digits, e.g. 1000" },
  BR: {
    pattern: /^\d{5}-\d{3}$/,
    description: "a Brazilian postal code (CEP) of 5 digits, a dash and 3 digits, e.g. 01310-100",
    canonical: (c) => c.replace(/^(\d{5}) ?(\d{3})$/, "$1-$2")
  },
  CA: {
    pattern: canadian,
    description: "a Canadian postal code of letter, digit, letter, space, digit, letter, digit, e.g. K1A 0B1",
    canonical: spaceBeforeLast(3)
  },
  CH: { pattern: fourDigits, description: "a Swiss postal code of 4 digits, e.g. 8001" },
  CN: { pattern: sixDigits, description: "a Chinese postal code of 6 digits, e.g. 100000" },
  CY: { pattern: fourDigits, description: "a Cypriot postal code of 4 digits, e.g. 1010" },
  CZ: {
    pattern: /^[1-7]\d{2} \d{2}$/,
    description: "a Czech postal code of 5 digits written as 3 and 2, e.g. 110 00",
    canonical: spaceBeforeLast(2)
  },
  DE: { pattern: fiveDigits, description: "a German postal code of 5 digits, e.g. 10115" },
  DK: { pattern: /^\d{4}$/, description: "a Danish postal code of 4 digits, e.g. 1050" },
  EE: { pattern: fiveDigits, description: "an Estonian postal code of 5 digits, e.g. 10115" },
  ES: {
    pattern: /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/,
    description: "a Spanish postal code of 5 digits starting with a province number from 01 to 52, e.g. 28013"
  },
  FI: { pattern: fiveDigits, description: "a Finnish postal code of 5 digits, e.g. 00100" },
  FO: { pattern: /^\d{3}$/, description: "a Faroese postal code of 3 digits, e.g. 100" },
  FR: { pattern: fiveDigits, description: "a French postal code of 5 digits, e.g. 75008" },
  GB: {
    pattern: ukPostcode,
    description:
      "a UK postcode of an outward code (A9, A99, AA9, AA99, A9A or AA9A), a space and an inward code (a digit and 2 letters), e.g. SW1A 1AA",
    canonical: spaceBeforeLast(3)
  },
  GG: {
    pattern: crownDependency("GY"),
    description: "a Guernsey postcode of GY, 1 or 2 digits, a space, a digit and 2 letters, e.g. GY1 1AA",
    canonical: spaceBeforeLast(3)
  },
  GL: { pattern: /^39\d{2}$/, description: "a Greenlandic postal code of 4 digits starting with 39, e.g. 3900" },
  GR: {
    pattern: /^[1-8]\d{2} \d{2}$/,
    description: "a Greek postal code of 5 digits written as 3 and 2, e.g. 105 57",
    canonical: spaceBeforeLast(2)
  },
  HR: { pattern: /^[1-5]\d{4}$/, description: "a Croatian postal code of 5 digits, e.g. 10000" },
  HU: { pattern: fourDigits, description: "a Hungarian postal code of 4 digits, e.g. 1051" },
  IE: {
    pattern: eircode,
    description:
      "an Eircode of a routing key (a letter and 2 digits, or D6W), a space and 4 letters or digits, e.g. D02 X285",
    canonical: spaceBeforeLast(4)
  },
  IM: {
    pattern: crownDependency("IM"),
    description: "an Isle of Man postcode of IM, 1 or 2 digits, a space, a digit and 2 letters, e.g. IM1 1AA",
    canonical: spaceBeforeLast(3)
  },
  IN: {
    pattern: /^[1-9]\d{5}$/,
    description: "an Indian PIN code of 6 digits, e.g. 110001",
    canonical: (c) => c.replace(/^(\d{3}) (\d{3})$/, "$1$2")
  },
  IS: { pattern: /^\d{3}$/, description: "an Icelandic postal code of 3 digits, e.g. 101" },
  IT: { pattern: fiveDigits, description: "an Italian postal code of 5 digits, e.g. 00184" },
  JE: {
    pattern: crownDependency("JE"),
    description: "a Jersey postcode of JE, 1 or 2 digits, a space, a digit and 2 letters, e.g. JE2 3AB",
    canonical: spaceBeforeLast(3)
  },
  JP: {
    pattern: /^\d{3}-\d{4}$/,
    description: "a Japanese postal code of 3 digits, a dash and 4 digits, e.g. 100-0001",
    canonical: (c) => c.replace(/^(\d{3}) ?(\d{4})$/, "$1-$2")
  },
  LI: {
    pattern: /^94(?:8[5-9]|9[0-8])$/,
    description: "a Liechtenstein postal code of 4 digits from 9485 to 9498, e.g. 9490"
  },
  LT: {
    pattern: /^LT-\d{5}$/,
    description: "a Lithuanian postal code of LT- and 5 digits, e.g. LT-01100",
    canonical: (c) => c.replace(/^(?:LT[- ]?)?(\d{5})$/, "LT-$1")
  },
  LU: {
    pattern: /^\d{4}$/,
    description: "a Luxembourg postal code of 4 digits, e.g. 1009",
    canonical: (c) => c.replace(/^L-(\d{4})$/, "$1")
  },
  LV: {
    pattern: /^LV-\d{4}$/,
    description: "a Latvian postal code of LV- and 4 digits, e.g. LV-1050",
    canonical: (c) => c.replace(/^(?:LV[- ]?)?(\d{4})$/, "LV-$1")
  },
  MC: { pattern: /^980\d{2}$/, description: "a Monaco postal code of 5 digits starting with 980, e.g. 98000" },
  MT: {
    pattern: /^[A-Z]{3} \d{4}$/,
    description: "a Maltese postcode of 3 letters, a space and 4 digits, e.g. VLT 1117",
    canonical: spaceBeforeLast(4)
  },
  MX: { pattern: fiveDigits, description: "a Mexican postal code of 5 digits, e.g. 06000" },
  NL: {
    pattern: /^[1-9]\d{3} (?!SA|SD|SS)[A-Z]{2}$/,
    description:
      "a Dutch postal code of 4 digits (not starting with 0), a space and 2 letters (not SA, SD or SS), e.g. 1012 AB",
    canonical: spaceBeforeLast(2)
  },
  NO: { pattern: /^\d{4}$/, description: "a Norwegian postal code of 4 digits, e.g. 0150" },
  NZ: { pattern: /^\d{4}$/, description: "a New Zealand postcode of 4 digits, e.g. 6011" },
  PL: {
    pattern: /^\d{2}-\d{3}$/,
    description: "a Polish postal code of 2 digits, a dash and 3 digits, e.g. 00-950",
    canonical: (c) => c.replace(/^(\d{2}) ?(\d{3})$/, "$1-$2")
  },
  PT: {
    pattern: /^[1-9]\d{3}-\d{3}$/,
    description: "a Portuguese postal code of 4 digits, a dash and 3 digits, e.g. 1000-001",
    canonical: (c) => c.replace(/^(\d{4}) ?(\d{3})$/, "$1-$2")
  },
  RO: { pattern: sixDigits, description: "a Romanian postal code of 6 digits, e.g. 010011" },
  RS: { pattern: fiveDigits, description: "a Serbian postal code of 5 digits, e.g. 11000" },
  RU: { pattern: sixDigits, description: "a Russian postal code of 6 digits, e.g. 101000" },
  SE: {
    pattern: /^[1-9]\d{2} \d{2}$/,
    description: "a Swedish postal code of 5 digits written as 3 and 2, e.g. 114 55",
    canonical: spaceBeforeLast(2)
  },
  SI: { pattern: fourDigits, description: "a Slovenian postal code of 4 digits, e.g. 1000" },
  SK: {
    pattern: /^[089]\d{2} \d{2}$/,
    description: "a Slovak postal code of 5 digits written as 3 and 2, e.g. 811 01",
    canonical: spaceBeforeLast(2)
  },
  SM: { pattern: /^4789\d$/, description: "a San Marino postal code from 47890 to 47899, e.g. 47890" },
  TR: { pattern: fiveDigits, description: "a Turkish postal code of 5 digits, e.g. 06100" },
  UA: { pattern: fiveDigits, description: "a Ukrainian postal code of 5 digits, e.g. 01001" },
  US: {
    pattern: /^\d{5}(?:-\d{4})?$/,
    description: "a US ZIP code of 5 digits, or ZIP+4 of 5 digits, a dash and 4 digits, e.g. 10001 or 10001-1234",
    canonical: (c) => c.replace(/^(\d{5}) ?(\d{4})$/, "$1-$2")
  },
  VA: { pattern: /^00120$/, description: "the Vatican City postal code 00120" }
}

const fallbackPattern = /^(?=.{1,12}$)[A-Z0-9]+(?:[ -][A-Z0-9]+)*$/

const formatOf = (country: CountryCode): PostalCodeFormat =>
  formats[country] ?? {
    pattern: fallbackPattern,
    description: `a postal code for ${country} of 1 to 12 letters and digits, optionally separated by single spaces or dashes`
  }

/**
 * The countries with a known postal-code format, in alphabetical order. Every other country
 * accepts 1 to 12 letters and digits, optionally separated by single spaces or dashes.
 *
 * @category rules
 */
export const postalCodeCountries: ReadonlyArray<CountryCode> = (Object.keys(formats) as Array<CountryCode>).sort()

/**
 * Describes, in words and with an example, the postal code expected for a country, e.g. `a
 * German postal code of 5 digits, e.g. 10115`, or for a country without a known format `a postal
 * code for AQ of 1 to 12 letters and digits, optionally separated by single spaces or dashes`.
 * Error messages of rule `address.postal-code-per-country` are built from it.
 *
 * @category rules
 */
export const postalCodeFormat = (country: CountryCode): string => formatOf(country).description

/**
 * Normalizes a postal code as typed by a person for a country: trims it, turns inner runs of
 * whitespace into one space, upper-cases it, and where the country writes its codes with a fixed
 * separator puts it in place (`sw1a1aa` becomes `SW1A 1AA` for GB, `1012ab` becomes `1012 AB` for
 * NL, `00950` becomes `00-950` for PL). A code that does not fit the country's format is only
 * trimmed, collapsed and upper-cased.
 *
 * @category formatting
 */
export const normalizePostalCode = (country: CountryCode, code: string): string => {
  const basic = code.trim().replace(/\s+/g, " ").toUpperCase()
  const format = formatOf(country)
  const candidate = format.canonical?.(basic)
  return candidate !== undefined && format.pattern.test(candidate) ? candidate : basic
}

/**
 * Whether a postal code, exactly as written, is in the normalized form of its country's format
 * (see {@link normalizePostalCode}). Stored addresses hold postal codes in this form.
 *
 * @category rules
 */
export const isNormalizedPostalCode = (country: CountryCode, code: string): boolean =>
  formatOf(country).pattern.test(code)

/**
 * Whether a postal code as typed by a person is valid for a country (rule
 * `address.postal-code-per-country`), after the same normalization as {@link normalizePostalCode}:
 * `isValidPostalCode("GB", "sw1a1aa")` holds.
 *
 * @example
 * ```ts
 * import { PostalCode } from "customer-account"
 *
 * PostalCode.isValidPostalCode("DE", "10115") // true
 * PostalCode.isValidPostalCode("AT", "10115") // false
 * ```
 *
 * @category rules
 */
export const isValidPostalCode = (country: CountryCode, code: string): boolean =>
  isNormalizedPostalCode(country, normalizePostalCode(country, code))

/**
 * What is wrong with a normalized postal code for a country, as the message of rule
 * `address.postal-code-per-country`, or `undefined` when it is valid.
 *
 * @category rules
 */
export const postalCodeProblem = (country: CountryCode, code: string): string | undefined =>
  isNormalizedPostalCode(country, code)
    ? undefined
    : `Expected ${postalCodeFormat(country)} (rule address.postal-code-per-country)`
