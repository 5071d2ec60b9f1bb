/**
 * Workload 1, command throughput: register N customers, then run the ten mixed commands (two each
 * of address, consent, note, status, access right) on each, with the engine's validation,
 * permissions and activities, as in production. Measured in rounds: each round registers N/rounds
 * customers, or runs the mixed commands on N/rounds customers; the sample is the round's ops/s.
 * A throwaway instance warms up first, in rounds, until its time per command settles.
 *
 * Subjects, in the same process, fed the same inputs: the engine (`Memory.layer()`), the
 * plain-Map floor (no validation), the valibot baseline (plain functions, valibot input schemas,
 * immutable state), the Effect-service baseline (the package's Schemas and domain deciders, one
 * `Effect.gen` per command, no pipeline) and Emmett's `CommandHandler` on its in-memory event
 * store. That store recounts every stream and copies the whole stream on each append (O(store)
 * per append), so Emmett runs on a store of `emmettCustomers` customers, where an append is
 * still cheap: it measures Emmett's command handler, not the test store's growth.
 */
import { Effect } from "effect"
import { EffectServiceAccounts } from "../baselines/effectService.ts"
import { EmmettAccounts } from "../baselines/emmett.ts"
import { PlainMapAccounts } from "../baselines/plainMap.ts"
import { ValibotAccounts } from "../baselines/valibot.ts"
import { makeEngine, registerCustomers, runMixed } from "../lib/engine.ts"
import { mixedCommandNames, mixedInput, mixedPerCustomer, registration, supporter } from "../lib/fixtures.ts"
import { elapsedMs } from "../lib/stats.ts"
import { defaultWarmup, warmUntilSettled, warmupNote } from "../lib/warmup.ts"
import { collectGarbage, main, type Metric, metric, type SubjectResult, type WorkloadResult } from "../lib/workload.ts"
import { permissions } from "../../src/domain/Permission.ts"

/** The sizes of the workload. */
export interface Sizes {
  /** Customers registered (N). */
  readonly customers: number
  /** Rounds of each phase. */
  readonly rounds: number
  /** Customers per warm-up round (each registered, then given the ten mixed commands). */
  readonly warmupCustomers: number
  /** Customers of the Emmett row (its store's appends cost O(store)). */
  readonly emmettCustomers: number
}

/** Full and quick sizes: quick measures fewer customers, it warms up by the same rule. */
export const sizes: { readonly full: Sizes; readonly quick: Sizes } = {
  full: { customers: 100_000, rounds: 10, warmupCustomers: 100, emmettCustomers: 1_000 },
  quick: { customers: 2_000, rounds: 4, warmupCustomers: 100, emmettCustomers: 400 }
}

/** The name of the Emmett row: the store size is part of what it measures. */
export const emmettSubjectName = (customers: number): string =>
  `emmett (command handler, ${customers.toLocaleString("en-US")} customers)`

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

const valibotSubject = async (): Promise<Subject> => {
  const accounts = new ValibotAccounts(permissions)
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

const effectServiceSubject = async (): Promise<Subject> => {
  const accounts = new EffectServiceAccounts(supporter)
  return {
    register: (from, to) =>
      Effect.runPromise(Effect.gen(function*() {
        const ids: Array<string> = []
        for (let i = from; i < to; i++) ids.push(yield* accounts.register(registration(i)))
        return ids
      })),
    mixed: (customerIds) =>
      Effect.runPromise(Effect.gen(function*() {
        for (const customerId of customerIds) {
          for (let step = 0; step < mixedPerCustomer; step++) yield* accounts.command(mixedCommandNames[step]!, mixedInput(step, customerId))
        }
      })),
    activities: async (customerId) => accounts.timelines.get(customerId)?.length ?? 0
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
  // Each warm-up round on a fresh instance, so that the rounds are alike (Emmett's store slows
  // down as it grows).
  const warmup = await warmUntilSettled(async () => {
    const warm = await make()
    const start = process.hrtime.bigint()
    const ids = await warm.register(0, s.warmupCustomers)
    await warm.mixed(ids)
    return (elapsedMs(start) * 1000) / (s.warmupCustomers * (1 + mixedPerCustomer))
  }, defaultWarmup)
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
  const notes: Array<string> = [warmupNote(`${s.warmupCustomers} registrations and their mixed commands`, warmup)]
  if (mixedPerRound < perRound) {
    notes.push(
      `mixed commands ran on ${mixedPerRound} of the ${perRound} customers of each round (${s.rounds * mixedPerRound * mixedPerCustomer} commands), with all ${registered.length} customers in the store`
    )
  }
  return {
    subject: name,
    available: true,
    metrics: {
      register: { ...opsMetric(registerSamples, `one round of ${perRound} registrations`), warmup: { rounds: warmup.rounds, settled: warmup.settled } },
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
  const subject = async (name: string, make: () => Promise<Subject>, sizes = base, notes: ReadonlyArray<string> = []) => {
    collectGarbage()
    const result = await measure(name, make, sizes)
    subjects.push({ ...result, notes: [...(result.notes ?? []), ...notes] })
  }
  await subject("customer-account", engineSubject)
  await subject("plain-map", plainSubject)
  await subject("valibot", valibotSubject)
  await subject("effect-service", effectServiceSubject)
  await subject(
    emmettSubjectName(s.emmettCustomers),
    emmettSubject,
    { customers: s.emmettCustomers, rounds: s.rounds, warmupCustomers: s.warmupCustomers },
    [
      `Emmett's CommandHandler on its in-memory event store holding ${s.emmettCustomers.toLocaleString("en-US")} customers: that store recounts every stream and copies the stream on each append (O(store size) per append), so a store of 100,000 customers would measure the test store's growth, not the handler; the engine's rows run with ${s.customers.toLocaleString("en-US")} customers`
    ]
  )
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
