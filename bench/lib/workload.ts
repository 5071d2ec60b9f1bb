/**
 * The shape every workload reports and the entry point each workload file runs through when it is
 * started as its own process (`node --expose-gc bench/workloads/<name>.ts [--quick] [--out file]`).
 */
import { writeFileSync } from "node:fs"
import { type Summary, summarize } from "./stats.ts"

/** The unit of a metric. `ops/s` is better when higher; the others when lower. */
export type Unit = "ops/s" | "ms" | "µs" | "bytes"

/** One measured quantity: its raw samples, their summary and its unit. */
export interface Metric extends Summary {
  readonly unit: Unit
  /** What one sample is, e.g. "one round of 10,000 registrations". */
  readonly sample: string
  /** The raw samples, in the order they were taken. */
  readonly samples: ReadonlyArray<number>
  /** Operations per second at the median: the median rate, or 1 / the median time; absent for bytes. */
  readonly opsPerSecond?: number
  /** Warm-up rounds run before the samples (see `warmup.ts`), and whether their times settled. */
  readonly warmup?: { readonly rounds: number; readonly settled: boolean }
}

/** What one implementation (the engine or a baseline) measured in a workload. */
export interface SubjectResult {
  /** `customer-account`, `plain-map`, `emmett`, ... */
  readonly subject: string
  /** False when the subject could not run this workload; `reason` says why. */
  readonly available: boolean
  readonly reason?: string
  readonly metrics: Readonly<Record<string, Metric>>
  /** Anything a reader must know to read the numbers right (scaled-down sizes, shortcuts). */
  readonly notes?: ReadonlyArray<string>
}

/** What a workload reports. */
export interface WorkloadResult {
  readonly workload: string
  readonly title: string
  readonly quick: boolean
  readonly parameters: Readonly<Record<string, number | string | boolean>>
  readonly subjects: ReadonlyArray<SubjectResult>
  readonly durationMs: number
}

/** Whether the quick (smoke) sizes were asked for: `--quick` or `BENCH_QUICK=1`. */
export const isQuick = (argv: ReadonlyArray<string> = process.argv): boolean =>
  argv.includes("--quick") || process.env["BENCH_QUICK"] === "1"

/** The value after `--name` in argv. */
export const argValue = (name: string, argv: ReadonlyArray<string> = process.argv): string | undefined => {
  const at = argv.indexOf(name)
  return at === -1 ? undefined : argv[at + 1]
}

/** A metric of raw samples. */
export const metric = (samples: ReadonlyArray<number>, unit: Unit, sample: string): Metric => {
  const summary = summarize(samples)
  const perSecond: Partial<Record<Unit, number>> = { "ops/s": 1, µs: 1e6, ms: 1e3 }
  const factor = perSecond[unit]
  const rate = factor === undefined ? undefined : unit === "ops/s" ? summary.median : factor / summary.median
  return { ...summary, unit, sample, samples, ...(rate === undefined ? {} : { opsPerSecond: rate }) }
}

/** A subject that could not run, with the reason. */
export const notAvailable = (subject: string, reason: string): SubjectResult => ({
  subject,
  available: false,
  reason,
  metrics: {}
})

/** Runs the garbage collector a few times when it is exposed (`--expose-gc`); a no-op otherwise. */
export const collectGarbage = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) return
  for (let i = 0; i < 3; i++) gc()
}

/**
 * Runs a workload as a process: full or quick sizes, the result as JSON to `--out <file>` or to
 * stdout.
 */
export const main = async <S>(
  sizes: { readonly full: S; readonly quick: S },
  run: (sizes: S, quick: boolean) => Promise<WorkloadResult>
): Promise<void> => {
  const quick = isQuick()
  const result = await run(quick ? sizes.quick : sizes.full, quick)
  const json = JSON.stringify(result, null, 2)
  const out = argValue("--out")
  if (out === undefined) process.stdout.write(`${json}\n`)
  else writeFileSync(out, `${json}\n`)
}
