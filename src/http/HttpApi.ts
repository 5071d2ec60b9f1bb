/**
 * The HTTP API, derived from a catalogue (never listed by hand): every command is a `POST`, every
 * query a `GET`, every error a problem document.
 *
 * Routes:
 *
 * - a command: `POST /commands/{name}` (e.g. `POST /commands/setStatus`), the body the JSON
 *   encoding of the command's input (the encoded side of its Schema: a branded id is a string,
 *   bytes are base64), headers `Idempotency-Key` and `If-Match` (see {@link CommandHeaders});
 * - a query about one customer: `GET /customers/{customerId}/{name}` (e.g.
 *   `GET /customers/c-1/timeline?limit=20&groups=consent`), its other parameters in the query
 *   string (see `QueryParameters.ts`);
 * - any other query: `GET /queries/{name}`, all its parameters in the query string.
 *
 * A success is `200` with the JSON encoding of the member's output; a failure is a problem
 * document (`application/problem+json`) with the status of its error (see `Problems.ts`). The
 * OpenAPI operation of a member has the member's name as `operationId` and its declaration's
 * description as `summary`.
 *
 * @module
 */
import { Schema } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import type { CatalogueShape, CommandDeclaration, QueryDeclaration } from "../catalogue/Declaration.ts"
import { Authentication } from "./Authentication.ts"
import { documentedProblems, problemContentType } from "./Problems.ts"
import { queryParameterCodec } from "./QueryParameters.ts"

/**
 * An expected version as `If-Match` carries it: the account version as an entity tag, quoted
 * (`"3"`, as an `ETag` would be) or bare (`3`); a weak tag (`W/"3"`) is accepted alike.
 *
 * @category headers
 */
export const IfMatch = Schema.String.check(
  Schema.isPattern(/^(W\/)?"?\d{1,15}"?$/, { expected: "an account version such as \"3\" (rule command.expected-version)" })
).annotate({ description: "The account version the client saw, e.g. \"3\": the command is refused with 409 when the account has another one." })

/**
 * The account version an `If-Match` names.
 *
 * @category headers
 */
export const versionOfIfMatch = (ifMatch: string): number => Number(ifMatch.replace(/^W\//, "").replaceAll("\"", ""))

/**
 * The headers of a command: `Idempotency-Key` (`CommandOptions.idempotencyKey`, 1 to 200
 * printable ASCII characters) and `If-Match` (`CommandOptions.expectedVersion`). Header names are
 * case-insensitive; the Schema names them in lower case, as Node hands them over.
 *
 * @category headers
 */
export const CommandHeaders = Schema.Struct({
  /** Runs the command at most once per key and tenant; a repeat returns the first outcome. */
  "idempotency-key": Schema.optionalKey(
    Schema.String.annotate({ description: "Runs the command at most once per key and tenant; a repeat returns the first outcome." })
  ),
  /** The account version the client saw. */
  "if-match": Schema.optionalKey(IfMatch)
})

/**
 * The headers of a command that is not idempotent: `If-Match` only.
 *
 * @category headers
 */
export const NonIdempotentCommandHeaders = Schema.Struct({
  /** The account version the client saw. */
  "if-match": Schema.optionalKey(IfMatch)
})

/**
 * The headers of a query: `Accept-Language`, the reader's language (see `Locale.ts`).
 *
 * @category headers
 */
export const QueryHeaders = Schema.Struct({
  /** The reader's preferred languages. */
  "accept-language": Schema.optionalKey(
    Schema.String.annotate({ description: "The reader's preferred languages (BCP 47), for localized summaries." })
  )
})

/**
 * The path of a command's endpoint.
 *
 * @category routes
 */
export const commandPath = (name: string): `/${string}` => `/commands/${name}`

/**
 * The path of a query's endpoint: under `/customers/{customerId}` when the query is about one
 * customer, under `/queries` otherwise.
 *
 * @category routes
 */
export const queryPath = (declaration: QueryDeclaration): `/${string}` =>
  declaration.perCustomer ? `/customers/:customerId/${declaration.name}` : `/queries/${declaration.name}`

const documented = <E extends HttpApiEndpoint.Top>(endpoint: E, declaration: { readonly name: string; readonly description: string }): E =>
  endpoint.annotateMerge(OpenApi.annotations({ identifier: declaration.name, summary: declaration.description })) as E

/**
 * The endpoint of a command.
 *
 * @category endpoints
 */
export const commandEndpoint = (declaration: CommandDeclaration): HttpApiEndpoint.Top =>
  documented(
    HttpApiEndpoint.post(declaration.name, commandPath(declaration.name), {
      payload: Schema.toEncoded(declaration.input) as Schema.Top,
      headers: declaration.idempotent ? CommandHeaders : NonIdempotentCommandHeaders,
      success: declaration.output as Schema.Top,
      error: documentedProblems(declaration.errors)
    } as never) as unknown as HttpApiEndpoint.Top,
    declaration
  )

/**
 * The endpoint of a query.
 *
 * @category endpoints
 */
export const queryEndpoint = (declaration: QueryDeclaration): HttpApiEndpoint.Top => {
  const codec = queryParameterCodec(declaration.parameters as Schema.Top, declaration.perCustomer)
  const path = codec.path === undefined ? `/queries/${declaration.name}` as const : queryPath(declaration)
  return documented(
    HttpApiEndpoint.get(declaration.name, path, {
      ...(codec.path === undefined ? {} : { params: codec.path }),
      ...(codec.query === undefined ? {} : { query: codec.query }),
      headers: QueryHeaders,
      success: declaration.output as Schema.Top,
      error: documentedProblems(declaration.errors)
    } as never) as unknown as HttpApiEndpoint.Top,
    declaration
  )
}

/**
 * Tidies a generated OpenAPI document: a component generated again under a numbered name
 * (`Problem_1`, one per status an endpoint declares) and equal to the first is replaced by it, and
 * every problem response is described as one.
 *
 * @category openapi
 */
export const tidyOpenApi = (spec: Record<string, any>): Record<string, any> => {
  const schemas: Record<string, unknown> = spec["components"]?.["schemas"] ?? {}
  const replaced = new Map<string, string>()
  for (const name of Object.keys(schemas)) {
    const base = /^(.+)_\d+$/.exec(name)?.[1]
    if (base !== undefined && base in schemas && JSON.stringify(schemas[name]) === JSON.stringify(schemas[base])) {
      replaced.set(`#/components/schemas/${name}`, `#/components/schemas/${base}`)
    }
  }
  const tidied = JSON.parse(JSON.stringify(spec), (key, value) =>
    key === "$ref" && typeof value === "string" ? replaced.get(value) ?? value : value)
  for (const ref of replaced.keys()) delete tidied.components.schemas[ref.slice("#/components/schemas/".length)]
  for (const item of Object.values<Record<string, any>>(tidied.paths ?? {})) {
    for (const operation of Object.values<Record<string, any>>(item)) {
      for (const [status, response] of Object.entries<Record<string, any>>(operation["responses"] ?? {})) {
        if (response["content"]?.[problemContentType] !== undefined) response["description"] = `A problem document (RFC 9457), status ${status}`
      }
    }
  }
  return tidied
}

/**
 * Options of {@link makeHttpApi}: what the OpenAPI document's `info` says.
 *
 * @category models
 */
export interface HttpApiOptions {
  /** The title; default `customer-account HTTP API`. */
  readonly title?: string
  /** The API's version; default `0.0.0`. */
  readonly version?: string
}

/**
 * The HTTP API of a catalogue: group `commands` (a `POST` per command) and group `queries` (a
 * `GET` per query), every endpoint behind the {@link Authentication} middleware. A host's own
 * catalogue (the built-in one spread with its own declarations) gets an endpoint per extra member.
 *
 * @category api
 */
export const makeHttpApi = (catalogue: CatalogueShape, options: HttpApiOptions = {}): HttpApi.Top => {
  const declarations = Object.values(catalogue)
  const commands = declarations.filter((d): d is CommandDeclaration => d._tag === "Command").map(commandEndpoint)
  const queries = declarations.filter((d): d is QueryDeclaration => d._tag === "Query").map(queryEndpoint)
  let api = HttpApi.make("customer-accounts") as unknown as HttpApi.Top
  const group = (identifier: string, endpoints: ReadonlyArray<HttpApiEndpoint.Top>, description: string) => {
    const [first, ...rest] = endpoints
    if (first === undefined) return
    const made = HttpApiGroup.make(identifier, { topLevel: true })
      .add(first as never, ...(rest as Array<never>))
      .middleware(Authentication)
      .annotateMerge(OpenApi.annotations({ description }))
    api = api.add(made as never) as unknown as HttpApi.Top
  }
  group("commands", commands, "Commands: change one account, return a CommandOutcome (the account's new version).")
  group("queries", queries, "Queries: read, change nothing.")
  return api.annotateMerge(OpenApi.annotations({
    title: options.title ?? "customer-account HTTP API",
    version: options.version ?? "0.0.0",
    description: "The customer account's commands (POST) and queries (GET), derived from its catalogue. Errors are RFC 9457 problem documents.",
    transform: tidyOpenApi
  })) as HttpApi.Top
}
