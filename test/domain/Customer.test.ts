import { DateTime, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as C from "../../src/domain/Customer.ts"
import * as E from "../../src/domain/Email.ts"
import * as L from "../../src/domain/Language.ts"
import { erasePersonalData, personalFields, personalStrings } from "../../src/domain/PersonalData.ts"
import { decode } from "../../src/domain/Validation.ts"
import { runs } from "../support/properties.ts"

const decodeProfile = decode(C.CustomerProfile, "CustomerProfile")
const decodePatch = decode(C.PersonalDataChange, "PersonalDataChange")
const decodeEmail = decode(E.Email, "Email")
const decodeLanguage = decode(L.Language, "Language")

type Issues = ReadonlyArray<{ readonly path: string; readonly message: string }>
const issuesOf = (result: Result.Result<unknown, { readonly issues: Issues }>): Issues =>
  Result.isFailure(result) ? result.failure.issues : []

const ok = <A>(result: Result.Result<A, unknown>): A => {
  if (Result.isFailure(result)) throw new Error(`expected success, got ${JSON.stringify(result.failure)}`)
  return result.success
}

const erika = {
  kind: "private",
  salutation: "mrs",
  firstName: "Erika",
  lastName: "Mustermann",
  email: "erika@example.de",
  language: "de"
} as const

const acme = {
  kind: "company",
  companyName: "ACME GmbH",
  salutation: "none",
  email: "info@acme.example",
  language: "de-DE"
} as const

// ---------------------------------------------------------------------------------------------
// Arbitraries: valid profiles whose personal strings are distinctive ("Zq"/"zq" and digits), so
// that none of them can equal or hide inside a replacement.
// ---------------------------------------------------------------------------------------------

const n = fc.integer({ min: 0, max: 999_999 })
const zq = (prefix: string) => n.map((i) => `Zq${prefix}${i}`)
const pad = fc.constantFrom("", " ", "  ", "\t")
const padded = (s: fc.Arbitrary<string>) => fc.tuple(pad, s, pad).map(([a, v, b]) => `${a}${v}${b}`)
const email = fc.tuple(n, n).map(([a, b]) => `zq${a}@zq${b}.example`)
const phone = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 14 }))
  .map(([first, rest]) => `+${first}${rest.join("")}`)
const typedPhone = phone.chain((p) =>
  fc.constantFrom(p, p.replace(/(\d{3})/g, "$1 ").trim(), p.replace(/(\d{2})(\d)/, "$1-$2"))
)
const birthday = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2025-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const language = fc
  .tuple(fc.constantFrom("de", "en", "fr", "de-DE", "en-GB", "zh-Hant-TW", "pt-BR"), fc.integer({ min: 0, max: 999_999 }))
  .map(([base, i]) => `${base}-x-zq${i}`)
const fileId = n.map((i) => `zq-file-${i}`)

const optional = <A>(key: string, arb: fc.Arbitrary<A>) =>
  fc.option(arb, { nil: undefined }).map((v) => (v === undefined ? {} : { [key]: v }))

const common = fc
  .tuple(
    fc.constantFrom(...C.salutations),
    optional("title", padded(zq("T"))),
    optional("birthday", birthday),
    padded(email),
    optional("invoiceEmail", email),
    optional("phone", typedPhone),
    language,
    optional("profileImage", fileId)
  )
  .map(([salutation, title, bday, mail, invoiceEmail, tel, lang, image]) => ({
    salutation,
    ...title,
    ...bday,
    email: mail,
    ...invoiceEmail,
    ...tel,
    language: lang,
    ...image
  }))

const privateInput = fc
  .tuple(common, padded(zq("F")), padded(zq("L")))
  .map(([c, firstName, lastName]) => ({ kind: "private" as const, ...c, firstName, lastName }))

const companyInput = fc
  .tuple(common, padded(zq("C")), optional("firstName", zq("F")), optional("lastName", zq("L")))
  .map(([c, companyName, first, last]) => ({ kind: "company" as const, ...c, companyName, ...first, ...last }))

const profileInput = fc.oneof(privateInput, companyInput)
const profile = profileInput.map((input) => ok(decodeProfile(input)))

// ---------------------------------------------------------------------------------------------
// Personal-data marks
// ---------------------------------------------------------------------------------------------

describe("personal-data marks", () => {
  it("customer.personal-data-marked: personalFields(CustomerProfile) lists exactly the personal fields", () => {
    const expected = [
      { path: "salutation", category: "identity" },
      { path: "title", category: "identity" },
      { path: "firstName", category: "identity" },
      { path: "lastName", category: "identity" },
      { path: "companyName", category: "identity" },
      { path: "birthday", category: "identity" },
      { path: "email", category: "contact" },
      { path: "invoiceEmail", category: "contact" },
      { path: "phone", category: "contact" },
      { path: "language", category: "contact" },
      { path: "profileImage", category: "image" }
    ]
    const byPath = (a: { readonly path: string }, b: { readonly path: string }) => a.path.localeCompare(b.path)
    expect([...personalFields(C.CustomerProfile)].sort(byPath)).toEqual([...expected].sort(byPath))
    expect([...personalFields(C.PersonalDataChange)].sort(byPath)).toEqual([...expected].sort(byPath))
    expect(personalFields(C.SystemData)).toEqual([])
  })

  it("customer.personal-data-marked: each member lists its own fields, kind is never personal", () => {
    const paths = (s: Parameters<typeof personalFields>[0]) => personalFields(s).map((f) => f.path).sort()
    expect(paths(C.PersonalDetails)).toEqual(
      ["birthday", "email", "firstName", "invoiceEmail", "language", "lastName", "phone", "profileImage", "salutation", "title"]
    )
    expect(paths(C.CompanyDetails)).toEqual(
      ["birthday", "companyName", "email", "firstName", "invoiceEmail", "language", "lastName", "phone", "profileImage", "salutation", "title"]
    )
  })

  it("customer.personal-data-marked: the replacements satisfy their own field Schemas", () => {
    expect(ok(decodeEmail(C.anonymizedProfile.email))).toBe(C.anonymizedProfile.email)
    expect(ok(decodeLanguage(C.anonymizedProfile.language))).toBe("und")
    expect(C.salutations).toContain(C.anonymizedProfile.salutation)
    expect(Result.isSuccess(decode(C.Name, "Name")(C.anonymizedProfile.name))).toBe(true)
    expect(Result.isSuccess(decode(C.CompanyName, "CompanyName")(C.anonymizedProfile.name))).toBe(true)
  })

  it("customer.personal-data-marked: erasing a full private profile keeps only kind and the replacements", () => {
    const full = ok(decodeProfile({
      ...erika,
      title: "Dr.",
      birthday: "1984-02-29",
      invoiceEmail: "rechnung@example.de",
      phone: "+49 30 1234567",
      profileImage: "file-1"
    }))
    expect(ok(erasePersonalData(C.CustomerProfile, full))).toStrictEqual({
      kind: "private",
      salutation: "none",
      firstName: "anonymized",
      lastName: "anonymized",
      email: "anonymized@anonymized.invalid",
      language: "und"
    })
  })

  it("customer.personal-data-marked: erasing a company removes the contact names and replaces the company name", () => {
    const company = ok(decodeProfile({ ...acme, firstName: "Max", lastName: "Muster", title: "Prof." }))
    expect(ok(erasePersonalData(C.CustomerProfile, company))).toStrictEqual({
      kind: "company",
      companyName: "anonymized",
      salutation: "none",
      email: "anonymized@anonymized.invalid",
      language: "und"
    })
  })

  it("customer.personal-data-marked: erasePersonalData on random valid profiles succeeds and leaves none of the generated personal strings", () => {
    fc.assert(
      fc.property(profile, (p) => {
        const before = personalStrings(C.CustomerProfile, p)
        const erased = ok(erasePersonalData(C.CustomerProfile, p))
        const json = JSON.stringify(erased)
        for (const value of before) {
          if ((C.salutations as ReadonlyArray<string>).includes(value)) continue
          expect(json, value).not.toContain(value)
        }
        expect(erased.salutation).toBe("none")
        expect(erased.kind).toBe(p.kind)
        expect(Object.keys(erased).sort()).toEqual(
          (p.kind === "private"
            ? ["email", "firstName", "kind", "language", "lastName", "salutation"]
            : ["companyName", "email", "kind", "language", "salutation"]).sort()
        )
        // The erased profile is a valid profile, and erasing again changes nothing.
        expect(ok(decodeProfile(erased))).toEqual(erased)
        expect(ok(erasePersonalData(C.CustomerProfile, erased))).toEqual(erased)
      }),
      { numRuns: runs(100) }
    )
  })

  it("customer.personal-data-marked: personalStrings finds every generated distinctive value", () => {
    fc.assert(
      fc.property(profile, (p) => {
        const strings = personalStrings(C.CustomerProfile, p)
        for (const [key, value] of Object.entries(p)) {
          if (key === "kind") continue
          expect(strings, key).toContain(value)
        }
      }),
      { numRuns: runs(100) }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Kinds
// ---------------------------------------------------------------------------------------------

describe("kinds", () => {
  it("customer.kind: a private customer needs first and last name; a missing one is named with the rule", () => {
    const { firstName: _, lastName: __, ...rest } = erika
    const issues = issuesOf(decodeProfile(rest))
    expect(issues.map((i) => i.path)).toEqual(["firstName", "lastName"])
    for (const issue of issues) expect(issue.message).toContain("rule customer.kind")
    expect(Result.isSuccess(decodeProfile(erika))).toBe(true)
  })

  it("customer.kind: a company customer needs a company name; the contact's names are optional", () => {
    const { companyName: _, ...rest } = acme
    const issues = issuesOf(decodeProfile(rest))
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe("companyName")
    expect(issues[0]?.message).toContain("rule customer.kind")
    expect(Result.isSuccess(decodeProfile(acme))).toBe(true)
    expect(Result.isSuccess(decodeProfile({ ...acme, lastName: "Muster" }))).toBe(true)
    expect(issuesOf(decodeProfile({ ...acme, companyName: "   " }))[0]?.message).toContain("rule customer.kind")
  })

  it("customer.kind: only private and company are kinds; a private customer has no company name", () => {
    for (const kind of ["person", "", "Private", undefined]) {
      const issues = issuesOf(decodeProfile({ ...erika, kind }))
      expect(issues, String(kind)).toHaveLength(1)
      expect(issues[0]?.message).toContain("rule customer.kind")
    }
    expect(Result.isFailure(decodeProfile({ ...erika, companyName: "ACME" }))).toBe(true)
    expect(C.customerKinds).toEqual(["private", "company"])
  })

  it("customer.kind: a change cannot switch the kind: no kind in a patch, no company name for a private customer", () => {
    expect(issuesOf(decodePatch({ kind: "company" })).map((i) => i.path)).toEqual(["kind"])
    const p = ok(decodeProfile(erika))
    const company = C.applyPersonalDataChange(p, { companyName: "ACME" })
    expect(Result.isFailure(company)).toBe(true)
    if (Result.isFailure(company)) {
      expect(company.failure).toBeInstanceOf(C.PersonalDataChangeRejected)
      expect(company.failure.rule).toBe("customer.kind")
      expect(company.failure.field).toBe("companyName")
      expect(company.failure.kind).toBe("private")
      expect(company.failure.message).toContain("rule customer.kind")
    }
    for (const field of ["firstName", "lastName"] as const) {
      const cleared = C.applyPersonalDataChange(p, { [field]: null })
      expect(Result.isFailure(cleared) && cleared.failure.field).toBe(field)
    }
  })

  it("customer.kind: a company's contact names can be cleared, its kind stays", () => {
    const c = ok(decodeProfile({ ...acme, firstName: "Max", lastName: "Muster" }))
    const { changes, profile: next } = ok(C.applyPersonalDataChange(c, { firstName: null, lastName: null }))
    expect(next).toStrictEqual(acme)
    expect(changes).toStrictEqual([
      { field: "firstName", before: "Max" },
      { field: "lastName", before: "Muster" }
    ])
  })

  it("customer.kind: any accepted change keeps the kind and yields a valid profile", () => {
    const patch = fc.record(
      {
        salutation: fc.constantFrom(...C.salutations),
        title: fc.option(zq("T"), { nil: null }),
        firstName: zq("F"),
        lastName: zq("L"),
        birthday: fc.option(birthday, { nil: null }),
        email,
        invoiceEmail: fc.option(email, { nil: null }),
        phone: fc.option(phone, { nil: null }),
        language,
        profileImage: fc.option(fileId, { nil: null })
      },
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(profile, patch, (p, raw) => {
        const applied = ok(C.applyPersonalDataChange(p, ok(decodePatch(raw))))
        expect(applied.profile.kind).toBe(p.kind)
        expect(ok(decodeProfile(applied.profile))).toStrictEqual(applied.profile)
      }),
      { numRuns: runs(100) }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Changing personal data
// ---------------------------------------------------------------------------------------------

describe("changing personal data", () => {
  const fieldValue = (p: C.CustomerProfile, field: C.ProfileField): string | undefined =>
    (p as unknown as Record<string, string | undefined>)[field]

  /** A random patch for a profile of the given kind, as sent (decoded below). */
  const patchFor = (kind: C.CustomerKind) =>
    fc.record(
      {
        salutation: fc.constantFrom(...C.salutations),
        title: fc.option(zq("T"), { nil: null }),
        firstName: kind === "private" ? zq("F") : fc.option(zq("F"), { nil: null }),
        lastName: kind === "private" ? zq("L") : fc.option(zq("L"), { nil: null }),
        ...(kind === "company" ? { companyName: zq("C") } : {}),
        birthday: fc.option(birthday, { nil: null }),
        email,
        invoiceEmail: fc.option(email, { nil: null }),
        phone: fc.option(phone, { nil: null }),
        language,
        profileImage: fc.option(fileId, { nil: null })
      },
      { requiredKeys: [] }
    )

  const profileWithPatch = profile.chain((p) => patchFor(p.kind).map((raw) => [p, ok(decodePatch(raw))] as const))

  it("customer.data-change-diff: the changes are exactly the fields whose value differs, with before and after", () => {
    fc.assert(
      fc.property(profileWithPatch, ([p, patch]) => {
        const { changes, profile: next } = ok(C.applyPersonalDataChange(p, patch))
        // Independent expectation: field by field, from the patch's own description.
        const expected: Array<{ field: string; before?: string; after?: string }> = []
        for (const field of C.profileFields) {
          const before = fieldValue(p, field)
          const sent = (patch as Record<string, string | null | undefined>)[field]
          const after = sent === undefined ? before : sent === null ? undefined : sent
          expect(fieldValue(next, field), field).toBe(after)
          expect(Object.hasOwn(next, field), field).toBe(after !== undefined)
          if (before !== after) {
            expected.push({ field, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) })
          }
        }
        expect(changes).toStrictEqual(expected)
      }),
      { numRuns: runs(100) }
    )
  })

  it("customer.data-change-diff: a change that changes nothing returns an empty list and the profile as it was", () => {
    fc.assert(
      fc.property(profile, (p) => {
        expect(ok(C.applyPersonalDataChange(p, {}))).toEqual({ profile: p, changes: [] })
        const { kind: _, ...same } = p
        const result = ok(C.applyPersonalDataChange(p, same))
        expect(result.changes).toEqual([])
        expect(result.profile).toBe(p)
      }),
      { numRuns: runs(100) }
    )
  })

  it("customer.data-change-diff: applying the reverse of the listed changes restores the profile", () => {
    fc.assert(
      fc.property(profileWithPatch, ([p, patch]) => {
        const { changes, profile: next } = ok(C.applyPersonalDataChange(p, patch))
        const reverse = Object.fromEntries(changes.map((c) => [c.field, c.before ?? null]))
        const back = ok(C.applyPersonalDataChange(next, ok(decodePatch(reverse))))
        expect(back.profile).toStrictEqual(p)
        expect(back.changes.map((c) => c.field)).toEqual(changes.map((c) => c.field))
      }),
      { numRuns: runs(100) }
    )
  })

  it("customer.data-change-diff: an example as the activity tile shows it", () => {
    const p = ok(decodeProfile({ ...erika, title: "Dr." }))
    const patch = ok(decodePatch({ lastName: " Musterfrau ", title: null, phone: "+49 170 1234567", email: "erika@example.de" }))
    expect(ok(C.applyPersonalDataChange(p, patch)).changes).toEqual([
      { field: "title", before: "Dr." },
      { field: "lastName", before: "Mustermann", after: "Musterfrau" },
      { field: "phone", after: "+491701234567" }
    ])
  })

  it("customer.fields: a patch is checked field by field like a profile", () => {
    const issues = issuesOf(decodePatch({ firstName: "", email: "nope", phone: "0301234", birthday: "1899-12-31", language: "german" }))
    expect(issues.map((i) => i.path).sort()).toEqual(["birthday", "email", "firstName", "language", "phone"])
    expect(issues.find((i) => i.path === "language")?.message).toContain("rule customer.language-bcp47")
    expect(issues.find((i) => i.path === "email")?.message).toContain("rule customer.email-format")
    expect(issues.find((i) => i.path === "phone")?.message).toContain("rule customer.fields")
    expect(Result.isFailure(decodePatch({ companyName: null }))).toBe(true)
    expect(Result.isFailure(decodePatch({ email: null }))).toBe(true)
    expect(Result.isFailure(decodePatch({ language: null }))).toBe(true)
    expect(Result.isFailure(decodePatch({ salutation: null }))).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
// Field formats
// ---------------------------------------------------------------------------------------------

describe("field formats", () => {
  const withField = (field: string, value: unknown) => decodeProfile({ ...erika, [field]: value })
  const accepts = (field: string, value: unknown) => Result.isSuccess(withField(field, value))

  it("customer.fields: names are 1 to 100 characters after trimming, the title 1 to 50", () => {
    for (const field of ["firstName", "lastName"]) {
      expect(accepts(field, "x".repeat(100)), field).toBe(true)
      expect(accepts(field, `  ${"x".repeat(100)}  `), field).toBe(true)
      expect(accepts(field, "x".repeat(101)), field).toBe(false)
      expect(accepts(field, ""), field).toBe(false)
      expect(accepts(field, "   "), field).toBe(false)
      expect(issuesOf(withField(field, ""))[0]?.message).toContain("rule customer.fields")
    }
    expect(accepts("title", "x".repeat(50))).toBe(true)
    expect(accepts("title", "x".repeat(51))).toBe(false)
    expect(accepts("title", "")).toBe(false)
    expect(ok(withField("firstName", "  Erika ")).firstName).toBe("Erika")
    expect(Result.isSuccess(decodeProfile({ ...acme, companyName: "x".repeat(100) }))).toBe(true)
    expect(Result.isFailure(decodeProfile({ ...acme, companyName: "x".repeat(101) }))).toBe(true)
  })

  it("customer.fields: a birthday is a calendar date YYYY-MM-DD from 1900 on", () => {
    const valid = ["1900-01-01", "1984-02-29", "2000-02-29", "2024-02-29", "1999-12-31", "2010-04-30"]
    const invalid = [
      "1899-12-31",
      "1900-02-29",
      "2023-02-29",
      "2021-04-31",
      "2021-13-01",
      "2021-00-10",
      "2021-01-00",
      "2021-1-1",
      "01.02.1984",
      "19840229",
      "1984-02-29T00:00:00Z",
      ""
    ]
    for (const date of valid) expect(accepts("birthday", date), date).toBe(true)
    for (const date of invalid) {
      expect(accepts("birthday", date), date).toBe(false)
      expect(C.isBirthday(date), date).toBe(false)
    }
    expect(issuesOf(withField("birthday", "2023-02-29"))[0]).toEqual({
      path: "birthday",
      message: expect.stringContaining("rule customer.fields")
    })
  })

  it("customer.fields: every date from 1900 to 2100 is a birthday exactly when Date agrees it exists", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
        const date = new Date(Date.UTC(y, m - 1, d))
        const exists = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
        expect(C.isBirthday(text)).toBe(exists)
      }),
      { numRuns: runs(100) }
    )
  })

  it("customer.fields: a phone number is stored as + and 6 to 15 digits; spaces and hyphens are removed on input", () => {
    const valid: ReadonlyArray<readonly [string, string]> = [
      ["+49301234567", "+49301234567"],
      ["+49 30 1234567", "+49301234567"],
      ["+49 30 1234-567", "+49301234567"],
      [" +1 212-555-0100 ", "+12125550100"],
      ["+123456", "+123456"],
      ["+123456789012345", "+123456789012345"]
    ]
    const invalid = ["+12345", "+1234567890123456", "0301234567", "0049301234567", "+0301234567", "+49 (0)30 1234567", "+49/30/1234567", "+49 30 abc", "", "+"]
    for (const [typed, stored] of valid) expect(ok(withField("phone", typed)).phone, typed).toBe(stored)
    for (const typed of invalid) {
      const issues = issuesOf(withField("phone", typed))
      expect(issues.map((i) => i.path), typed).toEqual(["phone"])
      expect(issues[0]?.message).toContain("rule customer.fields")
    }
  })

  it("customer.email-format: practical addresses are accepted and trimmed; the rest is refused naming the rule", () => {
    const valid = ["erika@example.de", "first.last+tag@mail.example.co.uk", "a@b.c", "jürgen@müller.example", "  x@y.de "]
    const invalid = ["", "erika", "erika@", "@example.de", "erika@localhost", "erika@example.", "erika@.example.de", "erika@example..de", "er ika@example.de", "a@b@c.de", "erika@exa mple.de"]
    for (const e of valid) expect(ok(decodeEmail(e)), e).toBe(e.trim())
    for (const e of invalid) {
      const issues = issuesOf(decodeEmail(e))
      expect(issues.length, e).toBeGreaterThan(0)
      expect(issues[0]?.message).toContain("rule customer.email-format")
    }
    expect(issuesOf(withField("email", "nope"))[0]?.path).toBe("email")
    expect(issuesOf(withField("invoiceEmail", "nope"))[0]?.path).toBe("invoiceEmail")
  })

  it("customer.email-format: at most 254 characters and a local part of at most 64", () => {
    const domain = (length: number) => `${"d".repeat(length - 8)}.example`
    expect(`a@${domain(252)}`).toHaveLength(254)
    expect(Result.isSuccess(decodeEmail(`a@${domain(252)}`))).toBe(true)
    expect(Result.isFailure(decodeEmail(`a@${domain(253)}`))).toBe(true)
    expect(Result.isSuccess(decodeEmail(`${"l".repeat(64)}@example.de`))).toBe(true)
    expect(Result.isFailure(decodeEmail(`${"l".repeat(65)}@example.de`))).toBe(true)
  })

  it("identity.email-normalized: normalizeEmail(x) equals normalizeEmail of x upper-cased, lower-cased and padded", () => {
    const localChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")
    const label = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"), minLength: 1, maxLength: 10 })
    const address = fc
      .tuple(fc.string({ unit: localChar, minLength: 1, maxLength: 20 }), fc.array(label, { minLength: 2, maxLength: 4 }))
      .map(([local, labels]) => `${local}@${labels.join(".")}`)
    const whitespace = fc.string({ unit: fc.constantFrom(" ", "\t", "\n"), maxLength: 3 })
    fc.assert(
      fc.property(address, whitespace, whitespace, (x, before, after) => {
        const key = E.normalizeEmail(x)
        expect(E.normalizeEmail(`${before}${x.toUpperCase()}${after}`)).toBe(key)
        expect(E.normalizeEmail(`${before}${x.toLowerCase()}${after}`)).toBe(key)
        expect(E.normalizeEmail(key)).toBe(key)
        expect(E.sameEmail(x, `${before}${x.toUpperCase()}`)).toBe(true)
        // The key is itself a valid email when x is one.
        if (Result.isSuccess(decodeEmail(x))) expect(Result.isSuccess(decodeEmail(key))).toBe(true)
      }),
      { numRuns: runs(100) }
    )
  })

  it("identity.email-normalized: examples, and different addresses stay different", () => {
    expect(E.normalizeEmail(" Erika.Mustermann@Example.DE ")).toBe("erika.mustermann@example.de")
    expect(E.normalizeEmail("JÜRGEN@MÜLLER.EXAMPLE")).toBe("jürgen@müller.example")
    expect(E.sameEmail("erika@example.de", "erika2@example.de")).toBe(false)
    // The profile keeps the address as typed (trimmed); only the key is lower-cased.
    expect(ok(decodeProfile({ ...erika, email: " Erika@Example.DE " })).email).toBe("Erika@Example.DE")
  })

  it("customer.language-bcp47: BCP 47 tags are accepted and canonicalized; anything else is refused naming the rule", () => {
    const valid: ReadonlyArray<readonly [string, string]> = [
      ["de", "de"],
      ["de-DE", "de-DE"],
      ["en-GB", "en-GB"],
      ["zh-Hant-TW", "zh-Hant-TW"],
      ["de-de", "de-DE"],
      ["EN-gb", "en-GB"],
      [" fr ", "fr"],
      ["es-419", "es-419"],
      ["gsw", "gsw"],
      ["sr-Latn-RS", "sr-Latn-RS"],
      ["de-DE-u-co-phonebk", "de-DE-u-co-phonebk"],
      ["en-x-zq1", "en-x-zq1"],
      ["und", "und"]
    ]
    const invalid = ["german", "de_DE", "", " ", "d", "deutsch", "x-klingon", "i-klingon", "de-", "-de", "de--DE", "en-GB-", "1de", "de DE", `de-${"a".repeat(70)}`]
    for (const [typed, canonical] of valid) expect(ok(decodeLanguage(typed)), typed).toBe(canonical)
    for (const typed of invalid) {
      const issues = issuesOf(decodeLanguage(typed))
      expect(issues, typed).toHaveLength(1)
      expect(issues[0]?.message).toContain("rule customer.language-bcp47")
    }
    expect(issuesOf(withField("language", "de_DE"))[0]?.path).toBe("language")
  })

  it("customer.language-bcp47: canonicalLanguageTag never throws, and its result is a fixed point", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8}){0,3}$/)), (tag) => {
        const canonical = L.canonicalLanguageTag(tag)
        if (canonical !== undefined) {
          expect(L.canonicalLanguageTag(canonical)).toBe(canonical)
          expect(ok(decodeLanguage(tag))).toBe(canonical)
        } else {
          expect(Result.isFailure(decode(L.LanguageTag, "LanguageTag")(tag))).toBe(true)
        }
      }),
      { numRuns: runs(100) }
    )
  })

  it("customer.language-bcp47: the type side accepts only the canonical form", () => {
    const tag = decode(L.LanguageTag, "LanguageTag")
    expect(Result.isSuccess(tag("de-DE"))).toBe(true)
    expect(Result.isFailure(tag("de-de"))).toBe(true)
    expect(Result.isFailure(tag(" de"))).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
// System data and registration
// ---------------------------------------------------------------------------------------------

describe("system data and registration", () => {
  const system = {
    id: "c-1",
    number: "10001",
    tenantId: "tenant-a",
    registrationSource: "checkout",
    registeredAt: "2026-11-23T10:00:00.000Z",
    version: 0
  }
  const decodeSystem = decode(C.SystemData, "SystemData")

  it("identity.id-format: system data holds well-formed ids, a registration source, an instant and a non-negative version", () => {
    const decoded = ok(decodeSystem(system))
    expect(DateTime.formatIso(decoded.registeredAt)).toBe("2026-11-23T10:00:00.000Z")
    expect(issuesOf(decodeSystem({ ...system, id: "" })).map((i) => i.path)).toEqual(["id"])
    expect(issuesOf(decodeSystem({ ...system, tenantId: "a b" })).map((i) => i.path)).toEqual(["tenantId"])
    expect(issuesOf(decodeSystem({ ...system, version: -1 })).map((i) => i.path)).toEqual(["version"])
    expect(issuesOf(decodeSystem({ ...system, version: 1.5 })).map((i) => i.path)).toEqual(["version"])
    expect(issuesOf(decodeSystem({ ...system, registrationSource: "fax" })).map((i) => i.path)).toEqual(["registrationSource"])
    for (const source of ["checkout", "self-service", "api", "import", "back-office"]) {
      expect(Result.isSuccess(decodeSystem({ ...system, registrationSource: source })), source).toBe(true)
    }
    expect(C.registrationSources).toHaveLength(5)
  })

  it("customer.kind: registering takes a profile of either kind and a registration source", () => {
    const register = decode(C.RegisterCustomerInput, "RegisterCustomer")
    expect(ok(register({ profile: { ...erika, firstName: " Erika " }, registrationSource: "self-service" })).profile).toEqual(erika)
    expect(ok(register({ profile: acme, registrationSource: "back-office" })).profile).toEqual(acme)
    expect(issuesOf(register({ profile: { ...acme, companyName: undefined }, registrationSource: "api" })).map((i) => i.path)).toEqual([
      "profile.companyName"
    ])
    expect(issuesOf(register({ profile: erika })).map((i) => i.path)).toEqual(["registrationSource"])
  })
})
