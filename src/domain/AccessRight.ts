/**
 * Manual access rights (SPEC section 7): a product or item granted by hand for a period.
 *
 * Only manual rights are held and edited here; rights that come from subscriptions or orders are
 * the host's and are only counted.
 *
 * @module
 */
import { DateTime, Schema } from "effect"
import { isCleanText } from "./Text.ts"
import { AccessRightId, ProductId } from "./Ids.ts"
import { Instant } from "./Instant.ts"
import { personal } from "./PersonalData.ts"

/**
 * What a caller gives to grant a manual access right: the product, the period (an open end means
 * "until removed") and an optional note.
 *
 * @category models
 */
export const AccessRightInput = Schema.Struct({
  productId: ProductId,
  validFrom: Instant,
  validUntil: Schema.optionalKey(Instant),
  note: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 500), isCleanText()), personal("content")))
}).pipe(
  Schema.check(
    Schema.makeFilter((input) =>
      input.validUntil !== undefined && DateTime.isLessThanOrEqualTo(input.validUntil, input.validFrom)
        ? { path: ["validUntil"], issue: "an end after the start of the period (rule access-right.period)" }
        : undefined
    )
  )
)
/** @category models */
export type AccessRightInput = typeof AccessRightInput.Type

/**
 * A manual access right held in the account.
 *
 * @category models
 */
export class AccessRight extends Schema.Class<AccessRight>("customer-account/AccessRight")({
  /** The right's id within the account. */
  id: AccessRightId,
  /** The product or item granted. */
  productId: ProductId,
  /** When the right starts. */
  validFrom: Instant,
  /** When the right ends; absent for "until removed". */
  validUntil: Schema.optionalKey(Instant),
  /** Why it was granted, in the granting actor's words. */
  note: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 500), isCleanText()), personal("content"))),
  /** Always `manual`: only manual rights are held and edited here (rule `access-right.manual-only`). */
  origin: Schema.Literal("manual")
}) {}

/**
 * Whether a right is in force at a given time.
 *
 * @category reading
 */
export const isActiveAt = (right: AccessRight, at: DateTime.Utc): boolean =>
  DateTime.isLessThanOrEqualTo(right.validFrom, at) &&
  (right.validUntil === undefined || DateTime.isLessThan(at, right.validUntil))
