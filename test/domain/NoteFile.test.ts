import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { FileId } from "../../src/domain/Ids.ts"
import * as N from "../../src/domain/NoteFile.ts"
import { erasePersonalData, personalFields, personalStrings } from "../../src/domain/PersonalData.ts"
import { decode } from "../../src/domain/Validation.ts"
import * as F from "../fixtures/files.ts"
import { longTest, runs } from "../support/properties.ts"

/** The media types of the allowed kinds, written down independently of the code under test. */
const expectedMediaType: Record<N.FileKind, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation"
}

/** The signatures of the allowed kinds' containers, written down independently of the code under test. */
const knownSignatures: ReadonlyArray<ReadonlyArray<number>> = [
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x52, 0x49, 0x46, 0x46], // RIFF
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  [0x50, 0x4b, 0x03, 0x04]
]
const startsWithKnownSignature = (bytes: Uint8Array): boolean =>
  knownSignatures.some((sig) => sig.every((byte, i) => bytes[i] === byte))

const rejection = (result: Result.Result<N.CheckedFile, N.FileRejected>): N.FileRejected => {
  if (Result.isSuccess(result)) throw new Error(`expected a rejection, got ${JSON.stringify(result.success)}`)
  return result.failure
}

const isKindOrNothing = (kind: N.FileKind | undefined): boolean =>
  kind === undefined || (N.fileKinds as ReadonlyArray<string>).includes(kind)

const fixtureOf = (kind: N.FileKind) => F.allowedFiles.find((f) => f.kind === kind)!

describe("NoteFile detection", () => {
  it("file.type-from-signature: every allowed kind is recognized from its content and accepted under its name", () => {
    expect(F.allowedFiles.map((f) => f.kind).sort()).toEqual([...N.fileKinds].sort())
    for (const { bytes, kind, name } of F.allowedFiles) {
      expect(N.detectFileKind(bytes), name).toBe(kind)
      expect(Result.getOrThrow(N.checkFile({ name, bytes, declaredMediaType: expectedMediaType[kind] }))).toEqual({
        name,
        kind,
        mediaType: expectedMediaType[kind],
        size: bytes.length
      })
    }
  })

  it("file.type-from-signature: an executable renamed .pdf is refused for its content, whatever its name and declared type", () => {
    // An executable is not an allowed kind at all, so the signature rule refuses it before names are compared.
    for (const [bytes, what] of [[F.windowsExecutable(), "a Windows executable"], [F.elfExecutable(), "an ELF executable"]] as const) {
      expect(N.detectFileKind(bytes)).toBeUndefined()
      const rejected = rejection(N.checkFile({ name: "invoice.pdf", declaredMediaType: "application/pdf", bytes }))
      expect(rejected.rule).toBe("file.type-from-signature")
      expect(rejected.detectedKind).toBeUndefined()
      expect(rejected.fileName).toBe("invoice.pdf")
      expect(rejected.message).toContain(what)
      expect(rejected.message).toContain("(rule file.type-from-signature)")
    }
  })

  it("file.type-from-signature: plain zips, other OpenDocument and compound files, and empty files are refused", () => {
    const refused: ReadonlyArray<readonly [string, Uint8Array]> = [
      ["readme.docx", F.plainZip()],
      ["drawing.odt", F.zip(F.openDocumentEntries("application/vnd.oasis.opendocument.graphics"))],
      ["book.odt", F.zip(F.openDocumentEntries("application/epub+zip"))],
      ["package.docx", F.zip([{ name: "[Content_Types].xml", content: "<Types/>" }, { name: "other/part.xml", content: "<x/>" }])],
      ["both.docx", F.zip([...F.docxEntries, { name: "xl/workbook.xml", content: "<workbook/>" }])],
      ["mail.doc", F.ole([{ name: "__substg1.0_0037001F" }, { name: "__properties_version1.0" }])],
      ["setup.doc", F.ole([{ name: "\u0005SummaryInformation" }])],
      ["empty.pdf", new Uint8Array(0)]
    ]
    for (const [name, bytes] of refused) {
      expect(N.detectFileKind(bytes), name).toBeUndefined()
      expect(rejection(N.checkFile({ name, bytes })).rule, name).toBe("file.type-from-signature")
    }
  })

  it("file.type-from-signature: legacy Office files are told apart by the main stream under the root, not by embedded objects", () => {
    expect(N.detectFileKind(F.ole([{ name: "Workbook" }, { name: "MBD00A1", children: [{ name: "WordDocument" }] }]))).toBe("xls")
    expect(N.detectFileKind(F.ole([{ name: "WordDocument" }, { name: "ObjectPool", children: [{ name: "Workbook" }] }]))).toBe("doc")
    expect(N.detectFileKind(F.ole([{ name: "Book" }]))).toBe("xls")
    expect(N.detectFileKind(F.ole([{ name: "Workbook" }, { name: "Book" }]))).toBe("xls")
    expect(N.detectFileKind(F.ole([{ name: "WordDocument" }, { name: "PowerPoint Document" }]))).toBeUndefined()
    expect(N.detectFileKind(F.ole([{ name: "Storage", children: [{ name: "WordDocument" }] }]))).toBeUndefined()
  })

  it("file.type-from-signature: a compound file whose FAT cannot be read is told apart by scanning its directory entries", () => {
    expect(N.detectFileKind(F.ole([{ name: "PowerPoint Document" }, { name: "Current User" }], { corruptFat: true }))).toBe("ppt")
    expect(N.detectFileKind(F.ole([{ name: "WordDocument" }], { corruptFat: true }))).toBe("doc")
    expect(N.detectFileKind(F.ole([{ name: "Contents" }], { corruptFat: true }))).toBeUndefined()
  })

  it("file.type-from-signature: OOXML parts are found through the central directory when local headers use data descriptors", () => {
    // The first local header defers its sizes to a data descriptor, so the walk of local headers stops
    // after "[Content_Types].xml"; "word/document.xml" is only found in the central directory.
    const streamed = F.zip(F.docxEntries, { dataDescriptors: true })
    expect(N.detectFileKind(streamed)).toBe("docx")
    expect(N.detectFileKind(F.zip(F.docxEntries, { comment: "written by a test" }))).toBe("docx")
    // Without its central directory, the streamed package shows no main part and is not recognized.
    expect(N.detectFileKind(streamed.subarray(0, findCentralDirectory(streamed)))).toBeUndefined()
    // A package with every size in its local headers is recognized from them alone.
    const docx = F.docx()
    expect(N.detectFileKind(docx.subarray(0, findCentralDirectory(docx)))).toBe("docx")
  })

  it("file.type-from-signature: an OpenDocument package needs its mimetype entry first and stored", () => {
    const [mimetype, ...rest] = F.openDocumentEntries("application/vnd.oasis.opendocument.text")
    expect(N.detectFileKind(F.zip([mimetype!, ...rest]))).toBe("odt")
    expect(N.detectFileKind(F.zip([...rest, mimetype!]))).toBeUndefined()
    const stored = F.odt()
    const deflated = Uint8Array.from(stored)
    deflated[8] = 8 // compression method of the first entry: deflate
    expect(N.detectFileKind(deflated)).toBeUndefined()
  })

  it("file.type-from-signature: random bytes without a known signature are refused, never thrown at", () => {
    const nearMisses = ["%PDF", "%PDX-", "GIF88a", "RIFF\0\0\0\0WEBX", "PK\x05\x06", "\xd0\xcf\x11\xe0", "MZ", "\x7fELF"].map(F.latin1)
    const unknownBytes = fc
      .oneof(
        fc.uint8Array({ maxLength: 4096 }),
        fc.tuple(fc.constantFrom(...nearMisses), fc.uint8Array({ maxLength: 256 })).map(([head, tail]) => F.concat(head, tail))
      )
      .filter((bytes) => !startsWithKnownSignature(bytes))
    fc.assert(
      fc.property(unknownBytes, fc.string(), fc.option(fc.string(), { nil: undefined }), (bytes, name, declaredMediaType) => {
        expect(N.detectFileKind(bytes)).toBeUndefined()
        const rejected = rejection(N.checkFile({ name, declaredMediaType, bytes }))
        expect(rejected.rule).toBe("file.type-from-signature")
        expect(rejected.size).toBe(bytes.length)
      }),
      { numRuns: runs(100) }
    )
  })

  it("file.type-from-signature: detection never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(isKindOrNothing(N.detectFileKind(bytes))).toBe(true)
      }),
      { numRuns: runs(100) }
    )
  })

  it("file.type-from-signature: detection never throws on truncated prefixes of valid files, and never finds another kind", () => {
    for (const { bytes, kind } of F.allowedFiles) {
      for (let length = 0; length <= bytes.length; length++) {
        const found = N.detectFileKind(bytes.subarray(0, length))
        expect(found === undefined || found === kind, `${kind} cut to ${length} bytes`).toBe(true)
      }
      expect(N.detectFileKind(bytes.subarray(0, 2))).toBeUndefined()
    }
  })

  it("file.type-from-signature: detection never throws on corrupted valid files or on a real signature followed by noise", () => {
    const fixtures = F.allowedFiles.map((f) => f.bytes)
    const corrupted = fc
      .tuple(
        fc.constantFrom(...fixtures),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 })
      )
      .map(([bytes, changes]) => {
        const copy = Uint8Array.from(bytes)
        for (const [at, byte] of changes) copy[at % copy.length] = byte
        return copy
      })
    const noisy = fc
      .tuple(fc.constantFrom(...knownSignatures), fc.uint8Array({ maxLength: 4096 }))
      .map(([sig, tail]) => F.concat(sig, tail))
    fc.assert(
      fc.property(fc.oneof(corrupted, noisy), (bytes) => {
        expect(isKindOrNothing(N.detectFileKind(bytes))).toBe(true)
        expect(() => N.checkFile({ name: "x.pdf", bytes })).not.toThrow()
      }),
      { numRuns: runs(500) }
    )
  }, longTest)
})

/** The offset of the central directory, read from the end-of-central-directory record of a comment-less zip. */
const findCentralDirectory = (bytes: Uint8Array): number => new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 6, true)

describe("NoteFile checks", () => {
  it("file.size-limit: 819,200 bytes pass, 819,201 bytes fail", () => {
    const atLimit = F.pdf({ size: 819_200 })
    expect(atLimit.length).toBe(819_200)
    expect(N.maxFileBytes).toBe(819_200)
    expect(Result.getOrThrow(N.checkFile({ name: "big.pdf", bytes: atLimit })).size).toBe(819_200)

    const overLimit = F.pdf({ size: 819_201 })
    expect(N.detectFileKind(overLimit)).toBe("pdf")
    const rejected = rejection(N.checkFile({ name: "big.pdf", bytes: overLimit }))
    expect(rejected.rule).toBe("file.size-limit")
    expect(rejected.size).toBe(819_201)
    expect(rejected.limit).toBe(819_200)
    expect(rejected.message).toContain("(rule file.size-limit)")
  }, longTest)

  it("file.size-limit: the size is checked first, before the content's type", () => {
    const tooBigExecutable = F.concat(F.windowsExecutable(), new Uint8Array(819_201 - F.windowsExecutable().length))
    expect(rejection(N.checkFile({ name: "tool.pdf", bytes: tooBigExecutable })).rule).toBe("file.size-limit")
    fc.assert(
      fc.property(fc.integer({ min: 819_201, max: 2_000_000 }), (size) => {
        const padded = F.concat(F.pdf(), new Uint8Array(size - F.pdf().length))
        const rejected = rejection(N.checkFile({ name: "offer.pdf", bytes: padded }))
        expect(rejected.rule).toBe("file.size-limit")
        expect(rejected.size).toBe(size)
      }),
      { numRuns: runs(20) }
    )
  }, longTest)

  it("file.declared-type-must-match: a PNG named .pdf is refused and the message says what the content is", () => {
    const rejected = rejection(N.checkFile({ name: "contract.pdf", bytes: F.png() }))
    expect(rejected.rule).toBe("file.declared-type-must-match")
    expect(rejected.detectedKind).toBe("png")
    expect(rejected.message).toContain("a PNG image")
    expect(rejected.message).toContain(".pdf")
    expect(rejected.message).not.toContain("contract")
    expect(rejected.message).toContain("(rule file.declared-type-must-match)")
  })

  it("file.declared-type-must-match: every kind is refused under the extension of every other kind", () => {
    const extensions: Record<N.FileKind, string> = {
      pdf: "pdf", png: "png", jpeg: "jpg", gif: "gif", webp: "webp", doc: "doc", xls: "xls", ppt: "ppt",
      docx: "docx", xlsx: "xlsx", pptx: "pptx", odt: "odt", ods: "ods", odp: "odp"
    }
    for (const { bytes, kind } of F.allowedFiles) {
      for (const other of N.fileKinds) {
        const result = N.checkFile({ name: `file.${extensions[other]}`, bytes })
        if (other === kind) {
          expect(Result.isSuccess(result), `${kind} as .${extensions[other]}`).toBe(true)
        } else {
          const rejected = rejection(result)
          expect(rejected.rule, `${kind} as .${extensions[other]}`).toBe("file.declared-type-must-match")
          expect(rejected.detectedKind).toBe(kind)
        }
      }
    }
  })

  it("file.declared-type-must-match: extensions compare case-insensitively, and a name without the kind's extension is refused", () => {
    const pdf = F.pdf()
    const jpeg = F.jpeg()
    for (const name of ["REPORT.PDF", "report.Pdf", "a.b.pdf"]) expect(Result.isSuccess(N.checkFile({ name, bytes: pdf })), name).toBe(true)
    for (const name of ["photo.jpg", "photo.JPEG", "photo.jpe", "photo.jfif"]) {
      expect(Result.isSuccess(N.checkFile({ name, bytes: jpeg })), name).toBe(true)
    }
    for (const name of ["report", "report.", "report.pdf.exe", "report.pdf ", ".pdfx", "pdf"]) {
      const rejected = rejection(N.checkFile({ name, bytes: pdf }))
      expect(rejected.rule, name).toBe("file.declared-type-must-match")
    }
    expect(rejection(N.checkFile({ name: "report", bytes: pdf })).message).toContain("no extension")
  })

  it("file.declared-type-must-match: a declared media type that disagrees with the content is refused", () => {
    const pdf = F.pdf()
    const rejected = rejection(N.checkFile({ name: "offer.pdf", declaredMediaType: "image/png", bytes: pdf }))
    expect(rejected.rule).toBe("file.declared-type-must-match")
    expect(rejected.detectedKind).toBe("pdf")
    expect(rejected.declaredMediaType).toBe("image/png")
    expect(rejected.message).toContain("image/png")
    const docx = fixtureOf("docx").bytes
    for (const declared of ["application/zip", "application/msword", "text/plain"]) {
      expect(rejection(N.checkFile({ name: "a.docx", declaredMediaType: declared, bytes: docx })).rule, declared).toBe(
        "file.declared-type-must-match"
      )
    }
  })

  it("file.declared-type-must-match: parameters, case and known aliases are accepted; an empty or generic declaration says nothing", () => {
    const accepted: ReadonlyArray<readonly [string, string, Uint8Array]> = [
      ["offer.pdf", "Application/PDF; charset=binary", F.pdf()],
      ["offer.pdf", "application/x-pdf", F.pdf()],
      ["offer.pdf", "", F.pdf()],
      ["offer.pdf", "application/octet-stream", F.pdf()],
      ["photo.jpg", "image/jpg", F.jpeg()],
      ["photo.jpg", "image/pjpeg", F.jpeg()],
      ["shot.png", " image/png ", F.png()]
    ]
    for (const [name, declaredMediaType, bytes] of accepted) {
      const checked = Result.getOrThrow(N.checkFile({ name, declaredMediaType, bytes }))
      expect(checked.mediaType, declaredMediaType).toBe(expectedMediaType[checked.kind])
    }
  })

  it("file.declared-type-must-match: checking never throws, and succeeds only for content, name and type that agree", () => {
    const upload = fc.record({
      fixture: fc.constantFrom(...F.allowedFiles),
      name: fc.oneof(fc.string(), fc.constantFrom(...F.allowedFiles.map((f) => f.name))),
      declaredMediaType: fc.option(fc.oneof(fc.string(), fc.constantFrom(...Object.values(expectedMediaType))), { nil: undefined })
    })
    fc.assert(
      fc.property(upload, ({ declaredMediaType, fixture, name }) => {
        const result = N.checkFile({ name, declaredMediaType, bytes: fixture.bytes })
        if (Result.isSuccess(result)) {
          expect(result.success.kind).toBe(fixture.kind)
          expect(N.fileKindDetails[fixture.kind].extensions).toContain(name.slice(name.lastIndexOf(".") + 1).toLowerCase())
        } else {
          expect(result.failure.rule).toBe("file.declared-type-must-match")
          expect(result.failure.message.endsWith("(rule file.declared-type-must-match)")).toBe(true)
        }
      }),
      { numRuns: runs(100) }
    )
  })
})

describe("NoteFile metadata", () => {
  const decodeMetadata = decode(N.FileMetadata, "FileMetadata")
  const checked = Result.getOrThrow(N.checkFile({ name: "Letter to Erika Mustermann.docx", bytes: F.docx() }))
  const metadata = N.fileMetadataOf(FileId.make("file-1"), checked)

  it("file.declared-type-must-match: stored metadata carries the media type of its kind", () => {
    expect(metadata.mediaType).toBe(expectedMediaType.docx)
    const encoded = { fileId: "file-1", name: "a.pdf", kind: "pdf", mediaType: "image/png", size: 10 }
    const result = decodeMetadata(encoded)
    expect(Result.isFailure(result)).toBe(true)
    if (Result.isFailure(result)) {
      expect(result.failure.issues[0]?.path).toBe("mediaType")
      expect(result.failure.issues[0]?.message).toContain("(rule file.declared-type-must-match)")
    }
    expect(Result.isSuccess(decodeMetadata({ ...encoded, mediaType: "application/pdf" }))).toBe(true)
  })

  it("file.size-limit: stored metadata holds sizes of 1 to 819,200 bytes", () => {
    const base = { fileId: "file-1", name: "a.pdf", kind: "pdf", mediaType: "application/pdf" }
    for (const size of [1, 819_200]) expect(Result.isSuccess(decodeMetadata({ ...base, size })), String(size)).toBe(true)
    for (const size of [0, 819_201, 1.5, -1]) {
      const result = decodeMetadata({ ...base, size })
      expect(Result.isFailure(result), String(size)).toBe(true)
    }
    const result = decodeMetadata({ ...base, size: 819_201 })
    expect(Result.isFailure(result) ? result.failure.issues[0]?.message : "").toContain("(rule file.size-limit)")
  }, longTest)

  it("customer.personal-data-marked: the file name is personal data, replaced by \"file\" on anonymization", () => {
    expect(personalFields(N.FileMetadata)).toEqual([{ path: "name", category: "content" }])
    expect(personalStrings(N.FileMetadata, metadata)).toEqual(["Letter to Erika Mustermann.docx"])
    const erased = Result.getOrThrow(erasePersonalData(N.FileMetadata, metadata))
    expect(erased.name).toBe("file")
    expect({ ...erased, name: metadata.name }).toEqual({ ...metadata })
    expect(personalFields(N.FileRejected)).toEqual([{ path: "fileName", category: "content" }])
  })
})
