import { DateTime, Result } from "effect"
import { describe, expect, it } from "vitest"
import * as A from "../../src/domain/AccessRight.ts"
import { AccessRightId, ProductId } from "../../src/domain/Ids.ts"
import { decode } from "../../src/domain/Validation.ts"

const decodeInput = decode(A.AccessRightInput, "AccessRightInput")

describe("AccessRight", () => {
  it("access-right.period: the end must come after the start; an open end is allowed", () => {
    const ok = decodeInput({ productId: "magazine-2026", validFrom: "2026-01-01T00:00:00.000Z", validUntil: "2026-12-31T00:00:00.000Z" })
    expect(Result.isSuccess(ok)).toBe(true)
    expect(Result.isSuccess(decodeInput({ productId: "magazine-2026", validFrom: "2026-01-01T00:00:00.000Z" }))).toBe(true)
    const bad = decodeInput({ productId: "magazine-2026", validFrom: "2026-01-01T00:00:00.000Z", validUntil: "2026-01-01T00:00:00.000Z" })
    expect(Result.isFailure(bad)).toBe(true)
    if (Result.isFailure(bad)) {
      expect(bad.failure.issues[0]?.path).toBe("validUntil")
      expect(bad.failure.message).toContain("access-right.period")
    }
  })

  it("access-right.manual-only: a held right is always manual, and is in force within its period only", () => {
    const right = new A.AccessRight({
      id: AccessRightId.make("r-1"),
      productId: ProductId.make("p-1"),
      validFrom: DateTime.makeUnsafe("2026-01-01T00:00:00Z"),
      validUntil: DateTime.makeUnsafe("2026-02-01T00:00:00Z"),
      origin: "manual"
    })
    expect(right.origin).toBe("manual")
    expect(A.isActiveAt(right, DateTime.makeUnsafe("2025-12-31T23:59:59Z"))).toBe(false)
    expect(A.isActiveAt(right, DateTime.makeUnsafe("2026-01-15T00:00:00Z"))).toBe(true)
    expect(A.isActiveAt(right, DateTime.makeUnsafe("2026-02-01T00:00:00Z"))).toBe(false)
    expect(() => new A.AccessRight({ ...right, origin: "subscription" as never })).toThrow()
  })
})
