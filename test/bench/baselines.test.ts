/**
 * The fair baselines of the commands workload check what they say they check: each runs the
 * workload's registrations and mixed commands (eleven activities per customer), and refuses what
 * the engine refuses for the same reason (bad input, a transition outside the tables, a taken
 * email). No timing is asserted.
 */
import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { EffectServiceAccounts } from "../../bench/baselines/effectService.ts"
import { ValibotAccounts, ValibotRefused } from "../../bench/baselines/valibot.ts"
import { mixedCommandNames, mixedInput, registration, supporter } from "../../bench/lib/fixtures.ts"
import { permissions } from "../../src/domain/Permission.ts"

const bad: ReadonlyArray<readonly [string, (customerId: string) => Record<string, unknown>]> = [
  ["an address without a house number", (customerId) => ({ ...mixedInput(0, customerId), address: { ...(mixedInput(0, customerId)["address"] as object), houseNumber: "" } })],
  ["a German postal code of four digits", (customerId) => ({ ...mixedInput(0, customerId), address: { ...(mixedInput(0, customerId)["address"] as object), postalCode: "5114" } })],
  ["an empty note", (customerId) => ({ customerId, text: "   " })],
  ["an access right ending before it starts", (customerId) => ({ customerId, right: { productId: "p", validFrom: "2026-02-01T00:00:00.000Z", validUntil: "2026-01-01T00:00:00.000Z" } })]
]
const commandOf: Record<string, string> = {
  "an address without a house number": "addAddress",
  "a German postal code of four digits": "addAddress",
  "an empty note": "addNote",
  "an access right ending before it starts": "addAccessRight"
}

describe("valibot baseline", () => {
  const fresh = () => {
    const accounts = new ValibotAccounts(permissions)
    return { accounts, id: accounts.register(registration(0)) }
  }

  it("runs the workload's commands: eleven activities, the state changed as the engine changes it", () => {
    const { accounts, id } = fresh()
    for (let step = 0; step < mixedCommandNames.length; step++) accounts.command(mixedCommandNames[step]!, mixedInput(step, id))
    const customer = accounts.customers.get(id)!
    expect(customer.timeline.map((a) => a.type)).toEqual([
      "customer.registered", "billing-address.added", "consent.changed", "note", "status.changed", "access-right.added",
      "delivery-address.added", "consent.changed", "status.changed", "note", "access-right.added"
    ])
    expect(customer.version).toBe(11)
    expect(customer.status).toBe("active")
    expect(customer.consent["email"]).toBe("doubleOptIn")
    expect(Object.isFrozen(customer)).toBe(true)
  })

  it.each(bad)("refuses %s", (what, input) => {
    const { accounts, id } = fresh()
    expect(() => accounts.command(commandOf[what]!, input(id))).toThrow(ValibotRefused)
    expect(accounts.customers.get(id)!.version).toBe(1)
  })

  it("refuses transitions outside the tables, a double opt-in without confirmation and a taken email", () => {
    const { accounts, id } = fresh()
    expect(() => accounts.command("setStatus", { customerId: id, to: "active" })).toThrow(/no change/)
    expect(() => accounts.command("setStatus", { customerId: id, to: "anonymized" })).toThrow(ValibotRefused)
    accounts.command("changeConsent", mixedInput(1, id))
    expect(() => accounts.command("changeConsent", { customerId: id, channel: "email", to: "doubleOptIn", source: "x", textVersion: "v" })).toThrow(/confirmation/)
    expect(() => accounts.command("changeConsent", { customerId: id, channel: "email", to: "none", source: "x" })).toThrow(ValibotRefused)
    expect(() => accounts.register(registration(0))).toThrow(/email/)
    expect(() => accounts.register({ ...registration(1), profile: { ...registration(1).profile, email: "not-an-email" } })).toThrow(ValibotRefused)
  })

  it("refuses a caller without the command's permission", () => {
    const accounts = new ValibotAccounts(["read"])
    expect(() => accounts.register(registration(0))).toThrow(/permission/)
  })
})

describe("Effect-service baseline", () => {
  const fresh = () => {
    const accounts = new EffectServiceAccounts(supporter)
    return { accounts, id: Effect.runSync(accounts.register(registration(0))) }
  }

  it("runs the workload's commands: eleven checked activities, the account at version 11", () => {
    const { accounts, id } = fresh()
    for (let step = 0; step < mixedCommandNames.length; step++) Effect.runSync(accounts.command(mixedCommandNames[step]!, mixedInput(step, id)))
    expect(accounts.timelines.get(id)!.map((a) => a.type)).toEqual([
      "customer.registered", "billing-address.added", "consent.changed", "note", "status.changed", "access-right.added",
      "delivery-address.added", "consent.changed", "status.changed", "note", "access-right.added"
    ])
    const account = accounts.accounts.get(id)!
    expect(account.version).toBe(11)
    expect(account.lifecycle.status).toBe("active")
    expect(account.consent.channels.email).toBe("doubleOptIn")
  })

  it.each(bad)("refuses %s", (what, input) => {
    const { accounts, id } = fresh()
    expect(Exit.isFailure(Effect.runSyncExit(accounts.command(commandOf[what]!, input(id))))).toBe(true)
    expect(accounts.accounts.get(id)!.version).toBe(1)
  })

  it("refuses transitions outside the tables, a double opt-in without confirmation and a taken email", () => {
    const { accounts, id } = fresh()
    const fails = (e: Effect.Effect<unknown, unknown>) => expect(Exit.isFailure(Effect.runSyncExit(e))).toBe(true)
    fails(accounts.command("setStatus", { customerId: id, to: "active" }))
    fails(accounts.command("setStatus", { customerId: id, to: "anonymized" }))
    fails(accounts.register(registration(0)))
    expect(accounts.accounts.get(id)!.version).toBe(1)
    Effect.runSync(accounts.command("changeConsent", mixedInput(1, id)))
    const exit = Effect.runSyncExit(accounts.command("changeConsent", { customerId: id, channel: "email", to: "doubleOptIn", source: "x", textVersion: "v" }))
    expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("consent.double-opt-in-needs-confirmation")
    expect(accounts.accounts.get(id)!.version).toBe(2)
  })
})
