/**
 * The consent command (SPEC section 4): change one channel's marketing consent. The consent
 * machine (`Consent.decide`) decides; the accepted change stores its consent record as proof
 * (rule `consent.record-is-proof`) and appends a `consent.changed` activity.
 *
 * The activity names channel, states, source and text version only: the IP address and user
 * agent stay in the consent record, where anonymization strips them, and never reach the
 * timeline.
 *
 * @module
 */
import { Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import * as Consent from "../../domain/Consent.ts"
import { CustomerId } from "../../domain/Ids.ts"
import type { AccountCommand } from "../Pipeline.ts"

const fields = Consent.ChangeConsent.fields

/**
 * Input of `changeConsent`: the customer, the channel, the new state, where the change came from,
 * and as the machine requires the consent text version (opt-in), the confirmation time (double
 * opt-in), and optionally the IP address and user agent it came from.
 *
 * @category inputs
 */
export const ChangeConsentInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The channel. */
  channel: fields.channel,
  /** The new state. */
  to: fields.to,
  /** Where the consent was given or changed, e.g. `newsletter-form`. */
  source: fields.source,
  /** The version of the consent text agreed to. */
  textVersion: fields.textVersion,
  /** The IP address the consent came from. */
  ipAddress: fields.ipAddress,
  /** The user agent the consent came from. */
  userAgent: fields.userAgent,
  /** For a double opt-in: when the confirmation was received. */
  confirmedAt: fields.confirmedAt
})
/** @category inputs */
export type ChangeConsentInput = typeof ChangeConsentInput.Type

/**
 * Change a channel's consent (rules `consent.transition-table`, `consent.never-back-to-none`,
 * `consent.no-change-to-current`, `consent.double-opt-in-needs-confirmation`,
 * `consent.objection-lifted-only-by-customer`, `consent.record-is-proof`). A refusal is a
 * `ConsentChangeRejected` naming the rule; nothing is recorded.
 *
 * @category commands
 */
export const changeConsent: AccountCommand<ChangeConsentInput, void, never, never, Consent.ConsentChangeRejected, typeof ChangeConsentInput.Encoded> = {
  kind: "change-consent",
  subject: "ChangeConsent",
  input: ChangeConsentInput,
  customerId: (input) => input.customerId,
  decide: (account, input, env) => {
    const { customerId: _, ...change } = input
    const decided = Consent.decide({ _tag: "ChangeConsent", ...change, at: env.at, actor: env.actor }, account.consent)
    if (Result.isFailure(decided)) return Result.fail(decided.failure)
    const events = decided.success
    return Result.succeed({
      account: new Account({ ...account, consent: events.reduce(Consent.evolve, account.consent) }),
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
    })
  }
}
