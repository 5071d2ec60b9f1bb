/**
 * Workload 2, timeline: one customer with N activities; the first page, a page `depth` pages deep
 * (reached by following cursors from the first page) and the first page of one group
 * (`subscriptions`, one activity in ten). A sample is the mean time of one page over a batch.
 */
import { Effect } from "effect"
import type { QueryInput } from "../../src/engine/CustomerAccounts.ts"
import { EmmettAccounts } from "../baselines/emmett.ts"
import { PlainMapAccounts } from "../baselines/plainMap.ts"
import { makeEngine, preloadHistory } from "../lib/engine.ts"
import { registration, supporter } from "../lib/fixtures.ts"
import { filteredGroup } from "../lib/history.ts"
import { timeOp, type Timing } from "../lib/measure.ts"
import { elapsedMs } from "../lib/stats.ts"
import { collectGarbage, main, type Metric, metric, type SubjectResult, type WorkloadResult } from "../lib/workload.ts"

/** The sizes of the workload. */
export interface Sizes {
  /** Activities of the customer. */
  readonly activities: number
  /** Activities per page. */
  readonly pageSize: number
  /** How many pages deep the deep page is. */
  readonly depth: number
  readonly timing: Timing
}

/** Full and quick sizes. */
export const sizes: { readonly full: Sizes; readonly quick: Sizes } = {
  full: { activities: 100_000, pageSize: 20, depth: 1_000, timing: { warmup: 2_000, samples: 15, batch: 500 } },
  quick: { activities: 2_000, pageSize: 20, depth: 50, timing: { warmup: 1_000, samples: 5, batch: 200 } }
}

/** A subject's pages: a page is its items and the cursor to continue. */
interface Subject {
  readonly page: (query: { readonly cursor?: unknown; readonly group?: string }) => unknown
  /** The cursor of the next page of a page (for the walk), or undefined at the end. */
  readonly next: (query: { readonly cursor?: unknown }) => Promise<unknown>
  /** How many items a page has (to check the page is full). */
  readonly items: (query: { readonly cursor?: unknown; readonly group?: string }) => Promise<number>
}

const engineSubject = async (s: Sizes): Promise<Subject> => {
  const engine = await makeEngine()
  const customerId = (await Effect.runPromise(engine.accounts.register(supporter, registration(0)))).customerId
  await Effect.runPromise(preloadHistory(engine, customerId, 0, s.activities))
  const query = (q: { readonly cursor?: unknown; readonly group?: string }) => ({
    limit: s.pageSize,
    ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
    ...(q.group === undefined ? {} : { groups: [q.group] })
  })
  // The Subject's cursor is `unknown` (shared with the baselines); the engine decodes the query at run time.
  const page = (q: { readonly cursor?: unknown; readonly group?: string }) =>
    Effect.runSync(engine.accounts.timeline(supporter, customerId, query(q) as unknown as QueryInput<"timeline">))
  return {
    page,
    next: async (q) => page(q).nextCursor,
    items: async (q) => page(q).items.length
  }
}

const plainSubject = async (s: Sizes): Promise<Subject> => {
  const accounts = new PlainMapAccounts()
  const customerId = accounts.register(registration(0))
  accounts.appendHistory(customerId, 0, s.activities)
  const page = (q: { readonly cursor?: unknown; readonly group?: string }) =>
    accounts.timeline(customerId, {
      limit: s.pageSize,
      ...(q.cursor === undefined ? {} : { cursor: q.cursor as number }),
      ...(q.group === undefined ? {} : { group: q.group })
    })
  return { page, next: async (q) => page(q).nextCursor, items: async (q) => page(q).items.length }
}

const emmettSubject = async (s: Sizes): Promise<Subject> => {
  const accounts = new EmmettAccounts()
  const customerId = await accounts.register(registration(0))
  await accounts.appendHistory(customerId, 0, s.activities)
  const page = (q: { readonly cursor?: unknown; readonly group?: string }) =>
    accounts.timeline(customerId, {
      limit: s.pageSize,
      ...(q.cursor === undefined ? {} : { cursor: q.cursor as number }),
      ...(q.group === undefined ? {} : { group: q.group })
    })
  return { page, next: async (q) => (await page(q)).nextCursor, items: async (q) => (await page(q)).items.length }
}

const measure = async (name: string, make: (s: Sizes) => Promise<Subject>, s: Sizes): Promise<SubjectResult> => {
  const subject = await make(s)
  collectGarbage()
  // Walk `depth` pages by cursor, timing each step.
  const walk: Array<number> = []
  let cursor: unknown = undefined
  for (let p = 0; p < s.depth; p++) {
    const start = process.hrtime.bigint()
    cursor = await subject.next(cursor === undefined ? {} : { cursor })
    walk.push(elapsedMs(start) * 1000)
    if (cursor === undefined) throw new Error(`${name}: the timeline ended after ${p + 1} pages`)
  }
  const deep = { cursor }
  for (const [what, q] of [["first", {}], ["deep", deep], ["group", { group: filteredGroup }]] as const) {
    const n = await subject.items(q)
    if (n !== s.pageSize) throw new Error(`${name}: the ${what} page has ${n} items, expected ${s.pageSize}`)
  }
  const metrics: Record<string, Metric> = {
    first: await timeOp(() => subject.page({}), s.timing, "the first page"),
    deep: await timeOp(() => subject.page(deep), s.timing, `page ${s.depth + 1}, by the cursor of page ${s.depth}`),
    group: await timeOp(() => subject.page({ group: filteredGroup }), s.timing, `the first page of group ${filteredGroup}`),
    walk: metric(walk, "µs", `one step of the walk through ${s.depth} pages by cursor (one sample per page)`)
  }
  return { subject: name, available: true, metrics }
}

/** Runs the workload. */
export const run = async (s: Sizes, quick: boolean): Promise<WorkloadResult> => {
  const started = process.hrtime.bigint()
  const subjects: Array<SubjectResult> = []
  subjects.push(await measure("customer-account", engineSubject, s))
  collectGarbage()
  subjects.push(await measure("plain-map", plainSubject, s))
  collectGarbage()
  subjects.push(await measure("emmett", emmettSubject, s))
  return {
    workload: "timeline",
    title: "Timeline pages",
    quick,
    parameters: { activities: s.activities, pageSize: s.pageSize, depth: s.depth, ...s.timing },
    subjects,
    durationMs: elapsedMs(started)
  }
}

if (import.meta.main) await main(sizes, run)
