/**
 * Invitation commands of the service platform (SPEC section 10), for company customers only
 * (rule `service.company-only`): send, resend, revoke and accept an invitation of a login user.
 * Each runs the invitation machine of `Invitation.ts` (rules `invitation.transition-table`,
 * `invitation.expires`, `invitation.pending-unique`, `invitation.departments-known`,
 * `invitation.known-id`) and appends one activity (group `access-rights`).
 *
 * Sending and resending queue one mail to the invitee through the `Outbox` port, after the
 * account is stored (rule `invitation.mail-queued`): template {@link invitationMailTemplate},
 * with the invitation's id, the invitee's name, language and role, the company's name, the
 * departments' names and the expiry. An idempotent repeat queues nothing.
 *
 * The mail carries the reference {@link invitationMailReference} and, as `notAfter`, the
 * invitation's expiry: the host's outbox does not deliver it once the invitation expired (rule
 * `invitation.mail-withdrawn`). Revoking or accepting an invitation withdraws its undelivered
 * mails by that reference after the account is stored.
 *
 * A revoke (or accept, or anonymization) may be stored between the send's write and its mail.
 * So the mail is queued only while the stored invitation is still pending (and the account not
 * anonymized), and checked again after queueing: if it is no longer pending then, the mail is
 * withdrawn again. Whatever the interleaving, a revoked invitation's mail does not stay queued:
 * either the revoke was stored before the second check (which then withdraws the mail), or the
 * revoke's own withdrawal runs after the mail was queued.
 *
 * @module
 */
import { DateTime, Result, Schema } from "effect"
import type { Account } from "../../domain/Account.ts"
import { CustomerId, InvitationId } from "../../domain/Ids.ts"
import * as Invitation from "../../domain/Invitation.ts"
import type { CommandKind } from "../../domain/Permission.ts"
import { servicePlatformOf, ServicePlatformState } from "../../domain/ServicePlatform.ts"
import type { Caller, CommandOptions } from "../Caller.ts"
import type { CommandRejected } from "../Errors.ts"
import {
  type AccountCommand,
  type ActivityDraft,
  type PipelineSettings,
  type Rejection,
  runAccountCommand
} from "../Pipeline.ts"
import { companyOnly, withServicePlatform } from "./ServicePlatformDepartments.ts"

export { invitationMailTemplate } from "./InvitationMail.ts"

const ValidityDays = Schema.Int.check(
  Schema.isBetween(
    { minimum: 1, maximum: Invitation.maxValidityDays },
    { expected: `a validity of 1 to ${Invitation.maxValidityDays} days` }
  )
)

const withInvitations = (account: Account, invitations: ReadonlyArray<Invitation.Invitation>): Account =>
  withServicePlatform(account, new ServicePlatformState({ ...servicePlatformOf(account), invitations }))

/**
 * Input of `sendInvitation`: the company customer, the invitee's name, email and preferred
 * language, the role, the departments (default none) and the validity in days (default 14).
 *
 * @category inputs
 */
export const SendInvitationInput = Schema.Struct({
  /** The company customer. */
  customerId: CustomerId,
  /** The invitee's name. */
  name: Invitation.InviteeName,
  /** The invitee's email; the mail goes there. */
  email: Invitation.InviteeEmail,
  /** The invitee's preferred language (BCP 47). */
  language: Invitation.InviteeLanguage,
  /** `member`, `moderator` or `administrator`. */
  role: Invitation.InvitationRole,
  /** Departments of the account the invitee belongs to. */
  departmentIds: Schema.optionalKey(Invitation.InvitationDepartments),
  /** How many days the invitation stays valid; default {@link Invitation.defaultValidityDays}. */
  validityDays: Schema.optionalKey(ValidityDays)
})
/** @category inputs */
export type SendInvitationInput = typeof SendInvitationInput.Type

const sentDraft = (invitation: Invitation.Invitation): ActivityDraft => ({
  type: "invitation.sent",
  summary: `Invitation sent (${invitation.role})`,
  details: {
    invitationId: invitation.id,
    name: invitation.name,
    email: invitation.email,
    language: invitation.language,
    role: invitation.role,
    departmentIds: invitation.departmentIds,
    expiresAt: invitation.expiresAt
  }
})

/**
 * Send an invitation (rules `service.company-only`, `invitation.pending-unique`,
 * `invitation.departments-known`, `invitation.mail-queued`); `created` is its id.
 *
 * @category commands
 */
export const sendInvitation: AccountCommand<
  SendInvitationInput,
  void,
  never,
  never,
  Invitation.InvitationRejected | Invitation.InvitationConflict | CommandRejected,
  typeof SendInvitationInput.Encoded
> = {
  kind: "send-invitation",
  subject: "SendInvitation",
  input: SendInvitationInput,
  customerId: (input) => input.customerId,
  ids: ["invitation"],
  decide: (account, input, env) => {
    const refused = companyOnly("send-invitation", account, "invitations")
    if (refused !== undefined) return refused
    const state = servicePlatformOf(account)
    const sent = Invitation.send(state.invitations, state.departments, {
      _tag: "SendInvitation",
      id: InvitationId.make(env.ids[0] ?? ""),
      name: input.name,
      email: input.email,
      language: input.language,
      role: input.role,
      departmentIds: input.departmentIds ?? [],
      at: env.at,
      actor: env.actor,
      expiresAt: Invitation.expiryFrom(env.at, input.validityDays ?? Invitation.defaultValidityDays)
    })
    if (Result.isFailure(sent)) return Result.fail(sent.failure)
    const { invitation, invitations } = sent.success
    return Result.succeed({
      account: withInvitations(account, invitations),
      activities: [sentDraft(invitation)],
      created: invitation.id
    })
  }
}

/**
 * Input of `resendInvitation`: the customer, the invitation and a new validity in days (default
 * 14).
 *
 * @category inputs
 */
export const ResendInvitationInput = Schema.Struct({
  /** The company customer. */
  customerId: CustomerId,
  /** The pending or expired invitation. */
  invitationId: InvitationId,
  /** How many days it stays valid from now; default {@link Invitation.defaultValidityDays}. */
  validityDays: Schema.optionalKey(ValidityDays)
})
/** @category inputs */
export type ResendInvitationInput = typeof ResendInvitationInput.Type

/**
 * Input of `revokeInvitation` and `acceptInvitation`: the customer and the invitation.
 *
 * @category inputs
 */
export const InvitationRefInput = Schema.Struct({
  /** The company customer. */
  customerId: CustomerId,
  /** The invitation. */
  invitationId: InvitationId
})
/** @category inputs */
export type InvitationRefInput = typeof InvitationRefInput.Type

const onInvitation = <I extends InvitationRefInput, IE>(
  kind: CommandKind,
  subject: string,
  input: Schema.Codec<I, IE>,
  command: (input: I, at: DateTime.Utc, actor: Caller["actor"]) => Invitation.AcceptInvitation | Invitation.RevokeInvitation | Invitation.ResendInvitation,
  draft: (invitation: Invitation.Invitation) => ActivityDraft
): AccountCommand<I, void, never, never, Invitation.InvitationRejected | Invitation.InvitationConflict | CommandRejected, IE> => ({
  kind,
  subject,
  input,
  customerId: (i) => i.customerId,
  decide: (account, i, env) => {
    const refused = companyOnly(kind, account, "invitations")
    if (refused !== undefined) return refused
    const applied = Invitation.apply(servicePlatformOf(account).invitations, i.invitationId, command(i, env.at, env.actor))
    if (Result.isFailure(applied)) return Result.fail(applied.failure)
    return Result.succeed({
      account: withInvitations(account, applied.success.invitations),
      activities: [draft(applied.success.invitation)]
    })
  }
})

/**
 * Send a pending or expired invitation again with a new expiry (rules
 * `invitation.transition-table`, `invitation.pending-unique`, `invitation.mail-queued`).
 *
 * @category commands
 */
export const resendInvitation: AccountCommand<
  ResendInvitationInput,
  void,
  never,
  never,
  Invitation.InvitationRejected | Invitation.InvitationConflict | CommandRejected,
  typeof ResendInvitationInput.Encoded
> = onInvitation(
  "resend-invitation",
  "ResendInvitation",
  ResendInvitationInput,
  (i, at, actor) => ({
    _tag: "ResendInvitation",
    at,
    actor,
    expiresAt: Invitation.expiryFrom(at, i.validityDays ?? Invitation.defaultValidityDays)
  }),
  (invitation) => ({
    type: "invitation.resent",
    summary: "Invitation sent again",
    details: { invitationId: invitation.id, expiresAt: invitation.expiresAt }
  })
)

/**
 * Revoke a pending invitation (rule `invitation.transition-table`).
 *
 * @category commands
 */
export const revokeInvitation: AccountCommand<
  InvitationRefInput,
  void,
  never,
  never,
  Invitation.InvitationRejected | Invitation.InvitationConflict | CommandRejected,
  typeof InvitationRefInput.Encoded
> = onInvitation(
  "revoke-invitation",
  "RevokeInvitation",
  InvitationRefInput,
  (_i, at, actor) => ({ _tag: "RevokeInvitation", at, actor }),
  (invitation) => ({
    type: "invitation.revoked",
    summary: "Invitation revoked",
    details: { invitationId: invitation.id }
  })
)

/**
 * Record that the invitee accepted a pending invitation, as the host's platform reports it (rules
 * `invitation.transition-table`, `invitation.expires`: an expired invitation cannot be accepted).
 *
 * @category commands
 */
export const acceptInvitation: AccountCommand<
  InvitationRefInput,
  void,
  never,
  never,
  Invitation.InvitationRejected | Invitation.InvitationConflict | CommandRejected,
  typeof InvitationRefInput.Encoded
> = onInvitation(
  "accept-invitation",
  "AcceptInvitation",
  InvitationRefInput,
  (_i, at, actor) => ({ _tag: "AcceptInvitation", at, actor }),
  (invitation) => ({
    type: "invitation.accepted",
    summary: "Invitation accepted",
    details: { invitationId: invitation.id }
  })
)

export { invitationMailReference, queueInvitationMail, withdrawInvitationMail } from "./InvitationMail.ts"

const invitationIdOf = (outcome: { readonly created?: string | undefined }, input: unknown): string | undefined => {
  if (outcome.created !== undefined) return outcome.created
  const id = typeof input === "object" && input !== null ? (input as { invitationId?: unknown }).invitationId : undefined
  return typeof id === "string" ? id : undefined
}

/** The command with one more intent in every decision it makes, about the invitation it names or created. */
const withInvitationIntent = <I, D extends Rejection>(
  spec: AccountCommand<I, void, never, never, D>,
  kind: "invitation-mail" | "withdraw-invitation-mail"
): AccountCommand<I, void, never, never, D> => ({
  ...spec,
  decide: (account, input, env) =>
    Result.map(spec.decide(account, input, env), (decision) => {
      const invitationId = invitationIdOf(decision, input)
      return decision.unchanged === true || invitationId === undefined
        ? decision
        : { ...decision, intents: [...(decision.intents ?? []), { kind, payload: { invitationId } }] }
    })
})

/**
 * Runs `sendInvitation` or `resendInvitation` through the pipeline with an `invitation-mail`
 * intent in the same write (rule `invitation.mail-queued`): after the write the dispatcher queues
 * the invitation's mail under the intent's key if the stored invitation is still pending, then
 * checks again and withdraws the mail if a concurrent revoke or accept overtook it (rule
 * `invitation.mail-withdrawn`; see the module documentation). A repeat under the same key, or the
 * host's drain, finishes a mail that failed.
 *
 * @category mail
 */
export const runWithInvitationMail = <I extends { readonly customerId: CustomerId }, D extends Rejection>(
  settings: PipelineSettings,
  spec: AccountCommand<I, void, never, never, D>,
  caller: Caller,
  input: unknown,
  options?: CommandOptions
) => runAccountCommand(settings, withInvitationIntent(spec, "invitation-mail"), caller, input, options)

/**
 * Runs `revokeInvitation` or `acceptInvitation` through the pipeline with a
 * `withdraw-invitation-mail` intent in the same write: the dispatcher withdraws the invitation's
 * undelivered mails from the outbox after the write (rule `invitation.mail-withdrawn`); a repeat
 * under the same key, or the host's drain, finishes a withdrawal that failed.
 *
 * @category mail
 */
export const runWithMailWithdrawal = <I extends InvitationRefInput, D extends Rejection>(
  settings: PipelineSettings,
  spec: AccountCommand<I, void, never, never, D>,
  caller: Caller,
  input: unknown,
  options?: CommandOptions
) => runAccountCommand(settings, withInvitationIntent(spec, "withdraw-invitation-mail"), caller, input, options)
