/**
 * Every account command of the engine, run on the in-memory adapters, against the checks every
 * command shares: valid input succeeds and raises the version by one; bad input is a
 * `ValidationError` with the path of the problem; a caller without the command's permission is
 * `PermissionDenied`; the same call under another tenant is `CustomerNotFound`. A refused command
 * stores nothing: the account, its timeline and its files are as before.
 *
 * The commands' own behaviour (state, activities, state refusals) is tested in the files next to
 * this one.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { MemoryGoodwillControl } from "../../src/adapters/memory/MemoryGoodwill.ts"
import type { CustomerId } from "../../src/domain/Ids.ts"
import { requiredPermission } from "../../src/domain/Permission.ts"
import { pdf } from "../fixtures/files.ts"
import {
  admin,
  billing,
  type CommandName,
  foreignAdmin,
  powerless,
  refusal,
  registerCustomer,
  run,
  snapshot,
  tenant,
  withEngine
} from "../support/engine.ts"
import { address, bankAccount, iban2 } from "./fixtures.ts"

type Context = Readonly<Record<string, string>>

interface Case {
  /** The command. */
  readonly name: CommandName
  /** The caller of the valid input (default: the supporter with every permission). */
  readonly caller?: typeof admin
  /** Prepares the account (and the host) for the command; returns ids the input needs. */
  readonly setup?: (customerId: CustomerId) => Effect.Effect<Context, unknown, any>
  /** A valid input. */
  readonly input: (customerId: CustomerId, context: Context) => Record<string, unknown>
  /** An invalid input and the path the `ValidationError` names. */
  readonly bad: { readonly input: (customerId: CustomerId, context: Context) => unknown; readonly path: string }
}

const addAddress = (customerId: CustomerId, kind = "billing") =>
  run("addAddress", admin, { customerId, kind, address }).pipe(Effect.map((o) => o.created ?? ""))

const addBankAccount = (customerId: CustomerId, account: Record<string, unknown> = bankAccount) =>
  run("addBankAccount", admin, { customerId, account }).pipe(Effect.map((o) => o.created ?? ""))

const cases: ReadonlyArray<Case> = [
  {
    name: "changePersonalData",
    input: (customerId) => ({ customerId, change: { lastName: "Musterfrau" } }),
    bad: { input: (customerId) => ({ customerId, change: { email: "erika-at-example.de" } }), path: "change.email" }
  },
  {
    name: "replaceAdditionalData",
    input: (customerId) => ({ customerId, data: { "crm.segment": "B2C" } }),
    bad: { input: (customerId) => ({ customerId, data: { "bad key": "x" } }), path: "data.bad key" }
  },
  {
    name: "addAddress",
    input: (customerId) => ({ customerId, kind: "billing", address }),
    bad: { input: (customerId) => ({ customerId, kind: "billing", address: { ...address, postalCode: "5114" } }), path: "address.postalCode" }
  },
  {
    name: "changeAddress",
    setup: (customerId) => addAddress(customerId).pipe(Effect.map((addressId) => ({ addressId }))),
    input: (customerId, { addressId }) => ({ customerId, addressId, address: { ...address, street: "Neue Straße" } }),
    bad: {
      input: (customerId, { addressId }) => ({ customerId, addressId, address: { ...address, country: "Germany" } }),
      path: "address.country"
    }
  },
  {
    name: "removeAddress",
    setup: (customerId) => addAddress(customerId).pipe(Effect.map((addressId) => ({ addressId }))),
    input: (customerId, { addressId }) => ({ customerId, addressId }),
    bad: { input: (customerId) => ({ customerId, addressId: "" }), path: "addressId" }
  },
  {
    name: "setPreferredAddress",
    setup: (customerId) =>
      Effect.gen(function*() {
        yield* addAddress(customerId)
        return { addressId: yield* addAddress(customerId) }
      }),
    input: (customerId, { addressId }) => ({ customerId, addressId }),
    bad: { input: (customerId) => ({ customerId, addressId: 42 }), path: "addressId" }
  },
  {
    name: "changeConsent",
    input: (customerId) => ({ customerId, channel: "email", to: "singleOptIn", source: "newsletter-form", textVersion: "v3" }),
    bad: { input: (customerId) => ({ customerId, channel: "fax", to: "singleOptIn", source: "newsletter-form" }), path: "channel" }
  },
  {
    name: "addNote",
    input: (customerId) => ({ customerId, text: "Called about the late delivery", files: [{ name: "offer.pdf", bytes: pdf() }] }),
    bad: {
      input: (customerId) => ({ customerId, text: "See file", files: [{ name: "offer.pdf", bytes: "JVBERi0xLjc=" }] }),
      path: "files.0.bytes"
    }
  },
  {
    name: "addHint",
    input: (customerId) => ({ customerId, text: "Prefers calls after 6 pm" }),
    bad: { input: (customerId) => ({ customerId, text: "   " }), path: "text" }
  },
  {
    name: "addAccessRight",
    input: (customerId) => ({ customerId, right: { productId: "magazine-plus", validFrom: "2026-01-01T00:00:00.000Z" } }),
    bad: {
      input: (customerId) => ({
        customerId,
        right: { productId: "magazine-plus", validFrom: "2026-06-01T00:00:00.000Z", validUntil: "2026-01-01T00:00:00.000Z" }
      }),
      path: "right.validUntil"
    }
  },
  {
    name: "removeAccessRight",
    setup: (customerId) =>
      run("addAccessRight", admin, { customerId, right: { productId: "magazine-plus", validFrom: "2026-01-01T00:00:00.000Z" } }).pipe(
        Effect.map((o) => ({ accessRightId: o.created ?? "" }))
      ),
    input: (customerId, { accessRightId }) => ({ customerId, accessRightId }),
    bad: { input: (customerId) => ({ customerId, accessRightId: "no spaces allowed" }), path: "accessRightId" }
  },
  {
    name: "addBankAccount",
    input: (customerId) => ({ customerId, account: bankAccount }),
    bad: { input: (customerId) => ({ customerId, account: { ...bankAccount, iban: "DE88370400440532013000" } }), path: "account.iban" }
  },
  {
    name: "removeBankAccount",
    setup: (customerId) => addBankAccount(customerId).pipe(Effect.map((bankAccountId) => ({ bankAccountId }))),
    input: (customerId, { bankAccountId }) => ({ customerId, bankAccountId }),
    bad: { input: (customerId) => ({ customerId }), path: "bankAccountId" }
  },
  {
    name: "setPreferredBankAccount",
    setup: (customerId) =>
      Effect.gen(function*() {
        yield* addBankAccount(customerId)
        return { bankAccountId: yield* addBankAccount(customerId, { ...bankAccount, iban: iban2 }) }
      }),
    input: (customerId, { bankAccountId }) => ({ customerId, bankAccountId }),
    bad: { input: (customerId) => ({ customerId, bankAccountId: null }), path: "bankAccountId" }
  },
  {
    name: "grantGoodwill",
    setup: (customerId) =>
      Effect.gen(function*() {
        const goodwill = yield* MemoryGoodwillControl
        yield* goodwill.addSubscription(tenant, customerId, { subscriptionId: "sub-1", active: true, issueBased: true })
        return {}
      }),
    input: (customerId) => ({ customerId, grant: { kind: "free-issues", subscriptionId: "sub-1", issues: 3 } }),
    bad: { input: (customerId) => ({ customerId, grant: { kind: "free-issues", subscriptionId: "sub-1", issues: 101 } }), path: "grant.issues" }
  },
  {
    name: "checkout",
    input: (customerId) => ({ customerId, lines: [{ productId: "magazine-1", quantity: 2 }] }),
    bad: { input: (customerId) => ({ customerId, lines: [{ productId: "magazine-1", quantity: 0 }] }), path: "lines.0.quantity" }
  },
  {
    name: "recordHostActivity",
    caller: billing,
    input: (customerId) => ({
      customerId,
      type: "invoice.created",
      summary: "Invoice INV-1 created",
      details: { invoiceId: "INV-1", amount: { amount: 1999, currency: "EUR" } }
    }),
    bad: {
      input: (customerId) => ({
        customerId,
        type: "invoice.created",
        summary: "Invoice INV-1 created",
        details: { invoiceId: "INV-1", amount: { amount: 1999, currency: "euro" } }
      }),
      path: "details.amount.currency"
    }
  }
]

const prepared = (c: Case) =>
  Effect.gen(function*() {
    const customerId = yield* registerCustomer()
    const context = c.setup === undefined ? {} : yield* c.setup(customerId)
    return { customerId, context, before: yield* snapshot(customerId) }
  })

describe("every account command", () => {
  for (const c of cases) {
    describe(c.name, () => {
      it.effect(`command.atomic: ${c.name} with valid input succeeds, appends activities and raises the version by one`, () =>
        withEngine(Effect.gen(function*() {
          const { before, context, customerId } = yield* prepared(c)
          const outcome = yield* run(c.name, c.caller ?? admin, c.input(customerId, context))
          const after = yield* snapshot(customerId)
          expect(outcome.customerId).toBe(customerId)
          expect(outcome.version).toBe(before.account.version + 1)
          expect(after.account.version).toBe(outcome.version)
          expect(outcome.activityIds.length).toBeGreaterThan(0)
          expect(after.activityIds.slice(0, outcome.activityIds.length).toSorted()).toEqual([...outcome.activityIds].sort())
          expect(after.activityIds.slice(outcome.activityIds.length)).toEqual(before.activityIds)
        })))

      it.effect(`command.atomic: ${c.name} with bad input is a ValidationError at ${c.bad.path} and stores nothing`, () =>
        withEngine(Effect.gen(function*() {
          const { before, context, customerId } = yield* prepared(c)
          const error = yield* refusal(c.name, c.caller ?? admin, c.bad.input(customerId, context))
          expect(error._tag).toBe("ValidationError")
          const paths = (error["issues"] as ReadonlyArray<{ readonly path: string }>).map((i) => i.path)
          expect(paths).toContain(c.bad.path)
          expect(yield* snapshot(customerId)).toEqual(before)
        })))

      it.effect(`permission.refusal-names-permission: ${c.name} without its permission is PermissionDenied and stores nothing`, () =>
        withEngine(Effect.gen(function*() {
          const { before, context, customerId } = yield* prepared(c)
          const error = yield* refusal(c.name, powerless, c.input(customerId, context))
          expect(error._tag).toBe("PermissionDenied")
          expect(error["permission"]).toBe(requiredPermission(error["command"] as Parameters<typeof requiredPermission>[0]))
          expect(error.message).toContain(`"${error["permission"] as string}"`)
          expect(yield* snapshot(customerId)).toEqual(before)
        })))

      it.effect(`tenant.isolation: ${c.name} under another tenant is CustomerNotFound and stores nothing`, () =>
        withEngine(Effect.gen(function*() {
          const { before, context, customerId } = yield* prepared(c)
          const caller = c.caller === undefined ? foreignAdmin : { ...c.caller, tenantId: foreignAdmin.tenantId }
          const error = yield* refusal(c.name, caller, c.input(customerId, context))
          expect(error._tag).toBe("CustomerNotFound")
          expect(error["rule"]).toBe("tenant.isolation")
          expect(yield* snapshot(customerId)).toEqual(before)
        })))
    })
  }
})
