/**
 * Decoding fuzz: every Schema exported from src/domain is fed arbitrary JSON, arbitrary JavaScript
 * values and near-miss inputs built from the Schema's own fields, through `Validation.decode`. The
 * promise under test is the one of docs/domain.md, "Failures are data": decoding never throws, and
 * a refusal is a `ValidationError` naming the subject, with at least one issue that has a path and
 * a message.
 *
 * The Schemas are discovered by importing every module of src/domain, so a Schema exported later is
 * fuzzed without anyone adding it here. The input Schemas callers decode from untrusted input get
 * more runs than the stored models, events and errors.
 *
 * The pure functions that take raw input (file bytes and names, IBAN strings, postal codes, ...)
 * are fuzzed the same way: they never throw.
 */
import { DateTime, Result, Schema, SchemaAST } from "effect"
import * as fc from "fast-check"
import { readdirSync } from "node:fs"
import { describe, expect, it } from "vitest"
import * as AdditionalData from "../../src/domain/AdditionalData.ts"
import * as ActivityType from "../../src/domain/ActivityType.ts"
import * as BankAccount from "../../src/domain/BankAccount.ts"
import * as Country from "../../src/domain/Country.ts"
import * as Customer from "../../src/domain/Customer.ts"
import * as Email from "../../src/domain/Email.ts"
import * as Iban from "../../src/domain/Iban.ts"
import * as Language from "../../src/domain/Language.ts"
import * as NoteFile from "../../src/domain/NoteFile.ts"
import * as PostalCode from "../../src/domain/PostalCode.ts"
import { decode, ValidationError } from "../../src/domain/Validation.ts"
import * as Arbitraries from "../../src/testing/arbitraries.ts"
import { catalogue } from "../../src/catalogue/Catalogue.ts"
import * as F from "../fixtures/files.ts"
import { runs } from "../support/properties.ts"

// ---------------------------------------------------------------------------------------------
// The Schemas under test
// ---------------------------------------------------------------------------------------------

type AnySchema = Schema.Codec<unknown, unknown>

interface Subject {
  /** `Module.Export`, or the activity type's details. */
  readonly name: string
  readonly schema: AnySchema
  /** Whether callers decode it from untrusted input (more runs). */
  readonly input: boolean
}

const domainDir = new URL("../../src/domain/", import.meta.url)
const moduleFiles = readdirSync(domainDir).filter((f) => f.endsWith(".ts")).sort()

/** Every exported Schema of every module of src/domain, as `Module.Export`. */
const exported: ReadonlyArray<{ readonly name: string; readonly schema: AnySchema }> = (
  await Promise.all(
    moduleFiles.map(async (file) => {
      const module: Record<string, unknown> = await import(new URL(file, domainDir).href)
      return Object.entries(module)
        .filter(([, value]) => Schema.isSchema(value))
        .map(([key, value]) => ({ name: `${file.replace(/\.ts$/, "")}.${key}`, schema: value as AnySchema }))
    })
  )
).flat()

/**
 * The Schemas callers decode from untrusted input: command and query inputs, the values typed by
 * people (IBAN, BIC, email, language, country, ...), ids, and what a host hands in (actors, roles,
 * scopes, host activity types).
 */
const inputSchemas: ReadonlyArray<string> = [
  "AccessRight.AccessRightInput",
  "ActivityType.ActivityTypeId",
  "Actor.Actor",
  "Actor.Principal",
  "AdditionalData.AdditionalData",
  "Address.AddressInput",
  "Address.AddressKind",
  "BankAccount.BankAccountInput",
  "BankAccount.Bic",
  "BankAccount.MandateDate",
  "BankAccount.MandateReference",
  "Consent.ChangeConsent",
  "Consent.ConsentChannel",
  "Country.CountryCodeInput",
  "Customer.CompanyDetails",
  "Customer.CustomerProfile",
  "Customer.PersonalDataChange",
  "Customer.PersonalDetails",
  "Customer.RegisterCustomerInput",
  "Email.Email",
  "Iban.Iban",
  "Ids.AccessRightId",
  "Ids.AddressId",
  "Ids.BankAccountId",
  "Ids.CustomerId",
  "Ids.CustomerNumber",
  "Ids.FileId",
  "Ids.TenantId",
  "Instant.Instant",
  "Language.Language",
  "Lifecycle.BlockProductAccess",
  "Lifecycle.ChangeStatus",
  "Lifecycle.LifecycleCommand",
  "Lifecycle.UnblockProductAccess",
  "NoteFile.FileMetadata",
  "Permission.ApiScopes",
  "Permission.CommandKind",
  "Permission.Role"
]

/** The details Schema of every built-in activity type: hosts hand in details for their types. */
const activityDetails: ReadonlyArray<Subject> = ActivityType.builtinActivityTypes.map((d) => ({
  name: `${d.type} details`,
  schema: d.details,
  input: true
}))

/** The input of every command and the parameters of every query of the catalogue: what transports decode from requests. */
const catalogueInputs: ReadonlyArray<Subject> = Object.values(catalogue).map((d) => ({
  name: `catalogue.${d.name}`,
  schema: (d._tag === "Command" ? d.input : d.parameters) as AnySchema,
  input: false
}))

const subjects: ReadonlyArray<Subject> = [
  ...exported.map((e) => ({ ...e, input: inputSchemas.includes(e.name) })),
  ...activityDetails,
  ...catalogueInputs
]

const runsFor = (subject: Subject): number => runs(subject.input ? 100 : 30)

// ---------------------------------------------------------------------------------------------
// What "never throws" means
// ---------------------------------------------------------------------------------------------

/** Throws (failing the property) unless `result` is a Result whose failure is a well-formed ValidationError. */
const assertDecodeResult = (subject: string, result: unknown): void => {
  if (!Result.isResult(result)) throw new Error(`decoding ${subject} returned a ${typeof result}, not a Result`)
  if (Result.isSuccess(result)) return
  const error: unknown = result.failure
  if (!(error instanceof ValidationError)) throw new Error(`decoding ${subject} failed with ${String(error)}, not a ValidationError`)
  if (error.subject !== subject) throw new Error(`the ValidationError names ${error.subject}, not ${subject}`)
  if (error.issues.length === 0) throw new Error(`the ValidationError of ${subject} has no issue`)
  for (const issue of error.issues) {
    if (typeof issue.path !== "string") throw new Error(`an issue of ${subject} has a path of type ${typeof issue.path}`)
    if (typeof issue.message !== "string" || issue.message.length === 0) {
      throw new Error(`the issue at "${issue.path}" of ${subject} has no message`)
    }
  }
  if (!error.message.startsWith(`Invalid ${subject}`)) throw new Error(`the summary "${error.message}" does not name ${subject}`)
}

/** Decodes and checks; a throw inside `decode` propagates and fails the property with its stack. */
const decodesTotally = (subject: Subject) => {
  const run = decode(subject.schema, subject.name)
  return (input: unknown): void => assertDecodeResult(subject.name, run(input))
}

// ---------------------------------------------------------------------------------------------
// Arbitrary values
// ---------------------------------------------------------------------------------------------

/** Every kind of JavaScript value fast-check knows, not only JSON. */
const anyValue = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true
})

const json = fc.jsonValue({ maxDepth: 3 })

// ---------------------------------------------------------------------------------------------
// Near-miss inputs: built from a Schema's own fields, literals and plausible values
// ---------------------------------------------------------------------------------------------

/** A valid IBAN of every country of the registry: its length, its national layout, its check digits. */
const validIban = Arbitraries.iban()

/** The examples the postal-code formats give (`e.g. 10115`, `e.g. 10001 or 10001-1234`), per country. */
const postalExamples: ReadonlyArray<readonly [string, string]> = PostalCode.postalCodeCountries.flatMap((country) => {
  const example = /e\.g\. (.+)$/.exec(PostalCode.postalCodeFormat(country))?.[1]
  return (example === undefined ? [] : example.split(" or ")).map((code) => [country, code] as const)
})

/** Plausible values of a field: `ok` ones a Schema is likely to accept, `bad` ones just beside them. */
interface Hint {
  readonly ok: fc.Arbitrary<unknown>
  readonly bad: fc.Arbitrary<unknown>
}

const hint = (ok: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>): Hint => ({ ok, bad })

const instants = hint(
  fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T23:59:59Z"), noInvalidDate: true }).map((d) =>
    d.toISOString()
  ),
  fc.constantFrom("2026-11-23", "2026-13-45T99:00:00Z", "yesterday", "", "0", "-271821-04-20T00:00:00.000Z", "+275760-09-13T00:00:00.001Z")
)

const calendarDates = hint(
  fc.constantFrom("1984-02-29", "2000-02-29", "1970-01-01", "2026-11-23"),
  fc.oneof(
    fc.tuple(fc.integer({ min: 1850, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
      ([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
    ),
    fc.constantFrom("1900-02-29", "1899-12-31", "26-11-23", "2026/11/23", "")
  )
)

const ids = hint(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_:.-]{0,20}$/),
  fc.oneof(fc.stringMatching(/^[A-Za-z0-9_:.-]{0,70}$/), fc.constantFrom("", " c-1", "c 1", "-c", "x".repeat(65), "ü"))
)

/** Plausible values per field name. */
const fieldHints: Readonly<Record<string, Hint>> = {
  iban: hint(
    fc.oneof(validIban, validIban.map((iban) => ` ${iban.toLowerCase().replace(/(.{4})/g, "$1 ")}`)),
    fc.oneof(
      validIban.map((iban) => iban.slice(0, -1) + (iban.endsWith("0") ? "1" : "0")),
      fc.constantFrom("XX00", "DE8937040044053201300", "DE89370400440532013000X")
    )
  ),
  bic: hint(fc.constantFrom("DEUTDEFF", "deut de ff 500"), fc.constantFrom("DEUTDEF", "DEUTDEFF50", "1EUTDEFF", "")),
  postalCode: hint(
    fc.constantFrom(...postalExamples.map(([, code]) => code)),
    fc.constantFrom("sw1a1aa", "1012ab", " 10115 ", "ABC", "", "0".repeat(13), "SW1A-1AA")
  ),
  country: hint(fc.constantFrom(...Country.countryCodes, "de", " at "), fc.constantFrom("UK", "XK", "EU", "ZZ", "D", "", "DEU")),
  email: hint(
    fc.constantFrom("erika@example.de", " Erika@Example.DE "),
    fc.constantFrom("erika@localhost", "a@b", "@example.de", "erika @example.de", `${"x".repeat(65)}@example.de`)
  ),
  invoiceEmail: hint(fc.constant("invoices@example.de"), fc.constantFrom("nope", "")),
  language: hint(
    fc.constantFrom("de", "de-de", " en-GB ", "zh-hant-tw", "und", "iw"),
    fc.constantFrom("german", "de_DE", "x-klingon", "i-klingon", "", "d", "de-".repeat(30))
  ),
  phone: hint(fc.constantFrom("+49 30 1234-567", "+49301234567"), fc.constantFrom("0049301234567", "+49 (0)30 1234567", "+0123456", "+1", "")),
  birthday: calendarDates,
  mandateSignedAt: calendarDates,
  signedAt: calendarDates,
  mandateReference: hint(
    fc.constantFrom("K10001-3", "MANDATE (2026) no. 1/2"),
    fc.constantFrom("/K1", "K1/", "K//1", " K1", "K1 ", "x".repeat(36), "Ä1", "")
  ),
  holder: hint(fc.constantFrom("Erika Mustermann", "  Erika  ", "x".repeat(30)), fc.constantFrom("x".repeat(31), " ", "")),
  at: instants,
  registeredAt: instants,
  deletedAt: instants,
  validFrom: instants,
  validUntil: instants,
  confirmedAt: instants,
  periodFrom: instants,
  periodUntil: instants,
  currency: hint(fc.constant("EUR"), fc.constantFrom("eur", "EURO", "")),
  mediaType: hint(fc.constantFrom(...NoteFile.mediaTypes), fc.constantFrom("image/PNG", "text/plain", "application/octet-stream")),
  maskedIban: hint(
    fc.constantFrom("DE89 **** **** **** **30 00", "XX00 **** **** 0000"),
    fc.constantFrom("DE89370400440532013000", "DE89 ****", "")
  ),
  ipAddress: hint(fc.constantFrom("192.0.2.1", "2001:db8::1"), fc.constantFrom("999.999.999.999x", "localhost", "")),
  type: hint(fc.constantFrom(...ActivityType.builtinActivityTypeIds, "acme.ticket-opened"), fc.constantFrom("Acme.Ticket", "a..b", "")),
  size: hint(fc.constantFrom(1, 15, NoteFile.maxFileBytes), fc.constantFrom(0, NoteFile.maxFileBytes + 1, 1.5, -1)),
  issues: hint(fc.constantFrom(1, 100), fc.constantFrom(0, 101, 2.5)),
  version: hint(fc.constantFrom(0, 1, 7), fc.constantFrom(-1, 0.5))
}

const idFields = /(?:Id|Ids|Number|process)$/

const hintFor = (field: string | undefined): Hint | undefined =>
  field === undefined ? undefined : fieldHints[field] ?? (idFields.test(field) ? ids : undefined)

const cleanStrings = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,11}$/)

const strings = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("", " ", "  padded  ", "x".repeat(31), "x".repeat(51), "x".repeat(101), "x".repeat(201), "x".repeat(501), "__proto__", "constructor", "🙂".repeat(200), "\u0000", "null")
)

const numbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 0.5, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY)
)

const extraKeys = fc.constantFrom("unknownKey", "__proto__", "constructor", "toString", "kind ", "_tag", "")

/** Sets an own property, also for `__proto__`, as `JSON.parse` does. */
const setOwn = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * An arbitrary shaped like the encoded side of a Schema. `clean`: built to be accepted (required
 * keys present, plausible values), though a plausible value is sometimes refused by a check across
 * fields. Otherwise near misses: keys left out, unknown keys added, literals misspelled, values
 * just beside the plausible ones, and any value may be replaced by arbitrary JSON.
 */
const shaped = (ast: SchemaAST.AST, field: string | undefined, depth: number, clean: boolean): fc.Arbitrary<unknown> => {
  const node = shapedNode(ast, field, depth, clean)
  return clean ? node : fc.oneof({ weight: 9, arbitrary: node }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) })
}

const shapedNode = (ast: SchemaAST.AST, field: string | undefined, depth: number, clean: boolean): fc.Arbitrary<unknown> => {
  const hinted = hintFor(field)
  const pick = (ok: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) =>
    clean ? ok : fc.oneof({ weight: 3, arbitrary: ok }, { weight: 2, arbitrary: bad })
  switch (ast._tag) {
    case "Literal": {
      const near = typeof ast.literal === "string" ? `${ast.literal.toUpperCase()} ` : String(ast.literal)
      return pick(fc.constant(ast.literal), fc.constant(near))
    }
    case "String":
    case "TemplateLiteral":
      return hinted === undefined ? pick(cleanStrings, strings) : pick(hinted.ok, fc.oneof(hinted.bad, strings))
    case "Number":
      return hinted === undefined ? pick(fc.integer({ min: 1, max: 100 }), numbers) : pick(hinted.ok, fc.oneof(hinted.bad, numbers))
    case "Boolean":
      return fc.boolean()
    case "Null":
      return fc.constant(null)
    case "Undefined":
    case "Void":
      return fc.constant(undefined)
    case "Enum":
      return fc.constantFrom(...ast.enums.map(([, value]) => value))
    case "Union":
      return ast.types.length === 0 ? json : fc.oneof(...ast.types.map((t) => shaped(t, field, depth + 1, clean)))
    case "Suspend":
      return depth > 6 ? json : shaped(ast.thunk(), field, depth + 1, clean)
    case "Arrays": {
      const elements = fc.tuple(...ast.elements.map((e) => shaped(e, field, depth + 1, clean)))
      const [rest] = ast.rest
      return rest === undefined
        ? elements
        : fc.tuple(elements, fc.array(shaped(rest, field, depth + 1, clean), { maxLength: 4 })).map(([e, r]) => [...e, ...r])
    }
    case "Objects": {
      if (depth > 6) return json
      const properties = ast.propertySignatures.map((ps) => {
        const name = String(ps.name)
        const present = shaped(ps.type, name, depth + 1, clean).map((v) => [[name, v] as const])
        const absentWeight = SchemaAST.isOptional(ps.type) ? 4 : clean ? 0 : 1
        return absentWeight === 0
          ? present
          : fc.oneof({ weight: 8, arbitrary: present }, { weight: absentWeight, arbitrary: fc.constant([]) })
      })
      const entries = ast.indexSignatures.map((is) => {
        const value = shaped(is.type, undefined, depth + 1, clean)
        const cleanKeys = fc.stringMatching(/^[A-Za-z0-9_.-]{1,30}$/).filter((k) => k !== "__proto__")
        return clean
          ? fc.array(fc.tuple(cleanKeys, value), { maxLength: 8 })
          : fc.oneof(
            { weight: 4, arbitrary: fc.array(fc.tuple(fc.oneof(extraKeys, cleanKeys, fc.string()), value), { maxLength: 8 }) },
            { weight: 1, arbitrary: fc.array(fc.tuple(cleanKeys, fc.string({ maxLength: 3 })), { minLength: 48, maxLength: 53 }) }
          )
      })
      const extra = clean ? fc.constant(undefined) : fc.option(fc.tuple(extraKeys, json), { freq: 6, nil: undefined })
      const pair = clean ? fc.constantFrom(...postalExamples) : fc.option(fc.constantFrom(...postalExamples), { nil: null })
      return fc.tuple(fc.tuple(...properties), fc.tuple(...entries), extra, pair).map(([props, records, unknownKey, pair]) => {
        const value: Record<string, unknown> = {}
        for (const [key, v] of [...props.flat(), ...records.flat()]) setOwn(value, key, v)
        if (unknownKey !== undefined) setOwn(value, unknownKey[0], unknownKey[1])
        // A postal code only fits a country it was written for: keep pairs together.
        if (pair !== null && Object.hasOwn(value, "country") && Object.hasOwn(value, "postalCode")) {
          setOwn(value, "country", pair[0])
          setOwn(value, "postalCode", pair[1])
        }
        return value
      })
    }
    default:
      // Declarations (Schema.Json, ...), unknown, any, object: the Schema takes (almost) anything.
      return json
  }
}

/** Near-miss inputs of a Schema: one in three built to be accepted, the rest just beside. */
const nearMissOf = (schema: AnySchema): fc.Arbitrary<unknown> => {
  const encoded = SchemaAST.toEncoded(schema.ast)
  return fc.oneof({ weight: 1, arbitrary: shaped(encoded, undefined, 0, true) }, { weight: 2, arbitrary: shaped(encoded, undefined, 0, false) })
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

describe("decoding fuzz", () => {
  it("decoding fuzz: the Schemas under test include every input Schema named here and every built-in activity type", () => {
    const names = subjects.map((s) => s.name)
    expect(inputSchemas.filter((name) => !names.includes(name))).toEqual([])
    expect(activityDetails).toHaveLength(ActivityType.builtinActivityTypeIds.length)
    expect(exported.length).toBeGreaterThan(100)
  })

  for (const subject of subjects) {
    const check = decodesTotally(subject)
    const numRuns = runsFor(subject)

    it(`decoding fuzz: ${subject.name} never throws on arbitrary JSON`, () => {
      fc.assert(fc.property(json, check), { numRuns })
    })

    it(`decoding fuzz: ${subject.name} never throws on arbitrary values`, () => {
      fc.assert(fc.property(anyValue, check), { numRuns })
    })

    it(`decoding fuzz: ${subject.name} never throws on near-miss input`, () => {
      fc.assert(fc.property(nearMissOf(subject.schema), check), { numRuns })
    })
  }

  it("decoding fuzz: the near-miss inputs reach past the shape of the main input Schemas (some accepted, some refused)", () => {
    const main = [
      "Customer.RegisterCustomerInput",
      "Customer.PersonalDataChange",
      "Address.AddressInput",
      "BankAccount.BankAccountInput",
      "AccessRight.AccessRightInput",
      "AdditionalData.AdditionalData",
      "Consent.ChangeConsent",
      "Lifecycle.LifecycleCommand",
      "Actor.Actor",
      "Permission.Role"
    ]
    for (const name of main) {
      const subject = subjects.find((s) => s.name === name)
      expect(subject, name).toBeDefined()
      if (subject === undefined) continue
      const run = decode(subject.schema, name)
      const outcomes = fc.sample(nearMissOf(subject.schema), { numRuns: 400, seed: 20261123 }).map((input) => Result.isSuccess(run(input)))
      expect(outcomes.filter((ok) => ok).length, `${name}: accepted near-miss inputs`).toBeGreaterThan(20)
      expect(outcomes.filter((ok) => !ok).length, `${name}: refused near-miss inputs`).toBeGreaterThan(20)
    }
  })

  it("decoding fuzz: ActivityType.decodeDetails never throws on arbitrary types and details", () => {
    const registry = ActivityType.makeRegistry()
    const types = fc.oneof(fc.constantFrom(...ActivityType.builtinActivityTypeIds), fc.string())
    fc.assert(
      fc.property(types, fc.oneof(json, anyValue), (type, details) => {
        const result = ActivityType.decodeDetails(registry, type, details)
        expect(Result.isResult(result)).toBe(true)
        if (Result.isFailure(result)) {
          if (result.failure instanceof ActivityType.ActivityTypeRejected) expect(ActivityType.isBuiltin(type)).toBe(false)
          else assertDecodeResult(`${type} details`, result)
        }
      }),
      { numRuns: runs(300) }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Pure functions that take raw input
// ---------------------------------------------------------------------------------------------

const knownSignatures: ReadonlyArray<ReadonlyArray<number>> = [
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], // GIF89a
  [0x52, 0x49, 0x46, 0x46, 0x00, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50], // RIFF....WEBP
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  [0x50, 0x4b, 0x03, 0x04],
  [0x4d, 0x5a] // MZ
]

const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.tuple(fc.constantFrom(...knownSignatures), fc.uint8Array({ maxLength: 4096 })).map(([sig, tail]) => F.concat(sig, tail)),
  // Compound files with a readable header (512-byte sectors) and random structure after it.
  fc.tuple(fc.uint8Array({ minLength: 512, maxLength: 512 }), fc.uint8Array({ maxLength: 4096 })).map(([header, tail]) => {
    const bytes = F.concat(header, tail)
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0)
    bytes.set([9, 0], 30)
    return bytes
  }),
  // Valid files of every kind, corrupted in a few places and sometimes truncated.
  fc
    .tuple(
      fc.constantFrom(...F.allowedFiles.map((f) => f.bytes)),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 16 }),
      fc.option(fc.nat(), { nil: undefined })
    )
    .map(([bytes, changes, cut]) => {
      const copy = Uint8Array.from(bytes)
      for (const [at, byte] of changes) copy[at % copy.length] = byte
      return cut === undefined ? copy : copy.slice(0, cut % (copy.length + 1))
    })
)

const fileNames = fc.oneof(
  fc.string(),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...Object.values(NoteFile.fileKindDetails).flatMap((d) => d.extensions), "exe", "PDF", "", "tar.gz"))
    .map(([base, ext]) => `${base}.${ext}`)
)

const declaredTypes = fc.option(
  fc.oneof(fc.string(), fc.constantFrom(...NoteFile.mediaTypes, "image/jpg", "application/octet-stream", "APPLICATION/PDF; charset=binary", ";", "")),
  { nil: undefined }
)

describe("raw-input fuzz", () => {
  it("decoding fuzz: NoteFile.checkFile never throws on random bytes, names and declared types", () => {
    const rules: ReadonlyArray<string> = [
      "file.size-limit",
      "file.type-from-signature",
      "file.declared-type-must-match",
      "file.structure-valid",
      "file.nothing-after-end",
      "file.container-parts",
      "file.no-executable-content",
      "file.no-macros",
      "file.name-safe"
    ]
    fc.assert(
      fc.property(fileBytes, fileNames, declaredTypes, (bytes, name, declaredMediaType) => {
        const kind = NoteFile.detectFileKind(bytes)
        expect(kind === undefined || NoteFile.fileKinds.includes(kind)).toBe(true)
        const result = NoteFile.checkFile({ name, bytes, declaredMediaType })
        expect(Result.isResult(result)).toBe(true)
        if (Result.isFailure(result)) {
          expect(result.failure).toBeInstanceOf(NoteFile.FileRejected)
          expect(rules).toContain(result.failure.rule)
          expect(result.failure.message).toContain(`(rule ${result.failure.rule})`)
        } else {
          expect(result.success.kind).toBe(kind)
          expect(result.success.size).toBe(bytes.length)
        }
      }),
      { numRuns: runs(300) }
    )
  })

  it("decoding fuzz: NoteFile.checkFile never throws on files at and over the size limit", () => {
    fc.assert(
      fc.property(fc.constantFrom(NoteFile.maxFileBytes, NoteFile.maxFileBytes + 1), fc.constantFrom(...knownSignatures), fileNames, (size, sig, name) => {
        const bytes = new Uint8Array(size)
        bytes.set(sig, 0)
        const result = NoteFile.checkFile({ name, bytes })
        expect(Result.isResult(result)).toBe(true)
        if (size > NoteFile.maxFileBytes) expect(Result.isFailure(result) && result.failure.rule).toBe("file.size-limit")
      }),
      { numRuns: runs(10) }
    )
  })

  const ibanish = fc.oneof(
    fc.string(),
    fc.stringMatching(/^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 ]{0,40}$/),
    validIban,
    validIban.map((iban) => ` ${iban.toLowerCase()} `)
  )

  it("decoding fuzz: Iban.isValidIban never throws on random strings, and agrees with Iban.Iban", () => {
    const decodeIban = decode(Iban.Iban, "Iban")
    fc.assert(
      fc.property(ibanish, (input) => {
        const valid = Iban.isValidIban(input)
        expect(typeof valid).toBe("boolean")
        expect(Result.isSuccess(decodeIban(input))).toBe(valid)
      }),
      { numRuns: runs(300) }
    )
  })

  it("decoding fuzz: Iban.makeIban and Iban.checkDigits never throw on random countries and account numbers", () => {
    const countries = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(...Object.keys(Iban.ibanLengths), "de", "XX", ""))
    const bbans = fc.oneof(fc.string(), fc.stringMatching(/^[0-9A-Za-z ]{0,34}$/))
    fc.assert(
      fc.property(countries, bbans, (country, bban) => {
        expect(typeof Iban.checkDigits(country, bban)).toBe("string")
        const result = Iban.makeIban(country, bban)
        assertDecodeResult("Iban", result)
        if (Result.isSuccess(result)) expect(Iban.isValidIban(result.success)).toBe(true)
      }),
      { numRuns: runs(300) }
    )
  })

  it("decoding fuzz: postal-code checks never throw on random codes for any country", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Country.countryCodes), fc.oneof(fc.string(), fc.constantFrom(...postalExamples.map(([, c]) => c))), (country, code) => {
        const normalized = PostalCode.normalizePostalCode(country, code)
        expect(PostalCode.isValidPostalCode(country, code)).toBe(PostalCode.postalCodeProblem(country, normalized) === undefined)
      }),
      { numRuns: runs(300) }
    )
  })

  it("decoding fuzz: language, email, country, birthday and additional-data checks never throw on random strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("de-DE", "und", "x-klingon", "__proto__")), (s) => {
        const tag = Language.canonicalLanguageTag(s)
        expect(tag === undefined || typeof tag === "string").toBe(true)
        expect(Email.sameEmail(s, Email.normalizeEmail(s))).toBe(true)
        expect(Country.isCountryCode(Country.normalizeCountryCode(s)) || !Country.isCountryCode(s)).toBe(true)
        expect(typeof Customer.isBirthday(s)).toBe("boolean")
        const keyProblem = AdditionalData.keyProblem(s)
        const valueProblem = AdditionalData.valueProblem(s)
        expect(keyProblem === undefined || keyProblem.includes("(rule additional-data.limits)")).toBe(true)
        expect(valueProblem === undefined || valueProblem.includes("(rule additional-data.limits)")).toBe(true)
      }),
      { numRuns: runs(300) }
    )
  })

  it("decoding fuzz: BankAccount.generateMandateReference never throws and always gives a valid reference", () => {
    const decodeReference = decode(BankAccount.MandateReference, "MandateReference")
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer(), fc.double()), { maxLength: 5 }), (parts) => {
        expect(Result.isSuccess(decodeReference(BankAccount.generateMandateReference(...parts)))).toBe(true)
      }),
      { numRuns: runs(300) }
    )
  })

  it("decoding fuzz: BankAccount.mandateDateOf never throws on any representable date", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        const result = BankAccount.mandateDateOf(DateTime.makeUnsafe(ms))
        assertDecodeResult("MandateDate", result)
      }),
      { numRuns: runs(300) }
    )
  })
})
