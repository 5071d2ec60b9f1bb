/**
 * Warm-up until the time per operation settles. V8 compiles a function in tiers (interpreter,
 * Sparkplug, Maglev, TurboFan) as its call counts and type feedback grow, and a deep call graph
 * (an Effect program, a Schema decoder) settles only once all of its hot functions have tiered
 * up: a fixed number of calls cannot know when that is on a given machine. So a warm-up runs
 * rounds of the measured operation and watches the time per operation: it stops once the median
 * of the last `window` rounds is within `tolerance` of the median of the `window` rounds before
 * (the downward trend of tiering up has flattened; a median ignores a single round slowed by a
 * garbage collection or a neighbour on the machine), and once it has run for `minMs` (so that
 * sub-millisecond rounds add up to enough calls). It gives up after `maxRounds` rounds or
 * `maxMs`, and says so. Quick and full runs use the same rule: quick runs measure less, they do
 * not warm up less.
 */

/** When a warm-up stops. */
export interface WarmupPolicy {
  /** Rounds in each of the two windows compared. */
  readonly window: number
  /** How far the two windows' medians may differ, relative to the earlier one. */
  readonly tolerance: number
  /** Warm-up time at least, in milliseconds. */
  readonly minMs: number
  /** Rounds at most. */
  readonly maxRounds: number
  /** Warm-up time at most, in milliseconds (a machine too loaded to settle). */
  readonly maxMs: number
}

/** The default: windows of 3 rounds within 5%, at least 300 ms, at most 400 rounds or 15 s. */
export const defaultWarmup: WarmupPolicy = { window: 3, tolerance: 0.05, minMs: 300, maxRounds: 400, maxMs: 15_000 }

/** What a warm-up did: its rounds' times and whether they settled. */
export interface WarmupReport {
  readonly rounds: number
  readonly settled: boolean
  /** The time of each round, in the unit the round returned. */
  readonly times: ReadonlyArray<number>
}

const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Whether the median of the last `window` times is within `tolerance` of the `window` before. */
export const hasSettled = (times: ReadonlyArray<number>, policy: Pick<WarmupPolicy, "window" | "tolerance">): boolean => {
  if (times.length < 2 * policy.window) return false
  const before = median(times.slice(-2 * policy.window, -policy.window))
  const last = median(times.slice(-policy.window))
  return before > 0 && Math.abs(last - before) / before <= policy.tolerance
}

/** Runs `round` (returning its time per operation) until the times settle, or the limits are reached. */
export const warmUntilSettled = async (round: () => Promise<number> | number, policy: WarmupPolicy = defaultWarmup): Promise<WarmupReport> => {
  const times: Array<number> = []
  const start = performance.now()
  while (times.length < policy.maxRounds && performance.now() - start < policy.maxMs) {
    times.push(await round())
    if (performance.now() - start >= policy.minMs && hasSettled(times, policy)) return { rounds: times.length, settled: true, times }
  }
  return { rounds: times.length, settled: false, times }
}

/** A note for the report: how many warm-up rounds ran and whether they settled. */
export const warmupNote = (what: string, report: WarmupReport, policy: WarmupPolicy = defaultWarmup): string =>
  report.settled
    ? `warm-up: ${report.rounds} rounds of ${what}, until the median of the last ${policy.window} was within ${Math.round(policy.tolerance * 100)}% of the ${policy.window} before`
    : `warm-up: the time per operation did not settle within ${report.rounds} rounds of ${what} (a loaded machine): read these numbers with care`
