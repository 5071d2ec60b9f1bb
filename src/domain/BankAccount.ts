/**
 * SEPA bank accounts of a customer (SPEC section 7, "Add bank account"): holder, IBAN, optional
 * BIC, the SEPA direct-debit mandate (reference and signature date, generated when missing) and the
 * one preferred account.
 *
 * Everything here is pure: Schemas for input and stored accounts, and list helpers that keep the
 * preferred-account invariant. Commands, permissions and activities build on top of it.
 *
 * @module
 */
import { DateTime, Result, Schema, SchemaTransformation } from "effect"
import { isCleanText, trimNfc } from "./Text.ts"
import { ibanCountry, ibanFrom, isSepaCountry, type Iban } from "./Iban.ts"
import { BankAccountId } from "./Ids.ts"
import { personal } from "./PersonalData.ts"
import { decode, type ValidationError } from "./Validation.ts"

const compact = SchemaTransformation.transform<string, string>({
  decode: (s) => s.replace(/\s+/g, "").toUpperCase(),
  encode: (s) => s
})

// ---------------------------------------------------------------------------------------------
// BIC
// ---------------------------------------------------------------------------------------------

const bicPattern = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/

/**
 * A BIC (ISO 9362) in its normalized form (upper case, no spaces), e.g. `DEUTDEFF` or
 * `DEUTDEFF500` (rule `bank-account.bic-format`): 8 or 11 characters, 4 letters for the bank, 2
 * letters for the country, 2 letters or digits for the location, optionally 3 letters or digits
 * for the branch. Decoding does not normalize: use {@link Bic} for input.
 *
 * @category models
 */
export const NormalizedBic = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(bicPattern, {
      expected:
        "a BIC of 8 or 11 characters: 4 letters (bank), 2 letters (country), 2 letters or digits (location), optionally 3 letters or digits (branch) (rule bank-account.bic-format)"
    })
  ),
  Schema.brand("Bic")
)

/** @category models */
export type Bic = typeof NormalizedBic.Type

/**
 * A BIC as typed by a person: spaces are removed and letters upper-cased before validation, so
 * `"deut de ff"` decodes to `"DEUTDEFF"` (rule `bank-account.bic-format`).
 *
 * @category models
 */
export const Bic = Schema.String.pipe(Schema.decodeTo(NormalizedBic, compact))

// ---------------------------------------------------------------------------------------------
// Holder and IBAN of an account (personal data)
// ---------------------------------------------------------------------------------------------

/**
 * The IBAN anonymization writes into a bank account: `DE36000000000000000000`, a German IBAN with
 * an all-zero account number and valid check digits, so that an anonymized account still decodes.
 *
 * @category anonymizing
 */
export const anonymizedIban = "DE36000000000000000000"

/**
 * The account holder's name, as the bank knows it (rule `bank-account.holder-length`): 1 to 30
 * characters after surrounding whitespace is trimmed (decoding trims). Personal data (identity);
 * anonymization writes `anonymized`.
 *
 * @category models
 */
export const AccountHolder = Schema.String.pipe(
  personal("identity", { replacement: "anonymized" }),
  Schema.decodeTo(
    Schema.Trimmed.check(
      Schema.isBetweenLength(1, 30, {
        expected: "an account holder of 1 to 30 characters (rule bank-account.holder-length)"
      }),
      isCleanText()
    ),
    trimNfc()
  )
)

/**
 * The IBAN of a customer's bank account: the `Iban` Schema of the Iban module (normalizing, rules
 * `iban.length-per-country` and `iban.mod97`), marked as personal data (financial); anonymization
 * writes {@link anonymizedIban}.
 *
 * The mark sits on the encoded side of the normalization, where the personal-data walkers read it.
 *
 * @category models
 */
export const AccountIban = ibanFrom(Schema.String.pipe(personal("financial", { replacement: anonymizedIban })))

/**
 * The BIC of a customer's bank account: {@link Bic}, marked as personal data (financial; it names
 * the customer's bank). Always optional, so anonymization removes it.
 *
 * @category models
 */
export const AccountBic = Schema.String.pipe(personal("financial"), Schema.decodeTo(NormalizedBic, compact))

// ---------------------------------------------------------------------------------------------
// Mandate
// ---------------------------------------------------------------------------------------------

const referenceCharacters = /^[A-Za-z0-9+?/\-:().,' ]*$/

const referenceProblem = (s: string): string | undefined => {
  const rule = "(rule mandate.reference-format)"
  if (s.length < 1 || s.length > 35) return `Expected a mandate reference of 1 to 35 characters ${rule}`
  if (!referenceCharacters.test(s)) {
    return `Expected a mandate reference of the SEPA characters A-Z, a-z, 0-9, + ? / - : ( ) . , ' and space ${rule}`
  }
  if (s.startsWith("/") || s.endsWith("/") || s.includes("//")) {
    return `Expected a mandate reference that neither starts nor ends with "/" and holds no "//" ${rule}`
  }
  if (s.startsWith(" ") || s.endsWith(" ")) {
    return `Expected a mandate reference that neither starts nor ends with a space ${rule}`
  }
  return undefined
}

/**
 * A SEPA direct-debit mandate reference (rule `mandate.reference-format`): 1 to 35 characters of
 * the SEPA character set (A-Z, a-z, 0-9, `+ ? / - : ( ) . , '` and space); after the EPC's rules for
 * identifiers it neither starts nor ends with `/`, holds no `//`, and neither starts nor ends with
 * a space. Generated by {@link generateMandateReference} when the input has none.
 *
 * @category models
 */
export const MandateReference = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) => referenceProblem(s), {
      expected: "a SEPA mandate reference (rule mandate.reference-format)"
    })
  ),
  Schema.brand("MandateReference")
)

/** @category models */
export type MandateReference = typeof MandateReference.Type

const isCalendarDate = (s: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return days !== undefined && day >= 1 && day <= days
}

/**
 * The day a mandate was signed, as a calendar date `YYYY-MM-DD` (rule `mandate.signature-date`).
 *
 * A plain date rather than an instant: a mandate is signed on a day, in the customer's calendar,
 * and the same string travels unchanged through JSON, forms and the host's booking records with no
 * time zone to get wrong. Use {@link mandateDateOf} to derive "today" from a `DateTime`.
 *
 * @category models
 */
export const MandateDate = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter(
      (s: string) =>
        isCalendarDate(s) ? undefined : "Expected a calendar date YYYY-MM-DD, e.g. 2026-11-23 (rule mandate.signature-date)",
      { expected: "a calendar date YYYY-MM-DD (rule mandate.signature-date)" }
    )
  ),
  Schema.brand("MandateDate")
)

/** @category models */
export type MandateDate = typeof MandateDate.Type

const decodeMandateDate = decode(MandateDate, "MandateDate")

/**
 * The calendar date of a `DateTime` in its own time zone (UTC for a `DateTime.Utc`), as a
 * {@link MandateDate}. Fails only for dates outside the years 0000 to 9999.
 *
 * @category constructors
 */
export const mandateDateOf = (dateTime: DateTime.DateTime): Result.Result<MandateDate, ValidationError> =>
  decodeMandateDate(DateTime.formatIsoDate(dateTime))

/**
 * A SEPA direct-debit mandate: its reference and the day it was signed.
 *
 * The reference is marked as personal data (financial): it is not a name or a number of the
 * customer's, but it identifies the customer's mandate at the creditor and in the bank's records,
 * so it belongs in the GDPR export and is replaced (by `ANONYMIZED`) on anonymization. The host
 * keeps its own booking records for their retention periods. The signature date alone is not
 * personal data.
 *
 * @category models
 */
export class Mandate extends Schema.Class<Mandate>("customer-account/Mandate")({
  /** The mandate reference. */
  reference: MandateReference.pipe(personal("financial", { replacement: "ANONYMIZED" })),
  /** The day the mandate was signed. */
  signedAt: MandateDate
}) {}

const plainPart = /^[A-Z0-9]+$/

/** A 53-bit string hash (cyrb53 construction), as 11 base-36 digits. */
const digest = (text: string): string => {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0)
  return value.toString(36).toUpperCase().padStart(11, "0")
}

/**
 * Generates a mandate reference from seed parts, e.g. the customer number and a sequence number
 * of the customer's mandates (rule `mandate.reference-format`). Pure and deterministic: the same
 * parts always give the same reference, and the result is always a valid reference.
 *
 * - When every part consists of upper-case letters and digits only and the parts joined by `-`
 *   fit into 35 characters, the reference is exactly that: `("K10001", 3)` gives `K10001-3`.
 * - Otherwise the parts are reduced to upper-case letters and digits, joined by `-`, cut to 23
 *   characters and followed by `.` and an 11-character digest of the original parts, e.g.
 *   `("k-10001", 3)` gives `K10001-3.` plus the digest. The `.` keeps these apart from the first
 *   form, and the digest keeps parts that reduce to the same text apart.
 *
 * @example
 * ```ts
 * import { BankAccount } from "customer-account"
 *
 * BankAccount.generateMandateReference("10001", 1) // "10001-1"
 * ```
 *
 * @category constructors
 */
export const generateMandateReference = (...parts: ReadonlyArray<string | number>): MandateReference => {
  const raw = parts.map(String)
  const reduced = raw.map((p) => p.toUpperCase().replace(/[^A-Z0-9]/g, "")).filter((p) => p !== "")
  const body = reduced.join("-")
  if (raw.length > 0 && raw.every((p) => plainPart.test(p)) && body.length <= 35) {
    return MandateReference.make(body)
  }
  const prefix = body.slice(0, 23).replace(/-+$/, "")
  const hash = digest(JSON.stringify(raw))
  // Always valid (see the property tests): letters, digits, "-" and "."; no "/" and no space.
  return MandateReference.make(prefix === "" ? hash : `${prefix}.${hash}`)
}

// ---------------------------------------------------------------------------------------------
// Input and stored account
// ---------------------------------------------------------------------------------------------

const bicOutsideSepa = Schema.makeFilter(
  (account: { readonly iban: Iban; readonly bic?: Bic }) => {
    const country = ibanCountry(account.iban)
    return account.bic !== undefined || isSepaCountry(country)
      ? undefined
      : {
        path: ["bic"],
        issue: `Expected a BIC: an IBAN from ${country}, outside SEPA, needs one (rule bank-account.bic-format)`
      }
  },
  { expected: "a BIC with an IBAN from outside SEPA (rule bank-account.bic-format)" }
)

/**
 * The input of "Add bank account" (SPEC section 7).
 *
 * - `holder`: 1 to 30 characters after trimming (rule `bank-account.holder-length`);
 * - `iban`: may be typed with spaces and in lower case (rules `iban.length-per-country`,
 *   `iban.mod97`);
 * - `bic`: optional inside SEPA, required for an IBAN from outside SEPA; that failure is reported
 *   at path `bic` (rule `bank-account.bic-format`);
 * - `mandateReference` and `mandateSignedAt`: when missing, {@link completeMandate} fills in a
 *   generated reference and the day the account is added (rules `mandate.reference-format`,
 *   `mandate.signature-date`);
 * - `preferred`: make this the preferred account (the first account always is).
 *
 * @category models
 */
export const BankAccountInput = Schema.Struct({
  holder: AccountHolder,
  iban: AccountIban,
  bic: Schema.optionalKey(AccountBic),
  mandateReference: Schema.optionalKey(MandateReference.pipe(personal("financial"))),
  mandateSignedAt: Schema.optionalKey(MandateDate),
  preferred: Schema.optionalKey(Schema.Boolean)
}).check(bicOutsideSepa)

/** @category models */
export type BankAccountInput = typeof BankAccountInput.Type

/**
 * A customer's bank account as stored: holder, IBAN and BIC as given, the completed mandate, and
 * whether it is the preferred account. Holder, IBAN, BIC and mandate reference are personal data.
 *
 * @category models
 */
export class BankAccount extends Schema.Class<BankAccount>("customer-account/BankAccount")(
  Schema.Struct({
    /** The account's id, unique within the customer account. */
    id: BankAccountId,
    /** The account holder. */
    holder: AccountHolder,
    /** The IBAN, normalized. */
    iban: AccountIban,
    /** The BIC; required for an IBAN from outside SEPA. */
    bic: Schema.optionalKey(AccountBic),
    /** The SEPA direct-debit mandate. */
    mandate: Mandate,
    /** Whether this is the preferred account; exactly one account of a non-empty list is. */
    preferred: Schema.Boolean
  }).check(bicOutsideSepa)
) {}

/**
 * Completes the mandate of an input: a missing reference becomes `generated` (see
 * {@link generateMandateReference}), a missing signature date becomes `today` (rules
 * `mandate.reference-format`, `mandate.signature-date`). Given values are kept as they are.
 *
 * @category constructors
 */
export const completeMandate = (
  input: Pick<BankAccountInput, "mandateReference" | "mandateSignedAt">,
  generated: MandateReference,
  today: MandateDate
): Mandate =>
  new Mandate({
    reference: input.mandateReference ?? generated,
    signedAt: input.mandateSignedAt ?? today
  })

/**
 * Builds the stored account from a decoded input, completing its mandate (see
 * {@link completeMandate}). `preferred` is taken from the input (default `false`);
 * {@link addBankAccount} then settles which account is preferred.
 *
 * @category constructors
 */
export const bankAccountFromInput = (
  id: BankAccountId,
  input: BankAccountInput,
  generated: MandateReference,
  today: MandateDate
): BankAccount =>
  new BankAccount({
    id,
    holder: input.holder,
    iban: input.iban,
    ...(input.bic === undefined ? {} : { bic: input.bic }),
    mandate: completeMandate(input, generated, today),
    preferred: input.preferred ?? false
  })

// ---------------------------------------------------------------------------------------------
// The preferred account
// ---------------------------------------------------------------------------------------------

/**
 * The preferred account of a list, if the list is not empty.
 *
 * @category preferred account
 */
export const preferredBankAccount = (accounts: ReadonlyArray<BankAccount>): BankAccount | undefined =>
  accounts.find((a) => a.preferred)

/**
 * Whether a list keeps the invariant of rule `bank-account.one-preferred`: an empty list has no
 * preferred account, a non-empty list exactly one.
 *
 * @category preferred account
 */
export const hasOnePreferred = (accounts: ReadonlyArray<BankAccount>): boolean =>
  accounts.filter((a) => a.preferred).length === (accounts.length === 0 ? 0 : 1)

const withPreferred = (account: BankAccount, preferred: boolean): BankAccount =>
  account.preferred === preferred ? account : new BankAccount({ ...account, preferred })

/** Marks exactly the account with id `target` preferred, or the oldest one when there is no such account. */
const settle = (accounts: ReadonlyArray<BankAccount>, target: BankAccountId | undefined): ReadonlyArray<BankAccount> => {
  const chosen = accounts.some((a) => a.id === target) ? target : accounts[0]?.id
  return accounts.map((a) => withPreferred(a, a.id === chosen))
}

/**
 * Adds an account to a list (oldest first) and keeps exactly one preferred account (rule
 * `bank-account.one-preferred`):
 *
 * - the first account of a list becomes preferred, whatever its flag says;
 * - an account added as preferred takes the mark from the previous preferred one;
 * - an account added as not preferred leaves the preferred one as it is.
 *
 * An account whose id is already in the list replaces that entry in place (an update). Pure: the
 * list and its accounts are not changed.
 *
 * @category preferred account
 */
export const addBankAccount = (
  accounts: ReadonlyArray<BankAccount>,
  account: BankAccount
): ReadonlyArray<BankAccount> => {
  const exists = accounts.some((a) => a.id === account.id)
  const next = exists ? accounts.map((a) => (a.id === account.id ? account : a)) : [...accounts, account]
  const target = account.preferred ? account.id : preferredBankAccount(accounts)?.id
  return settle(next, target)
}

/**
 * Removes an account from a list and keeps exactly one preferred account (rule
 * `bank-account.one-preferred`): when the preferred account is removed, the oldest remaining
 * account (the first of the list) becomes preferred, so that a customer with bank accounts always
 * has one to collect from. An unknown id leaves the list as it is.
 *
 * @category preferred account
 */
export const removeBankAccount = (
  accounts: ReadonlyArray<BankAccount>,
  id: BankAccountId
): ReadonlyArray<BankAccount> => {
  if (!accounts.some((a) => a.id === id)) return accounts
  return settle(accounts.filter((a) => a.id !== id), preferredBankAccount(accounts)?.id)
}

/**
 * Makes the account with the given id the preferred one, and no other (rule
 * `bank-account.one-preferred`). An unknown id leaves the list as it is.
 *
 * @category preferred account
 */
export const preferBankAccount = (
  accounts: ReadonlyArray<BankAccount>,
  id: BankAccountId
): ReadonlyArray<BankAccount> => (accounts.some((a) => a.id === id) ? settle(accounts, id) : accounts)
