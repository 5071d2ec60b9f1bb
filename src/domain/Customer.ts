/**
 * The customer (SPEC section 2): its personal data, as a private person or as a company, and its
 * system data; the input of registering a customer and of changing its personal data.
 *
 * Everything here is pure. Commands, permissions, uniqueness of the email per tenant (see
 * `Email.normalizeEmail`) and activities build on top of it.
 *
 * ## Kinds
 *
 * A profile is discriminated by `kind` (rule `customer.kind`): a `private` customer has a first
 * and last name; a `company` customer has a company name, and may name a contact person (first and
 * last name, each optional). A change of personal data never switches the kind.
 *
 * ## Formats (rule `customer.fields`)
 *
 * Text fields are trimmed on decoding. Names and the company name are 1 to 100 characters, the
 * title (`Dr.`, `Prof. Dr.`) 1 to 50. A birthday is a calendar date `YYYY-MM-DD` from 1900 on
 * (whether it lies in the future needs a clock, which a Schema has not: commands check that). A
 * phone number is stored in international format (E.164): `+` and 6 to 15 digits, the first not
 * 0; on input, spaces and hyphens are allowed and removed (`+49 30 1234-567` becomes
 * `+49301234567`); brackets, slashes, a national trunk prefix (`+49 (0)30`) and the `00`
 * international prefix are rejected rather than guessed at. Emails follow rule `customer.email-format`, the language rule
 * `customer.language-bcp47`.
 *
 * ## Personal data (rule `customer.personal-data-marked`)
 *
 * Every field of a profile except `kind` is personal data and carries the mark. Anonymization
 * removes the optional fields and writes {@link anonymizedProfile} into the required ones, each of
 * which satisfies its own field's Schema: salutation `none`, names and company name `anonymized`,
 * email `anonymized@anonymized.invalid` (the `.invalid` top-level domain is reserved by RFC 2606
 * and never delivers), language `und` (BCP 47 for "undetermined"). The optional contact-person
 * names of a company are removed, not replaced.
 *
 * @module
 */
import { Result, Schema, SchemaTransformation } from "effect"
import { isCleanText, trimNfc } from "./Text.ts"
import { emailFrom } from "./Email.ts"
import { CustomerId, CustomerNumber, FileId, TenantId } from "./Ids.ts"
import { Instant } from "./Instant.ts"
import { languageFrom } from "./Language.ts"
import { personal, type PersonalDataCategory } from "./PersonalData.ts"

// ---------------------------------------------------------------------------------------------
// Literals
// ---------------------------------------------------------------------------------------------

/**
 * How a customer is addressed: `mr`, `mrs`, `diverse` or `none`.
 *
 * @category models
 */
export const Salutation = Schema.Literals(["mr", "mrs", "diverse", "none"])
/** @category models */
export type Salutation = typeof Salutation.Type

/**
 * Every salutation, in a fixed order.
 *
 * @category models
 */
export const salutations: ReadonlyArray<Salutation> = Salutation.literals

/**
 * Where a customer registered: `checkout`, `self-service`, `api`, `import` or `back-office`.
 *
 * @category models
 */
export const RegistrationSource = Schema.Literals(["checkout", "self-service", "api", "import", "back-office"])
/** @category models */
export type RegistrationSource = typeof RegistrationSource.Type

/**
 * Every registration source, in a fixed order.
 *
 * @category models
 */
export const registrationSources: ReadonlyArray<RegistrationSource> = RegistrationSource.literals

/**
 * The kinds of customer: `private` and `company` (rule `customer.kind`).
 *
 * @category models
 */
export const CustomerKind = Schema.Literals(["private", "company"])
/** @category models */
export type CustomerKind = typeof CustomerKind.Type

/**
 * Every customer kind, in a fixed order.
 *
 * @category models
 */
export const customerKinds: ReadonlyArray<CustomerKind> = CustomerKind.literals

// ---------------------------------------------------------------------------------------------
// Field formats (rule customer.fields), without marks
// ---------------------------------------------------------------------------------------------

const text = (what: string, max: number) =>
  Schema.Trimmed.check(
    Schema.isBetweenLength(1, max, { expected: `${what} of 1 to ${max} characters (rule customer.fields)` }),
    isCleanText()
  )

/**
 * A first or last name (of a private customer or a company's contact person): 1 to 100 characters
 * without surrounding whitespace (rule `customer.fields`).
 *
 * @category fields
 */
export const Name = text("a name", 100)

/**
 * A company name: 1 to 100 characters without surrounding whitespace (rules `customer.kind`,
 * `customer.fields`).
 *
 * @category fields
 */
export const CompanyName = Schema.Trimmed.check(
  Schema.isBetweenLength(1, 100, {
    expected: "a company name of 1 to 100 characters: a company customer has one (rule customer.kind)"
  }),
  isCleanText()
)

/**
 * An academic or honorary title such as `Dr.` or `Prof. Dr.`: 1 to 50 characters without
 * surrounding whitespace (rule `customer.fields`).
 *
 * @category fields
 */
export const Title = text("a title", 50)

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * Whether a string is a calendar date `YYYY-MM-DD` from the year 1900 on (rule `customer.fields`).
 *
 * @category fields
 */
export const isBirthday = (date: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (match === null) return false
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return year >= 1900 && days !== undefined && day >= 1 && day <= days
}

/**
 * A birthday: a calendar date `YYYY-MM-DD` from the year 1900 on (rule `customer.fields`).
 *
 * @category fields
 */
export const Birthday = Schema.String.check(
  Schema.makeFilter(isBirthday, {
    expected: "a birthday as a calendar date YYYY-MM-DD from 1900 on, e.g. 1984-02-29 (rule customer.fields)"
  })
)

/**
 * A phone number in international format (E.164): `+` and 6 to 15 digits, the first not 0, e.g.
 * `+49301234567` (rule `customer.fields`). Decoding does not remove separators: the profile's
 * phone field removes spaces and hyphens first.
 *
 * @category fields
 */
export const PhoneNumber = Schema.String.check(
  Schema.isPattern(/^\+[1-9]\d{5,14}$/, {
    expected:
      "a phone number in international format: '+' and 6 to 15 digits, e.g. +49 30 1234567; only spaces and hyphens may separate the digits (rule customer.fields)"
  })
)

const compactPhone = SchemaTransformation.transform<string, string>({
  decode: (phone) => phone.replace(/[\s-]/g, ""),
  encode: (phone) => phone
})

// ---------------------------------------------------------------------------------------------
// Marked fields (rule customer.personal-data-marked)
// ---------------------------------------------------------------------------------------------

/**
 * What anonymization writes into the required personal fields of a profile (see the module
 * documentation); each value satisfies its field's Schema.
 *
 * @category anonymizing
 */
export const anonymizedProfile = {
  salutation: "none",
  name: "anonymized",
  email: "anonymized@anonymized.invalid",
  language: "und"
} as const

/** The encoded side of a field, carrying the personal-data mark (marks must sit on the encoded side). */
const marked = (category: PersonalDataCategory, replacement?: string) =>
  Schema.String.pipe(personal(category, replacement === undefined ? undefined : { replacement }))

const trim = SchemaTransformation.trim()

/** Names are trimmed and stored in NFC (rule `text.normalized`). */
const nfc = trimNfc()

const fieldsWith = (replace: boolean) => {
  const r = (replacement: string): string | undefined => (replace ? replacement : undefined)
  return {
    salutation: Salutation.pipe(personal("identity", replace ? { replacement: anonymizedProfile.salutation } : undefined)),
    title: marked("identity").pipe(Schema.decodeTo(Title, nfc)),
    name: marked("identity", r(anonymizedProfile.name)).pipe(Schema.decodeTo(Name, nfc)),
    contactName: marked("identity").pipe(Schema.decodeTo(Name, nfc)),
    companyName: marked("identity", r(anonymizedProfile.name)).pipe(Schema.decodeTo(CompanyName, nfc)),
    birthday: marked("identity").pipe(Schema.decodeTo(Birthday, trim)),
    email: emailFrom(marked("contact", r(anonymizedProfile.email))),
    invoiceEmail: emailFrom(marked("contact")),
    phone: marked("contact").pipe(Schema.decodeTo(PhoneNumber, compactPhone)),
    language: languageFrom(marked("contact", r(anonymizedProfile.language))),
    profileImage: FileId.pipe(personal("image"))
  }
}

/** Fields as held in a profile: required ones carry a replacement for anonymization. */
const field = fieldsWith(true)

/** Fields as sent in a change: all optional, so none needs a replacement. */
const patchField = fieldsWith(false)

// ---------------------------------------------------------------------------------------------
// Profiles
// ---------------------------------------------------------------------------------------------

/**
 * The personal data of a private customer (`kind: "private"`): salutation, optional title, first
 * and last name, optional birthday, email, optional invoice email and phone, language and an
 * optional profile image (a stored file). Every field but `kind` is marked as personal data.
 *
 * @category models
 */
export const PersonalDetails = Schema.Struct({
  /** Always `private`. */
  kind: Schema.Literal("private"),
  /** How the customer is addressed. */
  salutation: field.salutation,
  /** Academic or honorary title. */
  title: Schema.optionalKey(field.title),
  /** First name. */
  firstName: field.name.pipe(
    Schema.annotateKey({ messageMissingKey: "Missing key: a private customer has a first name (rule customer.kind)" })
  ),
  /** Last name. */
  lastName: field.name.pipe(
    Schema.annotateKey({ messageMissingKey: "Missing key: a private customer has a last name (rule customer.kind)" })
  ),
  /** Date of birth, `YYYY-MM-DD`. */
  birthday: Schema.optionalKey(field.birthday),
  /** The email address; unique per tenant among live customers after normalization. */
  email: field.email,
  /** A separate address for invoices. */
  invoiceEmail: Schema.optionalKey(field.invoiceEmail),
  /** Phone number in international format. */
  phone: Schema.optionalKey(field.phone),
  /** Preferred language, a BCP 47 tag. */
  language: field.language,
  /** The stored profile image. */
  profileImage: Schema.optionalKey(field.profileImage)
})
/** @category models */
export type PersonalDetails = typeof PersonalDetails.Type

/**
 * The personal data of a company customer (`kind: "company"`): the company name (required, rule
 * `customer.kind`), the contact person's salutation, optional title, optional first and last
 * name, optional birthday, the email, optional invoice email and phone, language and an optional
 * company logo (a stored file). Every field but `kind` is marked as personal data: a company may
 * be a sole trader, and its contact is a person.
 *
 * @category models
 */
export const CompanyDetails = Schema.Struct({
  /** Always `company`. */
  kind: Schema.Literal("company"),
  /** The company's name. */
  companyName: field.companyName.pipe(
    Schema.annotateKey({ messageMissingKey: "Missing key: a company customer has a company name (rule customer.kind)" })
  ),
  /** How the contact person is addressed. */
  salutation: field.salutation,
  /** The contact person's academic or honorary title. */
  title: Schema.optionalKey(field.title),
  /** The contact person's first name. */
  firstName: Schema.optionalKey(field.contactName),
  /** The contact person's last name. */
  lastName: Schema.optionalKey(field.contactName),
  /** The contact person's date of birth, `YYYY-MM-DD`. */
  birthday: Schema.optionalKey(field.birthday),
  /** The email address; unique per tenant among live customers after normalization. */
  email: field.email,
  /** A separate address for invoices. */
  invoiceEmail: Schema.optionalKey(field.invoiceEmail),
  /** Phone number in international format. */
  phone: Schema.optionalKey(field.phone),
  /** Preferred language, a BCP 47 tag. */
  language: field.language,
  /** The stored company logo. */
  profileImage: Schema.optionalKey(field.profileImage)
})
/** @category models */
export type CompanyDetails = typeof CompanyDetails.Type

/**
 * A customer's personal data: {@link PersonalDetails} or {@link CompanyDetails}, discriminated by
 * `kind` (rule `customer.kind`).
 *
 * @example
 * ```ts
 * import { Customer, Validation } from "customer-account"
 *
 * Validation.decode(Customer.CustomerProfile, "CustomerProfile")({
 *   kind: "private", salutation: "mrs", firstName: " Erika ", lastName: "Mustermann",
 *   email: "erika@example.de", phone: "+49 30 1234567", language: "de-de"
 * }) // Result.succeed({ ..., firstName: "Erika", phone: "+49301234567", language: "de-DE" })
 * ```
 *
 * @category models
 */
export const CustomerProfile = Schema.Union([PersonalDetails, CompanyDetails]).annotate({
  expected: "a profile of kind private or company (rule customer.kind)"
})
/** @category models */
export type CustomerProfile = typeof CustomerProfile.Type

// ---------------------------------------------------------------------------------------------
// System data
// ---------------------------------------------------------------------------------------------

/**
 * The version of a customer account, for optimistic concurrency: a non-negative integer, raised by
 * every accepted change.
 *
 * @category models
 */
export const CustomerVersion = Schema.Int.check(
  Schema.isGreaterThanOrEqualTo(0, { expected: "a version: a non-negative integer" })
)
/** @category models */
export type CustomerVersion = typeof CustomerVersion.Type

/**
 * A customer's system data (SPEC section 2): id, number, tenant, registration source, time of
 * registration and version. Status and product access are the lifecycle's (see
 * `Lifecycle.LifecycleState`). Nothing here is personal data.
 *
 * @category models
 */
export const SystemData = Schema.Struct({
  /** The customer's opaque id. */
  id: CustomerId,
  /** The customer number, unique per tenant, never reused. */
  number: CustomerNumber,
  /** The tenant the customer belongs to. */
  tenantId: TenantId,
  /** Where the customer registered. */
  registrationSource: RegistrationSource,
  /** When the customer registered. */
  registeredAt: Instant,
  /** The account's version. */
  version: CustomerVersion
})
/** @category models */
export type SystemData = typeof SystemData.Type

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/**
 * The input of registering a customer: the profile and where the registration came from. Id,
 * number, tenant and time are the SDK's to allocate.
 *
 * @category inputs
 */
export const RegisterCustomerInput = Schema.Struct({
  /** The customer's personal data. */
  profile: CustomerProfile,
  /** Where the registration came from. */
  registrationSource: RegistrationSource
})
/** @category inputs */
export type RegisterCustomerInput = typeof RegisterCustomerInput.Type

/**
 * The input of changing personal data: a partial patch of the profile's fields. A field left out
 * stays as it is; `null` clears an optional field. There is no `kind`: a change never switches it
 * (rule `customer.kind`), and {@link applyPersonalDataChange} refuses a company name for a private
 * customer and clearing a private customer's name. The fields carry personal-data marks, so a
 * stored change can be anonymized.
 *
 * @category inputs
 */
export const PersonalDataChange = Schema.Struct({
  /** New salutation. */
  salutation: Schema.optionalKey(patchField.salutation),
  /** New title, or `null` to clear it. */
  title: Schema.optionalKey(Schema.NullOr(patchField.title)),
  /** New first name, or `null` to clear a company contact's. */
  firstName: Schema.optionalKey(Schema.NullOr(patchField.contactName)),
  /** New last name, or `null` to clear a company contact's. */
  lastName: Schema.optionalKey(Schema.NullOr(patchField.contactName)),
  /** New company name (company customers only). */
  companyName: Schema.optionalKey(patchField.companyName),
  /** New birthday, or `null` to clear it. */
  birthday: Schema.optionalKey(Schema.NullOr(patchField.birthday)),
  /** New email. */
  email: Schema.optionalKey(patchField.email),
  /** New invoice email, or `null` to clear it. */
  invoiceEmail: Schema.optionalKey(Schema.NullOr(patchField.invoiceEmail)),
  /** New phone number, or `null` to clear it. */
  phone: Schema.optionalKey(Schema.NullOr(patchField.phone)),
  /** New language. */
  language: Schema.optionalKey(patchField.language),
  /** New profile image or company logo, or `null` to clear it. */
  profileImage: Schema.optionalKey(Schema.NullOr(patchField.profileImage))
})
/** @category inputs */
export type PersonalDataChange = typeof PersonalDataChange.Type

// ---------------------------------------------------------------------------------------------
// Applying a change
// ---------------------------------------------------------------------------------------------

/**
 * The fields of a profile a change can touch, in the order changes are listed.
 *
 * @category changes
 */
export type ProfileField = Exclude<keyof PersonalDetails | keyof CompanyDetails, "kind">

/**
 * Every field of a profile except `kind`, in the order changes are listed.
 *
 * @category changes
 */
export const profileFields: ReadonlyArray<ProfileField> = [
  "salutation",
  "title",
  "firstName",
  "lastName",
  "companyName",
  "birthday",
  "email",
  "invoiceEmail",
  "phone",
  "language",
  "profileImage"
]

/**
 * One changed field, for the activity tile: the value before and after; `before` is absent when
 * the field was not set, `after` when it was cleared. Fits `ActivityDetails.FieldChange`.
 *
 * @category changes
 */
export interface ProfileFieldChange {
  /** The field's name. */
  readonly field: ProfileField
  /** The value before, if the field was set. */
  readonly before?: string
  /** The value after, if the field is still set. */
  readonly after?: string
}

/**
 * The outcome of {@link applyPersonalDataChange}: the new profile and what changed.
 *
 * @category changes
 */
export interface AppliedPersonalDataChange {
  /** The profile with the change applied. */
  readonly profile: CustomerProfile
  /** The fields whose value changed, in the order of {@link profileFields}; empty when nothing did. */
  readonly changes: ReadonlyArray<ProfileFieldChange>
}

/**
 * A change of personal data does not fit the customer's kind (rule `customer.kind`): a company
 * name for a private customer, or clearing a private customer's first or last name. Nothing was
 * changed.
 *
 * @category errors
 */
export class PersonalDataChangeRejected
  extends Schema.TaggedError<PersonalDataChangeRejected>()("PersonalDataChangeRejected", {
    /** The rule that refused the change. */
    rule: Schema.Literal("customer.kind"),
    /** The customer's kind, which a change never switches. */
    kind: CustomerKind,
    /** The field that does not fit the kind. */
    field: Schema.Literals(["firstName", "lastName", "companyName"]),
    /** What was refused and why. */
    message: Schema.String
  })
{}

const valueOf = (profile: CustomerProfile, name: ProfileField): string | undefined =>
  (profile as Readonly<Partial<Record<ProfileField, string>>>)[name]

/**
 * Applies a decoded {@link PersonalDataChange} to a profile (pure): fields left out stay, `null`
 * clears an optional field. Returns the new profile and the changed fields with their values
 * before and after, for the activity tile (rule `customer.data-change-diff`); a change that
 * changes nothing returns an empty list and the profile as it was.
 *
 * Fails with {@link PersonalDataChangeRejected} (rule `customer.kind`) when the change names a
 * company name for a private customer or clears a private customer's first or last name.
 *
 * @example
 * ```ts
 * import { Customer } from "customer-account"
 *
 * const profile: Customer.CustomerProfile = {
 *   kind: "private", salutation: "mrs", title: "Dr.", firstName: "Erika", lastName: "Mustermann",
 *   email: "erika@example.de", language: "de"
 * }
 * Customer.applyPersonalDataChange(profile, { lastName: "Musterfrau", title: null })
 * // Result.succeed({ profile: { ..., lastName: "Musterfrau" }, changes: [
 * //   { field: "title", before: "Dr." }, { field: "lastName", before: "Mustermann", after: "Musterfrau" }] })
 * ```
 *
 * @category changes
 */
export const applyPersonalDataChange = (
  profile: CustomerProfile,
  patch: PersonalDataChange
): Result.Result<AppliedPersonalDataChange, PersonalDataChangeRejected> => {
  if (profile.kind === "private") {
    const reject = (field: PersonalDataChangeRejected["field"], why: string) =>
      Result.fail(
        new PersonalDataChangeRejected({
          rule: "customer.kind",
          kind: "private",
          field,
          message: `Cannot change ${field}: ${why} (rule customer.kind)`
        })
      )
    if (patch.companyName !== undefined) {
      return reject("companyName", "a private customer has no company name, and a change never switches the kind")
    }
    if (patch.firstName === null) return reject("firstName", "a private customer needs a first name")
    if (patch.lastName === null) return reject("lastName", "a private customer needs a last name")
  }
  const next: Record<string, unknown> = { ...profile }
  for (const name of profileFields) {
    if (!Object.hasOwn(patch, name)) continue
    const value = patch[name]
    if (value === undefined) continue
    if (value === null) delete next[name]
    else next[name] = value
  }
  const updated = next as CustomerProfile
  const changes: Array<ProfileFieldChange> = []
  for (const name of profileFields) {
    const before = valueOf(profile, name)
    const after = valueOf(updated, name)
    if (before === after) continue
    changes.push({
      field: name,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after })
    })
  }
  return Result.succeed({ profile: changes.length === 0 ? profile : updated, changes })
}
