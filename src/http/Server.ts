/**
 * The server side of the HTTP API: a layer of routes the host mounts on its `HttpRouter`. Every
 * endpoint calls its declaration's `invoke` on the `CustomerAccounts` service, with the caller of
 * the host's authentication and the options of the request's headers, and answers with the JSON
 * encoding of the output or a problem document.
 *
 * ```ts
 * const routes = Server.layer({ authenticate })          // needs CustomerAccounts
 * HttpRouter.serve(routes).pipe(
 *   Layer.provide(NodeHttpServer.layer(createServer, { port: 8080 })),
 *   Layer.provide(Memory.layer())
 * )
 * ```
 *
 * @module
 */
import { Effect, type FileSystem, Layer, type Path, Result } from "effect"
import { type Etag, type HttpPlatform, type HttpRouter, HttpServerRequest } from "effect/http"
import { type HttpApi, HttpApiBuilder, HttpApiError } from "effect/http-api"
import type { CatalogueShape, CommandDeclaration, QueryDeclaration } from "../catalogue/Declaration.ts"
import { catalogue as builtIn } from "../catalogue/Catalogue.ts"
import type { CommandOptions } from "../engine/Caller.ts"
import { CustomerAccounts } from "../engine/CustomerAccounts.ts"
import type { CustomerAccountsService } from "../engine/CustomerAccountsService.ts"
import { type Authenticate, Authentication, CurrentCaller } from "./Authentication.ts"
import { makeHttpApi, versionOfIfMatch } from "./HttpApi.ts"
import { withLocale } from "./Locale.ts"
import { problemResponse, requestInvalid } from "./Problems.ts"
import { queryParameterCodec } from "./QueryParameters.ts"

/**
 * What the routes need: the engine and what any `effect/http` server provides (the router, the
 * platform, an ETag generator, a file system and paths; `NodeHttpServer.layer` gives all but the
 * engine).
 *
 * @category server
 */
export type ServerRequirements = CustomerAccounts | HttpRouter.HttpRouter | Etag.Generator | FileSystem.FileSystem | HttpPlatform.HttpPlatform | Path.Path

/**
 * Options of {@link layer}.
 *
 * @category server
 */
export interface ServerOptions {
  /** The host's authentication (see `Authentication.ts`). */
  readonly authenticate: Authenticate
  /** The catalogue to serve; default the built-in one. A host's own adds its commands and queries. */
  readonly catalogue?: CatalogueShape
  /** The HTTP API of that catalogue, if the host made it already (`makeHttpApi(catalogue)`). */
  readonly api?: HttpApi.Top
  /** A path serving the OpenAPI document, e.g. `/openapi.json`; none by default. */
  readonly openapiPath?: `/${string}`
}

/**
 * The options of a command run, read from the request's headers: `Idempotency-Key` and `If-Match`.
 *
 * @category server
 */
export const commandOptionsOf = (headers: { readonly "idempotency-key"?: string; readonly "if-match"?: string }): CommandOptions => ({
  ...(headers["idempotency-key"] === undefined ? {} : { idempotencyKey: headers["idempotency-key"] }),
  ...(headers["if-match"] === undefined ? {} : { expectedVersion: versionOfIfMatch(headers["if-match"]) })
})

/** A request as the builder hands it to a handler (the endpoints are built at run time, so untyped). */
interface DecodedRequest {
  readonly payload?: unknown
  readonly params?: unknown
  readonly query?: unknown
  readonly headers?: { readonly "idempotency-key"?: string; readonly "if-match"?: string }
}

const answer = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.catch(effect, (error) => Effect.succeed(problemResponse(error)))

const commandHandler = (service: CustomerAccountsService, declaration: CommandDeclaration) => (request: DecodedRequest) =>
  answer(Effect.gen(function*() {
    const caller = yield* CurrentCaller
    return yield* declaration.invoke(service, caller, request.payload, commandOptionsOf(request.headers ?? {}))
  }))

const queryHandler = (service: CustomerAccountsService, declaration: QueryDeclaration) => {
  const codec = queryParameterCodec(declaration.parameters, declaration.perCustomer)
  return (request: DecodedRequest) =>
    answer(Effect.gen(function*() {
      const caller = yield* CurrentCaller
      return yield* declaration.invoke(service, caller, codec.join(request.params, request.query))
    }))
}

/**
 * The {@link Authentication} middleware with the host's authentication: a refusal is a 401
 * problem document, a request part the HTTP layer cannot decode a 400 one (a `ValidationError`
 * naming `HttpBody`, `HttpHeaders`, `HttpPath` or `HttpQuery`), a defect a logged 500 one that
 * tells the client nothing of it; and the caller gets the `Accept-Language` locale where the
 * engine's `Caller` has one.
 *
 * @category server
 */
export const authenticationLayer = (authenticate: Authenticate): Layer.Layer<Authentication> =>
  Layer.succeed(Authentication, (httpEffect) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const authenticated = yield* Effect.result(authenticate(request))
      if (Result.isFailure(authenticated)) return problemResponse(authenticated.failure)
      const caller = withLocale(authenticated.success, request.headers["accept-language"])
      return yield* httpEffect.pipe(
        Effect.provideService(CurrentCaller, caller),
        Effect.catch((error) => {
          if (!HttpApiError.HttpApiSchemaError.is(error)) return Effect.fail(error)
          // A request part the client sent wrong: 400. An output this server cannot encode: its bug, 500.
          return error.kind === "Body" || error.kind === "ResponseHeaders"
            ? internalError(error)
            : Effect.succeed(problemResponse(requestInvalid(error.kind, error.cause.issue)))
        }),
        Effect.catchDefect(internalError)
      )
    }))

/** A bug of this server or of the engine: logged, answered with a 500 problem that tells nothing of it. */
const internalError = (cause: unknown) =>
  Effect.as(Effect.logError("customer-account/http: internal error", cause), problemResponse(undefined))

/**
 * The routes of the HTTP API of a catalogue, to mount on the host's `HttpRouter` (e.g. with
 * `HttpRouter.serve`). Needs the `CustomerAccounts` service.
 *
 * @category server
 */
export const layer = (options: ServerOptions): Layer.Layer<never, never, ServerRequirements> => {
  const catalogue = options.catalogue ?? builtIn
  const api = options.api ?? makeHttpApi(catalogue)
  const declarations = Object.values(catalogue)
  const handlersOf = <D extends CommandDeclaration | QueryDeclaration>(
    group: "commands" | "queries",
    ofGroup: (d: CommandDeclaration | QueryDeclaration) => d is D,
    handlerOf: (service: CustomerAccountsService, declaration: D) => (request: DecodedRequest) => Effect.Effect<unknown, unknown, unknown>
  ) =>
    HttpApiBuilder.group(api as never, group as never, (handlers: any) =>
      Effect.gen(function*() {
        const service = yield* CustomerAccounts
        for (const declaration of declarations.filter(ofGroup)) handlers.handle(declaration.name, handlerOf(service, declaration))
        return handlers
      })) as unknown as Layer.Layer<never, never, CustomerAccounts>
  const isCommand = (d: CommandDeclaration | QueryDeclaration): d is CommandDeclaration => d._tag === "Command"
  const isQuery = (d: CommandDeclaration | QueryDeclaration): d is QueryDeclaration => d._tag === "Query"
  const groups = Layer.mergeAll(
    declarations.some(isCommand) ? handlersOf("commands", isCommand, commandHandler) : Layer.empty,
    declarations.some(isQuery) ? handlersOf("queries", isQuery, queryHandler) : Layer.empty
  )
  // The groups are built at run time, so the builder's type still names the group services they provide.
  return HttpApiBuilder.layer(api, options.openapiPath === undefined ? undefined : { openapiPath: options.openapiPath }).pipe(
    Layer.provide(groups),
    Layer.provide(authenticationLayer(options.authenticate))
  ) as unknown as Layer.Layer<never, never, ServerRequirements>
}
