/**
 * The HTTP API on `@effect/platform-node`: the routes of `customer-account/http` mounted on a Node
 * HTTP server, the host's own authentication (a bearer token looked up in a table), the engine on
 * the in-memory adapters. Run with `node examples/http-server.ts` after `npm run build`: it starts
 * on 127.0.0.1 on a free port, makes a few requests to itself, prints them and exits.
 */
import { createServer } from "node:http"
import { NodeHttpServer } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { HttpRouter, HttpServer } from "effect/http"
import { Actor, CustomerAccounts, Ids, Memory, Permission } from "customer-account"
import { Authentication, Server } from "customer-account/http"

// The host's callers, by bearer token. A real host verifies a JWT or a session here.
const callers: Record<string, CustomerAccounts.Caller> = {
  "token-mia": {
    tenantId: Ids.TenantId.make("acme"),
    actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
    grants: { supporterRoles: [{ name: "support", permissions: [...Permission.permissions] }] }
  }
}

const authenticate: Authentication.Authenticate = (request) => {
  const token = /^Bearer (.+)$/.exec(request.headers["authorization"] ?? "")?.[1]
  const caller = token === undefined ? undefined : callers[token]
  return caller === undefined
    ? Effect.fail(new Authentication.Unauthorized({ message: "A valid bearer token is required" }))
    : Effect.succeed(caller)
}

// The server: the API's routes with the engine, on 127.0.0.1, on a free port (0) unless one is given.
const serverLayer = (port = 0) =>
  HttpRouter.serve(Server.layer({ authenticate, openapiPath: "/openapi.json" }), { disableLogger: true, disableListenLog: true }).pipe(
    Layer.provide(Memory.layer()),
    Layer.provideMerge(NodeHttpServer.layer(createServer, { host: "127.0.0.1", port }))
  )

const call = (base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  Effect.promise(async () => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: "Bearer token-mia", "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const json = await response.json() as Record<string, unknown>
    console.log(`${method} ${path} -> ${response.status} ${response.headers.get("content-type")}`)
    return json
  })

const program = Effect.gen(function*() {
  const server = yield* HttpServer.HttpServer
  const base = HttpServer.formatAddress(server.address)
  console.log("listening on", base)

  const registered = yield* call(base, "POST", "/commands/register", {
    profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" },
    registrationSource: "back-office"
  }, { "idempotency-key": "register-erika" })
  console.log("  ", registered)
  const customerId = String(registered["customerId"])

  const blocked = yield* call(base, "POST", "/commands/setStatus", { customerId, to: "blocked", reason: "chargeback" }, { "if-match": "\"1\"" })
  console.log("  ", blocked)
  const stale = yield* call(base, "POST", "/commands/setStatus", { customerId, to: "active" }, { "if-match": "\"1\"" })
  console.log("  ", stale)

  const timeline = yield* call(base, "GET", `/customers/${customerId}/timeline?limit=10`)
  for (const activity of (timeline["items"] as Array<{ readonly at: string; readonly summary: string }>)) {
    console.log("  ", activity.at, activity.summary)
  }
  const openapi = yield* call(base, "GET", "/openapi.json")
  console.log("   OpenAPI", openapi["openapi"], Object.keys(openapi["paths"] as object).length, "paths")
})

await Effect.runPromise(Effect.provide(program, serverLayer()))
