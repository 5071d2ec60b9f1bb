/**
 * The engine's own typed failures, beside those of the domain (validation, permission, the state
 * machines' refusals) and of the ports (conflicts, storage).
 *
 * @module
 */
import { Schema } from "effect"
import { CustomerId } from "../domain/Ids.ts"

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
  rule: Schema.String,
  /** The refused command. */
  command: Schema.String,
  /** Where in the input the problem is, if it is in the input. */
  path: Schema.optionalKey(Schema.String),
  /** What was wrong and what was expected. */
  message: Schema.String
}) {}
