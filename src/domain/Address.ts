/**
 * Billing and delivery addresses of a customer (SPEC sections 2 and 7, "Add billing / delivery
 * address").
 *
 * Everything here is pure: the input Schema of the address commands, the stored address, and list
 * helpers that keep the preferred-address invariant (rule `address.one-preferred-per-kind`).
 * Commands, permissions and activities build on top of it.
 *
 * ## Anonymization
 *
 * Every field of an address except its id, kind and preferred flag is personal data. Anonymization
 * writes fixed replacements ({@link anonymizedAddress}) into the required fields, and the result
 * must still decode, including the check that the postal code fits the country. No postal code fits
 * every country (Germany has 5 digits, Austria 4, the Netherlands letters), so the country is
 * replaced too, and the replacement pair is chosen to fit together: country `AQ` (Antarctica: no
 * residents, no postal service, no postal-code format, so an anonymized address cannot be mistaken
 * for a real one) with postal code `00000`. Names and the company name are optional; when present
 * they are replaced (not removed), so that an anonymized address still names a person or a company
 * (rule `address.name-or-company`). The address line 2 is removed.
 *
 * @module
 */
import { Result, Schema, SchemaTransformation } from "effect"
import { isCleanText, trimNfc } from "./Text.ts"
import { countryCodeFrom, type CountryCode } from "./Country.ts"
import { AddressId } from "./Ids.ts"
import { personal } from "./PersonalData.ts"
import { normalizePostalCode, postalCodeProblem } from "./PostalCode.ts"

// ---------------------------------------------------------------------------------------------
// Kinds
// ---------------------------------------------------------------------------------------------

/**
 * The kinds of address: a customer has billing and delivery addresses, each kind with at most one
 * preferred address.
 *
 * @category models
 */
export const AddressKind = Schema.Literals(["billing", "delivery"])
/** @category models */
export type AddressKind = typeof AddressKind.Type

/**
 * Every address kind, in a fixed order.
 *
 * @category models
 */
export const addressKinds: ReadonlyArray<AddressKind> = AddressKind.literals

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

/**
 * What anonymization writes into the required fields of an address (see the module
 * documentation): the country `AQ` and the postal code `00000` fit together, and names present are
 * replaced by `anonymized`.
 *
 * @category anonymizing
 */
export const anonymizedAddress = {
  street: "anonymized",
  houseNumber: "0",
  postalCode: "00000",
  city: "anonymized",
  country: "AQ",
  name: "anonymized"
} as const

/** A trimmed text of 1 to `max` characters, marked as personal data, trimmed on decoding. */
const personalText = (
  what: string,
  max: number,
  category: "address" | "identity",
  replacement?: string
) =>
  Schema.String.pipe(
    personal(category, replacement === undefined ? undefined : { replacement }),
    Schema.decodeTo(
      Schema.Trimmed.check(
        Schema.isBetweenLength(1, max, { expected: `${what} of 1 to ${max} characters (rule address.fields)` }),
        isCleanText()
      ),
      trimNfc()
    )
  )

/**
 * The street (rule `address.fields`): 1 to 100 characters after trimming. Personal data
 * (address); anonymization writes `anonymized`.
 *
 * @category fields
 */
export const Street = personalText("a street", 100, "address", anonymizedAddress.street)

/**
 * The house number, with any suffix as written, e.g. `12a` or `12-14` (rule `address.fields`): 1
 * to 20 characters after trimming. Personal data (address); anonymization writes `0`.
 *
 * @category fields
 */
export const HouseNumber = personalText("a house number", 20, "address", anonymizedAddress.houseNumber)

/**
 * The address line 2 (c/o, floor, apartment, post box; rule `address.fields`): 1 to 100
 * characters after trimming. Personal data (address); always optional, so anonymization removes it.
 *
 * @category fields
 */
export const AddressAddition = personalText("an address line 2", 100, "address")

/**
 * The city (rule `address.fields`): 1 to 100 characters after trimming. Personal data (address);
 * anonymization writes `anonymized`.
 *
 * @category fields
 */
export const City = personalText("a city", 100, "address", anonymizedAddress.city)

/**
 * The postal code as a field: trimmed on decoding. Whether it fits the country is checked on the
 * whole address (rule `address.postal-code-per-country`), where the country is known. Personal data
 * (address); anonymization writes `00000`, which fits the replaced country `AQ`.
 *
 * @category fields
 */
export const PostalCodeField = Schema.String.pipe(
  personal("address", { replacement: anonymizedAddress.postalCode }),
  Schema.decodeTo(Schema.Trimmed, SchemaTransformation.trim())
)

/**
 * The country of an address: an ISO 3166-1 alpha-2 code, trimmed and upper-cased on decoding
 * (rule `address.country-iso`). Marked as personal data (address) because it is part of the
 * address; anonymization writes `AQ` (see the module documentation).
 *
 * @category fields
 */
export const AddressCountry = countryCodeFrom(
  Schema.String.pipe(personal("address", { replacement: anonymizedAddress.country }))
)

/**
 * A first name, last name or company name on an address (rule `address.fields`): 1 to 100
 * characters after trimming. Personal data (identity). Always optional, but anonymization
 * replaces a present one with `anonymized` rather than removing it, so that the anonymized address
 * still satisfies rule `address.name-or-company`.
 *
 * @category fields
 */
export const AddressName = personalText("a name", 100, "identity", anonymizedAddress.name)

const fields = {
  /** First name of the addressee; comes with a last name. */
  firstName: Schema.optionalKey(AddressName),
  /** Last name of the addressee; comes with a first name. */
  lastName: Schema.optionalKey(AddressName),
  /** Company name of the addressee. */
  companyName: Schema.optionalKey(AddressName),
  /** Street name. */
  street: Street,
  /** House number with suffix. */
  houseNumber: HouseNumber,
  /** Address line 2 (c/o, floor, apartment). */
  addition: Schema.optionalKey(AddressAddition),
  /** Postal code in its country's format. */
  postalCode: PostalCodeField,
  /** City. */
  city: City,
  /** ISO 3166-1 alpha-2 country code. */
  country: AddressCountry
}

// ---------------------------------------------------------------------------------------------
// Checks on the whole address
// ---------------------------------------------------------------------------------------------

const postalCodeFitsCountry = Schema.makeFilter(
  (address: { readonly country: CountryCode; readonly postalCode: string }) => {
    const problem = postalCodeProblem(address.country, address.postalCode)
    return problem === undefined ? undefined : { path: ["postalCode"], issue: problem }
  },
  { expected: "a postal code in the format of the address's country (rule address.postal-code-per-country)" }
)

const nameOrCompany = Schema.makeFilter(
  (address: { readonly firstName?: string; readonly lastName?: string; readonly companyName?: string }) => {
    const rule = "(rule address.name-or-company)"
    if (address.firstName !== undefined && address.lastName === undefined) {
      return { path: ["lastName"], issue: `Expected a last name to go with the first name ${rule}` }
    }
    if (address.lastName !== undefined && address.firstName === undefined) {
      return { path: ["firstName"], issue: `Expected a first name to go with the last name ${rule}` }
    }
    return address.lastName !== undefined || address.companyName !== undefined
      ? undefined
      : `Expected a first and last name, a company name, or both ${rule}`
  },
  { expected: "a first and last name or a company name (rule address.name-or-company)" }
)

const AddressContent = Schema.Struct(fields)

const normalization = SchemaTransformation.transform<
  typeof AddressContent.Type,
  typeof AddressContent.Type
>({
  decode: (address) => ({ ...address, postalCode: normalizePostalCode(address.country, address.postalCode) }),
  encode: (address) => address
})

/**
 * The input of "Add billing address", "Add delivery address" and of changing an address (SPEC
 * section 7). The kind and whether the address is to be preferred are the command's, not the
 * address's.
 *
 * - `firstName` and `lastName` together, `companyName`, or all three (rule
 *   `address.name-or-company`); a first name without a last name (or the reverse) is reported at
 *   the missing one;
 * - `street`, `houseNumber`, `city`: 1 to 100 characters after trimming (house number 1 to 20),
 *   `addition` optional (rule `address.fields`);
 * - `country`: ISO 3166-1 alpha-2, typed in any case (rule `address.country-iso`);
 * - `postalCode`: normalized for the country (see `PostalCode.normalizePostalCode`), then checked
 *   against its format; a mismatch is reported at path `postalCode` with the format expected (rule
 *   `address.postal-code-per-country`).
 *
 * @example
 * ```ts
 * import { Address, Validation } from "customer-account"
 *
 * Validation.decode(Address.AddressInput, "Address")({
 *   firstName: "Erika", lastName: "Mustermann",
 *   street: "Heidestraße", houseNumber: "17", postalCode: "51147", city: "Köln", country: "de"
 * }) // Result.succeed({ ..., country: "DE" })
 * ```
 *
 * @category models
 */
export const AddressInput = AddressContent.pipe(Schema.decode(normalization)).check(
  postalCodeFitsCountry,
  nameOrCompany
)

/** @category models */
export type AddressInput = typeof AddressInput.Type

/**
 * An address as stored: the checked content of {@link AddressInput} (postal code in its
 * normalized form), its id, its kind, and whether it is the preferred address of its kind.
 *
 * Decoding a stored address checks the postal code against the country in its normalized form, as
 * {@link AddressInput} produces it; it does not normalize again.
 *
 * @category models
 */
export class Address extends Schema.Class<Address>("customer-account/Address")(
  Schema.Struct({
    /** The address's id, unique within the customer account. */
    id: AddressId,
    /** Billing or delivery. */
    kind: AddressKind,
    /** Whether this is the preferred address of its kind. */
    preferred: Schema.Boolean,
    ...fields
  }).check(postalCodeFitsCountry, nameOrCompany)
) {}

/**
 * Builds the stored address from a decoded input. `preferred` defaults to `false`;
 * {@link addAddress} then settles which address of the kind is preferred.
 *
 * @category constructors
 */
export const addressFromInput = (
  id: AddressId,
  kind: AddressKind,
  input: AddressInput,
  preferred = false
): Address => new Address({ ...input, id, kind, preferred })

// ---------------------------------------------------------------------------------------------
// The preferred address per kind
// ---------------------------------------------------------------------------------------------

/**
 * An address id that is not in the customer's list of addresses. Nothing was changed.
 *
 * @category errors
 */
export class AddressNotFound extends Schema.TaggedError<AddressNotFound>()("AddressNotFound", {
  /** The rule that refused the change. */
  rule: Schema.Literal("address.known-id"),
  /** The id that was not found. */
  addressId: AddressId,
  /** What was refused and why. */
  message: Schema.String
}) {}

const notFound = (id: AddressId): AddressNotFound =>
  new AddressNotFound({
    rule: "address.known-id",
    addressId: id,
    message: `No address with id ${id} in this account (rule address.known-id)`
  })

/**
 * The addresses of one kind, in list order (oldest first).
 *
 * @category preferred address
 */
export const addressesOf = (addresses: ReadonlyArray<Address>, kind: AddressKind): ReadonlyArray<Address> =>
  addresses.filter((a) => a.kind === kind)

/**
 * The preferred address of a kind, if the list holds an address of that kind.
 *
 * @category preferred address
 */
export const preferredOf = (addresses: ReadonlyArray<Address>, kind: AddressKind): Address | undefined =>
  addresses.find((a) => a.kind === kind && a.preferred)

/**
 * Whether a list keeps the invariant of rule `address.one-preferred-per-kind`: per kind, no
 * preferred address when the list holds none of that kind, and exactly one otherwise.
 *
 * @category preferred address
 */
export const hasOnePreferredPerKind = (addresses: ReadonlyArray<Address>): boolean =>
  addressKinds.every((kind) => {
    const ofKind = addressesOf(addresses, kind)
    return ofKind.filter((a) => a.preferred).length === (ofKind.length === 0 ? 0 : 1)
  })

const withPreferred = (address: Address, preferred: boolean): Address =>
  address.preferred === preferred ? address : new Address({ ...address, preferred })

/**
 * Marks, per kind, exactly the address chosen by `target` preferred, or the oldest of the kind
 * when the target is not an address of that kind.
 */
const settle = (
  addresses: ReadonlyArray<Address>,
  target: (kind: AddressKind) => AddressId | undefined
): ReadonlyArray<Address> => {
  const chosen = new Map<AddressKind, AddressId>()
  for (const kind of addressKinds) {
    const ofKind = addressesOf(addresses, kind)
    const wanted = target(kind)
    const pick = ofKind.find((a) => a.id === wanted) ?? ofKind[0]
    if (pick !== undefined) chosen.set(kind, pick.id)
  }
  return addresses.map((a) => withPreferred(a, chosen.get(a.kind) === a.id))
}

const currentPreferred = (addresses: ReadonlyArray<Address>) => (kind: AddressKind): AddressId | undefined =>
  preferredOf(addresses, kind)?.id

/**
 * Adds an address to a list (oldest first) and keeps exactly one preferred address per kind that
 * the list holds (rule `address.one-preferred-per-kind`):
 *
 * - the first address of a kind becomes preferred, whatever its flag says;
 * - an address added as preferred takes the mark from the previous preferred one of its kind;
 * - an address added as not preferred leaves the preferred one of its kind as it is.
 *
 * An address whose id is already in the list replaces that entry in place (see
 * {@link changeAddress}). Pure: the list and its addresses are not changed.
 *
 * @category preferred address
 */
export const addAddress = (addresses: ReadonlyArray<Address>, address: Address): ReadonlyArray<Address> => {
  const exists = addresses.some((a) => a.id === address.id)
  const next = exists ? addresses.map((a) => (a.id === address.id ? address : a)) : [...addresses, address]
  const before = currentPreferred(addresses)
  return settle(next, (kind) => (address.preferred && address.kind === kind ? address.id : before(kind)))
}

/**
 * Replaces the address with the same id, in place, and keeps exactly one preferred address per
 * kind (rule `address.one-preferred-per-kind`):
 *
 * - a changed address marked preferred becomes the preferred one of its kind;
 * - the preferred address of a kind stays preferred even when its new version is not marked so,
 *   because a kind with addresses always has a preferred one: prefer another address instead
 *   (see {@link setPreferred});
 * - an address moved to the other kind takes its preference along only when marked preferred or
 *   when it is the first of that kind; the kind it left falls back to its oldest address when it
 *   lost its preferred one.
 *
 * Fails with {@link AddressNotFound} when the id is not in the list (rule `address.known-id`).
 *
 * @category preferred address
 */
export const changeAddress = (
  addresses: ReadonlyArray<Address>,
  address: Address
): Result.Result<ReadonlyArray<Address>, AddressNotFound> =>
  addresses.some((a) => a.id === address.id) ? Result.succeed(addAddress(addresses, address)) : Result.fail(notFound(address.id))

/**
 * Makes the address with the given id the preferred one of its kind, and no other of that kind
 * (rule `address.one-preferred-per-kind`); the other kind is left as it is.
 *
 * Fails with {@link AddressNotFound} when the id is not in the list (rule `address.known-id`).
 *
 * @category preferred address
 */
export const setPreferred = (
  addresses: ReadonlyArray<Address>,
  id: AddressId
): Result.Result<ReadonlyArray<Address>, AddressNotFound> => {
  const address = addresses.find((a) => a.id === id)
  if (address === undefined) return Result.fail(notFound(id))
  const before = currentPreferred(addresses)
  return Result.succeed(settle(addresses, (kind) => (kind === address.kind ? id : before(kind))))
}

/**
 * Removes an address from a list and keeps exactly one preferred address per kind that the list
 * still holds (rule `address.one-preferred-per-kind`): when the preferred address of a kind is
 * removed, the oldest remaining address of that kind becomes preferred.
 *
 * Fails with {@link AddressNotFound} when the id is not in the list (rule `address.known-id`).
 *
 * @category preferred address
 */
export const removeAddress = (
  addresses: ReadonlyArray<Address>,
  id: AddressId
): Result.Result<ReadonlyArray<Address>, AddressNotFound> => {
  if (!addresses.some((a) => a.id === id)) return Result.fail(notFound(id))
  return Result.succeed(settle(addresses.filter((a) => a.id !== id), currentPreferred(addresses)))
}
