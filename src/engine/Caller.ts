/**
 * Who calls the engine: the tenant, the actor and what the caller resolved for it (roles or
 * scopes). Every command and query takes one (rule `tenant.isolation`).
 *
 * @module
 */
import type { Actor } from "../domain/Actor.ts"
import type { TenantId } from "../domain/Ids.ts"
import type { Grants } from "../domain/Permission.ts"

/**
 * The caller of a command or query.
 *
 * @category models
 */
export interface Caller {
  /** The tenant every read and write is scoped to. */
  readonly tenantId: TenantId
  /** Who acts; recorded on every activity and history row. */
  readonly actor: Actor
  /** The acting principal's roles or scopes. A customer or the system needs none. */
  readonly grants?: Grants
}

/**
 * Options of a command run.
 *
 * @category models
 */
export interface CommandOptions {
  /** Runs the command at most once per key and tenant (rule `command.idempotency`). */
  readonly idempotencyKey?: string
}
