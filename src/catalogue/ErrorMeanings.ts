/**
 * What each tagged error of the catalogue means, by `_tag`: one line each, for the docs' table of
 * errors and for transports that describe their errors (an OpenAPI document). Typed by every
 * member's error union, so an error a member gains without a meaning here does not compile.
 *
 * @module
 */
import type { ErrorOf, MemberName } from "./Declare.ts"

/**
 * The `_tag` of every error a member of the catalogue can fail with.
 *
 * @category errors
 */
export type ErrorTag = ErrorOf<MemberName>["_tag"]

/**
 * One line per error tag: what it means and what the caller can do.
 *
 * @category errors
 */
export const errorMeanings: { readonly [T in ErrorTag]: string } = {
  ValidationError: "The input does not decode; `issues` lists the path and the problem of each field. Fix the input.",
  PermissionDenied: "The actor lacks the permission the member needs; `permission` names it.",
  IdempotencyConflict: "The idempotency key was used before with other input. Use a new key.",
  CustomerNotFound: "No such customer in the caller's tenant (never reveals another tenant's customers).",
  AccountLocked: "The account is anonymized and can no longer be changed.",
  ActivityTypeRejected: "An activity's type is unknown to the registry or its details do not fit the type.",
  VersionConflict: "A concurrent write won every retry; run the command again.",
  StorageError: "The store failed (a database adapter; never the memory adapters). The outcome may be unknown: repeat under the same idempotency key.",
  EmailTaken: "Another live customer of the tenant has the email.",
  CustomerNumberTaken: "The customer number the host assigned is taken in the tenant.",
  CommandRejected: "The account's state refuses the command (e.g. checkout for a customer who cannot buy); `rule` names the rule.",
  StatusChangeRejected: "The lifecycle's transition table does not allow the status change.",
  ProductAccessChangeRejected: "Product access is already in the requested state, or the account is anonymized.",
  PersonalDataChangeRejected: "The personal data change breaks a rule of the profile (e.g. a private customer's field on a company).",
  FileRejected: "A file is too large, of a kind not allowed, or its content does not match its name or media type.",
  AddressNotFound: "No address with that id in the account.",
  ConsentChangeRejected: "The consent state machine refuses the change (e.g. back to none, or double opt-in without confirmation).",
  GoodwillRefused: "The host refused to hand over the goodwill.",
  OrderRefused: "The host refused to place the order.",
  DeletionBlocked: "The host holds transactional data of the customer (orders, invoices, ...); anonymize instead.",
  OneTimePasswordRejected: "The one-time password is wrong, used or replaced by a newer one.",
  LoginRefused: "The customer may not log in; the same error for every reason (the reason goes to the audit trail only).",
  DepartmentChangeRejected: "The department tree refuses the change: unknown id, a sibling of the same name, a move below itself, a branch below a department, a non-empty department, or no change.",
  ServiceSettingsRejected: "The module or notification settings change is refused: an unknown module, invalid recipients, or no change.",
  TeamMappingRejected: "The team mapping change is refused: an unknown team or department, or no such mapping.",
  InvitationRejected: "The invitation command is refused: an unknown invitation or department, or an invitation in another state.",
  InvitationConflict: "A pending invitation for the email exists already.",
  InvalidCursor: "The cursor or position was not handed out by this store.",
  UndeclaredListField: "The sort key or filter field is not declared by the list."
}
