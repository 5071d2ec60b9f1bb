/**
 * Activity groups: the predefined groupings above the timeline, each a filter
 * (SPEC section 6, rule `activity.type-has-group`).
 *
 * Every activity type belongs to exactly one group; the group of an activity is always the group
 * of its type.
 *
 * @module
 */
import { Schema } from "effect"

/**
 * The groups of the timeline: `customer-data`, `addresses`, `status-and-access`, `consent`,
 * `notes-and-communication`, `orders`, `invoices-and-payments`, `subscriptions`, `access-rights`.
 *
 * @category models
 */
export const ActivityGroup = Schema.Literals([
  "customer-data",
  "addresses",
  "status-and-access",
  "consent",
  "notes-and-communication",
  "orders",
  "invoices-and-payments",
  "subscriptions",
  "access-rights"
])
/** @category models */
export type ActivityGroup = typeof ActivityGroup.Type

/**
 * Every group, in the order the timeline shows its filters.
 *
 * @category models
 */
export const activityGroups: ReadonlyArray<ActivityGroup> = ActivityGroup.literals

/**
 * A human label per group (English), e.g. for the timeline's filter buttons.
 *
 * @category labels
 */
export const groupLabels: { readonly [G in ActivityGroup]: string } = {
  "customer-data": "Customer data",
  addresses: "Addresses",
  "status-and-access": "Status and access",
  consent: "Consent",
  "notes-and-communication": "Notes and communication",
  orders: "Orders",
  "invoices-and-payments": "Invoices and payments",
  subscriptions: "Subscriptions",
  "access-rights": "Access rights"
}

/**
 * The human label of a group.
 *
 * @example
 * ```ts
 * import { ActivityGroup } from "customer-account"
 *
 * ActivityGroup.groupLabel("status-and-access") // "Status and access"
 * ```
 *
 * @category labels
 */
export const groupLabel = (group: ActivityGroup): string => groupLabels[group]
