/**
 * The fault kit: wraps a port's layer so that chosen or random calls fail, before or after the
 * call does its work, with a `StorageError`, an interruption or a defect. Use it to show that a
 * command repeated under its idempotency key, and the intents drained, end with every effect done
 * exactly once (SPEC section 12).
 *
 * - A {@link FaultPlan} decides per call: `(call) => Fault | undefined`, where `call` names the
 *   port, the method and the how-many-th call of that method it is (from 1).
 * - {@link chosen} fails the calls named `"Port.method#n"` (the n-th call) or `"Port.method"`
 *   (every call); {@link random} fails calls at random with a given probability, reproducibly by
 *   seed.
 * - {@link faulty} wraps services of a layer: every method returning an `Effect` goes through the
 *   plan. `"after"` faults run the call first: the work is done (a write committed, a mail
 *   queued) and the caller sees a failure, as with a connection lost after the commit.
 * - {@link FaultSwitch}: turn all faults of a wrapped layer off and on (e.g. off while a test
 *   sets up data or compares results).
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { AccountStore, CustomerAccounts, MemoryAccountStore, MemoryHost } from "customer-account"
 * import { FaultKit } from "customer-account/testing"
 *
 * const faults = FaultKit.makeSwitch()
 * const store = FaultKit.faulty(MemoryAccountStore.layer, [["AccountStore", AccountStore.AccountStore]],
 *   FaultKit.chosen({ "AccountStore.save#1": { kind: "storage-error", timing: "after" } }), faults)
 * const engine = CustomerAccounts.layer().pipe(Layer.provideMerge(Layer.mergeAll(store, MemoryHost.layerForTests)))
 * ```
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import { StorageError } from "../ports/AccountStore.ts"

/**
 * How an injected fault fails: a `StorageError`, an interruption of the calling fiber, or a defect.
 *
 * @category models
 */
export type FaultKind = "storage-error" | "interrupt" | "defect"

/**
 * When an injected fault fails: before the call does anything, or after it did its work.
 *
 * @category models
 */
export type FaultTiming = "before" | "after"

/**
 * One injected fault.
 *
 * @category models
 */
export interface Fault {
  /** How it fails. */
  readonly kind: FaultKind
  /** Before or after the call's work. */
  readonly timing: FaultTiming
}

/**
 * A call the plan decides about.
 *
 * @category models
 */
export interface FaultCall {
  /** The port's name as given to {@link faulty}, e.g. `AccountStore`. */
  readonly port: string
  /** The method, e.g. `save`. */
  readonly method: string
  /** The how-many-th call of this method through the wrapped layer, from 1. */
  readonly n: number
}

/**
 * Decides whether a call fails, and how.
 *
 * @category models
 */
export type FaultPlan = (call: FaultCall) => Fault | undefined

/**
 * Turns the faults of wrapped layers off and on, and counts the faults injected.
 *
 * @category models
 */
export interface FaultSwitch {
  /** Whether faults are injected (default `true`). */
  enabled: boolean
  /** How many faults were injected so far. */
  injected: number
}

/**
 * A new switch, on.
 *
 * @category constructors
 */
export const makeSwitch = (): FaultSwitch => ({ enabled: true, injected: 0 })

/**
 * A plan failing the named calls: `"Port.method#n"` the n-th call, `"Port.method"` every call.
 *
 * @category plans
 */
export const chosen = (faults: Readonly<Record<string, Fault>>): FaultPlan => (call) =>
  faults[`${call.port}.${call.method}#${call.n}`] ?? faults[`${call.port}.${call.method}`]

/**
 * Options of a {@link random} plan.
 *
 * @category plans
 */
export interface RandomFaults {
  /** The seed: the same seed and calls give the same faults. */
  readonly seed: number
  /** The chance of a fault per call, 0 to 1. */
  readonly probability: number
  /** The kinds to draw from (default all three). */
  readonly kinds?: ReadonlyArray<FaultKind>
  /** Only calls of these ports (`"Outbox"`) or methods (`"AccountStore.save"`); default all. */
  readonly only?: ReadonlyArray<string>
}

/** A small seeded generator (mulberry32), so a plan is reproducible from its seed. */
const generator = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A plan failing calls at random, reproducibly by seed.
 *
 * @category plans
 */
export const random = (options: RandomFaults): FaultPlan => {
  const next = generator(options.seed)
  const kinds = options.kinds ?? ["storage-error", "interrupt", "defect"]
  const only = options.only === undefined ? undefined : new Set(options.only)
  return (call) => {
    if (only !== undefined && !only.has(call.port) && !only.has(`${call.port}.${call.method}`)) return undefined
    if (next() >= options.probability) return undefined
    const kind = kinds[Math.floor(next() * kinds.length)] ?? "storage-error"
    return { kind, timing: next() < 0.5 ? "before" : "after" }
  }
}

/**
 * The error of an injected defect, so a test can tell it from a real one.
 *
 * @category models
 */
export class InjectedDefect extends Error {
  /** The call that failed. */
  readonly call: FaultCall
  constructor(call: FaultCall) {
    super(`injected defect in ${call.port}.${call.method} (call ${call.n})`)
    this.name = "InjectedDefect"
    this.call = call
  }
}

const failWith = (fault: Fault, call: FaultCall): Effect.Effect<never, StorageError> => {
  switch (fault.kind) {
    case "storage-error":
      return Effect.fail(new StorageError({ operation: `${call.port}.${call.method}`, message: `injected fault (call ${call.n})` }))
    case "interrupt":
      return Effect.interrupt
    case "defect":
      return Effect.die(new InjectedDefect(call))
  }
}

/**
 * Wraps one service: every method returning an `Effect` goes through the plan. Other members are
 * left as they are.
 *
 * @category constructors
 */
export const wrapService = <S extends object>(port: string, service: S, plan: FaultPlan, faults: FaultSwitch = makeSwitch()): S => {
  const counts = new Map<string, number>()
  const out: Record<string, unknown> = {}
  for (const [method, member] of Object.entries(service)) {
    if (typeof member !== "function") {
      out[method] = member
      continue
    }
    out[method] = (...args: Array<unknown>): unknown => {
      const result: unknown = (member as (...a: Array<unknown>) => unknown).apply(service, args)
      if (!Effect.isEffect(result)) return result
      const effect = result as Effect.Effect<unknown, unknown, unknown>
      return Effect.suspend(() => {
        if (!faults.enabled) return effect
        const n = (counts.get(method) ?? 0) + 1
        counts.set(method, n)
        const call = { port, method, n }
        const fault = plan(call)
        if (fault === undefined) return effect
        faults.injected++
        return fault.timing === "before" ? failWith(fault, call) : Effect.andThen(effect, failWith(fault, call))
      })
    }
  }
  return out as S
}

/**
 * Wraps the named services of a layer (each as `[port name, service key]`); the layer's other
 * services stay as they are.
 *
 * @category constructors
 */
export const faulty = <ROut, E, RIn>(
  layer: Layer.Layer<ROut, E, RIn>,
  services: ReadonlyArray<readonly [string, Context.Key<any, any>]>,
  plan: FaultPlan,
  faults: FaultSwitch = makeSwitch()
): Layer.Layer<ROut, E, RIn> =>
  Layer.effectContext(
    Effect.map(Layer.build(layer), (context) => {
      let out: Context.Context<ROut> = context
      for (const [port, key] of services) {
        const service = Context.getOption(context, key)
        if (service._tag === "Some") out = Context.add(out, key, wrapService(port, service.value as object, plan, faults)) as Context.Context<ROut>
      }
      return out
    })
  )
