/**
 * The outbox over SQL: mails the SDK asks the host to send, kept in the table `ca_outbox` until
 * the host's relay has delivered them. The relay reads them oldest first with
 * {@link SqlOutboxService.pending} and drops each once sent with
 * {@link SqlOutboxService.delivered}; a crash between the two sends a mail again (at least once),
 * so the relay passes the mail's `mailId` to its mail provider as the idempotency key.
 *
 * - A mail's `secret` (a one-time password) is stored as text, readable by whoever can read the
 *   table, until the mail is delivered or withdrawn; it comes back as a `Redacted` value.
 * - `withdraw` drops every undelivered mail of a customer (anonymization, deletion);
 *   `withdrawReference` drops the customer's mails with that reference (a revoked invitation).
 * - A mail past its `notAfter` is never listed as pending; `pending` drops it instead.
 * - A mail with a `key` is queued once per tenant and key (rule `effects.stable-key`): the keys are
 *   kept in `ca_outbox_keys` (no personal data beside the customer id), also after delivery or
 *   withdrawal, so the engine's repeats never queue a mail twice.
 *
 * @module
 */
import { DateTime, Effect, Redacted } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import { randomUUID } from "node:crypto"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import { StorageError } from "../../ports/AccountStore.ts"
import { mailRefusal, type OutboxMail, type OutboxService } from "../../ports/Outbox.ts"
import { orStorageError, transaction } from "./SqlCodec.ts"

/**
 * A queued mail as the relay reads it: the mail and its id.
 *
 * @category models
 */
export interface PendingMail {
  /** The mail's id: the key to deliver it once with, and to pass to `delivered`. */
  readonly mailId: string
  /** The mail. */
  readonly mail: OutboxMail
}

/**
 * The SQL outbox's service: the {@link OutboxService} plus what a relay needs.
 *
 * @category models
 */
export interface SqlOutboxService extends OutboxService {
  /** Up to `limit` undelivered mails of the tenant, oldest first; expired ones are dropped. */
  readonly pending: (tenantId: TenantId, limit: number) => Effect.Effect<ReadonlyArray<PendingMail>, StorageError>
  /** Drops a delivered mail; dropping one that is gone does nothing. */
  readonly delivered: (tenantId: TenantId, mailId: string) => Effect.Effect<void, StorageError>
}


/**
 * Makes the outbox over the `SqlClient` in context.
 *
 * @category constructors
 */
export const make: Effect.Effect<SqlOutboxService, never, SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient
  // Mail ids sort in the order this process queued them (mails of one millisecond included).
  let queued = 0
  const nextMailId = () => `${(queued++).toString(36).padStart(8, "0")}-${randomUUID()}`
  const enqueue = (mail: OutboxMail) =>
    Effect.gen(function*() {
      const refused = mailRefusal(mail)
      if (refused !== undefined) {
        return yield* new StorageError({ operation: "Outbox.enqueue", message: `the mail was refused: ${refused}` })
      }
      const now = DateTime.toEpochMillis(yield* DateTime.now)
      // A key is queued once (rule effects.stable-key), also after its mail went or was withdrawn.
      if (mail.key !== undefined) {
        const fresh = yield* sql`INSERT INTO ca_outbox_keys (tenant_id, mail_key, customer_id)
          VALUES (${mail.tenantId}, ${mail.key}, ${mail.customerId}) ON CONFLICT (tenant_id, mail_key) DO NOTHING RETURNING mail_key`
        if (fresh.length === 0) return
      }
      yield* sql`INSERT INTO ca_outbox ${
        sql.insert({
          tenant_id: mail.tenantId,
          mail_id: nextMailId(),
          customer_id: mail.customerId,
          queued_at_ms: now,
          template: mail.template,
          recipient: mail.to,
          data: JSON.stringify(mail.data),
          secret: mail.secret === undefined ? null : Redacted.value(mail.secret),
          reference: mail.reference ?? null,
          not_after_ms: mail.notAfter === undefined ? null : DateTime.toEpochMillis(mail.notAfter)
        })
      }`
    }).pipe((body) => transaction(sql, body), orStorageError("Outbox.enqueue"))

  const withdraw = (tenantId: TenantId, customerId: CustomerId) =>
    sql`DELETE FROM ca_outbox WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} RETURNING mail_id`.pipe(
      Effect.map((rows) => rows.length),
      orStorageError("Outbox.withdraw")
    )

  const withdrawReference = (tenantId: TenantId, customerId: CustomerId, reference: string) =>
    sql`DELETE FROM ca_outbox WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND reference = ${reference}
      RETURNING mail_id`.pipe(Effect.map((rows) => rows.length), orStorageError("Outbox.withdrawReference"))

  const pending = (tenantId: TenantId, limit: number) =>
    Effect.gen(function*() {
      const now = DateTime.toEpochMillis(yield* DateTime.now)
      yield* sql`DELETE FROM ca_outbox WHERE tenant_id = ${tenantId} AND not_after_ms <= ${now}`
      const rows = yield* sql<{
        mail_id: string
        customer_id: string
        template: string
        recipient: string
        data: string
        secret: string | null
        reference: string | null
        not_after_ms: unknown
      }>`SELECT mail_id, customer_id, template, recipient, data, secret, reference, not_after_ms FROM ca_outbox
        WHERE tenant_id = ${tenantId} ORDER BY queued_at_ms, mail_id LIMIT ${Math.max(1, Math.floor(limit))}`
      return rows.map((row): PendingMail => ({
        mailId: row.mail_id,
        mail: {
          tenantId,
          customerId: row.customer_id as CustomerId,
          template: row.template,
          to: row.recipient,
          data: JSON.parse(row.data) as Record<string, string>,
          ...(row.secret === null ? {} : { secret: Redacted.make(row.secret) }),
          ...(row.reference === null ? {} : { reference: row.reference }),
          ...(row.not_after_ms === null ? {} : { notAfter: DateTime.makeUnsafe(Number(row.not_after_ms)) })
        }
      }))
    }).pipe(orStorageError("Outbox.pending"))

  const delivered = (tenantId: TenantId, mailId: string) =>
    sql`DELETE FROM ca_outbox WHERE tenant_id = ${tenantId} AND mail_id = ${mailId}`.pipe(
      Effect.asVoid,
      orStorageError("Outbox.delivered")
    )

  return { enqueue, withdraw, withdrawReference, pending, delivered }
})
