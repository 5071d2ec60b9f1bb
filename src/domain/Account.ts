/**
 * The customer account as stored: one aggregate holding the customer's system and personal data,
 * lifecycle, consent, addresses, bank accounts, manual access rights, additional data and the
 * metadata of its note files. The activity timeline is stored beside it, not inside it.
 *
 * The account encodes to plain JSON through its Schema (`Schema.encodeSync(Account)`), so a
 * backend can keep it as one document, or map its parts to columns. `version` is raised by every
 * accepted change and guards writes (optimistic concurrency).
 *
 * A deleted account leaves only a {@link Tombstone} (SPEC section 7).
 *
 * @module
 */
import { Schema } from "effect"
import { AccessRight } from "./AccessRight.ts"
import { Actor } from "./Actor.ts"
import { Address } from "./Address.ts"
import { AdditionalData } from "./AdditionalData.ts"
import { BankAccount } from "./BankAccount.ts"
import { ConsentState, initialConsent } from "./Consent.ts"
import { CustomerProfile, CustomerVersion, RegistrationSource } from "./Customer.ts"
import { CustomerId, CustomerNumber, TenantId } from "./Ids.ts"
import { Instant } from "./Instant.ts"
import { initialLifecycle, LifecycleState } from "./Lifecycle.ts"
import { FileMetadata } from "./NoteFile.ts"
import { ServicePlatformState } from "./ServicePlatform.ts"

/**
 * One customer account: everything the SDK owns about one customer except the timeline.
 *
 * @category models
 */
export class Account extends Schema.Class<Account>("customer-account/Account")({
  /** The tenant the customer belongs to (rule `tenant.isolation`). */
  tenantId: TenantId,
  /** The customer's opaque id. */
  customerId: CustomerId,
  /** The customer number, unique per tenant and never reused (rule `tenant.customer-number`). */
  customerNumber: CustomerNumber,
  /** Where the customer registered. */
  registrationSource: RegistrationSource,
  /** When the customer registered. */
  registeredAt: Instant,
  /** Raised by one with every accepted change; 1 after registration. */
  version: CustomerVersion,
  /** The personal data: a private or a company profile. */
  profile: CustomerProfile,
  /** Status, product access and status history. */
  lifecycle: LifecycleState,
  /** Consent per channel, with the records that prove it. */
  consent: ConsentState,
  /** Billing and delivery addresses; at most one preferred per kind. */
  addresses: Schema.Array(Address),
  /** SEPA bank accounts; exactly one preferred when there are any. */
  bankAccounts: Schema.Array(BankAccount),
  /** Manual access rights. */
  accessRights: Schema.Array(AccessRight),
  /** Tenant-defined keys and values. */
  additionalData: AdditionalData,
  /** The metadata of the files attached to notes and hints; the bytes are in the file store. */
  files: Schema.Array(FileMetadata),
  /**
   * The service platform's part (SPEC section 10): departments, module switches, notification
   * settings, team mappings, invitations. Absent means the empty state
   * (`ServicePlatform.servicePlatformOf`), so documents stored before the field existed decode.
   */
  servicePlatform: Schema.optionalKey(ServicePlatformState)
}) {}

/**
 * What remains of a deleted customer: id, number, tenant, when and by whom. No personal data, no
 * activities.
 *
 * @category models
 */
export class Tombstone extends Schema.Class<Tombstone>("customer-account/Tombstone")({
  /** The tenant the customer belonged to. */
  tenantId: TenantId,
  /** The deleted customer's id. */
  customerId: CustomerId,
  /** The deleted customer's number; never given again. */
  customerNumber: CustomerNumber,
  /** When the customer was deleted. */
  deletedAt: Instant,
  /** Who deleted it. */
  deletedBy: Actor
}) {}

/**
 * The display name of an account for lists and the overview's header: the company name, or the
 * first and last name.
 *
 * @category reading
 */
export const displayName = (account: Account): string => {
  const profile = account.profile
  if (profile.kind === "company") return profile.companyName
  return `${profile.firstName} ${profile.lastName}`
}

/**
 * A newly registered account, at version 1: active with product access, consent `none` on every
 * channel, and no addresses, bank accounts, access rights, additional data or files yet.
 *
 * @category constructors
 */
export const newAccount = (fields: {
  /** The tenant. */
  readonly tenantId: TenantId
  /** The customer. */
  readonly customerId: CustomerId
  /** The customer number. */
  readonly customerNumber: CustomerNumber
  /** Where the customer registered. */
  readonly registrationSource: RegistrationSource
  /** When. */
  readonly registeredAt: Instant
  /** The personal data. */
  readonly profile: CustomerProfile
}): Account =>
  new Account({
    ...fields,
    version: 1,
    lifecycle: initialLifecycle,
    consent: initialConsent,
    addresses: [],
    bankAccounts: [],
    accessRights: [],
    additionalData: {},
    files: []
  })
