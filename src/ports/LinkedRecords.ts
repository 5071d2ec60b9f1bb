/**
 * The linked-records port: what the host owns about a customer. It counts the records behind the
 * overview's tabs that the SDK does not hold (SPEC section 9), and reports the transactional data
 * that blocks a deletion (SPEC section 7).
 *
 * @module
 */
import { Context, type Effect, Schema } from "effect"
import type { CustomerId, TenantId } from "../domain/Ids.ts"
import type { StorageError } from "./AccountStore.ts"

/**
 * The tabs whose records the host owns and counts.
 *
 * @category models
 */
export const HostTab = Schema.Literals([
  "orders",
  "external-orders",
  "invoices",
  "subscriptions",
  "wallet-changes",
  "payment-methods",
  "sessions",
  "multi-user-access",
  "in-app-orders",
  "mail-logs",
  "login-history"
])
/** @category models */
export type HostTab = typeof HostTab.Type

/**
 * The kinds of transactional data that block a deletion.
 *
 * @category models
 */
export const TransactionalDataKind = Schema.Literals(["orders", "invoices", "subscriptions", "payments", "external-orders"])
/** @category models */
export type TransactionalDataKind = typeof TransactionalDataKind.Type

/**
 * What the linked-records port does.
 *
 * @category port
 */
export interface LinkedRecordsService {
  /** The host's count per tab, each a non-negative integer; a tab left out counts 0. */
  readonly counts: (
    tenantId: TenantId,
    customerId: CustomerId
  ) => Effect.Effect<Partial<Record<HostTab, number>>, StorageError>
  /** How many records of each kind of transactional data the customer has; a kind left out has none. */
  readonly transactionalData: (
    tenantId: TenantId,
    customerId: CustomerId
  ) => Effect.Effect<Partial<Record<TransactionalDataKind, number>>, StorageError>
}

/**
 * The linked-records service.
 *
 * @category port
 */
export class LinkedRecords extends Context.Service<LinkedRecords, LinkedRecordsService>()(
  "customer-account/ports/LinkedRecords"
) {}
