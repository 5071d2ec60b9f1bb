/**
 * The steps after a stored anonymization or deletion (rule `compliance.host-erasure`), shared by
 * both commands: the customer's file bytes are deleted from the file store, its undelivered mails
 * are withdrawn from the outbox, the credential host forgets the customer (pending one-time
 * passwords, second factors: `Credentials.forget`), and the host is asked to erase its own
 * personal data of the customer (`HostCompliance.erase`).
 *
 * Every step is idempotent, and the host's erasure receives the stable key of the `erase` intent
 * (rule `effects.stable-key`), so the dispatcher repeats them all until the erasure is complete.
 *
 * @module
 */
import { Effect } from "effect"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import { Credentials } from "../../ports/Credentials.ts"
import { FileStore } from "../../ports/FileStore.ts"
import { type ErasureReason, HostCompliance } from "../../ports/HostCompliance.ts"
import { Outbox } from "../../ports/Outbox.ts"

/**
 * Erases what the SDK's other ports and the host hold about the customer, after the account store
 * has stored the anonymization or deletion (rule `compliance.host-erasure`).
 *
 * @category erasure
 */
export const eraseOutsideTheStore = Effect.fn("CustomerAccounts.eraseOutsideTheStore")(
  function*(tenantId: TenantId, customerId: CustomerId, reason: ErasureReason, key?: string) {
    const files = yield* FileStore
    for (const fileId of yield* files.list(tenantId, customerId)) {
      yield* files.remove(tenantId, customerId, fileId)
    }
    yield* (yield* Outbox).withdraw(tenantId, customerId)
    yield* (yield* Credentials).forget(tenantId, customerId)
    yield* (yield* HostCompliance).erase(tenantId, customerId, reason, key)
  }
)
