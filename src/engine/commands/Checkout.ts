/**
 * Checkout (SPEC section 7): an order placed for the customer through the host's `Orders` port,
 * refused unless the customer can buy.
 *
 * The customer can buy when its status allows it (`Lifecycle.canBuy`: active) and its product
 * access is granted (blocking access withdraws all products); otherwise the command fails with
 * `CommandRejected` (rule `status.derived-permissions`) before anything is ordered. The order is
 * placed exactly once, in the command's host step, never inside the pipeline's retry loop; the
 * decision checks again on the state it writes to and appends `order.created` with the host's
 * order id and total. `created` is the order id.
 *
 * The order is a host call the decision needs first (rule `effects.before-write-once`): it is
 * recorded as a `place-order` intent before the call and placed under that intent's key, derived
 * from the command's idempotency key. A repeat under the same key after a failed write gets the
 * same order (from the intent, or from the orders port deduplicating the key), never a second
 * one. The orders port has no cancellation: when the decision refuses after the order was placed
 * (the status changed in between), the host holds an order the timeline does not show; the
 * intent records it. Use an idempotency key to repeat a checkout safely.
 *
 * @module
 */
import { Effect, Result, Schema } from "effect"
import type { Account } from "../../domain/Account.ts"
import { CustomerId } from "../../domain/Ids.ts"
import { canBuy } from "../../domain/Lifecycle.ts"
import type { AccountStore, StorageError } from "../../ports/AccountStore.ts"
import { OrderLine, Orders, type OrderRefused } from "../../ports/Orders.ts"
import type { CommandRejected } from "../Errors.ts"
import { makeFormatters } from "../../domain/summaries/Formatting.ts"
import type { AccountCommand } from "../Pipeline.ts"
import { rejection } from "./Refusals.ts"

/** The stored summary's English money format (the fallback of the rendered one). */
const englishFormats = makeFormatters("en")

/**
 * The most lines one order holds.
 *
 * @category limits
 */
export const maxOrderLines = 100

/**
 * Input of `checkout`: the customer and 1 to {@link maxOrderLines} order lines.
 *
 * @category inputs
 */
export const CheckoutInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The order lines. */
  lines: Schema.Array(OrderLine).pipe(
    Schema.check(
      Schema.isBetweenLength(1, maxOrderLines, { expected: `1 to ${maxOrderLines} order lines` })
    )
  )
})
/** @category inputs */
export type CheckoutInput = typeof CheckoutInput.Type

/**
 * What the host step produced: the host's order id and the order's total.
 *
 * @category models
 */
export interface PlacedOrder {
  /** The host's order id. */
  readonly orderId: string
  /** The total in minor units of a currency. */
  readonly total: { readonly amount: number; readonly currency: string }
}

const PlacedOrderJson = Schema.Struct({
  orderId: Schema.String,
  total: Schema.Struct({ amount: Schema.Number, currency: Schema.String })
})

const cannotBuy = (account: Account): CommandRejected | undefined => {
  const { productAccess, status } = account.lifecycle
  if (!canBuy(status)) {
    return rejection("checkout", "status.derived-permissions", `A ${status} customer cannot buy; only an active customer can`)
  }
  if (productAccess !== "granted") {
    return rejection("checkout", "status.derived-permissions", "The customer's product access is blocked; it cannot buy")
  }
  return undefined
}

/**
 * Place an order for the customer (rule `status.derived-permissions`).
 *
 * @category commands
 */
export const checkout: AccountCommand<CheckoutInput, PlacedOrder, CommandRejected | OrderRefused | StorageError, Orders | AccountStore, CommandRejected, typeof CheckoutInput.Encoded> = {
  kind: "checkout",
  subject: "Checkout",
  input: CheckoutInput,
  customerId: (input) => input.customerId,
  prepare: (input, account, caller, step) =>
    Effect.gen(function*() {
      const refused = cannotBuy(account)
      if (refused !== undefined) return yield* refused
      const orders = yield* Orders
      return yield* step.call(
        "place-order",
        account.customerId,
        { lines: input.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })) },
        PlacedOrderJson,
        (key) => orders.place(caller.tenantId, account.customerId, input.lines, key)
      )
    }),
  decide: (account, _input, env) => {
    const refused = cannotBuy(account)
    if (refused !== undefined) return Result.fail(refused)
    const { orderId, total } = env.prepared
    return Result.succeed({
      account,
      activities: [
        {
          type: "order.created",
          summary: `Order ${orderId} created: ${englishFormats.money(total)}`,
          details: { orderId, total }
        }
      ],
      created: orderId
    })
  }
}
