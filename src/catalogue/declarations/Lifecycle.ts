/**
 * The catalogue's lifecycle commands: registering a customer, its status and its product access.
 *
 * @module
 */
import { RegisterCustomerInput } from "../../domain/Customer.ts"
import { PermissionDenied } from "../../domain/Permission.ts"
import { ValidationError } from "../../domain/Validation.ts"
import { ActivityTypeRejected } from "../../domain/ActivityType.ts"
import { ProductAccessInput, SetStatusInput } from "../../engine/commands/Status.ts"
import { CommandRejected, IdempotencyConflict } from "../../engine/Errors.ts"
import { CommandOutcome } from "../../engine/Pipeline.ts"
import { CustomerNumberTaken, EmailTaken, StorageError, VersionConflict } from "../../ports/AccountStore.ts"
import { command } from "../Declare.ts"
import { commandErrors, lifecycleRejections } from "../Errors.ts"

/**
 * `register`: registers a private or company customer.
 *
 * @category commands
 */
export const register = command("register", {
  description: "Registers a private or company customer; `created` is empty, `customerId` is the new customer.",
  permission: "register",
  input: RegisterCustomerInput,
  output: CommandOutcome,
  errors: [
    ValidationError,
    PermissionDenied,
    CommandRejected,
    IdempotencyConflict,
    ActivityTypeRejected,
    VersionConflict,
    StorageError,
    EmailTaken,
    CustomerNumberTaken
  ],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["customer.registered"]
})

/**
 * `setStatus`: sets the status (active, blocked, deactivated).
 *
 * @category commands
 */
export const setStatus = command("setStatus", {
  description: "Sets the status (active, blocked, deactivated) as the lifecycle's transition table allows.",
  permission: "manage-status",
  input: SetStatusInput,
  output: CommandOutcome,
  errors: [...commandErrors, ...lifecycleRejections],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["status.changed"]
})

/**
 * `blockAccess`: blocks product access.
 *
 * @category commands
 */
export const blockAccess = command("blockAccess", {
  description: "Blocks product access, independent of the status.",
  permission: "manage-access",
  input: ProductAccessInput,
  output: CommandOutcome,
  errors: [...commandErrors, ...lifecycleRejections],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["access.blocked"]
})

/**
 * `unblockAccess`: unblocks product access.
 *
 * @category commands
 */
export const unblockAccess = command("unblockAccess", {
  description: "Unblocks product access.",
  permission: "manage-access",
  input: ProductAccessInput,
  output: CommandOutcome,
  errors: [...commandErrors, ...lifecycleRejections],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["access.unblocked"]
})
