/**
 * The declared type of the `CustomerAccounts` service: one documented member per command and
 * query, each with its input (the encoded side of its input Schema), its output and the exact
 * union of the tagged errors it fails with. `CustomerAccounts.make` is checked against it, so the
 * implementation cannot drift from what is declared here. Re-exported by `CustomerAccounts.ts`.
 *
 * Every command on an existing account fails with the pipeline's errors ({@link CommandError}:
 * decoding, permission, idempotency, loading, the lock, activity materialization, the store's
 * write errors) plus its own refusals; its error type is named after it, e.g.
 * {@link SetStatusError}. A query fails with {@link QueryError} plus what it adds.
 *
 * @module
 */
import type { Effect } from "effect"
import type { Tombstone } from "../domain/Account.ts"
import type { Activity } from "../domain/Activity.ts"
import type { ActivityTypeRejected } from "../domain/ActivityType.ts"
import type { AddressNotFound } from "../domain/Address.ts"
import type { AnonymizationPlan } from "../domain/Anonymization.ts"
import type { ConsentChangeRejected, ConsentChannel, ConsentRecord } from "../domain/Consent.ts"
import type { PersonalDataChangeRejected, RegisterCustomerInput } from "../domain/Customer.ts"
import type { DepartmentChangeRejected } from "../domain/Departments.ts"
import type { CustomerId } from "../domain/Ids.ts"
import type { InvitationConflict, InvitationRejected } from "../domain/Invitation.ts"
import type { LifecycleRejection, StatusHistoryRow } from "../domain/Lifecycle.ts"
import type { ListQuery, UndeclaredListField } from "../domain/ListQuery.ts"
import type { FileRejected } from "../domain/NoteFile.ts"
import type { PermissionDenied } from "../domain/Permission.ts"
import type { ServiceList, ServiceRecordOf, ServiceStatistics, StatisticsQuery } from "../domain/ServiceRecord.ts"
import type { ServiceSettingsRejected } from "../domain/ServiceSettings.ts"
import type { ResolvedTeam, TeamMappingRejected } from "../domain/TeamMappings.ts"
import type { ValidationError } from "../domain/Validation.ts"
import type {
  ChangePage,
  ChangesQuery,
  CustomerListRow,
  CustomerNumberTaken,
  CustomerSearch,
  EmailTaken,
  HistogramBar,
  HistogramQuery,
  InvalidCursor,
  Page,
  StorageError,
  TimelineQuery,
  VersionConflict
} from "../ports/AccountStore.ts"
import type { GoodwillRefused } from "../ports/Goodwill.ts"
import type { OrderRefused } from "../ports/Orders.ts"
import type { AccountView } from "./BankDetails.ts"
import type { Caller, CommandOptions } from "./Caller.ts"
import type { AddAccessRightInput, RemoveAccessRightInput } from "./commands/AccessRights.ts"
import type { AddAddressInput, AddressRefInput, ChangeAddressInput } from "./commands/Addresses.ts"
import type { AnonymizeInput } from "./commands/Anonymize.ts"
import type { AddBankAccountInput, BankAccountRefInput } from "./commands/BankAccounts.ts"
import type { CheckoutInput } from "./commands/Checkout.ts"
import type { ChangeConsentInput } from "./commands/Consent.ts"
import type { CompletePasswordResetInput, CredentialsInput } from "./commands/Credentials.ts"
import type { DeleteCustomerInput } from "./commands/Delete.ts"
import type { ExportCustomerDataInput } from "./commands/Export.ts"
import type { GrantGoodwillInput } from "./commands/Goodwill.ts"
import type { RecordHostActivityInput } from "./commands/HostActivity.ts"
import type { LoginCheckInput } from "./commands/Login.ts"
import type { AddNoteInput } from "./commands/Notes.ts"
import type { ChangePersonalDataInput, ReplaceAdditionalDataInput, SetProfileImageInput } from "./commands/Profile.ts"
import type {
  AddDepartmentInput,
  MoveDepartmentInput,
  RemoveDepartmentInput,
  RenameDepartmentInput
} from "./commands/ServicePlatformDepartments.ts"
import type { InvitationRefInput, ResendInvitationInput, SendInvitationInput } from "./commands/ServicePlatformInvitations.ts"
import type {
  ChangeNotificationSettingsInput,
  RemoveTeamMappingInput,
  SetTeamMappingInput,
  SwitchModulesInput
} from "./commands/ServicePlatformSettings.ts"
import type { ProductAccessInput, SetStatusInput } from "./commands/Status.ts"
import type { ExportResult, LoginAllowed } from "./Compliance.ts"
import type { Ports } from "./CustomerAccounts.ts"
import type {
  AccountLocked,
  CommandRejected,
  CustomerNotFound,
  DeletionBlocked,
  IdempotencyConflict,
  LoginRefused,
  OneTimePasswordRejected
} from "./Errors.ts"
import type { AccountCommand, CommandOutcome, PipelineSettings, Rejection } from "./Pipeline.ts"
import type { Overview } from "./Queries.ts"
import type { DepartmentsView, InvitationView, ResponsibleTeamsQuery, ServiceSettingsView } from "./ServicePlatformQueries.ts"

// ---------------------------------------------------------------------------------------------
// Error types
// ---------------------------------------------------------------------------------------------

/**
 * The errors of a command on an existing account: the pipeline's own plus `D`, the command's
 * refusals. The pipeline's: `ValidationError` (the input does not decode), `PermissionDenied`
 * (the actor lacks the command's permission), `IdempotencyConflict` (the key was used with other
 * input), `CustomerNotFound` (not in the caller's tenant), `AccountLocked` (the account is
 * anonymized), `ActivityTypeRejected` (an activity's details do not fit its type),
 * `VersionConflict` (lost every retry of a concurrent write), `StorageError` and `EmailTaken`
 * (the store's write errors). `CustomerNumberTaken` (an existing account keeps its number) and
 * `InvalidCursor` cannot happen there, so they are not in it.
 *
 * @category errors
 */
export type CommandError<D = never> =
  | ValidationError
  | PermissionDenied
  | IdempotencyConflict
  | CustomerNotFound
  | AccountLocked
  | ActivityTypeRejected
  | VersionConflict
  | StorageError
  | EmailTaken
  | D

/**
 * The errors of a query on one customer: `ValidationError` (the customer id or the query object
 * does not decode), `PermissionDenied`, `CustomerNotFound` (not in the caller's tenant) and
 * `StorageError`, plus `D`, what the query adds.
 *
 * @category errors
 */
export type QueryError<D = never> = ValidationError | PermissionDenied | CustomerNotFound | StorageError | D

/**
 * The errors of {@link CustomerAccountsService.register}: no account exists yet, so no
 * `CustomerNotFound` or `AccountLocked`; `CustomerNumberTaken` when the host's number is taken.
 *
 * @category errors
 */
export type RegisterError =
  | ValidationError
  | PermissionDenied
  | CommandRejected
  | IdempotencyConflict
  | ActivityTypeRejected
  | VersionConflict
  | StorageError
  | EmailTaken
  | CustomerNumberTaken

/** The errors of {@link CustomerAccountsService.setStatus}. @category errors */
export type SetStatusError = CommandError<LifecycleRejection>
/** The errors of {@link CustomerAccountsService.blockAccess}. @category errors */
export type BlockAccessError = CommandError<LifecycleRejection>
/** The errors of {@link CustomerAccountsService.unblockAccess}. @category errors */
export type UnblockAccessError = CommandError<LifecycleRejection>
/** The errors of {@link CustomerAccountsService.changePersonalData}. @category errors */
export type ChangePersonalDataError = CommandError<PersonalDataChangeRejected | CommandRejected>
/** The errors of {@link CustomerAccountsService.setProfileImage}. @category errors */
export type SetProfileImageError = CommandError<FileRejected | CommandRejected>
/** The errors of {@link CustomerAccountsService.replaceAdditionalData}. @category errors */
export type ReplaceAdditionalDataError = CommandError<CommandRejected>
/** The errors of {@link CustomerAccountsService.addAddress}. @category errors */
export type AddAddressError = CommandError<CommandRejected>
/** The errors of {@link CustomerAccountsService.changeAddress}. @category errors */
export type ChangeAddressError = CommandError<AddressNotFound | CommandRejected>
/** The errors of {@link CustomerAccountsService.removeAddress}. @category errors */
export type RemoveAddressError = CommandError<AddressNotFound | CommandRejected>
/** The errors of {@link CustomerAccountsService.setPreferredAddress}. @category errors */
export type SetPreferredAddressError = CommandError<AddressNotFound | CommandRejected>
/** The errors of {@link CustomerAccountsService.changeConsent}. @category errors */
export type ChangeConsentError = CommandError<ConsentChangeRejected>
/** The errors of {@link CustomerAccountsService.addNote}. @category errors */
export type AddNoteError = CommandError<FileRejected>
/** The errors of {@link CustomerAccountsService.addHint}. @category errors */
export type AddHintError = CommandError<FileRejected>
/** The errors of {@link CustomerAccountsService.addAccessRight}: only the pipeline's. @category errors */
export type AddAccessRightError = CommandError
/** The errors of {@link CustomerAccountsService.removeAccessRight}. @category errors */
export type RemoveAccessRightError = CommandError<CommandRejected>
/** The errors of {@link CustomerAccountsService.addBankAccount}. @category errors */
export type AddBankAccountError = CommandError<CommandRejected>
/** The errors of {@link CustomerAccountsService.removeBankAccount}. @category errors */
export type RemoveBankAccountError = CommandError<CommandRejected>
/** The errors of {@link CustomerAccountsService.setPreferredBankAccount}. @category errors */
export type SetPreferredBankAccountError = CommandError<CommandRejected>
/** The errors of {@link CustomerAccountsService.grantGoodwill}. @category errors */
export type GrantGoodwillError = CommandError<GoodwillRefused | CommandRejected>
/** The errors of {@link CustomerAccountsService.checkout}. @category errors */
export type CheckoutError = CommandError<OrderRefused | CommandRejected>
/** The errors of {@link CustomerAccountsService.recordHostActivity}. @category errors */
export type RecordHostActivityError = CommandError<CommandRejected>

/**
 * The errors of {@link CustomerAccountsService.deleteCustomer}: it runs no idempotency step and
 * appends no activity, and a deleted customer's repeat returns its tombstone.
 *
 * @category errors
 */
export type DeleteCustomerError = ValidationError | PermissionDenied | CustomerNotFound | DeletionBlocked | VersionConflict | StorageError
/** The errors of {@link CustomerAccountsService.anonymize}. @category errors */
export type AnonymizeError = CommandError<LifecycleRejection>
/** The errors of {@link CustomerAccountsService.exportCustomerData}: only the pipeline's. @category errors */
export type ExportCustomerDataError = CommandError
/** The errors of {@link CustomerAccountsService.resetPassword}: only the pipeline's. @category errors */
export type ResetPasswordError = CommandError
/** The errors of {@link CustomerAccountsService.completePasswordReset}. @category errors */
export type CompletePasswordResetError = CommandError<OneTimePasswordRejected | LifecycleRejection>
/** The errors of {@link CustomerAccountsService.disableTwoFactor}: only the pipeline's. @category errors */
export type DisableTwoFactorError = CommandError
/** The errors of {@link CustomerAccountsService.loginCheck}: every refusal is the same `LoginRefused`. @category errors */
export type LoginCheckError = ValidationError | PermissionDenied | StorageError | LoginRefused

/** The errors of {@link CustomerAccountsService.addDepartment}. @category errors */
export type AddDepartmentError = CommandError<DepartmentChangeRejected | CommandRejected>
/** The errors of {@link CustomerAccountsService.renameDepartment}. @category errors */
export type RenameDepartmentError = CommandError<DepartmentChangeRejected | CommandRejected>
/** The errors of {@link CustomerAccountsService.moveDepartment}. @category errors */
export type MoveDepartmentError = CommandError<DepartmentChangeRejected | CommandRejected>
/** The errors of {@link CustomerAccountsService.removeDepartment}. @category errors */
export type RemoveDepartmentError = CommandError<DepartmentChangeRejected | CommandRejected>
/** The errors of {@link CustomerAccountsService.switchModules}. @category errors */
export type SwitchModulesError = CommandError<ServiceSettingsRejected>
/** The errors of {@link CustomerAccountsService.changeNotificationSettings}. @category errors */
export type ChangeNotificationSettingsError = CommandError<ServiceSettingsRejected | CommandRejected>
/** The errors of {@link CustomerAccountsService.setTeamMapping}. @category errors */
export type SetTeamMappingError = CommandError<TeamMappingRejected | CommandRejected>
/** The errors of {@link CustomerAccountsService.removeTeamMapping}. @category errors */
export type RemoveTeamMappingError = CommandError<TeamMappingRejected>
/** The errors of {@link CustomerAccountsService.sendInvitation}. @category errors */
export type SendInvitationError = CommandError<InvitationRejected | InvitationConflict | CommandRejected>
/** The errors of {@link CustomerAccountsService.resendInvitation}. @category errors */
export type ResendInvitationError = CommandError<InvitationRejected | InvitationConflict | CommandRejected>
/** The errors of {@link CustomerAccountsService.revokeInvitation}. @category errors */
export type RevokeInvitationError = CommandError<InvitationRejected | InvitationConflict | CommandRejected>
/** The errors of {@link CustomerAccountsService.acceptInvitation}. @category errors */
export type AcceptInvitationError = CommandError<InvitationRejected | InvitationConflict | CommandRejected>

/**
 * The errors of {@link CustomerAccountsService.search}: it reads no single customer, so no
 * `CustomerNotFound`; `InvalidCursor` for a cursor the store did not hand out.
 *
 * @category errors
 */
export type SearchError = ValidationError | PermissionDenied | StorageError | InvalidCursor

/**
 * The errors of {@link CustomerAccountsService.changes}: it reads no single customer, so no
 * `CustomerNotFound`; `PermissionDenied` without `read-changes`; `InvalidCursor` for a position
 * the store did not hand out.
 *
 * @category errors
 */
export type ChangesError = ValidationError | PermissionDenied | StorageError | InvalidCursor
/** The errors of {@link CustomerAccountsService.anonymizationPlan}: it fails exactly when anonymizing would. @category errors */
export type AnonymizationPlanError = QueryError<ActivityTypeRejected | LifecycleRejection>

// ---------------------------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------------------------

/**
 * What the engine offers: its commands and queries.
 *
 * Every command takes the {@link Caller} (tenant, actor, grants), its input and optional
 * {@link CommandOptions} (an idempotency key: a repeat under the same key returns the first run's
 * outcome and changes nothing), and returns a {@link CommandOutcome} (`created` is the id of what
 * it created, if anything) unless its doc says otherwise. The input's type is the encoded side of
 * the command's input Schema (a branded id is a plain string there); the input is decoded at run
 * time all the same, so bad input is a typed `ValidationError`, never a throw. A refusal changes
 * nothing. The permission named is the one the actor needs (`Permission.requiredPermission`).
 *
 * @category service
 */
export interface CustomerAccountsService {
  /** The settings the engine runs with. */
  readonly settings: PipelineSettings

  /**
   * Runs a command of the host's own, described as an {@link AccountCommand}, through the
   * pipeline. Input: `unknown`, decoded with the command's Schema. Returns the outcome. Fails with
   * the pipeline's errors ({@link CommandError}), the host step's `E` and the decision's refusals
   * `D`. Permission: the one of the command's `kind`.
   */
  readonly run: <I, P, E, D extends Rejection>(
    spec: AccountCommand<I, P, E, Ports, D>,
    caller: Caller,
    input: unknown,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, CommandError<D> | E>

  // Commands -------------------------------------------------------------------------------------

  /**
   * Registers a customer. Input `{ profile, registrationSource }` (the profile of a private or a
   * company customer). Returns the outcome with the new `customerId`. Fails with
   * {@link RegisterError}: `ValidationError` for a profile that breaks a rule, `EmailTaken` when
   * another live customer of the tenant has the email, `CommandRejected` for a profile that names a
   * profile image (`customer.profile-image-file`: upload it with `setProfileImage`),
   * `CustomerNumberTaken` when the number is taken.
   * Permission: `register`.
   */
  readonly register: (
    caller: Caller,
    input: typeof RegisterCustomerInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, RegisterError>

  /**
   * Sets the status. Input `{ customerId, to, reason? }`. Fails with {@link SetStatusError}:
   * `StatusChangeRejected` when the lifecycle's transition table does not allow the change (or to
   * `anonymized`, which only `anonymize` reaches). Permission: `manage-status`.
   */
  readonly setStatus: (
    caller: Caller,
    input: typeof SetStatusInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, SetStatusError>

  /**
   * Blocks product access. Input `{ customerId, reason? }`. Fails with {@link BlockAccessError}:
   * `ProductAccessChangeRejected` when access is blocked already (`status.product-access-separate`).
   * Permission: `manage-access`.
   */
  readonly blockAccess: (
    caller: Caller,
    input: typeof ProductAccessInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, BlockAccessError>

  /**
   * Unblocks product access. Input `{ customerId, reason? }`. Fails with
   * {@link UnblockAccessError}: `ProductAccessChangeRejected` when access is not blocked
   * (`status.product-access-separate`). Permission: `manage-access`.
   */
  readonly unblockAccess: (
    caller: Caller,
    input: typeof ProductAccessInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, UnblockAccessError>

  /**
   * Changes personal data. Input `{ customerId, change }`: a partial profile, `null` clears an
   * optional field. Appends one activity listing the fields whose value differs. Fails with
   * {@link ChangePersonalDataError}: `PersonalDataChangeRejected` when the change does not fit the
   * customer's kind, `CommandRejected` for a birthday after today (`customer.fields`), a change
   * that changes nothing (`customer.data-change-diff`) or a profile image that is not an image
   * file of the customer; `EmailTaken` for a taken email. Permission: `edit`.
   */
  readonly changePersonalData: (
    caller: Caller,
    input: typeof ChangePersonalDataInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, ChangePersonalDataError>

  /**
   * Uploads and sets the profile image or company logo. Input
   * `{ customerId, file: { name, bytes, mediaType? } }`; `created` is the file id. Fails with
   * {@link SetProfileImageError}: `FileRejected` for a file too large, of another type than
   * declared or not an image (PNG, JPEG, GIF, WebP), `CommandRejected` when the decision refuses
   * it; a failure leaves no bytes behind. Permission: `edit`.
   */
  readonly setProfileImage: (
    caller: Caller,
    input: typeof SetProfileImageInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, SetProfileImageError>

  /**
   * Replaces the additional data as a whole. Input `{ customerId, data }` (string keys and
   * values). Fails with {@link ReplaceAdditionalDataError}: `ValidationError` beyond the limits,
   * `CommandRejected` when the data equals the stored data (`additional-data.replaced-whole`).
   * Permission: `manage-additional-data`.
   */
  readonly replaceAdditionalData: (
    caller: Caller,
    input: typeof ReplaceAdditionalDataInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, ReplaceAdditionalDataError>

  /**
   * Adds an address. Input `{ customerId, kind: "billing" | "delivery", address, preferred? }`;
   * `created` is its id. Fails with {@link AddAddressError}: `ValidationError` for an address that
   * breaks an address rule (fields, country, postal code, name or company), `CommandRejected` when
   * the decision refuses it. Permission: `edit`.
   */
  readonly addAddress: (
    caller: Caller,
    input: typeof AddAddressInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, AddAddressError>

  /**
   * Changes an address's content. Input `{ customerId, addressId, address }`. Fails with
   * {@link ChangeAddressError}: `AddressNotFound` for an unknown id, `CommandRejected` when nothing
   * would change (`command.no-op-refused`), `ValidationError` as for `addAddress`.
   * Permission: `edit`.
   */
  readonly changeAddress: (
    caller: Caller,
    input: typeof ChangeAddressInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, ChangeAddressError>

  /**
   * Removes an address; removing the preferred one promotes the oldest remaining one of its kind.
   * Input `{ customerId, addressId }`. Fails with {@link RemoveAddressError}: `AddressNotFound`
   * for an unknown id, `CommandRejected` when the decision refuses it. Permission: `edit`.
   */
  readonly removeAddress: (
    caller: Caller,
    input: typeof AddressRefInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, RemoveAddressError>

  /**
   * Makes an address the preferred one of its kind. Input `{ customerId, addressId }`. Fails with
   * {@link SetPreferredAddressError}: `AddressNotFound` for an unknown id, `CommandRejected` when
   * it is the preferred one already (`command.no-op-refused`). Permission: `edit`.
   */
  readonly setPreferredAddress: (
    caller: Caller,
    input: typeof AddressRefInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, SetPreferredAddressError>

  /**
   * Changes a channel's consent and records the proof. Input
   * `{ customerId, channel, to, source, textVersion?, ipAddress?, userAgent?, confirmedAt? }`.
   * Fails with {@link ChangeConsentError}: `ConsentChangeRejected`, naming the rule, for a
   * transition the consent table refuses (back to `none`, no change, double opt-in without
   * confirmation, an objection lifted by staff). Permission: `manage-consent`.
   */
  readonly changeConsent: (
    caller: Caller,
    input: typeof ChangeConsentInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, ChangeConsentError>

  /**
   * Adds a note, with files. Input `{ customerId, text, files?: [{ name, bytes, mediaType? }] }`.
   * Fails with {@link AddNoteError}: `FileRejected` for a file too large, of a type not allowed or
   * not what it declares (nothing is stored). Permission: `add-note`.
   */
  readonly addNote: (
    caller: Caller,
    input: typeof AddNoteInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, AddNoteError>

  /**
   * Adds a hint, with files. Input as for `addNote`. Fails with
   * {@link AddHintError}: `FileRejected` as for `addNote`. Permission: `add-note`.
   */
  readonly addHint: (
    caller: Caller,
    input: typeof AddNoteInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, AddHintError>

  /**
   * Grants a manual access right. Input
   * `{ customerId, right: { productId, validFrom, validUntil?, note? } }`; `created` is its id.
   * Fails with {@link AddAccessRightError}: only the pipeline's errors (`ValidationError` for a
   * period that ends before it starts). Permission: `manage-access-rights`.
   */
  readonly addAccessRight: (
    caller: Caller,
    input: typeof AddAccessRightInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, AddAccessRightError>

  /**
   * Removes a manual access right. Input `{ customerId, accessRightId }`. Fails with
   * {@link RemoveAccessRightError}: `CommandRejected` for an unknown id or a right that is not
   * manual (`access-right.manual-only`). Permission: `manage-access-rights`.
   */
  readonly removeAccessRight: (
    caller: Caller,
    input: typeof RemoveAccessRightInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, RemoveAccessRightError>

  /**
   * Adds a SEPA bank account. Input
   * `{ customerId, account: { holder, iban, bic?, mandateReference?, mandateSignedAt?, preferred? } }`;
   * `created` is its id. Fails with {@link AddBankAccountError}: `ValidationError` for a holder,
   * IBAN, BIC or mandate that breaks a rule, `CommandRejected` for an IBAN the customer has
   * already (`bank-account.unique-iban`) or a mandate signed in the future. Permission:
   * `manage-bank-accounts`.
   */
  readonly addBankAccount: (
    caller: Caller,
    input: typeof AddBankAccountInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, AddBankAccountError>

  /**
   * Removes a bank account; removing the preferred one promotes the oldest remaining one. Input
   * `{ customerId, bankAccountId }`. Fails with {@link RemoveBankAccountError}: `CommandRejected`
   * for an unknown id (`bank-account.known-id`). Permission: `manage-bank-accounts`.
   */
  readonly removeBankAccount: (
    caller: Caller,
    input: typeof BankAccountRefInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, RemoveBankAccountError>

  /**
   * Makes a bank account the preferred one. Input `{ customerId, bankAccountId }`. Fails with
   * {@link SetPreferredBankAccountError}: `CommandRejected` for an unknown id or one preferred
   * already (`command.no-op-refused`). Permission: `manage-bank-accounts`.
   */
  readonly setPreferredBankAccount: (
    caller: Caller,
    input: typeof BankAccountRefInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, SetPreferredBankAccountError>

  /**
   * Grants goodwill through the host's `Goodwill` port: free issues, a free redelivery or a free
   * billing period. Input `{ customerId, grant }`. Fails with {@link GrantGoodwillError}:
   * `CommandRejected` for an unknown or inactive subscription, or free issues for one that
   * delivers none (`goodwill.subscription-active`, `goodwill.free-issues`); `GoodwillRefused` when
   * the host refuses. Permission: `grant-goodwill`.
   */
  readonly grantGoodwill: (
    caller: Caller,
    input: typeof GrantGoodwillInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, GrantGoodwillError>

  /**
   * Places an order for the customer through the host's `Orders` port. Input
   * `{ customerId, lines: [{ productId, quantity }] }`; `created` is the order id. Fails with
   * {@link CheckoutError}: `CommandRejected` when the customer's status does not allow buying
   * (`status.derived-permissions`), `OrderRefused` when the host refuses the order.
   * Permission: `checkout`.
   */
  readonly checkout: (
    caller: Caller,
    input: typeof CheckoutInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, CheckoutError>

  /**
   * Records an activity of a host type (an invoice, a payment, ...). Input
   * `{ customerId, type, summary, details, at? }`. Fails with {@link RecordHostActivityError}:
   * `ActivityTypeRejected` for a type not registered, `ValidationError` for details that do not
   * fit the type, `CommandRejected` when the decision refuses it. An anonymized account records
   * only invoice corrections and payments. Permission: `record-host-activity`.
   */
  readonly recordHostActivity: (
    caller: Caller,
    input: typeof RecordHostActivityInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, RecordHostActivityError>

  // Compliance (docs/compliance.md) --------------------------------------------------------------

  /**
   * Deletes a customer, leaving a tombstone, which it returns; a repeat returns the tombstone
   * stored first. Input `{ customerId }`. Takes no options. Fails with
   * {@link DeleteCustomerError}: `DeletionBlocked`, naming each kind and count, while the host
   * holds transactional data (anonymize instead). Permission: `delete`.
   */
  readonly deleteCustomer: (caller: Caller, input: typeof DeleteCustomerInput.Encoded) => Effect.Effect<Tombstone, DeleteCustomerError>

  /**
   * Anonymizes a customer, irreversibly, locks the account and erases the customer's data
   * outside the store; a second run changes nothing. Input `{ customerId }`. Fails with
   * {@link AnonymizeError}: `ActivityTypeRejected` for an activity of a type the registry does
   * not know, `StatusChangeRejected` / `ProductAccessChangeRejected` from the lifecycle.
   * Permission: `anonymize`.
   */
  readonly anonymize: (
    caller: Caller,
    input: typeof AnonymizeInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, AnonymizeError>

  /**
   * Exports the customer's data (GDPR). Input `{ customerId }`. Returns the outcome of recording
   * the export and the JSON document ({@link ExportResult}). Fails with
   * {@link ExportCustomerDataError}: only the pipeline's errors. Permission: `export`.
   */
  readonly exportCustomerData: (
    caller: Caller,
    input: typeof ExportCustomerDataInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<ExportResult, ExportCustomerDataError>

  /**
   * Requests a password reset; the one-time password goes to the outbox, `Redacted`, never into
   * an activity. Input `{ customerId }`. Fails with {@link ResetPasswordError}: only the
   * pipeline's errors. Permission: `reset-password`.
   */
  readonly resetPassword: (
    caller: Caller,
    input: typeof CredentialsInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, ResetPasswordError>

  /**
   * Completes a password reset; a blocked customer becomes active. Input
   * `{ customerId, oneTimePassword }` (a `Redacted` string). Fails with
   * {@link CompletePasswordResetError}: `OneTimePasswordRejected` for a wrong, used or replaced
   * one-time password, `StatusChangeRejected` / `ProductAccessChangeRejected` from the lifecycle.
   * Permission: `reset-password`.
   */
  readonly completePasswordReset: (
    caller: Caller,
    input: typeof CompletePasswordResetInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, CompletePasswordResetError>

  /**
   * Disables two-factor authentication. Input `{ customerId }`. Fails with
   * {@link DisableTwoFactorError}: only the pipeline's errors. Permission: `disable-two-factor`.
   */
  readonly disableTwoFactor: (
    caller: Caller,
    input: typeof CredentialsInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, DisableTwoFactorError>

  /**
   * May the customer log in. Input `{ customerId }` or `{ email }`. Takes no options. Returns the
   * customer and its number ({@link LoginAllowed}). Fails with {@link LoginCheckError}: every
   * refusal (blocked, deactivated, anonymized, deleted, unknown) is the same `LoginRefused`; the
   * reason goes to the audit trail only. Permission: `read`.
   */
  readonly loginCheck: (caller: Caller, input: typeof LoginCheckInput.Encoded) => Effect.Effect<LoginAllowed, LoginCheckError>

  // Service platform (docs/service-platform.md) --------------------------------------------------

  /**
   * Adds a branch or department (company customers). Input
   * `{ customerId, kind, name, parentId? }`; `created` is its id. Fails with
   * {@link AddDepartmentError}: `DepartmentChangeRejected` for an unknown parent, a sibling of
   * the same name or a branch placed below a department; `CommandRejected` for a private customer
   * (`service.company-only`). Permission: `edit`.
   */
  readonly addDepartment: (
    caller: Caller,
    input: typeof AddDepartmentInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, AddDepartmentError>

  /**
   * Renames a branch or department. Input `{ customerId, departmentId, name }`. Fails with
   * {@link RenameDepartmentError}: `DepartmentChangeRejected` for an unknown id, a sibling of
   * the same name or the name it has (`command.no-op-refused`); `CommandRejected` for a private
   * customer. Permission: `edit`.
   */
  readonly renameDepartment: (
    caller: Caller,
    input: typeof RenameDepartmentInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, RenameDepartmentError>

  /**
   * Moves a branch or department with its subtree. Input `{ customerId, departmentId, parentId? }`
   * (`null`: to the top level). Fails with {@link MoveDepartmentError}:
   * `DepartmentChangeRejected` for an unknown id, a move below itself, a branch below a
   * department, a sibling of the same name or no move; `CommandRejected` for a private customer.
   * Permission: `edit`.
   */
  readonly moveDepartment: (
    caller: Caller,
    input: typeof MoveDepartmentInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, MoveDepartmentError>

  /**
   * Removes an empty branch or department. Input `{ customerId, departmentId }`. Fails with
   * {@link RemoveDepartmentError}: `DepartmentChangeRejected` for an unknown id or one with
   * sub-departments or devices; `CommandRejected` for a private customer. Permission: `edit`.
   */
  readonly removeDepartment: (
    caller: Caller,
    input: typeof RemoveDepartmentInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, RemoveDepartmentError>

  /**
   * Switches modules on, off or back to the default. Input
   * `{ customerId, modules: { [moduleId]: true | false | null } }`. Fails with
   * {@link SwitchModulesError}: `ServiceSettingsRejected` for an unknown module
   * (`settings.modules-known`) or no change (`command.no-op-refused`). Not for self-service
   * (`settings.operator-only`). Permission: `manage-notifications`.
   */
  readonly switchModules: (
    caller: Caller,
    input: typeof SwitchModulesInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, SwitchModulesError>

  /**
   * Changes the notification settings. Input `{ customerId, notifyAboutDevices?, recipients? }`.
   * Fails with {@link ChangeNotificationSettingsError}: `ServiceSettingsRejected` for recipients
   * that break `settings.notification-recipients` or no change, `CommandRejected` when the input
   * names neither field (`command.no-op-refused`). Not for self-service. Permission:
   * `manage-notifications`.
   */
  readonly changeNotificationSettings: (
    caller: Caller,
    input: typeof ChangeNotificationSettingsInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, ChangeNotificationSettingsError>

  /**
   * Maps a meta-team's responsible team, for the customer or one of its departments, replacing
   * the mapping before. Input `{ customerId, metaTeamId, teamId, departmentId? }`. Fails with
   * {@link SetTeamMappingError}: `TeamMappingRejected` for an unknown team, an unknown
   * department or no change; `CommandRejected` for a department of a private customer
   * (`service.company-only`). Not for self-service. Permission: `manage-team-mappings`.
   */
  readonly setTeamMapping: (
    caller: Caller,
    input: typeof SetTeamMappingInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, SetTeamMappingError>

  /**
   * Removes a team mapping, so the fallback applies again. Input
   * `{ customerId, metaTeamId, departmentId? }`. Fails with {@link RemoveTeamMappingError}:
   * `TeamMappingRejected` when there is no such mapping. Permission: `manage-team-mappings`.
   */
  readonly removeTeamMapping: (
    caller: Caller,
    input: typeof RemoveTeamMappingInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, RemoveTeamMappingError>

  /**
   * Sends an invitation (company customers) and queues its mail. Input
   * `{ customerId, name, email, language, role, departmentIds?, validityDays? }`; `created` is its
   * id. Fails with {@link SendInvitationError}: `InvitationConflict` while a pending invitation
   * for the email exists, `InvitationRejected` for unknown departments, `CommandRejected` for a
   * private customer. Permission: `manage-invitations`.
   */
  readonly sendInvitation: (
    caller: Caller,
    input: typeof SendInvitationInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, SendInvitationError>

  /**
   * Sends a pending or expired invitation again, with a new expiry, and queues its mail. Input
   * `{ customerId, invitationId, validityDays? }`. Fails with {@link ResendInvitationError}:
   * `InvitationRejected` for an unknown id or an invitation in another state,
   * `InvitationConflict` when another pending invitation has the email. Permission:
   * `manage-invitations`.
   */
  readonly resendInvitation: (
    caller: Caller,
    input: typeof ResendInvitationInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, ResendInvitationError>

  /**
   * Revokes a pending invitation and withdraws its undelivered mail. Input
   * `{ customerId, invitationId }`. Fails with {@link RevokeInvitationError}:
   * `InvitationRejected` for an unknown id or an invitation that is not pending. Permission:
   * `manage-invitations`.
   */
  readonly revokeInvitation: (
    caller: Caller,
    input: typeof InvitationRefInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, RevokeInvitationError>

  /**
   * Records that the invitee accepted, and withdraws the invitation's undelivered mail. Input
   * `{ customerId, invitationId }`. Fails with {@link AcceptInvitationError}:
   * `InvitationRejected` for an unknown id or an invitation that is not pending (an expired one
   * cannot be accepted). Permission: `manage-invitations`.
   */
  readonly acceptInvitation: (
    caller: Caller,
    input: typeof InvitationRefInput.Encoded,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, AcceptInvitationError>

  // Queries: they read and change nothing; each needs `read` unless its doc says otherwise. -------

  /**
   * The account as stored, its IBANs masked unless the caller holds `read-bank-details` (rule
   * `bank-account.iban-masked`; `BankDetails.isFullAccount` tells which). Fails with
   * {@link QueryError}.
   */
  readonly account: (caller: Caller, customerId: typeof CustomerId.Encoded) => Effect.Effect<AccountView, QueryError>

  /**
   * A page of the tenant's change feed (rules `feed.commit-order`, `feed.erasure`): the entries
   * after the position `after` the caller keeps, in commit order. Query `{ after?, limit }`. Needs
   * `read-changes`, never granted to a customer. Fails with {@link ChangesError}.
   */
  readonly changes: (caller: Caller, query: typeof ChangesQuery.Encoded) => Effect.Effect<ChangePage, ChangesError>

  /**
   * The overview: data, preferred addresses (IBANs masked as in `account`), permissions, tab
   * counts, newest activities. Fails
   * with {@link QueryError} or `InvalidCursor`.
   */
  readonly overview: (caller: Caller, customerId: typeof CustomerId.Encoded) => Effect.Effect<Overview, QueryError<InvalidCursor>>

  /**
   * A page of the timeline, newest first. Query
   * `{ limit, cursor?, groups?, types?, actorKinds?, from?, until? }`. Fails with
   * {@link QueryError} or `InvalidCursor` for a cursor this store did not hand out.
   */
  readonly timeline: (
    caller: Caller,
    customerId: typeof CustomerId.Encoded,
    query: typeof TimelineQuery.Encoded
  ) => Effect.Effect<Page<Activity>, QueryError<InvalidCursor>>

  /** Activity counts per group per bucket. Query `{ bucket, groups?, from?, until? }`. Fails with {@link QueryError}. */
  readonly histogram: (
    caller: Caller,
    customerId: typeof CustomerId.Encoded,
    query: typeof HistogramQuery.Encoded
  ) => Effect.Effect<ReadonlyArray<HistogramBar>, QueryError>

  /** The status history, oldest first. Fails with {@link QueryError}. */
  readonly statusHistory: (caller: Caller, customerId: typeof CustomerId.Encoded) => Effect.Effect<ReadonlyArray<StatusHistoryRow>, QueryError>

  /** The consent records, oldest first, of one channel or all. Fails with {@link QueryError}. */
  readonly consentHistory: (
    caller: Caller,
    customerId: typeof CustomerId.Encoded,
    channel?: typeof ConsentChannel.Encoded
  ) => Effect.Effect<ReadonlyArray<ConsentRecord>, QueryError>

  /** A page of the customer list of the caller's tenant. Query `{ text?, limit, cursor? }`. Fails with {@link SearchError}. */
  readonly search: (caller: Caller, query: typeof CustomerSearch.Encoded) => Effect.Effect<Page<CustomerListRow>, SearchError>

  /**
   * A page of a linked-record list (`devices`, `tickets`, `video-sessions`, `tasks`,
   * `task-events`). Query `{ search?, sort?: { key, direction }, filters?, limit, cursor? }`.
   * Fails with {@link QueryError}, `InvalidCursor`, or `UndeclaredListField` for a sort key or
   * filter field the list does not declare.
   */
  readonly listServiceRecords: <L extends ServiceList>(
    caller: Caller,
    customerId: typeof CustomerId.Encoded,
    list: L,
    listQuery: typeof ListQuery.Encoded
  ) => Effect.Effect<Page<ServiceRecordOf[L]>, QueryError<InvalidCursor | UndeclaredListField>>

  /** The per-customer dashboard. Query `{ months? }` (default 12). Fails with {@link QueryError}. */
  readonly serviceStatistics: (
    caller: Caller,
    customerId: typeof CustomerId.Encoded,
    query?: typeof StatisticsQuery.Encoded
  ) => Effect.Effect<ServiceStatistics, QueryError>

  /** The settings tab: modules, notification settings, where notifications go. Fails with {@link QueryError}. */
  readonly serviceSettings: (caller: Caller, customerId: typeof CustomerId.Encoded) => Effect.Effect<ServiceSettingsView, QueryError>

  /** The branches and departments, flat and as a tree. Fails with {@link QueryError}. */
  readonly departments: (caller: Caller, customerId: typeof CustomerId.Encoded) => Effect.Effect<DepartmentsView, QueryError>

  /** The invitations with their status now. Fails with {@link QueryError}. */
  readonly invitations: (caller: Caller, customerId: typeof CustomerId.Encoded) => Effect.Effect<ReadonlyArray<InvitationView>, QueryError>

  /**
   * The team responsible per meta-team. Query `{ metaTeamId?, departmentId? }`. Fails with
   * {@link QueryError} or `CommandRejected` for an unknown department.
   */
  readonly responsibleTeams: (
    caller: Caller,
    customerId: typeof CustomerId.Encoded,
    query?: typeof ResponsibleTeamsQuery.Encoded
  ) => Effect.Effect<ReadonlyArray<ResolvedTeam>, QueryError<CommandRejected>>

  /**
   * What anonymizing would erase and keep, and why, by path, never by value. Input
   * `{ customerId }`. Fails with {@link AnonymizationPlanError}, exactly when anonymizing would.
   * Permission: `anonymize`.
   */
  readonly anonymizationPlan: (
    caller: Caller,
    input: typeof AnonymizeInput.Encoded
  ) => Effect.Effect<AnonymizationPlan, AnonymizationPlanError>
}
