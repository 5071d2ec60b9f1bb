/**
 * Workload 1, command throughput: register N customers, then run the ten mixed commands (two each
 * of address, consent, note, status, access right) on each, with the engine's validation,
 * permissions and activities, as in production. Measured in rounds: each round registers N/rounds
 * customers, or runs the mixed commands on N/rounds customers; the sample is the round's ops/s.
 * A throwaway instance warms up first.
 *
 * Subjects: the engine (`Memory.layer()`), the plain-Map floor, and Emmett's in-memory event store.
 * Emmett's store counts every event of every stream on each append, so its appends slow down as
 * the store grows: its registrations run at full size, and its mixed rounds run on a sample of
 * customers per round (the store still holding all N). A second Emmett row runs on a small store.
 */
import { Effect } from "effect"
import { EmmettAccounts } from "../baselines/emmett.ts"
import { PlainMapAccounts } from "../baselines/plainMap.ts"
import { makeEngine, registerCustomers, runMixed } from "../lib/engine.ts"
import { mixedCommandNames, mixedInput, mixedPerCustomer, registration, supporter } from "../lib/fixtures.ts"
import { elapsedMs } from "../lib/stats.ts"
import { collectGarbage, main, type Metric, metric, type SubjectResult, type WorkloadResult } from "../lib/workload.ts"

/** The sizes of the workload. */
export interface Sizes {
  /** Customers registered (N). */
  readonly customers: number
  /** Rounds of each phase. */
  readonly rounds: number
  /** Customers of the warm-up instance. */
  readonly warmupCustomers: number
  /** Customers per mixed round for Emmett at full size (its appends cost O(streams)). */
  readonly emmettMixedPerRound: number
  /** Customers of the small-store Emmett row. */
  readonly emmettSmallCustomers: number
}

/** Full and quick sizes. */
export const sizes: { readonly full: Sizes; readonly quick: Sizes } = {
  full: { customers: 100_000, rounds: 10, warmupCustomers: 3_000, emmettMixedPerRound: 200, emmettSmallCustomers: 1_000 },
  quick: { customers: 2_000, rounds: 4, warmupCustomers: 200, emmettMixedPerRound: 50, emmettSmallCustomers: 400 }
}

/** One implementation as this workload drives it. */
interface Subject {
  /** Registers customers `from` to `to - 1`; their ids. */
  readonly register: (from: number, to: number) => Promise<Array<string>>
  /** Runs the ten mixed commands on each customer. */
  readonly mixed: (customerIds: ReadonlyArray<string>) => Promise<void>
  /** The number of activities (events) of a customer, to check the run did what it says. */
  readonly activities: (customerId: string) => Promise<number>
}

const engineSubject = async (): Promise<Subject> => {
  const engine = await makeEngine()
  return {
    register: (from, to) => Effect.runPromise(registerCustomers(engine, from, to)),
    mixed: (customerIds) => Effect.runPromise(runMixed(engine, customerIds)),
    activities: (customerId) =>
      Effect.runPromise(Effect.map(engine.accounts.timeline(supporter, customerId, { limit: 100 }), (page) => page.items.length))
  }
}

const plainSubject = async (): Promise<Subject> => {
  const accounts = new PlainMapAccounts()
  return {
    register: async (from, to) => {
      const ids: Array<string> = []
      for (let i = from; i < to; i++) ids.push(accounts.register(registration(i)))
      return ids
    },
    mixed: async (customerIds) => {
      for (const customerId of customerIds) {
        for (let step = 0; step < mixedPerCustomer; step++) accounts.command(mixedCommandNames[step]!, mixedInput(step, customerId))
      }
    },
    activities: async (customerId) => accounts.customers.get(customerId)?.timeline.length ?? 0
  }
}

const emmettSubject = async (): Promise<Subject> => {
  const accounts = new EmmettAccounts()
  return {
    register: async (from, to) => {
      const ids: Array<string> = []
      for (let i = from; i < to; i++) ids.push(await accounts.register(registration(i)))
      return ids
    },
    mixed: async (customerIds) => {
      for (const customerId of customerIds) {
        for (let step = 0; step < mixedPerCustomer; step++) await accounts.command(mixedCommandNames[step]!, mixedInput(step, customerId))
      }
    },
    activities: async (customerId) => (await accounts.state(customerId)).activities
  }
}

const opsMetric = (samples: ReadonlyArray<number>, sample: string): Metric => metric(samples, "ops/s", sample)

/** Measures one subject: warm-up on a throwaway instance, then the rounds on a fresh one. */
const measure = async (
  name: string,
  make: () => Promise<Subject>,
  s: { readonly customers: number; readonly rounds: number; readonly warmupCustomers: number; readonly mixedPerRound?: number }
): Promise<SubjectResult> => {
  {
    const warm = await make()
    const ids = await warm.register(0, s.warmupCustomers)
    await warm.mixed(ids)
  }
  collectGarbage()
  const subject = await make()
  const perRound = Math.floor(s.customers / s.rounds)
  const registered: Array<string> = []
  const registerSamples: Array<number> = []
  let registerMs = 0
  for (let r = 0; r < s.rounds; r++) {
    const start = process.hrtime.bigint()
    registered.push(...(await subject.register(r * perRound, (r + 1) * perRound)))
    const ms = elapsedMs(start)
    registerMs += ms
    registerSamples.push(perRound / (ms / 1000))
  }
  const mixedPerRound = Math.min(perRound, s.mixedPerRound ?? perRound)
  const mixedSamples: Array<number> = []
  let mixedMs = 0
  for (let r = 0; r < s.rounds; r++) {
    const batch = registered.slice(r * perRound, r * perRound + mixedPerRound)
    const start = process.hrtime.bigint()
    await subject.mixed(batch)
    const ms = elapsedMs(start)
    mixedMs += ms
    mixedSamples.push((batch.length * mixedPerCustomer) / (ms / 1000))
  }
  // The run did what it says: the last customer mixed has its registration and ten activities.
  const last = registered[(s.rounds - 1) * perRound + mixedPerRound - 1]!
  const activities = await subject.activities(last)
  if (activities !== 1 + mixedPerCustomer) throw new Error(`${name}: ${last} has ${activities} activities, expected ${1 + mixedPerCustomer}`)
  const commands = registered.length + s.rounds * mixedPerRound * mixedPerCustomer
  const notes: Array<string> = []
  if (mixedPerRound < perRound) {
    notes.push(
      `mixed commands ran on ${mixedPerRound} of the ${perRound} customers of each round (${s.rounds * mixedPerRound * mixedPerCustomer} commands), with all ${registered.length} customers in the store`
    )
  }
  return {
    subject: name,
    available: true,
    metrics: {
      register: opsMetric(registerSamples, `one round of ${perRound} registrations`),
      mixed: opsMetric(mixedSamples, `one round of ${mixedPerRound * mixedPerCustomer} mixed commands`),
      all: opsMetric([commands / ((registerMs + mixedMs) / 1000)], `all ${commands} commands of the run`)
    },
    notes
  }
}

/** Runs the workload. */
export const run = async (s: Sizes, quick: boolean): Promise<WorkloadResult> => {
  const started = process.hrtime.bigint()
  const base = { customers: s.customers, rounds: s.rounds, warmupCustomers: s.warmupCustomers }
  const subjects: Array<SubjectResult> = []
  subjects.push(await measure("customer-account", engineSubject, base))
  collectGarbage()
  subjects.push(await measure("plain-map", plainSubject, base))
  collectGarbage()
  subjects.push(await measure("emmett", emmettSubject, { ...base, mixedPerRound: s.emmettMixedPerRound }))
  collectGarbage()
  const small = { customers: s.emmettSmallCustomers, rounds: s.rounds, warmupCustomers: Math.min(s.warmupCustomers, s.emmettSmallCustomers) }
  const emmettSmall = await measure(`emmett (${s.emmettSmallCustomers} customers)`, emmettSubject, small)
  subjects.push({ ...emmettSmall, notes: [...(emmettSmall.notes ?? []), `a store of ${s.emmettSmallCustomers} customers, where appends are not yet slowed by the store's size`] })
  return {
    workload: "commands",
    title: "Command throughput",
    quick,
    parameters: { ...s, commandsPerCustomer: mixedPerCustomer },
    subjects,
    durationMs: elapsedMs(started)
  }
}

if (import.meta.main) await main(sizes, run)
