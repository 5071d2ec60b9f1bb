/**
 * The dispatcher (SPEC section 12, rules `effects.at-least-once`, `effects.stable-key`): carries out
 * stored `after-write` intents at least once, each with its stable key (the intent's id), which the
 * host port receives and honours by doing the effect once.
 *
 * Each attempt is recorded on the intent: a success makes it `done` (final); a failure counts the
 * attempt, stores the error's tag and message (no personal data, no secret) and sets the next due
 * instant by exponential back-off; after {@link IntentPolicy.maxAttempts} failed attempts it is
 * `dead` (a dead letter), until a host retries it ({@link retryIntent}) or a repeat of its command
 * resumes it.
 *
 * What each kind does, reading the account when it runs (an intent holds no personal data):
 *
 * - `send-one-time-password`: `Credentials.issueOneTimePassword(key)` then `Outbox.enqueue` to the
 *   account's email with the `Redacted` password, under the same key; nothing when the account is
 *   gone or anonymized;
 * - `disable-two-factor`: `Credentials.disableTwoFactor(key)`;
 * - `invitation-mail`: the invitation's mail, only while the stored invitation is pending, checked
 *   again after queueing (a concurrent revoke withdraws it);
 * - `withdraw-invitation-mail`: `Outbox.withdrawReference`;
 * - `drop-files`: deletes the named file bytes the account does not reference (all of them once
 *   the account is gone);
 * - `erase`: the erasure steps (`Erasure.ts`), with the key.
 *
 * @module
 */
import { Cause, DateTime, Duration, Effect, Exit, Option, Schema } from "effect"
import { type CustomerId, FileId, type TenantId } from "../domain/Ids.ts"
import { Intent, type IntentKind } from "../domain/Intent.ts"
import * as InvitationMachine from "../domain/Invitation.ts"
import { servicePlatformOf } from "../domain/ServicePlatform.ts"
import { AccountStore, type StorageError } from "../ports/AccountStore.ts"
import { Credentials } from "../ports/Credentials.ts"
import { FileStore } from "../ports/FileStore.ts"
import { HostCompliance } from "../ports/HostCompliance.ts"
import { Outbox } from "../ports/Outbox.ts"
import { eraseOutsideTheStore } from "./commands/Erasure.ts"
import { invitationMailReference, queueInvitationMail } from "./commands/InvitationMail.ts"

/**
 * The ports the dispatcher uses.
 *
 * @category models
 */
export type DispatcherPorts = AccountStore | Outbox | Credentials | FileStore | HostCompliance

/**
 * How often and how soon the dispatcher tries an intent again.
 *
 * @category models
 */
export interface IntentPolicy {
  /** Failed attempts before an intent is dead (at least 1). */
  readonly maxAttempts: number
  /** The delay after the first failure; it doubles with every further one. */
  readonly baseDelay: Duration.Duration
  /** The longest delay. */
  readonly maxDelay: Duration.Duration
}

/**
 * The default policy: 8 attempts, 1 second doubling to at most 1 hour.
 *
 * @category models
 */
export const defaultIntentPolicy: IntentPolicy = {
  maxAttempts: 8,
  baseDelay: Duration.seconds(1),
  maxDelay: Duration.hours(1)
}

/**
 * How long a `drop-files` intent recorded before a note's write waits before it may run: the
 * command's write lands well within it, and then marks the intent done.
 *
 * @category models
 */
export const fileGracePeriod = Duration.minutes(15)

const FileIds = Schema.Struct({ fileIds: Schema.Array(FileId) })
const InvitationRef = Schema.Struct({ invitationId: Schema.String })
const ErasureReasonPayload = Schema.Struct({ reason: Schema.Literals(["anonymized", "deleted"]) })
const decodeFileIds = Schema.decodeUnknownSync(FileIds)
const decodeInvitationRef = Schema.decodeUnknownSync(InvitationRef)
const decodeErasure = Schema.decodeUnknownSync(ErasureReasonPayload)

/** Carries out one after-write intent once (the port deduplicates by `intent.id`). */
const perform = (tenantId: TenantId, intent: Intent): Effect.Effect<void, StorageError, DispatcherPorts> =>
  Effect.gen(function*() {
    const store = yield* AccountStore
    const customerId = intent.customerId
    const key = intent.id
    const live = () =>
      Effect.map(store.load(tenantId, customerId), (found) =>
        Option.filter(found, (account) => account.lifecycle.status !== "anonymized"))
    switch (intent.kind) {
      case "send-one-time-password": {
        const account = yield* live()
        if (Option.isNone(account)) return
        const secret = yield* (yield* Credentials).issueOneTimePassword(tenantId, customerId, key)
        yield* (yield* Outbox).enqueue({
          tenantId,
          customerId,
          template: "password-reset",
          to: account.value.profile.email,
          data: {},
          secret,
          key
        })
        return
      }
      case "disable-two-factor": {
        yield* (yield* Credentials).disableTwoFactor(tenantId, customerId, key)
        return
      }
      case "invitation-mail": {
        const { invitationId } = decodeInvitationRef(intent.payload)
        const pendingNow = Effect.gen(function*() {
          const account = yield* live()
          if (Option.isNone(account)) return undefined
          const invitation = servicePlatformOf(account.value).invitations.find((i) => i.id === invitationId)
          if (invitation === undefined || InvitationMachine.statusAt(invitation, yield* DateTime.now) !== "pending") return undefined
          return { account: account.value, invitation }
        })
        const current = yield* pendingNow
        if (current === undefined) return
        yield* queueInvitationMail(current.account, current.invitation, key)
        if ((yield* pendingNow) === undefined) {
          yield* (yield* Outbox).withdrawReference(tenantId, customerId, invitationMailReference(invitationId))
        }
        return
      }
      case "withdraw-invitation-mail": {
        const { invitationId } = decodeInvitationRef(intent.payload)
        yield* (yield* Outbox).withdrawReference(tenantId, customerId, invitationMailReference(invitationId))
        return
      }
      case "drop-files": {
        const { fileIds } = decodeFileIds(intent.payload)
        const account = yield* store.load(tenantId, customerId)
        const referenced = new Set(Option.match(account, { onNone: () => [], onSome: (a) => a.files.map((f) => f.fileId) }))
        const files = yield* FileStore
        for (const fileId of fileIds) if (!referenced.has(fileId)) yield* files.remove(tenantId, customerId, fileId)
        return
      }
      case "erase": {
        const { reason } = decodeErasure(intent.payload)
        yield* eraseOutsideTheStore(tenantId, customerId, reason, key)
        return
      }
      default:
        // A before-write intent is the command's to finish: the dispatcher leaves it alone.
        return
    }
  })

const describeFailure = (cause: Cause.Cause<unknown>): string => {
  const failure = Cause.findErrorOption(cause)
  if (Option.isSome(failure)) {
    const e = failure.value as { readonly _tag?: unknown; readonly message?: unknown }
    return `${typeof e._tag === "string" ? e._tag : "Error"}: ${typeof e.message === "string" ? e.message : ""}`.slice(0, 500)
  }
  return Cause.hasInterrupts(cause) ? "interrupted" : "a defect"
}

/** The delay before the next attempt after `attempts` failed ones. */
const backOff = (policy: IntentPolicy, attempts: number): Duration.Duration => {
  const millis = Duration.toMillis(policy.baseDelay) * 2 ** Math.max(0, attempts - 1)
  return Duration.millis(Math.min(millis, Duration.toMillis(policy.maxDelay)))
}

/**
 * Runs one intent and records the attempt: `done` on success; on failure the attempt, the error
 * and the next due instant, or `dead` after the policy's attempts. Returns the failure's cause,
 * if any, after recording it. An intent already done does nothing.
 *
 * @category dispatch
 */
export const runIntent = (
  tenantId: TenantId,
  intent: Intent,
  policy: IntentPolicy = defaultIntentPolicy
): Effect.Effect<Exit.Exit<void, StorageError>, StorageError, DispatcherPorts> =>
  Effect.gen(function*() {
    if (intent.status === "done" || intent.stage !== "after-write") return Exit.void
    const store = yield* AccountStore
    const exit = yield* Effect.exit(perform(tenantId, intent))
    const now = yield* DateTime.now
    const attempts = intent.attempts + 1
    if (Exit.isSuccess(exit)) {
      yield* store.recordIntent(tenantId, new Intent({ ...intent, status: "done", attempts, dueAt: now }))
      return exit
    }
    const { lastError: _dropped, ...rest } = intent
    const dead = attempts >= Math.max(1, policy.maxAttempts)
    yield* store.recordIntent(
      tenantId,
      new Intent({
        ...rest,
        status: dead ? "dead" : "pending",
        attempts,
        dueAt: DateTime.addDuration(now, backOff(policy, attempts)),
        lastError: describeFailure(exit.cause)
      })
    )
    return exit
  })

/**
 * Runs the intents in order, stopping at the first failure, which it returns after recording it
 * (the caller's command fails with it; a repeat, or the drain, finishes the rest).
 *
 * @category dispatch
 */
export const dispatchIntents = (
  tenantId: TenantId,
  intents: ReadonlyArray<Intent>,
  policy: IntentPolicy = defaultIntentPolicy
): Effect.Effect<void, StorageError, DispatcherPorts> =>
  Effect.gen(function*() {
    for (const intent of intents) {
      const exit = yield* runIntent(tenantId, intent, policy)
      if (Exit.isFailure(exit)) return yield* Effect.failCause(exit.cause)
    }
  })

/**
 * Resumes the unfinished (pending or dead) after-write intents of the command run under the
 * idempotency key, whatever their due instant (rule `effects.repeat-finishes`).
 *
 * @category dispatch
 */
export const resumeCommand = (tenantId: TenantId, commandKey: string) =>
  Effect.gen(function*() {
    const store = yield* AccountStore
    const open = yield* store.intents(tenantId, { limit: 200, commandKey, stage: "after-write", status: ["pending", "dead"] })
    yield* dispatchIntents(tenantId, open)
  })

/**
 * What a drain did: how many intents it ran, how many of them are done now, failed again (still
 * pending) or went dead.
 *
 * @category dispatch
 */
export interface DrainReport {
  /** Intents attempted. */
  readonly attempted: number
  /** Done now. */
  readonly done: number
  /** Failed and due again later. */
  readonly failed: number
  /** Failed for the last time: dead letters now. */
  readonly dead: number
}

/**
 * Options of a drain.
 *
 * @category dispatch
 */
export interface DrainOptions {
  /** At most this many intents (1 to 200; default 200). */
  readonly limit?: number
  /** Run the intents due by this instant (default now); a later instant runs them early. */
  readonly dueBy?: DateTime.Utc
  /** The retry policy (default {@link defaultIntentPolicy}). */
  readonly policy?: IntentPolicy
}

/**
 * Runs the tenant's pending after-write intents that are due, oldest first (rule
 * `effects.drain`): what a host runs on start-up and on a timer, so a crash, a failed port or a
 * lost connection leaves nothing undone. A failing intent does not stop the drain; it is
 * recorded and due again after its back-off, or dead. The drain fails only when the store does.
 *
 * @category dispatch
 */
export const drain = (tenantId: TenantId, options: DrainOptions = {}) =>
  Effect.gen(function*() {
    const store = yield* AccountStore
    const dueBy = options.dueBy ?? (yield* DateTime.now)
    const limit = Math.min(200, Math.max(1, Math.floor(options.limit ?? 200)))
    const due = yield* store.intents(tenantId, { limit, status: ["pending"], stage: "after-write", dueBy })
    let done = 0
    let failed = 0
    let dead = 0
    for (const intent of due) {
      const exit = yield* runIntent(tenantId, intent, options.policy)
      if (Exit.isSuccess(exit)) done++
      else if (intent.attempts + 1 >= Math.max(1, (options.policy ?? defaultIntentPolicy).maxAttempts)) dead++
      else failed++
    }
    const report: DrainReport = { attempted: due.length, done, failed, dead }
    return report
  })

/**
 * Gives a dead (or pending) intent a fresh start: no attempts counted, due now, and runs it once.
 * Returns whether it is done now; `false` when there is no such unfinished intent or it failed
 * again (then it is pending, with its back-off).
 *
 * @category dispatch
 */
export const retryIntent = (tenantId: TenantId, intentId: string, policy: IntentPolicy = defaultIntentPolicy) =>
  Effect.gen(function*() {
    const store = yield* AccountStore
    const found = yield* store.intent(tenantId, intentId)
    if (Option.isNone(found) || found.value.status === "done" || found.value.stage !== "after-write") return false
    const now = yield* DateTime.now
    const fresh = new Intent({ ...found.value, status: "pending", attempts: 0, dueAt: now })
    yield* store.recordIntent(tenantId, fresh)
    const exit = yield* runIntent(tenantId, fresh, policy)
    return Exit.isSuccess(exit)
  })

/**
 * Resumes the customer's unfinished (pending or dead) after-write intents of the given kinds,
 * whatever their due instant: how a repeated deletion or anonymization completes its erasure
 * (rule `effects.erasure-completes`).
 *
 * @category dispatch
 */
export const resumeCustomer = (tenantId: TenantId, customerId: CustomerId, kinds: ReadonlyArray<IntentKind>) =>
  Effect.gen(function*() {
    const store = yield* AccountStore
    const open = yield* store.intents(tenantId, { limit: 200, customerId, kinds, stage: "after-write", status: ["pending", "dead"] })
    yield* dispatchIntents(tenantId, open)
  })
