/**
 * Countries of addresses (SPEC section 7): ISO 3166-1 alpha-2 codes (rule `address.country-iso`).
 *
 * Only the 249 officially assigned codes are accepted. Reserved, transitional, deleted and
 * user-assigned codes are not: `UK` (use `GB`), `EU`, `XK` (Kosovo, user-assigned, not part of the
 * standard), `ZZ`, `AN`, `CS`, `SU`, `YU` and the like.
 *
 * @module
 */
import { Schema, SchemaTransformation } from "effect"

/**
 * Every officially assigned ISO 3166-1 alpha-2 code (249 codes, in alphabetical order).
 *
 * @category rules
 */
export const countryCodes = [
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
  "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
  "BT", "BV", "BW", "BY", "BZ",
  "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW",
  "CX", "CY", "CZ",
  "DE", "DJ", "DK", "DM", "DO", "DZ",
  "EC", "EE", "EG", "EH", "ER", "ES", "ET",
  "FI", "FJ", "FK", "FM", "FO", "FR",
  "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT",
  "GU", "GW", "GY",
  "HK", "HM", "HN", "HR", "HT", "HU",
  "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
  "JE", "JM", "JO", "JP",
  "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",
  "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
  "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
  "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
  "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
  "OM",
  "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",
  "QA",
  "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
  "ST", "SV", "SX", "SY", "SZ",
  "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",
  "UA", "UG", "UM", "US", "UY", "UZ",
  "VA", "VC", "VE", "VG", "VI", "VN", "VU",
  "WF", "WS",
  "YE", "YT",
  "ZA", "ZM", "ZW"
] as const

/**
 * An officially assigned ISO 3166-1 alpha-2 code, e.g. `"DE"`.
 *
 * @category models
 */
export type CountryCode = (typeof countryCodes)[number]

const known: ReadonlySet<string> = new Set(countryCodes)

/**
 * Whether a string is an officially assigned ISO 3166-1 alpha-2 code, exactly as written (upper
 * case, no spaces).
 *
 * @category rules
 */
export const isCountryCode = (code: string): code is CountryCode => known.has(code)

/**
 * Normalizes how a country code was typed: trims it and upper-cases it (`" de "` becomes `"DE"`).
 *
 * @category formatting
 */
export const normalizeCountryCode = (input: string): string => input.trim().toUpperCase()

/**
 * An ISO 3166-1 alpha-2 country code in its normalized form (upper case), e.g. `"DE"` (rule
 * `address.country-iso`). Decoding does not normalize: use {@link CountryCodeInput} for input.
 *
 * @category models
 */
export const CountryCode = Schema.String.pipe(
  Schema.refine(isCountryCode, {
    expected: "an ISO 3166-1 alpha-2 country code such as DE, AT or GB (rule address.country-iso)"
  })
)

const normalization = SchemaTransformation.transform<string, string>({ decode: normalizeCountryCode, encode: (s) => s })

/**
 * Builds a country-code Schema on top of a given string Schema, normalizing (trimming,
 * upper-casing) on decoding. Annotations that must survive in the encoded form, such as
 * personal-data marks, belong on `encoded`.
 *
 * @category models
 */
export const countryCodeFrom = <S extends Schema.Codec<string, string>>(encoded: S) =>
  encoded.pipe(Schema.decodeTo(CountryCode, normalization))

/**
 * A country code as typed by a person: trimmed and upper-cased before validation, so `"de"`
 * decodes to `"DE"` (rule `address.country-iso`).
 *
 * @category models
 */
export const CountryCodeInput = countryCodeFrom(Schema.String)
