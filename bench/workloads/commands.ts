/**
 * Workload 1, command throughput: register N customers, then run the ten mixed commands (two each
 * of address, consent, note, status, access right) on each, with the engine's validation,
 * permissions and activities, as in production. Measured in rounds: each round registers N/rounds
 * customers, or runs the mixed commands on N/rounds customers; the sample is the round's ops/s.
 * Each subject warms up first, in rounds on throwaway instances, until its time per command
 * settles; then the subjects' rounds are interleaved (round r of every subject before round r + 1).
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
import { defaultWarmup, warmUntilSettled, type WarmupReport, warmupNote } from "../lib/warmup.ts"
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

/** A subject as the workload measures it: its sizes, and what its rounds measured so far. */
interface Measured {
  readonly name: string
  readonly make: () => Promise<Subject>
  readonly customers: number
  readonly extraNotes: ReadonlyArray<string>
  warmup?: WarmupReport
  subject?: Subject
  readonly registered: Array<string>
  readonly registerSamples: Array<number>
  readonly mixedSamples: Array<number>
  registerMs: number
  mixedMs: number
}

/** Warm-up rounds, each on a fresh instance, so that the rounds are alike (Emmett's store slows as it grows). */
const warmUp = (m: Measured, warmupCustomers: number): Promise<WarmupReport> =>
  warmUntilSettled(async () => {
    // A round lasts at least 5 ms of work (a fast subject's 100 customers take well under one), so
    // that the comparison of rounds is not the timer's noise.
    let ms = 0
    let commands = 0
    do {
      const warm = await m.make()
      const start = process.hrtime.bigint()
      const ids = await warm.register(0, warmupCustomers)
      await warm.mixed(ids)
      ms += elapsedMs(start)
      commands += warmupCustomers * (1 + mixedPerCustomer)
    } while (ms < 5)
    return (ms * 1000) / commands
  }, defaultWarmup)

/** The subjects in round `r`: rotated, so that no subject always runs first or last. */
const rotated = <A>(xs: ReadonlyArray<A>, r: number): ReadonlyArray<A> => [...xs.slice(r % xs.length), ...xs.slice(0, r % xs.length)]

/**
 * Measures the subjects interleaved: each warms up, then round `r` of the registrations runs for
 * every subject before round `r + 1` of any, and the same for the mixed commands. A change of the
 * machine's load during the run (other processes on a shared machine) then falls on every subject
 * alike, and the ratios of one run hold.
 */
const measureInterleaved = async (all: ReadonlyArray<Measured>, rounds: number, warmupCustomers: number): Promise<Array<SubjectResult>> => {
  for (const m of all) {
    collectGarbage()
    m.warmup = await warmUp(m, warmupCustomers)
  }
  collectGarbage()
  for (const m of all) m.subject = await m.make()
  for (let r = 0; r < rounds; r++) {
    for (const m of rotated(all, r)) {
      const perRound = Math.floor(m.customers / rounds)
      const start = process.hrtime.bigint()
      m.registered.push(...(await m.subject!.register(r * perRound, (r + 1) * perRound)))
      const ms = elapsedMs(start)
      m.registerMs += ms
      m.registerSamples.push(perRound / (ms / 1000))
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (const m of rotated(all, r)) {
      const perRound = Math.floor(m.customers / rounds)
      const batch = m.registered.slice(r * perRound, (r + 1) * perRound)
      const start = process.hrtime.bigint()
      await m.subject!.mixed(batch)
      const ms = elapsedMs(start)
      m.mixedMs += ms
      m.mixedSamples.push((batch.length * mixedPerCustomer) / (ms / 1000))
    }
  }
  const results: Array<SubjectResult> = []
  for (const m of all) {
    const perRound = Math.floor(m.customers / rounds)
    // The run did what it says: the last customer has its registration and ten activities.
    const last = m.registered[m.registered.length - 1]!
    const activities = await m.subject!.activities(last)
    if (activities !== 1 + mixedPerCustomer) throw new Error(`${m.name}: ${last} has ${activities} activities, expected ${1 + mixedPerCustomer}`)
    const commands = m.registered.length * (1 + mixedPerCustomer)
    const warmup = m.warmup!
    results.push({
      subject: m.name,
      available: true,
      metrics: {
        register: { ...opsMetric(m.registerSamples, `one round of ${perRound} registrations`), warmup: { rounds: warmup.rounds, settled: warmup.settled } },
        mixed: opsMetric(m.mixedSamples, `one round of ${perRound * mixedPerCustomer} mixed commands`),
        all: opsMetric([commands / ((m.registerMs + m.mixedMs) / 1000)], `all ${commands} commands of the run`)
      },
      notes: [warmupNote(`${warmupCustomers} registrations and their mixed commands`, warmup), ...m.extraNotes]
    })
  }
  return results
}

const measured = (name: string, make: () => Promise<Subject>, customers: number, extraNotes: ReadonlyArray<string> = []): Measured => ({
  name,
  make,
  customers,
  extraNotes,
  registered: [],
  registerSamples: [],
  mixedSamples: [],
  registerMs: 0,
  mixedMs: 0
})

/** Runs the workload. */
export const run = async (s: Sizes, quick: boolean): Promise<WorkloadResult> => {
  const started = process.hrtime.bigint()
  const subjects = await measureInterleaved(
    [
      measured("customer-account", engineSubject, s.customers),
      measured("plain-map", plainSubject, s.customers),
      measured("valibot", valibotSubject, s.customers),
      measured("effect-service", effectServiceSubject, s.customers),
      measured(emmettSubjectName(s.emmettCustomers), emmettSubject, s.emmettCustomers, [
        `Emmett's CommandHandler on its in-memory event store holding ${s.emmettCustomers.toLocaleString("en-US")} customers: that store recounts every stream and copies the stream on each append (O(store size) per append), so a store of 100,000 customers would measure the test store's growth, not the handler; the engine's rows run with ${s.customers.toLocaleString("en-US")} customers`
      ])
    ],
    s.rounds,
    s.warmupCustomers
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
