/**
 * The audit-trail port: where the SDK records what an auditor may need but an answer must not
 * reveal. Today that is the login check (rule `login.uniform-refusal`): every refused login gets
 * the same error, whatever the reason, and the reason (blocked, deactivated, anonymized, deleted,
 * unknown) is written here instead.
 *
 * An entry holds no personal data beyond the customer id (the same pseudonymous id a tombstone
 * keeps): an unknown login name is not recorded, so the trail is no list of guessed emails.
 *
 * @module
 */
import { Context, type Effect, Schema } from "effect"
import { Actor } from "../domain/Actor.ts"
import { CustomerId, TenantId } from "../domain/Ids.ts"
import { Instant } from "../domain/Instant.ts"
import type { StorageError } from "./AccountStore.ts"

/**
 * Why a login check refused, or `active` when it allowed the login.
 *
 * @category models
 */
export const LoginCheckReason = Schema.Literals(["active", "blocked", "deactivated", "anonymized", "deleted", "unknown"])
/** @category models */
export type LoginCheckReason = typeof LoginCheckReason.Type

/**
 * One entry of the audit trail: a login check, when, by whom (the host service that asked), for
 * which customer (when one was found), whether it was allowed, and why.
 *
 * @category models
 */
export class AuditEntry extends Schema.Class<AuditEntry>("customer-account/AuditEntry")({
  /** The tenant. */
  tenantId: TenantId,
  /** When. */
  at: Instant,
  /** What was audited. */
  event: Schema.Literal("login.checked"),
  /** Who asked (the host's login service). */
  actor: Actor,
  /** The customer the login named, when one was found (or its tombstone). */
  customerId: Schema.optionalKey(CustomerId),
  /** Whether the login was allowed. */
  outcome: Schema.Literals(["allowed", "refused"]),
  /** Why. */
  reason: LoginCheckReason
}) {}

/**
 * What the audit trail does.
 *
 * @category port
 */
export interface AuditTrailService {
  /** Appends an entry. */
  readonly record: (entry: AuditEntry) => Effect.Effect<void, StorageError>
}

/**
 * The audit-trail service.
 *
 * @category port
 */
export class AuditTrail extends Context.Service<AuditTrail, AuditTrailService>()("customer-account/ports/AuditTrail") {}
