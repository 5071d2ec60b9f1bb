/**
 * The engine's own typed failures, beside those of the domain (validation, permission, the state
 * machines' refusals) and of the ports (conflicts, storage).
 *
 * @module
 */
import { Schema } from "effect"
import { CustomerId } from "../domain/Ids.ts"
import { RuleIdSchema } from "../domain/Rules.ts"
import { TransactionalDataKind } from "../ports/LinkedRecords.ts"

/**
 * No customer with this id in the caller's tenant (rule `tenant.isolation`): a customer of another
 * tenant and a deleted customer are not found alike, so nothing reveals that they exist.
 *
 * @category errors
 */
export class CustomerNotFound extends Schema.TaggedError<CustomerNotFound>()("CustomerNotFound", {
  /** The rule: tenancy decides what exists. */
  rule: Schema.Literal("tenant.isolation"),
  /** The id looked for. */
  customerId: Schema.String,
  /** What happened. */
  message: Schema.String
}) {}

/**
 * The account is anonymized and so locked for editing (rule `command.editable-only`). Nothing was
 * changed.
 *
 * @category errors
 */
export class AccountLocked extends Schema.TaggedError<AccountLocked>()("AccountLocked", {
  /** The rule that refused the command. */
  rule: Schema.Literal("command.editable-only"),
  /** The locked account. */
  customerId: CustomerId,
  /** The refused command. */
  command: Schema.String,
  /** What happened. */
  message: Schema.String
}) {}

/**
 * The idempotency key was used before with another command or other input (rule
 * `command.idempotency`). Nothing was changed.
 *
 * @category errors
 */
export class IdempotencyConflict extends Schema.TaggedError<IdempotencyConflict>()("IdempotencyConflict", {
  /** The rule that refused the command. */
  rule: Schema.Literal("command.idempotency"),
  /** The key. */
  key: Schema.String,
  /** What happened. */
  message: Schema.String
}) {}

/**
 * A command's state check refused it: the account is not in a state that allows it (e.g. checkout
 * for a customer who cannot buy, goodwill for a subscription that is not active). Nothing was
 * changed; `rule` names the rule.
 *
 * @category errors
 */
export class CommandRejected extends Schema.TaggedError<CommandRejected>()("CommandRejected", {
  /** The rule that refused the command. */
  rule: RuleIdSchema,
  /** The refused command. */
  command: Schema.String,
  /** Where in the input the problem is, if it is in the input. */
  path: Schema.optionalKey(Schema.String),
  /** What was wrong and what was expected. */
  message: Schema.String
}) {}

/**
 * A kind of transactional data the host holds for a customer, and how many records (see
 * `LinkedRecords.transactionalData`).
 *
 * @category errors
 */
export const BlockingRecords = Schema.Struct({
  /** The kind: orders, invoices, subscriptions, payments or external orders. */
  kind: TransactionalDataKind,
  /** How many records of the kind the host holds (at least 1). */
  count: Schema.Number
})
/** @category errors */
export type BlockingRecords = typeof BlockingRecords.Type

/**
 * A deletion was refused: the host reports transactional data for the customer (rule
 * `delete.refused-with-transactional-data`). `blocking` names each kind and its count. Nothing was
 * changed; anonymize instead, or delete once the host no longer holds the records.
 *
 * @category errors
 */
export class DeletionBlocked extends Schema.TaggedError<DeletionBlocked>()("DeletionBlocked", {
  /** The rule that refused the deletion. */
  rule: Schema.Literal("delete.refused-with-transactional-data"),
  /** The customer. */
  customerId: CustomerId,
  /** Each kind of transactional data that blocks the deletion, in the order of `LinkedRecords.TransactionalDataKind`. */
  blocking: Schema.Array(BlockingRecords),
  /** What happened, naming each kind and count. */
  message: Schema.String
}) {}

/**
 * A password reset could not be completed: the one-time password given is not the customer's
 * current one (wrong, already used, or replaced by a newer one; rule `password-reset.one-time`).
 * Nothing was changed. Neither the password given nor the current one appears here (rule
 * `secrets.never-recorded`).
 *
 * @category errors
 */
export class OneTimePasswordRejected extends Schema.TaggedError<OneTimePasswordRejected>()("OneTimePasswordRejected", {
  /** The rule that refused the completion. */
  rule: Schema.Literal("password-reset.one-time"),
  /** The customer. */
  customerId: CustomerId,
  /** What happened. */
  message: Schema.String
}) {}

/**
 * The login check refused (rule `login.uniform-refusal`). Every refusal is this same error with the
 * same message, whether the customer is blocked, deactivated, anonymized, deleted or unknown: it
 * reveals neither the reason nor whether the customer exists. The reason is in the audit trail
 * (`AuditTrail` port) only.
 *
 * @category errors
 */
export class LoginRefused extends Schema.TaggedError<LoginRefused>()("LoginRefused", {
  /** The rule behind the refusal. */
  rule: Schema.Literal("login.uniform-refusal"),
  /** Always {@link loginRefusedMessage}. */
  message: Schema.String
}) {}

/**
 * The message of every {@link LoginRefused}.
 *
 * @category errors
 */
export const loginRefusedMessage = "Login refused"
