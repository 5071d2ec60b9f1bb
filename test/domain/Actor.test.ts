import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Actor from "../../src/domain/Actor.ts"
import { ApiClientId, CustomerId, ProcessName, StaffUserId } from "../../src/domain/Ids.ts"
import { decode } from "../../src/domain/Validation.ts"
import * as Arbitraries from "../../src/testing/arbitraries.ts"
import { actor, principal } from "../support/arbitraries.ts"
import { runs } from "../support/properties.ts"

const decodeActor = decode(Actor.Actor, "Actor")

const mia = Actor.supporter(StaffUserId.make("u-7"), "Mia Support")
const customer = Actor.customer(CustomerId.make("c-1"))

describe("Actor", () => {
  it("actor.exactly-one: each of the four kinds decodes, and its kind is its tag", () => {
    const examples: ReadonlyArray<Actor.Actor> = [
      Actor.api(ApiClientId.make("shop-frontend")),
      Actor.system(ProcessName.make("recurring-billing")),
      mia,
      customer
    ]
    expect(examples.map((a) => a._tag)).toEqual(Actor.actorKinds)
    for (const a of examples) expect(Result.isSuccess(decodeActor(a))).toBe(true)
  })

  it("actor.exactly-one: a value naming no actor, an unknown kind or two kinds at once is refused naming the path", () => {
    const refused: ReadonlyArray<unknown> = [
      {},
      null,
      "supporter",
      { _tag: "robot", id: "r2" },
      { _tag: "supporter", userId: "u-7" },
      { _tag: "api", clientId: "shop", customerId: "c-1" }
    ]
    for (const input of refused) {
      const result = decodeActor(input)
      expect(Result.isFailure(result)).toBe(true)
      if (Result.isFailure(result)) {
        expect(result.failure._tag).toBe("ValidationError")
        expect(result.failure.subject).toBe("Actor")
        expect(result.failure.issues.length).toBeGreaterThan(0)
      }
    }
  })

  it("actor.exactly-one: every generated actor round-trips through decoding unchanged", () => {
    fc.assert(
      fc.property(actor, (a) => {
        const result = decodeActor(a)
        expect(Result.isSuccess(result)).toBe(true)
        if (Result.isSuccess(result)) expect(result.success).toEqual(a)
      }),
      { numRuns: runs(100) }
    )
  })

  it("actor.on-behalf-not-nested: a supporter acts on behalf of the customer, and the label says so", () => {
    const agent = Actor.onBehalfOf(mia, { _tag: "customer", customerId: CustomerId.make("c-1") })
    expect(Result.isSuccess(decodeActor(agent))).toBe(true)
    expect(Actor.principalOf(agent)).toEqual(mia)
    expect(Actor.describe(agent)).toBe("supporter Mia Support on behalf of customer c-1")
    expect(Actor.describe(mia)).toBe("supporter Mia Support")
  })

  it("actor.on-behalf-not-nested: acting on behalf of an actor that itself acts on behalf of another is refused", () => {
    const nested = {
      ...mia,
      onBehalfOf: { _tag: "api", clientId: "shop", onBehalfOf: { _tag: "customer", customerId: "c-1" } }
    }
    const result = decodeActor(nested)
    expect(Result.isFailure(result)).toBe(true)
    if (Result.isFailure(result)) expect(result.failure.issues.some((i) => i.path.startsWith("onBehalfOf"))).toBe(true)
  })

  it("actor.on-behalf-not-nested: the testkit's actor arbitrary yields only valid actors, also for a supporter acting for its own id under another name", () => {
    const sameIdOtherName = { ...mia, displayName: "Mia S." }
    expect(Result.isFailure(decodeActor({ ...mia, onBehalfOf: sameIdOtherName }))).toBe(true)
    fc.assert(
      fc.property(Arbitraries.actor, (a) => {
        expect(Result.isSuccess(decodeActor(a))).toBe(true)
      }),
      // 2,000 runs in CI; a deep run (PROPERTY_RUNS_SCALE=50) makes 100,000.
      { numRuns: runs(2_000) }
    )
  })

  it("actor.on-behalf-not-nested: nobody acts on behalf of itself", () => {
    fc.assert(
      fc.property(principal, (p) => {
        const result = decodeActor({ ...p, onBehalfOf: p })
        expect(Result.isFailure(result)).toBe(true)
        if (Result.isFailure(result)) {
          expect(result.failure.issues[0]?.path).toBe("onBehalfOf")
          expect(result.failure.message).toContain("actor.on-behalf-not-nested")
        }
      }),
      { numRuns: runs(100) }
    )
  })
})
