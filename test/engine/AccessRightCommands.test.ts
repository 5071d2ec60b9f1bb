/**
 * addAccessRight and removeAccessRight on the real engine.
 */
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import { accountOf, activities, admin, refusal, registerCustomer, run, snapshot, withEngine } from "../support/engine.ts"

const right = { productId: "magazine-plus", validFrom: "2026-01-01T00:00:00.000Z", validUntil: "2026-12-31T00:00:00.000Z", note: "Complaint" }

describe("addAccessRight", () => {
  it.effect("access-right.manual-only: a granted right is held as manual; the activity names product and period", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const outcome = yield* run("addAccessRight", admin, { customerId, right })
      expect(outcome.created).toBe("access-right-1")
      const [held] = (yield* accountOf(customerId)).accessRights
      expect(held).toMatchObject({ id: "access-right-1", productId: "magazine-plus", origin: "manual", note: "Complaint" })
      expect(DateTime.formatIso(held!.validFrom)).toBe("2026-01-01T00:00:00.000Z")
      const [added] = yield* activities(customerId)
      expect(added?.type).toBe("access-right.added")
      expect(added?.group).toBe("access-rights")
      expect(added?.details).toEqual({
        accessRightId: "access-right-1",
        productId: "magazine-plus",
        validFrom: "2026-01-01T00:00:00.000Z",
        validUntil: "2026-12-31T00:00:00.000Z"
      })
      expect(JSON.stringify(added)).not.toContain("Complaint")
    })))

  it.effect("access-right.period: an end before the start is a ValidationError at right.validUntil and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("addAccessRight", admin, { customerId, right: { ...right, validUntil: right.validFrom } })
      expect(error._tag).toBe("ValidationError")
      expect((error["issues"] as ReadonlyArray<{ path: string }>).map((i) => i.path)).toEqual(["right.validUntil"])
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})

describe("removeAccessRight", () => {
  it.effect("access-right.manual-only: a manual right is removed with an activity naming it", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const { created } = yield* run("addAccessRight", admin, { customerId, right })
      yield* run("addAccessRight", admin, { customerId, right: { productId: "archive", validFrom: "2026-02-01T00:00:00.000Z" } })
      yield* run("removeAccessRight", admin, { customerId, accessRightId: created })
      expect((yield* accountOf(customerId)).accessRights.map((r) => r.productId)).toEqual(["archive"])
      const [removed] = yield* activities(customerId)
      expect(removed?.type).toBe("access-right.removed")
      expect(removed?.details).toMatchObject({ accessRightId: created, productId: "magazine-plus" })
    })))

  it.effect("access-right.manual-only: an id that is no manual right of the account is refused and stores nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      yield* run("addAccessRight", admin, { customerId, right })
      const before = yield* snapshot(customerId)
      const error = yield* refusal("removeAccessRight", admin, { customerId, accessRightId: "subscription-right-7" })
      expect(error).toMatchObject({
        _tag: "CommandRejected",
        rule: "access-right.manual-only",
        command: "remove-access-right",
        path: "accessRightId"
      })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})
