/**
 * The Effect-service baseline: a hand-written Effect service over the package's own Schemas and
 * domain rules, without the engine's pipeline. What it shares with the engine: the command input
 * Schemas (`RegisterCustomerInput`, `AddAddressInput`, `ChangeConsentInput`, `AddNoteInput`,
 * `SetStatusInput`, `AddAccessRightInput`), the domain's deciders (`Lifecycle.decide`,
 * `Consent.decide`, `Address.addAddress`), authorization (`Permission.authorize`), the checked
 * `Schema.Class` values (`Account`, `Address`, `AccessRight`, `ConsentState`, `LifecycleState`)
 * and `makeActivity` (an activity's details checked against its type's Schema, its group from the
 * registry). Each command is one `Effect.gen` program.
 *
 * What it leaves out, the engine's pipeline: caller admission (the caller's own Schema check),
 * idempotency keys and fingerprints, the compare-and-set retry loop, the tracing span, host steps,
 * the store port (here a `Map` of the values as they are: no copies in or out, no freezing, no
 * indexes by type or group), the change feed and intents. Ids are counters, not UUIDs.
 */
import { DateTime, Effect, Result, Schema } from "effect"
import { AccessRight } from "../../src/domain/AccessRight.ts"
import { Account, newAccount } from "../../src/domain/Account.ts"
import { type Activity, makeActivity } from "../../src/domain/Activity.ts"
import * as ActivityType from "../../src/domain/ActivityType.ts"
import * as Address from "../../src/domain/Address.ts"
import * as Consent from "../../src/domain/Consent.ts"
import { RegisterCustomerInput } from "../../src/domain/Customer.ts"
import { AccessRightId, ActivityId, AddressId, CustomerId, CustomerNumber } from "../../src/domain/Ids.ts"
import * as Lifecycle from "../../src/domain/Lifecycle.ts"
import { authorize, type CommandKind } from "../../src/domain/Permission.ts"
import type { Caller } from "../../src/engine/Caller.ts"
import { AddAccessRightInput } from "../../src/engine/commands/AccessRights.ts"
import { AddAddressInput, addressFields } from "../../src/engine/commands/Addresses.ts"
import { diffFields } from "../../src/engine/commands/Changes.ts"
import { ChangeConsentInput } from "../../src/engine/commands/Consent.ts"
import { AddNoteInput } from "../../src/engine/commands/Notes.ts"
import { SetStatusInput } from "../../src/engine/commands/Status.ts"

/** A refusal of the baseline: which rule, and why. */
export class EffectServiceRefused extends Schema.TaggedError<EffectServiceRefused>()("EffectServiceRefused", {
  rule: Schema.String,
  message: Schema.String
}) {}

/** A decision: the changed account and the activities to append (type, summary, details). */
interface Decision {
  readonly account: Account
  readonly activities: ReadonlyArray<{ readonly type: string; readonly summary: string; readonly details: unknown }>
}

const decodeRegister = Schema.decodeUnknownEffect(RegisterCustomerInput)
const decodeAddAddress = Schema.decodeUnknownEffect(AddAddressInput)
const decodeChangeConsent = Schema.decodeUnknownEffect(ChangeConsentInput)
const decodeAddNote = Schema.decodeUnknownEffect(AddNoteInput)
const decodeSetStatus = Schema.decodeUnknownEffect(SetStatusInput)
const decodeAddAccessRight = Schema.decodeUnknownEffect(AddAccessRightInput)

const fromResult = <A, E>(result: Result.Result<A, E>): Effect.Effect<A, E> =>
  Result.isSuccess(result) ? Effect.succeed(result.success) : Effect.fail(result.failure)

/** The Effect-service accounts of one tenant. */
export class EffectServiceAccounts {
  readonly accounts = new Map<string, Account>()
  readonly timelines = new Map<string, Array<Activity>>()
  readonly emails = new Map<string, string>()
  private readonly registry = ActivityType.makeRegistry()
  private sequence = 0
  private nextNumber = 10_001

  private readonly caller: Caller

  constructor(caller: Caller) {
    this.caller = caller
  }

  private allow(command: CommandKind, customerId?: CustomerId) {
    return fromResult(
      authorize({ actor: this.caller.actor, grants: this.caller.grants ?? {}, command, ...(customerId === undefined ? {} : { targetCustomerId: customerId }) })
    )
  }

  /** Builds and checks the activities, raises the version, stores both. */
  private commit(decision: Decision, at: DateTime.Utc) {
    return Effect.gen({ self: this }, function*() {
      const account = decision.account
      const activities: Array<Activity> = []
      for (const draft of decision.activities) {
        activities.push(
          yield* fromResult(
            makeActivity(this.registry, {
              id: ActivityId.make(`activity-${++this.sequence}`),
              tenantId: account.tenantId,
              customerId: account.customerId,
              type: draft.type,
              at,
              actor: this.caller.actor,
              summary: draft.summary,
              details: draft.details
            })
          )
        )
      }
      const timeline = this.timelines.get(account.customerId)
      if (timeline === undefined) this.timelines.set(account.customerId, activities)
      else timeline.push(...activities)
      this.accounts.set(account.customerId, account)
      return account.customerId
    })
  }

  /** Loads an editable account (not anonymized). */
  private load(customerId: CustomerId) {
    return Effect.suspend(() => {
      const account = this.accounts.get(customerId)
      if (account === undefined) return Effect.fail(new EffectServiceRefused({ rule: "customer.known", message: `no customer ${customerId}` }))
      if (account.lifecycle.status === "anonymized") {
        return Effect.fail(new EffectServiceRefused({ rule: "status.anonymized-terminal", message: `customer ${customerId} is anonymized` }))
      }
      return Effect.succeed(account)
    })
  }

  /** The next version of a decided account: one checked construction with the change. */
  private next(account: Account, change: Partial<Account>): Account {
    return new Account({ ...account, ...change, version: account.version + 1 })
  }

  /** Registers a customer; its id. */
  register(untrusted: unknown) {
    return Effect.gen({ self: this }, function*() {
      const input = yield* decodeRegister(untrusted)
      yield* this.allow("register-customer")
      const email = input.profile.email.toLowerCase()
      if (this.emails.has(email)) return yield* new EffectServiceRefused({ rule: "tenant.email-unique", message: "email taken" })
      const at = yield* DateTime.now
      const customerId = CustomerId.make(`customer-${++this.sequence}`)
      const customerNumber = CustomerNumber.make(String(this.nextNumber++))
      const account = newAccount({
        tenantId: this.caller.tenantId,
        customerId,
        customerNumber,
        registrationSource: input.registrationSource,
        registeredAt: at,
        profile: input.profile
      })
      this.emails.set(email, customerId)
      return yield* this.commit({
        account,
        activities: [{
          type: "customer.registered",
          summary: `Customer ${customerNumber} registered through ${input.registrationSource}`,
          details: { source: input.registrationSource, customerNumber }
        }]
      }, at)
    })
  }

  /** Adds an address (one preferred per kind, one activity per address whose record changed). */
  addAddress(untrusted: unknown) {
    return Effect.gen({ self: this }, function*() {
      const input = yield* decodeAddAddress(untrusted)
      yield* this.allow("add-address", input.customerId)
      const account = yield* this.load(input.customerId)
      const at = yield* DateTime.now
      const id = AddressId.make(`address-${++this.sequence}`)
      const address = Address.addressFromInput(id, input.kind, input.address, input.preferred ?? false)
      const addresses = Address.addAddress(account.addresses, address)
      const activities = []
      for (const now of addresses) {
        const old = account.addresses.find((a) => a.id === now.id)
        const changes = diffFields(addressFields, old as Record<string, unknown> | undefined, now as unknown as Record<string, unknown>)
        if (changes.length === 0) continue
        const what = old === undefined ? "added" : "changed"
        activities.push({ type: `${now.kind}-address.${what}`, summary: `Address ${now.id} ${what}`, details: { addressId: now.id, changes } })
      }
      return yield* this.commit({ account: this.next(account, { addresses }), activities }, at)
    })
  }

  /** Changes a channel's consent through the consent decider. */
  changeConsent(untrusted: unknown) {
    return Effect.gen({ self: this }, function*() {
      const input = yield* decodeChangeConsent(untrusted)
      yield* this.allow("change-consent", input.customerId)
      const account = yield* this.load(input.customerId)
      const at = yield* DateTime.now
      const { customerId: _, ...change } = input
      const events = yield* fromResult(Consent.decide({ _tag: "ChangeConsent", ...change, at, actor: this.caller.actor }, account.consent))
      return yield* this.commit({
        account: this.next(account, { consent: events.reduce(Consent.evolve, account.consent) }),
        activities: events.map(({ record }) => ({
          type: "consent.changed",
          summary: `Consent (${record.channel}) changed from ${record.from} to ${record.to}`,
          details: {
            channel: record.channel,
            from: record.from,
            to: record.to,
            source: record.source,
            ...(record.textVersion === undefined ? {} : { textVersion: record.textVersion })
          }
        }))
      }, at)
    })
  }

  /** Adds a note (text only: the workload's notes carry no files). */
  addNote(untrusted: unknown) {
    return Effect.gen({ self: this }, function*() {
      const input = yield* decodeAddNote(untrusted)
      yield* this.allow("add-note", input.customerId)
      const account = yield* this.load(input.customerId)
      const at = yield* DateTime.now
      return yield* this.commit({
        account: this.next(account, {}),
        activities: [{ type: "note", summary: "Note added", details: { text: input.text, fileIds: [] } }]
      }, at)
    })
  }

  /** Sets the status through the lifecycle decider (transition table, no change to the current). */
  setStatus(untrusted: unknown) {
    return Effect.gen({ self: this }, function*() {
      const input = yield* decodeSetStatus(untrusted)
      yield* this.allow("change-status", input.customerId)
      const account = yield* this.load(input.customerId)
      const at = yield* DateTime.now
      const events = yield* fromResult(
        Lifecycle.decide(
          { _tag: "ChangeStatus", to: input.to, at, actor: this.caller.actor, ...(input.reason === undefined ? {} : { reason: input.reason }) },
          account.lifecycle
        )
      )
      return yield* this.commit({
        account: this.next(account, { lifecycle: events.reduce(Lifecycle.evolve, account.lifecycle) }),
        activities: events.map((event) =>
          event._tag === "StatusChanged"
            ? {
              type: "status.changed",
              summary: `Status changed from ${event.from} to ${event.to}`,
              details: { from: event.from, to: event.to, ...(event.reason === undefined ? {} : { reason: event.reason }) }
            }
            : { type: event._tag === "ProductAccessBlocked" ? "access.blocked" : "access.unblocked", summary: "Product access changed", details: {} }
        )
      }, at)
    })
  }

  /** Grants a manual access right (the period is checked by the input Schema). */
  addAccessRight(untrusted: unknown) {
    return Effect.gen({ self: this }, function*() {
      const input = yield* decodeAddAccessRight(untrusted)
      yield* this.allow("add-access-right", input.customerId)
      const account = yield* this.load(input.customerId)
      const at = yield* DateTime.now
      const right = new AccessRight({ ...input.right, id: AccessRightId.make(`access-right-${++this.sequence}`), origin: "manual" })
      return yield* this.commit({
        account: this.next(account, { accessRights: [...account.accessRights, right] }),
        activities: [{
          type: "access-right.added",
          summary: `Access right to product ${right.productId} added`,
          details: {
            accessRightId: right.id,
            productId: right.productId,
            validFrom: right.validFrom,
            ...(right.validUntil === undefined ? {} : { validUntil: right.validUntil })
          }
        }]
      }, at)
    })
  }

  /** Runs one of the mixed commands by the engine's name, with the engine's input. */
  command(name: string, input: unknown): Effect.Effect<unknown, unknown> {
    switch (name) {
      case "addAddress":
        return this.addAddress(input)
      case "changeConsent":
        return this.changeConsent(input)
      case "addNote":
        return this.addNote(input)
      case "setStatus":
        return this.setStatus(input)
      case "addAccessRight":
        return this.addAccessRight(input)
      default:
        return Effect.die(new Error(`unknown command ${name}`))
    }
  }
}
