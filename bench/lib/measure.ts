/**
 * Timing of one small operation (a query, a page): warm-up calls first, then batches until the
 * time per call settles (`warmup.ts`), then samples, each sample being the mean time of a batch of
 * calls (so that a sample is long enough to time well).
 */
import { elapsedMs } from "./stats.ts"
import { defaultWarmup, warmUntilSettled } from "./warmup.ts"
import { type Metric, metric } from "./workload.ts"

/** How an operation is timed. */
export interface Timing {
  /** Calls before measuring, at least; then batches until the time per call settles. */
  readonly warmup: number
  /** Samples taken. */
  readonly samples: number
  /** Calls per sample. */
  readonly batch: number
}

/** Times `op` (sync, or async when it returns a promise); one sample is µs per call over a batch. */
export const timeOp = async (op: () => unknown, timing: Timing, what: string): Promise<Metric> => {
  for (let i = 0; i < timing.warmup; i++) {
    const r = op()
    if (r instanceof Promise) await r
  }
  const batch = async (): Promise<number> => {
    const start = process.hrtime.bigint()
    for (let i = 0; i < timing.batch; i++) {
      const r = op()
      if (r instanceof Promise) await r
    }
    return (elapsedMs(start) * 1000) / timing.batch
  }
  // A warm-up round is batches for at least 2 ms, so that a fast operation's round is long
  // enough for the timer and the comparison of rounds means something.
  const round = async (): Promise<number> => {
    const start = process.hrtime.bigint()
    let calls = 0
    do {
      await batch()
      calls += timing.batch
    } while (elapsedMs(start) < 2)
    return (elapsedMs(start) * 1000) / calls
  }
  const warm = await warmUntilSettled(round, defaultWarmup)
  const samples: Array<number> = []
  for (let s = 0; s < timing.samples; s++) samples.push(await batch())
  return { ...metric(samples, "µs", `mean of ${timing.batch} calls: ${what}`), warmup: { rounds: warm.rounds, settled: warm.settled } }
}
