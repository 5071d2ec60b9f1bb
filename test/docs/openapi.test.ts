/**
 * The OpenAPI 3.1 document of the HTTP API is generated from it and shipped as
 * schemas/openapi.json (issue 14); the client types generated from it by openapi-typescript are
 * kept in test/fixtures/openapi.d.ts. `npm run schemas` (or `npm run docs:sync`) rewrites both;
 * these tests fail when either is stale, when the document is not valid OpenAPI 3.1 (a real
 * validator) or when an operation lacks its operationId, summary or problem responses.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { Validator } from "@seriousme/openapi-schema-validator"
import { describe, expect, it } from "vitest"
import { catalogue } from "../../src/catalogue/Catalogue.ts"
import { commandPath } from "../../src/http/HttpApi.ts"
import { errorTag, problemStatus } from "../../src/http/Problems.ts"
import { generatedClientTypes, packageVersion, renderedOpenApi } from "../support/openapi.ts"

const path = "schemas/openapi.json"
const typesPath = "test/fixtures/openapi.d.ts"

type Operation = {
  readonly operationId?: string
  readonly summary?: string
  readonly responses: Record<string, { readonly content?: Record<string, unknown> }>
}

describe("the shipped OpenAPI document", () => {
  it(`${path} is the document generated from the HTTP API (run npm run schemas after a change)`, () => {
    const rendered = renderedOpenApi()
    if (process.env["UPDATE_DOCS"] === "1") writeFileSync(path, rendered)
    expect(existsSync(path), `${path} is missing: run npm run schemas`).toBe(true)
    expect(readFileSync(path, "utf8")).toBe(rendered)
  })

  it(`${typesPath} is what openapi-typescript generates from it (run npm run schemas after a change)`, async () => {
    const generated = await generatedClientTypes()
    if (process.env["UPDATE_DOCS"] === "1") writeFileSync(typesPath, generated)
    expect(readFileSync(typesPath, "utf8")).toBe(generated)
  })

  it("the package ships the document and exports it", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { files: Array<string>; exports: Record<string, unknown> }
    expect(pkg.files).toContain("schemas")
    expect(pkg.exports["./schemas/openapi.json"]).toBe(`./${path}`)
  })

  it("is valid OpenAPI 3.1 for a real validator, and the validator does refuse a broken one", async () => {
    const document = JSON.parse(readFileSync(path, "utf8")) as Record<string, any>
    expect(document["openapi"]).toBe("3.1.0")
    expect(document["info"]).toMatchObject({ version: packageVersion })
    const result = await new Validator().validate(document)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    const broken = { ...document, paths: { "/commands/register": { post: { operationId: 5, responses: "none" } } } }
    expect((await new Validator().validate(broken)).valid).toBe(false)
  })

  it("has one operation per member of the catalogue: operationId the member, summary its description, its problem responses", () => {
    const document = JSON.parse(readFileSync(path, "utf8")) as { paths: Record<string, Record<string, Operation>> }
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item))
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(catalogue).sort())
    for (const declaration of Object.values(catalogue)) {
      const operation = operations.find((o) => o.operationId === declaration.name)!
      expect(operation.summary).toBe(declaration.description)
      const statuses = new Set([400, 401, ...declaration.errors.map((e) => problemStatus({ _tag: errorTag(e) }))])
      for (const status of statuses) {
        expect(operation.responses[String(status)]?.content, `${declaration.name} ${status}`).toHaveProperty(["application/problem+json"])
      }
      expect(operation.responses["200"]?.content).toHaveProperty(["application/json"])
    }
    expect(document.paths[commandPath("register")]?.["post"]?.operationId).toBe("register")
    expect(document.paths["/customers/{customerId}/timeline"]?.["get"]?.operationId).toBe("timeline")
  })
})
