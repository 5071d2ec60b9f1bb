import { DateTime } from "effect"
import * as fc from "fast-check"
import * as Actor from "../../src/domain/Actor.ts"
import { ApiClientId, CustomerId, ProcessName, StaffUserId } from "../../src/domain/Ids.ts"

export const idString = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/)

export const principal: fc.Arbitrary<Actor.Principal> = fc.oneof(
  idString.map((id) => ({ _tag: "api" as const, clientId: ApiClientId.make(id) })),
  idString.map((id) => ({ _tag: "system" as const, process: ProcessName.make(id) })),
  fc.tuple(idString, fc.constantFrom("Mia Support", "Jonas Staff", "Ada")).map(([id, name]) => ({
    _tag: "supporter" as const,
    userId: StaffUserId.make(id),
    displayName: name
  })),
  idString.map((id) => ({ _tag: "customer" as const, customerId: CustomerId.make(id) }))
)

export const actor: fc.Arbitrary<Actor.Actor> = fc.tuple(principal, fc.option(principal, { nil: undefined })).map(
  ([p, behalf]) => (behalf === undefined || JSON.stringify(behalf) === JSON.stringify(p) ? p : Actor.onBehalfOf(p, behalf))
)

export const staffActor: fc.Arbitrary<Actor.Actor> = actor.filter((a) => a._tag !== "customer")

export const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => DateTime.makeUnsafe(ms))

export const supporter = Actor.supporter(StaffUserId.make("staff-1"), "Mia Support")
export const at = DateTime.makeUnsafe("2026-11-23T10:00:00.000Z")
