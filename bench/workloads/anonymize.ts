/**
 * Workload 4, anonymize: customers with N activities each (the ten mixed commands, then a history
 * with notes and mails); each is anonymized once: personal data of the account replaced and every
 * activity's personal details erased, in one write. A sample is one anonymization (ms); the first
 * customers are anonymized for warm-up.
 *
 * The engine's `anonymize` command is looked up at run time: where the engine has none yet, its
 * row says "skipped: anonymize command not available". Emmett's in-memory event store is
 * append-only and has no way to rewrite history, so it has no row.
 */
import { Effect } from "effect"
import { PlainMapAccounts } from "../baselines/plainMap.ts"
import { type Command, makeEngine, preloadHistory, registerCustomers, runMixed } from "../lib/engine.ts"
import { mixedCommandNames, mixedInput, registration, supporter } from "../lib/fixtures.ts"
import { elapsedMs } from "../lib/stats.ts"
import { collectGarbage, main, metric, notAvailable, type SubjectResult, type WorkloadResult } from "../lib/workload.ts"

/** The sizes of the workload. */
export interface Sizes {
  /** Activities per customer. */
  readonly activities: number
  /** Customers anonymized for warm-up. */
  readonly warmup: number
  /** Customers anonymized and timed. */
  readonly samples: number
}

/** Full and quick sizes. */
export const sizes: { readonly full: Sizes; readonly quick: Sizes } = {
  full: { activities: 10_000, warmup: 3, samples: 10 },
  quick: { activities: 500, warmup: 10, samples: 3 }
}

/** The history each customer gets after its registration and its ten mixed commands. */
const historyOf = (s: Sizes) => s.activities - 1 - mixedCommandNames.length

/** The engine's anonymize command, when it has one. */
const anonymizeOf = (accounts: object): Command | undefined => {
  const found = (accounts as Record<string, unknown>)["anonymize"]
  return typeof found === "function" ? (found as Command) : undefined
}

const engineResult = async (s: Sizes): Promise<SubjectResult> => {
  const engine = await makeEngine()
  const anonymize = anonymizeOf(engine.accounts)
  if (anonymize === undefined) return notAvailable("customer-account", "skipped: anonymize command not available")
  const n = s.warmup + s.samples
  const ids = await Effect.runPromise(registerCustomers(engine, 0, n))
  await Effect.runPromise(runMixed(engine, ids))
  for (const id of ids) await Effect.runPromise(preloadHistory(engine, id, 0, historyOf(s)))
  collectGarbage()
  const samples: Array<number> = []
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint()
    await Effect.runPromise(anonymize(supporter, { customerId: ids[i]! }))
    if (i >= s.warmup) samples.push(elapsedMs(start))
  }
  const account = await Effect.runPromise(engine.accounts.account(supporter, ids[n - 1]!))
  if (account.lifecycle.status !== "anonymized") throw new Error(`customer-account: ${ids[n - 1]} is ${account.lifecycle.status}`)
  return { subject: "customer-account", available: true, metrics: { anonymize: metric(samples, "ms", `one anonymization of a customer with ${s.activities} activities`) } }
}

const plainResult = async (s: Sizes): Promise<SubjectResult> => {
  const accounts = new PlainMapAccounts()
  const n = s.warmup + s.samples
  const ids: Array<string> = []
  for (let i = 0; i < n; i++) {
    const id = accounts.register(registration(i))
    for (let step = 0; step < mixedCommandNames.length; step++) accounts.command(mixedCommandNames[step]!, mixedInput(step, id))
    accounts.appendHistory(id, 0, historyOf(s))
    ids.push(id)
  }
  collectGarbage()
  const samples: Array<number> = []
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint()
    accounts.anonymize(ids[i]!)
    if (i >= s.warmup) samples.push(elapsedMs(start))
  }
  return { subject: "plain-map", available: true, metrics: { anonymize: metric(samples, "ms", `one anonymization of a customer with ${s.activities} activities`) } }
}

/** Runs the workload. */
export const run = async (s: Sizes, quick: boolean): Promise<WorkloadResult> => {
  const started = process.hrtime.bigint()
  const subjects: Array<SubjectResult> = []
  subjects.push(await engineResult(s))
  collectGarbage()
  subjects.push(await plainResult(s))
  subjects.push(notAvailable("emmett", "not offered: the in-memory event store is append-only and cannot rewrite a stream's events"))
  return {
    workload: "anonymize",
    title: "Anonymize one customer",
    quick,
    parameters: { ...s },
    subjects,
    durationMs: elapsedMs(started)
  }
}

if (import.meta.main) await main(sizes, run)
