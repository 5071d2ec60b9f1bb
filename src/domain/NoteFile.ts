/**
 * Files attached to notes and hints (SPEC section 6, "Manual activities").
 *
 * A file is at most 819,200 bytes (rule `file.size-limit`); its type is decided from its content's
 * signature, never from its name or declared media type (rule `file.type-from-signature`); and a
 * name or declared media type that disagrees with the content is rejected (rule
 * `file.declared-type-must-match`). Its whole structure is walked to its format's end, with nothing
 * after it and no executable, script or macro inside (rules `file.structure-valid`,
 * `file.nothing-after-end`, `file.container-parts`, `file.no-executable-content`,
 * `file.no-macros`; see the `FileStructure` module), and its name is safe to store and show (rule
 * `file.name-safe`).
 *
 * Everything here is pure: the content is a `Uint8Array`, nothing is read or written. The
 * detectors are total: any bytes, truncated or hostile, give a kind or `undefined`, never a throw.
 *
 * @module
 */
import { Result, Schema } from "effect"
import { fileNameProblem, printableFileName } from "./FileNameRules.ts"
import { structureProblem, structureRules } from "./FileStructure.ts"
import { FileId } from "./Ids.ts"
import { personal } from "./PersonalData.ts"

export { fileNameProblem, maxFileNameBytes, printableFileName } from "./FileNameRules.ts"
export type { FileNameProblem } from "./FileNameRules.ts"
export type { StructureProblem, StructureRule } from "./FileStructure.ts"

// ---------------------------------------------------------------------------------------------
// Limits and kinds
// ---------------------------------------------------------------------------------------------

/**
 * The largest file a note may carry: 819,200 bytes (800 KB), inclusive (rule `file.size-limit`).
 *
 * @category limits
 */
export const maxFileBytes = 819_200

/**
 * Every kind of file a note may carry, as decided from the content (rule
 * `file.type-from-signature`): PDF, the images PNG, JPEG, GIF and WebP, the legacy Office formats
 * (OLE compound files) doc, xls and ppt, the Office Open XML formats (zip) docx, xlsx and pptx, and
 * the OpenDocument formats (zip) odt, ods and odp.
 *
 * @category models
 */
export const fileKinds = [
  "pdf",
  "png",
  "jpeg",
  "gif",
  "webp",
  "doc",
  "xls",
  "ppt",
  "docx",
  "xlsx",
  "pptx",
  "odt",
  "ods",
  "odp"
] as const

/**
 * A kind of file a note may carry; see {@link fileKinds}.
 *
 * @category models
 */
export const FileKind = Schema.Literals(fileKinds)

/** @category models */
export type FileKind = typeof FileKind.Type

/**
 * The canonical media type of every allowed kind, in the order of {@link fileKinds}.
 *
 * @category models
 */
export const mediaTypes = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.presentation"
] as const

/**
 * The canonical media type of an allowed file kind, e.g. `application/pdf`.
 *
 * @category models
 */
export const MediaType = Schema.Literals(mediaTypes)

/** @category models */
export type MediaType = typeof MediaType.Type

/**
 * What the package knows about one kind of file.
 *
 * @category models
 */
export interface FileKindDetails {
  /** A short human-readable name, e.g. `a PDF document`, for messages. */
  readonly label: string
  /** The canonical media type, stored with the file and sent when it is downloaded. */
  readonly mediaType: MediaType
  /**
   * Further media types clients are known to declare for the kind (e.g. `image/jpg`); a declared
   * type is accepted when it is the canonical one or one of these.
   */
  readonly mediaTypeAliases: ReadonlyArray<string>
  /** The file-name extensions (lower case, without the dot) that agree with the kind. */
  readonly extensions: ReadonlyArray<string>
}

/**
 * Label, media types and file-name extensions of every allowed kind (rule
 * `file.declared-type-must-match` compares names and declared types against these).
 *
 * @category models
 */
export const fileKindDetails: { readonly [K in FileKind]: FileKindDetails } = {
  pdf: {
    label: "a PDF document",
    mediaType: "application/pdf",
    mediaTypeAliases: ["application/x-pdf"],
    extensions: ["pdf"]
  },
  png: { label: "a PNG image", mediaType: "image/png", mediaTypeAliases: ["image/x-png"], extensions: ["png"] },
  jpeg: {
    label: "a JPEG image",
    mediaType: "image/jpeg",
    mediaTypeAliases: ["image/jpg", "image/pjpeg"],
    extensions: ["jpg", "jpeg", "jpe", "jfif"]
  },
  gif: { label: "a GIF image", mediaType: "image/gif", mediaTypeAliases: [], extensions: ["gif"] },
  webp: { label: "a WebP image", mediaType: "image/webp", mediaTypeAliases: [], extensions: ["webp"] },
  doc: { label: "a Word document (doc)", mediaType: "application/msword", mediaTypeAliases: [], extensions: ["doc"] },
  xls: {
    label: "an Excel workbook (xls)",
    mediaType: "application/vnd.ms-excel",
    mediaTypeAliases: [],
    extensions: ["xls"]
  },
  ppt: {
    label: "a PowerPoint presentation (ppt)",
    mediaType: "application/vnd.ms-powerpoint",
    mediaTypeAliases: [],
    extensions: ["ppt"]
  },
  docx: {
    label: "a Word document (docx)",
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    mediaTypeAliases: [],
    extensions: ["docx"]
  },
  xlsx: {
    label: "an Excel workbook (xlsx)",
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    mediaTypeAliases: [],
    extensions: ["xlsx"]
  },
  pptx: {
    label: "a PowerPoint presentation (pptx)",
    mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    mediaTypeAliases: [],
    extensions: ["pptx"]
  },
  odt: {
    label: "an OpenDocument text (odt)",
    mediaType: "application/vnd.oasis.opendocument.text",
    mediaTypeAliases: [],
    extensions: ["odt"]
  },
  ods: {
    label: "an OpenDocument spreadsheet (ods)",
    mediaType: "application/vnd.oasis.opendocument.spreadsheet",
    mediaTypeAliases: [],
    extensions: ["ods"]
  },
  odp: {
    label: "an OpenDocument presentation (odp)",
    mediaType: "application/vnd.oasis.opendocument.presentation",
    mediaTypeAliases: [],
    extensions: ["odp"]
  }
}

// ---------------------------------------------------------------------------------------------
// Reading bytes (bounds-checked: out of range reads give undefined)
// ---------------------------------------------------------------------------------------------

type Bytes = Uint8Array

const u8 = (b: Bytes, at: number): number | undefined => (at >= 0 && at < b.length ? b[at] : undefined)

const u16 = (b: Bytes, at: number): number | undefined =>
  at >= 0 && at + 2 <= b.length ? (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) : undefined

const u32 = (b: Bytes, at: number): number | undefined =>
  at >= 0 && at + 4 <= b.length
    ? ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0
    : undefined

const hasBytes = (b: Bytes, at: number, expected: ReadonlyArray<number>): boolean =>
  at >= 0 && at + expected.length <= b.length && expected.every((byte, i) => b[at + i] === byte)

const ascii = (text: string): ReadonlyArray<number> => Array.from(text, (c) => c.charCodeAt(0))

const hasAscii = (b: Bytes, at: number, text: string): boolean => hasBytes(b, at, ascii(text))

/** The bytes as Latin-1 text (one character per byte), or undefined when out of range. */
const latin1 = (b: Bytes, at: number, length: number): string | undefined => {
  if (at < 0 || length < 0 || at + length > b.length) return undefined
  let text = ""
  for (let i = at; i < at + length; i++) text += String.fromCharCode(b[i] ?? 0)
  return text
}

// ---------------------------------------------------------------------------------------------
// ZIP containers: Office Open XML and OpenDocument
// ---------------------------------------------------------------------------------------------

const zipLocalHeader = [0x50, 0x4b, 0x03, 0x04]
const zipCentralHeader = [0x50, 0x4b, 0x01, 0x02]
const zipEndOfCentralDirectory = [0x50, 0x4b, 0x05, 0x06]
/** More entries than any document of at most 800 KB holds; bounds the walks on hostile input. */
const maxZipEntries = 10_000

interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly dataStart: number
  readonly compressedSize: number
  readonly uncompressedSize: number
}

/**
 * Walks the local file headers from the start of the archive: signature, then the compressed size
 * at offset 18, the name length at 26 and the extra-field length at 28; the name follows at 30, the
 * data after the extra field. The walk stops at the first entry whose sizes live in a data
 * descriptor (flag bit 3), at anything that is not a local header, and at the end of the bytes.
 */
const localZipEntries = (b: Bytes): ReadonlyArray<ZipEntry> => {
  const entries: Array<ZipEntry> = []
  let at = 0
  while (entries.length < maxZipEntries && hasBytes(b, at, zipLocalHeader)) {
    const flags = u16(b, at + 6)
    const method = u16(b, at + 8)
    const compressedSize = u32(b, at + 18)
    const uncompressedSize = u32(b, at + 22)
    const nameLength = u16(b, at + 26)
    const extraLength = u16(b, at + 28)
    if (
      flags === undefined || method === undefined || compressedSize === undefined ||
      uncompressedSize === undefined || nameLength === undefined || extraLength === undefined
    ) break
    const name = latin1(b, at + 30, nameLength)
    const dataStart = at + 30 + nameLength + extraLength
    if (name === undefined || dataStart > b.length) break
    entries.push({ name, method, dataStart, compressedSize, uncompressedSize })
    if ((flags & 0x08) !== 0) break
    at = dataStart + compressedSize
  }
  return entries
}

/**
 * The entry names of the central directory, found through the end-of-central-directory record
 * (searched backwards from the end, past a comment of up to 65,535 bytes).
 */
const centralZipNames = (b: Bytes): ReadonlyArray<string> => {
  const lowest = Math.max(0, b.length - 22 - 0xffff)
  for (let end = b.length - 22; end >= lowest; end--) {
    if (!hasBytes(b, end, zipEndOfCentralDirectory)) continue
    const count = u16(b, end + 10) ?? 0
    let at = u32(b, end + 16) ?? b.length
    const names: Array<string> = []
    while (names.length < Math.min(count, maxZipEntries) && hasBytes(b, at, zipCentralHeader)) {
      const nameLength = u16(b, at + 28)
      const extraLength = u16(b, at + 30)
      const commentLength = u16(b, at + 32)
      if (nameLength === undefined || extraLength === undefined || commentLength === undefined) break
      const name = latin1(b, at + 46, nameLength)
      if (name === undefined) break
      names.push(name)
      at += 46 + nameLength + extraLength + commentLength
    }
    return names
  }
  return []
}

const openDocumentKinds: ReadonlyArray<readonly [string, FileKind]> = [
  ["application/vnd.oasis.opendocument.text", "odt"],
  ["application/vnd.oasis.opendocument.spreadsheet", "ods"],
  ["application/vnd.oasis.opendocument.presentation", "odp"]
]

/** An OpenDocument package: its first entry is `mimetype`, stored uncompressed, holding the media type. */
const openDocumentKind = (b: Bytes, first: ZipEntry): FileKind | undefined => {
  if (first.method !== 0 || first.compressedSize !== first.uncompressedSize) return undefined
  const content = latin1(b, first.dataStart, first.compressedSize)
  return openDocumentKinds.find(([mediaType]) => mediaType === content)?.[1]
}

const officeOpenXmlKinds: ReadonlyArray<readonly [string, FileKind]> = [
  ["word/", "docx"],
  ["xl/", "xlsx"],
  ["ppt/", "pptx"]
]

/**
 * An Office Open XML package holds `[Content_Types].xml` and its main parts under `word/`, `xl/` or
 * `ppt/`; a package with parts under more than one of them is ambiguous and not recognized. Part
 * names compare case-insensitively (OPC).
 */
const officeOpenXmlKind = (names: ReadonlyArray<string>): FileKind | undefined => {
  const lower = names.map((n) => n.toLowerCase())
  if (!lower.includes("[content_types].xml")) return undefined
  const kinds = officeOpenXmlKinds.filter(([prefix]) => lower.some((n) => n.startsWith(prefix)))
  return kinds.length === 1 ? kinds[0]?.[1] : undefined
}

const zipKind = (b: Bytes): FileKind | undefined => {
  const local = localZipEntries(b)
  const first = local[0]
  if (first !== undefined && first.name === "mimetype") return openDocumentKind(b, first)
  return officeOpenXmlKind([...local.map((e) => e.name), ...centralZipNames(b)])
}

// ---------------------------------------------------------------------------------------------
// OLE compound files: legacy Office
// ---------------------------------------------------------------------------------------------

const oleSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const endOfChain = 0xfffffffe
const noStream = 0xffffffff
const directoryEntrySize = 128
const storageRoot = 5
const storageStream = 2

interface DirectoryEntry {
  readonly name: string
  readonly type: number
  readonly left: number
  readonly right: number
  readonly child: number
}

/**
 * A directory entry: a UTF-16LE name of up to 31 characters, its byte length (with the terminator)
 * at 64, the type at 66, the left and right siblings at 68 and 72, the first child at 76.
 */
const directoryEntry = (b: Bytes, at: number): DirectoryEntry | undefined => {
  const nameBytes = u16(b, at + 64)
  const type = u8(b, at + 66)
  const left = u32(b, at + 68)
  const right = u32(b, at + 72)
  const child = u32(b, at + 76)
  if (
    nameBytes === undefined || type === undefined || left === undefined || right === undefined || child === undefined
  ) return undefined
  let name = ""
  if (nameBytes >= 2 && nameBytes <= 64 && nameBytes % 2 === 0) {
    for (let i = 0; i < nameBytes / 2 - 1; i++) name += String.fromCharCode(u16(b, at + 2 * i) ?? 0)
  }
  return { name, type, left, right, child }
}

/**
 * The names of the streams directly under the root storage, read by following the directory's
 * sector chain through the FAT and walking the root's tree of children. Undefined when the
 * structure cannot be read (truncated or malformed): then {@link scannedOleStreamNames} is used.
 * Streams inside nested storages (embedded objects) are not listed.
 */
const rootOleStreamNames = (b: Bytes): ReadonlyArray<string> | undefined => {
  const shift = u16(b, 30)
  if (shift !== 9 && shift !== 12) return undefined
  const sectorSize = 1 << shift
  const sectorOffset = (sector: number): number => (sector + 1) * sectorSize
  // The header lists the first 109 FAT sectors: enough for 6.9 MB with 512-byte sectors.
  const fatSectorCount = Math.min(u32(b, 44) ?? 0, 109)
  const fatEntry = (sector: number): number | undefined => {
    const perSector = sectorSize / 4
    const index = Math.floor(sector / perSector)
    if (index >= fatSectorCount) return undefined
    const fatSector = u32(b, 76 + 4 * index)
    return fatSector === undefined ? undefined : u32(b, sectorOffset(fatSector) + (sector % perSector) * 4)
  }
  const entries: Array<DirectoryEntry> = []
  const visitedSectors = new Set<number>()
  let sector = u32(b, 48)
  while (sector !== endOfChain) {
    if (sector === undefined || visitedSectors.has(sector)) return undefined
    const start = sectorOffset(sector)
    if (start + sectorSize > b.length) return undefined
    visitedSectors.add(sector)
    for (let at = start; at < start + sectorSize; at += directoryEntrySize) {
      const entry = directoryEntry(b, at)
      if (entry === undefined) return undefined
      entries.push(entry)
    }
    sector = fatEntry(sector)
  }
  const root = entries[0]
  if (root === undefined || root.type !== storageRoot) return undefined
  const names: Array<string> = []
  const visited = new Set<number>()
  const pending = [root.child]
  while (pending.length > 0) {
    const id = pending.pop() ?? noStream
    if (id === noStream || visited.has(id)) continue
    const entry = entries[id]
    if (entry === undefined) return undefined
    visited.add(id)
    if (entry.type === storageStream) names.push(entry.name)
    pending.push(entry.left, entry.right)
  }
  return names
}

/**
 * Best effort for a compound file whose structure cannot be read: the names of all stream entries
 * found at directory-entry positions (128-byte aligned, after the 512-byte header) anywhere in the
 * bytes.
 */
const scannedOleStreamNames = (b: Bytes): ReadonlyArray<string> => {
  const names: Array<string> = []
  for (let at = 512; at + directoryEntrySize <= b.length; at += directoryEntrySize) {
    const entry = directoryEntry(b, at)
    if (entry !== undefined && entry.type === storageStream && entry.name !== "") names.push(entry.name)
  }
  return names
}

const oleStreamKinds: ReadonlyArray<readonly [string, FileKind]> = [
  ["WORDDOCUMENT", "doc"],
  ["WORKBOOK", "xls"],
  ["BOOK", "xls"],
  ["POWERPOINT DOCUMENT", "ppt"]
]

/**
 * A legacy Office file is told apart by its main stream: `WordDocument` (doc), `Workbook` or `Book`
 * (xls), `PowerPoint Document` (ppt); names compare case-insensitively, as in the compound file
 * format. No main stream, or main streams of more than one kind, is not recognized: other compound
 * files (installers, mail messages, ...) are not allowed.
 */
const oleKind = (b: Bytes): FileKind | undefined => {
  const names = (rootOleStreamNames(b) ?? scannedOleStreamNames(b)).map((n) => n.toUpperCase())
  const kinds = new Set(oleStreamKinds.filter(([stream]) => names.includes(stream)).map(([, kind]) => kind))
  return kinds.size === 1 ? [...kinds][0] : undefined
}

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const jpegSignature = [0xff, 0xd8, 0xff]

/**
 * Decides a file's kind from its content's signature (rule `file.type-from-signature`); undefined
 * when the content is none of the allowed kinds.
 *
 * - PDF: `%PDF-` at the start; PNG: its 8-byte signature; JPEG: `FF D8 FF`; GIF: `GIF87a` or
 *   `GIF89a`; WebP: `RIFF`, four size bytes, `WEBP`.
 * - OLE compound file (`D0 CF 11 E0 A1 B1 1A E1`): doc, xls or ppt by the main stream under the root
 *   storage (`WordDocument`, `Workbook` / `Book`, `PowerPoint Document`); other compound files are
 *   not recognized.
 * - ZIP (`PK 03 04`): OpenDocument when the first entry is `mimetype`, stored, holding the media
 *   type of a text, spreadsheet or presentation; Office Open XML when the entries (local headers
 *   and central directory) include `[Content_Types].xml` and parts under exactly one of `word/`,
 *   `xl/` or `ppt/`. Any other zip is not recognized.
 *
 * Total: never throws, whatever the bytes.
 *
 * @example
 * ```ts
 * import { NoteFile } from "customer-account"
 *
 * NoteFile.detectFileKind(new TextEncoder().encode("%PDF-1.7\n")) // "pdf"
 * NoteFile.detectFileKind(new Uint8Array([0x4d, 0x5a, 0x90, 0x00])) // undefined (a Windows executable)
 * ```
 *
 * @category detection
 */
export const detectFileKind = (bytes: Uint8Array): FileKind | undefined => {
  if (hasAscii(bytes, 0, "%PDF-")) return "pdf"
  if (hasBytes(bytes, 0, pngSignature)) return "png"
  if (hasBytes(bytes, 0, jpegSignature)) return "jpeg"
  if (hasAscii(bytes, 0, "GIF87a") || hasAscii(bytes, 0, "GIF89a")) return "gif"
  if (hasAscii(bytes, 0, "RIFF") && hasAscii(bytes, 8, "WEBP")) return "webp"
  if (hasBytes(bytes, 0, oleSignature)) return oleKind(bytes)
  if (hasBytes(bytes, 0, zipLocalHeader)) return zipKind(bytes)
  return undefined
}

/** What a content that is not allowed appears to be, for the message. */
const describeUnrecognized = (b: Bytes): string => {
  if (hasAscii(b, 0, "MZ")) return "a Windows executable"
  if (hasBytes(b, 0, [0x7f, 0x45, 0x4c, 0x46])) return "an ELF executable"
  if (hasAscii(b, 0, "#!")) return "a script"
  if (hasBytes(b, 0, oleSignature)) return "an OLE compound file that is not a Word, Excel or PowerPoint document"
  if (hasBytes(b, 0, zipLocalHeader)) return "a ZIP archive that is not an Office Open XML or OpenDocument document"
  if (b.length === 0) return "empty"
  return "of no known type"
}

// ---------------------------------------------------------------------------------------------
// Checking an upload
// ---------------------------------------------------------------------------------------------

/**
 * A file offered for a note: its name, the media type the client declared (if any) and its
 * content.
 *
 * @category models
 */
export interface FileUpload {
  /** The file name as uploaded, e.g. `offer.pdf`. */
  readonly name: string
  /** The media type the client declared, e.g. the browser's `File.type`. */
  readonly declaredMediaType?: string | undefined
  /** The content. */
  readonly bytes: Uint8Array
  /**
   * Where the file sits in the caller's input, e.g. `files.2` (the third file of a note); copied
   * into a refusal so that a client can say which file it was.
   */
  readonly path?: string | undefined
}

/**
 * A file that passed {@link checkFile}: its name, the kind decided from its content, that kind's
 * canonical media type and its size in bytes.
 *
 * @category models
 */
export interface CheckedFile {
  /** The file name as uploaded. */
  readonly name: string
  /** The kind, decided from the content. */
  readonly kind: FileKind
  /** The canonical media type of the kind (not the declared one). */
  readonly mediaType: MediaType
  /** The size in bytes, at most {@link maxFileBytes}. */
  readonly size: number
}

/**
 * A file name as stored with a note's file. Personal data (content): an uploaded file's name may
 * carry a person's name (`Letter to Erika Mustermann.pdf`); anonymization writes `file`.
 *
 * @category models
 */
export const FileName = Schema.String.pipe(personal("content", { replacement: "file" }))

/**
 * A file was refused for a note. Nothing was stored.
 *
 * - `file.size-limit`: more than {@link maxFileBytes} bytes; `limit` says how many are allowed.
 * - `file.type-from-signature`: the content is none of the allowed kinds (an executable, a plain
 *   zip, unknown bytes, ...), whatever its name says.
 * - `file.declared-type-must-match`: the content is an allowed kind, but the name's extension or
 *   the declared media type says otherwise; `detectedKind` is what the content is.
 * - `file.structure-valid`, `file.nothing-after-end`, `file.container-parts`,
 *   `file.no-executable-content`, `file.no-macros`: the content starts as an allowed kind but its
 *   whole structure is not sound, or it carries an executable, a script or macros; `at` says where
 *   in the content (`byte 1234`, `entry word/evil.exe`), `expected` what was expected.
 * - `file.name-safe`: the name holds a path separator, is `.` or `..`, holds a control,
 *   bidirectional or unpaired surrogate character, or has more than 255 UTF-8 bytes; `at` says
 *   where in the name.
 *
 * The message names the rule and the extension, media type or place at fault, but not the file
 * name. `fileName` is the name as given, with control and bidirectional characters escaped
 * (`\u{202E}`) so that it cannot disguise itself where a client shows it; `path` says which file of
 * the input it was, when the caller gave one.
 *
 * @category errors
 */
export class FileRejected extends Schema.TaggedError<FileRejected>()("FileRejected", {
  /** The rule that refused the file. */
  rule: Schema.Literals([
    "file.size-limit",
    "file.type-from-signature",
    "file.declared-type-must-match",
    "file.name-safe",
    ...structureRules
  ]),
  /** The name of the refused file (escaped, see above), so that a client can say which of several files it was. */
  fileName: FileName,
  /** Which file of the input, e.g. `files.2`, when the caller said. */
  path: Schema.optionalKey(Schema.String),
  /** Where in the content or the name the problem is, e.g. `byte 1234`, `entry word/evil.exe`, `character 7`. */
  at: Schema.optionalKey(Schema.String),
  /** What was expected there. */
  expected: Schema.optionalKey(Schema.String),
  /** The file's size in bytes. */
  size: Schema.Number,
  /** The largest size allowed, for `file.size-limit`. */
  limit: Schema.optionalKey(Schema.Number),
  /** The kind the content was found to be, for `file.declared-type-must-match`. */
  detectedKind: Schema.optionalKey(FileKind),
  /** The declared media type, when one was given. */
  declaredMediaType: Schema.optionalKey(Schema.String),
  /** What was refused and why. */
  message: Schema.String
}) {}

const allowedKindsText =
  "PDF, PNG, JPEG, GIF, WebP or an Office document (doc, docx, xls, xlsx, ppt, pptx, odt, ods, odp)"

/** The extension of a file name: what follows its last dot, in lower case; empty when there is none. */
const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf(".")
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase()
}

/**
 * A declared media type without parameters, in lower case; undefined when nothing was declared,
 * which includes the empty string and `application/octet-stream` (what clients send for "unknown").
 */
const normalizedMediaType = (declared: string | undefined): string | undefined => {
  const essence = (declared ?? "").split(";")[0]?.trim().toLowerCase() ?? ""
  return essence === "" || essence === "application/octet-stream" ? undefined : essence
}

/**
 * Checks a file offered for a note, in this order:
 *
 * 1. its size is at most {@link maxFileBytes} bytes: 819,200 passes, 819,201 fails (rule
 *    `file.size-limit`);
 * 2. its content's signature is one of the allowed kinds (rule `file.type-from-signature`, see
 *    {@link detectFileKind}): an executable is refused here, whatever it is named;
 * 3. its name's extension (compared case-insensitively; a name without an extension disagrees) and
 *    its declared media type, when one is given, agree with the detected kind (rule
 *    `file.declared-type-must-match`): a PNG named `scan.pdf` is refused. A declared type that is
 *    empty or `application/octet-stream` counts as not given; parameters such as `; charset=...`
 *    are ignored.
 *
 * Between 2 and 3, the content's whole structure is walked (rules `file.structure-valid`,
 * `file.nothing-after-end`, `file.container-parts`, `file.no-executable-content`,
 * `file.no-macros`): a PDF header followed by an executable, a PNG followed by a zip, a truncated
 * JPEG, a docx holding `evil.exe` or `vbaProject.bin` are refused. Last, the name must be safe
 * (rule `file.name-safe`, see {@link fileNameProblem}): `../../etc/passwd.png`, `a.exe\u0000.png`
 * and `invoice\u202Eexe.png` are refused.
 *
 * @example
 * ```ts
 * import { NoteFile } from "customer-account"
 *
 * const bytes = new TextEncoder().encode(
 *   "%PDF-1.7\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"
 * )
 * NoteFile.checkFile({ name: "offer.pdf", bytes })
 * // Result.succeed({ name: "offer.pdf", kind: "pdf", mediaType: "application/pdf", size: 78 })
 * NoteFile.checkFile({ name: "offer.pdf", bytes: new TextEncoder().encode("%PDF-1.7\n%%EOF\n") })
 * // Result.fail(FileRejected { rule: "file.structure-valid", ... }): no startxref
 * NoteFile.checkFile({ name: "offer.png", bytes })
 * // Result.fail(FileRejected { rule: "file.declared-type-must-match", ... })
 * ```
 *
 * @category checking
 */
export const checkFile = (upload: FileUpload): Result.Result<CheckedFile, FileRejected> => {
  const { bytes, name } = upload
  const size = bytes.length
  const declared = upload.declaredMediaType
  const reject = (
    rule: FileRejected["rule"],
    message: string,
    extra: {
      readonly limit?: number
      readonly detectedKind?: FileKind
      readonly at?: string
      readonly expected?: string
    } = {}
  ) =>
    Result.fail(
      new FileRejected({
        rule,
        fileName: printableFileName(name),
        ...(upload.path === undefined ? {} : { path: upload.path }),
        size,
        ...extra,
        ...(declared === undefined ? {} : { declaredMediaType: declared }),
        message: `${message} (rule ${rule})`
      })
    )

  if (size > maxFileBytes) {
    return reject(
      "file.size-limit",
      `The file has ${size} bytes; a note's file may have at most ${maxFileBytes} bytes (800 KB)`,
      { limit: maxFileBytes }
    )
  }

  const kind = detectFileKind(bytes)
  if (kind === undefined) {
    return reject(
      "file.type-from-signature",
      `The file's content is ${describeUnrecognized(bytes)}; expected ${allowedKindsText}`
    )
  }

  const details = fileKindDetails[kind]
  const broken = structureProblem(kind, bytes)
  if (broken !== undefined) {
    return reject(
      broken.rule,
      `The file's content starts as ${details.label}, but has ${broken.found} at ${broken.at}; expected ${broken.expected}`,
      { detectedKind: kind, at: broken.at, expected: broken.expected }
    )
  }

  const extension = extensionOf(name)
  if (!details.extensions.includes(extension)) {
    const named = extension === "" ? "its name has no extension" : `its name ends in .${extension}`
    return reject(
      "file.declared-type-must-match",
      `The file's content is ${details.label}, but ${named}; expected a name ending in ${
        details.extensions.map((e) => `.${e}`).join(" or ")
      }`,
      { detectedKind: kind }
    )
  }

  const mediaType = normalizedMediaType(declared)
  if (mediaType !== undefined && mediaType !== details.mediaType && !details.mediaTypeAliases.includes(mediaType)) {
    return reject(
      "file.declared-type-must-match",
      `The file's content is ${details.label}, but it was declared as ${mediaType}; expected ${details.mediaType}`,
      { detectedKind: kind }
    )
  }

  const unsafeName = fileNameProblem(name)
  if (unsafeName !== undefined) {
    return reject(
      "file.name-safe",
      `The file's name has ${unsafeName.found} at ${unsafeName.at}; expected ${unsafeName.expected}`,
      { at: unsafeName.at, expected: unsafeName.expected }
    )
  }

  return Result.succeed({ name, kind, mediaType: details.mediaType, size })
}

// ---------------------------------------------------------------------------------------------
// Stored metadata
// ---------------------------------------------------------------------------------------------

/**
 * A file size in bytes as stored: an integer from 1 to {@link maxFileBytes} (rule `file.size-limit`).
 *
 * @category models
 */
export const FileSize = Schema.Int.check(
  Schema.isBetween({ minimum: 1, maximum: maxFileBytes }, {
    expected: "a file size of 1 to 819,200 bytes (rule file.size-limit)"
  })
)

const mediaTypeOfKind = Schema.makeFilter(
  (file: { readonly kind: FileKind; readonly mediaType: MediaType }) => {
    const expected = fileKindDetails[file.kind].mediaType
    return file.mediaType === expected
      ? undefined
      : {
        path: ["mediaType"],
        issue: `Expected ${expected}, the media type of kind ${file.kind} (rule file.declared-type-must-match)`
      }
  },
  { expected: "the media type of the file's kind (rule file.declared-type-must-match)" }
)

/**
 * The metadata of a file attached to a note, as stored and exported (the file's bytes live in the
 * host's file store under `fileId`): id, name, kind, canonical media type and size. The name is
 * personal data (see {@link FileName}); the media type must be the kind's.
 *
 * @category models
 */
export class FileMetadata extends Schema.Class<FileMetadata>("customer-account/FileMetadata")(
  Schema.Struct({
    /** The stored file's id. */
    fileId: FileId,
    /** The file name as uploaded. */
    name: FileName,
    /** The kind, decided from the content when the file was checked. */
    kind: FileKind,
    /** The canonical media type of the kind. */
    mediaType: MediaType,
    /** The size in bytes. */
    size: FileSize
  }).check(mediaTypeOfKind)
) {}

/**
 * The metadata to store for a checked file under the id the file store gave it.
 *
 * @category constructors
 */
export const fileMetadataOf = (fileId: FileId, file: CheckedFile): FileMetadata =>
  new FileMetadata({ fileId, name: file.name, kind: file.kind, mediaType: file.mediaType, size: file.size })
