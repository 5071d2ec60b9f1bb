/**
 * The steps after a stored anonymization or deletion (rule `compliance.host-erasure`), shared by
 * both commands: the customer's file bytes are deleted from the file store, its undelivered mails
 * are withdrawn from the outbox, the credential host forgets the customer (pending one-time
 * passwords, second factors: `Credentials.forget`), and the host is asked to erase its own
 * personal data of the customer (`HostCompliance.erase`).
 *
 * Every step is idempotent, so a command repeated after one of them failed (a storage error)
 * repeats them all and completes the erasure.
 *
 * @module
 */
import { Effect } from "effect"
import type { CustomerId } from "../../domain/Ids.ts"
import { Credentials } from "../../ports/Credentials.ts"
import { FileStore } from "../../ports/FileStore.ts"
import { type ErasureReason, HostCompliance } from "../../ports/HostCompliance.ts"
import { Outbox } from "../../ports/Outbox.ts"
import type { Caller } from "../Caller.ts"

/**
 * Erases what the SDK's other ports and the host hold about the customer, after the account store
 * has stored the anonymization or deletion (rule `compliance.host-erasure`).
 *
 * @category erasure
 */
export const eraseOutsideTheStore = Effect.fn("CustomerAccounts.eraseOutsideTheStore")(
  function*(caller: Caller, customerId: CustomerId, reason: ErasureReason) {
    const files = yield* FileStore
    for (const fileId of yield* files.list(caller.tenantId, customerId)) {
      yield* files.remove(caller.tenantId, customerId, fileId)
    }
    yield* (yield* Outbox).withdraw(caller.tenantId, customerId)
    yield* (yield* Credentials).forget(caller.tenantId, customerId)
    yield* (yield* HostCompliance).erase(caller.tenantId, customerId, reason)
  }
)
