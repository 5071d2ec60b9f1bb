/**
 * Intents (SPEC section 12): effects in the write, carried out at least once with a stable key,
 * repeats that finish the job, drain and dead letters, no undo when a write's outcome is unknown.
 * Faults come from the fault kit of `customer-account/testing`.
 */
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Deferred, Duration, Effect, Layer, Option, Redacted } from "effect"
import { TestClock } from "effect/testing"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import { MemoryCredentialsControl } from "../../src/adapters/memory/MemoryCredentials.ts"
import { MemoryGoodwillControl } from "../../src/adapters/memory/MemoryGoodwill.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { MemoryHostComplianceControl } from "../../src/adapters/memory/MemoryHostCompliance.ts"
import { MemoryOrdersControl } from "../../src/adapters/memory/MemoryOrders.ts"
import { MemoryOutboxControl } from "../../src/adapters/memory/MemoryOutbox.ts"
import type { CustomerId } from "../../src/domain/Ids.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import * as Intents from "../../src/engine/Intents.ts"
import { AccountStore } from "../../src/ports/AccountStore.ts"
import { Credentials } from "../../src/ports/Credentials.ts"
import { FileStore } from "../../src/ports/FileStore.ts"
import { Goodwill } from "../../src/ports/Goodwill.ts"
import { HostCompliance } from "../../src/ports/HostCompliance.ts"
import { Orders } from "../../src/ports/Orders.ts"
import { Outbox } from "../../src/ports/Outbox.ts"
import * as FaultKit from "../../src/testing/FaultKit.ts"
import { pdf } from "../fixtures/files.ts"
import { activities, admin, customerCaller, erika, now, tenant } from "../support/engine.ts"

const hostPorts = [
  ["Outbox", Outbox],
  ["Credentials", Credentials],
  ["Orders", Orders],
  ["Goodwill", Goodwill],
  ["HostCompliance", HostCompliance],
  ["FileStore", FileStore]
] as const

/** The engine over memory ports that fail as the faults say, once `faults.enabled` is set. */
const faultyEngine = (faults: Readonly<Record<string, FaultKit.Fault>>) => {
  const switch_ = FaultKit.makeSwitch()
  switch_.enabled = false
  const plan = FaultKit.chosen(faults)
  const store = FaultKit.faulty(MemoryAccountStore.layer, [["AccountStore", AccountStore]], plan, switch_)
  const host = FaultKit.faulty(MemoryHost.layerForTests, hostPorts, plan, switch_)
  const layer = Layer.mergeAll(CustomerAccounts.layer(), Intents.layer).pipe(Layer.provideMerge(Layer.mergeAll(store, host)))
  return { switch_, layer }
}

const storageError = (timing: FaultKit.FaultTiming): FaultKit.Fault => ({ kind: "storage-error", timing })

const withFaults = <A, E, R>(
  faults: Readonly<Record<string, FaultKit.Fault>>,
  program: (switch_: FaultKit.FaultSwitch) => Effect.Effect<A, E, R>
) => {
  const { layer, switch_ } = faultyEngine(faults)
  return Effect.andThen(TestClock.setTime(DateTime.toEpochMillis(now)), program(switch_)).pipe(Effect.provide(layer))
}

const register = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const outcome = yield* accounts.register(admin, { profile: erika, registrationSource: "back-office" })
  return outcome.customerId as CustomerId
})

const typesOf = (customerId: CustomerId) => Effect.map(activities(customerId), (items) => items.map((a) => a.type).reverse())

describe("intents", () => {
  it.effect("effects.before-write-once: a checkout whose write failed places one order when repeated under its key", () =>
    withFaults({ "AccountStore.save#1": storageError("before") }, (faults) =>
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const customerId = yield* register
        faults.enabled = true
        const input = { customerId, lines: [{ productId: "magazine", quantity: 2 }] }
        const failed = yield* Effect.flip(accounts.checkout(admin, input, { idempotencyKey: "co-1" }))
        expect(failed).toMatchObject({ _tag: "StorageError" })
        const done = yield* accounts.checkout(admin, input, { idempotencyKey: "co-1" })
        const again = yield* accounts.checkout(admin, input, { idempotencyKey: "co-1" })
        expect(again).toEqual(done)
        const placed = yield* (yield* MemoryOrdersControl).placed(tenant)
        expect(placed.map((o) => o.orderId)).toEqual([done.created])
        expect(yield* typesOf(customerId)).toEqual(["customer.registered", "order.created"])
      })))

  it.effect("effects.before-write-once: goodwill handed over before a failed answer is granted once when repeated", () =>
    withFaults({ "Goodwill.handOver#1": storageError("after") }, (faults) =>
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const customerId = yield* register
        yield* (yield* MemoryGoodwillControl).addSubscription(tenant, customerId, { subscriptionId: "s-1", active: true, issueBased: true })
        faults.enabled = true
        const input = { customerId, grant: { kind: "free-issues", subscriptionId: "s-1", issues: 2 } } as const
        expect(yield* Effect.flip(accounts.grantGoodwill(admin, input, { idempotencyKey: "gw-1" }))).toMatchObject({ _tag: "StorageError" })
        yield* accounts.grantGoodwill(admin, input, { idempotencyKey: "gw-1" })
        expect(yield* (yield* MemoryGoodwillControl).grants(tenant)).toHaveLength(1)
        expect(yield* typesOf(customerId)).toEqual(["customer.registered", "goodwill.granted"])
      })))

  it.effect("effects.in-the-write: a reset whose write failed issues nothing; the password mailed before stays valid", () =>
    withFaults({ "AccountStore.save#1": storageError("before") }, (faults) =>
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const credentials = yield* MemoryCredentialsControl
        const customerId = yield* register
        yield* accounts.resetPassword(admin, { customerId })
        const mailed = (yield* (yield* MemoryOutboxControl).sent(tenant))[0]?.secret
        expect(mailed).toBeDefined()
        faults.enabled = true
        expect(yield* Effect.flip(accounts.resetPassword(admin, { customerId }))).toMatchObject({ _tag: "StorageError" })
        expect(yield* credentials.verifyOneTimePassword(tenant, customerId, mailed!)).toBe(true)
        expect(yield* (yield* MemoryOutboxControl).sent(tenant)).toHaveLength(1)
      })))

  it.effect("effects.repeat-finishes: the outbox failing once after a reset's write: the repeat under the key queues the mail once, with the current password", () =>
    withFaults({ "Outbox.enqueue#1": storageError("before") }, (faults) =>
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const customerId = yield* register
        faults.enabled = true
        expect(yield* Effect.flip(accounts.resetPassword(admin, { customerId }, { idempotencyKey: "r-1" }))).toMatchObject({ _tag: "StorageError" })
        const open = yield* (yield* Intents.Intents).list(tenant, { limit: 10, status: ["pending"] })
        expect(open.map((i) => [i.kind, i.attempts, i.lastError?.startsWith("StorageError")])).toEqual([["send-one-time-password", 1, true]])
        yield* accounts.resetPassword(admin, { customerId }, { idempotencyKey: "r-1" })
        yield* accounts.resetPassword(admin, { customerId }, { idempotencyKey: "r-1" })
        const mails = yield* (yield* MemoryOutboxControl).sent(tenant)
        expect(mails).toHaveLength(1)
        expect(yield* (yield* MemoryCredentialsControl).verifyOneTimePassword(tenant, customerId, mails[0]!.secret!)).toBe(true)
        expect(yield* typesOf(customerId)).toEqual(["customer.registered", "password-reset.requested"])
        expect(JSON.stringify(yield* (yield* Intents.Intents).list(tenant, { limit: 10 }))).not.toContain(Redacted.value(mails[0]!.secret!))
      })))

  it.effect("password-reset.one-time: the credentials port failing after redeeming: the repeat under the key completes, the password never succeeds under another key", () =>
    withFaults({ "Credentials.redeemOneTimePassword#1": storageError("after") }, (faults) =>
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const customerId = yield* register
        yield* accounts.resetPassword(admin, { customerId })
        const password = (yield* (yield* MemoryOutboxControl).sent(tenant))[0]!.secret!
        faults.enabled = true
        const self = customerCaller(customerId)
        const input = { customerId, oneTimePassword: password }
        expect(yield* Effect.flip(accounts.completePasswordReset(self, input, { idempotencyKey: "c-1" }))).toMatchObject({ _tag: "StorageError" })
        const done = yield* accounts.completePasswordReset(self, input, { idempotencyKey: "c-1" })
        expect(done.activityIds).toHaveLength(1)
        expect(yield* Effect.flip(accounts.completePasswordReset(self, input, { idempotencyKey: "c-2" }))).toMatchObject({ _tag: "OneTimePasswordRejected" })
        expect(yield* typesOf(customerId)).toEqual(["customer.registered", "password-reset.requested", "password-reset.completed"])
      })))

  it.effect("effects.repeat-finishes: disabling two-factor whose port failed after the write is finished by the repeat, recorded once", () =>
    withFaults({ "Credentials.disableTwoFactor#1": storageError("before") }, (faults) =>
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const credentials = yield* MemoryCredentialsControl
        const customerId = yield* register
        yield* credentials.enableTwoFactor(tenant, customerId)
        faults.enabled = true
        expect(yield* Effect.flip(accounts.disableTwoFactor(admin, { customerId }, { idempotencyKey: "2fa" }))).toMatchObject({ _tag: "StorageError" })
        expect(yield* credentials.twoFactorEnabled(tenant, customerId)).toBe(true)
        yield* accounts.disableTwoFactor(admin, { customerId }, { idempotencyKey: "2fa" })
        expect(yield* credentials.twoFactorEnabled(tenant, customerId)).toBe(false)
        expect(yield* typesOf(customerId)).toEqual(["customer.registered", "two-factor.disabled"])
      })))

  it.effect("invitation.mail-queued: an invitation whose mail failed after the write gets one mail from the repeat under its key; a revoke's withdrawal is an intent too", () =>
    withFaults({ "Outbox.enqueue#1": storageError("after"), "Outbox.withdrawReference#1": storageError("before") }, (faults) =>
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const outcome = yield* accounts.register(admin, {
          profile: { kind: "company", companyName: "Pumpen Müller GmbH", salutation: "none", email: "info@pumpen-mueller.de", language: "de" },
          registrationSource: "back-office"
        })
        const customerId = outcome.customerId
        faults.enabled = true
        const input = { customerId, name: "Jonas", email: "jonas@example.de", language: "de", role: "member" } as const
        expect(yield* Effect.flip(accounts.sendInvitation(admin, input, { idempotencyKey: "inv-1" }))).toMatchObject({ _tag: "StorageError" })
        const sent = yield* accounts.sendInvitation(admin, input, { idempotencyKey: "inv-1" })
        const outbox = yield* MemoryOutboxControl
        const mails = () => Effect.map(outbox.sent(tenant), (m) => m.filter((x) => x.template === "service-platform-invitation"))
        expect(yield* mails()).toHaveLength(1)
        // The revoke's withdrawal fails once, before its work: the mail stays until the repeat withdraws it.
        const revoke = { customerId, invitationId: sent.created! }
        expect(yield* Effect.flip(accounts.revokeInvitation(admin, revoke, { idempotencyKey: "rev-1" }))).toMatchObject({ _tag: "StorageError" })
        expect(yield* mails()).toHaveLength(1)
        yield* accounts.revokeInvitation(admin, revoke, { idempotencyKey: "rev-1" })
        expect(yield* mails()).toHaveLength(0)
        expect(yield* typesOf(customerId as CustomerId)).toEqual(["customer.registered", "invitation.sent", "invitation.revoked"])
      })))

  it.effect("effects.erasure-completes: a deletion whose erasure failed is completed by running it again, erasing once", () =>
    withFaults({ "HostCompliance.erase#1": storageError("before") }, (faults) =>
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const customerId = yield* register
        yield* accounts.addNote(admin, { customerId, text: "Offer", files: [{ name: "offer.pdf", bytes: pdf() }] })
        faults.enabled = true
        expect(yield* Effect.flip(accounts.deleteCustomer(admin, { customerId }))).toMatchObject({ _tag: "StorageError" })
        const tombstone = yield* accounts.deleteCustomer(admin, { customerId })
        expect(tombstone.customerId).toBe(customerId)
        expect((yield* (yield* MemoryHostComplianceControl).erasures(tenant)).map((e) => e.reason)).toEqual(["deleted"])
        expect(yield* (yield* FileStore).list(tenant, customerId)).toEqual([])
        expect(yield* (yield* Intents.Intents).list(tenant, { limit: 10, status: ["pending", "dead"] })).toEqual([])
      })))

  it.effect("effects.drain: a host drains what failed, sees attempts, back-off and dead letters, and retries a dead letter", () =>
    withFaults({ "Outbox.enqueue": storageError("before") }, (faults) =>
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const intents = yield* Intents.Intents
        const customerId = yield* register
        faults.enabled = true
        expect(yield* Effect.flip(accounts.resetPassword(admin, { customerId }))).toMatchObject({ _tag: "StorageError" })
        const [pending] = yield* intents.list(tenant, { limit: 10, status: ["pending"] })
        expect(pending).toMatchObject({ kind: "send-one-time-password", attempts: 1 })
        expect(DateTime.toEpochMillis(pending!.dueAt)).toBeGreaterThan(DateTime.toEpochMillis(now))
        // not due yet: the back-off holds it
        expect(yield* intents.drain(tenant)).toEqual({ attempted: 0, done: 0, failed: 0, dead: 0 })
        const later = DateTime.makeUnsafe(DateTime.toEpochMillis(now) + 3_600_000)
        expect(yield* intents.drain(tenant, { dueBy: later, policy: { maxAttempts: 2, baseDelay: Duration.seconds(1), maxDelay: Duration.minutes(1) } })).toEqual({ attempted: 1, done: 0, failed: 0, dead: 1 })
        const [dead] = yield* intents.list(tenant, { limit: 10, status: ["dead"] })
        expect(dead).toMatchObject({ id: pending!.id, attempts: 2 })
        expect(dead!.lastError).toContain("StorageError")
        faults.enabled = false
        expect(yield* intents.retry(tenant, dead!.id)).toBe(true)
        expect(yield* intents.retry(tenant, dead!.id)).toBe(false)
        expect(yield* (yield* MemoryOutboxControl).sent(tenant)).toHaveLength(1)
        expect(Option.map(yield* (yield* AccountStore).intent(tenant, dead!.id), (i) => i.status)).toEqual(Option.some("done"))
      })))

  it.effect("effects.no-undo-when-unknown: a note whose write committed before the error keeps its file bytes", () =>
    withFaults({ "AccountStore.save#1": storageError("after") }, (faults) =>
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const customerId = yield* register
        faults.enabled = true
        const input = { customerId, text: "Offer", files: [{ name: "offer.pdf", bytes: pdf() }] }
        expect(yield* Effect.flip(accounts.addNote(admin, input, { idempotencyKey: "n-1" }))).toMatchObject({ _tag: "StorageError" })
        faults.enabled = false
        yield* TestClock.adjust("1 hour")
        yield* (yield* Intents.Intents).drain(tenant)
        const account = yield* accounts.account(admin, customerId)
        expect(account.files).toHaveLength(1)
        expect(yield* (yield* FileStore).list(tenant, customerId)).toEqual([account.files[0]!.fileId])
        const repeat = yield* accounts.addNote(admin, input, { idempotencyKey: "n-1" })
        expect(repeat.version).toBe(account.version)
      })))

  it.effect("effects.stable-key: the memory host ports do a keyed call once", () =>
    Effect.gen(function*() {
      const orders = yield* Orders
      const goodwill = yield* MemoryGoodwillControl
      const outbox = yield* Outbox
      const credentials = yield* MemoryCredentialsControl
      const compliance = yield* MemoryHostComplianceControl
      const customerId = "c-1" as CustomerId
      const line = [{ productId: "magazine", quantity: 1 }] as never
      const first = yield* orders.place(tenant, customerId, line, "k-1")
      expect(yield* orders.place(tenant, customerId, line, "k-1")).toEqual(first)
      yield* orders.place(tenant, customerId, line)
      expect(yield* (yield* MemoryOrdersControl).placed(tenant)).toHaveLength(2)
      yield* goodwill.addSubscription(tenant, customerId, { subscriptionId: "s", active: true, issueBased: true })
      for (let i = 0; i < 2; i++) yield* goodwill.handOver(tenant, customerId, { kind: "free-redelivery", issueNames: ["x"] }, "k-2")
      expect(yield* goodwill.grants(tenant)).toHaveLength(1)
      const mail = { tenantId: tenant, customerId, template: "t", to: "a@example.de", data: {}, key: "k-3" }
      yield* outbox.enqueue(mail)
      yield* outbox.withdraw(tenant, customerId)
      yield* outbox.enqueue(mail)
      expect(yield* (yield* MemoryOutboxControl).sent(tenant)).toHaveLength(0)
      const secret = yield* credentials.issueOneTimePassword(tenant, customerId, "k-4")
      expect(Redacted.value(yield* credentials.issueOneTimePassword(tenant, customerId, "k-4"))).toBe(Redacted.value(secret))
      expect(yield* credentials.redeemOneTimePassword(tenant, customerId, secret, "k-5")).toBe(true)
      expect(yield* credentials.redeemOneTimePassword(tenant, customerId, secret, "k-5")).toBe(true)
      expect(yield* credentials.redeemOneTimePassword(tenant, customerId, secret, "k-6")).toBe(false)
      yield* compliance.erase(tenant, customerId, "deleted", "k-7")
      yield* compliance.erase(tenant, customerId, "deleted", "k-7")
      expect(yield* compliance.erasures(tenant)).toHaveLength(1)
    }).pipe(Effect.provide(MemoryHost.layerForTests)))

  it.effect("command.idempotency: two registrations racing under one key both return the first run's outcome", () =>
    Effect.gen(function*() {
      const gate = yield* Deferred.make<void>()
      let saves = 0
      const store = Layer.effect(
        AccountStore,
        Effect.map(MemoryAccountStore.make, (memory) => ({
          ...memory,
          save: (tenantId: Parameters<typeof memory.save>[0], write: Parameters<typeof memory.save>[1]) =>
            Effect.gen(function*() {
              saves++
              if (saves === 2) yield* Deferred.succeed(gate, undefined)
              yield* Deferred.await(gate)
              return yield* memory.save(tenantId, write)
            })
        }))
      )
      const engine = CustomerAccounts.layer().pipe(Layer.provideMerge(Layer.mergeAll(store, MemoryHost.layerForTests)))
      const results = yield* Effect.gen(function*() {
        const accounts = yield* CustomerAccounts.CustomerAccounts
        const once = accounts.register(admin, { profile: erika, registrationSource: "back-office" }, { idempotencyKey: "reg-1" })
        return yield* Effect.all([once, once], { concurrency: 2 })
      }).pipe(Effect.provide(engine))
      expect(results[1]).toEqual(results[0])
    }))
})
