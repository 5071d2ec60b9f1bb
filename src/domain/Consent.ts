/**
 * Marketing consent (opt-in): one state machine per channel (SPEC section 4), the consent records
 * that prove each change, and `canMarket`, as a pure decider.
 *
 * @module
 */
import { Result, Schema } from "effect"
import { isCleanText } from "./Text.ts"
import { Actor, principalOf } from "./Actor.ts"
import type { Decider } from "./Decider.ts"
import { Instant } from "./Instant.ts"
import { personal } from "./PersonalData.ts"

/**
 * The marketing channels.
 *
 * @category models
 */
export const ConsentChannel = Schema.Literals(["email", "phone", "post", "messenger"])
/** @category models */
export type ConsentChannel = typeof ConsentChannel.Type

/**
 * Every channel, in a fixed order.
 *
 * @category models
 */
export const channels: ReadonlyArray<ConsentChannel> = ConsentChannel.literals

/**
 * The consent states of one channel.
 *
 * @category models
 */
export const ConsentStatus = Schema.Literals(["none", "singleOptIn", "doubleOptIn", "revoked", "objection"])
/** @category models */
export type ConsentStatus = typeof ConsentStatus.Type

/**
 * Every consent state, in the order of the specification's table.
 *
 * @category models
 */
export const consentStatuses: ReadonlyArray<ConsentStatus> = ConsentStatus.literals

/**
 * The transition table (rule `consent.transition-table`): for each state, the states it may change
 * to. No state leads back to `none` (rule `consent.never-back-to-none`); leaving `objection` for
 * `singleOptIn` further needs the customer and fresh consent
 * (rule `consent.objection-lifted-only-by-customer`).
 *
 * @category rules
 */
export const consentTransitions: { readonly [From in ConsentStatus]: ReadonlyArray<ConsentStatus> } = {
  none: ["singleOptIn", "objection"],
  singleOptIn: ["doubleOptIn", "revoked", "objection"],
  doubleOptIn: ["revoked", "objection"],
  revoked: ["singleOptIn", "objection"],
  objection: ["singleOptIn"]
}

/**
 * Whether the table allows a change from one consent state to another.
 *
 * @category rules
 */
export const canChangeConsent = (from: ConsentStatus, to: ConsentStatus): boolean =>
  consentTransitions[from].includes(to)

const Text = (max: number) => Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, max), isCleanText()))

/**
 * An IP address as given with a consent (IPv4 or IPv6 text). Personal data: erased by
 * anonymization, while the record itself stays as proof.
 *
 * @category models
 */
export const IpAddress = Text(45).pipe(
  Schema.check(Schema.isPattern(/^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:.]{2,45})$/, { expected: "an IPv4 or IPv6 address" })),
  personal("network")
)

/**
 * A browser's user agent as given with a consent. Personal data: erased by anonymization.
 *
 * @category models
 */
export const UserAgent = Text(500).pipe(personal("network"))

/**
 * One consent record (rule `consent.record-is-proof`): the proof of one change of one channel.
 * Records are exported, and survive anonymization stripped of their personal data (IP address,
 * user agent, and the free-text source, which becomes `[erased]`).
 *
 * @category models
 */
export class ConsentRecord extends Schema.Class<ConsentRecord>("customer-account/ConsentRecord")({
  /** The channel that changed. */
  channel: ConsentChannel,
  /** The state before. */
  from: ConsentStatus,
  /** The state after. */
  to: ConsentStatus,
  /** When the change happened. */
  at: Instant,
  /** Who made the change. */
  actor: Actor,
  /**
   * Where the consent was given or changed, e.g. `checkout`, `newsletter-form`, `back-office`. Free
   * text, so it may hold personal data (`call with Ms Meier`): marked, and anonymization writes
   * `[erased]`; the proof (channel, states, time, actor, text version) stays.
   */
  source: Text(100).pipe(personal("content", { replacement: "[erased]" })),
  /** The version of the consent text the customer agreed to. */
  textVersion: Schema.optionalKey(Text(50)),
  /** The IP address the consent came from. */
  ipAddress: Schema.optionalKey(IpAddress),
  /** The user agent the consent came from. */
  userAgent: Schema.optionalKey(UserAgent),
  /** For a double opt-in: when the confirmation (e.g. the link in the mail) was received. */
  confirmedAt: Schema.optionalKey(Instant)
}) {}

/**
 * The consent part of an account: the current state per channel and every record, oldest first.
 *
 * @category models
 */
export class ConsentState extends Schema.Class<ConsentState>("customer-account/ConsentState")({
  /** The current state of each channel. */
  channels: Schema.Struct({
    email: ConsentStatus,
    phone: ConsentStatus,
    post: ConsentStatus,
    messenger: ConsentStatus
  }),
  /** Every accepted change, oldest first. */
  records: Schema.Array(ConsentRecord)
}) {}

/**
 * No consent on any channel, no records.
 *
 * @category constructors
 */
export const initialConsent: ConsentState = new ConsentState({
  channels: { email: "none", phone: "none", post: "none", messenger: "none" },
  records: []
})

/**
 * Change one channel's consent. `textVersion` is required for an opt-in, `confirmedAt` for a
 * double opt-in (rule `consent.record-is-proof`).
 *
 * @category commands
 */
export const ChangeConsent = Schema.TaggedStruct("ChangeConsent", {
  channel: ConsentChannel,
  to: ConsentStatus,
  at: Instant,
  actor: Actor,
  source: Text(100),
  textVersion: Schema.optionalKey(Text(50)),
  ipAddress: Schema.optionalKey(IpAddress),
  userAgent: Schema.optionalKey(UserAgent),
  confirmedAt: Schema.optionalKey(Instant)
})
/** @category commands */
export type ChangeConsent = typeof ChangeConsent.Type

/**
 * A channel's consent changed; carries the full record.
 *
 * @category events
 */
export const ConsentChanged = Schema.TaggedStruct("ConsentChanged", { record: ConsentRecord })
/** @category events */
export type ConsentChanged = typeof ConsentChanged.Type

/**
 * A consent change was refused. `rule` names the rule that refused it. Nothing was recorded.
 *
 * @category errors
 */
export class ConsentChangeRejected extends Schema.TaggedError<ConsentChangeRejected>()("ConsentChangeRejected", {
  /** The rule that refused the change. */
  rule: Schema.Literals([
    "consent.transition-table",
    "consent.never-back-to-none",
    "consent.no-change-to-current",
    "consent.double-opt-in-needs-confirmation",
    "consent.objection-lifted-only-by-customer",
    "consent.record-is-proof"
  ]),
  /** The channel. */
  channel: ConsentChannel,
  /** The current state. */
  from: ConsentStatus,
  /** The state asked for. */
  to: ConsentStatus,
  /** What was refused and why. */
  message: Schema.String
}) {}

/**
 * Decides a consent change against the current state (pure; never throws).
 *
 * @example
 * ```ts
 * import { DateTime } from "effect"
 * import { Actor, Consent, Ids } from "customer-account"
 *
 * const at = DateTime.makeUnsafe("2026-11-23T10:00:00Z")
 * const me = Actor.customer(Ids.CustomerId.make("c-1"))
 * Consent.decide(
 *   { _tag: "ChangeConsent", channel: "email", to: "singleOptIn", at, actor: me, source: "checkout", textVersion: "v3" },
 *   Consent.initialConsent
 * ) // Result.succeed([ConsentChanged])
 * ```
 *
 * @category decider
 */
export const decide = (
  command: ChangeConsent,
  state: ConsentState
): Result.Result<ReadonlyArray<ConsentChanged>, ConsentChangeRejected> => {
  const { channel, to } = command
  const from = state.channels[channel]
  const reject = (rule: ConsentChangeRejected["rule"], why: string) =>
    Result.fail(
      new ConsentChangeRejected({ rule, channel, from, to, message: `Cannot change ${channel} consent from ${from} to ${to}: ${why}` })
    )
  if (from === to) return reject("consent.no-change-to-current", `the ${channel} consent is already ${to}`)
  if (to === "none") return reject("consent.never-back-to-none", "consent never returns to none")
  if (!canChangeConsent(from, to)) return reject("consent.transition-table", "the transition table does not allow it")
  if (from === "objection" && (principalOf(command.actor)._tag !== "customer" || command.textVersion === undefined)) {
    return reject(
      "consent.objection-lifted-only-by-customer",
      "after an objection only the customer, with fresh consent (a consent text version), can opt in again"
    )
  }
  if (to === "doubleOptIn" && command.confirmedAt === undefined) {
    return reject("consent.double-opt-in-needs-confirmation", "a double opt-in needs the confirmation time")
  }
  if (to === "singleOptIn" && command.textVersion === undefined) {
    return reject("consent.record-is-proof", "an opt-in needs the version of the consent text agreed to")
  }
  const { _tag: _, ...fields } = command
  return Result.succeed([{ _tag: "ConsentChanged", record: new ConsentRecord({ ...fields, from }) }])
}

/**
 * Folds one consent event into the state.
 *
 * @category decider
 */
export const evolve = (state: ConsentState, event: ConsentChanged): ConsentState =>
  new ConsentState({
    channels: { ...state.channels, [event.record.channel]: event.record.to },
    records: [...state.records, event.record]
  })

/**
 * The consent machine as a decider.
 *
 * @category decider
 */
export const decider: Decider<ChangeConsent, ConsentState, ConsentChanged, ConsentChangeRejected> = {
  initialState: initialConsent,
  decide,
  evolve
}

/**
 * Whether marketing through a channel is allowed in a given state (rule `consent.can-market`):
 * email needs a double opt-in; phone and messenger a single or double opt-in; post is allowed
 * unless revoked or objected to.
 *
 * @category permissions
 */
export const canMarketIn = (channel: ConsentChannel, status: ConsentStatus): boolean => {
  switch (channel) {
    case "email":
      return status === "doubleOptIn"
    case "phone":
    case "messenger":
      return status === "singleOptIn" || status === "doubleOptIn"
    case "post":
      return status !== "revoked" && status !== "objection"
  }
}

/**
 * Whether marketing through a channel is allowed for an account's consent state.
 *
 * @category permissions
 */
export const canMarket = (state: ConsentState, channel: ConsentChannel): boolean =>
  canMarketIn(channel, state.channels[channel])

/**
 * The records of one channel, oldest first.
 *
 * @category reading
 */
export const recordsOf = (state: ConsentState, channel: ConsentChannel): ReadonlyArray<ConsentRecord> =>
  state.records.filter((r) => r.channel === channel)
