import { DateTime, Effect, Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Account } from "../../src/domain/Account.ts"
import { preferredOf } from "../../src/domain/Address.ts"
import { hasOnePreferred } from "../../src/domain/BankAccount.ts"
import { channels } from "../../src/domain/Consent.ts"
import { isValidTree } from "../../src/domain/Departments.ts"
import { normalizeEmail } from "../../src/domain/Email.ts"
import { statusAt } from "../../src/domain/Invitation.ts"
import { canLogIn, type CustomerStatus } from "../../src/domain/Lifecycle.ts"
import { servicePlatformOf } from "../../src/domain/ServicePlatform.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import * as Memory from "../../src/Memory.ts"
import * as Commands from "../../src/testing/commands.ts"
import { admin, erika, fullAccount, type RegisterProfile } from "../support/engine.ts"
import { longTest, runs } from "../support/properties.ts"

const encodeAccount = Schema.encodeSync(Account)

const company = { kind: "company", companyName: "Pumpen Müller GmbH", salutation: "none", email: "info@pumpen-mueller.de", language: "de" } as const

/**
 * The service platform's invariants (SPEC section 10): the department tree is acyclic (every
 * node's chain of parents reaches the top without repeating a node) and valid, at most one
 * invitation per address (ignoring case) is pending now, and every pending or accepted invitation
 * names only departments the account holds.
 */
const expectServicePlatformInvariants = (account: Account, now: DateTime.Utc) => {
  const state = servicePlatformOf(account)
  const byId = new Map(state.departments.map((d) => [d.id as string, d]))
  for (const department of state.departments) {
    const seen = new Set<string>([department.id])
    let parentId = department.parentId as string | undefined
    while (parentId !== undefined) {
      expect(seen.has(parentId), `cycle through ${parentId}`).toBe(false)
      seen.add(parentId)
      const parent = byId.get(parentId)
      expect(parent, `missing parent ${parentId}`).toBeDefined()
      parentId = parent?.parentId
    }
  }
  expect(isValidTree(state.departments)).toBe(true)
  const pending = state.invitations.filter((i) => statusAt(i, now) === "pending").map((i) => normalizeEmail(i.email))
  expect(new Set(pending).size).toBe(pending.length)
  for (const invitation of state.invitations) {
    if (invitation.status === "revoked" || statusAt(invitation, now) === "expired") continue
    for (const id of invitation.departmentIds) expect(byId.has(id), `${invitation.id} names ${id}`).toBe(true)
  }
  if (account.profile.kind === "private") {
    expect(state.departments).toEqual([])
    expect(state.invitations).toEqual([])
  }
}

/** Runs a generated sequence on a new customer with `profile` and checks the invariants after each command. */
const checkSequence = (profile: Record<string, unknown>, generated: ReadonlyArray<Commands.GeneratedCommand>) =>
        Effect.gen(function*() {
          const accounts = yield* CustomerAccounts.CustomerAccounts
          // A generated profile, loosely typed; the engine decodes it.
          const { customerId } = yield* accounts.register(admin, { profile: profile as RegisterProfile, registrationSource: "back-office" })
          const commands = generated.map((c) => ({ ...c, input: { ...c.input, customerId } }))
          let acceptedActivities = 1
          const acceptedStatuses: Array<CustomerStatus> = []
          for (const command of commands) {
            const before = fullAccount(yield* accounts.account(admin, customerId))
            const result = yield* Effect.result(Commands.runCommand(accounts, admin, command))
            const after = fullAccount(yield* accounts.account(admin, customerId))
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
            expectServicePlatformInvariants(after, yield* DateTime.now)
          }
          const timeline = yield* accounts.timeline(admin, customerId, { limit: 200 })
          expect(timeline.items.length).toBe(acceptedActivities)
          return timeline.items
        })

describe("random command sequences on the engine", () => {
  it("command.atomic: after every command of a random sequence the invariants hold, and a refused command changed nothing", async () => {
    await fc.assert(
      fc.asyncProperty(Commands.commandSequence("placeholder", 25), async (generated) => {
        await Effect.runPromise(checkSequence(erika, generated).pipe(Effect.provide(Memory.layerForTests())))
      }),
      { numRuns: runs(60) }
    )
  }, longTest)

  it("department.tree / invitation.pending-unique: random sequences of a company customer, with department and invitation commands, keep every invariant", async () => {
    let runsWithTree = 0
    let runsWithInvitation = 0
    await fc.assert(
      fc.asyncProperty(Commands.companyCommandSequence("placeholder", 40), async (generated) => {
        const program = Effect.gen(function*() {
          const timeline = yield* checkSequence(company, generated)
          if (timeline.filter((a) => a.type === "department.added").length >= 2) runsWithTree++
          if (timeline.some((a) => a.type === "invitation.sent")) runsWithInvitation++
        })
        await Effect.runPromise(program.pipe(Effect.provide(Memory.layerForTests())))
      }),
      { numRuns: runs(150) }
    )
    // the sequences do reach the service platform's states, not only its refusals
    expect(runsWithTree).toBeGreaterThanOrEqual(5)
    expect(runsWithInvitation).toBeGreaterThanOrEqual(5)
  }, longTest)
})
