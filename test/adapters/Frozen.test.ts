import { DateTime } from "effect"
import { describe, expect, it } from "vitest"
import { freezeDeep } from "../../src/adapters/Frozen.ts"

describe("freezeDeep (the stores' immutable, shared values)", () => {
  it("freezes objects, arrays and class instances all the way down, in place", () => {
    class Box {
      readonly items: Array<{ n: number }>
      constructor(items: Array<{ n: number }>) {
        this.items = items
      }
    }
    const value = { box: new Box([{ n: 1 }]), list: [[1], { deep: { deeper: [2] } }] }
    expect(freezeDeep(value)).toBe(value)
    expect(Object.isFrozen(value)).toBe(true)
    expect(Object.isFrozen(value.box)).toBe(true)
    expect(Object.isFrozen(value.box.items)).toBe(true)
    expect(Object.isFrozen(value.box.items[0])).toBe(true)
    expect(Object.isFrozen(value.list[0])).toBe(true)
    expect(Object.isFrozen((value.list[1] as { deep: { deeper: Array<number> } }).deep.deeper)).toBe(true)
    expect(() => {
      ;(value.box.items as Array<{ n: number }>).push({ n: 2 })
    }).toThrow(TypeError)
  })

  it("visits only what is new: a part frozen by an earlier call is not walked again", () => {
    let reads = 0
    const shared = {
      get counted() {
        reads++
        return { n: 1 }
      }
    }
    freezeDeep({ version: 1, shared })
    expect(reads).toBe(1)
    const next = { version: 2, shared, added: { note: "new" } }
    freezeDeep(next)
    expect(reads).toBe(1)
    expect(Object.isFrozen(next.added)).toBe(true)
  })

  it("leaves DateTime values and objects with internal slots as they are, and ends on a cycle", () => {
    const at = DateTime.makeUnsafe(Date.UTC(2026, 0, 1))
    const map = new Map([["k", { n: 1 }]])
    const cyclic: { self?: unknown; at: DateTime.Utc; map: Map<string, { n: number }> } = { at, map }
    cyclic.self = cyclic
    freezeDeep(cyclic)
    expect(Object.isFrozen(cyclic)).toBe(true)
    expect(Object.isFrozen(at)).toBe(false)
    expect(Object.isFrozen(map)).toBe(false)
    expect(DateTime.formatIso(at)).toBe("2026-01-01T00:00:00.000Z")
  })
})
