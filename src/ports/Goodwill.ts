/**
 * The goodwill port: the SDK records and validates a goodwill grant (free issues, a free
 * redelivery, a free billing period) and hands it to the host, which owns subscriptions.
 *
 * @module
 */
import { Context, type Effect, type Option, Schema } from "effect"
import type { CustomerId, TenantId } from "../domain/Ids.ts"
import type { StorageError } from "./AccountStore.ts"

/**
 * What the SDK needs to know about a subscription to validate a grant.
 *
 * @category models
 */
export interface SubscriptionFacts {
  /** The host's subscription id. */
  readonly subscriptionId: string
  /** Whether the subscription is running. */
  readonly active: boolean
  /** Whether it delivers issues (a magazine, a box), so free issues can be added. */
  readonly issueBased: boolean
}

/**
 * The host refused the hand-over; nothing was granted.
 *
 * @category errors
 */
export class GoodwillRefused extends Schema.TaggedError<GoodwillRefused>()("GoodwillRefused", {
  /** Why, in the host's words. */
  message: Schema.String
}) {}

/**
 * What the goodwill port does.
 *
 * @category port
 */
export interface GoodwillService {
  /** The facts of one of the customer's subscriptions, if it exists. */
  readonly subscription: (
    tenantId: TenantId,
    customerId: CustomerId,
    subscriptionId: string
  ) => Effect.Effect<Option.Option<SubscriptionFacts>, StorageError>
  /**
   * Hands a validated grant to the host; the grant is the JSON encoding of
   * `ActivityDetails.GoodwillGrantedDetails`. With a `key` (the engine always passes one, rule
   * `effects.stable-key`), a second call under the same key grants nothing again.
   */
  readonly handOver: (
    tenantId: TenantId,
    customerId: CustomerId,
    grant: unknown,
    key?: string
  ) => Effect.Effect<void, GoodwillRefused | StorageError>
}

/**
 * The goodwill service.
 *
 * @category port
 */
export class Goodwill extends Context.Service<Goodwill, GoodwillService>()("customer-account/ports/Goodwill") {}

