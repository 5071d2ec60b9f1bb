/**
 * Who calls: the host authenticates. The HTTP layer knows no credentials; the host supplies an
 * {@link Authenticate} function that reads the request (a bearer token, a session cookie, a client
 * certificate, ...) and returns the engine's `Caller` (tenant, actor, grants), or fails with
 * {@link Unauthorized}, which the client receives as a 401 problem document.
 *
 * Authentication runs before anything of the request is decoded, so a request without valid
 * credentials learns nothing about its body's shape. The caller it returns is still decoded by the
 * engine (rule `caller.decoded`).
 *
 * @module
 */
import { Context, type Effect } from "effect"
import type { HttpServerRequest } from "effect/http"
import { HttpApiMiddleware } from "effect/http-api"
import type { Caller } from "../engine/Caller.ts"
import type { Unauthorized } from "./Problems.ts"

export { Unauthorized } from "./Problems.ts"

/**
 * The host's authentication: the request in, the caller out, or {@link Unauthorized}.
 *
 * @category authentication
 */
export type Authenticate = (request: HttpServerRequest.HttpServerRequest) => Effect.Effect<Caller, Unauthorized>

/**
 * The caller of the request being handled, as the host's {@link Authenticate} returned it (with
 * the `Accept-Language` locale, see `Locale.ts`).
 *
 * @category authentication
 */
export class CurrentCaller extends Context.Service<CurrentCaller, Caller>()("customer-account/http/CurrentCaller") {}

/**
 * The middleware every endpoint of the HTTP API runs through: it authenticates the request, turns
 * a request the HTTP layer cannot decode into a 400 problem document and provides the
 * {@link CurrentCaller}. `Server.layer` implements it with the host's {@link Authenticate}.
 *
 * @category authentication
 */
export class Authentication extends HttpApiMiddleware.Service<Authentication, { provides: CurrentCaller }>()(
  "customer-account/http/Authentication"
) {}
