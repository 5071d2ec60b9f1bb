/**
 * The Promise API behind a plain `node:http` server, no framework and no Effect: POST /customers
 * registers a customer, GET /customers/:id the overview, GET /customers/:id/timeline a page of
 * the timeline; every failure is an RFC 9457 problem document (`toProblem`). The API key in the
 * `x-api-key` header stands for the host's authentication: it names the API client and its scopes.
 *
 * Run directly (`node examples/promise-http.ts` after `npm run build`), it starts on 127.0.0.1 on
 * a free port, sends its own requests, prints what came back and stops. `startServer` is what the
 * test (test/promise/PromiseHttpExample.test.ts) runs. See docs/promise.md.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { type CallerJson, createCustomerAccounts, problemContentType, toProblem } from "customer-account/promise"

/** The host's API keys: each names a client and its scopes (a real host looks them up). */
const apiKeys: Readonly<Record<string, CallerJson>> = {
  "key-back-office": { tenantId: "acme", actor: { _tag: "api", clientId: "back-office" }, grants: { apiScopes: ["read", "register"] } },
  "key-reporting": { tenantId: "acme", actor: { _tag: "api", clientId: "reporting" }, grants: { apiScopes: ["read"] } }
}

/** A running server: its base URL and how to stop it. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:53124`. */
  readonly url: string
  /** Stops the server and releases the engine. */
  readonly close: () => Promise<void>
}

const send = (response: ServerResponse, status: number, body: unknown, contentType = "application/json") => {
  response.writeHead(status, { "content-type": contentType })
  response.end(JSON.stringify(body))
}

const readJson = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString("utf8")
  try {
    return text === "" ? undefined : JSON.parse(text)
  } catch {
    return text // not JSON: the engine refuses it as input that is not an object (400)
  }
}

/** Starts the server on 127.0.0.1 (port 0: a free one) over the in-memory engine. */
export const startServer = async (port = 0): Promise<RunningServer> => {
  const accounts = createCustomerAccounts()

  const route = async (request: IncomingMessage, response: ServerResponse, caller: CallerJson) => {
    const url = new URL(request.url ?? "/", "http://localhost")
    const [, resource, customerId, tab] = url.pathname.split("/")
    if (resource !== "customers") return send(response, 404, { status: 404, title: "Not Found", type: "about:blank" }, problemContentType)
    if (request.method === "POST" && customerId === undefined) {
      // The body is decoded by the engine: anything malformed is a ValidationError, i.e. a 400.
      const body = (await readJson(request)) as Parameters<typeof accounts.register>[1]
      const idempotencyKey = request.headers["idempotency-key"]
      const outcome = await accounts.register(caller, body, typeof idempotencyKey === "string" ? { idempotencyKey } : undefined)
      return send(response, 201, outcome)
    }
    if (request.method === "GET" && customerId !== undefined && tab === undefined) {
      return send(response, 200, await accounts.overview(caller, { customerId }))
    }
    if (request.method === "GET" && customerId !== undefined && tab === "timeline") {
      const cursor = url.searchParams.get("cursor")
      const limit = Number(url.searchParams.get("limit") ?? "20")
      return send(response, 200, await accounts.timeline(caller, { customerId, limit, ...(cursor === null ? {} : { cursor }) }))
    }
    return send(response, 405, { status: 405, title: "Method Not Allowed", type: "about:blank" }, problemContentType)
  }

  const server = createServer((request, response) => {
    const key = request.headers["x-api-key"]
    const caller = typeof key === "string" ? apiKeys[key] : undefined
    if (caller === undefined) return send(response, 401, { status: 401, title: "Unauthorized", type: "about:blank" }, problemContentType)
    route(request, response, caller).catch((error: unknown) => {
      const problem = toProblem(error, { instance: request.url ?? "/" })
      if (problem.status >= 500) console.error(error) // the server's log keeps what the client is not told
      send(response, problem.status, problem, problemContentType)
    })
  })
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve))
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}`,
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
      await accounts.dispose()
    }
  }
}

if (import.meta.main) {
  const { close, url } = await startServer()
  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { "x-api-key": key, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    console.log(method, path, response.status, response.headers.get("content-type"))
    return response.json() as Promise<Record<string, unknown>>
  }
  try {
    const erika = {
      registrationSource: "api",
      profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" }
    }
    const { customerId } = await call("POST", "/customers", "key-back-office", erika)
    const overview = await call("GET", `/customers/${String(customerId)}`, "key-back-office")
    console.log("  ", overview["displayName"], overview["permissions"])
    const timeline = await call("GET", `/customers/${String(customerId)}/timeline?limit=5`, "key-reporting")
    for (const activity of timeline["items"] as ReadonlyArray<{ at: string; summary: string }>) console.log("  ", activity.at, activity.summary)
    console.log("  ", await call("POST", "/customers", "key-back-office", { ...erika, profile: { ...erika.profile, email: "erika" } }))
    console.log("  ", await call("GET", "/customers/customer-unknown", "key-back-office"))
    console.log("  ", await call("POST", "/customers", "key-reporting", erika))
  } finally {
    await close()
  }
}
