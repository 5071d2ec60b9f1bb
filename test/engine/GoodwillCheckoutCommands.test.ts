/**
 * grantGoodwill and checkout on the real engine: the host step runs once, after the state checks,
 * and nothing is handed over or ordered when the command is refused.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { MemoryGoodwillControl } from "../../src/adapters/memory/MemoryGoodwill.ts"
import { MemoryOrdersControl } from "../../src/adapters/memory/MemoryOrders.ts"
import type { CustomerId } from "../../src/domain/Ids.ts"
import {
  accountOf,
  activities,
  admin,
  customerCaller,
  refusal,
  registerCustomer,
  run,
  snapshot,
  tenant,
  withEngine
} from "../support/engine.ts"

const subscription = (customerId: CustomerId, subscriptionId: string, active: boolean, issueBased: boolean) =>
  Effect.gen(function*() {
    const goodwill = yield* MemoryGoodwillControl
    yield* goodwill.addSubscription(tenant, customerId, { subscriptionId, active, issueBased })
  })

const grants = Effect.gen(function*() {
  return yield* (yield* MemoryGoodwillControl).grants(tenant)
})

const orders = Effect.gen(function*() {
  return yield* (yield* MemoryOrdersControl).placed(tenant)
})

describe("grantGoodwill", () => {
  it.effect("goodwill.free-issues: free issues for an active, issue-based subscription are handed over and recorded", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* subscription(customerId, "sub-1", true, true)
      const before = yield* accountOf(customerId)
      const grant = { kind: "free-issues", subscriptionId: "sub-1", issues: 3, reason: "Late delivery" }
      const outcome = yield* run("grantGoodwill", admin, { customerId, grant })
      expect(yield* grants).toEqual([{ tenantId: tenant, customerId, grant }])
      const after = yield* accountOf(customerId)
      expect(after.version).toBe(before.version + 1)
      expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 })
      const [granted] = yield* activities(customerId)
      expect(granted?.id).toBe(outcome.activityIds[0])
      expect(granted?.type).toBe("goodwill.granted")
      expect(granted?.group).toBe("subscriptions")
      expect(granted?.details).toEqual(grant)
      expect(granted?.summary).toBe("Goodwill granted: 3 free issues for subscription sub-1")
    })))

  it.effect("goodwill.free-issues: an unknown, inactive or not issue-based subscription is refused; nothing is handed over", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* subscription(customerId, "ended", false, true)
      yield* subscription(customerId, "streaming", true, false)
      const before = yield* snapshot(customerId)
      for (const subscriptionId of ["unknown", "ended", "streaming"]) {
        const error = yield* refusal("grantGoodwill", admin, { customerId, grant: { kind: "free-issues", subscriptionId, issues: 2 } })
        expect(error).toMatchObject({ _tag: "CommandRejected", rule: "goodwill.free-issues", path: "grant.subscriptionId" })
      }
      expect(yield* grants).toEqual([])
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("goodwill.free-issues: 0 or 101 issues are a ValidationError at grant.issues", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* subscription(customerId, "sub-1", true, true)
      for (const issues of [0, 101, 2.5]) {
        const error = yield* refusal("grantGoodwill", admin, { customerId, grant: { kind: "free-issues", subscriptionId: "sub-1", issues } })
        expect(error._tag).toBe("ValidationError")
        expect((error["issues"] as ReadonlyArray<{ path: string }>).map((i) => i.path)).toContain("grant.issues")
      }
      expect(yield* grants).toEqual([])
    })))

  it.effect("goodwill.subscription-active: a free billing period needs an existing, active subscription", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* subscription(customerId, "ended", false, false)
      yield* subscription(customerId, "running", true, false)
      const before = yield* snapshot(customerId)
      for (const subscriptionId of ["unknown", "ended"]) {
        const error = yield* refusal("grantGoodwill", admin, { customerId, grant: { kind: "free-billing-period", subscriptionId } })
        expect(error).toMatchObject({ _tag: "CommandRejected", rule: "goodwill.subscription-active" })
      }
      expect(yield* snapshot(customerId)).toEqual(before)
      yield* run("grantGoodwill", admin, {
        customerId,
        grant: { kind: "free-billing-period", subscriptionId: "running", periodFrom: "2026-12-01T00:00:00.000Z" }
      })
      expect((yield* grants).map((g) => g.grant)).toEqual([
        { kind: "free-billing-period", subscriptionId: "running", periodFrom: "2026-12-01T00:00:00.000Z" }
      ])
      const [granted] = yield* activities(customerId)
      expect(granted?.details).toEqual({ kind: "free-billing-period", subscriptionId: "running", periodFrom: "2026-12-01T00:00:00.000Z" })
    })))

  it.effect("goodwill.subscription-active: a redelivery may name an ended subscription, but not an unknown one", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* subscription(customerId, "ended", false, true)
      yield* run("grantGoodwill", admin, { customerId, grant: { kind: "free-redelivery", subscriptionId: "ended", issueNames: ["2026/11"] } })
      yield* run("grantGoodwill", admin, { customerId, grant: { kind: "free-redelivery", issueNames: ["2026/10", "2026/11"] } })
      expect(yield* grants).toHaveLength(2)
      const error = yield* refusal("grantGoodwill", admin, { customerId, grant: { kind: "free-redelivery", subscriptionId: "unknown", issueNames: ["x"] } })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "goodwill.subscription-active" })
      expect(yield* grants).toHaveLength(2)
    })))

  it.effect("goodwill.subscription-active: a blocked customer still receives goodwill for its running subscription", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* subscription(customerId, "sub-1", true, true)
      yield* run("setStatus", admin, { customerId, to: "blocked" })
      yield* run("grantGoodwill", admin, { customerId, grant: { kind: "free-issues", subscriptionId: "sub-1", issues: 1 } })
      expect(yield* grants).toHaveLength(1)
    })))
})

describe("checkout", () => {
  it.effect("status.derived-permissions: an active customer with product access checks out; the order is placed once", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const outcome = yield* run("checkout", customerCaller(customerId), {
        customerId,
        lines: [{ productId: "magazine-1", quantity: 2 }, { productId: "archive", quantity: 1 }]
      })
      expect(outcome.created).toBe("order-1")
      const placed = yield* orders
      expect(placed).toHaveLength(1)
      expect(placed[0]).toMatchObject({ customerId, orderId: "order-1", total: { amount: 2997, currency: "EUR" } })
      const [created] = yield* activities(customerId)
      expect(created?.type).toBe("order.created")
      expect(created?.group).toBe("orders")
      expect(created?.details).toEqual({ orderId: "order-1", total: { amount: 2997, currency: "EUR" } })
      expect(created?.actor).toEqual({ _tag: "customer", customerId })
    })))

  it.effect("status.derived-permissions: a blocked or deactivated customer cannot check out; nothing is ordered or stored", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      for (const to of ["blocked", "deactivated"] as const) {
        yield* run("setStatus", admin, { customerId, to })
        const before = yield* snapshot(customerId)
        const error = yield* refusal("checkout", admin, { customerId, lines: [{ productId: "magazine-1", quantity: 1 }] })
        expect(error).toMatchObject({ _tag: "CommandRejected", rule: "status.derived-permissions", command: "checkout" })
        expect(yield* snapshot(customerId)).toEqual(before)
      }
      expect(yield* orders).toEqual([])
    })))

  it.effect("status.product-access-separate: a customer whose product access is blocked cannot check out", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("blockAccess", admin, { customerId })
      const before = yield* snapshot(customerId)
      const error = yield* refusal("checkout", admin, { customerId, lines: [{ productId: "magazine-1", quantity: 1 }] })
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "status.derived-permissions" })
      expect(yield* snapshot(customerId)).toEqual(before)
      expect(yield* orders).toEqual([])
    })))

  it.effect("command.idempotency: a checkout repeated under its key places one order", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const input = { customerId, lines: [{ productId: "magazine-1", quantity: 1 }] }
      const first = yield* run("checkout", admin, input, { idempotencyKey: "cart-42" })
      const again = yield* run("checkout", admin, input, { idempotencyKey: "cart-42" })
      expect(again).toEqual(first)
      expect(yield* orders).toHaveLength(1)
      expect((yield* activities(customerId)).filter((a) => a.type === "order.created")).toHaveLength(1)
    })))

  it.effect("command.atomic: 101 order lines are a ValidationError at lines and nothing is ordered", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const lines = Array.from({ length: 101 }, () => ({ productId: "magazine-1", quantity: 1 }))
      const error = yield* refusal("checkout", admin, { customerId, lines })
      expect(error._tag).toBe("ValidationError")
      expect((error["issues"] as ReadonlyArray<{ path: string }>).map((i) => i.path)).toEqual(["lines"])
      expect(yield* orders).toEqual([])
    })))
})
