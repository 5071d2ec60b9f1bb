/**
 * examples/promise-http.ts driven through real HTTP on 127.0.0.1: the Promise API's JSON as
 * response bodies, its refusals as RFC 9457 problem documents with the status of their tag.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunningServer, startServer } from "../../examples/promise-http.ts"

let server: RunningServer

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.close()
})

const request = async (method: string, path: string, key: string, body?: unknown) => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { "x-api-key": key, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
  })
  return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as Record<string, any> }
}

const erika = {
  registrationSource: "api",
  profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" }
}

describe("examples/promise-http.ts over real HTTP", () => {
  it("registers a customer, then reads its overview and timeline as plain JSON", async () => {
    const registered = await request("POST", "/customers", "key-back-office", erika)
    expect(registered.status).toBe(201)
    expect(registered.type).toBe("application/json")
    const customerId = registered.body["customerId"] as string
    expect(registered.body).toEqual({ customerId, version: 1, activityIds: [expect.any(String)], created: customerId })

    const overview = await request("GET", `/customers/${customerId}`, "key-back-office")
    expect(overview.status).toBe(200)
    expect(overview.body["displayName"]).toBe("Erika Mustermann")
    expect(overview.body["permissions"]).toEqual({ canLogIn: true, canBuy: true, canReceiveMail: true, isEditable: true })
    expect(overview.body["account"]["profile"]["email"]).toBe("erika@example.de")
    expect(overview.body["account"]["registeredAt"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)

    const timeline = await request("GET", `/customers/${customerId}/timeline?limit=5`, "key-reporting")
    expect(timeline.status).toBe(200)
    expect(timeline.body["items"]).toHaveLength(1)
    const [registeredActivity] = timeline.body["items"]
    expect(registeredActivity).toMatchObject({ customerId, type: "customer.registered", actor: { _tag: "api", clientId: "back-office" } })
    expect(new Date(registeredActivity.at).toISOString()).toBe(registeredActivity.at)
  })

  it("answers bad input with a 400 problem naming the rule and the path", async () => {
    const bad = await request("POST", "/customers", "key-back-office", { ...erika, profile: { ...erika.profile, email: "erika" } })
    expect(bad.status).toBe(400)
    expect(bad.type).toBe("application/problem+json")
    expect(bad.body).toMatchObject({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      tag: "ValidationError",
      rule: "customer.email-format",
      path: "profile.email",
      instance: "/customers"
    })
    const notJson = await request("POST", "/customers", "key-back-office", "{not json")
    expect(notJson.status).toBe(400)
    expect(notJson.body["tag"]).toBe("ValidationError")
  })

  it("answers an unknown customer with a 404 problem", async () => {
    const missing = await request("GET", "/customers/customer-unknown", "key-back-office")
    expect(missing.status).toBe(404)
    expect(missing.type).toBe("application/problem+json")
    expect(missing.body).toMatchObject({ status: 404, tag: "CustomerNotFound", rule: "tenant.isolation", customerId: "customer-unknown" })
    const timeline = await request("GET", "/customers/customer-unknown/timeline", "key-reporting")
    expect(timeline.status).toBe(404)
  })

  it("answers a missing permission with a 403 problem naming it", async () => {
    const refused = await request("POST", "/customers", "key-reporting", erika)
    expect(refused.status).toBe(403)
    expect(refused.type).toBe("application/problem+json")
    expect(refused.body).toMatchObject({ status: 403, tag: "PermissionDenied", permission: "register", rule: "permission.api-scopes" })
  })
})
