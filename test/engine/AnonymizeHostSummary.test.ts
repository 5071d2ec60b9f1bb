/**
 * Anonymization and host activities' free-text summaries (SPEC section 13, "other leaks").
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Result, Schema } from "effect"
import { TestClock } from "effect/testing"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { makeRegistry, register } from "../../src/domain/ActivityType.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import { activities, admin, billing, now, registerCustomer, run } from "../support/engine.ts"

const registered = register(makeRegistry(), {
  type: "acme.call-logged",
  group: "notes-and-communication",
  // No personal marks: nothing in the details is redacted, so only the summary could leak.
  details: Schema.Struct({ callId: Schema.String }),
  recordedBy: "host",
  label: "Call logged"
})

const engine = () => {
  if (Result.isFailure(registered)) throw new Error(registered.failure.message)
  return CustomerAccounts.layer({ registry: registered.success }).pipe(
    Layer.provideMerge(Layer.mergeAll(MemoryAccountStore.layer, MemoryHost.layerForTests))
  )
}

describe("anonymize and host summaries", () => {
  it.effect("anonymize.host-summary: a host activity's free-text summary becomes its type's label, of host-registered and built-in host types alike; the SDK's own summaries stay", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now.epochMilliseconds)
      const customerId = yield* registerCustomer()
      yield* run("recordHostActivity", billing, {
        customerId,
        type: "acme.call-logged",
        summary: "Call with Erika Mustermann about her divorce",
        details: { callId: "C-1" }
      })
      yield* run("recordHostActivity", billing, {
        customerId,
        type: "invoice.created",
        summary: "Invoice for Erika Mustermann, Heidestraße 17",
        details: { invoiceId: "INV-1", amount: { amount: 1999, currency: "EUR" } }
      })
      yield* run("setStatus", admin, { customerId, to: "blocked" })
      const before = yield* activities(customerId)
      const statusChange = before.find((a) => a.type === "status.changed")
      expect(statusChange).toBeDefined()

      const accounts = yield* CustomerAccounts.CustomerAccounts
      const plan = yield* accounts.anonymizationPlan(admin, { customerId })
      expect(JSON.stringify(plan)).not.toContain("Mustermann")
      yield* accounts.anonymize(admin, { customerId })

      const after = yield* activities(customerId)
      expect(JSON.stringify(after)).not.toContain("Mustermann")
      expect(JSON.stringify(after)).not.toContain("divorce")
      expect(after.find((a) => a.type === "acme.call-logged")).toMatchObject({ summary: "Call logged", details: { callId: "C-1" } })
      expect(after.find((a) => a.type === "invoice.created")?.summary).toBe("Invoice created")
      // A summary the SDK wrote from non-personal values, with nothing redacted, is kept.
      expect(after.find((a) => a.id === statusChange?.id)?.summary).toBe(statusChange?.summary)
    }).pipe(Effect.provide(engine())))
})
