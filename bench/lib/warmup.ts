/**
 * Warm-up until the time per operation settles. V8 compiles a function in tiers (interpreter,
 * Sparkplug, Maglev, TurboFan) as its call counts and type feedback grow, and a deep call graph
 * (an Effect program, a Schema decoder) settles only once all of its hot functions have tiered
 * up: a fixed number of calls cannot know when that is on a given machine. So a warm-up runs
 * rounds of the measured operation and stops once the last `window` rounds agree within
 * `tolerance` (the spread of their times over their smallest time), after at least `minRounds`
 * and at most `maxRounds` rounds. Quick and full runs use the same rule: quick runs measure less,
 * they do not warm up less.
 */

/** When a warm-up stops. */
export interface WarmupPolicy {
  /** Rounds always run. */
  readonly minRounds: number
  /** Rounds at most, when the times never settle (a loaded machine). */
  readonly maxRounds: number
  /** How many last rounds must agree. */
  readonly window: number
  /** How far they may spread: (max - min) / min. */
  readonly tolerance: number
}

/** The default: at least 5 rounds, at most 60, the last 3 within 10% of each other. */
export const defaultWarmup: WarmupPolicy = { minRounds: 5, maxRounds: 60, window: 3, tolerance: 0.1 }

/** What a warm-up did: its rounds' times and whether they settled. */
export interface WarmupReport {
  readonly rounds: number
  readonly settled: boolean
  /** The time of each round, in the unit the round returned. */
  readonly times: ReadonlyArray<number>
}

/** Whether the last `window` times spread within `tolerance`. */
export const hasSettled = (times: ReadonlyArray<number>, policy: WarmupPolicy): boolean => {
  if (times.length < Math.max(policy.minRounds, policy.window)) return false
  const last = times.slice(-policy.window)
  const min = Math.min(...last)
  const max = Math.max(...last)
  return min > 0 && (max - min) / min <= policy.tolerance
}

/** Runs `round` (returning its time per operation) until the times settle or `maxRounds` is reached. */
export const warmUntilSettled = async (round: () => Promise<number> | number, policy: WarmupPolicy = defaultWarmup): Promise<WarmupReport> => {
  const times: Array<number> = []
  while (times.length < policy.maxRounds) {
    times.push(await round())
    if (hasSettled(times, policy)) return { rounds: times.length, settled: true, times }
  }
  return { rounds: times.length, settled: false, times }
}

/** A note for the report: how many warm-up rounds ran and whether they settled. */
export const warmupNote = (what: string, report: WarmupReport, policy: WarmupPolicy = defaultWarmup): string =>
  report.settled
    ? `warm-up: ${report.rounds} rounds of ${what}, until the last ${policy.window} agreed within ${Math.round(policy.tolerance * 100)}%`
    : `warm-up: the times did not settle within ${report.rounds} rounds of ${what} (a loaded machine): read these numbers with care`
