/**
 * The error Schemas the declarations share: the pipeline's errors every command on an existing
 * account can fail with, a query's, and the lifecycle's refusals. A declaration spreads them
 * and adds its own refusals, so its `errors` list is exactly its member's error union.
 *
 * @module
 */
import { ActivityTypeRejected } from "../domain/ActivityType.ts"
import { ProductAccessChangeRejected, StatusChangeRejected } from "../domain/Lifecycle.ts"
import { PermissionDenied } from "../domain/Permission.ts"
import { ValidationError } from "../domain/Validation.ts"
import { AccountLocked, CustomerNotFound, IdempotencyConflict } from "../engine/Errors.ts"
import { EmailTaken, StorageError, VersionConflict } from "../ports/AccountStore.ts"

/**
 * The errors of every command on an existing account (`CommandError`): decoding, permission,
 * idempotency, loading, the lock, activity materialization and the store's write errors.
 *
 * @category errors
 */
export const commandErrors = [
  ValidationError,
  PermissionDenied,
  IdempotencyConflict,
  CustomerNotFound,
  AccountLocked,
  ActivityTypeRejected,
  VersionConflict,
  StorageError,
  EmailTaken
] as const

/**
 * The errors of every query on one customer (`QueryError`).
 *
 * @category errors
 */
export const queryErrors = [ValidationError, PermissionDenied, CustomerNotFound, StorageError] as const

/**
 * The lifecycle's refusals (`LifecycleRejection`).
 *
 * @category errors
 */
export const lifecycleRejections = [StatusChangeRejected, ProductAccessChangeRejected] as const
