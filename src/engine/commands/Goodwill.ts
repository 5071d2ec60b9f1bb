/**
 * Goodwill (SPEC section 7): free issues, a free redelivery of named issues, a free billing period.
 * The SDK validates the grant and hands it to the host through the `Goodwill` port, which owns
 * subscriptions; the account records a `goodwill.granted` activity.
 *
 * The host step checks the subscription the grant names, through the port, before the hand-over:
 *
 * - free issues (1 to 100) go to one existing, active, issue-based subscription (rule
 *   `goodwill.free-issues`);
 * - a free billing period goes to an existing, active subscription (rule
 *   `goodwill.subscription-active`);
 * - a free redelivery that names a subscription names an existing one, active or not: issues of a
 *   subscription that has ended may still be redelivered (rule `goodwill.subscription-active`).
 *
 * A refusal is a `CommandRejected` naming the rule, and nothing is handed over or recorded. The
 * host may still refuse the hand-over (`GoodwillRefused`); then nothing is recorded either.
 *
 * The customer's status does not matter: a blocked or deactivated customer may still receive the
 * deliveries of a running subscription, and goodwill for a complaint is granted exactly in such
 * cases; whether the subscription runs is the host's fact, checked above. An anonymized account
 * is locked like for every edit (rule `command.editable-only`).
 *
 * A grant is irreversible: it is handed over once, before the account is written, as a host call
 * recorded first as a `hand-over-goodwill` intent and made under that intent's key, derived from
 * the command's idempotency key (rule `effects.before-write-once`). Should the write fail after
 * that, repeating the command under the same key records the grant without handing it over again.
 *
 * @module
 */
import { Effect, Option, Result, Schema } from "effect"
import { GoodwillGrantedDetails } from "../../domain/ActivityDetails.ts"
import { CustomerId } from "../../domain/Ids.ts"
import type { RuleId } from "../../domain/Rules.ts"
import type { AccountStore, StorageError } from "../../ports/AccountStore.ts"
import { Goodwill, type GoodwillRefused } from "../../ports/Goodwill.ts"
import type { CommandRejected } from "../Errors.ts"
import type { AccountCommand } from "../Pipeline.ts"
import { rejection } from "./Refusals.ts"

/**
 * Input of `grantGoodwill`: the customer and the grant, one shape per kind (see
 * `ActivityDetails.GoodwillGrantedDetails`).
 *
 * @category inputs
 */
export const GrantGoodwillInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The grant. */
  grant: GoodwillGrantedDetails
})
/** @category inputs */
export type GrantGoodwillInput = typeof GrantGoodwillInput.Type

const encodeGrant = Schema.encodeSync(GoodwillGrantedDetails)

const summaryOf = (grant: GoodwillGrantedDetails): string => {
  switch (grant.kind) {
    case "free-issues":
      return `Goodwill granted: ${grant.issues} free issue${grant.issues === 1 ? "" : "s"} for subscription ${grant.subscriptionId}`
    case "free-redelivery":
      return `Goodwill granted: free redelivery of ${grant.issueNames.length} issue${grant.issueNames.length === 1 ? "" : "s"}${
        grant.subscriptionId === undefined ? "" : ` of subscription ${grant.subscriptionId}`
      }`
    case "free-billing-period":
      return `Goodwill granted: a free billing period of subscription ${grant.subscriptionId}`
  }
}

/**
 * Grant goodwill (rules `goodwill.free-issues`, `goodwill.subscription-active`). The host step
 * checks the subscription and hands the grant (its JSON encoding) over once; the decision appends
 * `goodwill.granted` with the grant as details and leaves the account as it is.
 *
 * @category commands
 */
export const grantGoodwill: AccountCommand<
  GrantGoodwillInput,
  void,
  CommandRejected | GoodwillRefused | StorageError,
  Goodwill | AccountStore,
  never,
  typeof GrantGoodwillInput.Encoded
> = {
  kind: "grant-goodwill",
  subject: "GrantGoodwill",
  input: GrantGoodwillInput,
  customerId: (input) => input.customerId,
  prepare: (input, account, caller, step) =>
    Effect.gen(function*() {
      const goodwill = yield* Goodwill
      const grant = input.grant
      const refuse = (rule: RuleId, message: string) =>
        Effect.fail(rejection("grant-goodwill", rule, message, "grant.subscriptionId"))
      const subscriptionId = grant.subscriptionId
      if (subscriptionId !== undefined) {
        const found = yield* goodwill.subscription(caller.tenantId, account.customerId, subscriptionId)
        const rule = grant.kind === "free-issues" ? "goodwill.free-issues" : "goodwill.subscription-active"
        if (Option.isNone(found)) {
          return yield* refuse(rule, `The customer has no subscription ${subscriptionId}`)
        }
        const facts = found.value
        if (grant.kind !== "free-redelivery" && !facts.active) {
          return yield* refuse(rule, `The subscription ${subscriptionId} is not active; ${grant.kind} goes to an active subscription`)
        }
        if (grant.kind === "free-issues" && !facts.issueBased) {
          return yield* refuse(rule, `The subscription ${subscriptionId} does not deliver issues; free issues go to an issue-based subscription`)
        }
      }
      const encoded = encodeGrant(grant) as Schema.Json
      yield* step.call("hand-over-goodwill", account.customerId, { grant: encoded }, Schema.Null, (key) =>
        Effect.as(goodwill.handOver(caller.tenantId, account.customerId, encoded, key), null))
    }),
  decide: (account, input) =>
    Result.succeed({
      account,
      activities: [{ type: "goodwill.granted", summary: summaryOf(input.grant), details: input.grant }]
    })
}
