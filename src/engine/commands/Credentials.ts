/**
 * Password and second-factor commands (SPEC sections 3, 7 and 12): reset a password, complete the
 * reset, disable two-factor authentication. The host owns credentials; the SDK reaches them
 * through the `Credentials` port and records what happened, never a secret (rule
 * `secrets.never-recorded`).
 *
 * - `resetPassword`: appends `password-reset.requested` (details: only that it went through the
 *   outbox) with a `send-one-time-password` intent in the same write. After the write the
 *   dispatcher asks the credentials port for a one-time password and queues it in the outbox as
 *   the mail's `Redacted` secret, to the customer's email, template {@link passwordResetTemplate},
 *   both under the intent's key (rule `effects.stable-key`). A failed write therefore issues
 *   nothing and invalidates no password already mailed; a failing outbox leaves the intent
 *   pending, and a repeat under the same key (or the host's drain) queues the mail once. A
 *   self-service command.
 * - `completePasswordReset`: the input carries the password as `Redacted` (wrap what the customer
 *   typed with `Redacted.make`). The host step redeems it (uses it up) as a host call recorded
 *   before it is made, under a key derived from the command's idempotency key (rule
 *   `effects.before-write-once`): a wrong, used or replaced password fails with
 *   `OneTimePasswordRejected` and changes nothing; a password is used up once, and a repeat of
 *   the same completion gets the first answer instead of redeeming again, so the same password
 *   never succeeds under a second key (rule `password-reset.one-time`). The decision appends
 *   `password-reset.completed`; a blocked customer becomes active again (`status.changed`, rule
 *   `status.customer-only-unblocks-by-reset`); a deactivated one stays deactivated (only staff
 *   reactivate). A self-service command, under the `reset-password` permission.
 * - `disableTwoFactor`: the host step asks whether a second factor is on
 *   (`Credentials.twoFactorEnabled`); when one is, the decision appends `two-factor.disabled` with
 *   a `disable-two-factor` intent, carried out after the write under its key; when none is,
 *   nothing changes (no write, no activity).
 *
 * The secret is never decoded into text here: it travels as the `Redacted` the port made. All
 * three are refused on an anonymized account (`AccountLocked`): it receives no mail and its
 * credentials are the host's to erase.
 *
 * @module
 */
import { Effect, Redacted, Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import { CustomerId } from "../../domain/Ids.ts"
import * as Lifecycle from "../../domain/Lifecycle.ts"
import { Credentials } from "../../ports/Credentials.ts"
import type { Caller, CommandOptions } from "../Caller.ts"
import { OneTimePasswordRejected } from "../Errors.ts"
import { type AccountCommand, type ActivityDraft, type PipelineSettings, runAccountCommand } from "../Pipeline.ts"

/**
 * The outbox template of the mail that carries a one-time password.
 *
 * @category constants
 */
export const passwordResetTemplate = "password-reset"

/**
 * Input of `resetPassword` and `disableTwoFactor`: the customer.
 *
 * @category inputs
 */
export const CredentialsInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId
})
/** @category inputs */
export type CredentialsInput = typeof CredentialsInput.Type

/**
 * Input of `completePasswordReset`: the customer and the one-time password it was sent, as a
 * `Redacted` string (a plain string is refused, without being echoed).
 *
 * @category inputs
 */
export const CompletePasswordResetInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The one-time password, `Redacted`. */
  oneTimePassword: Schema.Redacted(Schema.String)
})
/** @category inputs */
export type CompletePasswordResetInput = typeof CompletePasswordResetInput.Type

/**
 * What `resetPassword`'s host step produced: the one-time password (`Redacted`) and where to send it.
 *
 * @category models
 */
export interface IssuedPassword {
  /** The one-time password, as the credentials port handed it out. */
  readonly secret: Redacted.Redacted<string>
  /** The recipient: the customer's email. */
  readonly to: string
}

/**
 * Request a password reset: a one-time password from the credentials port, recorded as
 * `password-reset.requested` (rule `secrets.never-recorded`).
 *
 * @category commands
 */
export const resetPasswordCommand: AccountCommand<CredentialsInput, void, never, never, never, typeof CredentialsInput.Encoded> = {
  kind: "reset-password",
  subject: "ResetPassword",
  input: CredentialsInput,
  customerId: (input) => input.customerId,
  decide: (account) =>
    Result.succeed({
      account,
      activities: [{
        type: "password-reset.requested",
        summary: "Password reset requested; a one-time password was handed to the outbox",
        details: { delivery: "outbox" }
      }],
      intents: [{ kind: "send-one-time-password", payload: {} }]
    })
}

/**
 * Runs {@link resetPasswordCommand}; the dispatcher issues the one-time password and queues its
 * mail after the write (see the module doc).
 *
 * @category commands
 */
export const resetPassword = (settings: PipelineSettings, caller: Caller, input: unknown, options?: CommandOptions) =>
  runAccountCommand(settings, resetPasswordCommand, caller, input, options)

/**
 * Complete a password reset with the current one-time password (rules `password-reset.one-time`,
 * `status.customer-only-unblocks-by-reset`): the host step checks the password without using it
 * up; {@link completePasswordReset} redeems it after the write.
 *
 * @category commands
 */
export const completePasswordResetCommand = {
  kind: "reset-password",
  subject: "CompletePasswordReset",
  input: CompletePasswordResetInput,
  customerId: (input) => input.customerId,
  prepare: (input, account, caller, step) =>
    Effect.gen(function*() {
      const credentials = yield* Credentials
      const current = yield* step.call("redeem-one-time-password", account.customerId, {}, Schema.Boolean, (key) =>
        credentials.redeemOneTimePassword(caller.tenantId, account.customerId, input.oneTimePassword, key))
      if (!current) {
        return yield* new OneTimePasswordRejected({
          rule: "password-reset.one-time",
          customerId: account.customerId,
          message:
            "The one-time password is not the customer's current one: it is wrong, was used already or was replaced by a newer one; request a new reset (rule password-reset.one-time)"
        })
      }
    }),
  decide: (account, _input, env) => {
    const completed: ActivityDraft = {
      type: "password-reset.completed",
      summary: "Password reset completed with the one-time password",
      details: {}
    }
    if (account.lifecycle.status !== "blocked") return Result.succeed({ account, activities: [completed] })
    return Result.map(
      Lifecycle.decide({ _tag: "ChangeStatus", to: "active", at: env.at, actor: env.actor, trigger: "password-reset" }, account.lifecycle),
      (events) => ({
        account: new Account({ ...account, lifecycle: events.reduce(Lifecycle.evolve, account.lifecycle) }),
        activities: [
          completed,
          ...events.map((event): ActivityDraft => ({
            type: "status.changed",
            summary: `Status changed from ${account.lifecycle.status} to active by a completed password reset`,
            details: { from: account.lifecycle.status, to: event._tag === "StatusChanged" ? event.to : "active" }
          }))
        ]
      })
    )
  }
} satisfies AccountCommand<CompletePasswordResetInput, void, unknown, unknown, Lifecycle.LifecycleRejection>

/**
 * Runs {@link completePasswordResetCommand}: the one-time password is redeemed in its host step,
 * once per command (see the module doc).
 *
 * @category commands
 */
export const completePasswordReset = (settings: PipelineSettings, caller: Caller, input: unknown, options?: CommandOptions) =>
  runAccountCommand(settings, completePasswordResetCommand, caller, input, options)

/**
 * Disable the customer's two-factor authentication (rule `two-factor.disable`): the host step asks
 * whether one is on; recorded as `two-factor.disabled` when one is, nothing changes otherwise.
 * {@link disableTwoFactor} disables it at the port after the write.
 *
 * @category commands
 */
export const disableTwoFactorCommand = {
  kind: "disable-two-factor",
  subject: "DisableTwoFactor",
  input: CredentialsInput,
  customerId: (input) => input.customerId,
  prepare: (_input, account, caller) =>
    Effect.gen(function*() {
      return yield* (yield* Credentials).twoFactorEnabled(caller.tenantId, account.customerId)
    }),
  decide: (account, _input, env) =>
    Result.succeed(
      env.prepared
        ? {
          account,
          activities: [{ type: "two-factor.disabled", summary: "Two-factor authentication disabled", details: {} }],
          intents: [{ kind: "disable-two-factor", payload: {} }]
        }
        : { account, activities: [], unchanged: true }
    )
} satisfies AccountCommand<CredentialsInput, boolean, unknown, unknown, never>

/**
 * Runs {@link disableTwoFactorCommand}; when it recorded `two-factor.disabled`, the dispatcher
 * disables the second factor at the credentials port after the write, under the intent's key.
 *
 * @category commands
 */
export const disableTwoFactor = (settings: PipelineSettings, caller: Caller, input: unknown, options?: CommandOptions) =>
  runAccountCommand(settings, disableTwoFactorCommand, caller, input, options)
