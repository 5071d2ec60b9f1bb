/**
 * Intents inside a command run (SPEC section 12): the host calls a decision needs first, and the
 * intents a decision asks for, turned into stored {@link Intent}s with stable ids.
 *
 * Every intent's id derives from the command's reference: its idempotency key (with a digest of
 * the command and its input, so a key reused for other input after its record was dropped makes
 * new ids), or a fresh id when it has none. A repeat under the same key therefore finds the same
 * intents: a host call recorded before it was made is not made again under another key, and the
 * host port, receiving the same key, does it once (rule `effects.before-write-once`).
 *
 * @module
 */
import { DateTime, Effect, Option, Schema } from "effect"
import type { CustomerId, TenantId } from "../domain/Ids.ts"
import { Intent, type IntentKind } from "../domain/Intent.ts"
import { AccountStore, type StorageError } from "../ports/AccountStore.ts"
import { fileGracePeriod } from "./Dispatcher.ts"

/**
 * An intent a decision asks for, carried out after the write (rule `effects.in-the-write`).
 *
 * @category models
 */
export interface IntentDraft {
  /** What to do. */
  readonly kind: IntentKind
  /** Ids and facts the dispatcher needs; no personal data, no secret. */
  readonly payload: Schema.Json
}

/**
 * What a command's host step uses to reach the host once per command (its fourth argument).
 *
 * @category models
 */
export interface HostStep {
  /** The command's reference: derived from its idempotency key, or a fresh id without one. */
  readonly ref: string
  /**
   * Makes a host call the decision needs at most once per command (rule
   * `effects.before-write-once`): it records a pending `before-write` intent, calls with the
   * intent's id as the key, and records the result; a repeat of the command finds the result and
   * does not call again (or, when the result was not recorded, calls again under the same key,
   * which the host deduplicates). `result` encodes the call's result as JSON.
   */
  readonly call: <A, E, R>(
    kind: IntentKind,
    customerId: CustomerId,
    payload: Schema.Json,
    result: Schema.Codec<A, Schema.Json>,
    call: (key: string) => Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E | StorageError, R | AccountStore>
  /**
   * Records a compensation before a host effect the write will confirm: file bytes stored before
   * the note that references them (`drop-files`, due after `Intents.fileGracePeriod`). The write
   * marks it done; a write that fails for sure runs it at once; a write whose outcome is unknown
   * leaves it to the dispatcher, which checks what the account references (no undo of a write
   * that may have committed).
   */
  readonly reserve: (kind: IntentKind, customerId: CustomerId, payload: Schema.Json, suffix: string) => Effect.Effect<void, StorageError, AccountStore>
}

/**
 * The state of one command run's host step: the reservations made, to settle with the write.
 *
 * @category models
 */
export interface HostStepRun {
  /** The step handed to the command. */
  readonly step: HostStep
  /** The compensations recorded so far. */
  readonly reservations: () => ReadonlyArray<Intent>
}

/**
 * Makes the host step of one command run.
 *
 * @category constructors
 */
export const makeHostStep = (tenantId: TenantId, ref: string, commandKey: string | undefined): HostStepRun => {
  const reservations: Array<Intent> = []
  const withKey = commandKey === undefined ? {} : { commandKey }
  const call: HostStep["call"] = (kind, customerId, payload, result, run) =>
    Effect.gen(function*() {
      const store = yield* AccountStore
      const id = `${ref}#${kind}`
      const found = yield* store.intent(tenantId, id)
      if (Option.isSome(found) && found.value.status === "done" && found.value.result !== undefined) {
        return Schema.decodeUnknownSync(result)(found.value.result)
      }
      const now = yield* DateTime.now
      const pending = new Intent({
        id,
        customerId,
        kind,
        stage: "before-write",
        ...withKey,
        payload,
        status: "pending",
        attempts: (Option.isSome(found) ? found.value.attempts : 0) + 1,
        createdAt: Option.isSome(found) ? found.value.createdAt : now,
        dueAt: now
      })
      yield* store.recordIntent(tenantId, pending)
      const value = yield* run(id)
      yield* store.recordIntent(tenantId, new Intent({ ...pending, status: "done", result: Schema.encodeSync(result)(value) }))
      return value
    })
  const reserve: HostStep["reserve"] = (kind, customerId, payload, suffix) =>
    Effect.gen(function*() {
      const now = yield* DateTime.now
      const intent = new Intent({
        id: `${ref}#${kind}:${suffix}`,
        customerId,
        kind,
        stage: "after-write",
        ...withKey,
        payload,
        status: "pending",
        attempts: 0,
        createdAt: now,
        dueAt: DateTime.addDuration(now, fileGracePeriod)
      })
      yield* (yield* AccountStore).recordIntent(tenantId, intent)
      reservations.push(intent)
    })
  return { step: { ref, call, reserve }, reservations: () => reservations }
}

/**
 * The stored intents of a decision's drafts, ids `<ref>#<kind>:<index>`, pending and due now.
 *
 * @category constructors
 */
export const intentsOf = (
  ref: string,
  commandKey: string | undefined,
  customerId: CustomerId,
  at: DateTime.Utc,
  drafts: ReadonlyArray<IntentDraft>
): ReadonlyArray<Intent> =>
  drafts.map((draft, index) =>
    new Intent({
      id: `${ref}#${draft.kind}:${index}`,
      customerId,
      kind: draft.kind,
      stage: "after-write",
      ...(commandKey === undefined ? {} : { commandKey }),
      payload: draft.payload,
      status: "pending",
      attempts: 0,
      createdAt: at,
      dueAt: at
    })
  )

/**
 * The reservations settled by the write that confirms them: marked done.
 *
 * @category constructors
 */
export const settled = (reservations: ReadonlyArray<Intent>, at: DateTime.Utc): ReadonlyArray<Intent> =>
  reservations.map((r) => new Intent({ ...r, status: "done", dueAt: at }))

/**
 * The reservations made due now: the command failed for sure, so the dispatcher runs them at once.
 *
 * @category constructors
 */
export const dueNow = (reservations: ReadonlyArray<Intent>, at: DateTime.Utc): ReadonlyArray<Intent> =>
  reservations.map((r) => new Intent({ ...r, dueAt: at }))
