/**
 * Anonymizing a customer (SPEC section 7), and the plan that shows what it would do first.
 *
 * The command runs through the pipeline with the whole timeline (loaded in every attempt, so an
 * activity appended concurrently is redacted too or makes the write conflict and retry). The
 * decision is `Anonymization.anonymizeAccount`: driven by the personal-data marks (rule
 * `anonymize.marks-driven`), it erases or replaces every personal value of the account and of every
 * activity's details (rewritten in place, in the same write), keeps status and consent records as
 * proof without their personal values, drops the files' metadata and sets the status to
 * `anonymized`, which locks the account (rule `command.editable-only`). It appends
 * `status.changed` and `customer.anonymized`. The customer's idempotency records stay (rule
 * `anonymize.keeps-idempotency`): their fingerprints are keyed digests that confirm no guess of
 * the input, and their results hold ids and versions only; a repeat under an earlier key, a
 * registration's included, returns its first result and never registers the erased person again.
 *
 * The same write holds an `erase` intent: after the write, the dispatcher deletes the files'
 * bytes, withdraws undelivered mails, tells the credential host to forget the customer and asks
 * the host to erase its own data (rule `compliance.host-erasure`, see `Erasure.ts`), under the
 * intent's key, at least once.
 *
 * Anonymizing an anonymized account changes nothing (rule `anonymize.idempotent`): no write, no
 * activity, the same version; it resumes the customer's unfinished erasure, so a run that failed
 * in it is completed by running it again (rule `effects.erasure-completes`), as is a repeat under
 * the same key, and the host's drain.
 *
 * @module
 */
import { DateTime, Effect, Option, Result, Schema } from "effect"
import { type AnonymizationPlan, type AnonymizationRejection, anonymizeAccount, planAnonymization } from "../../domain/Anonymization.ts"
import type { ActivityTypeRegistry } from "../../domain/ActivityType.ts"
import { CustomerId } from "../../domain/Ids.ts"
import { authorize } from "../../domain/Permission.ts"
import { decode } from "../../domain/Validation.ts"
import { FileStore } from "../../ports/FileStore.ts"
import type { Caller, CommandOptions } from "../Caller.ts"
import {
  type AccountCommand,
  loadAccount,
  loadTimeline,
  type PipelineSettings,
  runAccountCommandDetailed
} from "../Pipeline.ts"
import { resumeCustomer } from "../Dispatcher.ts"

/**
 * Input of `anonymize` and `anonymizationPlan`: the customer. No reason: it would be free text
 * kept on an account that must hold no personal data.
 *
 * @category inputs
 */
export const AnonymizeInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId
})
/** @category inputs */
export type AnonymizeInput = typeof AnonymizeInput.Type

/**
 * The anonymize command for an engine's registry (rules `anonymize.marks-driven`,
 * `anonymize.idempotent`). It runs on an anonymized account too, changing nothing.
 *
 * @category commands
 */
export const anonymizeCommand = (
  registry: ActivityTypeRegistry
): AccountCommand<AnonymizeInput, void, never, never, AnonymizationRejection, typeof AnonymizeInput.Encoded> => ({
  kind: "anonymize-customer",
  subject: "Anonymize",
  input: AnonymizeInput,
  customerId: (input) => input.customerId,
  allowWhenLocked: () => true,
  timeline: true,
  decide: (account, _input, env) => {
    if (account.lifecycle.status === "anonymized") return Result.succeed({ account, activities: [], unchanged: true })
    const from = account.lifecycle.status
    return Result.map(anonymizeAccount(registry, account, env.timeline, env.at, env.actor), (done) => ({
      account: done.account,
      rewrite: done.rewrite,
      // The idempotency records stay (rule anonymize.keeps-idempotency): their fingerprints are
      // keyed digests, and a repeat under an earlier key must return its first result.
      intents: [{ kind: "erase", payload: { reason: "anonymized" } }],
      activities: [
        { type: "status.changed", summary: `Status changed from ${from} to anonymized`, details: { from, to: "anonymized" } },
        {
          type: "customer.anonymized",
          summary: `Customer anonymized: ${done.rewrite.length} of ${env.timeline.length} activities redacted, ${done.files.length} files deleted`,
          details: {}
        }
      ]
    }))
  }
})

/**
 * Runs the anonymize command; its `erase` intent carries out the erasure steps after the write
 * (rule `compliance.host-erasure`). On an account anonymized before, it resumes the customer's
 * unfinished erasure (rule `effects.erasure-completes`); a repeat under the same key resumes the
 * first run's.
 *
 * @category commands
 */
export const anonymize = (settings: PipelineSettings, caller: Caller, input: unknown, options?: CommandOptions) =>
  Effect.gen(function*() {
    const run = yield* runAccountCommandDetailed(settings, anonymizeCommand(settings.registry), caller, input, options)
    if (Option.isSome(run.prepared) && run.outcome.activityIds.length === 0) {
      yield* resumeCustomer(caller.tenantId, CustomerId.make(run.outcome.customerId), ["erase"])
    }
    return run.outcome
  })

const decodeInput = decode(AnonymizeInput, "AnonymizationPlan")

/**
 * The validated plan of anonymizing a customer (rule `anonymize.plan-without-values`): what would
 * be erased and what kept, and why, by path, never by value. Needs the `anonymize` permission.
 * Computed by the same function as the anonymization, so it fails exactly when anonymizing would
 * (an activity of a type the registry does not know). Changes nothing.
 *
 * @category queries
 */
export const anonymizationPlan = (settings: PipelineSettings, caller: Caller, input: unknown) =>
  Effect.gen(function*() {
    const decoded = decodeInput(input)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const { customerId } = decoded.success
    const allowed = authorize({ actor: caller.actor, grants: caller.grants ?? {}, command: "anonymize-customer", targetCustomerId: customerId })
    if (Result.isFailure(allowed)) return yield* allowed.failure
    const account = yield* loadAccount(caller, customerId)
    const timeline = yield* loadTimeline(caller, customerId)
    const stored = yield* (yield* FileStore).list(caller.tenantId, customerId)
    const at = yield* DateTime.now
    const plan = planAnonymization(settings.registry, account, timeline, stored, at, caller.actor)
    if (Result.isFailure(plan)) return yield* plan.failure
    const result: AnonymizationPlan = plan.success
    return result
  })
