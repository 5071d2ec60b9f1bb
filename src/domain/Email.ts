/**
 * Email addresses (SPEC sections 1 and 2).
 *
 * An email is checked with a practical test, not the full grammar of RFC 5322: what a back office
 * can type and a mail server will accept (rule `customer.email-format`). Uniqueness per tenant is
 * decided on the normalized form (rule `identity.email-normalized`): trimmed and lower-cased, so
 * `" Erika.Mustermann@Example.DE "` and `"erika.mustermann@example.de"` are the same customer's.
 * The address itself is kept as typed (only trimmed), because the local part may be case-sensitive
 * on the receiving server.
 *
 * @module
 */
import { Schema } from "effect"
import { isCleanText, trimNfc } from "./Text.ts"

/**
 * The longest email address accepted, in characters (the limit of RFC 5321's path, less the angle
 * brackets).
 *
 * @category rules
 */
export const maxEmailLength = 254

// A local part of 1 to 64 characters without whitespace or '@', an '@', and a domain of at least
// two non-empty labels (so it contains a dot, neither first nor last nor doubled).
const emailPattern = /^[^\s@]{1,64}@(?:[^\s@.]+\.)+[^\s@.]+$/

/**
 * An email address without surrounding whitespace (rule `customer.email-format`): at most 254
 * characters, a local part of 1 to 64 characters, `@`, and a domain with at least one dot, no
 * whitespace anywhere. Decoding does not trim: use {@link Email} for input.
 *
 * @category models
 */
export const EmailAddress = Schema.Trimmed.check(
  Schema.isMaxLength(maxEmailLength, {
    expected: `an email address of at most ${maxEmailLength} characters (rule customer.email-format)`
  }),
  Schema.isPattern(emailPattern, {
    expected:
      "an email address such as name@example.com: a local part of 1 to 64 characters, '@' and a domain with a dot, without spaces (rule customer.email-format)"
  }),
  isCleanText()
)

/**
 * Builds an email Schema on top of a given string Schema, trimming on decoding. Annotations that
 * must survive in the encoded form, such as personal-data marks, belong on `encoded`.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Email, PersonalData } from "customer-account"
 *
 * const ContactEmail = Email.emailFrom(Schema.String.pipe(PersonalData.personal("contact")))
 * ```
 *
 * @category models
 */
export const emailFrom = <S extends Schema.Codec<string, string>>(encoded: S) =>
  encoded.pipe(Schema.decodeTo(EmailAddress, trimNfc()))

/**
 * An email address as typed by a person: trimmed, then checked (rule `customer.email-format`).
 *
 * @example
 * ```ts
 * import { Email, Validation } from "customer-account"
 *
 * Validation.decode(Email.Email, "Email")(" erika@example.de ") // Result.succeed("erika@example.de")
 * Validation.decode(Email.Email, "Email")("erika@localhost") // Result.fail: expected a domain with a dot
 * ```
 *
 * @category models
 */
export const Email = emailFrom(Schema.String)

/** @category models */
export type Email = typeof Email.Type

/**
 * The uniqueness key of an email (rule `identity.email-normalized`): trimmed and lower-cased
 * (locale-independent `toLowerCase`). Two customers of a tenant whose emails normalize to the same
 * key cannot both be live.
 *
 * @example
 * ```ts
 * import { Email } from "customer-account"
 *
 * Email.normalizeEmail(" Erika@Example.DE ") // "erika@example.de"
 * ```
 *
 * @category normalization
 */
export const normalizeEmail = (email: string): string => email.normalize("NFC").trim().toLowerCase()

/**
 * Whether two emails are the same for uniqueness (rule `identity.email-normalized`).
 *
 * @category normalization
 */
export const sameEmail = (a: string, b: string): boolean => normalizeEmail(a) === normalizeEmail(b)
