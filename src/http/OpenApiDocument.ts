/**
 * The OpenAPI 3.1 document of the HTTP API, generated from it (`OpenApi.fromApi`), never written
 * by hand. The package ships the built-in catalogue's as `customer-account/schemas/openapi.json`
 * (`npm run schemas` writes it; a test fails when it is stale); a host with its own catalogue
 * generates its own with {@link openApiDocument}.
 *
 * @module
 */
import { OpenApi } from "effect/http-api"
import { catalogue as builtIn } from "../catalogue/Catalogue.ts"
import type { CatalogueShape } from "../catalogue/Declaration.ts"
import { type HttpApiOptions, makeHttpApi } from "./HttpApi.ts"

/**
 * The OpenAPI 3.1 document of a catalogue's HTTP API (default: the built-in catalogue).
 *
 * @category openapi
 */
export const openApiDocument = (catalogue: CatalogueShape = builtIn, options: HttpApiOptions = {}): OpenApi.OpenAPISpec =>
  OpenApi.fromApi(makeHttpApi(catalogue, options))
