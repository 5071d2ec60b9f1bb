/**
 * The catalogue's commands on the account's records: consent, notes and hints, access rights,
 * bank accounts.
 *
 * @module
 */
import { ConsentChangeRejected } from "../../domain/Consent.ts"
import { FileRejected } from "../../domain/NoteFile.ts"
import { AddAccessRightInput, RemoveAccessRightInput } from "../../engine/commands/AccessRights.ts"
import { AddBankAccountInput, BankAccountRefInput } from "../../engine/commands/BankAccounts.ts"
import { ChangeConsentInput } from "../../engine/commands/Consent.ts"
import { AddNoteInput } from "../../engine/commands/Notes.ts"
import { CommandRejected } from "../../engine/Errors.ts"
import { CommandOutcome } from "../../engine/Pipeline.ts"
import { command } from "../Declare.ts"
import { commandErrors } from "../Errors.ts"

/**
 * `changeConsent`: changes a channel's marketing consent.
 *
 * @category commands
 */
export const changeConsent = command("changeConsent", {
  description: "Changes a channel's marketing consent, with the proof of the change.",
  permission: "manage-consent",
  input: ChangeConsentInput,
  output: CommandOutcome,
  errors: [...commandErrors, ConsentChangeRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["consent.changed"]
})

/**
 * `addNote`: adds a note, with files.
 *
 * @category commands
 */
export const addNote = command("addNote", {
  description: "Adds a note, optionally with files.",
  permission: "add-note",
  input: AddNoteInput,
  output: CommandOutcome,
  errors: [...commandErrors, FileRejected],
  idempotent: true,
  readsTimeline: false,
  intents: ["drop-files"],
  activityTypes: ["note", "file.attached"]
})

/**
 * `addHint`: adds a hint, with files.
 *
 * @category commands
 */
export const addHint = command("addHint", {
  description: "Adds a hint (a note shown prominently), optionally with files.",
  permission: "add-note",
  input: AddNoteInput,
  output: CommandOutcome,
  errors: [...commandErrors, FileRejected],
  idempotent: true,
  readsTimeline: false,
  intents: ["drop-files"],
  activityTypes: ["hint", "file.attached"]
})

/**
 * `addAccessRight`: grants a manual access right.
 *
 * @category commands
 */
export const addAccessRight = command("addAccessRight", {
  description: "Grants a manual access right to a product; `created` is its id.",
  permission: "manage-access-rights",
  input: AddAccessRightInput,
  output: CommandOutcome,
  errors: [...commandErrors],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["access-right.added"]
})

/**
 * `removeAccessRight`: removes a manual access right.
 *
 * @category commands
 */
export const removeAccessRight = command("removeAccessRight", {
  description: "Removes a manual access right.",
  permission: "manage-access-rights",
  input: RemoveAccessRightInput,
  output: CommandOutcome,
  errors: [...commandErrors, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["access-right.removed"]
})

/**
 * `addBankAccount`: adds a SEPA bank account.
 *
 * @category commands
 */
export const addBankAccount = command("addBankAccount", {
  description: "Adds a SEPA bank account with its mandate; `created` is its id.",
  permission: "manage-bank-accounts",
  input: AddBankAccountInput,
  output: CommandOutcome,
  errors: [...commandErrors, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["bank-account.added"]
})

/**
 * `removeBankAccount`: removes a bank account.
 *
 * @category commands
 */
export const removeBankAccount = command("removeBankAccount", {
  description: "Removes a bank account.",
  permission: "manage-bank-accounts",
  input: BankAccountRefInput,
  output: CommandOutcome,
  errors: [...commandErrors, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["bank-account.removed", "customer-data.changed"]
})

/**
 * `setPreferredBankAccount`: makes a bank account the preferred one.
 *
 * @category commands
 */
export const setPreferredBankAccount = command("setPreferredBankAccount", {
  description: "Makes a bank account the preferred one.",
  permission: "manage-bank-accounts",
  input: BankAccountRefInput,
  output: CommandOutcome,
  errors: [...commandErrors, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["customer-data.changed"]
})
