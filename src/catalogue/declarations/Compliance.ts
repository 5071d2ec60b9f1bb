/**
 * The catalogue's compliance and credential commands: deletion, anonymization and its plan, the
 * GDPR export, password reset, two-factor, the login check.
 *
 * @module
 */
import { Tombstone } from "../../domain/Account.ts"
import { ActivityTypeRejected } from "../../domain/ActivityType.ts"
import { PermissionDenied } from "../../domain/Permission.ts"
import { ValidationError } from "../../domain/Validation.ts"
import { AnonymizeInput } from "../../engine/commands/Anonymize.ts"
import { CompletePasswordResetInput, CredentialsInput } from "../../engine/commands/Credentials.ts"
import { DeleteCustomerInput } from "../../engine/commands/Delete.ts"
import { ExportCustomerDataInput } from "../../engine/commands/Export.ts"
import { LoginCheckInput } from "../../engine/commands/Login.ts"
import { CustomerNotFound, DeletionBlocked, LoginRefused, OneTimePasswordRejected } from "../../engine/Errors.ts"
import { CommandOutcome } from "../../engine/Pipeline.ts"
import { StorageError, VersionConflict } from "../../ports/AccountStore.ts"
import { command, query } from "../Declare.ts"
import { commandErrors, lifecycleRejections, queryErrors } from "../Errors.ts"
import { AnonymizationPlan, ExportResult, LoginAllowed } from "../Outputs.ts"

/**
 * `deleteCustomer`: deletes a customer, leaving a tombstone.
 *
 * @category commands
 */
export const deleteCustomer = command("deleteCustomer", {
  description: "Deletes a customer and returns the tombstone it leaves; refused while the host holds transactional data.",
  permission: "delete",
  input: DeleteCustomerInput,
  output: Tombstone,
  errors: [ValidationError, PermissionDenied, CustomerNotFound, DeletionBlocked, VersionConflict, StorageError],
  idempotent: false,
  readsTimeline: false,
  intents: ["erase"],
  activityTypes: []
})

/**
 * `anonymize`: anonymizes a customer, irreversibly.
 *
 * @category commands
 */
export const anonymize = command("anonymize", {
  description: "Anonymizes a customer irreversibly, locks the account and erases its data outside the store.",
  permission: "anonymize",
  input: AnonymizeInput,
  output: CommandOutcome,
  errors: [...commandErrors, ...lifecycleRejections],
  idempotent: true,
  readsTimeline: true,
  intents: ["erase"],
  activityTypes: ["status.changed", "customer.anonymized"]
})

/**
 * `exportCustomerData`: exports the customer's data (GDPR).
 *
 * @category commands
 */
export const exportCustomerData = command("exportCustomerData", {
  description: "Exports the customer's data as a JSON document (GDPR) and records the export.",
  permission: "export",
  input: ExportCustomerDataInput,
  output: ExportResult,
  errors: [...commandErrors],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["data.exported"]
})

/**
 * `resetPassword`: requests a password reset.
 *
 * @category commands
 */
export const resetPassword = command("resetPassword", {
  description: "Requests a password reset; the one-time password goes to the outbox, never into an activity.",
  permission: "reset-password",
  input: CredentialsInput,
  output: CommandOutcome,
  errors: [...commandErrors],
  idempotent: true,
  readsTimeline: false,
  intents: ["send-one-time-password"],
  activityTypes: ["password-reset.requested"]
})

/**
 * `completePasswordReset`: completes a password reset with the one-time password.
 *
 * @category commands
 */
export const completePasswordReset = command("completePasswordReset", {
  description: "Completes a password reset with the one-time password; a blocked customer becomes active.",
  permission: "reset-password",
  input: CompletePasswordResetInput,
  output: CommandOutcome,
  errors: [...commandErrors, OneTimePasswordRejected, ...lifecycleRejections],
  idempotent: true,
  readsTimeline: false,
  intents: ["redeem-one-time-password"],
  activityTypes: ["password-reset.completed", "status.changed"]
})

/**
 * `disableTwoFactor`: disables two-factor authentication.
 *
 * @category commands
 */
export const disableTwoFactor = command("disableTwoFactor", {
  description: "Disables two-factor authentication.",
  permission: "disable-two-factor",
  input: CredentialsInput,
  output: CommandOutcome,
  errors: [...commandErrors],
  idempotent: true,
  readsTimeline: false,
  intents: ["disable-two-factor"],
  activityTypes: ["two-factor.disabled"]
})

/**
 * `loginCheck`: may the customer log in.
 *
 * @category commands
 */
export const loginCheck = command("loginCheck", {
  description: "Whether the customer may log in; every refusal is the same `LoginRefused`.",
  permission: "read",
  input: LoginCheckInput,
  output: LoginAllowed,
  errors: [ValidationError, PermissionDenied, StorageError, LoginRefused],
  idempotent: false,
  readsTimeline: false,
  intents: [],
  activityTypes: []
})

/**
 * `anonymizationPlan`: what anonymizing would erase and keep, by path, never by value.
 *
 * @category queries
 */
export const anonymizationPlan = query("anonymizationPlan", {
  description: "What anonymizing would erase and keep, and why, by path, never by value.",
  permission: "anonymize",
  perCustomer: true,
  parameters: AnonymizeInput,
  output: AnonymizationPlan,
  errors: [...queryErrors, ActivityTypeRejected, ...lifecycleRejections],
  invoke: (service, caller, parameters) => service.anonymizationPlan(caller, parameters)
})
