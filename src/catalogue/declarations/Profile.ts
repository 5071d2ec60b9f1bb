/**
 * The catalogue's profile commands: personal data, the profile image, the additional data.
 *
 * @module
 */
import { PersonalDataChangeRejected } from "../../domain/Customer.ts"
import { FileRejected } from "../../domain/NoteFile.ts"
import { ChangePersonalDataInput, ReplaceAdditionalDataInput, SetProfileImageInput } from "../../engine/commands/Profile.ts"
import { CommandRejected } from "../../engine/Errors.ts"
import { CommandOutcome } from "../../engine/Pipeline.ts"
import { command } from "../Declare.ts"
import { commandErrors } from "../Errors.ts"

/**
 * `changePersonalData`: changes fields of the profile.
 *
 * @category commands
 */
export const changePersonalData = command("changePersonalData", {
  description: "Changes fields of the profile (a partial profile; `null` clears an optional field).",
  permission: "edit",
  input: ChangePersonalDataInput,
  output: CommandOutcome,
  errors: [...commandErrors, PersonalDataChangeRejected, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["customer-data.changed"]
})

/**
 * `setProfileImage`: uploads and sets the profile image or company logo.
 *
 * @category commands
 */
export const setProfileImage = command("setProfileImage", {
  description: "Uploads and sets the profile image or company logo; `created` is the file id.",
  permission: "edit",
  input: SetProfileImageInput,
  output: CommandOutcome,
  errors: [...commandErrors, FileRejected, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: ["drop-files"],
  activityTypes: ["customer-data.changed", "file.attached"]
})

/**
 * `replaceAdditionalData`: replaces the tenant-defined additional data as a whole.
 *
 * @category commands
 */
export const replaceAdditionalData = command("replaceAdditionalData", {
  description: "Replaces the tenant-defined additional data as a whole.",
  permission: "manage-additional-data",
  input: ReplaceAdditionalDataInput,
  output: CommandOutcome,
  errors: [...commandErrors, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["additional-data.changed"]
})
