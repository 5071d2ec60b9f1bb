/**
 * The input types of the engine's members: each command's input, and each query's customer id and
 * query object, is the encoded side of the Schema that decodes it, so TypeScript completes and
 * checks its shape (a branded id is a plain string there). The
 * `expectTypeOf` assertions and `@ts-expect-error` lines are type-level: `tsc --noEmit` (CI's
 * typecheck) fails when one does not hold (an expected error that is no error fails too). The
 * `it.effect` tests check that input the types would refuse, passed untyped, is still decoded at
 * run time into a typed `ValidationError`.
 */
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { Effect } from "effect"
import type { ListQuery } from "../../src/domain/ListQuery.ts"
import type { CommandInput, CustomerAccountsService, QueryInput, QueryParameters } from "../../src/engine/CustomerAccounts.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import type { CustomerSearch, HistogramQuery, TimelineQuery } from "../../src/ports/AccountStore.ts"
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

/** Query calls that must (and must not) compile; never run, only type-checked. */
export const typedQueries = (accounts: CustomerAccountsService) => [
  // The right shapes compile: the customer id is a plain string, instants are ISO strings.
  accounts.overview(admin, "c-1"),
  accounts.account(admin, "c-1"),
  accounts.statusHistory(admin, "c-1"),
  accounts.timeline(admin, "c-1", { limit: 20, groups: ["status-and-access"], actorKinds: ["supporter"], from: "2026-01-01T00:00:00Z" }),
  accounts.histogram(admin, "c-1", { bucket: "week", until: "2026-02-01T00:00:00Z" }),
  accounts.consentHistory(admin, "c-1"),
  accounts.consentHistory(admin, "c-1", "email"),
  accounts.search(admin, { text: "erika@example.de", limit: 10 }),
  accounts.listServiceRecords(admin, "c-1", "devices", { search: "pump", sort: { key: "registeredAt", direction: "desc" }, filters: { status: ["online", "offline"] }, limit: 10 }),
  accounts.serviceStatistics(admin, "c-1"),
  accounts.serviceStatistics(admin, "c-1", { months: 3 }),
  accounts.serviceSettings(admin, "c-1"),
  accounts.departments(admin, "c-1"),
  accounts.invitations(admin, "c-1"),
  accounts.responsibleTeams(admin, "c-1", { metaTeamId: "support", departmentId: "d-1" }),
  accounts.anonymizationPlan(admin, { customerId: "c-1" }),
  // @ts-expect-error a number for the customer id
  accounts.overview(admin, 1),
  // @ts-expect-error an object for the customer id
  accounts.statusHistory(admin, { customerId: "c-1" }),
  // @ts-expect-error a wrong field name (`limt`)
  accounts.timeline(admin, "c-1", { limt: 20 }),
  // @ts-expect-error a missing field (`limit`)
  accounts.timeline(admin, "c-1", { groups: ["orders"] }),
  // @ts-expect-error a group outside the Schema's literals
  accounts.timeline(admin, "c-1", { limit: 20, groups: ["everything"] }),
  // @ts-expect-error a bucket outside the Schema's literals
  accounts.histogram(admin, "c-1", { bucket: "year" }),
  // @ts-expect-error a channel outside the Schema's literals
  accounts.consentHistory(admin, "c-1", "fax"),
  // @ts-expect-error a string where the page size is a number
  accounts.search(admin, { text: "erika", limit: "10" }),
  // @ts-expect-error a list the service platform does not have
  accounts.listServiceRecords(admin, "c-1", "orders", { limit: 10 }),
  // @ts-expect-error a sort direction outside `asc` / `desc`
  accounts.listServiceRecords(admin, "c-1", "devices", { sort: { key: "registeredAt", direction: "up" }, limit: 10 }),
  // @ts-expect-error a string where the months are a number
  accounts.serviceStatistics(admin, "c-1", { months: "3" }),
  // @ts-expect-error a field the query does not have (`teamId`)
  accounts.responsibleTeams(admin, "c-1", { teamId: "t-1" }),
  // @ts-expect-error the plan takes `{ customerId }`, not the bare id
  accounts.anonymizationPlan(admin, "c-1")
]

describe("query input types", () => {
  it("a query's parameters are the encoded sides of their Schemas: the customer id is a plain string", () => {
    expectTypeOf<QueryInput<"timeline">>().toEqualTypeOf<typeof TimelineQuery.Encoded>()
    expectTypeOf<QueryInput<"histogram">>().toEqualTypeOf<typeof HistogramQuery.Encoded>()
    expectTypeOf<QueryInput<"search">>().toEqualTypeOf<typeof CustomerSearch.Encoded>()
    expectTypeOf<QueryInput<"listServiceRecords">>().toEqualTypeOf<typeof ListQuery.Encoded>()
    expectTypeOf<QueryInput<"serviceStatistics">>().toEqualTypeOf<{ readonly months?: number }>()
    expectTypeOf<QueryInput<"consentHistory">>().toEqualTypeOf<"email" | "phone" | "post" | "messenger">()
    expectTypeOf<QueryInput<"anonymizationPlan">>().toEqualTypeOf<{ readonly customerId: string }>()
    expectTypeOf<QueryInput<"overview">>().toEqualTypeOf<string>()
    expectTypeOf<QueryInput<"timeline">["from"]>().toEqualTypeOf<string | undefined>()
    expectTypeOf<QueryParameters<"timeline">>().toEqualTypeOf<[customerId: string, query: typeof TimelineQuery.Encoded]>()
    expectTypeOf<Parameters<CustomerAccountsService["departments"]>[1]>().toEqualTypeOf<string>()
  })

  it.effect("untrusted query input is decoded at run time: bad input is a typed ValidationError", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      // `JSON.parse` gives `any`: accepted as it is, decoded by the engine.
      const query = JSON.parse(`{ "limit": "ten" }`)
      expect(yield* Effect.flip(accounts.timeline(admin, customerId, query))).toMatchObject({ _tag: "ValidationError" })
      // A query typed `unknown` is asserted to the input type; the engine decodes it all the same.
      const unknownQuery: unknown = { bucket: "year" }
      const histogram = yield* Effect.flip(accounts.histogram(admin, customerId, unknownQuery as QueryInput<"histogram">))
      expect(histogram).toMatchObject({ _tag: "ValidationError" })
      // Deliberately wrong types, as a JavaScript caller might pass them.
      expect(yield* Effect.flip(accounts.overview(admin, 42 as never))).toMatchObject({ _tag: "ValidationError" })
      expect(yield* Effect.flip(accounts.consentHistory(admin, customerId, "fax" as never))).toMatchObject({ _tag: "ValidationError" })
      const list = yield* Effect.flip(accounts.listServiceRecords(admin, customerId, "devices", { limit: "10" } as never))
      expect(list).toMatchObject({ _tag: "ValidationError" })
      expect(yield* Effect.flip(accounts.serviceStatistics(admin, customerId, { months: "3" } as never))).toMatchObject({ _tag: "ValidationError" })
      expect(yield* Effect.flip(accounts.search(admin, null as never))).toMatchObject({ _tag: "ValidationError" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("typed query input runs: the plain-string id and ISO instants decode", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId: string = yield* registerCustomer()
      const query: QueryInput<"timeline"> = { limit: 10, from: "2000-01-01T00:00:00Z" }
      const page = yield* accounts.timeline(admin, customerId, query)
      expect(page.items.length).toBeGreaterThan(0)
      expect(page.items.every((a) => a.customerId === customerId)).toBe(true)
      expect((yield* accounts.overview(admin, customerId)).account.customerId).toBe(customerId)
    })))
})

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
