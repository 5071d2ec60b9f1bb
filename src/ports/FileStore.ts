/**
 * The file store port: the bytes of files attached to notes and hints. The account keeps each
 * file's metadata (`NoteFile.FileMetadata`); the store keeps the bytes under tenant, customer and
 * file id. Bytes are written before the account that references them; a command that then fails
 * removes the bytes it wrote, so no account references a missing file.
 *
 * @module
 */
import { Context, type Effect, type Option } from "effect"
import type { CustomerId, FileId, TenantId } from "../domain/Ids.ts"
import type { StorageError } from "./AccountStore.ts"

/**
 * What a file store does. Every method is scoped to tenant and customer (rule `tenant.isolation`).
 *
 * @category port
 */
export interface FileStoreService {
  /** Stores the bytes under the id; storing the same id again replaces them. */
  readonly put: (tenantId: TenantId, customerId: CustomerId, fileId: FileId, bytes: Uint8Array) => Effect.Effect<void, StorageError>
  /** The bytes, if stored. */
  readonly get: (tenantId: TenantId, customerId: CustomerId, fileId: FileId) => Effect.Effect<Option.Option<Uint8Array>, StorageError>
  /** Removes the bytes; removing a missing file does nothing. */
  readonly remove: (tenantId: TenantId, customerId: CustomerId, fileId: FileId) => Effect.Effect<void, StorageError>
  /** The ids of the customer's stored files, in the order they were first stored. */
  readonly list: (tenantId: TenantId, customerId: CustomerId) => Effect.Effect<ReadonlyArray<FileId>, StorageError>
}

/**
 * The file store service.
 *
 * @category port
 */
export class FileStore extends Context.Service<FileStore, FileStoreService>()("customer-account/ports/FileStore") {}
