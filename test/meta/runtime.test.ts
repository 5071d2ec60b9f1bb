import { describe, expect, it } from "vitest"

describe("runtime", () => {
  it("runs on Node >= 22.19 (the repo's pinned node@24, not the machine's Node 20)", () => {
    const [major = 0, minor = 0] = process.versions.node.split(".").map(Number)
    expect(major > 22 || (major === 22 && minor >= 19), `tests run on Node ${process.versions.node}`).toBe(true)
  })
})
