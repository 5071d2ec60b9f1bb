/**
 * The in-memory outbox: an implementation of the {@link Outbox} port that keeps every queued mail,
 * in the order queued, instead of sending it. Tests and demos read them back with
 * {@link MemoryOutboxService.sent}.
 *
 * - Tenancy (rule `tenant.isolation`): `sent(tenantId)` lists only that tenant's mails.
 * - The outbox keeps a frozen copy of each mail (its `data` copied too), so neither the caller
 *   nor a reader can change a queued mail.
 * - A mail's secret (a one-time password) is kept as the `Redacted` it came in and is never turned
 *   into text here: not in a copy, a log line, an error or a listing. Only the holder of the mail
 *   object can reveal it with `Redacted.value`. A mail whose `secret` is not `Redacted` is refused
 *   (without echoing it), as is a mail without a template, a recipient or text-only data.
 * - `withdraw(tenantId, customerId)` drops every mail about the customer (none of them is ever
 *   delivered here), as anonymization and deletion ask (rule `compliance.host-erasure`).
 * - `withdrawReference(tenantId, customerId, reference)` drops only the customer's mails with that
 *   `reference` (a revoked invitation's mail, rule `invitation.mail-withdrawn`).
 * - A mail's `reference` and `notAfter` are kept as given (`notAfter` must be a `DateTime`); the
 *   memory outbox delivers nothing, so `sent` lists a mail past its `notAfter` too.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { TenantId } from "../../domain/Ids.ts"
import { StorageError } from "../../ports/AccountStore.ts"
import { mailRefusal, Outbox, type OutboxMail, type OutboxService } from "../../ports/Outbox.ts"

/**
 * The memory outbox's service: the {@link OutboxService} plus `sent`.
 *
 * @category models
 */
export interface MemoryOutboxService extends OutboxService {
  /** The mails queued so far, oldest first; only the tenant's when a tenant is named. */
  readonly sent: (tenantId?: TenantId) => Effect.Effect<ReadonlyArray<OutboxMail>>
}

/**
 * The handle of a memory outbox inside a layer: the same instance as the {@link Outbox} provided
 * by {@link layerWithControl}, with `sent`.
 *
 * @category services
 */
export class MemoryOutboxControl extends Context.Service<MemoryOutboxControl, MemoryOutboxService>()(
  "customer-account/adapters/memory/MemoryOutboxControl"
) {}

const refuse = (what: string) => Effect.fail(new StorageError({ operation: "Outbox.enqueue", message: `the mail was refused: ${what}` }))

/**
 * Checks the mail's shape (`Outbox.mailRefusal`) and makes the frozen copy to keep. Never reads
 * the secret's value.
 */
const copyOf = (mail: OutboxMail): OutboxMail | string => {
  const refused = mailRefusal(mail)
  if (refused !== undefined) return refused
  const base = {
    tenantId: mail.tenantId,
    customerId: mail.customerId,
    template: mail.template,
    to: mail.to,
    data: Object.freeze({ ...mail.data }),
    ...(mail.reference === undefined ? {} : { reference: mail.reference }),
    ...(mail.notAfter === undefined ? {} : { notAfter: mail.notAfter })
  }
  return Object.freeze(mail.secret === undefined ? base : { ...base, secret: mail.secret })
}

/**
 * Makes a new, empty memory outbox. Each call makes an outbox of its own.
 *
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { Ids, MemoryOutbox } from "customer-account"
 *
 * const program = Effect.gen(function*() {
 *   const outbox = yield* MemoryOutbox.make
 *   yield* outbox.enqueue({
 *     tenantId: Ids.TenantId.make("shop-1"),
 *     customerId: Ids.CustomerId.make("customer-1"),
 *     template: "password-reset",
 *     to: "ada@example.org",
 *     data: {},
 *     secret: Redacted.make("Xy7kP2mQ9rTa")
 *   })
 *   return yield* outbox.sent() // one mail; String(mail.secret) is "<redacted>"
 * })
 * ```
 *
 * @category constructors
 */
export const make: Effect.Effect<MemoryOutboxService> = Effect.sync(() => {
  const mails: Array<OutboxMail> = []
  const keys = new Set<string>()
  return {
    enqueue: (mail) =>
      Effect.suspend(() => {
        const copy = copyOf(mail)
        if (typeof copy === "string") return refuse(copy)
        if (mail.key !== undefined && typeof mail.key !== "string") return refuse("its key is not a text")
        const keyed = mail.key === undefined ? undefined : `${copy.tenantId}\u0000${mail.key}`
        if (keyed !== undefined && keys.has(keyed)) return Effect.void
        mails.push(copy)
        if (keyed !== undefined) keys.add(keyed)
        return Effect.void
      }),
    withdraw: (tenantId, customerId) =>
      Effect.sync(() => {
        let withdrawn = 0
        for (let i = mails.length - 1; i >= 0; i--) {
          const mail = mails[i]
          if (mail !== undefined && mail.tenantId === tenantId && mail.customerId === customerId) {
            mails.splice(i, 1)
            withdrawn++
          }
        }
        return withdrawn
      }),
    withdrawReference: (tenantId, customerId, reference) =>
      Effect.sync(() => {
        let withdrawn = 0
        for (let i = mails.length - 1; i >= 0; i--) {
          const mail = mails[i]
          if (mail !== undefined && mail.tenantId === tenantId && mail.customerId === customerId && mail.reference === reference) {
            mails.splice(i, 1)
            withdrawn++
          }
        }
        return withdrawn
      }),
    sent: (tenantId) => Effect.sync(() => (tenantId === undefined ? [...mails] : mails.filter((mail) => mail.tenantId === tenantId)))
  }
})

/**
 * A layer providing a new, empty memory outbox as the {@link Outbox}. Each build of the layer
 * starts empty.
 *
 * @category layers
 */
export const layer: Layer.Layer<Outbox> = Layer.effect(Outbox, make)

/**
 * A layer providing a new, empty memory outbox both as the {@link Outbox} and as its
 * {@link MemoryOutboxControl} (the same instance), so a test or demo can read the mails.
 *
 * @category layers
 */
export const layerWithControl: Layer.Layer<Outbox | MemoryOutboxControl> = Layer.effectContext(
  Effect.map(make, (outbox) => Context.make(Outbox, outbox).pipe(Context.add(MemoryOutboxControl, outbox)))
)
