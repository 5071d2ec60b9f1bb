/**
 * Workload 5, memory: the heap a customer with 20 activities retains (registration, the ten mixed
 * commands, nine host activities of the history). Needs `--expose-gc`: the heap is measured after
 * full collections. Customers are added in rounds; a sample is one round's heap growth divided by
 * its customers. Each subject is warmed up on a throwaway instance first, so that compiled code
 * and caches are not counted.
 */
import { Effect } from "effect"
import { EmmettAccounts } from "../baselines/emmett.ts"
import { PlainMapAccounts } from "../baselines/plainMap.ts"
import { makeEngine, preloadHistory, registerCustomers, runMixed } from "../lib/engine.ts"
import { mixedCommandNames, mixedInput, registration } from "../lib/fixtures.ts"
import { elapsedMs } from "../lib/stats.ts"
import { collectGarbage, main, metric, type SubjectResult, type WorkloadResult } from "../lib/workload.ts"

/** The sizes of the workload. */
export interface Sizes {
  /** Customers per round. */
  readonly perRound: number
  /** Rounds. */
  readonly rounds: number
  /** Customers of the warm-up instance. */
  readonly warmup: number
}

/** Full and quick sizes. */
export const sizes: { readonly full: Sizes; readonly quick: Sizes } = {
  full: { perRound: 4_000, rounds: 5, warmup: 500 },
  quick: { perRound: 300, rounds: 3, warmup: 100 }
}

/** Activities per customer: registration, ten mixed commands, nine of the history. */
export const activitiesPerCustomer = 20
const history = activitiesPerCustomer - 1 - mixedCommandNames.length

/** Adds customers `from` to `to - 1`, each with its 20 activities. */
type Fill = (from: number, to: number) => Promise<void>

const engineFill = async (): Promise<Fill> => {
  const engine = await makeEngine()
  return async (from, to) => {
    const ids = await Effect.runPromise(registerCustomers(engine, from, to))
    await Effect.runPromise(runMixed(engine, ids))
    for (const id of ids) await Effect.runPromise(preloadHistory(engine, id, 0, history))
  }
}

const plainFill = async (): Promise<Fill> => {
  const accounts = new PlainMapAccounts()
  return async (from, to) => {
    for (let i = from; i < to; i++) {
      const id = accounts.register(registration(i))
      for (let step = 0; step < mixedCommandNames.length; step++) accounts.command(mixedCommandNames[step]!, mixedInput(step, id))
      accounts.appendHistory(id, 0, history)
    }
  }
}

const emmettFill = async (): Promise<Fill> => {
  const accounts = new EmmettAccounts()
  return async (from, to) => {
    for (let i = from; i < to; i++) {
      const id = await accounts.register(registration(i))
      for (let step = 0; step < mixedCommandNames.length; step++) await accounts.command(mixedCommandNames[step]!, mixedInput(step, id))
      await accounts.appendHistory(id, 0, history)
    }
  }
}

const heap = (): number => {
  collectGarbage()
  return process.memoryUsage().heapUsed
}

/** Keeps the measured instances reachable until the end of the process. */
const kept: Array<unknown> = []

const measure = async (name: string, make: () => Promise<Fill>, s: Sizes): Promise<SubjectResult> => {
  await (await make())(0, s.warmup)
  const fill = await make()
  kept.push(fill)
  const samples: Array<number> = []
  let before = heap()
  const first = before
  for (let r = 0; r < s.rounds; r++) {
    await fill(s.warmup + r * s.perRound, s.warmup + (r + 1) * s.perRound)
    const after = heap()
    samples.push((after - before) / s.perRound)
    before = after
  }
  const total = (before - first) / (s.rounds * s.perRound)
  return {
    subject: name,
    available: true,
    metrics: {
      perCustomer: metric(samples, "bytes", `one round's heap growth per customer (${s.perRound} customers, ${activitiesPerCustomer} activities each)`),
      overall: metric([total], "bytes", `the heap growth of all ${s.rounds * s.perRound} customers, per customer`)
    }
  }
}

/** Runs the workload. */
export const run = async (s: Sizes, quick: boolean): Promise<WorkloadResult> => {
  if ((globalThis as { gc?: unknown }).gc === undefined) throw new Error("the memory workload needs node --expose-gc")
  const started = process.hrtime.bigint()
  const subjects: Array<SubjectResult> = []
  subjects.push(await measure("customer-account", engineFill, s))
  subjects.push(await measure("plain-map", plainFill, s))
  subjects.push(await measure("emmett", emmettFill, s))
  return {
    workload: "memory",
    title: "Retained heap per customer with 20 activities",
    quick,
    parameters: { ...s, activitiesPerCustomer },
    subjects,
    durationMs: elapsedMs(started)
  }
}

if (import.meta.main) await main(sizes, run)
