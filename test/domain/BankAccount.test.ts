import { DateTime, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as B from "../../src/domain/BankAccount.ts"
import * as I from "../../src/domain/Iban.ts"
import { BankAccountId } from "../../src/domain/Ids.ts"
import { erasePersonalData, personalFields, personalStrings } from "../../src/domain/PersonalData.ts"
import { decode } from "../../src/domain/Validation.ts"
import * as Arbitraries from "../../src/testing/arbitraries.ts"
import { longTest, runs } from "../support/properties.ts"

const digits = "0123456789"
const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
const chars = (alphabet: string, min: number, max = min) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((cs) => cs.join(""))

const ibanOf = (countries: ReadonlyArray<string>) => Arbitraries.iban(countries)
const allCountries = Object.keys(I.ibanLengths)
const nonSepaCountries = allCountries.filter((c) => !I.isSepaCountry(c))
const sepaIban = ibanOf(I.sepaCountries)
const nonSepaIban = ibanOf(nonSepaCountries)

const validBic = fc
  .tuple(chars(letters, 4), chars(letters, 2), chars(digits + letters, 2), fc.option(chars(digits + letters, 3), { nil: "" }))
  .map((parts) => parts.join(""))

const decodeInput = decode(B.BankAccountInput, "BankAccountInput")
const decodeBic = decode(B.Bic, "Bic")
const decodeHolder = decode(B.AccountHolder, "AccountHolder")
const decodeReference = decode(B.MandateReference, "MandateReference")
const decodeDate = decode(B.MandateDate, "MandateDate")

const issuesOf = (result: Result.Result<unknown, { readonly issues: ReadonlyArray<{ path: string; message: string }> }>) =>
  Result.isFailure(result) ? result.failure.issues : []

const sepaCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+?/-:().,' "
/** A string obeying the SEPA reference rules, written independently of the code under test. */
const isValidReference = (s: string) =>
  s.length >= 1 &&
  s.length <= 35 &&
  [...s].every((c) => sepaCharacters.includes(c)) &&
  !s.startsWith("/") &&
  !s.endsWith("/") &&
  !s.includes("//") &&
  s.trim() === s

const today = B.MandateDate.make("2026-11-23")
const iban = I.NormalizedIban.make("DE89370400440532013000")

const account = (id: string, preferred: boolean) =>
  new B.BankAccount({
    id: BankAccountId.make(id),
    holder: `Holder ${id}`,
    iban,
    mandate: new B.Mandate({ reference: B.generateMandateReference("K1", id.toUpperCase()), signedAt: today }),
    preferred
  })

describe("BankAccount input", () => {
  it("bank-account.bic-format: BICs of 8 and 11 characters pass, typed in any case and with spaces", () => {
    expect(Result.getOrThrow(decodeBic("DEUTDEFF"))).toBe("DEUTDEFF")
    expect(Result.getOrThrow(decodeBic("deut de ff 500"))).toBe("DEUTDEFF500")
    expect(Result.getOrThrow(decodeBic("COBADEFFXXX"))).toBe("COBADEFFXXX")
    fc.assert(
      fc.property(validBic, (bic) => {
        expect(Result.getOrThrow(decodeBic(bic))).toBe(bic)
        expect(Result.getOrThrow(decodeBic(bic.toLowerCase()))).toBe(bic)
      }),
      { numRuns: runs(100) }
    )
  })

  it("bank-account.bic-format: other lengths and digits in the bank or country code fail", () => {
    for (const bad of ["DEUTDEF", "DEUTDEFF5", "DEUTDEFF50", "DEUTDEFF5000", "DEU1DEFF", "DEUTD1FF", "DEUT-EFF", ""]) {
      const result = decodeBic(bad)
      expect(Result.isFailure(result), bad).toBe(true)
      expect(issuesOf(result)[0]?.message).toContain("a BIC of 8 or 11 characters")
      expect(issuesOf(result)[0]?.message).toContain("(rule bank-account.bic-format)")
    }
    fc.assert(
      fc.property(chars(digits + letters, 0, 14), (s) => {
        fc.pre(s.length !== 8 && s.length !== 11)
        expect(Result.isFailure(decodeBic(s))).toBe(true)
      }),
      { numRuns: runs(100) }
    )
  })

  it("bank-account.bic-format: an IBAN from outside SEPA needs a BIC, reported at bic", () => {
    fc.assert(
      fc.property(nonSepaIban, validBic, (foreign, bic) => {
        const without = decodeInput({ holder: "Max Muster", iban: foreign })
        expect(issuesOf(without)).toEqual([
          {
            path: "bic",
            message: `Expected a BIC: an IBAN from ${foreign.slice(0, 2)}, outside SEPA, needs one (rule bank-account.bic-format)`
          }
        ])
        expect(Result.isSuccess(decodeInput({ holder: "Max Muster", iban: foreign, bic }))).toBe(true)
      }),
      { numRuns: runs(100) }
    )
  })

  it("bank-account.bic-format: inside SEPA the BIC is optional", () => {
    fc.assert(
      fc.property(sepaIban, (domestic) => {
        const result = decodeInput({ holder: "Erika Muster", iban: domestic })
        expect(Result.getOrThrow(result)).toEqual({ holder: "Erika Muster", iban: domestic })
      }),
      { numRuns: runs(100) }
    )
  })

  it("bank-account.holder-length: 1 to 30 characters after trimming", () => {
    expect(Result.getOrThrow(decodeHolder("  Max Mustermann \n"))).toBe("Max Mustermann")
    expect(Result.isSuccess(decodeHolder("x".repeat(30)))).toBe(true)
    for (const bad of ["", "   ", "x".repeat(31), ` ${"x".repeat(31)} `]) {
      expect(issuesOf(decodeHolder(bad))[0]?.message, JSON.stringify(bad)).toBe(
        "Expected an account holder of 1 to 30 characters (rule bank-account.holder-length)"
      )
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const trimmed = s.trim()
        const result = decodeHolder(s)
        if (trimmed.length >= 1 && trimmed.length <= 30) expect(Result.getOrThrow(result)).toBe(trimmed)
        else expect(Result.isFailure(result)).toBe(true)
      }),
      { numRuns: runs(100) }
    )
  })

  it("iban.mod97: the input's IBAN is validated and normalized", () => {
    expect(Result.getOrThrow(decodeInput({ holder: "A", iban: "de89 3704 0044 0532 0130 00" })).iban).toBe(
      "DE89370400440532013000"
    )
    expect(issuesOf(decodeInput({ holder: "A", iban: "DE89370400440532013001" }))).toEqual([
      { path: "iban", message: "Expected an IBAN whose check digits satisfy ISO 7064 mod 97-10 (rule iban.mod97)" }
    ])
  })

  it("mandate.reference-format: references of the SEPA character set, 1 to 35 long, pass; others fail", () => {
    for (const good of ["M-2026-0001", "abc/def", "A+B?C:D(E).F,G'H I", "x".repeat(35)]) {
      expect(Result.getOrThrow(decodeReference(good))).toBe(good)
    }
    for (const bad of ["", "x".repeat(36), "/abc", "abc/", "ab//c", "Müller", "a_b", "a#b", " ab", "ab "]) {
      const result = decodeReference(bad)
      expect(Result.isFailure(result), bad).toBe(true)
      expect(issuesOf(result)[0]?.message).toContain("(rule mandate.reference-format)")
    }
    fc.assert(
      fc.property(
        fc.oneof(chars(sepaCharacters, 0, 40), fc.string({ maxLength: 40 })),
        (s) => {
          expect(Result.isSuccess(decodeReference(s))).toBe(isValidReference(s))
        }
      ),
      { numRuns: runs(2000) }
    )
  })

  it("mandate.reference-format: generated references are always valid and deterministic", () => {
    const part = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), fc.integer(), fc.double())
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        const reference = B.generateMandateReference(...parts)
        expect(isValidReference(reference)).toBe(true)
        expect(Result.getOrThrow(decodeReference(reference))).toBe(reference)
        expect(B.generateMandateReference(...parts)).toBe(reference)
      }),
      { numRuns: runs(150) }
    )
  })

  it("mandate.reference-format: customer number and sequence give readable, distinct references", () => {
    expect(B.generateMandateReference("K10001", 3)).toBe("K10001-3")
    expect(B.generateMandateReference("10001", 1)).toBe("10001-1")
    expect(B.generateMandateReference("k-10001", 3)).toMatch(/^K10001-3\.[0-9A-Z]{11}$/)
    const customerNumber = fc.oneof(chars(digits + letters, 1, 12), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/))
    fc.assert(
      fc.property(customerNumber, fc.nat(), customerNumber, fc.nat(), (n1, s1, n2, s2) => {
        fc.pre(n1 !== n2 || s1 !== s2)
        expect(B.generateMandateReference(n1, s1)).not.toBe(B.generateMandateReference(n2, s2))
      }),
      { numRuns: runs(500) }
    )
  }, longTest)

  it("mandate.signature-date: a calendar date YYYY-MM-DD", () => {
    for (const good of ["2026-11-23", "2024-02-29", "2000-02-29", "1999-12-31"]) {
      expect(Result.getOrThrow(decodeDate(good))).toBe(good)
    }
    for (const bad of ["2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-5", "23.11.2026", "2026-11-23T10:00:00Z"]) {
      expect(issuesOf(decodeDate(bad))[0]?.message, bad).toBe(
        "Expected a calendar date YYYY-MM-DD, e.g. 2026-11-23 (rule mandate.signature-date)"
      )
    }
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01"), max: new Date("2999-12-31"), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10)
        expect(Result.getOrThrow(decodeDate(iso))).toBe(iso)
        expect(Result.getOrThrow(B.mandateDateOf(DateTime.makeUnsafe(date)))).toBe(iso)
      }),
      { numRuns: runs(100) }
    )
  })

  it("mandate.signature-date: the date of a zoned DateTime is the local calendar day", () => {
    const late = DateTime.makeZonedUnsafe("2026-11-23T23:30:00Z", { timeZone: "Europe/Berlin" })
    expect(Result.getOrThrow(B.mandateDateOf(late))).toBe("2026-11-24")
  })

  it("mandate.reference-format: a missing reference is generated, a given one kept", () => {
    const generated = B.generateMandateReference("K1", 1)
    const given = B.MandateReference.make("GIVEN-1")
    expect(B.completeMandate({}, generated, today)).toEqual(new B.Mandate({ reference: generated, signedAt: today }))
    expect(B.completeMandate({ mandateReference: given }, generated, today).reference).toBe(given)
  })

  it("mandate.signature-date: a missing signature date becomes today, a given one is kept", () => {
    const generated = B.generateMandateReference("K1", 1)
    const signed = B.MandateDate.make("2025-06-01")
    expect(B.completeMandate({}, generated, today).signedAt).toBe(today)
    expect(B.completeMandate({ mandateSignedAt: signed }, generated, today).signedAt).toBe(signed)
  })

  it("mandate.reference-format: an account built from input carries the completed mandate", () => {
    const input = Result.getOrThrow(decodeInput({ holder: " Max ", iban: "FO6264600001631634", bic: "BANKFOTH" }))
    const generated = B.generateMandateReference("K7", 2)
    const built = B.bankAccountFromInput(BankAccountId.make("ba-1"), input, generated, today)
    expect(built).toEqual(
      new B.BankAccount({
        id: BankAccountId.make("ba-1"),
        holder: "Max",
        iban: I.NormalizedIban.make("FO6264600001631634"),
        bic: B.NormalizedBic.make("BANKFOTH"),
        mandate: new B.Mandate({ reference: generated, signedAt: today }),
        preferred: false
      })
    )
  })
})

describe("BankAccount personal data", () => {
  it("customer.personal-data-marked: holder, IBAN, BIC and mandate reference are marked", () => {
    expect(personalFields(B.BankAccount)).toEqual([
      { path: "holder", category: "identity" },
      { path: "iban", category: "financial" },
      { path: "bic", category: "financial" },
      { path: "mandate.reference", category: "financial" }
    ])
    expect(personalFields(B.BankAccountInput).map((f) => f.path)).toEqual(["holder", "iban", "bic", "mandateReference"])
  })

  it("customer.personal-data-marked: anonymization replaces holder, IBAN and reference with valid values and removes the BIC", () => {
    fc.assert(
      fc.property(
        fc.oneof(sepaIban, nonSepaIban),
        validBic,
        fc.stringMatching(/^[A-Z][a-z]{2,10} [A-Z][a-z]{2,12}$/),
        fc.nat(),
        (accountIban, bic, holder, seq) => {
          const original = new B.BankAccount({
            id: BankAccountId.make("ba-1"),
            holder,
            iban: accountIban,
            bic: B.NormalizedBic.make(bic),
            mandate: new B.Mandate({ reference: B.generateMandateReference("K1", seq), signedAt: today }),
            preferred: true
          })
          const erased = Result.getOrThrow(erasePersonalData(B.BankAccount, original))
          expect(erased).toEqual(
            new B.BankAccount({
              id: original.id,
              holder: "anonymized",
              iban: I.NormalizedIban.make(B.anonymizedIban),
              mandate: new B.Mandate({ reference: B.MandateReference.make("ANONYMIZED"), signedAt: today }),
              preferred: true
            })
          )
          const left = JSON.stringify(erased)
          for (const value of personalStrings(B.BankAccount, original)) {
            if (!["anonymized", B.anonymizedIban, "ANONYMIZED"].includes(value)) expect(left).not.toContain(value)
          }
        }
      ),
      { numRuns: runs(100) }
    )
  })

  it("customer.personal-data-marked: the IBAN replacement is itself a valid IBAN", () => {
    expect(I.isValidIban(B.anonymizedIban)).toBe(true)
    expect(Result.getOrThrow(I.makeIban("DE", "0".repeat(18)))).toBe(B.anonymizedIban)
  })
})

type Op =
  | { readonly _tag: "add"; readonly id: string; readonly preferred: boolean }
  | { readonly _tag: "remove"; readonly id: string }
  | { readonly _tag: "prefer"; readonly id: string }

const id = fc.constantFrom("a", "b", "c", "d", "e")
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ _tag: fc.constant("add" as const), id, preferred: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ _tag: fc.constant("remove" as const), id }), weight: 2 },
  { arbitrary: fc.record({ _tag: fc.constant("prefer" as const), id }), weight: 1 }
)

const preferredIds = (accounts: ReadonlyArray<B.BankAccount>) => accounts.filter((a) => a.preferred).map((a) => a.id)
const idsOf = (accounts: ReadonlyArray<B.BankAccount>) => accounts.map((a) => a.id)

describe("BankAccount preferred account", () => {
  it("bank-account.one-preferred: any sequence of adds, removes and preferences keeps exactly one preferred account", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        let accounts: ReadonlyArray<B.BankAccount> = []
        for (const o of ops) {
          const before = accounts
          const snapshot = JSON.stringify(before)
          const previous = preferredIds(before)[0]
          const known = idsOf(before).includes(BankAccountId.make(o.id))
          switch (o._tag) {
            case "add": {
              accounts = B.addBankAccount(before, account(o.id, o.preferred))
              expect(idsOf(accounts)).toEqual(known ? idsOf(before) : [...idsOf(before), o.id])
              const expected = before.length === 0 || o.preferred ? o.id : previous
              expect(preferredIds(accounts)).toEqual([expected])
              break
            }
            case "remove": {
              accounts = B.removeBankAccount(before, BankAccountId.make(o.id))
              expect(idsOf(accounts)).toEqual(idsOf(before).filter((x) => x !== o.id))
              if (accounts.length === 0) expect(preferredIds(accounts)).toEqual([])
              else if (previous === o.id) expect(preferredIds(accounts)).toEqual([accounts[0]!.id])
              else expect(preferredIds(accounts)).toEqual([previous])
              break
            }
            case "prefer": {
              accounts = B.preferBankAccount(before, BankAccountId.make(o.id))
              expect(idsOf(accounts)).toEqual(idsOf(before))
              expect(preferredIds(accounts)).toEqual(known ? [o.id] : preferredIds(before))
              break
            }
          }
          // The invariant, checked independently of hasOnePreferred, and the helpers are pure.
          expect(preferredIds(accounts)).toHaveLength(accounts.length === 0 ? 0 : 1)
          expect(B.hasOnePreferred(accounts)).toBe(true)
          expect(new Set(idsOf(accounts)).size).toBe(accounts.length)
          expect(B.preferredBankAccount(accounts)?.id).toBe(preferredIds(accounts)[0])
          expect(JSON.stringify(before)).toBe(snapshot)
        }
      }),
      { numRuns: runs(200) }
    )
  }, longTest)

  it("bank-account.one-preferred: the first account becomes preferred even when added as not preferred", () => {
    const [only] = B.addBankAccount([], account("a", false))
    expect(only?.preferred).toBe(true)
  })

  it("bank-account.one-preferred: removing the preferred account promotes the oldest remaining one", () => {
    let accounts = B.addBankAccount([], account("a", false))
    accounts = B.addBankAccount(accounts, account("b", false))
    accounts = B.addBankAccount(accounts, account("c", true))
    expect(preferredIds(accounts)).toEqual(["c"])
    accounts = B.removeBankAccount(accounts, BankAccountId.make("c"))
    expect(preferredIds(accounts)).toEqual(["a"])
    expect(B.removeBankAccount(accounts, BankAccountId.make("zz"))).toBe(accounts)
  })

  it("bank-account.one-preferred: hasOnePreferred rejects lists with none or two preferred", () => {
    expect(B.hasOnePreferred([])).toBe(true)
    expect(B.hasOnePreferred([account("a", false)])).toBe(false)
    expect(B.hasOnePreferred([account("a", true), account("b", true)])).toBe(false)
    expect(B.hasOnePreferred([account("a", true), account("b", false)])).toBe(true)
  })
})
