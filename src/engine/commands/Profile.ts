/**
 * Profile commands (SPEC sections 2 and 7): change the customer's personal data, replace the
 * additional data.
 *
 * Both record exactly what differs, with values before and after, for the activity tile (rules
 * `customer.data-change-diff` and `additional-data.replaced-whole`). A change that changes nothing
 * is refused with a {@link CommandRejected} naming that rule: nothing is written, no empty
 * activity appears on the timeline, and the account's version stays.
 *
 * A changed email must stay unique in the tenant (rule `tenant.email-unique`): the command looks
 * it up first, to refuse it with `EmailTaken` at the input's path `change.email`, and the store
 * refuses the write as well (at `profile.email`), so two concurrent changes to the same email
 * cannot both succeed.
 * A birthday in the future is refused (rule `customer.fields`; the Schema has no clock).
 *
 * The profile image (a company's logo) is a stored file (rule `customer.profile-image-file`):
 * `setProfileImage` checks an uploaded PNG, JPEG, GIF or WebP like a note's file, stores its bytes
 * and makes it the image; `changePersonalData` may point the image at another image file of the
 * account or clear it with `null`, and refuses any other file id. A replaced image stays among the
 * account's files, like a note's file, until deletion or anonymization erases them all.
 *
 * @module
 */
import { Effect, Option, Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import { AdditionalData, diffAdditionalData } from "../../domain/AdditionalData.ts"
import { applyPersonalDataChange, PersonalDataChange, type PersonalDataChangeRejected } from "../../domain/Customer.ts"
import { CustomerId, FileId } from "../../domain/Ids.ts"
import { type CheckedFile, checkFile, type FileKind, fileMetadataOf, type FileRejected } from "../../domain/NoteFile.ts"
import { AccountStore, EmailTaken, type StorageError } from "../../ports/AccountStore.ts"
import { FileStore } from "../../ports/FileStore.ts"
import { IdGenerator } from "../../ports/IdGenerator.ts"
import type { Caller } from "../Caller.ts"
import type { CommandRejected } from "../Errors.ts"
import type { HostStep } from "../HostStep.ts"
import { makeFormatters } from "../../domain/summaries/Formatting.ts"
import type { AccountCommand } from "../Pipeline.ts"
import { NoteFileInput } from "./Notes.ts"

/** The stored summaries' English formats (the fallback of the rendered ones). */
const englishFormats = makeFormatters("en")
import { dayOf, reject } from "./Refusals.ts"

/**
 * The kinds of file a profile image or company logo may be (rule `customer.profile-image-file`).
 *
 * @category limits
 */
export const profileImageKinds: ReadonlyArray<FileKind> = ["png", "jpeg", "gif", "webp"]

const isImageFileOf = (account: Account, fileId: string): boolean =>
  account.files.some((f) => f.fileId === fileId && profileImageKinds.includes(f.kind))

// ---------------------------------------------------------------------------------------------
// Personal data
// ---------------------------------------------------------------------------------------------

/**
 * Input of `changePersonalData`: the customer and a partial patch of its profile (see
 * `Customer.PersonalDataChange`: a field left out stays, `null` clears an optional field).
 *
 * @category inputs
 */
export const ChangePersonalDataInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The fields to change. */
  change: PersonalDataChange
})
/** @category inputs */
export type ChangePersonalDataInput = typeof ChangePersonalDataInput.Type

/**
 * Change personal data (rules `customer.kind`, `customer.fields`, `customer.data-change-diff`,
 * `tenant.email-unique`, `customer.profile-image-file`). Appends one `customer-data.changed` activity listing exactly the fields
 * whose value differs. Refused with `PersonalDataChangeRejected` when the change does not fit the
 * customer's kind, with `CommandRejected` (rule `customer.fields`) for a birthday after today,
 * and with `CommandRejected` (rule `customer.data-change-diff`) when nothing would change; the
 * store refuses a taken email with `EmailTaken`.
 *
 * @category commands
 */
export const changePersonalData: AccountCommand<
  ChangePersonalDataInput,
  void,
  EmailTaken | StorageError,
  AccountStore,
  PersonalDataChangeRejected | CommandRejected,
  typeof ChangePersonalDataInput.Encoded
> = {
  kind: "change-personal-data",
  subject: "ChangePersonalData",
  input: ChangePersonalDataInput,
  customerId: (input) => input.customerId,
  prepare: (input, account, caller) =>
    Effect.gen(function*() {
      const email = input.change.email
      if (email === undefined) return
      const holder = yield* (yield* AccountStore).loadByEmail(caller.tenantId, email)
      if (Option.isSome(holder) && holder.value.customerId !== account.customerId) {
        return yield* new EmailTaken({
          rule: "tenant.email-unique",
          path: "change.email",
          message: "Another customer of this tenant has this email (rule tenant.email-unique)"
        })
      }
    }),
  decide: (account, input, env) => {
    const birthday = input.change.birthday
    if (typeof birthday === "string" && birthday > dayOf(env.at)) {
      return reject(
        "change-personal-data",
        "customer.fields",
        `A birthday lies in the past; ${birthday} is after today, ${dayOf(env.at)}`,
        "change.birthday"
      )
    }
    const image = input.change.profileImage
    if (typeof image === "string" && !isImageFileOf(account, image)) {
      return reject(
        "change-personal-data",
        "customer.profile-image-file",
        `The profile image ${image} is not an image file (${profileImageKinds.join(", ")}) of this account; upload one with setProfileImage`,
        "change.profileImage"
      )
    }
    const applied = applyPersonalDataChange(account.profile, input.change)
    if (Result.isFailure(applied)) return Result.fail(applied.failure)
    const { changes, profile } = applied.success
    if (changes.length === 0) {
      return reject(
        "change-personal-data",
        "customer.data-change-diff",
        "The change changes nothing: every field given already has that value; nothing was recorded",
        "change"
      )
    }
    return Result.succeed({
      account: new Account({ ...account, profile }),
      activities: [
        {
          type: "customer-data.changed",
          summary: `Customer data changed: ${changes.map((c) => c.field).join(", ")}`,
          details: { changes }
        }
      ]
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Profile image
// ---------------------------------------------------------------------------------------------

/**
 * Input of `setProfileImage`: the customer and the image file (name, bytes, declared media type).
 *
 * @category inputs
 */
export const SetProfileImageInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The image: PNG, JPEG, GIF or WebP, at most 819,200 bytes. */
  file: NoteFileInput
})
/** @category inputs */
export type SetProfileImageInput = typeof SetProfileImageInput.Type

/** The host step: checks the file like a note's, then stores its bytes under a fresh id. */
const storeImage = (input: SetProfileImageInput, caller: Caller, step: HostStep) =>
  Effect.gen(function*() {
    const checked = checkFile({
      name: input.file.name,
      bytes: input.file.bytes,
      declaredMediaType: input.file.mediaType,
      path: "file"
    })
    if (Result.isFailure(checked)) return yield* checked.failure
    const fileId = FileId.make(yield* (yield* IdGenerator).next("file"))
    // Dropped by the dispatcher unless the write that references the file lands (rule effects.no-undo-when-unknown).
    yield* step.reserve("drop-files", input.customerId, { fileIds: [fileId] }, fileId)
    yield* (yield* FileStore).put(caller.tenantId, input.customerId, fileId, input.file.bytes)
    return { fileId, file: checked.success }
  })

/**
 * Upload and set the profile image or company logo (rules `file.size-limit`,
 * `file.type-from-signature`, `file.declared-type-must-match`, `customer.profile-image-file`). The
 * file is checked and stored before the decision; a file that is not an image, or a command that
 * fails after storing, leaves no bytes behind: a `drop-files` intent recorded before the bytes are
 * stored drops them unless the account references them, at once when the command failed for sure,
 * after a grace period when the write's outcome is unknown. Appends a `customer-data.changed` activity for the
 * field `profileImage` (file ids before and after) and a `file.attached` activity. Authorized as
 * `change-personal-data`.
 *
 * @category commands
 */
export const setProfileImage: AccountCommand<
  SetProfileImageInput,
  { readonly fileId: FileId; readonly file: CheckedFile },
  FileRejected | StorageError,
  FileStore | IdGenerator | AccountStore,
  CommandRejected,
  typeof SetProfileImageInput.Encoded
> = {
  kind: "change-personal-data",
  subject: "SetProfileImage",
  input: SetProfileImageInput,
  customerId: (input) => input.customerId,
  prepare: (input, _account, caller, step) => storeImage(input, caller, step),
  undo: (prepared, caller, input) =>
    prepared === undefined
      ? Effect.void
      : Effect.gen(function*() {
        yield* Effect.ignore((yield* FileStore).remove(caller.tenantId, input.customerId, prepared.fileId))
      }),
  decide: (account, _input, env) => {
    const { fileId, file } = env.prepared
    if (!profileImageKinds.includes(file.kind)) {
      return reject(
        "change-personal-data",
        "customer.profile-image-file",
        `A profile image is ${profileImageKinds.join(", ")}; the file is ${file.kind}`,
        "file"
      )
    }
    const before = account.profile.profileImage
    const profile = { ...account.profile, profileImage: fileId }
    return Result.succeed({
      account: new Account({ ...account, profile, files: [...account.files, fileMetadataOf(fileId, file)] }),
      activities: [
        {
          type: "customer-data.changed",
          summary: "Customer data changed: profileImage",
          details: { changes: [{ field: "profileImage", ...(before === undefined ? {} : { before }), after: fileId }] }
        },
        {
          type: "file.attached",
          summary: `File attached: ${file.mediaType}, ${englishFormats.bytes(file.size)}`,
          details: { fileId, name: file.name, mediaType: file.mediaType, size: file.size }
        }
      ],
      created: fileId
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Additional data
// ---------------------------------------------------------------------------------------------

/**
 * Input of `replaceAdditionalData`: the customer and the complete new additional data (rule
 * `additional-data.limits`).
 *
 * @category inputs
 */
export const ReplaceAdditionalDataInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The new additional data, as a whole. */
  data: AdditionalData
})
/** @category inputs */
export type ReplaceAdditionalDataInput = typeof ReplaceAdditionalDataInput.Type

const count = (n: number, what: string): string => `${n} ${what}`

/**
 * Replace the additional data as a whole (rules `additional-data.limits`,
 * `additional-data.replaced-whole`). Appends one `additional-data.changed` activity listing each
 * key added, removed or changed; the summary gives only counts, since keys and values are the
 * tenant's and may hold personal data. Refused with `CommandRejected` (rule
 * `additional-data.replaced-whole`) when the data is identical to the stored data.
 *
 * @category commands
 */
export const replaceAdditionalData: AccountCommand<ReplaceAdditionalDataInput, void, never, never, CommandRejected, typeof ReplaceAdditionalDataInput.Encoded> = {
  kind: "replace-additional-data",
  subject: "ReplaceAdditionalData",
  input: ReplaceAdditionalDataInput,
  customerId: (input) => input.customerId,
  decide: (account, input) => {
    const changes = diffAdditionalData(account.additionalData, input.data)
    if (changes.length === 0) {
      return reject(
        "replace-additional-data",
        "additional-data.replaced-whole",
        "The additional data is the same as stored; nothing was recorded",
        "data"
      )
    }
    const added = changes.filter((c) => c.before === undefined).length
    const removed = changes.filter((c) => c.after === undefined).length
    const changed = changes.length - added - removed
    return Result.succeed({
      account: new Account({ ...account, additionalData: input.data }),
      activities: [
        {
          type: "additional-data.changed",
          summary: `Additional data replaced: ${count(added, "added")}, ${count(removed, "removed")}, ${count(changed, "changed")}`,
          details: { changes }
        }
      ]
    })
  }
}
