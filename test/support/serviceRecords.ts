/**
 * Arbitrary service-platform records (encoded, as the memory adapter's seed takes them) and a
 * helper that pages through a list to the end.
 */
import { Effect } from "effect"
import * as fc from "fast-check"
import type { Caller } from "../../src/engine/Caller.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import type { ServiceList } from "../../src/domain/ServiceRecord.ts"

const instant = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) })
  .map((ms) => new Date(ms).toISOString())

const words = fc.constantFrom("pump", "valve", "Display", "sensor", "noisy", "leak", "Köln", "night")
const title = fc.array(words, { minLength: 1, maxLength: 3 }).map((w) => w.join(" "))

/** Records for one customer: ids unique per list. */
export const serviceRecordsSeed = fc.record({
  devices: fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 1, max: 500 }).map((n) => `dev-${n}`),
      name: title,
      status: fc.constantFrom("online", "offline", "maintenance", "decommissioned"),
      model: fc.constantFrom("P-100", "P-200", "V-1"),
      registeredAt: instant
    }),
    { selector: (d) => d.id, maxLength: 12 }
  ),
  tickets: fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 1, max: 500 }).map((n) => `tic-${n}`),
      subject: title,
      status: fc.constantFrom("open", "in-progress", "waiting", "resolved", "closed"),
      priority: fc.constantFrom("low", "normal", "high", "urgent"),
      createdAt: instant
    }),
    { selector: (t) => t.id, maxLength: 12 }
  ),
  "video-sessions": fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 1, max: 500 }).map((n) => `vid-${n}`),
      title,
      status: fc.constantFrom("scheduled", "running", "completed", "cancelled"),
      startsAt: instant
    }),
    { selector: (v) => v.id, maxLength: 12 }
  ),
  tasks: fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 1, max: 500 }).map((n) => `task-${n}`),
      title,
      deviceId: fc.constantFrom("dev-1", "dev-2"),
      status: fc.constantFrom("open", "in-progress", "done", "cancelled"),
      createdAt: instant
    }),
    { selector: (t) => t.id, maxLength: 12 }
  )
})

/** Pages through one list of a customer with the given query to the end; returns every item. */
export const listAll = (caller: Caller, customerId: string, list: ServiceList, query: Record<string, unknown>, limit = 3) =>
  Effect.gen(function*() {
    const accounts = yield* CustomerAccounts.CustomerAccounts
    const items: Array<unknown> = []
    let cursor: string | undefined
    do {
      const page = yield* accounts.listServiceRecords(caller, customerId, list, {
        ...query,
        limit,
        ...(cursor === undefined ? {} : { cursor })
      })
      items.push(...page.items)
      cursor = page.nextCursor
    } while (cursor !== undefined)
    return items
  })
