/**
 * Text hygiene through the engine (SPEC section 13): every free-text field refuses control
 * characters, lone surrogates and bidirectional controls with a typed error naming the field, and
 * the refused command stores nothing.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { CustomerId } from "../../src/domain/Ids.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import {
  admin,
  billing,
  type CommandName,
  customerCaller,
  erika,
  refusal,
  registerCustomer,
  run,
  snapshot,
  withEngine
} from "../support/engine.ts"
import type { Caller } from "../../src/engine/Caller.ts"
import { address, bankAccount } from "./fixtures.ts"

const company = { kind: "company", companyName: "Pumpen Müller GmbH", salutation: "none", email: "info@pumpen-mueller.de", language: "de" } as const

/** One forbidden character per kind: NUL, ESC, a line break, a lone surrogate, an override, an isolate, a mark. */
const poisons = ["\u0000", "\u001B", "\n", "\uD800", "\u202E", "\u2066", "\u200F"] as const

interface Field {
  readonly command: CommandName
  readonly caller: (customerId: CustomerId) => Caller
  readonly input: (customerId: CustomerId, text: string) => unknown
  readonly path: string
  readonly company?: boolean
}

const fields: ReadonlyArray<Field> = [
  { command: "changePersonalData", caller: () => admin, input: (customerId, t) => ({ customerId, change: { firstName: `Eri${t}ka` } }), path: "change.firstName" },
  { command: "changePersonalData", caller: () => admin, input: (customerId, t) => ({ customerId, change: { lastName: `Muster${t}mann` } }), path: "change.lastName" },
  { command: "changePersonalData", caller: () => admin, input: (customerId, t) => ({ customerId, change: { title: `Dr.${t}rer` } }), path: "change.title" },
  { command: "changePersonalData", caller: () => admin, input: (customerId, t) => ({ customerId, change: { email: `erika${t}@example.de` } }), path: "change.email" },
  { command: "addAddress", caller: () => admin, input: (customerId, t) => ({ customerId, kind: "billing", address: { ...address, street: `Heide${t}straße` } }), path: "address.street" },
  { command: "addAddress", caller: () => admin, input: (customerId, t) => ({ customerId, kind: "billing", address: { ...address, city: `Kö${t}ln` } }), path: "address.city" },
  { command: "addBankAccount", caller: () => admin, input: (customerId, t) => ({ customerId, account: { ...bankAccount, holder: `Eri${t}ka` } }), path: "account.holder" },
  { command: "changeConsent", caller: (c) => customerCaller(c), input: (customerId, t) => ({ customerId, channel: "email", to: "singleOptIn", source: `news${t}letter` }), path: "source" },
  { command: "addNote", caller: () => admin, input: (customerId, t) => ({ customerId, text: `call${t === "\n" ? "\u0000" : t}back` }), path: "text" },
  { command: "addHint", caller: () => admin, input: (customerId, t) => ({ customerId, text: `v${t === "\n" ? "\u0007" : t}ip` }), path: "text" },
  { command: "setStatus", caller: () => admin, input: (customerId, t) => ({ customerId, to: "blocked", reason: `fr${t}aud` }), path: "reason" },
  { command: "replaceAdditionalData", caller: () => admin, input: (customerId, t) => ({ customerId, data: { segment: `B2${t}C` } }), path: "data.segment" },
  { command: "addAccessRight", caller: () => admin, input: (customerId, t) => ({ customerId, right: { productId: "magazine-plus", validFrom: "2026-01-01T00:00:00.000Z", note: `x${t}y` } }), path: "right.note" },
  { command: "recordHostActivity", caller: () => billing, input: (customerId, t) => ({ customerId, type: "invoice.created", summary: `Inv${t}oice`, details: { invoiceId: "INV-1", amount: { amount: 1, currency: "EUR" } } }), path: "summary" },
  { command: "addDepartment", caller: () => admin, input: (customerId, t) => ({ customerId, kind: "branch", name: `No${t}rd` }), path: "name", company: true },
  { command: "sendInvitation", caller: () => admin, input: (customerId, t) => ({ customerId, name: `Jo${t}nas`, email: "jonas@example.de", language: "de", role: "member" }), path: "name", company: true }
]

describe("text hygiene through the engine", () => {
  it.effect("text.clean: every free-text field refuses each kind of forbidden character with a ValidationError naming the field, and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const privateId = yield* registerCustomer()
      const companyId = yield* registerCustomer(company)
      const before = { private: yield* snapshot(privateId), company: yield* snapshot(companyId) }
      for (const field of fields) {
        const customerId = field.company === true ? companyId : privateId
        for (const poison of poisons) {
          const label = `${field.command} ${field.path} with U+${poison.charCodeAt(0).toString(16)}`
          const result = yield* Effect.result(run(field.command, field.caller(customerId), field.input(customerId, poison)))
          if (result._tag === "Success") return expect.fail(`${label}: accepted`)
          const error = result.failure
          expect(error._tag, label).toBe("ValidationError")
          const issues = error["issues"] as ReadonlyArray<{ readonly path: string; readonly message: string }>
          expect(issues.map((i) => i.path), label).toContain(field.path)
          // The failure names the code point, never the text.
          expect(error.message, label).not.toContain("Eri")
        }
      }
      expect(yield* snapshot(privateId)).toEqual(before.private)
      expect(yield* snapshot(companyId)).toEqual(before.company)
    })), 120_000)

  it.effect("text.clean: register refuses a forbidden character in a name, the company name or the email", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      for (const [profile, path] of [
        [{ ...erika, firstName: "Eri\u202Eka" }, "profile.firstName"],
        [{ ...erika, lastName: "Muster\u0000mann" }, "profile.lastName"],
        [{ ...erika, email: "erika\u2066@example.de" }, "profile.email"],
        [{ ...company, companyName: "Pumpen\u0085Müller" }, "profile.companyName"]
      ] as const) {
        const error = yield* Effect.flip(accounts.register(admin, { profile, registrationSource: "back-office" }))
        expect(error._tag).toBe("ValidationError")
        if (error._tag === "ValidationError") expect(error.issues.map((i) => i.path)).toContain(path)
      }
      const found = yield* accounts.search(admin, { limit: 10 })
      expect(found.items).toHaveLength(0)
    })))

  it.effect("text.multiline: a note keeps tab, line feed and CRLF as typed", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("addNote", admin, { customerId, text: "line 1\r\nline 2\n\tindented" })
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const timeline = yield* accounts.timeline(admin, customerId, { limit: 10 })
      expect(timeline.items.map((a) => (a.details as { text?: string }).text)).toContain("line 1\r\nline 2\n\tindented")
    })))

  it.effect("text.refused-not-cut: a first name of 101 characters is refused, not stored as 100", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("changePersonalData", admin, { customerId, change: { firstName: "E".repeat(101) } })
      expect(error._tag).toBe("ValidationError")
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("text.normalized: a decomposed name and email are stored in NFC, and the NFC email is taken", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer({ ...erika, firstName: "Jose\u0301", email: "jose\u0301@example.de" })
      const account = yield* accounts.account(admin, customerId)
      expect(account.profile.firstName).toBe("Jos\u00e9")
      expect(account.profile.email).toBe("jos\u00e9@example.de")
      const error = yield* Effect.flip(registerCustomer({ ...erika, email: "JOS\u00c9@example.de" }))
      expect(error._tag).toBe("EmailTaken")
    })))
})
