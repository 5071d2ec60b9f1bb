/**
 * Branded identifiers. Each is an opaque string, so that a customer id can never be passed where a
 * tenant id is expected.
 *
 * Rule `identity.id-format`: 1 to 64 characters of letters, digits, `-`, `_`, `:` and `.`.
 *
 * @module
 */
import { Schema } from "effect"

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,63}$/

const IdString = (what: string) =>
  Schema.String.pipe(
    Schema.check(
      Schema.isPattern(idPattern, {
        expected: `${what}: 1 to 64 characters of letters, digits, '-', '_', ':' and '.' (rule identity.id-format)`
      })
    )
  )

/**
 * The tenant (the seeds' "Mandant") every customer belongs to.
 *
 * @category identifiers
 */
export const TenantId = IdString("a tenant id").pipe(Schema.brand("TenantId"))
/** @category identifiers */
export type TenantId = typeof TenantId.Type

/**
 * A customer's opaque, never reused id.
 *
 * @category identifiers
 */
export const CustomerId = IdString("a customer id").pipe(Schema.brand("CustomerId"))
/** @category identifiers */
export type CustomerId = typeof CustomerId.Type

/**
 * A customer's number as shown in the back office; unique per tenant, allocated through a port,
 * never reused.
 *
 * @category identifiers
 */
export const CustomerNumber = IdString("a customer number").pipe(Schema.brand("CustomerNumber"))
/** @category identifiers */
export type CustomerNumber = typeof CustomerNumber.Type

/**
 * An activity (timeline entry) id.
 *
 * @category identifiers
 */
export const ActivityId = IdString("an activity id").pipe(Schema.brand("ActivityId"))
/** @category identifiers */
export type ActivityId = typeof ActivityId.Type

/**
 * A stored file's id (note attachments, profile image).
 *
 * @category identifiers
 */
export const FileId = IdString("a file id").pipe(Schema.brand("FileId"))
/** @category identifiers */
export type FileId = typeof FileId.Type

/**
 * An address id, unique within its account.
 *
 * @category identifiers
 */
export const AddressId = IdString("an address id").pipe(Schema.brand("AddressId"))
/** @category identifiers */
export type AddressId = typeof AddressId.Type

/**
 * A bank account id, unique within its account.
 *
 * @category identifiers
 */
export const BankAccountId = IdString("a bank account id").pipe(Schema.brand("BankAccountId"))
/** @category identifiers */
export type BankAccountId = typeof BankAccountId.Type

/**
 * A manual access right id, unique within its account.
 *
 * @category identifiers
 */
export const AccessRightId = IdString("an access right id").pipe(Schema.brand("AccessRightId"))
/** @category identifiers */
export type AccessRightId = typeof AccessRightId.Type

/**
 * A back-office staff user's id (a supporter).
 *
 * @category identifiers
 */
export const StaffUserId = IdString("a staff user id").pipe(Schema.brand("StaffUserId"))
/** @category identifiers */
export type StaffUserId = typeof StaffUserId.Type

/**
 * The id of an API client (the API key's owner).
 *
 * @category identifiers
 */
export const ApiClientId = IdString("an API client id").pipe(Schema.brand("ApiClientId"))
/** @category identifiers */
export type ApiClientId = typeof ApiClientId.Type

/**
 * The name of a system process, e.g. `recurring-billing`.
 *
 * @category identifiers
 */
export const ProcessName = IdString("a process name").pipe(Schema.brand("ProcessName"))
/** @category identifiers */
export type ProcessName = typeof ProcessName.Type

/**
 * A product or item id of the host's catalogue (for access rights and goodwill).
 *
 * @category identifiers
 */
export const ProductId = IdString("a product id").pipe(Schema.brand("ProductId"))
/** @category identifiers */
export type ProductId = typeof ProductId.Type

/**
 * A branch or department of a company customer, unique within its account (SPEC section 10).
 *
 * @category identifiers
 */
export const DepartmentId = IdString("a department id").pipe(Schema.brand("DepartmentId"))
/** @category identifiers */
export type DepartmentId = typeof DepartmentId.Type

/**
 * An invitation of a company customer's login user, unique within its account (SPEC section 10).
 *
 * @category identifiers
 */
export const InvitationId = IdString("an invitation id").pipe(Schema.brand("InvitationId"))
/** @category identifiers */
export type InvitationId = typeof InvitationId.Type

/**
 * A module of the tenant's service platform, switched on or off per customer (SPEC section 10).
 *
 * @category identifiers
 */
export const ModuleId = IdString("a module id").pipe(Schema.brand("ModuleId"))
/** @category identifiers */
export type ModuleId = typeof ModuleId.Type

/**
 * A meta-team of the tenant: a function (e.g. `support`, `field-service`) whose responsible team
 * is mapped per customer (SPEC section 10).
 *
 * @category identifiers
 */
export const MetaTeamId = IdString("a meta-team id").pipe(Schema.brand("MetaTeamId"))
/** @category identifiers */
export type MetaTeamId = typeof MetaTeamId.Type

/**
 * A team of the tenant, member of a meta-team (SPEC section 10).
 *
 * @category identifiers
 */
export const TeamId = IdString("a team id").pipe(Schema.brand("TeamId"))
/** @category identifiers */
export type TeamId = typeof TeamId.Type

/**
 * The id of a record the service platform's host owns: a device, ticket, video session, task or
 * task event (SPEC section 10).
 *
 * @category identifiers
 */
export const ServiceRecordId = IdString("a service record id").pipe(Schema.brand("ServiceRecordId"))
/** @category identifiers */
export type ServiceRecordId = typeof ServiceRecordId.Type
