/**
 * The in-memory service catalogue: an implementation of the {@link ServiceCatalog} port for tests
 * and demos. It holds, per tenant, the modules and the meta-teams of the tenant's service platform
 * (SPEC section 10). A tenant without a catalogue of its own gets {@link defaultCatalogue} (two
 * modules, one meta-team `support` with the default team `support-central`), so the demo and the
 * examples work without setting one; the control ({@link MemoryServiceCatalogService.setCatalogue})
 * replaces a tenant's catalogue.
 *
 * - Tenancy (rule `tenant.isolation`): a catalogue set for one tenant is not seen by another.
 * - The setter checks the catalogue with its Schema first: module ids and meta-team ids unique,
 *   every meta-team's default team one of its teams (rule `team-mapping.default-fallback`); a bad
 *   catalogue is a `ValidationError` and changes nothing.
 *
 * @module
 */
import { Context, Effect, Layer, Result, Schema } from "effect"
import type { TenantId } from "../../domain/Ids.ts"
import { ServiceModule } from "../../domain/ServiceSettings.ts"
import { MetaTeam } from "../../domain/TeamMappings.ts"
import { decode, type ValidationError } from "../../domain/Validation.ts"
import { ServiceCatalog, type ServiceCatalogService } from "../../ports/ServiceCatalog.ts"

const uniqueIds = (what: string) =>
  Schema.makeFilter((list: ReadonlyArray<{ readonly id: string }>) =>
    new Set(list.map((x) => x.id)).size === list.length ? undefined : `${what} with unique ids`
  )

/**
 * A tenant's catalogue as the setter accepts it: modules and meta-teams, each with unique ids.
 *
 * @category models
 */
export const Catalogue = Schema.Struct({
  /** The modules, in the order the settings tab shows them. */
  modules: Schema.Array(ServiceModule).pipe(Schema.check(uniqueIds("modules"))),
  /** The meta-teams, each with its teams and default team. */
  metaTeams: Schema.Array(MetaTeam).pipe(Schema.check(uniqueIds("meta-teams")))
})
/** @category models */
export type Catalogue = typeof Catalogue.Type

const decodeCatalogue = decode(Catalogue, "service catalogue")

/**
 * The catalogue of a tenant nobody configured: the modules `video-support` (off by default) and
 * `remote-maintenance` (on), and the meta-team `support` with the teams `support-central` (the
 * default) and `support-north`.
 *
 * @category models
 */
export const defaultCatalogue: Catalogue = Schema.decodeUnknownSync(Catalogue)({
  modules: [
    { id: "video-support", label: "Video support", enabledByDefault: false },
    { id: "remote-maintenance", label: "Remote maintenance", enabledByDefault: true }
  ],
  metaTeams: [
    {
      id: "support",
      label: "Support",
      defaultTeam: "support-central",
      teams: [
        { id: "support-central", label: "Support Central" },
        { id: "support-north", label: "Support North" }
      ]
    }
  ]
})

/**
 * The memory service catalogue's service: the {@link ServiceCatalogService} plus its setter.
 *
 * @category models
 */
export interface MemoryServiceCatalogService extends ServiceCatalogService {
  /** Replaces the tenant's catalogue. Fails with a `ValidationError` (changing nothing) on a bad catalogue. */
  readonly setCatalogue: (tenantId: TenantId, catalogue: unknown) => Effect.Effect<void, ValidationError>
}

/**
 * The handle of the memory service catalogue inside a layer: the same instance as the
 * {@link ServiceCatalog} provided by {@link layerWithControl}, with its setter.
 *
 * @category services
 */
export class MemoryServiceCatalogControl extends Context.Service<MemoryServiceCatalogControl, MemoryServiceCatalogService>()(
  "customer-account/adapters/memory/MemoryServiceCatalogControl"
) {}

/**
 * Makes a new service catalogue where every tenant has the {@link defaultCatalogue}. Each call
 * makes a catalogue of its own.
 *
 * @category constructors
 */
export const make: Effect.Effect<MemoryServiceCatalogService> = Effect.sync(() => {
  const catalogues = new Map<string, Catalogue>()
  const of = (tenantId: TenantId): Catalogue => catalogues.get(tenantId) ?? defaultCatalogue
  return {
    modules: (tenantId) => Effect.sync(() => of(tenantId).modules),
    metaTeams: (tenantId) => Effect.sync(() => of(tenantId).metaTeams),
    setCatalogue: (tenantId, catalogue) =>
      Effect.suspend(() => {
        const checked = decodeCatalogue(catalogue)
        if (Result.isFailure(checked)) return Effect.fail(checked.failure)
        catalogues.set(tenantId, checked.success)
        return Effect.void
      })
  }
})

/**
 * A layer providing a new service catalogue as the {@link ServiceCatalog}.
 *
 * @category layers
 */
export const layer: Layer.Layer<ServiceCatalog> = Layer.effect(ServiceCatalog, make)

/**
 * A layer providing a new service catalogue both as the {@link ServiceCatalog} and as its
 * {@link MemoryServiceCatalogControl} (the same instance).
 *
 * @category layers
 */
export const layerWithControl: Layer.Layer<ServiceCatalog | MemoryServiceCatalogControl> = Layer.effectContext(
  Effect.map(make, (catalogue) => Context.make(ServiceCatalog, catalogue).pipe(Context.add(MemoryServiceCatalogControl, catalogue)))
)
