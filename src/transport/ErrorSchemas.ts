/**
 * Every tagged error of the package, by its `_tag`: the Schema a transport encodes the error with
 * (`Schema.toCodecJson(errorSchemas[tag])` gives its JSON: `_tag`, `message` and its own fields).
 * A test reads the `TaggedError` classes out of `src/` and fails when one is missing here, and
 * `Problem.problemStatuses` must name a status for every key (the compiler checks that).
 *
 * @module
 */
import { ActivityTypeRejected } from "../domain/ActivityType.ts"
import { AddressNotFound } from "../domain/Address.ts"
import { ConsentChangeRejected } from "../domain/Consent.ts"
import { PersonalDataChangeRejected } from "../domain/Customer.ts"
import { DepartmentChangeRejected } from "../domain/Departments.ts"
import { InvitationConflict, InvitationRejected } from "../domain/Invitation.ts"
import { ProductAccessChangeRejected, StatusChangeRejected } from "../domain/Lifecycle.ts"
import { UndeclaredListField } from "../domain/ListQuery.ts"
import { FileRejected } from "../domain/NoteFile.ts"
import { PermissionDenied } from "../domain/Permission.ts"
import { ServiceSettingsRejected } from "../domain/ServiceSettings.ts"
import { TeamMappingRejected } from "../domain/TeamMappings.ts"
import { ValidationError } from "../domain/Validation.ts"
import {
  AccountLocked,
  CommandRejected,
  CustomerNotFound,
  DeletionBlocked,
  IdempotencyConflict,
  LoginRefused,
  OneTimePasswordRejected
} from "../engine/Errors.ts"
import { CustomerNumberTaken, EmailTaken, InvalidCursor, StorageError, VersionConflict } from "../ports/AccountStore.ts"
import { GoodwillRefused } from "../ports/Goodwill.ts"
import { OrderRefused } from "../ports/Orders.ts"
import { Unauthorized } from "./Unauthorized.ts"

/**
 * The Schema of every tagged error of the package, keyed by its `_tag`.
 *
 * @category errors
 */
export const errorSchemas = {
  // input and permission
  ValidationError,
  InvalidCursor,
  UndeclaredListField,
  PermissionDenied,
  // not found
  CustomerNotFound,
  AddressNotFound,
  // the account's state, another write or another record in the way
  AccountLocked,
  VersionConflict,
  EmailTaken,
  CustomerNumberTaken,
  DeletionBlocked,
  InvitationConflict,
  StatusChangeRejected,
  ProductAccessChangeRejected,
  ConsentChangeRejected,
  // rules refusing well-formed input
  IdempotencyConflict,
  CommandRejected,
  PersonalDataChangeRejected,
  FileRejected,
  DepartmentChangeRejected,
  TeamMappingRejected,
  ServiceSettingsRejected,
  InvitationRejected,
  OneTimePasswordRejected,
  ActivityTypeRejected,
  LoginRefused,
  // the host's ports
  GoodwillRefused,
  OrderRefused,
  // the store
  StorageError,
  // the host's authentication, refused in a transport
  Unauthorized
} as const

/**
 * The `_tag` of a tagged error of the package, e.g. `"CustomerNotFound"`.
 *
 * @category errors
 */
export type ErrorTag = keyof typeof errorSchemas

/**
 * The JSON a tagged error of the package encodes to (`_tag`, `message` and its own fields), e.g.
 * `ErrorJson<"CustomerNotFound">` is `{ _tag, rule, customerId, message }`.
 *
 * @category errors
 */
export type ErrorJson<Tag extends ErrorTag> = (typeof errorSchemas)[Tag]["Encoded"]

/**
 * Whether `tag` is the tag of a tagged error of the package.
 *
 * @category errors
 */
export const isErrorTag = (tag: unknown): tag is ErrorTag => typeof tag === "string" && Object.hasOwn(errorSchemas, tag)
