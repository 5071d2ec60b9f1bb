/**
 * The outbox port: mails the SDK asks the host to send (a password reset's one-time password, an
 * invitation). The host delivers them after the command has stored its state. A one-time password
 * travels only as a `Redacted` value here, so it never shows in logs or errors.
 *
 * @module
 */
import { Context, type Effect, type Redacted } from "effect"
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
}

/**
 * What the outbox does.
 *
 * @category port
 */
export interface OutboxService {
  /** Queues the mail for delivery. */
  readonly enqueue: (mail: OutboxMail) => Effect.Effect<void, StorageError>
}

/**
 * The outbox service.
 *
 * @category port
 */
export class Outbox extends Context.Service<Outbox, OutboxService>()("customer-account/ports/Outbox") {}
