/**
 * How long the suite's property tests run, in one place, so that no test depends on the speed of
 * the machine.
 *
 * Every fast-check property takes its run count from {@link runs}: the count given is the one
 * sized for CI (`npm test` stays fast on a loaded 2-core machine). A deep run multiplies every
 * count by `PROPERTY_RUNS_SCALE`, e.g. `PROPERTY_RUNS_SCALE=50 npm test` (the default and the
 * least is 1: some properties also check that their runs reached enough states). Time budgets
 * ({@link budget}: vitest's default test timeout in `vitest.config.ts`, and the explicit budget of
 * each long test) grow with the same factor, so a deep run never times out where the CI run would
 * not.
 */

const parseScale = (raw: string | undefined): number => {
  if (raw === undefined || raw.trim() === "") return 1
  const scale = Number(raw)
  if (!Number.isFinite(scale) || scale < 1) {
    throw new Error(`PROPERTY_RUNS_SCALE must be a number of at least 1 (e.g. 10 for ten times the runs), got ${JSON.stringify(raw)}`)
  }
  return scale
}

/** The factor every property's run count is multiplied by: `PROPERTY_RUNS_SCALE`, at least 1, 1 by default. */
export const scale: number = parseScale(process.env["PROPERTY_RUNS_SCALE"])

/**
 * The runs of a property: `ciRuns` (sized for CI) times {@link scale}, at least 1. Use it for every
 * property: `fc.assert(property, { numRuns: runs(200) })`.
 */
export const runs = (ciRuns: number): number => Math.max(1, Math.round(ciRuns * scale))

/**
 * A time budget in milliseconds: `ms` for a CI run, growing with {@link scale} for a deep run.
 * Generous on purpose: a budget only stops a test that hangs, it never measures speed.
 */
export const budget = (ms: number): number => Math.round(ms * scale)

/** vitest's default timeout of a test and a hook (see `vitest.config.ts`): 60 s at scale 1. */
export const defaultTimeout: number = budget(60_000)

/**
 * The budget of a long test (a property over engine runs, a store with 100,000 activities):
 * 180 s at scale 1, passed as the third argument of `it`.
 */
export const longTest: number = budget(180_000)
