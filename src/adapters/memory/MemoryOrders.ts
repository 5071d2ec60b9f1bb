/**
 * The in-memory orders: an implementation of the {@link Orders} port that places orders the way a
 * small shop system would, and remembers them for tests and demos.
 *
 * - Order ids count per tenant: `order-1`, `order-2`, ... (rule `tenant.isolation`: tenants do
 *   not share a counter, and `placed(tenantId)` lists only that tenant's orders).
 * - The total is the sum of unit price times quantity, in minor units of one currency. Without a
 *   price list every product costs {@link defaultUnitPrice} (9.99 EUR); with one (see
 *   {@link MemoryOrdersOptions}), a product not on it is refused with {@link OrderRefused}.
 * - An order is refused, and nothing is placed or counted, when it has no lines, when a line is
 *   malformed (a product id that is not an id, a quantity that is not 1 to 1,000), or when its
 *   total would not be a safe integer.
 *
 * @module
 */
import { Context, Effect, Layer, Result, Schema } from "effect"
import { type CustomerId, ProductId, type TenantId } from "../../domain/Ids.ts"
import { decode, type ValidationError } from "../../domain/Validation.ts"
import { OrderLine, OrderRefused, Orders, type OrdersService } from "../../ports/Orders.ts"

/**
 * The unit price of every product when no price list is given: 999 minor units (9.99 EUR).
 *
 * @category constants
 */
export const defaultUnitPrice = 999

/**
 * The currency of the totals when none is given.
 *
 * @category constants
 */
export const defaultCurrency = "EUR"

/**
 * How a memory order system prices orders:
 *
 * - `prices`: unit prices in minor units (non-negative integers) by product id; when given, only
 *   these products are sold;
 * - `currency`: the ISO 4217 code of every total (three capital letters), default
 *   {@link defaultCurrency}.
 *
 * @category models
 */
export const MemoryOrdersOptions = Schema.Struct({
  /** Unit prices in minor units by product id; only these products are sold. */
  prices: Schema.optionalKey(
    Schema.Record(ProductId, Schema.Int.check(Schema.isGreaterThanOrEqualTo(0, { expected: "a price of 0 or more minor units" })))
  ),
  /** The currency of every total. */
  currency: Schema.optionalKey(
    Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Z]{3}$/, { expected: "an ISO 4217 currency code of three capital letters" })))
  )
})
/** @category models */
export type MemoryOrdersOptions = typeof MemoryOrdersOptions.Encoded

const decodeOptions = decode(MemoryOrdersOptions, "memory orders options")
const decodeLines = decode(Schema.Array(OrderLine), "order lines")

/**
 * An order the memory order system placed.
 *
 * @category models
 */
export interface PlacedOrder {
  /** The tenant. */
  readonly tenantId: TenantId
  /** The customer the order was placed for. */
  readonly customerId: CustomerId
  /** The order id, `order-<n>` counting per tenant. */
  readonly orderId: string
  /** The lines as ordered. */
  readonly lines: ReadonlyArray<OrderLine>
  /** The total in minor units. */
  readonly total: { readonly amount: number; readonly currency: string }
}

/**
 * The memory orders' service: the {@link OrdersService} plus `placed`.
 *
 * @category models
 */
export interface MemoryOrdersService extends OrdersService {
  /** The orders placed so far, oldest first; only the tenant's when a tenant is named. */
  readonly placed: (tenantId?: TenantId) => Effect.Effect<ReadonlyArray<PlacedOrder>>
}

/**
 * The handle of the memory orders inside a layer: the same instance as the {@link Orders}
 * provided by {@link layerWithControl}, with `placed`.
 *
 * @category services
 */
export class MemoryOrdersControl extends Context.Service<MemoryOrdersControl, MemoryOrdersService>()(
  "customer-account/adapters/memory/MemoryOrdersControl"
) {}

const refuse = (message: string) => Effect.fail(new OrderRefused({ message }))

const build = (prices: ReadonlyMap<string, number> | undefined, currency: string): MemoryOrdersService => {
  const orders: Array<PlacedOrder> = []
  const counters = new Map<string, number>()

  const byKey = new Map<string, { readonly orderId: string; readonly total: { readonly amount: number; readonly currency: string } }>()

  const place: OrdersService["place"] = (tenantId, customerId, lines, key) =>
    Effect.suspend(() => {
      const keyed = key === undefined ? undefined : `${tenantId}\u0000${key}`
      const earlier = keyed === undefined ? undefined : byKey.get(keyed)
      if (earlier !== undefined) return Effect.succeed({ orderId: earlier.orderId, total: { ...earlier.total } })
      const checked = decodeLines(lines)
      if (Result.isFailure(checked)) return refuse(`the order is malformed: ${checked.failure.message}`)
      if (checked.success.length === 0) return refuse("the order has no lines")
      let amount = 0
      for (const line of checked.success) {
        const unitPrice = prices === undefined ? defaultUnitPrice : prices.get(line.productId)
        if (unitPrice === undefined) return refuse(`the product ${line.productId} is not sold`)
        amount += unitPrice * line.quantity
      }
      if (!Number.isSafeInteger(amount)) return refuse("the order's total is too large")
      const n = (counters.get(tenantId) ?? 0) + 1
      counters.set(tenantId, n)
      const orderId = `order-${n}`
      const total = Object.freeze({ amount, currency })
      orders.push(
        Object.freeze({
          tenantId,
          customerId,
          orderId,
          lines: Object.freeze(checked.success.map((line) => Object.freeze({ ...line }))),
          total
        })
      )
      if (keyed !== undefined) byKey.set(keyed, { orderId, total })
      return Effect.succeed({ orderId, total: { amount, currency } })
    })

  return {
    place,
    placed: (tenantId) => Effect.sync(() => (tenantId === undefined ? [...orders] : orders.filter((order) => order.tenantId === tenantId)))
  }
}

/**
 * Makes a new memory order system priced by the options (by default every product at
 * {@link defaultUnitPrice} {@link defaultCurrency}). Fails with a `ValidationError` when the
 * options are malformed. Each call makes an order system of its own.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ids, MemoryOrders } from "customer-account"
 *
 * const program = Effect.gen(function*() {
 *   const orders = yield* MemoryOrders.make({ prices: { "magazine-1": 450 } })
 *   return yield* orders.place(Ids.TenantId.make("shop-1"), Ids.CustomerId.make("customer-1"), [
 *     { productId: Ids.ProductId.make("magazine-1"), quantity: 2 }
 *   ]) // { orderId: "order-1", total: { amount: 900, currency: "EUR" } }
 * })
 * ```
 *
 * @category constructors
 */
export const make = (options: MemoryOrdersOptions = {}): Effect.Effect<MemoryOrdersService, ValidationError> =>
  Effect.suspend(() => {
    const checked = decodeOptions(options)
    if (Result.isFailure(checked)) return Effect.fail(checked.failure)
    const { currency, prices } = checked.success
    return Effect.succeed(
      build(prices === undefined ? undefined : new Map(Object.entries(prices)), currency ?? defaultCurrency)
    )
  })

/**
 * A layer providing a new memory order system, every product at {@link defaultUnitPrice}
 * {@link defaultCurrency}, as the {@link Orders}. Each build of the layer starts empty.
 *
 * @category layers
 */
export const layer: Layer.Layer<Orders> = Layer.effect(Orders, Effect.sync(() => build(undefined, defaultCurrency)))

/**
 * A layer providing a new memory order system, every product at {@link defaultUnitPrice}
 * {@link defaultCurrency}, both as the {@link Orders} and as its {@link MemoryOrdersControl}
 * (the same instance), so a test or demo can list the placed orders.
 *
 * @category layers
 */
export const layerWithControl: Layer.Layer<Orders | MemoryOrdersControl> = Layer.effectContext(
  Effect.sync(() => {
    const orders = build(undefined, defaultCurrency)
    return Context.make(Orders, orders).pipe(Context.add(MemoryOrdersControl, orders))
  })
)

/**
 * Like {@link layerWithControl}, priced by the options; fails to build with a `ValidationError`
 * when the options are malformed.
 *
 * @category layers
 */
export const layerWithPrices = (
  options: MemoryOrdersOptions
): Layer.Layer<Orders | MemoryOrdersControl, ValidationError> =>
  Layer.effectContext(
    Effect.map(make(options), (orders) => Context.make(Orders, orders).pipe(Context.add(MemoryOrdersControl, orders)))
  )
