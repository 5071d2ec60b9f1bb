/**
 * addBankAccount, removeBankAccount and setPreferredBankAccount on the real engine.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { generateMandateReference } from "../../src/domain/BankAccount.ts"
import type { CustomerId } from "../../src/domain/Ids.ts"
import { accountOf, activities, admin, erika, refusal, registerCustomer, run, snapshot, today, withEngine } from "../support/engine.ts"
import { bankAccount, iban1, iban2 } from "./fixtures.ts"

const add = (customerId: CustomerId, account: Record<string, unknown> = bankAccount) =>
  run("addBankAccount", admin, { customerId, account }).pipe(Effect.map((o) => o.created ?? ""))

const fullIbanIn = (value: unknown): boolean => {
  const text = JSON.stringify(value).replace(/\s/g, "")
  return text.includes(iban1) || text.includes(iban2)
}

describe("addBankAccount", () => {
  it.effect("mandate.reference-format: a missing mandate reference is the customer number and the account version it was added in, signed today", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const outcome = yield* run("addBankAccount", admin, { customerId, account: { holder: " Erika Mustermann ", iban: "de89 3704 0044 0532 0130 00" } })
      expect(outcome.created).toBe("bank-account-1")
      const account = yield* accountOf(customerId)
      const [held] = account.bankAccounts
      expect(held).toMatchObject({ id: "bank-account-1", holder: "Erika Mustermann", iban: iban1, preferred: true })
      expect(held?.mandate.reference).toBe(`${account.customerNumber}-2`)
      expect(held?.mandate.reference).toBe(generateMandateReference(account.customerNumber, 2))
      expect(held?.mandate.signedAt).toBe(today)
    })))

  it.effect("mandate.signature-date: a given mandate is kept; a signature date after today is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* add(customerId, { ...bankAccount, mandateReference: "MANDATE-2024-17", mandateSignedAt: "2024-05-02" })
      expect((yield* accountOf(customerId)).bankAccounts[0]?.mandate).toMatchObject({ reference: "MANDATE-2024-17", signedAt: "2024-05-02" })
      const before = yield* snapshot(customerId)
      const error = yield* refusal("addBankAccount", admin, { customerId, account: { ...bankAccount, iban: iban2, mandateSignedAt: "2026-11-24" } })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "mandate.signature-date", path: "account.mandateSignedAt" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("iban.masked: the activity shows the IBAN masked, never in full; its summary names the bank account's id, not the IBAN", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* add(customerId)
      const [added] = yield* activities(customerId)
      expect(added?.type).toBe("bank-account.added")
      expect(added?.group).toBe("invoices-and-payments")
      expect(added?.details).toEqual({ bankAccountId: "bank-account-1", maskedIban: "DE89 **** **** **** **30 00" })
      expect(added?.summary).toBe("Bank account bank-account-1 added")
      expect(fullIbanIn(yield* activities(customerId))).toBe(false)
    })))

  it.effect("bank-account.unique-iban: an IBAN the customer already holds is refused, however it is typed, and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const first = yield* add(customerId, { ...bankAccount, iban: iban1 })
      const before = yield* snapshot(customerId)
      const spaced = iban1.toLowerCase().replace(/(.{4})/g, "$1 ")
      const error = yield* refusal("addBankAccount", admin, { customerId, account: { ...bankAccount, iban: spaced } })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "bank-account.unique-iban", path: "account.iban" })
      expect(error.message).toContain(first)
      expect(error.message).not.toContain(iban1)
      expect(yield* snapshot(customerId)).toEqual(before)
      const other = yield* registerCustomer({ ...erika, email: "other@example.com" })
      expect((yield* accountOf(yield* Effect.as(add(other, { ...bankAccount, iban: iban1 }), other))).bankAccounts.map((a) => a.iban)).toEqual([iban1])
    })))

  it.effect("bank-account.one-preferred: an account added as preferred takes the mark", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* add(customerId)
      yield* add(customerId, { ...bankAccount, iban: iban2, preferred: true })
      expect((yield* accountOf(customerId)).bankAccounts.map((a) => [a.id, a.preferred])).toEqual([
        ["bank-account-1", false],
        ["bank-account-2", true]
      ])
    })))
})

describe("removeBankAccount", () => {
  it.effect("bank-account.one-preferred: removing the preferred account promotes the oldest remaining; the activity is masked", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* add(customerId)
      const second = yield* add(customerId, { ...bankAccount, iban: iban2 })
      yield* run("removeBankAccount", admin, { customerId, bankAccountId: "bank-account-1" })
      expect((yield* accountOf(customerId)).bankAccounts.map((a) => [a.id, a.preferred])).toEqual([[second, true]])
      const [removed] = yield* activities(customerId)
      expect(removed?.type).toBe("bank-account.removed")
      expect(removed?.details).toEqual({ bankAccountId: "bank-account-1", maskedIban: "DE89 **** **** **** **30 00" })
      expect(fullIbanIn(yield* activities(customerId))).toBe(false)
    })))

  it.effect("bank-account.known-id: removing an unknown bank account is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* add(customerId)
      const before = yield* snapshot(customerId)
      const error = yield* refusal("removeBankAccount", admin, { customerId, bankAccountId: "bank-account-7" })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "bank-account.known-id", path: "bankAccountId" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})

describe("setPreferredBankAccount", () => {
  it.effect("bank-account.one-preferred: preferring an account moves the mark; the activity shows both IBANs masked", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* add(customerId)
      const second = yield* add(customerId, { ...bankAccount, iban: iban2 })
      yield* run("setPreferredBankAccount", admin, { customerId, bankAccountId: second })
      expect((yield* accountOf(customerId)).bankAccounts.map((a) => a.preferred)).toEqual([false, true])
      const [changed] = yield* activities(customerId)
      expect(changed?.type).toBe("customer-data.changed")
      expect(changed?.details).toEqual({
        changes: [{ field: "preferredBankAccount", before: "DE89 **** **** **** **30 00", after: `${iban2.slice(0, 4)} **** **** **** **${iban2.slice(-4, -2)} ${iban2.slice(-2)}` }]
      })
      expect(changed?.summary).toBe(`Preferred bank account changed to ${second}`)
      expect(fullIbanIn(yield* activities(customerId))).toBe(false)
    })))

  it.effect("command.no-op-refused: preferring the preferred bank account is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const first = yield* add(customerId)
      const before = yield* snapshot(customerId)
      const error = yield* refusal("setPreferredBankAccount", admin, { customerId, bankAccountId: first })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "command.no-op-refused", command: "set-preferred-bank-account" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("bank-account.known-id: preferring an unknown bank account is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* add(customerId)
      const before = yield* snapshot(customerId)
      const error = yield* refusal("setPreferredBankAccount", admin, { customerId, bankAccountId: "nope" })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "bank-account.known-id" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})
