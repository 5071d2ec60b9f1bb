/**
 * `customer-account/http`: the HTTP API of the customer account, derived from the catalogue, on
 * `effect/http-api`; see docs/http.md.
 *
 * - {@link HttpApi.makeHttpApi} builds the `HttpApi` of a catalogue (commands `POST
 *   /commands/{name}`, queries `GET /customers/{customerId}/{name}` or `GET /queries/{name}`);
 * - {@link Server.layer} is the routes a host mounts, with its own authentication;
 * - {@link OpenApiDocument.openApiDocument} is the OpenAPI 3.1 document (shipped as
 *   `customer-account/schemas/openapi.json`);
 * - {@link Problems} turns errors into RFC 9457 problem documents, {@link Locale} reads
 *   `Accept-Language`, {@link QueryParameters} says how query parameters travel.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { HttpRouter } from "effect/http"
 * import { Memory } from "customer-account"
 * import { Authentication, Server } from "customer-account/http"
 *
 * const routes = Server.layer({
 *   authenticate: (request) => Effect.fail(new Authentication.Unauthorized({ message: `No credentials for ${request.url}` }))
 * }).pipe(Layer.provide(Memory.layer()))
 * const app = HttpRouter.toWebHandler(routes)
 * ```
 *
 * @module
 */
export * as Authentication from "./Authentication.ts"
export * as HttpApi from "./HttpApi.ts"
export * as Locale from "./Locale.ts"
export * as OpenApiDocument from "./OpenApiDocument.ts"
export * as Problems from "./Problems.ts"
export * as QueryParameters from "./QueryParameters.ts"
export * as Server from "./Server.ts"
