import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { ActivityTypeRejected } from "../../src/domain/ActivityType.ts"
import { InvitationRejected } from "../../src/domain/Invitation.ts"
import { ValidationError, ValidationIssue } from "../../src/domain/Validation.ts"
import { CustomerNotFound } from "../../src/engine/Errors.ts"
import { StorageError } from "../../src/ports/AccountStore.ts"
import { errorSchemas } from "../../src/transport/ErrorSchemas.ts"
import { Problem, problemStatuses, statusOf, toProblem } from "../../src/transport/Problem.ts"

/** Every `Schema.TaggedError` class of src/, read from the source: `TaggedError<X>()("Tag"`. */
const taggedErrorsInSource = (): ReadonlyArray<string> => {
  const files: Array<string> = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith(".ts")) files.push(path)
    }
  }
  walk("src")
  const tags = files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/TaggedError<\w+>\(\)\(\s*"(\w+)"/g)].map((m) => m[1] as string)
  )
  return [...new Set(tags)].sort()
}

describe("statusOf (every tagged error of the package has a status)", () => {
  const inSource = taggedErrorsInSource()

  it("finds the tagged errors in the source", () => {
    expect(inSource.length).toBeGreaterThanOrEqual(29)
    expect(inSource).toContain("CustomerNotFound")
    expect(inSource).toContain("PersonalDataChangeRejected") // declared over several lines
  })

  it("maps every tag of the source, and no tag the source does not have", () => {
    expect(Object.keys(problemStatuses).sort()).toEqual(inSource)
    expect(Object.keys(errorSchemas).sort()).toEqual(inSource)
  })

  it("registers each error under its own tag", () => {
    for (const [tag, schema] of Object.entries(errorSchemas)) expect(schema.identifier).toBe(tag)
  })

  it("gives the documented statuses", () => {
    expect(statusOf("ValidationError")).toBe(400)
    expect(statusOf("PermissionDenied")).toBe(403)
    expect(statusOf("CustomerNotFound")).toBe(404)
    expect(statusOf("VersionConflict")).toBe(409)
    expect(statusOf("StatusChangeRejected")).toBe(409)
    expect(statusOf("CommandRejected")).toBe(422)
    expect(statusOf("StorageError")).toBe(503)
    expect(statusOf("Unauthorized")).toBe(401)
    for (const status of Object.values(problemStatuses)) expect([400, 401, 403, 404, 409, 422, 503]).toContain(status)
  })

  it("gives a host's own tag 422, or the status the host names", () => {
    expect(statusOf("LoyaltyRefused")).toBe(422)
    expect(statusOf("LoyaltyRefused", { LoyaltyRefused: 409 })).toBe(409)
    expect(statusOf("CustomerNotFound", { CustomerNotFound: 410 })).toBe(410)
  })
})

const decodeProblem = Schema.decodeUnknownSync(Problem)

describe("toProblem", () => {
  it("writes a tagged error's status, detail, rule and fields", () => {
    const problem = toProblem(new CustomerNotFound({ rule: "tenant.isolation", customerId: "c-9", message: "No customer c-9" }))
    expect(problem).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "No customer c-9",
      tag: "CustomerNotFound",
      rule: "tenant.isolation",
      customerId: "c-9"
    })
    expect(decodeProblem(problem)).toEqual(problem)
  })

  it("takes a ValidationError's rule and path from its first issue", () => {
    const error = new ValidationError({
      subject: "RegisterCustomer",
      issues: [new ValidationIssue({ path: "profile.email", message: "Expected an email (rule customer.email-format)" })],
      message: "Invalid RegisterCustomer at profile.email"
    })
    const problem = toProblem(error)
    expect(problem).toMatchObject({ status: 400, rule: "customer.email-format", path: "profile.email", subject: "RegisterCustomer" })
    expect(problem["issues"]).toEqual([{ path: "profile.email", message: "Expected an email (rule customer.email-format)" }])
  })

  it("renames a field whose name is a member of the document", () => {
    const typeRejected = toProblem(new ActivityTypeRejected({ rule: "activity.host-types-registered", type: "invoice.sent", message: "unknown" }))
    expect(typeRejected).toMatchObject({ type: "about:blank", status: 422, errorType: "invoice.sent" })
    const invitation = toProblem(
      new InvitationRejected({ rule: "invitation.transition-table", status: "accepted", message: "not pending" })
    )
    expect(invitation).toMatchObject({ status: 422, errorStatus: "accepted" })
  })

  it("names the type by a base URI and the title by the tag, when asked", () => {
    const problem = toProblem(new CustomerNotFound({ rule: "tenant.isolation", customerId: "c", message: "m" }), {
      typeBase: "https://api.example.com/problems/",
      instance: "/customers/c"
    })
    expect(problem).toMatchObject({
      type: "https://api.example.com/problems/CustomerNotFound",
      title: "Customer not found",
      instance: "/customers/c"
    })
  })

  it("makes anything that is not a tagged failure a 500 that tells nothing", () => {
    for (const value of [new Error("password=hunter2 at db 10.0.0.5"), "boom", null, undefined, 42, { _tag: 1 }]) {
      const problem = toProblem(value)
      expect(problem).toEqual({
        type: "about:blank",
        title: "Internal Server Error",
        status: 500,
        detail: "The server failed unexpectedly; the failure is logged on the server.",
        tag: "Defect"
      })
      expect(JSON.stringify(problem)).not.toContain("hunter2")
    }
  })

  it("does not hand a StorageError's message or fields to a client", () => {
    const problem = toProblem(new StorageError({ operation: "AccountStore.save", message: "connection to 10.0.0.5:5432 refused" }))
    expect(problem).toEqual({
      type: "about:blank",
      title: "Service Unavailable",
      status: 503,
      detail: "The service could not reach its store; try again later.",
      tag: "StorageError"
    })
  })

  it("never throws, even on a hostile value", () => {
    const hostile = new Proxy({}, {
      get: () => {
        throw new Error("trap")
      }
    })
    expect(toProblem(hostile).status).toBe(500)
    const hostileFields = new Proxy({ _tag: "LoyaltyRefused", message: "no" }, {
      ownKeys: () => {
        throw new Error("trap")
      }
    })
    expect(toProblem(hostileFields)).toMatchObject({ status: 422, tag: "LoyaltyRefused", detail: "no" })
  })

  it("writes a host's own refusal with its own fields", () => {
    class LoyaltyRefused extends Error {
      readonly _tag = "LoyaltyRefused"
      readonly points = 12
    }
    expect(toProblem(new LoyaltyRefused("too few points"), { statuses: { LoyaltyRefused: 409 } })).toMatchObject({
      status: 409,
      tag: "LoyaltyRefused",
      detail: "too few points",
      points: 12
    })
  })
})
