/**
 * Safe file names for a note's files (SPEC section 13: "its name has no path, control or
 * bidirectional parts"; rule `file.name-safe`).
 *
 * A file name is stored with the note and exported; a host may write it into a download header or
 * onto a disk. So a name is refused when it holds a path separator (`/` or `\`), is `.` or `..`,
 * holds a control character (C0, DEL, C1), a bidirectional formatting character (U+200E, U+200F,
 * U+202A to U+202E, U+2066 to U+2069, which make `invoice\u202Eexe.png` display as
 * `invoicegnp.exe`), a lone surrogate, or is empty or longer than 255 bytes in UTF-8 (the limit of
 * common file systems). Names are not rewritten: a refused name is refused, not cleaned.
 *
 * @module
 */

/**
 * The longest file name, in UTF-8 bytes (rule `file.name-safe`).
 *
 * @category limits
 */
export const maxFileNameBytes = 255

/**
 * What is wrong with a file name: where (the index of the UTF-16 code unit), what was found and
 * what was expected.
 *
 * @category models
 */
export interface FileNameProblem {
  /** Where in the name, e.g. `character 7`, or `the name`. */
  readonly at: string
  /** What was found, e.g. `U+202E (a bidirectional formatting character)`. */
  readonly found: string
  /** What was expected. */
  readonly expected: string
}

const expected = "a file name without path separators, `..`, control, bidirectional or unpaired surrogate characters, of 1 to 255 UTF-8 bytes"

const codePoint = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`

const isBidi = (c: number): boolean =>
  c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)

const isControl = (c: number): boolean => c < 0x20 || (c >= 0x7f && c <= 0x9f)

/**
 * What is wrong with a file name (rule `file.name-safe`), or `undefined` when it is safe.
 *
 * @example
 * ```ts
 * import { NoteFile } from "customer-account"
 *
 * NoteFile.fileNameProblem("offer.pdf") // undefined
 * NoteFile.fileNameProblem("../../etc/passwd.png")?.found // "/ (a path separator)"
 * ```
 *
 * @category checking
 */
export const fileNameProblem = (name: string): FileNameProblem | undefined => {
  if (name === "" || name === "." || name === "..") return { at: "the name", found: JSON.stringify(name), expected }
  let bytes = 0
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i)
    const at = `character ${i}`
    if (c === 0x2f || c === 0x5c) return { at, found: `${String.fromCharCode(c)} (a path separator)`, expected }
    if (isControl(c)) return { at, found: `${codePoint(c)} (a control character)`, expected }
    if (isBidi(c)) return { at, found: `${codePoint(c)} (a bidirectional formatting character)`, expected }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = name.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return { at, found: `${codePoint(c)} (an unpaired surrogate)`, expected }
      bytes += 4
      i++
      continue
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { at, found: `${codePoint(c)} (an unpaired surrogate)`, expected }
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3
  }
  if (bytes > maxFileNameBytes) return { at: "the name", found: `${bytes} UTF-8 bytes`, expected }
  return undefined
}

/**
 * A name as it may be shown in an error: control, bidirectional and unpaired surrogate characters
 * written as `\u{...}` escapes, so that a refused name cannot disguise itself where it is shown.
 *
 * @category formatting
 */
export const printableFileName = (name: string): string =>
  name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) =>
    `\\u{${(c.charCodeAt(0)).toString(16).toUpperCase()}}`
  )
