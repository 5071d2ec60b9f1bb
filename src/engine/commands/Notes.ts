/**
 * Manual activities (SPEC section 6, action bar "add activity"): a note or a hint with text and
 * optional files.
 *
 * Two commands share the code: `addNote` (command kind `add-note`) and `addHint` (`add-hint`), so
 * the pipeline authorizes each by its own kind. Both need the `add-note` permission.
 *
 * Files are checked in the command's host step, before anything is stored: each is at most
 * 819,200 bytes (rule `file.size-limit`), of a kind decided from its content's signature (rule
 * `file.type-from-signature`), and its name and declared media type agree with that kind (rule
 * `file.declared-type-must-match`). One refused file refuses the note with `FileRejected`, and
 * nothing is stored. Then a `drop-files` intent is recorded and the bytes go to the `FileStore`
 * under fresh file ids. If the command fails for sure after that (a refusal, a lost race after
 * every retry), the bytes are removed at once. If the write's outcome is unknown (a storage error,
 * a crash), nothing is undone: the write, when it landed, marked the intent done; otherwise the
 * dispatcher drops the bytes the account does not reference after a grace period (rule
 * `effects.no-undo-when-unknown`). So no stored bytes lack an account entry for long, and no
 * account entry lacks its bytes.
 *
 * The decision adds each file's metadata to the account and appends the `note` or `hint` activity
 * (text and file ids) followed by one `file.attached` activity per file. Summaries name the
 * detected media type and size, never the file name or the text (personal content).
 *
 * @module
 */
import { Effect, Result, Schema, SchemaTransformation } from "effect"
import { isCleanMultilineText } from "../../domain/Text.ts"
import { Account } from "../../domain/Account.ts"
import { CustomerId, FileId } from "../../domain/Ids.ts"
import { type CheckedFile, checkFile, FileName, fileMetadataOf, type FileRejected } from "../../domain/NoteFile.ts"
import type { AccountStore, StorageError } from "../../ports/AccountStore.ts"
import { FileStore } from "../../ports/FileStore.ts"
import { IdGenerator } from "../../ports/IdGenerator.ts"
import type { Caller } from "../Caller.ts"
import type { HostStep } from "../HostStep.ts"
import { makeFormatters } from "../../domain/summaries/Formatting.ts"
import type { AccountCommand } from "../Pipeline.ts"

/**
 * The most files one note or hint carries.
 *
 * @category limits
 */
export const maxFilesPerNote = 10

/**
 * One file offered with a note: its name (1 to 255 characters), its content and the media type
 * the client declared, if any.
 *
 * @category inputs
 */
export const NoteFileInput = Schema.Struct({
  /** The file name as uploaded, e.g. `offer.pdf`. */
  name: FileName.pipe(
    Schema.check(Schema.isBetweenLength(1, 255, { expected: "a file name of 1 to 255 characters" }))
  ),
  /** The content. */
  bytes: Schema.Uint8Array,
  /** The media type the client declared, e.g. the browser's `File.type`. */
  mediaType: Schema.optionalKey(
    Schema.String.pipe(Schema.check(Schema.isMaxLength(255, { expected: "a media type of at most 255 characters" })))
  )
})
/** @category inputs */
export type NoteFileInput = typeof NoteFileInput.Type

/**
 * Input of `addNote` and `addHint`: the customer, the text (1 to 5,000 characters after trimming)
 * and up to {@link maxFilesPerNote} files.
 *
 * @category inputs
 */
export const AddNoteInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The text. */
  text: Schema.String.pipe(
    Schema.decodeTo(
      Schema.Trimmed.check(Schema.isBetweenLength(1, 5000, { expected: "a text of 1 to 5,000 characters" }), isCleanMultilineText()),
      SchemaTransformation.trim()
    )
  ),
  /** The files. */
  files: Schema.optionalKey(
    Schema.Array(NoteFileInput).pipe(
      Schema.check(Schema.isMaxLength(maxFilesPerNote, { expected: `at most ${maxFilesPerNote} files` }))
    )
  )
})
/** @category inputs */
export type AddNoteInput = typeof AddNoteInput.Type

/**
 * A file the host step checked and stored: the id it was stored under and what the check found.
 *
 * @category models
 */
export interface StoredFile {
  /** The file store's id of the bytes. */
  readonly fileId: FileId
  /** The checked file: name, detected kind, canonical media type, size. */
  readonly file: CheckedFile
}

const removeStored = (caller: Caller, customerId: CustomerId, stored: ReadonlyArray<FileId>) =>
  Effect.gen(function*() {
    const store = yield* FileStore
    for (const fileId of stored) yield* Effect.ignore(store.remove(caller.tenantId, customerId, fileId))
  })

/**
 * The host step: checks every file (nothing stored when one is refused), then stores the bytes
 * under fresh ids. A storage failure halfway removes what was stored.
 */
const storeFiles = (input: AddNoteInput, caller: Caller, step: HostStep) =>
  Effect.gen(function*() {
    const files = input.files ?? []
    const checked: Array<CheckedFile> = []
    for (const [index, file] of files.entries()) {
      const result = checkFile({ name: file.name, bytes: file.bytes, declaredMediaType: file.mediaType, path: `files.${index}` })
      if (Result.isFailure(result)) return yield* result.failure
      checked.push(result.success)
    }
    const store = yield* FileStore
    const ids = yield* IdGenerator
    const fileIds: Array<FileId> = []
    for (const _ of checked) fileIds.push(FileId.make(yield* ids.next("file")))
    const firstId = fileIds[0]
    if (firstId !== undefined) yield* step.reserve("drop-files", input.customerId, { fileIds }, firstId)
    const stored: Array<StoredFile> = []
    for (const [i, file] of checked.entries()) {
      const fileId = fileIds[i] ?? FileId.make(yield* ids.next("file"))
      yield* store.put(caller.tenantId, input.customerId, fileId, files[i]?.bytes ?? new Uint8Array()).pipe(
        Effect.onError(() => removeStored(caller, input.customerId, [...stored.map((s) => s.fileId), fileId]))
      )
      stored.push({ fileId, file })
    }
    return stored as ReadonlyArray<StoredFile>
  })

/** The stored summaries' English formats (the fallback of the rendered ones). */
const english = makeFormatters("en")
const sizeText = (size: number): string => english.bytes(size)

/**
 * The description of `addNote` and `addHint`: its host step stores files and may fail with
 * `FileRejected` or the store's `StorageError`; its decision never refuses.
 *
 * @category commands
 */
export type NoteCommand = AccountCommand<
  AddNoteInput,
  ReadonlyArray<StoredFile>,
  FileRejected | StorageError,
  FileStore | IdGenerator | AccountStore,
  never,
  typeof AddNoteInput.Encoded
>

const noteCommand = (type: "note" | "hint"): NoteCommand => ({
  kind: type === "note" ? "add-note" : "add-hint",
  subject: type === "note" ? "AddNote" : "AddHint",
  input: AddNoteInput,
  customerId: (input) => input.customerId,
  prepare: (input, _account, caller, step) => storeFiles(input, caller, step),
  undo: (prepared, caller, input) => removeStored(caller, input.customerId, (prepared ?? []).map((s) => s.fileId)),
  decide: (account, input, env) => {
    const stored = env.prepared
    const label = type === "note" ? "Note" : "Hint"
    const withFiles = stored.length === 0 ? "" : ` with ${stored.length} file${stored.length === 1 ? "" : "s"}`
    return Result.succeed({
      account: new Account({ ...account, files: [...account.files, ...stored.map((s) => fileMetadataOf(s.fileId, s.file))] }),
      activities: [
        { type, summary: `${label} added${withFiles}`, details: { text: input.text, fileIds: stored.map((s) => s.fileId) } },
        ...stored.map((s) => ({
          type: "file.attached",
          summary: `File attached: ${s.file.mediaType}, ${sizeText(s.file.size)}`,
          details: { fileId: s.fileId, name: s.file.name, mediaType: s.file.mediaType, size: s.file.size }
        }))
      ]
    })
  }
})

/**
 * Add a note (rules `file.size-limit`, `file.type-from-signature`, `file.declared-type-must-match`):
 * a `note` activity with the text and file ids, and a `file.attached` activity per file.
 *
 * @category commands
 */
export const addNote = noteCommand("note")

/**
 * Add a hint: as {@link addNote}, with a `hint` activity, and authorized as `add-hint`.
 *
 * @category commands
 */
export const addHint = noteCommand("hint")
