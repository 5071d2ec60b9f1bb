/**
 * The customer-number port (rule `tenant.customer-number`): hands out the next number of a tenant.
 * Numbers are unique per tenant and never reused, not even after a deletion; the account store
 * refuses a number it has seen. The memory adapter counts per tenant from a configurable start.
 *
 * @module
 */
import { Context, type Effect } from "effect"
import type { CustomerNumber, TenantId } from "../domain/Ids.ts"
import type { StorageError } from "./AccountStore.ts"

/**
 * What a customer-number sequence does.
 *
 * @category port
 */
export interface CustomerNumbersService {
  /** The tenant's next number; never the same twice. */
  readonly next: (tenantId: TenantId) => Effect.Effect<CustomerNumber, StorageError>
}

/**
 * The customer-number sequence service.
 *
 * @category port
 */
export class CustomerNumbers extends Context.Service<CustomerNumbers, CustomerNumbersService>()(
  "customer-account/ports/CustomerNumbers"
) {}
