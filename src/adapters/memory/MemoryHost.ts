/**
 * Every host port in memory, in one layer: the file store, customer numbers, ids, linked records,
 * outbox, orders, goodwill, credentials, host compliance and audit trail, plus the controls of those
 * that have test controls ({@link MemoryFileStoreControl}, {@link MemoryLinkedRecordsControl},
 * {@link MemoryOutboxControl}, {@link MemoryOrdersControl}, {@link MemoryGoodwillControl},
 * {@link MemoryCredentialsControl}, {@link MemoryHostComplianceControl},
 * {@link MemoryAuditTrailControl}), and the service platform's records and catalogue
 * ({@link MemoryServiceRecordsControl}, {@link MemoryServiceCatalogControl}).
 * Each control is the same instance as the port it controls.
 *
 * The adapters share state the way a real host's systems would:
 *
 * - orders placed through `Orders` (a checkout) count as the customer's transactional data (kind
 *   `orders`) and in the overview's `orders` tab (`LinkedRecords`), so a customer who checked out
 *   is refused deletion;
 * - `HostCompliance.erase` also erases the customer's service records (`MemoryServiceRecords.erase`:
 *   dropped after a deletion, personal values replaced by their marks after an anonymization).
 *
 * Each adapter is still usable alone through its own module's layers.
 *
 * The account store is not part of it: merge `MemoryAccountStore.layer` (or a database adapter)
 * next to it.
 *
 * - {@link layer}: random ids (`activity-<uuid>`), for demos.
 * - {@link layerForTests}: sequential ids (`customer-1`, `activity-1`, ...), for tests.
 *
 * Each build of either layer starts with empty state.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { CustomerNumbers } from "../../ports/CustomerNumbers.ts"
import type { Credentials } from "../../ports/Credentials.ts"
import type { FileStore } from "../../ports/FileStore.ts"
import type { Goodwill } from "../../ports/Goodwill.ts"
import type { IdGenerator } from "../../ports/IdGenerator.ts"
import { LinkedRecords } from "../../ports/LinkedRecords.ts"
import { Orders } from "../../ports/Orders.ts"
import type { Outbox } from "../../ports/Outbox.ts"
import type { AuditTrail } from "../../ports/AuditTrail.ts"
import { HostCompliance } from "../../ports/HostCompliance.ts"
import * as MemoryAuditTrail from "./MemoryAuditTrail.ts"
import type { MemoryAuditTrailControl } from "./MemoryAuditTrail.ts"
import * as MemoryHostCompliance from "./MemoryHostCompliance.ts"
import { MemoryHostComplianceControl } from "./MemoryHostCompliance.ts"
import * as MemoryCredentials from "./MemoryCredentials.ts"
import type { MemoryCredentialsControl } from "./MemoryCredentials.ts"
import * as MemoryCustomerNumbers from "./MemoryCustomerNumbers.ts"
import * as MemoryFileStore from "./MemoryFileStore.ts"
import type { MemoryFileStoreControl } from "./MemoryFileStore.ts"
import * as MemoryGoodwill from "./MemoryGoodwill.ts"
import type { MemoryGoodwillControl } from "./MemoryGoodwill.ts"
import * as MemoryIdGenerator from "./MemoryIdGenerator.ts"
import * as MemoryLinkedRecords from "./MemoryLinkedRecords.ts"
import { MemoryLinkedRecordsControl } from "./MemoryLinkedRecords.ts"
import * as MemoryOrders from "./MemoryOrders.ts"
import { MemoryOrdersControl } from "./MemoryOrders.ts"
import * as MemoryOutbox from "./MemoryOutbox.ts"
import type { MemoryOutboxControl } from "./MemoryOutbox.ts"
import type { ServiceCatalog } from "../../ports/ServiceCatalog.ts"
import { ServiceRecords } from "../../ports/ServiceRecords.ts"
import * as MemoryServiceCatalog from "./MemoryServiceCatalog.ts"
import type { MemoryServiceCatalogControl } from "./MemoryServiceCatalog.ts"
import * as MemoryServiceRecords from "./MemoryServiceRecords.ts"
import { MemoryServiceRecordsControl } from "./MemoryServiceRecords.ts"

/**
 * The host ports the memory host provides.
 *
 * @category models
 */
export type MemoryHostPorts =
  | FileStore
  | CustomerNumbers
  | IdGenerator
  | LinkedRecords
  | Outbox
  | Orders
  | Goodwill
  | Credentials
  | HostCompliance
  | AuditTrail
  | ServiceRecords
  | ServiceCatalog

/**
 * The test controls the memory host provides next to its ports.
 *
 * @category models
 */
export type MemoryHostControls =
  | MemoryFileStoreControl
  | MemoryLinkedRecordsControl
  | MemoryOutboxControl
  | MemoryOrdersControl
  | MemoryGoodwillControl
  | MemoryCredentialsControl
  | MemoryHostComplianceControl
  | MemoryAuditTrailControl
  | MemoryServiceRecordsControl
  | MemoryServiceCatalogControl

/**
 * Everything the memory host provides: its ports and their controls.
 *
 * @category models
 */
export type MemoryHostServices = MemoryHostPorts | MemoryHostControls

/** Orders, linked records, service records and host compliance, sharing state (see the module doc). */
const shared = Layer.effectContext(
  Effect.gen(function*() {
    const orders = yield* Effect.orDie(MemoryOrders.make())
    const linked = yield* MemoryLinkedRecords.makeWith({ orders })
    const records = yield* MemoryServiceRecords.make
    const compliance = yield* MemoryHostCompliance.makeWith({ onErase: records.erase })
    return Context.make(Orders, orders).pipe(
      Context.add(MemoryOrdersControl, orders),
      Context.add(LinkedRecords, linked),
      Context.add(MemoryLinkedRecordsControl, linked),
      Context.add(ServiceRecords, records),
      Context.add(MemoryServiceRecordsControl, records),
      Context.add(HostCompliance, compliance),
      Context.add(MemoryHostComplianceControl, compliance)
    )
  })
)

const withIds = (ids: Layer.Layer<IdGenerator>): Layer.Layer<MemoryHostServices> =>
  Layer.mergeAll(
    MemoryFileStore.layerWithControl,
    MemoryCustomerNumbers.layer,
    ids,
    shared,
    MemoryOutbox.layerWithControl,
    MemoryGoodwill.layerWithControl,
    MemoryCredentials.layerWithControl,
    MemoryAuditTrail.layerWithControl,
    MemoryServiceCatalog.layerWithControl
  )

/**
 * Every host port in memory with random ids, plus the controls. Customer numbers start at
 * `MemoryCustomerNumbers.defaultStart` (10001) per tenant; every product costs
 * `MemoryOrders.defaultUnitPrice` (9.99 EUR).
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { MemoryAccountStore, MemoryHost } from "customer-account"
 *
 * const everything = Layer.merge(MemoryHost.layer, MemoryAccountStore.layer)
 * ```
 *
 * @category layers
 */
export const layer: Layer.Layer<MemoryHostServices> = withIds(MemoryIdGenerator.layerRandom)

/**
 * Like {@link layer}, with sequential ids (`customer-1`, `activity-1`, ... counting per kind from
 * each build of the layer), so tests can predict them.
 *
 * @category layers
 */
export const layerForTests: Layer.Layer<MemoryHostServices> = withIds(MemoryIdGenerator.layerSequential)
