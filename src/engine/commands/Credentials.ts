/**
 * Password and second-factor commands (SPEC sections 3 and 7): reset a password, complete the
 * reset, disable two-factor authentication. The host owns credentials; the SDK reaches them
 * through the `Credentials` port and records what happened, never a secret (rule
 * `secrets.never-recorded`).
 *
 * - `resetPassword`: the host step asks the credentials port for a one-time password, which
 *   arrives `Redacted`; the decision appends `password-reset.requested` (details: only that it went
 *   through the outbox); after the write the password is queued in the outbox as the mail's
 *   `Redacted` secret, to the customer's email, template {@link passwordResetTemplate}. An
 *   idempotent repeat queues nothing again. A self-service command.
 * - `completePasswordReset`: the input carries the password as `Redacted` (wrap what the customer
 *   typed with `Redacted.make`); the host step checks it without using it up
 *   (`Credentials.verifyOneTimePassword`). A wrong, used or replaced password fails with
 *   `OneTimePasswordRejected` and changes nothing. The decision appends
 *   `password-reset.completed`; a blocked customer becomes active again (`status.changed`, rule
 *   `status.customer-only-unblocks-by-reset`); a deactivated one stays deactivated (only staff
 *   reactivate). Only after the write is the password redeemed (used up, rule
 *   `password-reset.one-time`), so a write that fails for good leaves the password usable and
 *   nothing recorded. A self-service command, under the `reset-password` permission.
 * - `disableTwoFactor`: the host step asks whether a second factor is on
 *   (`Credentials.twoFactorEnabled`); when one is, the decision appends `two-factor.disabled` and
 *   after the write the port disables it; when none is, nothing changes (no write, no activity).
 *
 * The credential changes come after the write, never before: a failed write changes nothing at
 * the host. The remaining window is the other way round: when the port fails after the write (a
 * storage error), the command fails, the activity stays, and running the command again completes
 * it (recording it again). Two completions racing with the same current password may both be
 * recorded; the password is used up once.
 *
 * The secret is never decoded into text here: it travels as the `Redacted` the port made, so it
 * shows as `<redacted>` in any log line, error or JSON (an idempotency fingerprint included).
 * All three are refused on an anonymized account (`AccountLocked`): it receives no mail and its
 * credentials are the host's to erase.
 *
 * @module
 */
import { Effect, Option, Redacted, Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import { CustomerId } from "../../domain/Ids.ts"
import * as Lifecycle from "../../domain/Lifecycle.ts"
import { Credentials } from "../../ports/Credentials.ts"
import { Outbox } from "../../ports/Outbox.ts"
import { admit, type Caller, type CommandOptions } from "../Caller.ts"
import { OneTimePasswordRejected } from "../Errors.ts"
import { type AccountCommand, type ActivityDraft, type PipelineSettings, runAccountCommandDetailed } from "../Pipeline.ts"

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
export const resetPasswordCommand = {
  kind: "reset-password",
  subject: "ResetPassword",
  input: CredentialsInput,
  customerId: (input) => input.customerId,
  prepare: (_input, account, caller) =>
    Effect.gen(function*() {
      const secret = yield* (yield* Credentials).issueOneTimePassword(caller.tenantId, account.customerId)
      const issued: IssuedPassword = { secret, to: account.profile.email }
      return issued
    }),
  decide: (account) =>
    Result.succeed({
      account,
      activities: [{
        type: "password-reset.requested",
        summary: "Password reset requested; a one-time password was handed to the outbox",
        details: { delivery: "outbox" }
      }]
    })
} satisfies AccountCommand<CredentialsInput, IssuedPassword, unknown, unknown, never>

/**
 * Runs {@link resetPasswordCommand}, then queues the mail with the `Redacted` one-time password.
 *
 * @category commands
 */
export const resetPassword = (settings: PipelineSettings, untrustedCaller: Caller, untrustedInput: unknown, untrustedOptions?: CommandOptions) =>
  Effect.gen(function*() {
    // Read once: the steps after the write use these copies, never the caller's objects again (rule input.readable).
    const { caller, input, options } = yield* admit(untrustedCaller, untrustedOptions, untrustedInput, resetPasswordCommand.subject)
    const run = yield* runAccountCommandDetailed(settings, resetPasswordCommand, caller, input, options)
    if (Option.isSome(run.prepared)) {
      yield* (yield* Outbox).enqueue({
        tenantId: caller.tenantId,
        customerId: CustomerId.make(run.outcome.customerId),
        template: passwordResetTemplate,
        to: run.prepared.value.to,
        data: {},
        secret: run.prepared.value.secret
      })
    }
    return run.outcome
  })

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
  prepare: (input, account, caller) =>
    Effect.gen(function*() {
      const credentials = yield* Credentials
      const current = yield* credentials.verifyOneTimePassword(caller.tenantId, account.customerId, input.oneTimePassword)
      if (!current) {
        return yield* new OneTimePasswordRejected({
          rule: "password-reset.one-time",
          customerId: account.customerId,
          message:
            "The one-time password is not the customer's current one: it is wrong, was used already or was replaced by a newer one; request a new reset (rule password-reset.one-time)"
        })
      }
      // The checked password, redeemed after the write.
      return input.oneTimePassword
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
} satisfies AccountCommand<CompletePasswordResetInput, Redacted.Redacted<string>, unknown, unknown, Lifecycle.LifecycleRejection>

/**
 * Runs {@link completePasswordResetCommand}, then redeems (uses up) the one-time password. An
 * idempotent repeat redeems nothing again.
 *
 * @category commands
 */
export const completePasswordReset = (settings: PipelineSettings, untrustedCaller: Caller, untrustedInput: unknown, untrustedOptions?: CommandOptions) =>
  Effect.gen(function*() {
    // Read once: the steps after the write use these copies, never the caller's objects again (rule input.readable).
    const { caller, input, options } = yield* admit(untrustedCaller, untrustedOptions, untrustedInput, completePasswordResetCommand.subject)
    const run = yield* runAccountCommandDetailed(settings, completePasswordResetCommand, caller, input, options)
    if (Option.isSome(run.prepared)) {
      yield* (yield* Credentials).redeemOneTimePassword(caller.tenantId, CustomerId.make(run.outcome.customerId), run.prepared.value)
    }
    return run.outcome
  })

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
          activities: [{ type: "two-factor.disabled", summary: "Two-factor authentication disabled", details: {} }]
        }
        : { account, activities: [], unchanged: true }
    )
} satisfies AccountCommand<CredentialsInput, boolean, unknown, unknown, never>

/**
 * Runs {@link disableTwoFactorCommand}, then, when it recorded `two-factor.disabled`, disables the
 * second factor at the credentials port. An idempotent repeat disables nothing again.
 *
 * @category commands
 */
export const disableTwoFactor = (settings: PipelineSettings, untrustedCaller: Caller, untrustedInput: unknown, untrustedOptions?: CommandOptions) =>
  Effect.gen(function*() {
    // Read once: the steps after the write use these copies, never the caller's objects again (rule input.readable).
    const { caller, input, options } = yield* admit(untrustedCaller, untrustedOptions, untrustedInput, disableTwoFactorCommand.subject)
    const run = yield* runAccountCommandDetailed(settings, disableTwoFactorCommand, caller, input, options)
    if (Option.isSome(run.prepared) && run.prepared.value && run.outcome.activityIds.length > 0) {
      yield* (yield* Credentials).disableTwoFactor(caller.tenantId, CustomerId.make(run.outcome.customerId))
    }
    return run.outcome
  })
