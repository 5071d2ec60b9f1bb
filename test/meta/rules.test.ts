import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ruleIds } from "../../src/domain/Rules.ts"

const files = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : []
  })

const testNames = files("test").flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/\b(?:it|describe|test)(?:\.\w+)?\(\s*["'`]([a-z0-9-]+\.[a-z0-9-]+):/g)].map((m) => m[1]!)
)
const sourceText = files("src").map((file) => readFileSync(file, "utf8")).join("\n")

describe("the rule catalogue", () => {
  for (const id of ruleIds) {
    it(`${id} has a test named after it and a place in src/`, () => {
      expect(testNames, `no test name starts with "${id}:"`).toContain(id)
      expect(sourceText.split(id).length - 1, `rule ${id} is named nowhere in src/ but the catalogue`).toBeGreaterThan(1)
    })
  }

  it("every rule id a test is named after exists in the catalogue", () => {
    const unknown = [...new Set(testNames)].filter((id) => !(ruleIds as ReadonlyArray<string>).includes(id))
    expect(unknown).toEqual([])
  })
})
