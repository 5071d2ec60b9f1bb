/**
 * The details of the built-in activity types: the timeline's expandable tile with old and new
 * values (SPEC section 6, rule `activity.type-has-group`).
 *
 * Every details Schema encodes to plain JSON, so a storage adapter can keep it as it is. Fields
 * that may hold personal data carry the personal-data mark (rule `customer.personal-data-marked`),
 * so that anonymization can redact an activity's details from its Schema alone. No details Schema
 * has a place for a password, a one-time password, a token or any other secret: a password reset
 * records only that one was requested and how it was delivered.
 *
 * The Schemas here are self-contained: they name the records they are about by id and carry the
 * values as plain strings, so that the timeline does not depend on the shape of the records it
 * describes.
 *
 * @module
 */
import { Schema } from "effect"
import { isCleanMultilineText, isCleanText } from "./Text.ts"
import { RegistrationSource } from "./Customer.ts"
import { CustomerStatus } from "./Lifecycle.ts"
import {
  AccessRightId,
  AddressId,
  BankAccountId,
  CustomerNumber,
  DepartmentId,
  FileId,
  InvitationId,
  MetaTeamId,
  ModuleId,
  ProductId,
  TeamId
} from "./Ids.ts"
import { Instant } from "./Instant.ts"
import { personal } from "./PersonalData.ts"

const Text = (min: number, max: number) => Schema.String.pipe(Schema.check(Schema.isBetweenLength(min, max), isCleanText()))

const MultilineText = (min: number, max: number) =>
  Schema.String.pipe(Schema.check(Schema.isBetweenLength(min, max), isCleanMultilineText()))

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,63}$/

/**
 * The id of a record the host owns (order, invoice, payment, subscription, mail); the same format
 * as every id of the package (rule `identity.id-format`), unbranded.
 *
 * @category building blocks
 */
export const HostRecordId = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(idPattern, {
      expected: "a record id: 1 to 64 characters of letters, digits, '-', '_', ':' and '.' (rule identity.id-format)"
    })
  )
)
/** @category building blocks */
export type HostRecordId = typeof HostRecordId.Type

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const ChangedValue = Schema.Json.pipe(personal("content"))

/**
 * One changed field: its name and its value before and after, in their JSON encoding.
 *
 * `before` is absent for a field that was added, `after` for one that was removed. Both values
 * are marked as personal content, and being optional they are removed by anonymization, while the
 * field name stays: the tile still says *what* changed, no longer *to what*.
 *
 * @category building blocks
 */
export const FieldChange = Schema.Struct({
  /** The field's name or dotted path, e.g. `lastName` or `address.street`. */
  field: Text(1, 100),
  /** The value before the change (absent when the field was added or was empty). */
  before: Schema.optionalKey(ChangedValue),
  /** The value after the change (absent when the field was removed or is now empty). */
  after: Schema.optionalKey(ChangedValue)
})
/** @category building blocks */
export type FieldChange = typeof FieldChange.Type

/**
 * A list of field changes, at most 200 (an additional-data replacement may remove 50 keys and add 50).
 *
 * @category building blocks
 */
export const FieldChanges = Schema.Array(FieldChange).pipe(Schema.check(Schema.isMaxLength(200)))

/**
 * A non-empty list of field changes, at most 200: a "changed" activity changes something.
 *
 * @category building blocks
 */
export const NonEmptyFieldChanges = Schema.Array(FieldChange).pipe(Schema.check(Schema.isBetweenLength(1, 200)))

/**
 * An amount of money in minor units (cents) of an ISO 4217 currency, e.g. `{ amount: 1999, currency: "EUR" }`.
 * Credit notes and refunds may be negative.
 *
 * @category building blocks
 */
export const Money = Schema.Struct({
  /** The amount in the currency's minor units, an integer. */
  amount: Schema.Int,
  /** The ISO 4217 code, three upper-case letters. */
  currency: Schema.String.pipe(
    Schema.check(
      Schema.isPattern(/^[A-Z]{3}$/, {
        expected: "an ISO 4217 currency code of three upper-case letters, e.g. EUR (rule activity.host-types-registered)"
      })
    )
  )
})
/** @category building blocks */
export type Money = typeof Money.Type

/**
 * A reason given for a change, in the actor's words: free text, so personal content; optional and
 * so erased by anonymization.
 *
 * @category building blocks
 */
export const Reason = Text(1, 500).pipe(personal("content"))

/**
 * The details of a type that has nothing more to say: exactly the empty object. (A bare
 * `Schema.Struct({})` would accept any value, and so could carry anything, a secret included.)
 *
 * @category building blocks
 */
export const NoDetails = Schema.Struct({}).pipe(
  Schema.check(
    Schema.makeFilter((u: object) =>
      typeof u === "object" && u !== null && !Array.isArray(u) && Object.keys(u).length === 0
        ? undefined
        : "an empty object: this activity type has no details (rule activity.host-types-registered)"
    )
  )
)
/** @category building blocks */
export type NoDetails = typeof NoDetails.Type

// ---------------------------------------------------------------------------------------------
// Customer data
// ---------------------------------------------------------------------------------------------

/**
 * `customer.registered`: where the customer came from and the number it was given.
 *
 * @category customer data
 */
export const CustomerRegisteredDetails = Schema.Struct({
  source: RegistrationSource,
  customerNumber: CustomerNumber
})
/** @category customer data */
export type CustomerRegisteredDetails = typeof CustomerRegisteredDetails.Type

/**
 * `customer-data.changed`: the changed personal or system fields, old and new values.
 *
 * @category customer data
 */
export const CustomerDataChangedDetails = Schema.Struct({ changes: NonEmptyFieldChanges })
/** @category customer data */
export type CustomerDataChangedDetails = typeof CustomerDataChangedDetails.Type

/**
 * `additional-data.changed`: the tenant-defined keys that changed, old and new values.
 *
 * @category customer data
 */
export const AdditionalDataChangedDetails = Schema.Struct({ changes: NonEmptyFieldChanges })
/** @category customer data */
export type AdditionalDataChangedDetails = typeof AdditionalDataChangedDetails.Type

/**
 * `data.exported`: an export document was produced; its format.
 *
 * @category customer data
 */
export const DataExportedDetails = Schema.Struct({ format: Schema.Literal("json") })
/** @category customer data */
export type DataExportedDetails = typeof DataExportedDetails.Type

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------

/**
 * `billing-address.added` / `.changed` / `.removed` and the same for delivery addresses: which
 * address, and its fields (only `after` when added, only `before` when removed).
 *
 * @category addresses
 */
export const AddressDetails = Schema.Struct({
  addressId: AddressId,
  changes: FieldChanges
})
/** @category addresses */
export type AddressDetails = typeof AddressDetails.Type

// ---------------------------------------------------------------------------------------------
// Status and access
// ---------------------------------------------------------------------------------------------

/**
 * `status.changed`: the status before and after, and why.
 *
 * @category status and access
 */
export const StatusChangedDetails = Schema.Struct({
  from: CustomerStatus,
  to: CustomerStatus,
  reason: Schema.optionalKey(Reason)
})
/** @category status and access */
export type StatusChangedDetails = typeof StatusChangedDetails.Type

/**
 * `access.blocked` / `access.unblocked`: product access withdrawn or restored, and why.
 *
 * @category status and access
 */
export const ProductAccessDetails = Schema.Struct({ reason: Schema.optionalKey(Reason) })
/** @category status and access */
export type ProductAccessDetails = typeof ProductAccessDetails.Type

/**
 * `password-reset.requested`: a reset was requested and its one-time password handed to the
 * outbox. The one-time password itself never appears here.
 *
 * @category status and access
 */
export const PasswordResetRequestedDetails = Schema.Struct({ delivery: Schema.Literal("outbox") })
/** @category status and access */
export type PasswordResetRequestedDetails = typeof PasswordResetRequestedDetails.Type

/**
 * `password-reset.completed`: the customer presented its one-time password; nothing more to say
 * (never the password). A blocked customer's return to active is its own `status.changed`.
 *
 * @category status and access
 */
export const PasswordResetCompletedDetails = NoDetails
/** @category status and access */
export type PasswordResetCompletedDetails = typeof PasswordResetCompletedDetails.Type

/**
 * `two-factor.disabled`: nothing more to say.
 *
 * @category status and access
 */
export const TwoFactorDisabledDetails = NoDetails
/** @category status and access */
export type TwoFactorDisabledDetails = typeof TwoFactorDisabledDetails.Type

/**
 * `customer.anonymized`: nothing more to say (and nothing personal left to say it with).
 *
 * @category status and access
 */
export const CustomerAnonymizedDetails = NoDetails
/** @category status and access */
export type CustomerAnonymizedDetails = typeof CustomerAnonymizedDetails.Type

// ---------------------------------------------------------------------------------------------
// Consent
// ---------------------------------------------------------------------------------------------

/**
 * A marketing channel: email, phone, post, messenger.
 *
 * @category consent
 */
export const ConsentChannelLiteral = Schema.Literals(["email", "phone", "post", "messenger"])

/**
 * A consent state: none, single opt-in, double opt-in, revoked, objection.
 *
 * @category consent
 */
export const ConsentStateLiteral = Schema.Literals(["none", "singleOptIn", "doubleOptIn", "revoked", "objection"])

/**
 * `consent.changed`: one channel's consent before and after, where it was given and which text
 * version the customer saw. IP address and user agent stay in the consent record, not here.
 *
 * @category consent
 */
export const ConsentChangedDetails = Schema.Struct({
  channel: ConsentChannelLiteral,
  from: ConsentStateLiteral,
  to: ConsentStateLiteral,
  /** Where the consent was given (free text, may be personal: anonymization writes `[erased]`). */
  source: Schema.optionalKey(Text(1, 100).pipe(personal("content", { replacement: "[erased]" }))),
  textVersion: Schema.optionalKey(Text(1, 50))
})
/** @category consent */
export type ConsentChangedDetails = typeof ConsentChangedDetails.Type

// ---------------------------------------------------------------------------------------------
// Notes and communication
// ---------------------------------------------------------------------------------------------

/**
 * The encoded value anonymization writes into a note's or hint's text.
 *
 * @category notes and communication
 */
export const erasedText = "[erased]"

/**
 * `note` / `hint`: the text (personal content, 1 to 5000 characters) and the attached files.
 *
 * @category notes and communication
 */
export const NoteDetails = Schema.Struct({
  text: MultilineText(1, 5000).pipe(personal("content", { replacement: erasedText })),
  fileIds: Schema.Array(FileId)
})
/** @category notes and communication */
export type NoteDetails = typeof NoteDetails.Type

/**
 * `file.attached`: the file's id, name (personal content, replaced by `file`), detected media type
 * and size in bytes.
 *
 * @category notes and communication
 */
export const FileAttachedDetails = Schema.Struct({
  fileId: FileId,
  name: Text(1, 255).pipe(personal("content", { replacement: "file" })),
  mediaType: Schema.String.pipe(
    Schema.check(
      Schema.isPattern(/^[a-z]+\/[a-z0-9][a-z0-9.+-]{0,126}$/, {
        expected: "a media type such as application/pdf or image/png (rule file.type-from-signature)"
      })
    )
  ),
  size: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
})
/** @category notes and communication */
export type FileAttachedDetails = typeof FileAttachedDetails.Type

/**
 * `mail.sent` (recorded by the host): which mail, from which template, with which subject
 * (personal content, optional and so erased by anonymization).
 *
 * @category notes and communication
 */
export const MailSentDetails = Schema.Struct({
  mailId: Schema.optionalKey(HostRecordId),
  template: Schema.optionalKey(Text(1, 100)),
  subject: Schema.optionalKey(Text(1, 300).pipe(personal("content")))
})
/** @category notes and communication */
export type MailSentDetails = typeof MailSentDetails.Type

// ---------------------------------------------------------------------------------------------
// Access rights
// ---------------------------------------------------------------------------------------------

/**
 * `access-right.added` / `access-right.removed`: the manual right, its product and period.
 *
 * @category access rights
 */
export const AccessRightDetails = Schema.Struct({
  accessRightId: AccessRightId,
  productId: ProductId,
  validFrom: Schema.optionalKey(Instant),
  validUntil: Schema.optionalKey(Instant)
})
/** @category access rights */
export type AccessRightDetails = typeof AccessRightDetails.Type

// ---------------------------------------------------------------------------------------------
// Invoices and payments
// ---------------------------------------------------------------------------------------------

const maskedIbanPattern = /^[A-Z]{2}[0-9]{2}(?: ?\*)+(?: ?[A-Z0-9]){4}$/

/**
 * The encoded value anonymization writes into a masked IBAN: a masked dummy.
 *
 * @category invoices and payments
 */
export const maskedIbanReplacement = "XX00 **** **** 0000"

/**
 * An IBAN as activities show it (rule `iban.masked`): country, check digits, stars, the last four
 * characters, optionally grouped in fours, e.g. `DE89 **** **** **** **30 00`. Personal financial
 * data, replaced by a masked dummy on anonymization.
 *
 * @category invoices and payments
 */
export const MaskedIban = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(maskedIbanPattern, {
      expected: "a masked IBAN: country, check digits, '*' for the middle and the last four characters (rule iban.masked)"
    })
  ),
  personal("financial", { replacement: maskedIbanReplacement })
)

/**
 * `bank-account.added` / `bank-account.removed`: which account, with its IBAN masked.
 *
 * @category invoices and payments
 */
export const BankAccountDetails = Schema.Struct({
  bankAccountId: BankAccountId,
  maskedIban: MaskedIban
})
/** @category invoices and payments */
export type BankAccountDetails = typeof BankAccountDetails.Type

/**
 * `invoice.created` / `invoice.corrected` (recorded by the host): which invoice, for how much.
 * A correction is still recorded after anonymization.
 *
 * @category invoices and payments
 */
export const InvoiceDetails = Schema.Struct({
  invoiceId: HostRecordId,
  amount: Schema.optionalKey(Money)
})
/** @category invoices and payments */
export type InvoiceDetails = typeof InvoiceDetails.Type

/**
 * `payment` (recorded by the host): which payment, how much, and the host's status word for it
 * (e.g. `received`, `failed`, `refunded`).
 *
 * @category invoices and payments
 */
export const PaymentDetails = Schema.Struct({
  paymentId: HostRecordId,
  amount: Money,
  status: Schema.optionalKey(Text(1, 50))
})
/** @category invoices and payments */
export type PaymentDetails = typeof PaymentDetails.Type

// ---------------------------------------------------------------------------------------------
// Orders and subscriptions
// ---------------------------------------------------------------------------------------------

/**
 * `order.created` (checkout): which order, and its total.
 *
 * @category orders and subscriptions
 */
export const OrderCreatedDetails = Schema.Struct({
  orderId: HostRecordId,
  total: Schema.optionalKey(Money)
})
/** @category orders and subscriptions */
export type OrderCreatedDetails = typeof OrderCreatedDetails.Type

/**
 * `subscription.created` (recorded by the host): which subscription, of which product.
 *
 * @category orders and subscriptions
 */
export const SubscriptionCreatedDetails = Schema.Struct({
  subscriptionId: HostRecordId,
  productId: Schema.optionalKey(ProductId)
})
/** @category orders and subscriptions */
export type SubscriptionCreatedDetails = typeof SubscriptionCreatedDetails.Type

/**
 * The kinds of goodwill: free issues, free redelivery of named issues, a free billing period.
 *
 * @category orders and subscriptions
 */
export const GoodwillKind = Schema.Literals(["free-issues", "free-redelivery", "free-billing-period"])
/** @category orders and subscriptions */
export type GoodwillKind = typeof GoodwillKind.Type

/**
 * `goodwill.granted`, one shape per kind:
 * - `free-issues`: 1 to 100 issues added to one subscription;
 * - `free-redelivery`: the named issues delivered again (1 to 100), optionally of one subscription;
 * - `free-billing-period`: one billing period of a subscription free, optionally naming the period.
 *
 * Each may carry the granting actor's reason (personal content, erased by anonymization).
 *
 * @category orders and subscriptions
 */
export const GoodwillGrantedDetails = Schema.Union([
  Schema.Struct({
    kind: Schema.Literal("free-issues"),
    subscriptionId: HostRecordId,
    issues: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 100 }))),
    reason: Schema.optionalKey(Reason)
  }),
  Schema.Struct({
    kind: Schema.Literal("free-redelivery"),
    subscriptionId: Schema.optionalKey(HostRecordId),
    issueNames: Schema.Array(Text(1, 100)).pipe(Schema.check(Schema.isBetweenLength(1, 100))),
    reason: Schema.optionalKey(Reason)
  }),
  Schema.Struct({
    kind: Schema.Literal("free-billing-period"),
    subscriptionId: HostRecordId,
    periodFrom: Schema.optionalKey(Instant),
    periodUntil: Schema.optionalKey(Instant),
    reason: Schema.optionalKey(Reason)
  })
])
/** @category orders and subscriptions */
export type GoodwillGrantedDetails = typeof GoodwillGrantedDetails.Type

// ---------------------------------------------------------------------------------------------
// Service platform (SPEC section 10)
// ---------------------------------------------------------------------------------------------

const DepartmentKindLiteral = Schema.Literals(["branch", "department"])
/** A department name: it may name a person (a sole trader's branch), so it is marked and optional, and anonymization removes it. */
const DepartmentNameText = Schema.optionalKey(Text(1, 100).pipe(personal("identity")))

/**
 * `department.added`: the new branch or department, its name and its parent (absent at the top).
 * Department names may name a person (a branch called after its owner), so they are personal
 * data: optional, marked, and removed by anonymization (the id and kind stay).
 *
 * @category service platform
 */
export const DepartmentAddedDetails = Schema.Struct({
  departmentId: DepartmentId,
  kind: DepartmentKindLiteral,
  name: DepartmentNameText,
  parentId: Schema.optionalKey(DepartmentId)
})
/** @category service platform */
export type DepartmentAddedDetails = typeof DepartmentAddedDetails.Type

/**
 * `department.renamed`: the node and its name before and after (personal data, removed by
 * anonymization).
 *
 * @category service platform
 */
export const DepartmentRenamedDetails = Schema.Struct({
  departmentId: DepartmentId,
  kind: DepartmentKindLiteral,
  before: DepartmentNameText,
  after: DepartmentNameText
})
/** @category service platform */
export type DepartmentRenamedDetails = typeof DepartmentRenamedDetails.Type

/**
 * `department.moved`: the node and its parent before and after (absent: the top level).
 *
 * @category service platform
 */
export const DepartmentMovedDetails = Schema.Struct({
  departmentId: DepartmentId,
  kind: DepartmentKindLiteral,
  name: DepartmentNameText,
  fromParentId: Schema.optionalKey(DepartmentId),
  toParentId: Schema.optionalKey(DepartmentId)
})
/** @category service platform */
export type DepartmentMovedDetails = typeof DepartmentMovedDetails.Type

/**
 * `department.removed`: the node removed, its name and where it was.
 *
 * @category service platform
 */
export const DepartmentRemovedDetails = DepartmentAddedDetails
/** @category service platform */
export type DepartmentRemovedDetails = typeof DepartmentRemovedDetails.Type

const ModuleSwitchStateLiteral = Schema.Literals(["on", "off", "default"])

/**
 * `service-modules.switched`: each module switched, with its switch before and after (`on`,
 * `off`, or `default`: the catalogue's default applies).
 *
 * @category service platform
 */
export const ServiceModulesSwitchedDetails = Schema.Struct({
  changes: Schema.Array(
    Schema.Struct({ moduleId: ModuleId, before: ModuleSwitchStateLiteral, after: ModuleSwitchStateLiteral })
  ).pipe(Schema.check(Schema.isBetweenLength(1, 100)))
})
/** @category service platform */
export type ServiceModulesSwitchedDetails = typeof ServiceModulesSwitchedDetails.Type

const RecipientList = Schema.Array(Text(3, 254)).pipe(personal("contact"))

/**
 * `notification-settings.changed`: the flag and/or the recipient addresses, before and after. The
 * address lists are personal contact data, optional and so erased by anonymization.
 *
 * @category service platform
 */
export const NotificationSettingsChangedDetails = Schema.Struct({
  notifyAboutDevices: Schema.optionalKey(Schema.Struct({ before: Schema.Boolean, after: Schema.Boolean })),
  recipientsBefore: Schema.optionalKey(RecipientList),
  recipientsAfter: Schema.optionalKey(RecipientList),
  /** How many addresses there were before and are after (kept after anonymization). */
  recipientCount: Schema.optionalKey(Schema.Struct({ before: Schema.Int, after: Schema.Int }))
})
/** @category service platform */
export type NotificationSettingsChangedDetails = typeof NotificationSettingsChangedDetails.Type

/**
 * `team-mapping.set`: the meta-team, the team now responsible, the team it replaced and the
 * department the mapping is for (absent: the customer as a whole).
 *
 * @category service platform
 */
export const TeamMappingSetDetails = Schema.Struct({
  metaTeamId: MetaTeamId,
  teamId: TeamId,
  previousTeamId: Schema.optionalKey(TeamId),
  departmentId: Schema.optionalKey(DepartmentId)
})
/** @category service platform */
export type TeamMappingSetDetails = typeof TeamMappingSetDetails.Type

/**
 * `team-mapping.removed`: the mapping removed; the fallback applies again.
 *
 * @category service platform
 */
export const TeamMappingRemovedDetails = Schema.Struct({
  metaTeamId: MetaTeamId,
  teamId: TeamId,
  departmentId: Schema.optionalKey(DepartmentId)
})
/** @category service platform */
export type TeamMappingRemovedDetails = typeof TeamMappingRemovedDetails.Type

/**
 * `invitation.sent`: the invitation, the invitee's role, language, departments and expiry; the
 * invitee's name and email are personal data, optional and so erased by anonymization.
 *
 * @category service platform
 */
export const InvitationSentDetails = Schema.Struct({
  invitationId: InvitationId,
  name: Schema.optionalKey(Text(1, 100).pipe(personal("identity"))),
  email: Schema.optionalKey(Text(3, 254).pipe(personal("contact"))),
  language: Schema.optionalKey(Text(2, 35).pipe(personal("contact"))),
  role: Schema.Literals(["member", "moderator", "administrator"]),
  departmentIds: Schema.Array(DepartmentId),
  expiresAt: Instant
})
/** @category service platform */
export type InvitationSentDetails = typeof InvitationSentDetails.Type

/**
 * `invitation.resent`: the invitation and its new expiry.
 *
 * @category service platform
 */
export const InvitationResentDetails = Schema.Struct({ invitationId: InvitationId, expiresAt: Instant })
/** @category service platform */
export type InvitationResentDetails = typeof InvitationResentDetails.Type

/**
 * `invitation.accepted` and `invitation.revoked`: the invitation.
 *
 * @category service platform
 */
export const InvitationStatusDetails = Schema.Struct({ invitationId: InvitationId })
/** @category service platform */
export type InvitationStatusDetails = typeof InvitationStatusDetails.Type
