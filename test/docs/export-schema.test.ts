/**
 * The export document's JSON Schema is generated from its Effect Schema and shipped in the package
 * as schemas/export.schema.json (rule export.json-schema). `npm run docs:sync` rewrites the file;
 * this test fails when it is stale.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { exportJsonSchema } from "../../src/domain/Export.ts"

const path = "schemas/export.schema.json"

describe("the shipped export JSON Schema", () => {
  it(`export.json-schema: ${path} is the schema generated from Export.ExportDocument (run npm run docs:sync after a change)`, () => {
    const rendered = `${JSON.stringify(exportJsonSchema(), null, 2)}\n`
    if (process.env["UPDATE_DOCS"] === "1") writeFileSync(path, rendered)
    expect(existsSync(path), `${path} is missing: run npm run docs:sync`).toBe(true)
    expect(readFileSync(path, "utf8")).toBe(rendered)
  })

  it("export.json-schema: the package ships the schema file and exports it", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { files: Array<string>; exports: Record<string, unknown> }
    expect(pkg.files).toContain("schemas")
    expect(pkg.exports["./schemas/export.schema.json"]).toBe(`./${path}`)
  })

  it("export.json-schema: the schema describes the document's top-level fields, all required, and its definitions resolve", () => {
    const schema = exportJsonSchema() as { properties: Record<string, unknown>; required: Array<string>; $defs?: Record<string, unknown> }
    const fields = ["format", "formatVersion", "exportedAt", "exportedBy", "tenantId", "customerId", "customerNumber", "personalData", "account", "activities", "host", "statement"]
    expect(Object.keys(schema.properties).sort()).toEqual([...fields].sort())
    expect([...schema.required].sort()).toEqual([...fields].sort())
    const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!.replace(/~1/g, "/").replace(/~0/g, "~")))
    for (const ref of refs) expect(schema.$defs?.[ref], ref).toBeDefined()
  })
})
