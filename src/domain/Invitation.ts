/**
 * Invitations of a company customer's login users (SPEC section 10): an operator invites a person
 * by name, email, preferred language, role (member, moderator, administrator) and departments;
 * the invitation is mailed through the outbox, and is then pending, accepted, expired or revoked.
 *
 * ## The machine (rule `invitation.transition-table`)
 *
 * One invitation is a decider whose state is the invitation, or `undefined` before it is sent:
 *
 * | state \ command | send | accept | revoke | resend |
 * |---|---|---|---|---|
 * | none | yes | no | no | no |
 * | pending | no | yes | yes | yes |
 * | expired | no | no | no | yes |
 * | accepted | no | no | no | no |
 * | revoked | no | no | no | no |
 *
 * Expiry is decided by the clock (rule `invitation.expires`): a pending invitation is expired from
 * its `expiresAt` on, without anything being written; {@link statusAt} tells the status at an
 * instant, and every decision uses the instant of its command. An expired invitation cannot be
 * accepted; resending it makes it pending again with a new expiry.
 *
 * ## The account's invitations
 *
 * Invitations exist only for company customers (rule `service.company-only`, checked by the
 * engine). At most one invitation per email address is pending in an account, compared
 * case-insensitively (rule `invitation.pending-unique`): sending or resending another is an
 * {@link InvitationConflict} naming the pending invitation, never the address. The departments
 * named are departments of the account (rule `invitation.departments-known`).
 *
 * The invitee's name, email and language are personal data and carry the marks; anonymization
 * replaces them.
 *
 * @module
 */
import { DateTime, Result, Schema } from "effect"
import { trimNfc } from "./Text.ts"
import { Actor } from "./Actor.ts"
import { anonymizedProfile, Name } from "./Customer.ts"
import type { Decider } from "./Decider.ts"
import { type Department, findDepartment } from "./Departments.ts"
import { emailFrom, normalizeEmail } from "./Email.ts"
import { DepartmentId, InvitationId } from "./Ids.ts"
import { Instant } from "./Instant.ts"
import { languageFrom } from "./Language.ts"
import { personal } from "./PersonalData.ts"

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/**
 * The role an invited login user gets: `member`, `moderator` or `administrator`.
 *
 * @category models
 */
export const InvitationRole = Schema.Literals(["member", "moderator", "administrator"])
/** @category models */
export type InvitationRole = typeof InvitationRole.Type

/**
 * Every status an invitation shows: `pending`, `accepted`, `expired` (by the clock) or `revoked`.
 *
 * @category models
 */
export const InvitationStatus = Schema.Literals(["pending", "accepted", "expired", "revoked"])
/** @category models */
export type InvitationStatus = typeof InvitationStatus.Type

/**
 * Every status, in the order of the table.
 *
 * @category models
 */
export const invitationStatuses: ReadonlyArray<InvitationStatus> = InvitationStatus.literals

/**
 * The status as stored: expiry is not stored but read from the clock ({@link statusAt}).
 *
 * @category models
 */
export const StoredInvitationStatus = Schema.Literals(["pending", "accepted", "revoked"])
/** @category models */
export type StoredInvitationStatus = typeof StoredInvitationStatus.Type

/**
 * How many days an invitation stays valid unless the operator says otherwise.
 *
 * @category limits
 */
export const defaultValidityDays = 14

/**
 * The longest validity an operator may give, in days.
 *
 * @category limits
 */
export const maxValidityDays = 90

/**
 * The most departments one invitation names.
 *
 * @category limits
 */
export const maxInvitationDepartments = 50


/**
 * The invitee's name as held: 1 to 100 characters, personal data, replaced by `anonymized`.
 *
 * @category models
 */
export const InviteeName = Schema.String.pipe(
  personal("identity", { replacement: anonymizedProfile.name }),
  Schema.decodeTo(Name, trimNfc())
)

/**
 * The invitee's email as held: personal data, replaced by a reserved address that never delivers.
 *
 * @category models
 */
export const InviteeEmail = emailFrom(Schema.String.pipe(personal("contact", { replacement: anonymizedProfile.email })))

/**
 * The invitee's preferred language as held (BCP 47): personal data, replaced by `und`.
 *
 * @category models
 */
export const InviteeLanguage = languageFrom(Schema.String.pipe(personal("contact", { replacement: anonymizedProfile.language })))

/**
 * The departments an invitation names: unique ids, at most {@link maxInvitationDepartments}.
 *
 * @category models
 */
export const InvitationDepartments = Schema.Array(DepartmentId).pipe(
  Schema.check(
    Schema.isMaxLength(maxInvitationDepartments, {
      expected: `at most ${maxInvitationDepartments} departments (rule invitation.departments-known)`
    }),
    Schema.makeFilter((ids: ReadonlyArray<string>) =>
      new Set(ids).size === ids.length ? undefined : "each department once (rule invitation.departments-known)"
    )
  )
)

/**
 * One invitation of a login user.
 *
 * @category models
 */
export class Invitation extends Schema.Class<Invitation>("customer-account/Invitation")({
  /** The invitation's id, unique within the account. */
  id: InvitationId,
  /** The invitee's name. */
  name: InviteeName,
  /** The invitee's email; the invitation's mail goes there. */
  email: InviteeEmail,
  /** The invitee's preferred language. */
  language: InviteeLanguage,
  /** The role the invitee gets. */
  role: InvitationRole,
  /** The departments the invitee belongs to. */
  departmentIds: InvitationDepartments,
  /** The stored status; see {@link statusAt} for the status at an instant. */
  status: StoredInvitationStatus,
  /** When it was first sent. */
  sentAt: Instant,
  /** Who sent it. */
  sentBy: Actor,
  /** When it expires, unless accepted or revoked before. */
  expiresAt: Instant,
  /** When it was last sent again. */
  resentAt: Schema.optionalKey(Instant),
  /** When it was accepted. */
  acceptedAt: Schema.optionalKey(Instant),
  /** When it was revoked. */
  revokedAt: Schema.optionalKey(Instant)
}) {}

/**
 * The status of an invitation at an instant (rule `invitation.expires`): a pending invitation is
 * expired from its `expiresAt` on.
 *
 * @category reading
 */
export const statusAt = (invitation: Invitation, at: DateTime.DateTime): InvitationStatus =>
  invitation.status === "pending" && !DateTime.isLessThan(at, invitation.expiresAt) ? "expired" : invitation.status

/**
 * The expiry of an invitation sent at `at` and valid for `days` days.
 *
 * @category reading
 */
export const expiryFrom = (at: DateTime.DateTime, days: number): DateTime.Utc =>
  DateTime.toUtc(DateTime.add(at, { days }))

// ---------------------------------------------------------------------------------------------
// Commands and events
// ---------------------------------------------------------------------------------------------

/**
 * Send a new invitation.
 *
 * @category commands
 */
export const SendInvitation = Schema.TaggedStruct("SendInvitation", {
  id: InvitationId,
  name: InviteeName,
  email: InviteeEmail,
  language: InviteeLanguage,
  role: InvitationRole,
  departmentIds: InvitationDepartments,
  at: Instant,
  actor: Actor,
  expiresAt: Instant
})
/** @category commands */
export type SendInvitation = typeof SendInvitation.Type

/**
 * The invitee accepted (reported by the host's platform).
 *
 * @category commands
 */
export const AcceptInvitation = Schema.TaggedStruct("AcceptInvitation", { at: Instant, actor: Actor })
/** @category commands */
export type AcceptInvitation = typeof AcceptInvitation.Type

/**
 * Withdraw a pending invitation.
 *
 * @category commands
 */
export const RevokeInvitation = Schema.TaggedStruct("RevokeInvitation", { at: Instant, actor: Actor })
/** @category commands */
export type RevokeInvitation = typeof RevokeInvitation.Type

/**
 * Send a pending or expired invitation again, with a new expiry.
 *
 * @category commands
 */
export const ResendInvitation = Schema.TaggedStruct("ResendInvitation", { at: Instant, actor: Actor, expiresAt: Instant })
/** @category commands */
export type ResendInvitation = typeof ResendInvitation.Type

/**
 * Every command of the invitation machine.
 *
 * @category commands
 */
export const InvitationCommand = Schema.Union([SendInvitation, AcceptInvitation, RevokeInvitation, ResendInvitation])
/** @category commands */
export type InvitationCommand = typeof InvitationCommand.Type

/**
 * The invitation was sent.
 *
 * @category events
 */
export const InvitationSent = Schema.TaggedStruct("InvitationSent", { invitation: Invitation })
/** @category events */
export type InvitationSent = typeof InvitationSent.Type

/**
 * The invitation was accepted.
 *
 * @category events
 */
export const InvitationAccepted = Schema.TaggedStruct("InvitationAccepted", { at: Instant, actor: Actor })
/** @category events */
export type InvitationAccepted = typeof InvitationAccepted.Type

/**
 * The invitation was revoked.
 *
 * @category events
 */
export const InvitationRevoked = Schema.TaggedStruct("InvitationRevoked", { at: Instant, actor: Actor })
/** @category events */
export type InvitationRevoked = typeof InvitationRevoked.Type

/**
 * The invitation was sent again, valid until `expiresAt`.
 *
 * @category events
 */
export const InvitationResent = Schema.TaggedStruct("InvitationResent", { at: Instant, actor: Actor, expiresAt: Instant })
/** @category events */
export type InvitationResent = typeof InvitationResent.Type

/**
 * Every event of the invitation machine.
 *
 * @category events
 */
export const InvitationEvent = Schema.Union([InvitationSent, InvitationAccepted, InvitationRevoked, InvitationResent])
/** @category events */
export type InvitationEvent = typeof InvitationEvent.Type

/**
 * The state of one invitation's machine: the invitation, or `undefined` before it is sent.
 *
 * @category decider
 */
export type InvitationState = Invitation | undefined

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * An invitation command was refused; `rule` names the rule. Nothing was changed.
 *
 * @category errors
 */
export class InvitationRejected extends Schema.TaggedError<InvitationRejected>()("InvitationRejected", {
  /** The rule that refused the command. */
  rule: Schema.Literals([
    "invitation.transition-table",
    "invitation.expires",
    "invitation.departments-known",
    "invitation.known-id"
  ]),
  /** The invitation concerned, if it exists. */
  invitationId: Schema.optionalKey(Schema.String),
  /** Its status at the command's instant; `none` before it was sent. */
  status: Schema.Literals(["none", "pending", "accepted", "expired", "revoked"]),
  /** Where in the input the problem is. */
  path: Schema.optionalKey(Schema.String),
  /** What was refused and why. */
  message: Schema.String
}) {}

/**
 * Another invitation to the same address is pending in the account (rule
 * `invitation.pending-unique`). The error names the pending invitation, not the address. Nothing
 * was changed and nothing was sent.
 *
 * @category errors
 */
export class InvitationConflict extends Schema.TaggedError<InvitationConflict>()("InvitationConflict", {
  /** The rule that refused the command. */
  rule: Schema.Literal("invitation.pending-unique"),
  /** The pending invitation to the same address. */
  pendingInvitationId: InvitationId,
  /** Where in the input the address is. */
  path: Schema.Literal("email"),
  /** What happened. */
  message: Schema.String
}) {}

// ---------------------------------------------------------------------------------------------
// The decider
// ---------------------------------------------------------------------------------------------

const commandVerb: { readonly [K in InvitationCommand["_tag"]]: string } = {
  SendInvitation: "send",
  AcceptInvitation: "accept",
  RevokeInvitation: "revoke",
  ResendInvitation: "resend"
}

/**
 * Decides an invitation command against the invitation's state (pure; never throws), following
 * the table in the module documentation (rules `invitation.transition-table`,
 * `invitation.expires`).
 *
 * @example
 * ```ts
 * import { DateTime, Result } from "effect"
 * import { Actor, Ids, Invitation } from "customer-account"
 *
 * const at = DateTime.makeUnsafe("2026-11-23T10:00:00Z")
 * const mia = Actor.supporter(Ids.StaffUserId.make("u-1"), "Mia")
 * const sent = Invitation.decide({
 *   _tag: "SendInvitation", id: Ids.InvitationId.make("invitation-1"), name: "Jonas Weber",
 *   email: "jonas@example.de", language: "de", role: "member", departmentIds: [], at, actor: mia,
 *   expiresAt: Invitation.expiryFrom(at, 14)
 * }, undefined)
 * Result.isSuccess(sent) // true: one InvitationSent event
 * ```
 *
 * @category decider
 */
export const decide = (
  command: InvitationCommand,
  state: InvitationState
): Result.Result<ReadonlyArray<InvitationEvent>, InvitationRejected> => {
  const status = state === undefined ? "none" : statusAt(state, command.at)
  const verb = commandVerb[command._tag]
  const reject = (rule: InvitationRejected["rule"], why: string) =>
    Result.fail(
      new InvitationRejected({
        rule,
        ...(state === undefined ? {} : { invitationId: state.id }),
        status,
        message: `Cannot ${verb} the invitation: ${why} (rule ${rule})`
      })
    )
  const validUntil = (expiresAt: DateTime.Utc) =>
    DateTime.isGreaterThan(expiresAt, command.at) ? undefined : reject("invitation.expires", "its expiry lies not after now")
  switch (command._tag) {
    case "SendInvitation": {
      if (state !== undefined) return reject("invitation.transition-table", `it was sent already and is ${status}`)
      const tooLate = validUntil(command.expiresAt)
      if (tooLate !== undefined) return tooLate
      const { _tag, at, actor, ...fields } = command
      return Result.succeed([
        { _tag: "InvitationSent", invitation: new Invitation({ ...fields, status: "pending", sentAt: at, sentBy: actor }) }
      ])
    }
    case "AcceptInvitation":
      if (status === "pending") return Result.succeed([{ _tag: "InvitationAccepted", at: command.at, actor: command.actor }])
      if (status === "expired") return reject("invitation.expires", "it has expired; send it again")
      return reject("invitation.transition-table", status === "none" ? "it was never sent" : `it is ${status}`)
    case "RevokeInvitation":
      if (status === "pending") return Result.succeed([{ _tag: "InvitationRevoked", at: command.at, actor: command.actor }])
      return reject("invitation.transition-table", status === "none" ? "it was never sent" : `it is ${status}`)
    case "ResendInvitation": {
      if (status !== "pending" && status !== "expired") {
        return reject("invitation.transition-table", status === "none" ? "it was never sent" : `it is ${status}`)
      }
      const tooLate = validUntil(command.expiresAt)
      if (tooLate !== undefined) return tooLate
      return Result.succeed([{ _tag: "InvitationResent", at: command.at, actor: command.actor, expiresAt: command.expiresAt }])
    }
  }
}

/**
 * Folds one event into the invitation's state. Total: an event that needs an invitation leaves
 * `undefined` as it is.
 *
 * @category decider
 */
export const evolve = (state: InvitationState, event: InvitationEvent): InvitationState => {
  if (event._tag === "InvitationSent") return event.invitation
  if (state === undefined) return state
  switch (event._tag) {
    case "InvitationAccepted":
      return new Invitation({ ...state, status: "accepted", acceptedAt: event.at })
    case "InvitationRevoked":
      return new Invitation({ ...state, status: "revoked", revokedAt: event.at })
    case "InvitationResent":
      return new Invitation({ ...state, status: "pending", expiresAt: event.expiresAt, resentAt: event.at })
  }
}

/**
 * The invitation machine as a decider.
 *
 * @category decider
 */
export const decider: Decider<InvitationCommand, InvitationState, InvitationEvent, InvitationRejected> = {
  initialState: undefined,
  decide,
  evolve
}

// ---------------------------------------------------------------------------------------------
// The account's invitations
// ---------------------------------------------------------------------------------------------

/**
 * The invitation to this address (ignoring case) that is pending at `at`, other than `except`.
 *
 * @category reading
 */
export const pendingFor = (
  invitations: ReadonlyArray<Invitation>,
  email: string,
  at: DateTime.DateTime,
  except?: string
): Invitation | undefined =>
  invitations.find((i) => i.id !== except && statusAt(i, at) === "pending" && normalizeEmail(i.email) === normalizeEmail(email))

/**
 * The invitations that name a department and are pending or accepted at `at` (those that hold the
 * department, rule `department.remove-when-empty`).
 *
 * @category reading
 */
export const invitationsNaming = (
  invitations: ReadonlyArray<Invitation>,
  departmentId: string,
  at: DateTime.DateTime
): ReadonlyArray<Invitation> =>
  invitations.filter((i) => {
    const status = statusAt(i, at)
    return (status === "pending" || status === "accepted") && i.departmentIds.some((d) => d === departmentId)
  })

const conflict = (pending: Invitation) =>
  Result.fail(
    new InvitationConflict({
      rule: "invitation.pending-unique",
      pendingInvitationId: pending.id,
      path: "email",
      message: `The invitation ${pending.id} to this address is still pending; resend or revoke it instead (rule invitation.pending-unique)`
    })
  )

/**
 * Sends a new invitation into the account's list (rules `invitation.pending-unique`,
 * `invitation.departments-known`, `invitation.transition-table`): the address has no pending
 * invitation, and every department named is one of the account's.
 *
 * @category changes
 */
export const send = (
  invitations: ReadonlyArray<Invitation>,
  departments: ReadonlyArray<Department>,
  command: SendInvitation
): Result.Result<{ readonly invitations: ReadonlyArray<Invitation>; readonly invitation: Invitation }, InvitationRejected | InvitationConflict> => {
  const unknown = command.departmentIds.findIndex((id) => findDepartment(departments, id) === undefined)
  if (unknown >= 0) {
    return Result.fail(
      new InvitationRejected({
        rule: "invitation.departments-known",
        status: "none",
        path: `departmentIds.${unknown}`,
        message: `No department ${command.departmentIds[unknown]} in this account (rule invitation.departments-known)`
      })
    )
  }
  const pending = pendingFor(invitations, command.email, command.at)
  if (pending !== undefined) return conflict(pending)
  const existing = invitations.find((i) => i.id === command.id)
  return Result.map(decide(command, existing), (events) => {
    const invitation = events.reduce(evolve, existing) as Invitation
    return { invitations: [...invitations, invitation], invitation }
  })
}

/**
 * Runs an accept, revoke or resend on one invitation of the account's list (rules
 * `invitation.known-id`, `invitation.transition-table`, `invitation.expires`; a resend also
 * `invitation.pending-unique`).
 *
 * @category changes
 */
export const apply = (
  invitations: ReadonlyArray<Invitation>,
  id: string,
  command: AcceptInvitation | RevokeInvitation | ResendInvitation
): Result.Result<
  { readonly invitations: ReadonlyArray<Invitation>; readonly invitation: Invitation; readonly before: InvitationStatus },
  InvitationRejected | InvitationConflict
> => {
  const existing = invitations.find((i) => i.id === id)
  if (existing === undefined) {
    return Result.fail(
      new InvitationRejected({
        rule: "invitation.known-id",
        status: "none",
        path: "invitationId",
        message: `No invitation ${id} in this account (rule invitation.known-id)`
      })
    )
  }
  if (command._tag === "ResendInvitation") {
    const pending = pendingFor(invitations, existing.email, command.at, existing.id)
    if (pending !== undefined) return conflict(pending)
  }
  const before = statusAt(existing, command.at)
  return Result.map(decide(command, existing), (events) => {
    const invitation = events.reduce(evolve, existing as InvitationState) as Invitation
    return { invitations: invitations.map((i) => (i.id === id ? invitation : i)), invitation, before }
  })
}
