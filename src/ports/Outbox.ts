/**
 * The outbox port: mails the SDK asks the host to send (a password reset's one-time password, an
 * invitation). The host delivers them after the command has stored its state. A one-time password
 * travels only as a `Redacted` value here, so it never shows in logs or errors.
 *
 * A mail may name what it belongs to (`reference`, e.g. one invitation) so that it can be
 * withdrawn alone ({@link OutboxService.withdrawReference}) when that thing is withdrawn (a revoked
 * invitation's mail must not reach the invitee), and the last instant it may be delivered
 * (`notAfter`: an invitation's mail is useless, and must not go out, once the invitation expired).
 *
 * @module
 */
import { Context, DateTime, type Effect, Redacted } from "effect"
import type { CustomerId, TenantId } from "../domain/Ids.ts"
import type { StorageError } from "./AccountStore.ts"

/**
 * One mail to send.
 *
 * @category models
 */
export interface OutboxMail {
  /** The tenant. */
  readonly tenantId: TenantId
  /** The customer the mail is about. */
  readonly customerId: CustomerId
  /** The host's template, e.g. `password-reset`. */
  readonly template: string
  /** The recipient. */
  readonly to: string
  /** Values for the template; no secrets. */
  readonly data: Readonly<Record<string, string>>
  /** A secret for the template (a one-time password), redacted in every log and error. */
  readonly secret?: Redacted.Redacted<string>
  /**
   * What the mail belongs to, e.g. `service-platform-invitation:invitation-3`; the key of
   * {@link OutboxService.withdrawReference}. No personal data.
   */
  readonly reference?: string
  /**
   * The mail must not be delivered from this instant on: the host's outbox drops it undelivered
   * (an invitation's mail once the invitation expired).
   */
  readonly notAfter?: DateTime.Utc
  /**
   * The stable idempotency key of this mail (rule `effects.stable-key`): the engine queues a mail
   * at least once, always under the same key; the outbox queues a key once and ignores it again,
   * also after the mail was withdrawn.
   */
  readonly key?: string
}

/**
 * What the outbox does.
 *
 * @category port
 */
export interface OutboxService {
  /** Queues the mail for delivery. */
  readonly enqueue: (mail: OutboxMail) => Effect.Effect<void, StorageError>
  /**
   * Withdraws every mail about the customer that is not delivered yet, and forgets what it kept of
   * delivered ones (rule `compliance.host-erasure`): an anonymized or deleted customer gets no more
   * mail, and its address leaves the outbox. Returns how many mails were withdrawn. Withdrawing
   * when there is nothing to withdraw does nothing.
   */
  readonly withdraw: (tenantId: TenantId, customerId: CustomerId) => Effect.Effect<number, StorageError>
  /**
   * Withdraws the customer's mails with this `reference` that are not delivered yet (rule
   * `invitation.mail-withdrawn`: a revoked or accepted invitation's mail must not go out); other
   * mails stay. Returns how many mails were withdrawn; none is not an error.
   */
  readonly withdrawReference: (tenantId: TenantId, customerId: CustomerId, reference: string) => Effect.Effect<number, StorageError>
}

/**
 * The outbox service.
 *
 * @category port
 */
export class Outbox extends Context.Service<Outbox, OutboxService>()("customer-account/ports/Outbox") {}

const isText = (u: unknown): u is string => typeof u === "string"

/**
 * What is wrong with a mail handed to `Outbox.enqueue`, or `undefined` when nothing is: a check
 * of its shape for callers without types, which every outbox adapter runs before it stores a mail
 * (and refuses it with a `StorageError` naming the problem). It never reads the secret's value.
 *
 * @category checks
 */
export const mailRefusal = (mail: OutboxMail): string | undefined => {
  if (typeof mail !== "object" || mail === null) return "it is not an object"
  if (!isText(mail.tenantId) || mail.tenantId.length === 0) return "it names no tenant"
  if (!isText(mail.customerId) || mail.customerId.length === 0) return "it names no customer"
  if (!isText(mail.template) || mail.template.length === 0) return "it names no template"
  if (!isText(mail.to) || mail.to.trim().length === 0) return "it has no recipient"
  if (typeof mail.data !== "object" || mail.data === null || Array.isArray(mail.data)) return "its data is not a record of texts"
  for (const [key, value] of Object.entries(mail.data)) if (!isText(value)) return `its data value '${key}' is not a text`
  if (mail.secret !== undefined && !Redacted.isRedacted(mail.secret)) return "its secret is not Redacted"
  if (mail.reference !== undefined && (!isText(mail.reference) || mail.reference.length === 0)) return "its reference is not a text"
  if (mail.notAfter !== undefined && !DateTime.isDateTime(mail.notAfter)) return "its notAfter is not a DateTime"
  return undefined
}
