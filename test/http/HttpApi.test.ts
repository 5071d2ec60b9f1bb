/**
 * The HTTP API through real HTTP on 127.0.0.1: commands as POST with Idempotency-Key and If-Match,
 * queries as GET, every failure a problem document (issue 14).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { request, type RunningServer, startServer } from "../support/httpServer.ts"

const erika = { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" }

let server: RunningServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
})

const register = async (email: string) => {
  const response = await request(server, "POST", "/commands/register", {
    body: { profile: { ...erika, email }, registrationSource: "back-office" }
  })
  expect(response.status).toBe(200)
  return response.body["customerId"] as string
}

describe("the HTTP API", () => {
  it("a command is a POST: register is POST /commands/register and answers the outcome as JSON", async () => {
    const response = await request(server, "POST", "/commands/register", {
      body: { profile: { ...erika, email: "post@example.de" }, registrationSource: "back-office" }
    })
    expect(response.status).toBe(200)
    expect(response.contentType).toBe("application/json")
    expect(response.body).toMatchObject({ version: 1, created: response.body["customerId"] })
    expect(response.body["activityIds"]).toHaveLength(1)
    const overview = await request(server, "GET", `/customers/${response.body["customerId"]}/overview`)
    expect(overview.status).toBe(200)
    expect(overview.body).toMatchObject({ displayName: "Erika Mustermann", permissions: { canLogIn: true } })
  })

  it("command.idempotency: setStatus repeated under one Idempotency-Key header returns the first outcome and changes nothing more", async () => {
    const customerId = await register("idem@example.de")
    const send = () =>
      request(server, "POST", "/commands/setStatus", {
        body: { customerId, to: "blocked", reason: "chargeback" },
        headers: { "idempotency-key": "block-idem-1" }
      })
    const first = await send()
    const again = await send()
    expect(first.status).toBe(200)
    expect(first.body["version"]).toBe(2)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    const timeline = await request(server, "GET", `/customers/${customerId}/timeline?limit=50`)
    expect(timeline.body["items"]).toHaveLength(2)
  })

  it("command.idempotency-key-format: a malformed Idempotency-Key header is a 400 problem naming IdempotencyKey", async () => {
    const customerId = await register("badkey@example.de")
    const response = await request(server, "POST", "/commands/setStatus", {
      body: { customerId, to: "blocked" },
      headers: { "idempotency-key": "x".repeat(201) }
    })
    expect(response.status).toBe(400)
    expect(response.contentType).toBe("application/problem+json")
    expect(response.body["detail"]).toContain("IdempotencyKey")
  })

  it("command.expected-version: If-Match with the current version runs; a stale one is a 409 problem and changes nothing", async () => {
    const customerId = await register("ifmatch@example.de")
    const ok = await request(server, "POST", "/commands/setStatus", {
      body: { customerId, to: "blocked", reason: "chargeback" },
      headers: { "if-match": "\"1\"" }
    })
    expect(ok.status).toBe(200)
    expect(ok.body["version"]).toBe(2)
    const stale = await request(server, "POST", "/commands/setStatus", {
      body: { customerId, to: "active" },
      headers: { "if-match": "\"1\"" }
    })
    expect(stale.status).toBe(409)
    expect(stale.contentType).toBe("application/problem+json")
    expect(stale.body).toMatchObject({ status: 409, tag: "VersionConflict" })
    expect(stale.body["detail"]).toContain("expected version 1")
    const overview = await request(server, "GET", `/customers/${customerId}/overview`)
    expect(overview.body["permissions"]).toMatchObject({ canLogIn: false })
    const malformed = await request(server, "POST", "/commands/setStatus", {
      body: { customerId, to: "active" },
      headers: { "if-match": "yesterday" }
    })
    expect(malformed.status).toBe(400)
    expect(malformed.body["detail"]).toContain("HttpHeaders")
  })

  it("a query is a GET: the timeline is GET /customers/{customerId}/timeline, filters repeated in the query string", async () => {
    const customerId = await register("timeline@example.de")
    const consented = await request(server, "POST", "/commands/changeConsent", {
      body: { customerId, channel: "email", to: "singleOptIn", source: "newsletter-form", textVersion: "v3" }
    })
    expect(consented.status, JSON.stringify(consented.body)).toBe(200)
    const all = await request(server, "GET", `/customers/${customerId}/timeline?limit=10`)
    expect(all.status).toBe(200)
    expect(all.body["items"].map((a: { type: string }) => a.type)).toEqual(["consent.changed", "customer.registered"])
    expect(typeof all.body["items"][0].at).toBe("string")
    expect(Number.isNaN(Date.parse(all.body["items"][0].at))).toBe(false)
    const consent = await request(server, "GET", `/customers/${customerId}/timeline?limit=10&groups=consent`)
    expect(consent.body["items"].map((a: { type: string }) => a.type)).toEqual(["consent.changed"])
    const two = await request(server, "GET", `/customers/${customerId}/timeline?limit=10&groups=consent&groups=customer-data`)
    expect(two.body["items"]).toHaveLength(2)
    const paged = await request(server, "GET", `/customers/${customerId}/timeline?limit=1`)
    expect(paged.body["items"]).toHaveLength(1)
    const next = await request(server, "GET", `/customers/${customerId}/timeline?limit=1&cursor=${encodeURIComponent(paged.body["nextCursor"])}`)
    expect(next.body["items"][0].type).toBe("customer.registered")
  })

  it("problem documents: a body of the wrong shape or not JSON at all is a 400 problem document naming the body", async () => {
    for (const rawBody of ["{\"customerId\": 5, \"to\": []}", "{\"customerId\": \"c-1\", \"to\": \"s3cret-value\"}", "not json", ""]) {
      const response = await request(server, "POST", "/commands/setStatus", { rawBody })
      expect(response.status, rawBody).toBe(400)
      expect(response.contentType).toBe("application/problem+json")
      expect(response.body).toMatchObject({ status: 400, tag: "ValidationError" })
      expect(response.body["detail"]).toContain("HttpBody")
      // The offending value is not echoed back.
      expect(JSON.stringify(response.body)).not.toContain("s3cret")
    }
  })

  it("problem documents: input the engine refuses is a problem with the status of its error and its rule", async () => {
    const invalid = await request(server, "POST", "/commands/register", {
      body: { profile: { ...erika, email: "not-an-email" }, registrationSource: "back-office" }
    })
    expect(invalid.status).toBe(400)
    expect(invalid.body).toMatchObject({ tag: "ValidationError" })
    expect(invalid.body["detail"]).toContain("profile.email")
    const unknown = await request(server, "GET", "/customers/customer-nobody/overview")
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ status: 404, tag: "CustomerNotFound", rule: "tenant.isolation" })
    const customerId = await register("refused@example.de")
    const forbidden = await request(server, "POST", "/commands/setStatus", {
      body: { customerId, to: "blocked" },
      headers: { authorization: "Bearer token-reader" }
    })
    expect(forbidden.status).toBe(403)
    expect(forbidden.body).toMatchObject({ tag: "PermissionDenied" })
    const badLimit = await request(server, "GET", `/customers/${customerId}/timeline?limit=lots`)
    expect(badLimit.status).toBe(400)
    expect(badLimit.body["detail"]).toContain("HttpQuery")
  })

  it("authentication: without credentials, or with unknown ones, every endpoint answers a 401 problem and runs nothing", async () => {
    for (const headers of [{ authorization: "" }, { authorization: "Bearer forged" }]) {
      const command = await request(server, "POST", "/commands/register", {
        body: { profile: { ...erika, email: "noauth@example.de" }, registrationSource: "back-office" },
        headers
      })
      expect(command.status).toBe(401)
      expect(command.contentType).toBe("application/problem+json")
      expect(command.body).toMatchObject({ status: 401, tag: "Unauthorized", detail: "A valid bearer token is required" })
      const badBody = await request(server, "POST", "/commands/register", { rawBody: "not json", headers })
      expect(badBody.status).toBe(401)
      const query = await request(server, "GET", "/customers/any/timeline?limit=1", { headers })
      expect(query.status).toBe(401)
    }
    // The refused registration did not happen: the email is still free.
    await register("noauth@example.de")
  })
})
