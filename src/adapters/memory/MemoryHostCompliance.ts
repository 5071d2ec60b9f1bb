/**
 * The in-memory host compliance: an implementation of the {@link HostCompliance} port for tests
 * and demos.
 *
 * - Export sections are set per tenant and customer with
 *   {@link MemoryHostComplianceService.setSections} (checked against `Export.HostExportSection`);
 *   a customer without any has none.
 * - The privacy statement is set per tenant with {@link MemoryHostComplianceService.setStatement};
 *   a tenant without one gets {@link exampleStatement}, an example built from the retention facts
 *   of SPEC section 11 (an illustration for demos, not legal advice).
 * - `erase` drops the customer's sections (for an anonymization and a deletion alike: the memory
 *   host cannot tell what in them it must keep), runs the host's other erasures given to
 *   {@link makeWith} (`MemoryHost` passes its service records' erasure), and notes the call, which
 *   {@link MemoryHostComplianceService.erasures} lists, so a test can see the host was asked.
 * - Tenancy (rule `tenant.isolation`): sections, statements and erasures belong to one tenant.
 *
 * @module
 */
import { Context, Effect, Layer, Result, Schema } from "effect"
import { HostExportSection, PrivacyStatement } from "../../domain/Export.ts"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import { decode, type ValidationError } from "../../domain/Validation.ts"
import { type ErasureReason, HostCompliance, type HostComplianceService } from "../../ports/HostCompliance.ts"

/**
 * The statement a tenant gets when none was set: an example of purposes, recipients and the
 * retention facts of SPEC section 11. For demos and tests; a real tenant writes its own.
 *
 * @category constants
 */
export const exampleStatement: PrivacyStatement = {
  controller: "Example Shop GmbH, Musterstraße 1, 10115 Berlin, privacy@example.invalid",
  purposes: [
    { purpose: "managing the customer account and its subscriptions", legalBasis: "Art. 6(1)(b) GDPR (contract)" },
    { purpose: "invoicing and bookkeeping", legalBasis: "Art. 6(1)(c) GDPR (legal obligation: HGB, AO)" },
    { purpose: "marketing on channels the customer consented to", legalBasis: "Art. 6(1)(a) GDPR (consent)", categories: ["contact"] }
  ],
  recipients: [
    { recipient: "payment service providers", purpose: "collecting payments" },
    { recipient: "delivery services", purpose: "delivering orders" },
    { recipient: "tax advisors and auditors", purpose: "bookkeeping and audits" }
  ],
  retention: [
    { records: "invoices and booking records", period: "8 years", basis: "§ 147 AO, § 257 HGB (since 2025)" },
    { records: "books, annual financial statements", period: "10 years", basis: "§ 147 AO, § 257 HGB" },
    { records: "business letters", period: "6 years", basis: "§ 147 AO, § 257 HGB" },
    { records: "consent records for phone marketing", period: "5 years after the consent and after each use", basis: "§ 7a UWG" },
    { records: "SEPA mandates", period: "until 36 months after the last collection, when the mandate lapses", basis: "SEPA rulebook" },
    { records: "the customer account", period: "until deletion; anonymized instead while records above must be kept" }
  ],
  rights:
    "Access, rectification, erasure, restriction, portability and objection (Art. 15-21 GDPR); complaints to a supervisory authority (Art. 77 GDPR)."
}

/**
 * One erasure the memory host was asked for.
 *
 * @category models
 */
export interface RecordedErasure {
  /** The tenant. */
  readonly tenantId: TenantId
  /** The customer. */
  readonly customerId: CustomerId
  /** Why. */
  readonly reason: ErasureReason
}

const decodeSections = decode(Schema.Array(HostExportSection), "HostExportSections")
const decodeStatement = decode(PrivacyStatement, "PrivacyStatement")

/**
 * The memory host compliance's service: the {@link HostComplianceService} plus setters and the
 * list of erasures.
 *
 * @category models
 */
export interface MemoryHostComplianceService extends HostComplianceService {
  /** Replaces the customer's export sections. Fails with a `ValidationError` (changing nothing) when they do not fit. */
  readonly setSections: (
    tenantId: TenantId,
    customerId: CustomerId,
    sections: ReadonlyArray<HostExportSection>
  ) => Effect.Effect<void, ValidationError>
  /** Sets the tenant's statement. Fails with a `ValidationError` (changing nothing) when it does not fit. */
  readonly setStatement: (tenantId: TenantId, statement: PrivacyStatement) => Effect.Effect<void, ValidationError>
  /** The erasures asked for so far, oldest first; only the tenant's when a tenant is named. */
  readonly erasures: (tenantId?: TenantId) => Effect.Effect<ReadonlyArray<RecordedErasure>>
}

/**
 * The handle of the memory host compliance inside a layer: the same instance as the
 * {@link HostCompliance} provided by {@link layerWithControl}.
 *
 * @category services
 */
export class MemoryHostComplianceControl extends Context.Service<MemoryHostComplianceControl, MemoryHostComplianceService>()(
  "customer-account/adapters/memory/MemoryHostComplianceControl"
) {}

/**
 * Makes a new memory host compliance: no sections, the example statement for every tenant, no
 * erasures. Each call makes one of its own.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ids, MemoryHostCompliance } from "customer-account"
 *
 * const tenant = Ids.TenantId.make("shop-1")
 * const customer = Ids.CustomerId.make("customer-1")
 * const program = Effect.gen(function*() {
 *   const host = yield* MemoryHostCompliance.make
 *   yield* host.setSections(tenant, customer, [{ name: "orders", data: [{ orderId: "o-1" }] }])
 *   return yield* host.exportSections(tenant, customer) // [{ name: "orders", data: [...] }]
 * })
 * ```
 *
 * @category constructors
 */
export const make: Effect.Effect<MemoryHostComplianceService> = Effect.suspend(() => makeWith({}))

/**
 * What else the memory host erases when asked: `onErase` runs with every `erase` (e.g. the memory
 * service records' erasure, as `MemoryHost` wires it).
 *
 * @category models
 */
export interface MemoryHostComplianceOptions {
  /** Runs with every `erase`, after the sections are dropped. */
  readonly onErase?: (tenantId: TenantId, customerId: CustomerId, reason: ErasureReason) => Effect.Effect<void>
}

/**
 * Makes a new memory host compliance like {@link make}, whose `erase` also runs the options'
 * `onErase`. Each call makes one of its own.
 *
 * @category constructors
 */
export const makeWith = (options: MemoryHostComplianceOptions): Effect.Effect<MemoryHostComplianceService> => Effect.sync(() => {
  const sections = new Map<string, Map<string, ReadonlyArray<HostExportSection>>>()
  const statements = new Map<string, PrivacyStatement>()
  const erased: Array<RecordedErasure> = []
  const keys = new Set<string>()

  return {
    exportSections: (tenantId, customerId) =>
      Effect.sync(() => structuredClone(sections.get(tenantId)?.get(customerId) ?? []) as ReadonlyArray<HostExportSection>),
    privacyStatement: (tenantId) => Effect.sync(() => structuredClone(statements.get(tenantId) ?? exampleStatement)),
    erase: (tenantId, customerId, reason, key) =>
      Effect.gen(function*() {
        const keyed = key === undefined ? undefined : `${tenantId}\u0000${key}`
        if (keyed !== undefined && keys.has(keyed)) return
        sections.get(tenantId)?.delete(customerId)
        if (options.onErase !== undefined) yield* options.onErase(tenantId, customerId, reason)
        erased.push(Object.freeze({ tenantId, customerId, reason }))
        if (keyed !== undefined) keys.add(keyed)
      }),
    setSections: (tenantId, customerId, given) =>
      Effect.suspend(() => {
        const checked = decodeSections(given)
        if (Result.isFailure(checked)) return Effect.fail(checked.failure)
        let customers = sections.get(tenantId)
        if (customers === undefined) {
          customers = new Map()
          sections.set(tenantId, customers)
        }
        customers.set(customerId, structuredClone(checked.success))
        return Effect.void
      }),
    setStatement: (tenantId, statement) =>
      Effect.suspend(() => {
        const checked = decodeStatement(statement)
        if (Result.isFailure(checked)) return Effect.fail(checked.failure)
        statements.set(tenantId, structuredClone(checked.success))
        return Effect.void
      }),
    erasures: (tenantId) => Effect.sync(() => erased.filter((e) => tenantId === undefined || e.tenantId === tenantId))
  }
})

/**
 * A layer providing a new memory host compliance as the {@link HostCompliance}.
 *
 * @category layers
 */
export const layer: Layer.Layer<HostCompliance> = Layer.effect(HostCompliance, make)

/**
 * A layer providing a new memory host compliance both as the {@link HostCompliance} and as its
 * {@link MemoryHostComplianceControl} (the same instance).
 *
 * @category layers
 */
export const layerWithControl: Layer.Layer<HostCompliance | MemoryHostComplianceControl> = Layer.effectContext(
  Effect.map(make, (host) => Context.make(HostCompliance, host).pipe(Context.add(MemoryHostComplianceControl, host)))
)
