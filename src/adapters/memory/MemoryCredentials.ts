/**
 * The in-memory credentials host: an implementation of the {@link Credentials} port for tests and
 * demos.
 *
 * - One-time passwords are {@link passwordLength} characters drawn uniformly (by rejection
 *   sampling over `globalThis.crypto.getRandomValues`) from {@link passwordAlphabet}, letters and
 *   digits without the look-alikes `0 O o 1 I l`. Each is handed out as a `Redacted`, which shows
 *   as `<redacted:one-time password>` in `String()`, JSON and `util.inspect`.
 * - The host remembers the latest password per tenant and customer; issuing a new one replaces it.
 *   {@link MemoryCredentialsService.redeemOneTimePassword} is `true` once for the current password
 *   and `false` for anything else (a wrong, an old or a used one); a wrong guess does not use up
 *   the current password. {@link MemoryCredentialsService.verifyOneTimePassword} answers the same
 *   without using it up. The comparison takes the same time wherever the first difference is.
 * - `forget` drops the customer's pending password and second factor (after an anonymization or
 *   a deletion); {@link MemoryCredentialsService.holds} and
 *   {@link MemoryCredentialsService.customers} show what is held, never a password.
 * - Second factors are off until a test or demo turns one on with
 *   {@link MemoryCredentialsService.enableTwoFactor}; `disableTwoFactor` turns it off and says
 *   whether it was on.
 * - Tenancy (rule `tenant.isolation`): passwords and second factors belong to one tenant and one
 *   customer; under another tenant or customer they do not exist.
 *
 * Nothing here logs, lists or dumps a password.
 *
 * @module
 */
import { Context, Effect, Layer, Redacted } from "effect"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import { Credentials, type CredentialsService } from "../../ports/Credentials.ts"

/**
 * The characters of a one-time password: letters and digits without `0 O o 1 I l`, so a password
 * read aloud or typed from a printout is not misread.
 *
 * @category constants
 */
export const passwordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"

/**
 * The length of a one-time password (about 70 bits of entropy).
 *
 * @category constants
 */
export const passwordLength = 12

/** The largest byte value below a multiple of the alphabet's size: larger bytes are drawn again. */
const unbiasedLimit = 256 - (256 % passwordAlphabet.length)

const randomPassword = (): string => {
  let out = ""
  const bytes = new Uint8Array(passwordLength * 2)
  while (out.length < passwordLength) {
    globalThis.crypto.getRandomValues(bytes)
    for (const byte of bytes) {
      if (byte < unbiasedLimit && out.length < passwordLength) out += passwordAlphabet[byte % passwordAlphabet.length]
    }
  }
  return out
}

/** Compares two texts in time that depends on their lengths only. */
const sameText = (a: string, b: string): boolean => {
  let difference = a.length ^ b.length
  const length = Math.max(a.length, b.length)
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0)
  return difference === 0
}

/** The value of a Redacted, or undefined when it was wiped (`Redacted.value` would throw). */
const reveal = (password: Redacted.Redacted<unknown>): unknown => {
  try {
    return Redacted.value(password)
  } catch {
    return undefined
  }
}

/**
 * The memory credentials host's service: the {@link CredentialsService} plus test controls for
 * the second factor.
 *
 * @category models
 */
export interface MemoryCredentialsService extends CredentialsService {
  /** Turns the customer's second factor on. */
  readonly enableTwoFactor: (tenantId: TenantId, customerId: CustomerId) => Effect.Effect<void>
  /** Whether the customer's second factor is on. */
  readonly twoFactorEnabled: (tenantId: TenantId, customerId: CustomerId) => Effect.Effect<boolean>
  /** What the host holds about the customer, without any secret: a pending one-time password, a second factor. */
  readonly holds: (tenantId: TenantId, customerId: CustomerId) => Effect.Effect<HeldCredentials>
  /** Every customer the host holds anything about, per tenant (for tests: "nothing is left"). */
  readonly customers: Effect.Effect<ReadonlyArray<{ readonly tenantId: string; readonly customerId: string } & HeldCredentials>>
}

/**
 * What the memory credentials host holds about a customer, without any secret.
 *
 * @category models
 */
export interface HeldCredentials {
  /** Whether a one-time password is pending. */
  readonly pendingPassword: boolean
  /** Whether a second factor is on. */
  readonly twoFactor: boolean
}

/**
 * The handle of the memory credentials host inside a layer: the same instance as the
 * {@link Credentials} provided by {@link layerWithControl}, with its test controls.
 *
 * @category services
 */
export class MemoryCredentialsControl extends Context.Service<MemoryCredentialsControl, MemoryCredentialsService>()(
  "customer-account/adapters/memory/MemoryCredentialsControl"
) {}

/**
 * Makes a new memory credentials host: no passwords issued, no second factor on. Each call makes
 * a host of its own.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ids, MemoryCredentials } from "customer-account"
 *
 * const tenant = Ids.TenantId.make("shop-1")
 * const customer = Ids.CustomerId.make("customer-1")
 * const program = Effect.gen(function*() {
 *   const credentials = yield* MemoryCredentials.make
 *   const password = yield* credentials.issueOneTimePassword(tenant, customer)
 *   const first = yield* credentials.redeemOneTimePassword(tenant, customer, password) // true
 *   const again = yield* credentials.redeemOneTimePassword(tenant, customer, password) // false
 *   return [first, again]
 * })
 * ```
 *
 * @category constructors
 */
export const make: Effect.Effect<MemoryCredentialsService> = Effect.sync(() => {
  const passwords = new Map<string, Map<string, string>>()
  const twoFactor = new Map<string, Set<string>>()

  /** Answers given under a key, per tenant and customer (forgotten with the customer). */
  const answers = new Map<string, Map<string, unknown>>()
  const answerKey = (tenantId: TenantId, customerId: CustomerId) => `${tenantId}\u0000${customerId}`
  const once = <A>(tenantId: TenantId, customerId: CustomerId, key: string | undefined, run: () => A): A => {
    if (key === undefined) return run()
    let held = answers.get(answerKey(tenantId, customerId))
    if (held === undefined) {
      held = new Map()
      answers.set(answerKey(tenantId, customerId), held)
    }
    if (held.has(key)) return held.get(key) as A
    const answer = run()
    held.set(key, answer)
    return answer
  }

  const issueOneTimePassword: CredentialsService["issueOneTimePassword"] = (tenantId, customerId, key) =>
    Effect.sync(() => once(tenantId, customerId, key === undefined ? undefined : `issue:${key}`, () => issue(tenantId, customerId)))

  const issue = (tenantId: TenantId, customerId: CustomerId) => {
    {
      const password = randomPassword()
      let customers = passwords.get(tenantId)
      if (customers === undefined) {
        customers = new Map()
        passwords.set(tenantId, customers)
      }
      customers.set(customerId, password)
      return Redacted.make(password, { label: "one-time password" })
    }
  }

  const isCurrent = (tenantId: TenantId, customerId: CustomerId, password: Redacted.Redacted<string>): boolean => {
    const current = passwords.get(tenantId)?.get(customerId)
    if (current === undefined || !Redacted.isRedacted(password)) return false
    const given = reveal(password)
    return typeof given === "string" && sameText(given, current)
  }

  const verifyOneTimePassword: CredentialsService["verifyOneTimePassword"] = (tenantId, customerId, password) =>
    Effect.sync(() => isCurrent(tenantId, customerId, password))

  const redeemOneTimePassword: CredentialsService["redeemOneTimePassword"] = (tenantId, customerId, password, key) =>
    Effect.sync(() =>
      once(tenantId, customerId, key === undefined ? undefined : `redeem:${key}`, () => {
        if (!isCurrent(tenantId, customerId, password)) return false
        passwords.get(tenantId)?.delete(customerId)
        return true
      })
    )

  const forget: CredentialsService["forget"] = (tenantId, customerId) =>
    Effect.sync(() => {
      passwords.get(tenantId)?.delete(customerId)
      twoFactor.get(tenantId)?.delete(customerId)
      answers.delete(answerKey(tenantId, customerId))
    })

  const holds: MemoryCredentialsService["holds"] = (tenantId, customerId) =>
    Effect.sync(() => ({
      pendingPassword: passwords.get(tenantId)?.has(customerId) === true,
      twoFactor: twoFactor.get(tenantId)?.has(customerId) === true
    }))

  const customers: MemoryCredentialsService["customers"] = Effect.sync(() => {
    const keys = new Set<string>()
    for (const [tenantId, byCustomer] of passwords) for (const customerId of byCustomer.keys()) keys.add(JSON.stringify([tenantId, customerId]))
    for (const [tenantId, set] of twoFactor) for (const customerId of set) keys.add(JSON.stringify([tenantId, customerId]))
    return [...keys].sort().map((key) => {
      const [tenantId, customerId] = JSON.parse(key) as [string, string]
      return {
        tenantId,
        customerId,
        pendingPassword: passwords.get(tenantId)?.has(customerId) === true,
        twoFactor: twoFactor.get(tenantId)?.has(customerId) === true
      }
    })
  })

  const disableTwoFactor: CredentialsService["disableTwoFactor"] = (tenantId, customerId, key) =>
    Effect.sync(() =>
      once(tenantId, customerId, key === undefined ? undefined : `disable-two-factor:${key}`, () => twoFactor.get(tenantId)?.delete(customerId) === true)
    )

  const enableTwoFactor: MemoryCredentialsService["enableTwoFactor"] = (tenantId, customerId) =>
    Effect.sync(() => {
      let customers = twoFactor.get(tenantId)
      if (customers === undefined) {
        customers = new Set()
        twoFactor.set(tenantId, customers)
      }
      customers.add(customerId)
    })

  const twoFactorEnabled: MemoryCredentialsService["twoFactorEnabled"] = (tenantId, customerId) =>
    Effect.sync(() => twoFactor.get(tenantId)?.has(customerId) === true)

  return {
    issueOneTimePassword,
    verifyOneTimePassword,
    redeemOneTimePassword,
    disableTwoFactor,
    forget,
    enableTwoFactor,
    twoFactorEnabled,
    holds,
    customers
  }
})

/**
 * A layer providing a new memory credentials host as the {@link Credentials}. Each build of the
 * layer starts with no passwords and no second factors.
 *
 * @category layers
 */
export const layer: Layer.Layer<Credentials> = Layer.effect(Credentials, make)

/**
 * A layer providing a new memory credentials host both as the {@link Credentials} and as its
 * {@link MemoryCredentialsControl} (the same instance), so a test or demo can turn second factors
 * on.
 *
 * @category layers
 */
export const layerWithControl: Layer.Layer<Credentials | MemoryCredentialsControl> = Layer.effectContext(
  Effect.map(make, (credentials) =>
    Context.make(Credentials, credentials).pipe(Context.add(MemoryCredentialsControl, credentials))
  )
)
