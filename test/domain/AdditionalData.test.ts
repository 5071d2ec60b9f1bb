import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as AD from "../../src/domain/AdditionalData.ts"
import { erasePersonalData, personalFields, personalStrings } from "../../src/domain/PersonalData.ts"
import { isClean } from "../../src/domain/Text.ts"
import { decode } from "../../src/domain/Validation.ts"
import { runs } from "../support/properties.ts"

const decodeData = decode(AD.AdditionalData, "AdditionalData")

type Issues = ReadonlyArray<{ readonly path: string; readonly message: string }>
const issuesOf = (result: Result.Result<unknown, { readonly issues: Issues }>): Issues =>
  Result.isFailure(result) ? result.failure.issues : []

const ok = <A>(result: Result.Result<A, unknown>): A => {
  if (Result.isFailure(result)) throw new Error(`expected success, got ${JSON.stringify(result.failure)}`)
  return result.success
}

/** `count` distinct valid keys. */
const keys = (count: number): Array<string> => Array.from({ length: count }, (_, i) => `key_${i}`)
const record = (entries: ReadonlyArray<string>, value = "v"): Record<string, string> =>
  Object.fromEntries(entries.map((k) => [k, value]))

const keyChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."
const validKey = fc.string({ unit: fc.constantFrom(...keyChars), minLength: 1, maxLength: 30 }).filter((k) => k !== "__proto__")
// Values are free text: clean of control and bidirectional characters (rule text.clean).
const validValue = fc.string({ unit: "grapheme-composite", maxLength: 200 }).filter((v) => [...v].length <= 200 && isClean(v))
const validData = fc.dictionary(validKey, validValue, { maxKeys: 50, noNullPrototype: true })

describe("additional data limits", () => {
  it("additional-data.limits: 50 keys are accepted, 51 are refused at the root naming the rule", () => {
    expect(ok(decodeData(record(keys(50))))).toEqual(record(keys(50)))
    const issues = issuesOf(decodeData(record(keys(51))))
    expect(issues).toEqual([{ path: "", message: expect.stringContaining("at most 50 keys, got 51 (rule additional-data.limits)") }])
    expect(Result.isSuccess(decodeData({}))).toBe(true)
  })

  it("additional-data.limits: a key of 30 characters is accepted, 31 and 0 are refused at the key's path", () => {
    const k30 = "k".repeat(30)
    const k31 = "k".repeat(31)
    expect(ok(decodeData({ [k30]: "v" }))).toEqual({ [k30]: "v" })
    expect(issuesOf(decodeData({ [k31]: "v" }))).toEqual([
      { path: k31, message: expect.stringContaining("a key of 1 to 30 characters") }
    ])
    expect(issuesOf(decodeData({ "": "v" }))[0]?.message).toContain("rule additional-data.limits")
  })

  it("additional-data.limits: a value of 200 characters is accepted, 201 is refused at the key's path", () => {
    expect(Result.isSuccess(decodeData({ note: "x".repeat(200) }))).toBe(true)
    expect(Result.isSuccess(decodeData({ note: "" }))).toBe(true)
    expect(issuesOf(decodeData({ note: "x".repeat(201) }))).toEqual([
      { path: "note", message: expect.stringContaining("a value of at most 200 characters, got 201 (rule additional-data.limits)") }
    ])
  })

  it("additional-data.limits: characters are code points: 200 emoji are accepted, 201 are refused", () => {
    expect(Result.isSuccess(decodeData({ mood: "😀".repeat(200) }))).toBe(true)
    expect(issuesOf(decodeData({ mood: "😀".repeat(201) })).map((i) => i.path)).toEqual(["mood"])
  })

  it("additional-data.limits: keys are letters, digits, '_', '-' and '.'; others are refused at the key", () => {
    for (const key of ["a", "A1", "crm.segment", "loyalty_level", "x-y", "...", "0", "a.b-c_D"]) {
      expect(Result.isSuccess(decodeData({ [key]: "v" })), key).toBe(true)
    }
    for (const key of ["bad key", "ä", "a/b", "a:b", "a@b", " a", "a\n", "schlüssel", "__proto__"]) {
      const issues = issuesOf(decodeData(JSON.parse(JSON.stringify({ [key]: "v" })) as unknown))
      expect(issues.map((i) => i.path), key).toEqual([key])
      expect(issues[0]?.message).toContain("rule additional-data.limits")
    }
  })

  it("additional-data.limits: values are strings, and every problem is reported at once", () => {
    expect(issuesOf(decodeData({ n: 1 })).map((i) => i.path)).toEqual(["n"])
    expect(issuesOf(decodeData({ ok: "v", "bad key": "v", long: "x".repeat(201) })).map((i) => i.path)).toEqual([
      "bad key",
      "long"
    ])
    expect(Result.isFailure(decodeData(["a"]))).toBe(true)
    expect(Result.isFailure(decodeData(null))).toBe(true)
  })

  it("additional-data.limits: the helpers agree with the Schema at the boundaries", () => {
    expect(AD.keyProblem("k".repeat(30))).toBeUndefined()
    expect(AD.keyProblem("k".repeat(31))).toContain("rule additional-data.limits")
    expect(AD.valueProblem("v".repeat(200))).toBeUndefined()
    expect(AD.valueProblem("v".repeat(201))).toContain("rule additional-data.limits")
    expect(AD.additionalDataLimits).toEqual({ maxKeys: 50, maxKeyLength: 30, maxValueLength: 200 })
  })

  it("additional-data.limits: any data within the limits decodes to itself", () => {
    fc.assert(
      fc.property(validData, (data) => {
        expect(ok(decodeData(data))).toEqual(data)
      }),
      { numRuns: runs(100) }
    )
  })

  it("additional-data.limits: adding a 51st key to any full data is refused", () => {
    fc.assert(
      fc.property(fc.uniqueArray(validKey, { minLength: 51, maxLength: 60 }), (ks) => {
        const issues = issuesOf(decodeData(record(ks)))
        expect(issues.some((i) => i.path === "" && i.message.includes(`got ${ks.length}`))).toBe(true)
      }),
      { numRuns: runs(100) }
    )
  })
})

describe("additional data as personal data", () => {
  it("additional-data.limits: the whole record is marked personal content and anonymized to {}", () => {
    expect(personalFields(AD.AdditionalData)).toEqual([{ path: "", category: "content" }])
    const Holder = Schema.Struct({ id: Schema.String, additionalData: AD.AdditionalData })
    expect(personalFields(Holder)).toEqual([{ path: "additionalData", category: "content" }])
    fc.assert(
      fc.property(validData, (data) => {
        expect(ok(erasePersonalData(AD.AdditionalData, data))).toEqual({})
        const erased = ok(erasePersonalData(Holder, { id: "c-1", additionalData: data }))
        expect(erased).toEqual({ id: "c-1", additionalData: {} })
        for (const value of Object.values(data)) {
          if (value.length > 0) expect(personalStrings(AD.AdditionalData, data)).toContain(value)
        }
      }),
      { numRuns: runs(100) }
    )
  })
})

describe("replacing additional data", () => {
  it("additional-data.replaced-whole: the diff lists added, removed and changed keys, sorted, with before and after", () => {
    expect(AD.diffAdditionalData({ b: "2", a: "1", same: "s" }, { c: "4", b: "3", same: "s" })).toStrictEqual([
      { field: "a", before: "1" },
      { field: "b", before: "2", after: "3" },
      { field: "c", after: "4" }
    ])
    expect(AD.diffAdditionalData({}, {})).toStrictEqual([])
    expect(AD.diffAdditionalData({ a: "" }, {})).toStrictEqual([{ field: "a", before: "" }])
  })

  it("additional-data.replaced-whole: the diff of equal data is empty; otherwise it holds exactly the differing keys", () => {
    fc.assert(
      fc.property(validData, validData, (before, after) => {
        expect(AD.diffAdditionalData(before, before)).toStrictEqual([])
        const changes = AD.diffAdditionalData(before, after)
        const all = new Set([...Object.keys(before), ...Object.keys(after)])
        const differing = [...all].filter((k) => before[k] !== after[k] || Object.hasOwn(before, k) !== Object.hasOwn(after, k))
        expect(changes.map((c) => c.field).sort()).toEqual(differing.sort())
        for (const c of changes) {
          expect(c.before).toBe(Object.hasOwn(before, c.field) ? before[c.field] : undefined)
          expect(c.after).toBe(Object.hasOwn(after, c.field) ? after[c.field] : undefined)
        }
      }),
      { numRuns: runs(100) }
    )
  })

  it("additional-data.replaced-whole: applying the diff to the old data gives the new data; the reverse diff mirrors it", () => {
    fc.assert(
      fc.property(validData, validData, (before, after) => {
        const changes = AD.diffAdditionalData(before, after)
        const applied: Record<string, string> = { ...before }
        for (const c of changes) {
          if (c.after === undefined) delete applied[c.field]
          else applied[c.field] = c.after
        }
        expect(applied).toStrictEqual({ ...after })
        const mirrored = AD.diffAdditionalData(after, before).map((c) => ({
          field: c.field,
          ...(c.after === undefined ? {} : { before: c.after }),
          ...(c.before === undefined ? {} : { after: c.before })
        }))
        expect(mirrored).toStrictEqual(changes)
      }),
      { numRuns: runs(100) }
    )
  })
})
