/**
 * Points in time. Domain values hold a `DateTime.Utc`; their JSON encoding is an ISO 8601 string.
 *
 * @module
 */
import { Schema } from "effect"

/**
 * A point in time: `DateTime.Utc` in the domain, an ISO 8601 string such as
 * `2026-11-23T09:30:00.000Z` in JSON.
 *
 * @category models
 */
export const Instant = Schema.DateTimeUtcFromString
/** @category models */
export type Instant = typeof Instant.Type
