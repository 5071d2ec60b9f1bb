/**
 * The orders port: checkout hands an order placed for the customer to the host, which owns orders.
 * The SDK checks first that the customer can buy (rule `status.derived-permissions`).
 *
 * @module
 */
import { Context, type Effect, Schema } from "effect"
import type { CustomerId, TenantId } from "../domain/Ids.ts"
import { ProductId } from "../domain/Ids.ts"
import type { StorageError } from "./AccountStore.ts"

/**
 * One line of an order: a product and a quantity from 1 to 1,000.
 *
 * @category models
 */
export const OrderLine = Schema.Struct({
  productId: ProductId,
  quantity: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1000 }, { expected: "a quantity of 1 to 1,000" }))
})
/** @category models */
export type OrderLine = typeof OrderLine.Type

/**
 * The host refused the order (e.g. a product it does not sell); nothing was ordered.
 *
 * @category errors
 */
export class OrderRefused extends Schema.TaggedError<OrderRefused>()("OrderRefused", {
  /** Why, in the host's words. */
  message: Schema.String
}) {}

/**
 * What the orders port does.
 *
 * @category port
 */
export interface OrdersService {
  /**
   * Places the order; returns the host's order id and the total in minor units. With a `key` (the
   * engine always passes one, derived from the command's idempotency key, rule
   * `effects.stable-key`), a second call under the same key places nothing and returns the order
   * placed first.
   */
  readonly place: (
    tenantId: TenantId,
    customerId: CustomerId,
    lines: ReadonlyArray<OrderLine>,
    key?: string
  ) => Effect.Effect<{ readonly orderId: string; readonly total: { readonly amount: number; readonly currency: string } }, OrderRefused | StorageError>
}

/**
 * The orders service.
 *
 * @category port
 */
export class Orders extends Context.Service<Orders, OrdersService>()("customer-account/ports/Orders") {}
