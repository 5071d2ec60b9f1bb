/**
 * Every host port in memory, in one layer: the file store, customer numbers, ids, linked records,
 * outbox, orders, goodwill and credentials, plus the controls of those that have test controls
 * ({@link MemoryFileStoreControl}, {@link MemoryLinkedRecordsControl}, {@link MemoryOutboxControl},
 * {@link MemoryOrdersControl}, {@link MemoryGoodwillControl}, {@link MemoryCredentialsControl}).
 * Each control is the same instance as the port it controls.
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
import { Layer } from "effect"
import type { CustomerNumbers } from "../../ports/CustomerNumbers.ts"
import type { Credentials } from "../../ports/Credentials.ts"
import type { FileStore } from "../../ports/FileStore.ts"
import type { Goodwill } from "../../ports/Goodwill.ts"
import type { IdGenerator } from "../../ports/IdGenerator.ts"
import type { LinkedRecords } from "../../ports/LinkedRecords.ts"
import type { Orders } from "../../ports/Orders.ts"
import type { Outbox } from "../../ports/Outbox.ts"
import * as MemoryCredentials from "./MemoryCredentials.ts"
import type { MemoryCredentialsControl } from "./MemoryCredentials.ts"
import * as MemoryCustomerNumbers from "./MemoryCustomerNumbers.ts"
import * as MemoryFileStore from "./MemoryFileStore.ts"
import type { MemoryFileStoreControl } from "./MemoryFileStore.ts"
import * as MemoryGoodwill from "./MemoryGoodwill.ts"
import type { MemoryGoodwillControl } from "./MemoryGoodwill.ts"
import * as MemoryIdGenerator from "./MemoryIdGenerator.ts"
import * as MemoryLinkedRecords from "./MemoryLinkedRecords.ts"
import type { MemoryLinkedRecordsControl } from "./MemoryLinkedRecords.ts"
import * as MemoryOrders from "./MemoryOrders.ts"
import type { MemoryOrdersControl } from "./MemoryOrders.ts"
import * as MemoryOutbox from "./MemoryOutbox.ts"
import type { MemoryOutboxControl } from "./MemoryOutbox.ts"

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

/**
 * Everything the memory host provides: its ports and their controls.
 *
 * @category models
 */
export type MemoryHostServices = MemoryHostPorts | MemoryHostControls

const withIds = (ids: Layer.Layer<IdGenerator>): Layer.Layer<MemoryHostServices> =>
  Layer.mergeAll(
    MemoryFileStore.layerWithControl,
    MemoryCustomerNumbers.layer,
    ids,
    MemoryLinkedRecords.layerWithControl,
    MemoryOutbox.layerWithControl,
    MemoryOrders.layerWithControl,
    MemoryGoodwill.layerWithControl,
    MemoryCredentials.layerWithControl
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
