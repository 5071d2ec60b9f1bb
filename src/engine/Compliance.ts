/**
 * What the engine's compliance commands return besides a `CommandOutcome` (see
 * docs/compliance.md): the export's document, a deletion's tombstone, an allowed login check.
 *
 * @module
 */
import type { Tombstone } from "../domain/Account.ts"
import type { ExportDocumentJson } from "../domain/Export.ts"
import type { CustomerId, CustomerNumber } from "../domain/Ids.ts"
import type { CommandOutcome } from "./Pipeline.ts"

/**
 * What `exportCustomerData` returns: the command's outcome (the `data.exported` activity) and the
 * document, in its JSON encoding (`JSON.stringify` it to hand it over; `Export.exportJsonSchema()`
 * describes it).
 *
 * @category results
 */
export interface ExportResult {
  /** The outcome of recording the export. */
  readonly outcome: CommandOutcome
  /** The export document (rule `export.complete`). */
  readonly document: ExportDocumentJson
}

/**
 * What an allowed login check returns: the customer who may log in (rule `login.uniform-refusal`).
 *
 * @category results
 */
export interface LoginAllowed {
  /** The customer. */
  readonly customerId: CustomerId
  /** Its customer number. */
  readonly customerNumber: CustomerNumber
}

/**
 * What `deleteCustomer` returns: the tombstone kept (rule `delete.tombstone`).
 *
 * @category results
 */
export type DeletionResult = Tombstone
