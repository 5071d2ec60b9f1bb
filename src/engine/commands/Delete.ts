/**
 * Deleting a customer (SPEC section 7; rules `delete.refused-with-transactional-data`,
 * `delete.tombstone`, `compliance.host-erasure`).
 *
 * 1. The input is decoded and the caller needs the `delete` permission.
 * 2. The account is loaded from the caller's tenant. When there is none but a tombstone, the
 *    customer was deleted before: the erasure steps below are repeated and the stored tombstone
 *    returned, so a deletion that failed after its write is completed by running it again. With
 *    neither, the customer is `CustomerNotFound` (rule `tenant.isolation`).
 * 3. The host is asked for the customer's transactional data (`LinkedRecords.transactionalData`);
 *    any record refuses the deletion with `DeletionBlocked`, which names each kind and its count.
 *    Nothing changes; anonymize instead (the host must keep invoices and booking records, SPEC
 *    section 11).
 * 4. The account store removes the account, its activities and its idempotency records and keeps
 *    the tombstone (id, number, tenant, deleted at, deleted by), in one write guarded by the loaded
 *    version, retried after a `VersionConflict`. The email is free for a new registration; the
 *    number is never given again.
 *    The same write stores an `erase` intent, which outlives the account.
 * 5. The dispatcher carries the intent out: the file bytes are deleted, undelivered mails
 *    withdrawn, the credential host told to forget the customer and the host asked to erase its
 *    own data (`Erasure.ts`), under the intent's key. When that fails, the command fails; running
 *    it again finds the tombstone and resumes the unfinished erasure, as does the host's drain
 *    (rule `effects.erasure-completes`).
 *
 * An anonymized account can be deleted too: that is how an account anonymized while the host had
 * to keep records goes once they are gone. A deletion leaves no activity (there is no timeline
 * left to hold one); the tombstone is its record. It takes no idempotency key: it is idempotent by
 * itself.
 *
 * @module
 */
import { DateTime, Effect, Option, Result, Schema } from "effect"
import { Tombstone } from "../../domain/Account.ts"
import { CustomerId } from "../../domain/Ids.ts"
import { authorize } from "../../domain/Permission.ts"
import { decode } from "../../domain/Validation.ts"
import { AccountStore } from "../../ports/AccountStore.ts"
import { LinkedRecords, TransactionalDataKind } from "../../ports/LinkedRecords.ts"
import type { Caller } from "../Caller.ts"
import type { DeletionResult } from "../Compliance.ts"
import { type BlockingRecords, CustomerNotFound, DeletionBlocked } from "../Errors.ts"
import { type PipelineSettings, retryPolicy } from "../Pipeline.ts"
import { IdGenerator } from "../../ports/IdGenerator.ts"
import { resumeCustomer } from "../Dispatcher.ts"
import { intentsOf } from "../HostStep.ts"

/**
 * Input of `deleteCustomer`: the customer.
 *
 * @category inputs
 */
export const DeleteCustomerInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId
})
/** @category inputs */
export type DeleteCustomerInput = typeof DeleteCustomerInput.Type

const decodeInput = decode(DeleteCustomerInput, "DeleteCustomer")

const blockingOf = (counts: Partial<Record<TransactionalDataKind, number>>): ReadonlyArray<BlockingRecords> =>
  TransactionalDataKind.literals.flatMap((kind) => {
    const count = counts[kind] ?? 0
    return count > 0 ? [{ kind, count }] : []
  })

/**
 * Deletes a customer and returns its tombstone (see the module doc). A repeat on a deleted
 * customer returns the tombstone stored first.
 *
 * @category commands
 */
export const deleteCustomer = (settings: PipelineSettings, caller: Caller, rawInput: unknown) =>
  Effect.gen(function*() {
    const decoded = decodeInput(rawInput)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const { customerId } = decoded.success
    const allowed = authorize({ actor: caller.actor, grants: caller.grants ?? {}, command: "delete-customer", targetCustomerId: customerId })
    if (Result.isFailure(allowed)) return yield* allowed.failure
    const store = yield* AccountStore

    const attempt = Effect.gen(function*() {
      const found = yield* store.load(caller.tenantId, customerId)
      if (Option.isNone(found)) {
        const stone = yield* store.tombstone(caller.tenantId, customerId)
        if (Option.isSome(stone)) return stone.value
        return yield* new CustomerNotFound({
          rule: "tenant.isolation",
          customerId,
          message: `No customer ${customerId} in this tenant`
        })
      }
      const account = found.value
      const blocking = blockingOf(yield* (yield* LinkedRecords).transactionalData(caller.tenantId, customerId))
      if (blocking.length > 0) {
        return yield* new DeletionBlocked({
          rule: "delete.refused-with-transactional-data",
          customerId,
          blocking,
          message: `Customer ${customerId} cannot be deleted while the host holds transactional data: ${
            blocking.map((b) => `${b.count} ${b.kind}`).join(", ")
          }; anonymize the customer instead (rule delete.refused-with-transactional-data)`
        })
      }
      const tombstone = new Tombstone({
        tenantId: caller.tenantId,
        customerId,
        customerNumber: account.customerNumber,
        deletedAt: yield* DateTime.now,
        deletedBy: caller.actor
      })
      const ref = yield* (yield* IdGenerator).next("intent")
      const intents = intentsOf(ref, undefined, customerId, tombstone.deletedAt, [{ kind: "erase", payload: { reason: "deleted" } }])
      yield* store.remove(caller.tenantId, { tombstone, expectedVersion: account.version, intents })
      return tombstone
    })

    const tombstone: DeletionResult = yield* attempt.pipe(Effect.retry(retryPolicy(settings)))
    // The erasure written with the removal, or left unfinished by an earlier run.
    yield* resumeCustomer(caller.tenantId, customerId, ["erase"])
    return tombstone
  })
