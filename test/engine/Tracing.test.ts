import { describe, expect, it } from "@effect/vitest"
import { Effect, Tracer } from "effect"
import { CustomerAccounts } from "../../src/engine/CustomerAccounts.ts"
import { admin, registerCustomer, withEngine } from "../support/engine.ts"

/** Runs a program with a tracer that records the name of every span opened. */
const spansOf = <A, E, R>(program: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const names: Array<string> = []
    const tracer = Tracer.make({
      span(options) {
        names.push(options.name)
        return new Tracer.NativeSpan(options)
      }
    })
    yield* Effect.provideService(program, Tracer.Tracer, tracer)
    return names
  })

describe("tracing", () => {
  it.effect("each command opens one span, named after the command; the pipeline's helpers open none", () =>
    withEngine(
      Effect.gen(function*() {
        const accounts = yield* CustomerAccounts
        const customerId = yield* registerCustomer()
        return {
          register: yield* spansOf(registerCustomer({
            kind: "private",
            salutation: "mr",
            firstName: "Max",
            lastName: "Mustermann",
            email: "max@example.de",
            language: "de"
          })),
          addNote: yield* spansOf(accounts.addNote(admin, { customerId, text: "Called about the parcel" })),
          setStatus: yield* spansOf(accounts.setStatus(admin, { customerId, to: "blocked", reason: "chargeback" })),
          refused: yield* spansOf(Effect.result(accounts.addNote(admin, { customerId, text: "" }))),
          overview: yield* spansOf(accounts.overview(admin, customerId))
        }
      }).pipe(Effect.map((spans) => {
        expect(spans.register).toEqual(["CustomerAccounts.register"])
        expect(spans.addNote).toEqual(["CustomerAccounts.addNote"])
        expect(spans.setStatus).toEqual(["CustomerAccounts.setStatus"])
        expect(spans.refused).toEqual(["CustomerAccounts.addNote"])
        expect(spans.overview[0]).toBe("CustomerAccounts.overview")
      }))
    ))
})
