/**
 * Intents (SPEC section 12, rules `effects.in-the-write`, `effects.stable-key`): an effect of a
 * command outside the account (an order, a goodwill hand-over, a mail, a one-time password, a
 * second factor, file bytes, host data), stored with the command's state so that it is carried
 * out at least once, each time with the same key, however often a port fails.
 *
 * An intent holds ids and facts the host needs, never personal data or a secret: the dispatcher
 * reads the account (an email, an invitation) when it carries the intent out, so anonymizing an
 * account leaves nothing personal in its intents.
 *
 * Two stages:
 *
 * - `before-write`: a host call the decision needs first (an order id, a goodwill hand-over, a
 *   redeemed one-time password). It is recorded before the call, under a key derived from the
 *   command's idempotency key, so a repeat of the command gets the first call's result instead of
 *   calling again. The dispatcher never runs it on its own: only the command needs its result.
 * - `after-write`: an effect of a stored command (a mail, an erasure, ...), written in the same
 *   atomic write as the state and carried out by the dispatcher after it, by a repeat of the
 *   command, or by the host's drain.
 *
 * @module
 */
import { Schema } from "effect"
import { CustomerId } from "./Ids.ts"
import { Instant } from "./Instant.ts"

/**
 * What an intent does:
 *
 * - `place-order`, `hand-over-goodwill`, `redeem-one-time-password`: host calls before the write;
 * - `send-one-time-password`: issue a one-time password and queue its mail (password reset);
 * - `disable-two-factor`: disable the customer's second factor;
 * - `invitation-mail`: queue an invitation's mail while the invitation is pending;
 * - `withdraw-invitation-mail`: withdraw an invitation's undelivered mails;
 * - `drop-files`: delete file bytes the account does not reference (a note whose write failed);
 * - `erase`: the erasure steps after an anonymization or a deletion.
 *
 * @category models
 */
export const IntentKind = Schema.Literals([
  "place-order",
  "hand-over-goodwill",
  "redeem-one-time-password",
  "send-one-time-password",
  "disable-two-factor",
  "invitation-mail",
  "withdraw-invitation-mail",
  "drop-files",
  "erase"
])
/** @category models */
export type IntentKind = typeof IntentKind.Type

/**
 * Where an intent stands: `pending` (not done yet, due at `dueAt`), `done` (final), `dead` (gave
 * up after the dispatcher's attempts; a host retries it explicitly).
 *
 * @category models
 */
export const IntentStatus = Schema.Literals(["pending", "done", "dead"])
/** @category models */
export type IntentStatus = typeof IntentStatus.Type

/**
 * When an intent runs: before the command's write (a host call the decision needs) or after it.
 *
 * @category models
 */
export const IntentStage = Schema.Literals(["before-write", "after-write"])
/** @category models */
export type IntentStage = typeof IntentStage.Type

/**
 * One intent as stored. Its `id` is the stable idempotency key the host port receives with every
 * attempt (unique per tenant).
 *
 * @category models
 */
export class Intent extends Schema.Class<Intent>("customer-account/Intent")({
  /** The stable key of the effect, unique per tenant; the host port receives it with every attempt. */
  id: Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 500))),
  /** The customer the effect is about. */
  customerId: CustomerId,
  /** What the effect is. */
  kind: IntentKind,
  /** Before or after the command's write. */
  stage: IntentStage,
  /** The idempotency key of the command that made it, if it had one: a repeat resumes by it. */
  commandKey: Schema.optionalKey(Schema.String),
  /** What the dispatcher needs besides the account (ids, order lines, a grant): no personal data, no secret. */
  payload: Schema.Json,
  /** Pending, done or dead. */
  status: IntentStatus,
  /** How many times it was attempted. */
  attempts: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  /** When it was recorded. */
  createdAt: Instant,
  /** Not before this instant (the back-off after a failed attempt, a grace period). */
  dueAt: Instant,
  /** The last failure, without personal data (the error's tag and message). */
  lastError: Schema.optionalKey(Schema.String),
  /** The host call's result (a before-write intent's: e.g. the order id), as JSON. */
  result: Schema.optionalKey(Schema.Json)
}) {}

/**
 * Whether an intent is unfinished: pending or dead.
 *
 * @category predicates
 */
export const isUnfinished = (intent: Intent): boolean => intent.status !== "done"
