import { DateTime, Effect, Layer, Schema } from "effect"
import { afterAll, describe, expect, expectTypeOf, it } from "vitest"
import type { CommandDeclaration, QueryDeclaration } from "../../src/catalogue/Declaration.ts"
import { catalogue } from "../../src/catalogue/Catalogue.ts"
import { StorageError } from "../../src/ports/AccountStore.ts"
import { CustomerAccounts } from "../../src/engine/CustomerAccounts.ts"
import { layer as memoryLayer } from "../../src/Memory.ts"
import {
  type CallerJson,
  createCustomerAccounts,
  CustomerAccountDefect,
  CustomerAccountError,
  is,
  isCustomerAccountError,
  isDefect,
  isError,
  toProblem
} from "../../src/promise/index.ts"

const mia = {
  tenantId: "acme",
  actor: { _tag: "supporter", userId: "u-7", displayName: "Mia Support" },
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register", "manage-status"] }] }
} satisfies CallerJson

const erika = {
  registrationSource: "back-office",
  profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" }
} as const

/** Every object in a value is a plain object or an array: no class instance, no DateTime. */
const plainOnly = (value: unknown, path = "$"): ReadonlyArray<string> => {
  if (value === null || typeof value !== "object") return typeof value === "function" ? [path] : []
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== Array.prototype) return [path]
  return Object.entries(value).flatMap(([k, v]) => plainOnly(v, `${path}.${k}`))
}

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected a rejection")
}

const accounts = createCustomerAccounts()
afterAll(() => accounts.dispose())

describe("createCustomerAccounts: results", () => {
  it("has one method per member of the catalogue, and dispose", () => {
    expect(Object.keys(accounts).sort()).toEqual([...Object.keys(catalogue), "dispose"].sort())
  })

  it("resolves to plain JSON with ISO time strings", async () => {
    const outcome = await accounts.register(mia, erika)
    expect(plainOnly(outcome)).toEqual([])
    await accounts.setStatus(mia, { customerId: outcome.customerId, to: "blocked", reason: "chargeback" })
    const overview = await accounts.overview(mia, { customerId: outcome.customerId })
    const page = await accounts.timeline(mia, { customerId: outcome.customerId, limit: 10 })
    expect(plainOnly(overview)).toEqual([])
    expect(plainOnly(page)).toEqual([])
    expect(JSON.parse(JSON.stringify(overview))).toEqual(overview)
    expect(page.items.map((a) => a.type)).toEqual(["status.changed", "customer.registered"])
    for (const activity of page.items) expect(new Date(activity.at).toISOString()).toBe(activity.at)
    expect(overview.account.lifecycle.status).toBe("blocked")
    expectTypeOf(page.items[0]!.at).toEqualTypeOf<string>()
    expectTypeOf(overview.account.registeredAt).toEqualTypeOf<string>()
    expectTypeOf(outcome.version).toEqualTypeOf<number>()
  })

  it("types each method from its declaration", () => {
    expectTypeOf(accounts.setStatus).parameter(1).toEqualTypeOf<typeof catalogue.setStatus.input.Encoded>()
    expectTypeOf(accounts.timeline).parameter(1).toHaveProperty("customerId").toEqualTypeOf<string>()
    expectTypeOf(accounts.timeline).parameter(1).toHaveProperty("limit").toEqualTypeOf<number>()
    // @ts-expect-error: a query takes no options
    accounts.overview(mia, { customerId: "c" }, {}).catch(() => undefined)
  })

  it("runs a command once per idempotency key", async () => {
    const first = await accounts.register(mia, { ...erika, profile: { ...erika.profile, email: "once@example.de" } }, { idempotencyKey: "k-1" })
    const again = await accounts.register(mia, { ...erika, profile: { ...erika.profile, email: "once@example.de" } }, { idempotencyKey: "k-1" })
    expect(again).toEqual(first)
  })
})

describe("createCustomerAccounts: refusals", () => {
  it("rejects with a CustomerAccountError carrying tag, rule, path, message and fields", async () => {
    const error = await rejection(accounts.register(mia, { ...erika, profile: { ...erika.profile, email: "erika" } }))
    expect(error).toBeInstanceOf(CustomerAccountError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      name: "CustomerAccountError",
      _tag: "ValidationError",
      rule: "customer.email-format",
      path: "profile.email",
      subject: "RegisterCustomer"
    })
    expect((error as CustomerAccountError).message).toContain("profile.email")
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ _tag: "ValidationError", subject: "RegisterCustomer", issues: [{ path: "profile.email" }] })
  })

  it("narrows by tag with isError and is", async () => {
    const error = await rejection(accounts.overview(mia, { customerId: "customer-unknown" }))
    expect(isCustomerAccountError(error)).toBe(true)
    expect(isError(error, "PermissionDenied")).toBe(false)
    expect(is.PermissionDenied(error)).toBe(false)
    if (!isError(error, "CustomerNotFound")) throw new Error("expected CustomerNotFound")
    expectTypeOf(error.customerId).toEqualTypeOf<string>()
    expectTypeOf(error.rule).toEqualTypeOf<"tenant.isolation">()
    expect(error.customerId).toBe("customer-unknown")
    expect(is.CustomerNotFound(error)).toBe(true)
    expect(toProblem(error)).toMatchObject({ status: 404, tag: "CustomerNotFound", customerId: "customer-unknown" })
  })

  it("refuses a permission with the permission named", async () => {
    const reader = { ...mia, grants: { supporterRoles: [{ name: "reader", permissions: ["read"] }] } } satisfies CallerJson
    const error = await rejection(accounts.register(reader, erika))
    if (!is.PermissionDenied(error)) throw new Error("expected PermissionDenied")
    expect(error.permission).toBe("register")
    expect(toProblem(error).status).toBe(403)
  })

  it("refuses input of any type with a ValidationError, never a throw", async () => {
    for (const parameters of [null, undefined, "c-1", 42, [], { customerId: 7 }]) {
      const error = await rejection(accounts.overview(mia, parameters as never))
      expect(isError(error, "ValidationError")).toBe(true)
    }
    for (const input of [null, undefined, "x", 42]) {
      const error = await rejection(accounts.setStatus(mia, input as never))
      expect(isError(error, "ValidationError")).toBe(true)
    }
    const badCaller = await rejection(accounts.overview({ tenantId: "acme" } as never, { customerId: "c" }))
    expect(badCaller).toMatchObject({ _tag: "ValidationError", subject: "Caller", rule: "caller.decoded" })
    const hostile = new Proxy({}, {
      get: () => {
        throw new Error("trap")
      }
    })
    expect(await rejection(accounts.timeline(mia, hostile as never))).toMatchObject({ _tag: "ValidationError" })
  })
})

// A host's catalogue: its own members, its own refusal, a defect.
class LoyaltyRefused extends Schema.TaggedError<LoyaltyRefused>()("LoyaltyRefused", {
  points: Schema.Number,
  message: Schema.String
}) {}

const clock = {
  _tag: "Query",
  name: "clock",
  description: "The time.",
  permission: "read",
  perCustomer: false,
  parameters: Schema.Struct({}),
  output: Schema.Struct({ now: Schema.DateTimeUtcFromString }),
  errors: [],
  invoke: () => Effect.succeed({ now: DateTime.makeUnsafe("2026-01-02T03:04:05.000Z") })
} as const satisfies QueryDeclaration<"clock", {}, { readonly now: DateTime.Utc }, never>

const redeem = {
  _tag: "Command",
  name: "redeem",
  description: "Redeems points.",
  permission: "edit",
  input: Schema.Struct({ points: Schema.Number }),
  output: Schema.Struct({}),
  errors: [LoyaltyRefused],
  idempotent: false,
  readsTimeline: false,
  intents: [],
  invoke: (_service, _caller, input) => Effect.fail(new LoyaltyRefused({ points: input.points, message: "Not enough points" }))
} as const satisfies CommandDeclaration<"redeem", { readonly points: number }, {}, LoyaltyRefused>

const broken = {
  ...clock,
  name: "broken",
  invoke: () => {
    throw new Error("secret internals")
  }
} as const satisfies QueryDeclaration<"broken", {}, { readonly now: DateTime.Utc }, never>

describe("createCustomerAccounts: a host's catalogue", () => {
  const host = createCustomerAccounts({ catalogue: { ...catalogue, clock, redeem, broken } })
  afterAll(() => host.dispose())

  it("types and runs the host's members", async () => {
    const { now } = await host.clock(mia, {})
    expectTypeOf(now).toEqualTypeOf<string>()
    expect(now).toBe("2026-01-02T03:04:05.000Z")
    expect(typeof host.register).toBe("function")
  })

  it("rejects with the host's refusal and its fields", async () => {
    const error = await rejection(host.redeem(mia, { points: 5 }))
    expect(error).toMatchObject({ _tag: "LoyaltyRefused", points: 5, message: "Not enough points" })
    expect(toProblem(error, { statuses: { LoyaltyRefused: 409 } })).toMatchObject({ status: 409, points: 5 })
  })

  it("rejects a defect with a CustomerAccountDefect that toProblem keeps to itself", async () => {
    const error = await rejection(host.broken(mia, {}))
    expect(error).toBeInstanceOf(CustomerAccountDefect)
    expect(isDefect(error)).toBe(true)
    expect(isCustomerAccountError(error)).toBe(false)
    expect(((error as Error).cause as Error).message).toBe("secret internals")
    expect(JSON.stringify(toProblem(error))).not.toContain("secret")
    expect(toProblem(error).status).toBe(500)
  })

  it("refuses a member named like the client's own", () => {
    expect(() => createCustomerAccounts({ catalogue: { dispose: clock } })).toThrow(TypeError)
  })
})

describe("createCustomerAccounts: the layer and dispose", () => {
  it("runs on the host's layer; a layer that fails makes every call a refusal of its tag", async () => {
    const down = Layer.effect(CustomerAccounts, Effect.fail(new StorageError({ operation: "connect", message: "db down" })))
    const client = createCustomerAccounts({ layer: down })
    const error = await rejection(client.overview(mia, { customerId: "c" }))
    expect(isError(error, "StorageError")).toBe(true)
    expect(toProblem(error)).toMatchObject({ status: 503, detail: "The service could not reach its store; try again later." })
    await client.dispose()
  })

  it("releases the layer on dispose; later calls reject with a defect", async () => {
    let released = 0
    const tracked = Layer.effectDiscard(Effect.addFinalizer(() => Effect.sync(() => void released++)))
    const client = createCustomerAccounts({ layer: Layer.merge(Layer.fresh(memoryLayer()), tracked) })
    await client.register(mia, erika)
    expect(released).toBe(0)
    await client.dispose()
    expect(released).toBe(1)
    await client.dispose()
    expect(released).toBe(1)
    expect(isDefect(await rejection(client.register(mia, erika)))).toBe(true)
  })
})
