import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"

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
})
