/**
 * "An HTTP client generated from the shipped OpenAPI document drives the same commands" (issue
 * 14): openapi-typescript generated test/fixtures/openapi.d.ts from schemas/openapi.json (a test
 * keeps it fresh), and openapi-fetch, typed by it, registers a customer, changes its status under
 * an idempotency key and an expected version, and reads the timeline, over real HTTP.
 */
import createClient from "openapi-fetch"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { paths } from "../fixtures/openapi.d.ts"
import { type RunningServer, startServer } from "../support/httpServer.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
})

describe("a client generated from the shipped OpenAPI document", () => {
  it("registers a customer, changes its status and reads the timeline", async () => {
    const client = createClient<paths>({ baseUrl: server.base, headers: { authorization: "Bearer token-admin" } })

    const registered = await client.POST("/commands/register", {
      body: {
        profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "client@example.de", language: "de" },
        registrationSource: "back-office"
      },
      params: { header: { "idempotency-key": "client-register-1" } }
    })
    expect(registered.response.status).toBe(200)
    const customerId = registered.data!.customerId
    expect(registered.data!.version).toBe(1)

    const blocked = await client.POST("/commands/setStatus", {
      body: { customerId, to: "blocked", reason: "chargeback" },
      params: { header: { "if-match": `"${registered.data!.version}"` } }
    })
    expect(blocked.data?.version).toBe(2)

    const stale = await client.POST("/commands/setStatus", {
      body: { customerId, to: "active" },
      params: { header: { "if-match": "\"1\"" } }
    })
    expect(stale.response.status).toBe(409)
    expect(stale.error).toMatchObject({ status: 409, tag: "VersionConflict" })

    const timeline = await client.GET("/customers/{customerId}/timeline", {
      params: { path: { customerId }, query: { limit: "10", groups: ["status-and-access", "customer-data"] } }
    })
    expect(timeline.response.status).toBe(200)
    expect(timeline.data!.items.map((activity) => activity.type)).toEqual(["status.changed", "customer.registered"])
    expect(timeline.data!.items.every((activity) => typeof activity.at === "string")).toBe(true)
  })

  it("receives a problem document typed by the document when it sends no credentials", async () => {
    const client = createClient<paths>({ baseUrl: server.base })
    const refused = await client.GET("/customers/{customerId}/overview", { params: { path: { customerId: "customer-1" } } })
    expect(refused.response.status).toBe(401)
    expect(refused.error).toMatchObject({ status: 401, tag: "Unauthorized" })
  })
})
