import { Effect, Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Account } from "../../src/domain/Account.ts"
import { preferredOf } from "../../src/domain/Address.ts"
import { hasOnePreferred } from "../../src/domain/BankAccount.ts"
import { channels } from "../../src/domain/Consent.ts"
import { canLogIn, type CustomerStatus } from "../../src/domain/Lifecycle.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import * as Memory from "../../src/Memory.ts"
import * as Commands from "../../src/testing/commands.ts"
import { admin, erika } from "../support/engine.ts"

const encodeAccount = Schema.encodeSync(Account)

describe("random command sequences on the engine", () => {
  it("command.atomic: after every command of a random sequence the invariants hold, and a refused command changed nothing", async () => {
    await fc.assert(
      fc.asyncProperty(Commands.commandSequence("placeholder", 25), async (generated) => {
        const program = Effect.gen(function*() {
          const accounts = yield* CustomerAccounts.CustomerAccounts
          const { customerId } = yield* accounts.register(admin, { profile: erika, registrationSource: "back-office" })
          const commands = generated.map((c) => ({ ...c, input: { ...c.input, customerId } }))
          let acceptedActivities = 1
          const acceptedStatuses: Array<CustomerStatus> = []
          for (const command of commands) {
            const before = yield* accounts.account(admin, customerId)
            const result = yield* Effect.result(Commands.runCommand(accounts, admin, command))
            const after = yield* accounts.account(admin, customerId)
            if (Result.isFailure(result)) {
              // a refusal is typed and changes nothing
              expect(typeof result.failure._tag).toBe("string")
              expect(result.failure.message.length).toBeGreaterThan(0)
              expect(encodeAccount(after)).toEqual(encodeAccount(before))
            } else {
              expect(after.version).toBe(before.version + 1)
              expect(result.success.version).toBe(after.version)
              expect(result.success.activityIds.length).toBeGreaterThanOrEqual(1)
              acceptedActivities += result.success.activityIds.length
              if (command.name === "setStatus") acceptedStatuses.push((command.input as Record<string, unknown>)["to"] as CustomerStatus)
            }
            // invariants of the account
            expect(canLogIn(after.lifecycle.status)).toBe(after.lifecycle.status === "active")
            expect(after.lifecycle.history.map((row) => row.to)).toEqual(acceptedStatuses)
            for (const kind of ["billing", "delivery"] as const) {
              const ofKind = after.addresses.filter((a) => a.kind === kind)
              expect(ofKind.filter((a) => a.preferred).length).toBe(ofKind.length === 0 ? 0 : 1)
              if (ofKind.length > 0) expect(preferredOf(after.addresses, kind)).toBeDefined()
            }
            expect(after.bankAccounts.length === 0 || hasOnePreferred(after.bankAccounts)).toBe(true)
            expect(new Set(after.bankAccounts.map((a) => a.iban)).size).toBe(after.bankAccounts.length)
            for (const channel of channels) {
              const records = after.consent.records.filter((r) => r.channel === channel)
              expect(records.every((r) => r.to !== "none")).toBe(true)
              expect(after.consent.channels[channel]).toBe(records.at(-1)?.to ?? "none")
            }
          }
          const timeline = yield* accounts.timeline(admin, customerId, { limit: 200 })
          expect(timeline.items.length).toBe(acceptedActivities)
        })
        await Effect.runPromise(program.pipe(Effect.provide(Memory.layerForTests())))
      }),
      { numRuns: 100 }
    )
  }, 60_000)
})
