/**
 * The HTTP API on a real Node server on 127.0.0.1 (a free port), over the in-memory engine, for
 * the HTTP tests: the host's authentication maps a bearer token to a caller.
 */
import { createServer } from "node:http"
import { NodeHttpServer } from "@effect/platform-node"
import { Effect, Layer, ManagedRuntime } from "effect"
import { HttpRouter, HttpServer } from "effect/http"
import type { CatalogueShape } from "../../src/catalogue/Declaration.ts"
import * as Actor from "../../src/domain/Actor.ts"
import { StaffUserId, TenantId } from "../../src/domain/Ids.ts"
import { permissions } from "../../src/domain/Permission.ts"
import type { Caller } from "../../src/engine/Caller.ts"
import { type Authenticate, Unauthorized } from "../../src/http/Authentication.ts"
import * as Server from "../../src/http/Server.ts"
import * as Memory from "../../src/Memory.ts"

/** A supporter with every permission, bearer token `token-admin`. */
export const admin: Caller = {
  tenantId: TenantId.make("acme"),
  actor: Actor.supporter(StaffUserId.make("u-1"), "Ada Admin"),
  grants: { supporterRoles: [{ name: "admin", permissions: [...permissions] }] }
}

/** A supporter who may only read, bearer token `token-reader`. */
export const reader: Caller = {
  tenantId: TenantId.make("acme"),
  actor: Actor.supporter(StaffUserId.make("u-2"), "Rea Reader"),
  grants: { supporterRoles: [{ name: "reader", permissions: ["read"] }] }
}

const callers: Record<string, Caller> = { "token-admin": admin, "token-reader": reader }

/** The host's authentication of the tests: `Authorization: Bearer <token>`. */
export const authenticate: Authenticate = (request) => {
  const token = /^Bearer (.+)$/.exec(request.headers["authorization"] ?? "")?.[1]
  const caller = token === undefined ? undefined : callers[token]
  return caller === undefined ? Effect.fail(new Unauthorized({ message: "A valid bearer token is required" })) : Effect.succeed(caller)
}

/** A running server: its base URL (`http://127.0.0.1:<port>`) and how to stop it. */
export interface RunningServer {
  readonly base: string
  readonly stop: () => Promise<void>
}

/** Starts the HTTP API of a catalogue (default: the built-in one) on 127.0.0.1, a free port. */
export const startServer = async (catalogue?: CatalogueShape): Promise<RunningServer> => {
  const layer = HttpRouter.serve(
    Server.layer({ authenticate, openapiPath: "/openapi.json", ...(catalogue === undefined ? {} : { catalogue }) }),
    { disableLogger: true, disableListenLog: true }
  ).pipe(
    Layer.provide(Memory.layer()),
    Layer.provideMerge(NodeHttpServer.layer(createServer, { host: "127.0.0.1", port: 0 }))
  )
  const runtime = ManagedRuntime.make(layer)
  const server = await runtime.runPromise(Effect.gen(function*() {
    return yield* HttpServer.HttpServer
  }))
  return { base: HttpServer.formatAddress(server.address), stop: () => runtime.dispose() }
}

/** A request to the server with the admin's token (unless headers say otherwise), JSON in and out. */
export const request = async (
  server: RunningServer,
  method: "GET" | "POST",
  path: string,
  options: { readonly body?: unknown; readonly rawBody?: string; readonly headers?: Record<string, string> } = {}
) => {
  const response = await fetch(`${server.base}${path}`, {
    method,
    headers: { authorization: "Bearer token-admin", "content-type": "application/json", ...options.headers },
    ...(options.rawBody !== undefined ? { body: options.rawBody } : options.body === undefined ? {} : { body: JSON.stringify(options.body) })
  })
  const text = await response.text()
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: (text === "" ? undefined : JSON.parse(text)) as Record<string, any>
  }
}
