/**
 * The service catalogue port: what a tenant's service platform offers (SPEC section 10), as the
 * host knows it. The SDK asks it for
 *
 * - the modules, each with its default (on or off), so that a customer's switches name known
 *   modules (rule `settings.modules-known`) and the settings tab shows every module;
 * - the meta-teams with their teams and default team, so that a team mapping names a team of its
 *   meta-team (rule `team-mapping.known-team`) and resolution can fall back to the tenant's
 *   default team (rule `team-mapping.default-fallback`).
 *
 * Every method is scoped to its tenant (rule `tenant.isolation`). The in-memory adapter
 * (`MemoryServiceCatalog`) holds a catalogue per tenant, set through its control.
 *
 * @module
 */
import { Context, type Effect } from "effect"
import type { TenantId } from "../domain/Ids.ts"
import type { ServiceModule } from "../domain/ServiceSettings.ts"
import type { MetaTeam } from "../domain/TeamMappings.ts"
import type { StorageError } from "./AccountStore.ts"

/**
 * What the service catalogue does.
 *
 * @category port
 */
export interface ServiceCatalogService {
  /** The tenant's modules, in the order the settings tab shows them. */
  readonly modules: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<ServiceModule>, StorageError>
  /** The tenant's meta-teams, each with its teams and default team. */
  readonly metaTeams: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<MetaTeam>, StorageError>
}

/**
 * The service catalogue service.
 *
 * @category port
 */
export class ServiceCatalog extends Context.Service<ServiceCatalog, ServiceCatalogService>()(
  "customer-account/ports/ServiceCatalog"
) {}
