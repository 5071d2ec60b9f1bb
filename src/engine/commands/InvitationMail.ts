/**
 * The mail of a service-platform invitation (rules `invitation.mail-queued`,
 * `invitation.mail-withdrawn`): its template, its outbox reference, and queueing and withdrawing
 * it. The dispatcher carries out the `invitation-mail` and `withdraw-invitation-mail` intents with
 * these.
 *
 * @module
 */
import { DateTime, Effect } from "effect"
import type { Account } from "../../domain/Account.ts"
import { pathOf } from "../../domain/Departments.ts"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import type * as Invitation from "../../domain/Invitation.ts"
import { servicePlatformOf } from "../../domain/ServicePlatform.ts"
import { Outbox } from "../../ports/Outbox.ts"

/**
 * The outbox template of an invitation's mail.
 *
 * @category mail
 */
export const invitationMailTemplate = "service-platform-invitation"

/**
 * The outbox reference of an invitation's mails: `service-platform-invitation:<invitation id>`
 * (rule `invitation.mail-withdrawn`).
 *
 * @category mail
 */
export const invitationMailReference = (invitationId: string): string => `${invitationMailTemplate}:${invitationId}`

/**
 * Queues the mail of an invitation in the outbox (rule `invitation.mail-queued`), with its
 * reference and, as `notAfter`, the invitation's expiry (rule `invitation.mail-withdrawn`).
 *
 * @category mail
 */
export const queueInvitationMail = Effect.fn("CustomerAccounts.queueInvitationMail")(
  function*(account: Account, invitation: Invitation.Invitation, key?: string) {
    const departments = servicePlatformOf(account).departments
    yield* (yield* Outbox).enqueue({
      tenantId: account.tenantId,
      customerId: account.customerId,
      template: invitationMailTemplate,
      to: invitation.email,
      data: {
        invitationId: invitation.id,
        name: invitation.name,
        language: invitation.language,
        role: invitation.role,
        company: account.profile.kind === "company" ? account.profile.companyName : "",
        departments: invitation.departmentIds.map((id) => pathOf(departments, id).join(" / ")).join("; "),
        expiresAt: DateTime.formatIso(invitation.expiresAt)
      },
      reference: invitationMailReference(invitation.id),
      notAfter: invitation.expiresAt,
      ...(key === undefined ? {} : { key })
    })
  }
)

/**
 * Withdraws the undelivered mails of an invitation from the outbox (rule
 * `invitation.mail-withdrawn`); returns how many were withdrawn.
 *
 * @category mail
 */
export const withdrawInvitationMail = Effect.fn("CustomerAccounts.withdrawInvitationMail")(
  function*(tenantId: TenantId, customerId: CustomerId, invitationId: string) {
    return yield* (yield* Outbox).withdrawReference(tenantId, customerId, invitationMailReference(invitationId))
  }
)

