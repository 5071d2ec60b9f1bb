/**
 * Hostile and careless callers, keys and inputs through every member of the service (SPEC
 * section 13): each is a typed failure, never a defect, and stores nothing.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Redacted } from "effect"
import * as fc from "fast-check"
import * as Actor from "../../src/domain/Actor.ts"
import { ApiClientId, type CustomerId } from "../../src/domain/Ids.ts"
import type { Caller } from "../../src/engine/Caller.ts"
import { blockAccess } from "../../src/engine/commands/Status.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import { catalogue } from "../../src/catalogue/Catalogue.ts"
import { admin, erika, registerCustomer, snapshot, tenant, withEngine } from "../support/engine.ts"
import { address, bankAccount } from "./fixtures.ts"

type Member = (accounts: CustomerAccounts.CustomerAccountsService, caller: unknown, input: unknown, options?: unknown) => Effect.Effect<unknown, unknown>

// Members are called through loose types on purpose: the test passes what TypeScript would refuse.
const loose = (f: unknown) => f as (...args: Array<unknown>) => Effect.Effect<unknown, unknown>

/** A member taking `(caller, input, options?)`. */
const command = (name: keyof CustomerAccounts.CustomerAccountsService): Member => (accounts, caller, input, options) =>
  loose(accounts[name])(caller, input, options)

/** A query taking `(caller, customerId, ...rest)`: the hostile "input" is the customer id. */
const query = (name: keyof CustomerAccounts.CustomerAccountsService, ...rest: Array<unknown>): Member => (accounts, caller, input) =>
  loose(accounts[name])(caller, input, ...rest)

/** Every member with a well-formed input for customer `c`. */
const members = (c: CustomerId): ReadonlyArray<readonly [string, Member, unknown]> => [
  ["register", command("register"), { profile: erika, registrationSource: "back-office" }],
  ["setStatus", command("setStatus"), { customerId: c, to: "blocked", reason: "chargeback" }],
  ["blockAccess", command("blockAccess"), { customerId: c }],
  ["unblockAccess", command("unblockAccess"), { customerId: c }],
  ["changePersonalData", command("changePersonalData"), { customerId: c, change: { firstName: "Eri" } }],
  ["setProfileImage", command("setProfileImage"), { customerId: c, file: { name: "a.png", bytes: new Uint8Array([1, 2]) } }],
  ["replaceAdditionalData", command("replaceAdditionalData"), { customerId: c, data: { shoe: "42" } }],
  ["addAddress", command("addAddress"), { customerId: c, kind: "billing", address }],
  ["changeAddress", command("changeAddress"), { customerId: c, addressId: "address-1", address }],
  ["removeAddress", command("removeAddress"), { customerId: c, addressId: "address-1" }],
  ["setPreferredAddress", command("setPreferredAddress"), { customerId: c, addressId: "address-1" }],
  ["changeConsent", command("changeConsent"), { customerId: c, channel: "email", to: "requested", source: "newsletter form" }],
  ["addNote", command("addNote"), { customerId: c, text: "hello" }],
  ["addHint", command("addHint"), { customerId: c, text: "hello" }],
  ["addAccessRight", command("addAccessRight"), { customerId: c, right: { productId: "p-1", validFrom: "2026-11-23" } }],
  ["removeAccessRight", command("removeAccessRight"), { customerId: c, accessRightId: "access-right-1" }],
  ["addBankAccount", command("addBankAccount"), { customerId: c, account: bankAccount }],
  ["removeBankAccount", command("removeBankAccount"), { customerId: c, bankAccountId: "bank-account-1" }],
  ["setPreferredBankAccount", command("setPreferredBankAccount"), { customerId: c, bankAccountId: "bank-account-1" }],
  ["grantGoodwill", command("grantGoodwill"), { customerId: c, grant: { kind: "free-redelivery", orderId: "o-1" } }],
  ["checkout", command("checkout"), { customerId: c, lines: [{ productId: "p-1", quantity: 1 }] }],
  ["recordHostActivity", command("recordHostActivity"), { customerId: c, type: "invoice-created", summary: "Invoice", details: {} }],
  ["deleteCustomer", command("deleteCustomer"), { customerId: c }],
  ["anonymize", command("anonymize"), { customerId: c }],
  ["exportCustomerData", command("exportCustomerData"), { customerId: c }],
  ["resetPassword", command("resetPassword"), { customerId: c }],
  ["completePasswordReset", command("completePasswordReset"), { customerId: c, oneTimePassword: Redacted.make("123456") }],
  ["disableTwoFactor", command("disableTwoFactor"), { customerId: c }],
  ["loginCheck", command("loginCheck"), { customerId: c }],
  ["addDepartment", command("addDepartment"), { customerId: c, kind: "branch", name: "Nord" }],
  ["renameDepartment", command("renameDepartment"), { customerId: c, departmentId: "department-1", name: "Süd" }],
  ["moveDepartment", command("moveDepartment"), { customerId: c, departmentId: "department-1", parentId: null }],
  ["removeDepartment", command("removeDepartment"), { customerId: c, departmentId: "department-1" }],
  ["switchModules", command("switchModules"), { customerId: c, modules: { tickets: true } }],
  ["changeNotificationSettings", command("changeNotificationSettings"), { customerId: c, notifyAboutDevices: true }],
  ["setTeamMapping", command("setTeamMapping"), { customerId: c, metaTeamId: "m-1", teamId: "t-1" }],
  ["removeTeamMapping", command("removeTeamMapping"), { customerId: c, metaTeamId: "m-1" }],
  ["sendInvitation", command("sendInvitation"), { customerId: c, name: "Ina", email: "ina@example.de", language: "de", role: "user" }],
  ["resendInvitation", command("resendInvitation"), { customerId: c, invitationId: "invitation-1" }],
  ["revokeInvitation", command("revokeInvitation"), { customerId: c, invitationId: "invitation-1" }],
  ["acceptInvitation", command("acceptInvitation"), { customerId: c, invitationId: "invitation-1" }],
  ["run", (accounts, caller, input, options) => loose(accounts.run)(blockAccess, caller, input, options), { customerId: c }],
  ["account", query("account"), c],
  ["overview", query("overview"), c],
  ["timeline", query("timeline", { limit: 10 }), c],
  ["histogram", query("histogram", { bucket: "day" }), c],
  ["statusHistory", query("statusHistory"), c],
  ["consentHistory", query("consentHistory"), c],
  ["search", (accounts, caller, input) => loose(accounts.search)(caller, input), { limit: 10 }],
  ["changes", (accounts, caller, input) => loose(accounts.changes)(caller, input), { limit: 10 }],
  ["listServiceRecords", (accounts, caller, input) => loose(accounts.listServiceRecords)(caller, input, "devices", { limit: 10 }), c],
  ["serviceStatistics", query("serviceStatistics"), c],
  ["serviceSettings", query("serviceSettings"), c],
  ["departments", query("departments"), c],
  ["invitations", query("invitations"), c],
  ["responsibleTeams", query("responsibleTeams"), c],
  ["anonymizationPlan", command("anonymizationPlan"), { customerId: c }]
]

const throwing = <T extends object>(target: T, trap: keyof ProxyHandler<T>): T =>
  new Proxy(target, { [trap]: () => { throw new Error("trap") } })

const getterThrowing = (base: Record<string, unknown>, key: string): Record<string, unknown> => {
  const out = { ...base }
  Object.defineProperty(out, key, { enumerable: true, get: () => { throw new Error("getter") } })
  return out
}

const supporter = Actor.supporter(admin.actor._tag === "supporter" ? admin.actor.userId : ("x" as never), "Mia Support")

/** Malformed callers: each must be refused as a `Caller`. */
const hostileCallers: ReadonlyArray<readonly [string, unknown]> = [
  ["undefined", undefined],
  ["null", null],
  ["{}", {}],
  ["a number", 42],
  ["no tenant", { actor: supporter, grants: admin.grants }],
  ["a malformed tenant", { ...admin, tenantId: "a b" }],
  ["a numeric tenant", { ...admin, tenantId: 42 }],
  ["no actor", { tenantId: tenant, grants: admin.grants }],
  ["actor null", { ...admin, actor: null }],
  ["an unknown actor kind", { ...admin, actor: { _tag: "admin" } }],
  ["a supporter without id", { ...admin, actor: { _tag: "supporter", displayName: "Mia" } }],
  ["grants null", { ...admin, grants: null }],
  ["roles as a string", { ...admin, grants: { supporterRoles: "all" } }],
  ["an unknown permission", { ...admin, grants: { supporterRoles: [{ name: "x", permissions: ["everything"] }] } }],
  ["scopes as one string", { tenantId: tenant, actor: Actor.api(ApiClientId.make("shop")), grants: { apiScopes: "manage-access-rights read" } }],
  ["an unknown key", { ...admin, grant: admin.grants }],
  ["a throwing getter", getterThrowing({ ...admin }, "actor")],
  ["a throwing Proxy", throwing({ ...admin }, "get")],
  ["a Proxy throwing on ownKeys", throwing({ ...admin }, "ownKeys")],
  ["a revoked Proxy", (() => {
    const { proxy, revoke } = Proxy.revocable({ ...admin }, {})
    revoke()
    return proxy
  })()]
]

/** Malformed idempotency keys, as a client's `Idempotency-Key` header may carry them. */
const hostileOptions: ReadonlyArray<readonly [string, unknown, string]> = [
  ["an empty key", { idempotencyKey: "" }, "IdempotencyKey"],
  ["a key of 201 characters", { idempotencyKey: "k".repeat(201) }, "IdempotencyKey"],
  ["a numeric key", { idempotencyKey: 42 }, "IdempotencyKey"],
  ["a key with NUL", { idempotencyKey: "a\u0000b" }, "IdempotencyKey"],
  ["a key with a line break", { idempotencyKey: "a\r\nSet-Cookie: x" }, "IdempotencyKey"],
  ["a non-ASCII key", { idempotencyKey: "schlüssel" }, "IdempotencyKey"],
  ["options null", null, "CommandOptions"],
  ["options a string", "key-1", "CommandOptions"],
  ["options with a throwing getter", getterThrowing({}, "idempotencyKey"), "CommandOptions"]
]

/** Hostile variants of a well-formed input. */
const hostileInputs = (input: unknown): ReadonlyArray<readonly [string, unknown]> => {
  const base = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : undefined
  const keyed = base === undefined ? [] : Object.keys(base).map((key) => [`a throwing getter at ${key}`, getterThrowing(base, key)] as const)
  const nested = base === undefined
    ? []
    : Object.entries(base).flatMap(([key, value]) =>
      typeof value === "object" && value !== null && !(value instanceof Uint8Array) && !Redacted.isRedacted(value)
        ? [[`a throwing Proxy at ${key}`, { ...base, [key]: throwing(value as object, "get") }] as const]
        : []
    )
  const cyclic: Record<string, unknown> = { ...base }
  cyclic["self"] = cyclic
  return [
    ["null", null],
    ["a number", 42],
    ["an array", []],
    ["a throwing Proxy", throwing({ ...base }, "get")],
    ["a Proxy throwing on ownKeys", throwing({ ...base }, "ownKeys")],
    ["a Proxy throwing on getPrototypeOf", throwing({ ...base }, "getPrototypeOf")],
    ["a Proxy throwing on getOwnPropertyDescriptor", throwing({ ...base }, "getOwnPropertyDescriptor")],
    ["a cycle", cyclic],
    ...keyed,
    ...nested
  ]
}

/** Runs a member and returns its typed failure; a defect or a success fails the test. */
const typedFailure = (label: string, effect: Effect.Effect<unknown, unknown>) =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(effect)
    if (Exit.isSuccess(exit)) return expect.fail(`${label}: succeeded`)
    expect(Cause.hasDies(exit.cause), `${label}: died with ${Cause.pretty(exit.cause)}`).toBe(false)
    const error = Cause.squash(exit.cause) as { readonly _tag?: unknown; readonly message?: unknown }
    expect(typeof error._tag, label).toBe("string")
    expect(typeof error.message, label).toBe("string")
    return error as { readonly _tag: string; readonly subject?: string; readonly issues?: ReadonlyArray<{ readonly path: string }> }
  })

/** A generous budget: these tests run many members, and must not fail on a loaded machine. */
const budget = 120_000

describe("hostile callers, keys and inputs", () => {
  it("covers every member of the catalogue, and run", () => {
    expect(new Set(members("c-1" as CustomerId).map(([name]) => name))).toEqual(new Set([...Object.keys(catalogue), "run"]))
  })

  it.effect("caller.decoded: every command, query and run refuses a malformed caller with a typed ValidationError naming Caller, and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      for (const [name, member, input] of members(customerId)) {
        for (const [what, caller] of hostileCallers) {
          const error = yield* typedFailure(`${name} with ${what}`, member(accounts, caller, input))
          expect(error._tag, `${name} with ${what}`).toBe("ValidationError")
          expect(error.subject, `${name} with ${what}`).toBe("Caller")
        }
      }
      expect(yield* snapshot(customerId)).toEqual(before)
    })), budget)

  it.effect("caller.decoded: scopes given as one string never grant a permission a substring of them names", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const caller = { tenantId: tenant, actor: Actor.api(ApiClientId.make("shop")), grants: { apiScopes: "manage-access-rights read" } }
      const error = yield* Effect.flip(accounts.blockAccess(caller as unknown as Caller, { customerId }))
      expect(error._tag).toBe("ValidationError")
      expect(error._tag === "ValidationError" ? error.issues[0]?.path : undefined).toBe("grants.apiScopes")
      expect((yield* accounts.account(admin, customerId)).lifecycle.productAccess).toBe("granted")
    })), budget)

  it.effect("command.idempotency-key-format: a malformed idempotency key or options is a typed ValidationError, and the command runs not at all", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      // The queries and the commands that take no options (no idempotency key), from the catalogue.
      const withoutOptions: ReadonlyArray<string> = Object.values(catalogue).filter((d) => d._tag === "Query" || !d.idempotent).map((d) => d.name)
      const keyed = members(customerId).filter(([name, , input]) => !withoutOptions.includes(name) && typeof input === "object")
      for (const [name, member, input] of keyed) {
        for (const [what, options, subject] of hostileOptions) {
          const error = yield* typedFailure(`${name} with ${what}`, member(accounts, admin, input, options))
          expect(error._tag, `${name} with ${what}`).toBe("ValidationError")
          expect(error.subject, `${name} with ${what}`).toBe(subject)
        }
      }
      expect(yield* snapshot(customerId)).toEqual(before)
      // The limits themselves are accepted: 200 printable ASCII characters, and one.
      yield* accounts.addNote(admin, { customerId, text: "a" }, { idempotencyKey: "k".repeat(200) })
      yield* accounts.addNote(admin, { customerId, text: "b" }, { idempotencyKey: " " })
    })), budget)

  it.effect("input.readable: throwing getters, throwing proxies, cycles, null and wrong types fail typed at every member and store nothing", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      let cases = 0
      for (const [name, member, input] of members(customerId)) {
        for (const [what, hostile] of hostileInputs(input)) {
          const run = member(accounts, admin, hostile, { idempotencyKey: `k-${cases}` })
          cases += 1
          // The queries about no single customer take the query object as their input (search, changes).
          if (!Object.values(catalogue).some((d) => d.name === name && d._tag === "Query" && !d.perCustomer)) {
            yield* typedFailure(`${name} with ${what}`, run)
            continue
          }
          // A query's input is decoded, never read again: a Proxy whose reads all work may succeed.
          const exit = yield* Effect.exit(run)
          if (Exit.isFailure(exit)) expect(Cause.hasDies(exit.cause), `${name} with ${what}`).toBe(false)
        }
      }
      expect(cases).toBeGreaterThan(300)
      expect(yield* snapshot(customerId)).toEqual(before)
    })), budget)

  it.effect("input.readable: a getter that changes its answer is read once, so decoding and the stored value agree", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      let reads = 0
      const input = {
        customerId,
        get text(): string {
          reads += 1
          if (reads > 1) throw new Error("read twice")
          return "first read"
        }
      }
      yield* accounts.addNote(admin, input, { idempotencyKey: "once" })
      expect(reads).toBe(1)
      const timeline = yield* accounts.timeline(admin, customerId, { limit: 10 })
      expect(timeline.items.map((a) => (a.details as { text?: string }).text)).toContain("first read")
    })), budget)

  it.effect("input.readable: members with a step after the write read the input and caller once too", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const companyId = yield* registerCustomer({ kind: "company", companyName: "Pumpen Müller GmbH", salutation: "none", email: "info@pumpen-mueller.de", language: "de" })
      /** A copy of `value` whose every key answers once and throws on a second read. */
      const readOnce = <T extends object>(value: T): T => {
        const read = new Set<PropertyKey>()
        return new Proxy(value, {
          get: (target, key, receiver) => {
            if (typeof key === "string" && key in target) {
              if (read.has(key)) throw new Error(`read ${key} twice`)
              read.add(key)
            }
            return Reflect.get(target, key, receiver) as unknown
          }
        })
      }
      const runs: ReadonlyArray<readonly [string, Member, unknown, CustomerId]> = [
        ["sendInvitation", command("sendInvitation"), { customerId: companyId, name: "Ina", email: "ina@example.de", language: "de", role: "member" }, companyId],
        ["revokeInvitation", command("revokeInvitation"), { customerId: companyId, invitationId: "invitation-1" }, companyId],
        ["resetPassword", command("resetPassword"), { customerId }, customerId],
        ["exportCustomerData", command("exportCustomerData"), { customerId }, customerId],
        ["anonymize", command("anonymize"), { customerId }, customerId]
      ]
      for (const [name, member, input] of runs) {
        const exit = yield* Effect.exit(member(accounts, readOnce({ ...admin }), readOnce(input as object), readOnce({ idempotencyKey: `once-${name}` })))
        expect(Exit.isSuccess(exit), `${name}: ${Exit.isFailure(exit) ? Cause.pretty(exit.cause) : ""}`).toBe(true)
      }
    })), budget)

  it.effect("input.readable: random values with throwing getters anywhere never make a member die or change the account", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const all = members(customerId)
      const poisoned: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
        value: fc.oneof(
          { depthSize: "small" },
          fc.anything({ maxDepth: 1 }),
          fc.constant(throwing({}, "get")),
          fc.dictionary(fc.string({ maxLength: 8 }), tie("value"), { maxKeys: 3 }).map((d) =>
            getterThrowing(d as Record<string, unknown>, "customerId")
          )
        )
      })).value
      const samples = fc.sample(fc.tuple(fc.integer({ min: 0, max: all.length - 1 }), poisoned), { numRuns: 200, seed: 13 })
      for (const [index, hostile] of samples) {
        const [name, member] = all[index]!
        const exit = yield* Effect.exit(member(accounts, admin, hostile))
        if (Exit.isFailure(exit)) expect(Cause.hasDies(exit.cause), `${name}: ${Cause.pretty(exit.cause)}`).toBe(false)
      }
      expect(yield* snapshot(customerId)).toEqual(before)
    })), budget)
})
