/**
 * Actors: who did something (rule `actor.exactly-one`).
 *
 * Every activity and every history row names exactly one actor: an API client, a system process,
 * a supporter (staff user) or the customer. An actor may act on behalf of another, plain actor,
 * e.g. a supporter placing an order for the customer (rule `actor.on-behalf-not-nested`).
 *
 * @module
 */
import { Schema } from "effect"
import { isCleanText } from "./Text.ts"
import { ApiClientId, CustomerId, ProcessName, StaffUserId } from "./Ids.ts"

/**
 * Changes made through the operator's API, by the API key's owner.
 *
 * @category models
 */
export const ApiPrincipal = Schema.TaggedStruct("api", { clientId: ApiClientId })
/** @category models */
export type ApiPrincipal = typeof ApiPrincipal.Type

/**
 * A named host process, e.g. recurring billing creating an invoice each month.
 *
 * @category models
 */
export const SystemPrincipal = Schema.TaggedStruct("system", { process: ProcessName })
/** @category models */
export type SystemPrincipal = typeof SystemPrincipal.Type

/**
 * A staff user acting through the back office.
 *
 * @category models
 */
export const SupporterPrincipal = Schema.TaggedStruct("supporter", {
  userId: StaffUserId,
  displayName: Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 100), isCleanText()))
})
/** @category models */
export type SupporterPrincipal = typeof SupporterPrincipal.Type

/**
 * The customer, through self-service or checkout.
 *
 * @category models
 */
export const CustomerPrincipal = Schema.TaggedStruct("customer", { customerId: CustomerId })
/** @category models */
export type CustomerPrincipal = typeof CustomerPrincipal.Type

/**
 * A plain actor, acting for itself.
 *
 * @category models
 */
export const Principal = Schema.Union([ApiPrincipal, SystemPrincipal, SupporterPrincipal, CustomerPrincipal])
/** @category models */
export type Principal = typeof Principal.Type

/**
 * The kinds of actor: `api`, `system`, `supporter`, `customer`.
 *
 * @category models
 */
export const ActorKind = Schema.Literals(["api", "system", "supporter", "customer"])
/** @category models */
export type ActorKind = typeof ActorKind.Type

/**
 * All actor kinds, in a fixed order.
 *
 * @category models
 */
export const actorKinds: ReadonlyArray<ActorKind> = ActorKind.literals

const ActorMembers = Schema.Union([
  ApiPrincipal.mapFields((f) => ({ ...f, onBehalfOf: Schema.optionalKey(Principal) })),
  SystemPrincipal.mapFields((f) => ({ ...f, onBehalfOf: Schema.optionalKey(Principal) })),
  SupporterPrincipal.mapFields((f) => ({ ...f, onBehalfOf: Schema.optionalKey(Principal) })),
  CustomerPrincipal.mapFields((f) => ({ ...f, onBehalfOf: Schema.optionalKey(Principal) }))
])

const withoutOnBehalf = (actor: typeof ActorMembers.Type): Principal => {
  const { onBehalfOf: _, ...principal } = actor
  return principal
}

/**
 * The identity of a principal: its kind and id. A supporter's display name is not part of it, so
 * two supporters with one user id are the same principal.
 *
 * @category models
 */
export const principalKey = (p: Principal): string => {
  switch (p._tag) {
    case "api":
      return `api:${p.clientId}`
    case "system":
      return `system:${p.process}`
    case "supporter":
      return `supporter:${p.userId}`
    case "customer":
      return `customer:${p.customerId}`
  }
}

const samePrincipal = (a: Principal, b: Principal): boolean => principalKey(a) === principalKey(b)

/**
 * Who did something: a principal, optionally acting on behalf of another principal.
 *
 * The one acted for is a plain principal (no chains) and never the actor itself
 * (rule `actor.on-behalf-not-nested`).
 *
 * @category models
 */
export const Actor = ActorMembers.pipe(
  Schema.check(
    Schema.makeFilter((actor) =>
      actor.onBehalfOf !== undefined && samePrincipal(withoutOnBehalf(actor), actor.onBehalfOf)
        ? { path: ["onBehalfOf"], issue: "an actor other than the acting one (rule actor.on-behalf-not-nested)" }
        : undefined
    )
  )
)
/** @category models */
export type Actor = typeof Actor.Type

/**
 * An API client acting through the operator's API.
 *
 * @category constructors
 */
export const api = (clientId: ApiClientId): Actor => ({ _tag: "api", clientId })

/**
 * A named system process.
 *
 * @category constructors
 */
export const system = (process: ProcessName): Actor => ({ _tag: "system", process })

/**
 * A supporter (staff user) acting through the back office.
 *
 * @category constructors
 */
export const supporter = (userId: StaffUserId, displayName: string): Actor => ({ _tag: "supporter", userId, displayName })

/**
 * The customer acting through self-service or checkout.
 *
 * @category constructors
 */
export const customer = (customerId: CustomerId): Actor => ({ _tag: "customer", customerId })

/**
 * The same actor, acting on behalf of `principal`.
 *
 * @example
 * ```ts
 * import { Actor, Ids } from "customer-account"
 *
 * const agent = Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support")
 * const forCustomer = Actor.onBehalfOf(agent, { _tag: "customer", customerId: Ids.CustomerId.make("c-1") })
 * ```
 *
 * @category constructors
 */
export const onBehalfOf = (actor: Actor, principal: Principal): Actor => ({ ...actor, onBehalfOf: principal })

/**
 * The principal that acted, without any on-behalf-of part.
 *
 * @category reading
 */
export const principalOf = (actor: Actor): Principal => withoutOnBehalf(actor)

/**
 * A short label for timelines, e.g. `supporter Mia Support on behalf of customer c-1`.
 *
 * @category reading
 */
export const describe = (actor: Actor): string => {
  const label = (p: Principal): string => {
    switch (p._tag) {
      case "api":
        return `api ${p.clientId}`
      case "system":
        return `system ${p.process}`
      case "supporter":
        return `supporter ${p.displayName}`
      case "customer":
        return `customer ${p.customerId}`
    }
  }
  const self = label(principalOf(actor))
  return actor.onBehalfOf === undefined ? self : `${self} on behalf of ${label(actor.onBehalfOf)}`
}
