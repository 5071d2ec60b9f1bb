/**
 * Writes the OpenAPI 3.1 document of the built-in catalogue's HTTP API to schemas/openapi.json
 * (`npm run schemas`), which the package ships as `customer-account/schemas/openapi.json`, and the
 * TypeScript types `openapi-typescript` generates from it to test/fixtures/openapi.d.ts, which the
 * test of the generated client uses. test/http/OpenApi.test.ts fails when either file is stale.
 */
import { writeFileSync } from "node:fs"
import { generatedClientTypes, renderedOpenApi } from "../test/support/openapi.ts"

writeFileSync("schemas/openapi.json", renderedOpenApi())
writeFileSync("test/fixtures/openapi.d.ts", await generatedClientTypes())
console.log("wrote schemas/openapi.json and test/fixtures/openapi.d.ts")
