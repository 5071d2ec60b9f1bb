import { readFileSync } from "node:fs"
import { describe, expect, it, vi } from "vitest"

const tsBlocks = (markdown: string): ReadonlyArray<string> =>
  [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "")

describe("README.md", () => {
  const readme = readFileSync("README.md", "utf8")

  it("opens with the install-and-demo command and the test command that CI runs", () => {
    const firstBlock = readme.match(/```sh\n([\s\S]*?)```/)?.[1] ?? ""
    const commands = firstBlock.split("\n").map((line) => line.replace(/#.*$/, "").trim()).filter((l) => l !== "")
    expect(commands).toEqual(["npm ci && npm run demo", "npm test"])
    const ci = readFileSync(".ci/run", "utf8")
    for (const command of commands) expect(ci.split("\n")).toContain(command)
  })

  it("shows examples/taste.ts as its taste of the API, character for character", () => {
    expect(tsBlocks(readme)).toContain(readFileSync("examples/taste.ts", "utf8"))
  })

  it("shows examples/promise-quick-start.ts right after the opening commands, in under ten lines", () => {
    const blocks = tsBlocks(readme)
    const quickStart = readFileSync("examples/promise-quick-start.ts", "utf8")
    expect(blocks[0]).toBe(quickStart)
    expect(readme.indexOf(quickStart)).toBeLessThan(readme.indexOf("## A taste"))
    expect(quickStart.split("\n").filter((line) => line.trim() !== "").length).toBeLessThan(10)
    expect(quickStart).not.toMatch(/from "effect"/)
  })

  it("docs/promise.md shows the same quick start", () => {
    expect(tsBlocks(readFileSync("docs/promise.md", "utf8"))[0]).toBe(readFileSync("examples/promise-quick-start.ts", "utf8"))
  })

  it("runs the Promise quick start: it registers a customer and prints its timeline", async () => {
    const lines: Array<string> = []
    const log = vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) => void lines.push(args.join(" ")))
    try {
      await import("../../examples/promise-quick-start.ts")
    } finally {
      log.mockRestore()
    }
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z Erika Mustermann registered through the back office \(customer no\. \d+\)$/)
  })
})
