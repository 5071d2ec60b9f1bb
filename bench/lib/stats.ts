/**
 * Summaries of repeated measurements: median, quartiles and extremes. The harness reports the
 * median and the spread (p25–p75 and min–max) of several rounds after warm-up, never one run.
 */

/** The summary of a list of samples. */
export interface Summary {
  /** How many samples (rounds). */
  readonly n: number
  /** The median (p50). */
  readonly median: number
  /** The 25th percentile. */
  readonly p25: number
  /** The 75th percentile. */
  readonly p75: number
  /** The smallest sample. */
  readonly min: number
  /** The largest sample. */
  readonly max: number
}

/** The `q` quantile (0..1) of sorted samples, linearly interpolated. */
export const quantile = (sorted: ReadonlyArray<number>, q: number): number => {
  if (sorted.length === 0) return Number.NaN
  const position = (sorted.length - 1) * q
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  const a = sorted[lower]!
  const b = sorted[upper]!
  return a + (b - a) * (position - lower)
}

/** Summarizes samples; an empty list gives NaN everywhere and `n: 0`. */
export const summarize = (samples: ReadonlyArray<number>): Summary => {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN
  }
}

/** Nanoseconds elapsed since `start` (from `process.hrtime.bigint()`), as a number of milliseconds. */
export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6
