/**
 * IBANs in read models (SPEC section 13, "other leaks"): masked in the overview, the account
 * query and the timeline, full in the export and for a caller holding `read-bank-details`.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { maskIban, NormalizedIban } from "../../src/domain/Iban.ts"
import { isFullAccount, maskedIbanOf } from "../../src/engine/BankDetails.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import { admin, apiClient, customerCaller, registerCustomer, run, supporterWith, withEngine } from "../support/engine.ts"
import { bankAccount, iban1 } from "./fixtures.ts"

const masked = maskIban(Schema.decodeUnknownSync(NormalizedIban)(iban1))

describe("IBANs in read models", () => {
  it.effect("bank-account.iban-masked: overview, account and timeline show the IBAN masked to a reader without read-bank-details; the export and a holder of it see it full", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      yield* run("addBankAccount", admin, { customerId, account: bankAccount })
      const readers = [
        ["a supporter with read", supporterWith(["read"])],
        ["an API client with read", apiClient(["read"])],
        ["the customer itself", customerCaller(customerId)]
      ] as const
      for (const [who, reader] of readers) {
        const overview = yield* accounts.overview(reader, customerId)
        expect(overview.account.bankAccounts[0], who).toMatchObject({ iban: masked, ibanMasked: true })
        expect(JSON.stringify(overview), who).not.toContain(iban1)
        const account = yield* accounts.account(reader, customerId)
        expect(isFullAccount(account), who).toBe(false)
        expect(account.bankAccounts[0]?.iban, who).toBe(masked)
        expect(maskedIbanOf(account.bankAccounts[0]!), who).toBe(masked)
        expect(JSON.stringify(account), who).not.toContain(iban1)
        const timeline = yield* accounts.timeline(reader, customerId, { limit: 50 })
        expect(JSON.stringify(timeline), who).not.toContain(iban1)
      }
      const fullReaders = [
        ["a supporter with read and read-bank-details", supporterWith(["read", "read-bank-details"])],
        ["an API client with both scopes", apiClient(["read", "read-bank-details"])],
        ["an admin", admin]
      ] as const
      for (const [who, reader] of fullReaders) {
        const overview = yield* accounts.overview(reader, customerId)
        expect(overview.account.bankAccounts[0]?.iban, who).toBe(iban1)
        expect(overview.account.bankAccounts[0]?.ibanMasked, who).toBeUndefined()
        const account = yield* accounts.account(reader, customerId)
        expect(isFullAccount(account), who).toBe(true)
        expect(account.bankAccounts[0]?.iban, who).toBe(iban1)
        expect(maskedIbanOf(account.bankAccounts[0]!), who).toBe(masked)
      }
      // The export is the data subject's copy: it holds the full number.
      const exported = yield* accounts.exportCustomerData(supporterWith(["export"]), { customerId })
      expect(JSON.stringify(exported.document)).toContain(iban1)
      // Masking is a view: the stored account is unchanged.
      expect((yield* accounts.account(admin, customerId)).bankAccounts[0]?.iban).toBe(iban1)
    })))
})
