/**
 * The in-memory audit trail: an implementation of the {@link AuditTrail} port that keeps every
 * entry, in order, for tests and demos to read back with {@link MemoryAuditTrailService.entries}.
 *
 * Tenancy (rule `tenant.isolation`): `entries(tenantId)` lists only that tenant's entries.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { TenantId } from "../../domain/Ids.ts"
import { AuditEntry, AuditTrail, type AuditTrailService } from "../../ports/AuditTrail.ts"

/**
 * The memory audit trail's service: the {@link AuditTrailService} plus `entries`.
 *
 * @category models
 */
export interface MemoryAuditTrailService extends AuditTrailService {
  /** The entries so far, oldest first; only the tenant's when a tenant is named. */
  readonly entries: (tenantId?: TenantId) => Effect.Effect<ReadonlyArray<AuditEntry>>
}

/**
 * The handle of a memory audit trail inside a layer: the same instance as the {@link AuditTrail}
 * provided by {@link layerWithControl}.
 *
 * @category services
 */
export class MemoryAuditTrailControl extends Context.Service<MemoryAuditTrailControl, MemoryAuditTrailService>()(
  "customer-account/adapters/memory/MemoryAuditTrailControl"
) {}

/**
 * Makes a new, empty memory audit trail. Each call makes one of its own.
 *
 * @category constructors
 */
export const make: Effect.Effect<MemoryAuditTrailService> = Effect.sync(() => {
  const kept: Array<AuditEntry> = []
  return {
    record: (entry) =>
      Effect.sync(() => {
        kept.push(new AuditEntry({ ...entry }))
      }),
    entries: (tenantId) => Effect.sync(() => kept.filter((e) => tenantId === undefined || e.tenantId === tenantId))
  }
})

/**
 * A layer providing a new, empty memory audit trail as the {@link AuditTrail}.
 *
 * @category layers
 */
export const layer: Layer.Layer<AuditTrail> = Layer.effect(AuditTrail, make)

/**
 * A layer providing a new, empty memory audit trail both as the {@link AuditTrail} and as its
 * {@link MemoryAuditTrailControl} (the same instance).
 *
 * @category layers
 */
export const layerWithControl: Layer.Layer<AuditTrail | MemoryAuditTrailControl> = Layer.effectContext(
  Effect.map(make, (trail) => Context.make(AuditTrail, trail).pipe(Context.add(MemoryAuditTrailControl, trail)))
)
