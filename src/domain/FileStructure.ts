/**
 * Whole-structure checks of a note's file (SPEC section 13, "a file is accepted by its whole
 * structure, not its first bytes"), once its kind is known from its signature.
 *
 * Every format is walked from its start to its end marker, and nothing may follow the end:
 *
 * - PDF: the last `%%EOF` (only whitespace after it), preceded by `startxref` and an offset that
 *   points at a cross-reference table (`xref`) or stream (`N G obj`). Incremental updates (several
 *   `%%EOF`) are allowed: the last one ends the file.
 * - PNG: the chunk walk from `IHDR` to `IEND`, every chunk's length in range and its CRC-32 right,
 *   at least one `IDAT`.
 * - JPEG: the segment walk from SOI to EOI (lengths in range, entropy-coded data skipped), with a
 *   frame (SOFn) and a scan (SOS).
 * - GIF: the block walk (extensions and images with their sub-blocks) to the trailer `0x3B`, with
 *   at least one image.
 * - WebP: the RIFF size equals the file's size less 8, and the chunks fill it exactly, the first
 *   being `VP8 `, `VP8L` or `VP8X`.
 * - OLE compound files (doc, xls, ppt): the header (byte order, version, sector sizes), the FAT, the
 *   directory chain and every stream's sector chain (in range, no sector in two chains), no
 *   allocated sector beyond the file and no bytes beyond the last allocated sector; no macro
 *   storage (`Macros`, `_VBA_PROJECT_CUR`, `VBA`, `_VBA_PROJECT`) anywhere in the directory.
 * - ZIP packages (docx, xlsx, pptx, odt, ods, odp): the end-of-central-directory record ends the
 *   file, the central directory ends where that record starts, each central entry matches its
 *   local header (name, method, sizes), the entries follow one another from byte 0 without gaps or
 *   overlaps up to the central directory, no duplicate, absolute or `..` names, no encryption, no
 *   ZIP64; only the parts an Office Open XML or OpenDocument package has; no executable or script
 *   entries; no macros (`vbaProject.bin`, `vbaData.xml`, macro-enabled content types or embedded
 *   documents, ODF `Basic/`, `Scripts/`, `Dialogs/`).
 *
 * Pure and linear in the file's size: every walk moves forward or is bounded by a visited set.
 * `NoteFile.checkFile` runs these checks; this module is internal (not re-exported by the root).
 *
 * @module
 */
import type { FileKind } from "./NoteFile.ts"

/**
 * The rules a file's structure can break, each with an id in `Rules`:
 *
 * - `file.structure-valid`: the format's structure cannot be walked to its end (truncated, a
 *   length out of range, a wrong CRC, a missing end marker, an inconsistent zip or compound file).
 * - `file.nothing-after-end`: bytes follow the format's end marker (a polyglot: an executable, a
 *   zip or a script appended to an image or a PDF).
 * - `file.container-parts`: a zip package holds a part that an Office Open XML or OpenDocument
 *   package of its kind does not have.
 * - `file.no-executable-content`: a package holds an executable or script entry.
 * - `file.no-macros`: a document holds macros.
 *
 * @category models
 */
export type StructureRule =
  | "file.structure-valid"
  | "file.nothing-after-end"
  | "file.container-parts"
  | "file.no-executable-content"
  | "file.no-macros"

/**
 * Every {@link StructureRule}, for Schemas.
 *
 * @category models
 */
export const structureRules: ReadonlyArray<StructureRule> = [
  "file.structure-valid",
  "file.nothing-after-end",
  "file.container-parts",
  "file.no-executable-content",
  "file.no-macros"
]

/**
 * What is wrong with a file's structure: the rule, where (`byte 1234`, `entry word/evil.exe`,
 * `directory entry Macros`), what was found and what was expected.
 *
 * @category models
 */
export interface StructureProblem {
  /** The rule the file breaks. */
  readonly rule: StructureRule
  /** Where in the content, e.g. `byte 1234` or `entry word/evil.exe`. */
  readonly at: string
  /** What was found there. */
  readonly found: string
  /** What was expected. */
  readonly expected: string
}

type Kind = FileKind

type Bytes = Uint8Array

const problem = (rule: StructureRule, at: string, found: string, expected: string): StructureProblem => ({
  rule,
  at,
  found,
  expected
})

const byteAt = (at: number) => `byte ${at}`

const u16le = (b: Bytes, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8)
const u32le = (b: Bytes, at: number): number =>
  ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0
const u16be = (b: Bytes, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0)
const u32be = (b: Bytes, at: number): number =>
  (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0

const hasAscii = (b: Bytes, at: number, text: string): boolean => {
  if (at < 0 || at + text.length > b.length) return false
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false
  return true
}

const latin1 = (b: Bytes, at: number, length: number): string => {
  let text = ""
  for (let i = at; i < at + length && i < b.length; i++) text += String.fromCharCode(b[i] ?? 0)
  return text
}

const remaining = (b: Bytes, end: number): string => `${b.length - end} more bytes`

// ---------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------

/** PDF whitespace: NUL, tab, line feed, form feed, carriage return, space. */
const isPdfSpace = (c: number | undefined): boolean =>
  c === 0x00 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39

const lastIndexOfAscii = (b: Bytes, text: string, from: number): number => {
  for (let at = Math.min(from, b.length - text.length); at >= 0; at--) if (hasAscii(b, at, text)) return at
  return -1
}

const pdfProblem = (b: Bytes): StructureProblem | undefined => {
  let end = b.length
  while (end > 0 && isPdfSpace(b[end - 1])) end--
  const eof = lastIndexOfAscii(b, "%%EOF", b.length)
  if (eof < 0) return problem("file.structure-valid", "the end", "no %%EOF marker", "a PDF ending in %%EOF")
  if (eof + 5 !== end) {
    return problem(
      "file.nothing-after-end",
      byteAt(eof + 5),
      `${b.length - eof - 5} bytes after the last %%EOF`,
      "nothing but whitespace after the PDF's last %%EOF"
    )
  }
  // startxref, whitespace, the offset, whitespace, %%EOF
  let at = eof
  while (at > 0 && isPdfSpace(b[at - 1])) at--
  const digitsEnd = at
  while (at > 0 && isDigit(b[at - 1])) at--
  const digitsStart = at
  while (at > 0 && isPdfSpace(b[at - 1])) at--
  if (digitsStart === digitsEnd || digitsEnd - digitsStart > 10 || !hasAscii(b, at - 9, "startxref")) {
    return problem("file.structure-valid", byteAt(eof), "no startxref before %%EOF", "startxref and an offset before %%EOF")
  }
  let offset = Number(latin1(b, digitsStart, digitsEnd - digitsStart))
  while (offset < b.length && isPdfSpace(b[offset])) offset++
  const pointsAtXref = offset < at - 9 &&
    (hasAscii(b, offset, "xref") || /^\d+\s+\d+\s+obj/.test(latin1(b, offset, 24)))
  if (!pointsAtXref) {
    return problem(
      "file.structure-valid",
      byteAt(digitsStart),
      `startxref ${latin1(b, digitsStart, digitsEnd - digitsStart)}`,
      "startxref pointing at the PDF's cross-reference table or stream"
    )
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// PNG
// ---------------------------------------------------------------------------------------------

let crcTable: Uint32Array | undefined

const crc32 = (b: Bytes, start: number, end: number): number => {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c >>> 0
    }
  }
  let c = 0xffffffff
  for (let i = start; i < end; i++) c = (crcTable[(c ^ (b[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const isLetter = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))

const pngProblem = (b: Bytes): StructureProblem | undefined => {
  let at = 8
  let first = true
  let sawData = false
  while (true) {
    if (at + 12 > b.length) return problem("file.structure-valid", byteAt(at), "the end of the file", "a PNG chunk, up to IEND")
    const length = u32be(b, at)
    const type = latin1(b, at + 4, 4)
    if (![4, 5, 6, 7].every((i) => isLetter(b[at + i]))) {
      return problem("file.structure-valid", byteAt(at + 4), "a chunk type that is not 4 letters", "a PNG chunk type")
    }
    if (length > 0x7fffffff || at + 12 + length > b.length) {
      return problem("file.structure-valid", byteAt(at), `a ${type} chunk of ${length} bytes`, "a chunk within the file")
    }
    if (first && (type !== "IHDR" || length !== 13)) {
      return problem("file.structure-valid", byteAt(at), `a first chunk ${type}`, "IHDR of 13 bytes first")
    }
    if (crc32(b, at + 4, at + 8 + length) !== u32be(b, at + 8 + length)) {
      return problem("file.structure-valid", byteAt(at + 8 + length), `a wrong CRC of chunk ${type}`, "the chunk's CRC-32")
    }
    first = false
    if (type === "IDAT") sawData = true
    at += 12 + length
    if (type === "IEND") {
      if (!sawData) return problem("file.structure-valid", byteAt(at), "no IDAT chunk", "image data (IDAT) before IEND")
      if (at !== b.length) {
        return problem("file.nothing-after-end", byteAt(at), remaining(b, at), "nothing after the PNG's IEND chunk")
      }
      return undefined
    }
  }
}

// ---------------------------------------------------------------------------------------------
// JPEG
// ---------------------------------------------------------------------------------------------

const jpegProblem = (b: Bytes): StructureProblem | undefined => {
  let at = 2
  let sawFrame = false
  let sawScan = false
  while (true) {
    if (at >= b.length) return problem("file.structure-valid", byteAt(at), "the end of the file", "a JPEG segment, up to EOI")
    if (b[at] !== 0xff) {
      return problem("file.structure-valid", byteAt(at), `byte 0x${(b[at] ?? 0).toString(16)}`, "a JPEG marker (0xFF)")
    }
    while (b[at + 1] === 0xff) at++
    const marker = b[at + 1]
    if (marker === undefined) return problem("file.structure-valid", byteAt(at), "the end of the file", "a JPEG marker")
    at += 2
    if (marker === 0xd9) {
      if (!sawFrame || !sawScan) {
        return problem("file.structure-valid", byteAt(at - 2), "EOI before a frame and a scan", "SOFn and SOS before EOI")
      }
      if (at !== b.length) {
        return problem("file.nothing-after-end", byteAt(at), remaining(b, at), "nothing after the JPEG's EOI marker")
      }
      return undefined
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue
    if (marker === 0x00 || marker === 0xd8) {
      return problem("file.structure-valid", byteAt(at - 2), `marker 0x${marker.toString(16)}`, "a JPEG segment marker")
    }
    const length = u16be(b, at)
    if (at + 2 > b.length || length < 2 || at + length > b.length) {
      return problem("file.structure-valid", byteAt(at), `a segment of ${length} bytes`, "a segment within the file")
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) sawFrame = true
    at += length
    if (marker === 0xda) {
      sawScan = true
      // Entropy-coded data: 0xFF is followed by 0x00 (a stuffed byte) or a restart marker inside it.
      while (at < b.length) {
        if (b[at] === 0xff) {
          const next = b[at + 1]
          if (next === 0x00 || (next !== undefined && next >= 0xd0 && next <= 0xd7)) {
            at += 2
            continue
          }
          break
        }
        at++
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// GIF
// ---------------------------------------------------------------------------------------------

const gifProblem = (b: Bytes): StructureProblem | undefined => {
  if (b.length < 13) return problem("file.structure-valid", byteAt(b.length), "the end of the file", "a logical screen descriptor")
  const screenFlags = b[10] ?? 0
  let at = 13 + ((screenFlags & 0x80) !== 0 ? 3 * (2 << (screenFlags & 7)) : 0)
  let sawImage = false
  const subBlocks = (): boolean => {
    while (at < b.length) {
      const size = b[at] ?? 0
      at += 1 + size
      if (size === 0) return true
    }
    return false
  }
  while (true) {
    const block = b[at]
    if (block === undefined) return problem("file.structure-valid", byteAt(at), "the end of the file", "a GIF block, up to the trailer 0x3B")
    if (block === 0x3b) {
      at++
      if (!sawImage) return problem("file.structure-valid", byteAt(at - 1), "a trailer before any image", "an image before the trailer")
      if (at !== b.length) {
        return problem("file.nothing-after-end", byteAt(at), remaining(b, at), "nothing after the GIF's trailer 0x3B")
      }
      return undefined
    }
    if (block === 0x21) {
      at += 2
      if (!subBlocks()) return problem("file.structure-valid", byteAt(at), "the end of the file", "an extension's sub-blocks")
    } else if (block === 0x2c) {
      if (at + 11 > b.length) return problem("file.structure-valid", byteAt(at), "the end of the file", "an image descriptor")
      const flags = b[at + 9] ?? 0
      at += 10 + ((flags & 0x80) !== 0 ? 3 * (2 << (flags & 7)) : 0)
      const codeSize = b[at]
      if (codeSize === undefined || codeSize < 1 || codeSize > 11) {
        return problem("file.structure-valid", byteAt(at), `an LZW code size of ${codeSize ?? "nothing"}`, "an LZW code size of 1 to 11")
      }
      at++
      if (!subBlocks()) return problem("file.structure-valid", byteAt(at), "the end of the file", "an image's data sub-blocks")
      sawImage = true
    } else {
      return problem("file.structure-valid", byteAt(at), `block 0x${block.toString(16)}`, "an extension (0x21), an image (0x2C) or the trailer (0x3B)")
    }
  }
}

// ---------------------------------------------------------------------------------------------
// WebP
// ---------------------------------------------------------------------------------------------

const webpProblem = (b: Bytes): StructureProblem | undefined => {
  const end = u32le(b, 4) + 8
  if (end > b.length) return problem("file.structure-valid", byteAt(4), `a RIFF size of ${end - 8}`, `at most ${b.length - 8}, the file's size less 8`)
  if (end < b.length) return problem("file.nothing-after-end", byteAt(end), remaining(b, end), "nothing after the RIFF size")
  let at = 12
  const first = latin1(b, at, 4)
  if (first !== "VP8 " && first !== "VP8L" && first !== "VP8X") {
    return problem("file.structure-valid", byteAt(at), `a first chunk "${first}"`, "a VP8, VP8L or VP8X chunk first")
  }
  while (at < end) {
    if (at + 8 > end) return problem("file.structure-valid", byteAt(at), "a truncated chunk header", "a RIFF chunk header")
    const size = u32le(b, at + 4)
    const next = at + 8 + size + (size & 1)
    if (next > end) return problem("file.structure-valid", byteAt(at), `a chunk of ${size} bytes`, "a chunk within the RIFF size")
    at = next
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// OLE compound files
// ---------------------------------------------------------------------------------------------

const freeSector = 0xffffffff
const endOfChain = 0xfffffffe
const fatMarker = 0xfffffffd
const difatMarker = 0xfffffffc
const noStream = 0xffffffff
const macroStorages = new Set(["MACROS", "_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT"])

const oleProblem = (b: Bytes): StructureProblem | undefined => {
  const invalid = (at: string, found: string, expected: string) => problem("file.structure-valid", at, found, expected)
  const major = u16le(b, 26)
  const shift = u16le(b, 30)
  if (b.length < 512 || u16le(b, 28) !== 0xfffe || !((major === 3 && shift === 9) || (major === 4 && shift === 12)) || u16le(b, 32) !== 6) {
    return invalid("the header", "an unknown compound-file header", "version 3 (512-byte sectors) or 4 (4096-byte sectors), byte order FFFE, 64-byte mini sectors")
  }
  const sectorSize = 1 << shift
  const sectorCount = Math.floor(b.length / sectorSize) - 1
  const perSector = sectorSize / 4
  const fatSectors = u32le(b, 44)
  if (u32le(b, 72) !== 0 || fatSectors > 109 || fatSectors * perSector < sectorCount) {
    return invalid("the header", `${fatSectors} FAT sectors and ${u32le(b, 72)} DIFAT sectors`, `FAT sectors for ${sectorCount} sectors, listed in the header`)
  }
  const fat = new Uint32Array(fatSectors * perSector)
  for (let i = 0; i < fatSectors; i++) {
    const sector = u32le(b, 76 + 4 * i)
    if (sector >= sectorCount) return invalid(`FAT sector ${i}`, `sector ${sector}`, `a sector below ${sectorCount}`)
    for (let j = 0; j < perSector; j++) fat[i * perSector + j] = u32le(b, (sector + 1) * sectorSize + 4 * j)
  }
  let lastUsed = -1
  for (let s = 0; s < fat.length; s++) {
    const next = fat[s] ?? freeSector
    if (next === freeSector) continue
    if (s >= sectorCount) return invalid(`FAT entry ${s}`, "a sector beyond the end of the file", `sectors below ${sectorCount}`)
    if (next < difatMarker && next >= sectorCount) return invalid(`FAT entry ${s}`, `a link to sector ${next}`, `sectors below ${sectorCount}`)
    lastUsed = s
  }
  const fileEnd = (lastUsed + 2) * sectorSize
  if (b.length > fileEnd) {
    return problem("file.nothing-after-end", byteAt(fileEnd), remaining(b, fileEnd), "nothing after the compound file's last allocated sector")
  }
  const owner = new Uint8Array(sectorCount)
  /** Follows a chain, claiming its sectors; the number of sectors, or a message. */
  const chain = (start: number, what: string): Array<number> | string => {
    const sectors: Array<number> = []
    let sector = start
    while (sector !== endOfChain) {
      if (sector >= sectorCount) return `${what}: a link to sector ${sector}`
      if (owner[sector] === 1) return `${what}: sector ${sector} used twice`
      const next = fat[sector] ?? freeSector
      if (next === freeSector || next === fatMarker || next === difatMarker) return `${what}: sector ${sector} not in a chain`
      owner[sector] = 1
      sectors.push(sector)
      sector = next
    }
    return sectors
  }
  const directory = chain(u32le(b, 48), "the directory")
  if (typeof directory === "string") return invalid("the directory", directory, "a directory chain within the file")
  const entryCount = directory.length * (sectorSize / 128)
  const entryAt = (id: number): number => ((directory[Math.floor(id / (sectorSize / 128))] ?? 0) + 1) * sectorSize + (id % (sectorSize / 128)) * 128
  if (entryCount === 0 || b[entryAt(0) + 66] !== 5) return invalid("directory entry 0", "no root storage", "the root storage first")
  const miniFat = u32le(b, 60)
  if (miniFat !== endOfChain) {
    const mini = chain(miniFat, "the mini FAT")
    if (typeof mini === "string") return invalid("the mini FAT", mini, "a mini FAT chain within the file")
  }
  const cutoff = u32le(b, 56)
  for (let id = 0; id < entryCount; id++) {
    const at = entryAt(id)
    const type = b[at + 66] ?? 0
    if (type === 0) continue
    const nameBytes = u16le(b, at + 64)
    let name = ""
    if (nameBytes >= 2 && nameBytes <= 64) for (let i = 0; i < nameBytes / 2 - 1; i++) name += String.fromCharCode(u16le(b, at + 2 * i))
    const where = `directory entry ${JSON.stringify(name)}`
    if (type !== 1 && type !== 2 && type !== 5) return invalid(where, `type ${type}`, "a storage, a stream or the root")
    for (const link of [u32le(b, at + 68), u32le(b, at + 72), u32le(b, at + 76)]) {
      if (link !== noStream && link >= entryCount) return invalid(where, `a link to entry ${link}`, `entries below ${entryCount}`)
    }
    if (macroStorages.has(name.toUpperCase())) return problem("file.no-macros", where, "a VBA macro storage", "a document without macros")
    const size = u32le(b, at + 120)
    if ((type === 2 && size >= cutoff) || (type === 5 && size > 0)) {
      const sectors = chain(u32le(b, at + 116), where)
      if (typeof sectors === "string") return invalid(where, sectors, "a stream chain within the file")
      if (sectors.length !== Math.ceil(size / sectorSize)) {
        return invalid(where, `${sectors.length} sectors for ${size} bytes`, `${Math.ceil(size / sectorSize)} sectors`)
      }
    }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// ZIP packages
// ---------------------------------------------------------------------------------------------

interface ZipRange {
  readonly name: string
  readonly start: number
  readonly end: number
}

/**
 * Executable and script extensions refused anywhere in a package (Windows and Unix programs and
 * libraries, script hosts, Java, shortcuts).
 */
const executableExtensions = new Set([
  "exe", "dll", "com", "scr", "msi", "msp", "pif", "cpl", "sys", "ocx", "drv", "so", "dylib", "app", "apk",
  "js", "jse", "mjs", "cjs", "vbs", "vbe", "wsf", "wsh", "ws", "hta", "bat", "cmd", "ps1", "psm1", "psd1",
  "jar", "class", "sh", "bash", "zsh", "ksh", "csh", "py", "pyc", "pl", "rb", "php", "lnk", "reg", "inf", "url"
])

/** Embedded macro-enabled Office documents and add-ins. */
const macroExtensions = new Set(["docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppsm", "ppam", "sldm"])

const officeMain: Partial<Record<Kind, string>> = { docx: "word/", xlsx: "xl/", pptx: "ppt/" }
const officeShared = ["_rels/", "docprops/", "customxml/", "_xmlsignatures/"]
const openDocumentParts = new Set(["mimetype", "content.xml", "styles.xml", "meta.xml", "settings.xml", "manifest.rdf", "layout-cache"])
const openDocumentFolders = ["meta-inf/", "thumbnails/", "pictures/", "media/", "configurations2/", "objectreplacements/"]

const extensionOf = (name: string): string => {
  const base = name.slice(name.lastIndexOf("/") + 1)
  const dot = base.lastIndexOf(".")
  return dot < 0 ? "" : base.slice(dot + 1)
}

/** What a package part is not allowed to be, or undefined. Names are lower case. */
const partProblem = (kind: Kind, name: string, original: string): StructureProblem | undefined => {
  const at = `entry ${original}`
  const base = name.slice(name.lastIndexOf("/") + 1)
  const extension = extensionOf(name)
  if (base === "vbaproject.bin" || base === "vbadata.xml" || macroExtensions.has(extension)) {
    return problem("file.no-macros", at, "a VBA project or a macro-enabled document", "a document without macros")
  }
  if (kind === "odt" || kind === "ods" || kind === "odp") {
    if (name.startsWith("basic/") || name.startsWith("dialogs/")) {
      return problem("file.no-macros", at, "an OpenDocument Basic macro library", "a document without macros")
    }
    if (name.startsWith("scripts/")) {
      return problem("file.no-executable-content", at, "an OpenDocument script", "a document without scripts")
    }
  }
  if (executableExtensions.has(extension) || name.includes("/activex/") || name.startsWith("activex/")) {
    return problem("file.no-executable-content", at, "an executable, script or ActiveX part", "document parts only")
  }
  if (kind === "odt" || kind === "ods" || kind === "odp") {
    const top = name.includes("/") ? name.slice(0, name.indexOf("/") + 1) : name
    if (!openDocumentParts.has(name) && !openDocumentFolders.includes(top) && !/^object ?\d+\/$/.test(top)) {
      return problem(
        "file.container-parts",
        at,
        "a part an OpenDocument package does not have",
        "mimetype, META-INF/, content.xml, styles.xml, meta.xml, settings.xml, manifest.rdf, Thumbnails/, Pictures/, Media/, Configurations2/, ObjectReplacements/ or Object N/"
      )
    }
    return undefined
  }
  const main = officeMain[kind] ?? ""
  if (name !== "[content_types].xml" && !name.startsWith(main) && !officeShared.some((p) => name.startsWith(p))) {
    return problem(
      "file.container-parts",
      at,
      "a part an Office Open XML package does not have",
      `[Content_Types].xml, _rels/, docProps/, customXml/, _xmlsignatures/ or ${main}`
    )
  }
  return undefined
}

const decoder = new TextDecoder("utf-8", { fatal: false })

const zipProblem = (kind: Kind, b: Bytes): StructureProblem | undefined => {
  const invalid = (at: string, found: string, expected: string) => problem("file.structure-valid", at, found, expected)
  // The end record, with its comment, ends the file.
  let record = -1
  let anyRecord = -1
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (u32le(b, at) !== 0x06054b50) continue
    if (anyRecord < 0) anyRecord = at
    if (at + 22 + u16le(b, at + 20) === b.length) {
      record = at
      break
    }
  }
  if (record < 0) {
    return anyRecord < 0
      ? invalid("the end", "no end-of-central-directory record", "a zip ending in its end-of-central-directory record")
      : problem("file.nothing-after-end", byteAt(anyRecord), "bytes after the zip's end record", "nothing after the end-of-central-directory record and its comment")
  }
  const count = u16le(b, record + 10)
  const directorySize = u32le(b, record + 12)
  const directoryStart = u32le(b, record + 16)
  if (u16le(b, record + 4) !== 0 || u16le(b, record + 6) !== 0 || u16le(b, record + 8) !== count || count === 0xffff || directoryStart === 0xffffffff) {
    return invalid(byteAt(record), "a multi-disk or ZIP64 end record", "a single-disk zip without ZIP64")
  }
  if (directoryStart + directorySize !== record) {
    return invalid(byteAt(record), `a central directory at ${directoryStart} of ${directorySize} bytes`, `a central directory ending at the end record (byte ${record})`)
  }
  const ranges: Array<ZipRange> = []
  const names = new Set<string>()
  let at = directoryStart
  for (let i = 0; i < count; i++) {
    if (at + 46 > record || u32le(b, at) !== 0x02014b50) return invalid(byteAt(at), "no central directory entry", `${count} central directory entries`)
    const flags = u16le(b, at + 8)
    const method = u16le(b, at + 10)
    const compressed = u32le(b, at + 20)
    const uncompressed = u32le(b, at + 24)
    const nameLength = u16le(b, at + 28)
    const local = u32le(b, at + 42)
    const nameBytes = b.subarray(at + 46, at + 46 + nameLength)
    const original = decoder.decode(nameBytes)
    const where = `entry ${original}`
    at += 46 + nameLength + u16le(b, at + 30) + u16le(b, at + 32)
    if (at > record) return invalid(where, "a central directory entry beyond the directory", "entries within the central directory")
    if ((flags & 0x01) !== 0) return invalid(where, "an encrypted entry", "unencrypted entries")
    if (method !== 0 && method !== 8) return invalid(where, `compression method ${method}`, "stored (0) or deflated (8) entries")
    if (method === 0 && compressed !== uncompressed) return invalid(where, "a stored entry whose sizes differ", "equal sizes for a stored entry")
    const name = original.toLowerCase()
    if (name === "" || name.startsWith("/") || name.includes("\\") || name.split("/").includes("..") || /[\u0000-\u001f]/.test(name)) {
      return invalid(where, "an empty, absolute, backslashed, control-character or `..` name", "a relative part name")
    }
    if (names.has(name)) return invalid(where, "a second entry of the same name", "every part name once")
    names.add(name)
    // The local header agrees with the central entry.
    if (local + 30 > directoryStart || u32le(b, local) !== 0x04034b50) return invalid(where, `no local header at byte ${local}`, "a local header where the central directory says")
    const localNameLength = u16le(b, local + 26)
    const localFlags = u16le(b, local + 6)
    if (localNameLength !== nameLength || latin1(b, local + 30, nameLength) !== latin1(nameBytes, 0, nameLength) || u16le(b, local + 8) !== method) {
      return invalid(where, "a local header that differs from the central directory", "the same name and method in both")
    }
    const dataStart = local + 30 + localNameLength + u16le(b, local + 28)
    let end = dataStart + compressed
    if ((localFlags & 0x08) !== 0) {
      end += u32le(b, end) === 0x08074b50 ? 16 : 12
    } else if (u32le(b, local + 18) !== compressed || u32le(b, local + 22) !== uncompressed) {
      return invalid(where, "local sizes that differ from the central directory", "the same sizes in both")
    }
    if (end > directoryStart) return invalid(where, "data beyond the central directory's start", "entries before the central directory")
    ranges.push({ name: original, start: local, end })
    const forbidden = name.endsWith("/") ? undefined : partProblem(kind, name, original)
    if (forbidden !== undefined) return forbidden
  }
  if (at !== record) return invalid(byteAt(at), `${record - at} bytes after the last central entry`, "the end record right after the central directory")
  ranges.sort((x, y) => x.start - y.start)
  let expectedStart = 0
  for (const range of ranges) {
    if (range.start < expectedStart) return invalid(`entry ${range.name}`, "an entry overlapping the one before", "entries that do not overlap")
    if (range.start > expectedStart) return invalid(byteAt(expectedStart), `${range.start - expectedStart} bytes outside any entry`, "entries that follow one another")
    expectedStart = range.end
  }
  if (expectedStart !== directoryStart) {
    return invalid(byteAt(expectedStart), `${directoryStart - expectedStart} bytes outside any entry`, "the central directory right after the last entry")
  }
  return packageProblem(kind, b, names, ranges)
}

/** The parts a package must have, and its macro-enabled content types when they can be read. */
const packageProblem = (kind: Kind, b: Bytes, names: ReadonlySet<string>, ranges: ReadonlyArray<ZipRange>): StructureProblem | undefined => {
  if (kind === "odt" || kind === "ods" || kind === "odp") {
    if (ranges[0]?.name !== "mimetype") return problem("file.container-parts", "entry 1", `${ranges[0]?.name ?? "nothing"}`, "mimetype as the first entry")
    if (!names.has("meta-inf/manifest.xml")) return problem("file.container-parts", "the package", "no META-INF/manifest.xml", "a manifest")
    return undefined
  }
  for (const required of ["[content_types].xml", "_rels/.rels"]) {
    if (!names.has(required)) return problem("file.container-parts", "the package", `no ${required}`, "[Content_Types].xml and _rels/.rels")
  }
  // The content types are readable when stored; a macro-enabled main part names itself there.
  const types = ranges.find((r) => r.name.toLowerCase() === "[content_types].xml")
  if (types !== undefined && u16le(b, types.start + 8) === 0) {
    const start = types.start + 30 + u16le(b, types.start + 26) + u16le(b, types.start + 28)
    const text = decoder.decode(b.subarray(start, start + u32le(b, types.start + 18))).toLowerCase()
    if (text.includes("macroenabled") || text.includes("vbaproject")) {
      return problem("file.no-macros", "entry [Content_Types].xml", "a macro-enabled content type", "the content types of a document without macros")
    }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/**
 * What is wrong with the whole structure of a file of a given kind (decided from its signature),
 * or `undefined` when it is sound (see the module's description for what is walked per format).
 * Total: never throws, whatever the bytes; linear in their number. For example, the 3-byte
 * "JPEG" `FF D8 FF` gives `file.structure-valid` at byte 2.
 *
 * @category checking
 */
export const structureProblem = (kind: Kind, bytes: Uint8Array): StructureProblem | undefined => {
  try {
    switch (kind) {
      case "pdf":
        return pdfProblem(bytes)
      case "png":
        return pngProblem(bytes)
      case "jpeg":
        return jpegProblem(bytes)
      case "gif":
        return gifProblem(bytes)
      case "webp":
        return webpProblem(bytes)
      case "doc":
      case "xls":
      case "ppt":
        return oleProblem(bytes)
      default:
        return zipProblem(kind, bytes)
    }
  } catch {
    // The walks are bounds-checked; this only guards against a bug turning into a defect.
    return problem("file.structure-valid", "the content", "a structure that could not be read", "a well-formed file")
  }
}
