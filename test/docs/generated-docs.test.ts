import { readFileSync, writeFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { blockNames, catalogueBlocks, domainBlocks, promiseBlocks, render } from "../support/generatedDocs.ts"

const documents = [
  { path: "docs/domain.md", blocks: domainBlocks },
  { path: "docs/catalogue.md", blocks: catalogueBlocks },
  { path: "docs/promise.md", blocks: promiseBlocks }
]

describe("generated parts of docs/", () => {
  for (const { blocks, path } of documents) {
    it(`${path} shows the rules as the code has them (run npm run docs:sync after a change)`, () => {
      const doc = readFileSync(path, "utf8")
      const current = blocks()
      expect(blockNames(doc).sort()).toEqual(Object.keys(current).sort())
      const rendered = render(doc, current)
      if (process.env["UPDATE_DOCS"] === "1") writeFileSync(path, rendered)
      expect(process.env["UPDATE_DOCS"] === "1" ? readFileSync(path, "utf8") : doc).toBe(rendered)
    })
  }
})
