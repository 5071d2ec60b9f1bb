/**
 * The host-compliance port: what the host contributes to the compliance actions (SPEC section 7).
 *
 * - Export (rule `export.complete`): the host's own sections of the customer's export document
 *   (orders, invoices, sessions, login history, ... whatever personal data it holds), and the
 *   tenant's statement of purposes, recipients and retention.
 * - Anonymization and deletion (rule `compliance.host-erasure`): once the SDK has stored an
 *   anonymization or a deletion, it asks the host to erase its own personal data of the customer.
 *   The host keeps what it must keep (invoices and booking records, SPEC section 11) without the
 *   personal data it no longer needs. A deletion is only ever asked for when the host reported no
 *   transactional data (`LinkedRecords.transactionalData`).
 *
 * Every method is scoped to a tenant (rule `tenant.isolation`). `erase` may be called more than
 * once for the same customer (a repeated command repeats it) and must be idempotent.
 *
 * @module
 */
import { Context, type Effect } from "effect"
import type { HostExportSection, PrivacyStatement } from "../domain/Export.ts"
import type { CustomerId, TenantId } from "../domain/Ids.ts"
import type { StorageError } from "./AccountStore.ts"

/**
 * Why the host is asked to erase: the customer was anonymized (its account and timeline stay,
 * without personal data) or deleted (only a tombstone stays).
 *
 * @category models
 */
export type ErasureReason = "anonymized" | "deleted"

/**
 * What the host-compliance port does.
 *
 * @category port
 */
export interface HostComplianceService {
  /**
   * The host's sections of the customer's export, in the order they should appear; none when the
   * host holds nothing about the customer. Each section's `data` is plain JSON.
   */
  readonly exportSections: (
    tenantId: TenantId,
    customerId: CustomerId
  ) => Effect.Effect<ReadonlyArray<HostExportSection>, StorageError>
  /** The tenant's statement of purposes, recipients and retention, included in every export. */
  readonly privacyStatement: (tenantId: TenantId) => Effect.Effect<PrivacyStatement, StorageError>
  /**
   * Erases the host's personal data of the customer after the SDK stored an anonymization or a
   * deletion. Idempotent: a second call for the same customer changes nothing; with a `key` (the
   * engine always passes the erasure intent's, rule `effects.stable-key`), a second call under the
   * same key is not even a second request.
   */
  readonly erase: (
    tenantId: TenantId,
    customerId: CustomerId,
    reason: ErasureReason,
    key?: string
  ) => Effect.Effect<void, StorageError>
}

/**
 * The host-compliance service.
 *
 * @category port
 */
export class HostCompliance extends Context.Service<HostCompliance, HostComplianceService>()(
  "customer-account/ports/HostCompliance"
) {}
