/**
 * The in-memory file store: an implementation of the {@link FileStore} port that keeps the bytes
 * of note and hint attachments in per-tenant, per-customer maps inside one process.
 *
 * - Tenancy (rule `tenant.isolation`): bytes live under tenant, customer and file id; a file of
 *   another tenant or another customer is simply not there.
 * - Bytes are copied on the way in and on the way out: neither the caller that stored them nor one
 *   that read them can change what is stored.
 * - `list` returns the ids in the order they were first stored; storing an id again replaces the
 *   bytes and keeps its place; a removed id that is stored again goes to the end.
 *
 * Besides the port, the store offers `dump`, a JSON-serialisable snapshot of everything it holds
 * (bytes as base64), and the {@link MemoryFileStoreControl} service so tests and demos can reach
 * it through a layer.
 *
 * @module
 */
import { Context, Effect, Layer, Option } from "effect"
import { Base64 } from "effect/encoding"
import type { CustomerId, FileId, TenantId } from "../../domain/Ids.ts"
import { StorageError } from "../../ports/AccountStore.ts"
import { FileStore, type FileStoreService } from "../../ports/FileStore.ts"

/**
 * The shape of {@link MemoryFileStoreService.dump}: per tenant, per customer, the files in the
 * order they were first stored, each as base64.
 *
 * @category models
 */
export interface MemoryFileStoreDump {
  /** Each tenant's files. */
  readonly tenants: {
    readonly [tenantId: string]: {
      readonly [customerId: string]: {
        /** The file's bytes as (standard, padded) base64. */
        readonly [fileId: string]: string
      }
    }
  }
}

/**
 * The memory file store's service: the {@link FileStoreService} plus `dump`.
 *
 * @category models
 */
export interface MemoryFileStoreService extends FileStoreService {
  /**
   * Everything the store holds, as plain JSON (bytes as base64). Customers without files are left
   * out. Tests use it to show that a deletion or a failed command left no bytes behind.
   */
  readonly dump: Effect.Effect<MemoryFileStoreDump>
}

/**
 * The handle of a memory file store inside a layer: the same instance as the {@link FileStore}
 * provided by {@link layerWithControl}, with `dump`.
 *
 * @category services
 */
export class MemoryFileStoreControl extends Context.Service<MemoryFileStoreControl, MemoryFileStoreService>()(
  "customer-account/adapters/memory/MemoryFileStoreControl"
) {}

const notBytes = (operation: string) =>
  new StorageError({ operation, message: "the bytes to store are not a Uint8Array" })

/**
 * Makes a new, empty memory file store. Each call makes a store of its own.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { MemoryFileStore } from "customer-account"
 *
 * const program = Effect.gen(function*() {
 *   const files = yield* MemoryFileStore.make
 *   return yield* files.dump
 * })
 * ```
 *
 * @category constructors
 */
export const make: Effect.Effect<MemoryFileStoreService> = Effect.sync(() => {
  const tenants = new Map<string, Map<string, Map<string, Uint8Array>>>()

  const filesOf = (tenantId: TenantId, customerId: CustomerId): Map<string, Uint8Array> | undefined =>
    tenants.get(tenantId)?.get(customerId)

  const put = (tenantId: TenantId, customerId: CustomerId, fileId: FileId, bytes: Uint8Array) =>
    Effect.suspend(() => {
      if (!(bytes instanceof Uint8Array)) return Effect.fail(notBytes("FileStore.put"))
      const copy = new Uint8Array(bytes)
      let customers = tenants.get(tenantId)
      if (customers === undefined) {
        customers = new Map()
        tenants.set(tenantId, customers)
      }
      let files = customers.get(customerId)
      if (files === undefined) {
        files = new Map()
        customers.set(customerId, files)
      }
      files.set(fileId, copy)
      return Effect.void
    })

  const get = (tenantId: TenantId, customerId: CustomerId, fileId: FileId) =>
    Effect.sync(() => {
      const bytes = filesOf(tenantId, customerId)?.get(fileId)
      return bytes === undefined ? Option.none<Uint8Array>() : Option.some(new Uint8Array(bytes))
    })

  const remove = (tenantId: TenantId, customerId: CustomerId, fileId: FileId) =>
    Effect.sync(() => {
      const customers = tenants.get(tenantId)
      const files = customers?.get(customerId)
      if (customers === undefined || files === undefined) return
      files.delete(fileId)
      if (files.size === 0) customers.delete(customerId)
      if (customers.size === 0) tenants.delete(tenantId)
    })

  const list = (tenantId: TenantId, customerId: CustomerId) =>
    Effect.sync((): ReadonlyArray<FileId> => [...(filesOf(tenantId, customerId)?.keys() ?? [])] as Array<FileId>)

  const dump = Effect.sync((): MemoryFileStoreDump => {
    const out: Record<string, Record<string, Record<string, string>>> = {}
    for (const [tenantId, customers] of tenants) {
      const perCustomer: Record<string, Record<string, string>> = {}
      for (const [customerId, files] of customers) {
        const perFile: Record<string, string> = {}
        for (const [fileId, bytes] of files) perFile[fileId] = Base64.encode(bytes)
        perCustomer[customerId] = perFile
      }
      out[tenantId] = perCustomer
    }
    return { tenants: out }
  })

  return { put, get, remove, list, dump }
})

/**
 * A layer providing a new, empty memory file store as the {@link FileStore}. Each build of the
 * layer makes a store of its own.
 *
 * @category layers
 */
export const layer: Layer.Layer<FileStore> = Layer.effect(FileStore, make)

/**
 * A layer providing a new, empty memory file store both as the {@link FileStore} and as its
 * {@link MemoryFileStoreControl} (the same instance), so a test or demo can `dump` it.
 *
 * @category layers
 */
export const layerWithControl: Layer.Layer<FileStore | MemoryFileStoreControl> = Layer.effectContext(
  Effect.map(make, (store) => Context.make(FileStore, store).pipe(Context.add(MemoryFileStoreControl, store)))
)
