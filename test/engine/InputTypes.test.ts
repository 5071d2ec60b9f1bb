/**
 * The input types of the engine's members: each command's input is the encoded side of its input
 * Schema, so TypeScript completes and checks its shape (a branded id is a plain string there). The
 * `expectTypeOf` assertions and `@ts-expect-error` lines are type-level: `tsc --noEmit` (CI's
 * typecheck) fails when one does not hold (an expected error that is no error fails too). The
 * `it.effect` tests check that input the types would refuse, passed untyped, is still decoded at
 * run time into a typed `ValidationError`.
 */
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { Effect } from "effect"
import type { CommandInput, CustomerAccountsService } from "../../src/engine/CustomerAccounts.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import { admin, apiClient, registerCustomer, snapshot, withEngine } from "../support/engine.ts"
import { bankAccount } from "./fixtures.ts"

/** Calls that must (and must not) compile; never run, only type-checked. */
export const typed = (accounts: CustomerAccountsService) => [
  // The right shape compiles, with plain strings for branded ids.
  accounts.addBankAccount(admin, { customerId: "c-1", account: { holder: "Erika Mustermann", iban: "DE89 3704 0044 0532 0130 00" } }),
  accounts.setStatus(admin, { customerId: "c-1", to: "blocked", reason: "chargeback" }),
  accounts.loginCheck(admin, { email: "erika@example.de" }),
  accounts.register(admin, {
    profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" },
    registrationSource: "back-office"
  }),
  // @ts-expect-error a wrong field name (`acount`)
  accounts.addBankAccount(admin, { customerId: "c-1", acount: { holder: "Erika Mustermann", iban: "DE89 3704 0044 0532 0130 00" } }),
  // @ts-expect-error a missing field (`account`)
  accounts.addBankAccount(admin, { customerId: "c-1" }),
  // @ts-expect-error a wrong type (a number for the customer id)
  accounts.setStatus(admin, { customerId: 1, to: "blocked" }),
  // @ts-expect-error a value outside the Schema's literals
  accounts.setStatus(admin, { customerId: "c-1", to: "paused" }),
  // @ts-expect-error a field of neither side of the union
  accounts.loginCheck(admin, { login: "erika" }),
  // @ts-expect-error a plain string where the one-time password is `Redacted`
  accounts.completePasswordReset(admin, { customerId: "c-1", oneTimePassword: "Secret123456" })
]

describe("command input types", () => {
  it("a command's input is the encoded side of its Schema: branded ids are plain strings", () => {
    expectTypeOf<CommandInput<"setStatus">["customerId"]>().toEqualTypeOf<string>()
    expectTypeOf<CommandInput<"addBankAccount">["account"]["iban"]>().toEqualTypeOf<string>()
    expectTypeOf<CommandInput<"removeBankAccount">>().toEqualTypeOf<{ readonly customerId: string; readonly bankAccountId: string }>()
    expectTypeOf<CommandInput<"addBankAccount">>().toHaveProperty("account")
    expectTypeOf<Parameters<CustomerAccountsService["addBankAccount"]>[1]>().toEqualTypeOf<CommandInput<"addBankAccount">>()
  })

  it("the members without a Schema of their own stay untyped: `run` takes `unknown`", () => {
    expectTypeOf<Parameters<CustomerAccountsService["run"]>[2]>().toEqualTypeOf<unknown>()
    expectTypeOf<CommandInput<"run">>().toEqualTypeOf<never>()
    expectTypeOf<{ readonly customerId: string }>().toExtend<CommandInput<"anonymize">>()
  })

  it.effect("untrusted JSON is decoded at run time: bad input is a typed ValidationError and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      // `JSON.parse` gives `any`: accepted as it is, decoded by the engine.
      const body = JSON.parse(`{ "customerId": "${customerId}", "acount": { "holder": "Erika Mustermann" } }`)
      const fromJson = yield* Effect.flip(accounts.addBankAccount(admin, body))
      expect(fromJson).toMatchObject({ _tag: "ValidationError" })
      // A body typed `unknown` is asserted to the input type; the engine decodes it all the same.
      const unknownBody: unknown = { customerId, to: "paused" }
      const asserted = yield* Effect.flip(accounts.setStatus(admin, unknownBody as CommandInput<"setStatus">))
      expect(asserted).toMatchObject({ _tag: "ValidationError" })
      const login = yield* Effect.flip(accounts.loginCheck(apiClient(["read"]), { login: "x" } as unknown as CommandInput<"loginCheck">))
      expect(login).toMatchObject({ _tag: "ValidationError" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("typed input runs: the plain-string ids decode into the branded ones", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId: string = yield* registerCustomer()
      const outcome = yield* accounts.addBankAccount(admin, { customerId, account: bankAccount })
      expect(outcome.customerId).toBe(customerId)
      expect(outcome.created).toBeDefined()
    })))
})
