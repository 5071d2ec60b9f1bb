/**
 * The file store over SQL: the bytes of note and hint attachments in the table `ca_files`, under
 * tenant, customer and file id (rule `tenant.isolation`). Storing an id again replaces its bytes
 * and keeps its place in `list`; a removed id stored again goes to the end. A host that keeps
 * bytes in object storage provides its own `FileStore` instead.
 *
 * @module
 */
import { Effect, Option } from "effect"
import { SqlClient } from "effect/sql/SqlClient"
import type { CustomerId, FileId, TenantId } from "../../domain/Ids.ts"
import { StorageError } from "../../ports/AccountStore.ts"
import type { FileStoreService } from "../../ports/FileStore.ts"
import { orStorageError } from "./SqlCodec.ts"

const asBytes = (value: unknown): Uint8Array =>
  value instanceof Uint8Array ? new Uint8Array(value) : new Uint8Array(0)

/**
 * Makes the file store over the `SqlClient` in context.
 *
 * @category constructors
 */
export const make: Effect.Effect<FileStoreService, never, SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient
  const put = (tenantId: TenantId, customerId: CustomerId, fileId: FileId, bytes: Uint8Array) =>
    bytes instanceof Uint8Array
      ? sql`INSERT INTO ca_files (tenant_id, customer_id, file_id, position, bytes)
          VALUES (${tenantId}, ${customerId}, ${fileId},
            (SELECT COALESCE(MAX(position), 0) + 1 FROM ca_files WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}),
            ${new Uint8Array(bytes)})
          ON CONFLICT (tenant_id, customer_id, file_id) DO UPDATE SET bytes = excluded.bytes`.pipe(
        Effect.asVoid,
        orStorageError("FileStore.put")
      )
      : Effect.fail(new StorageError({ operation: "FileStore.put", message: "the bytes to store are not a Uint8Array" }))
  const get = (tenantId: TenantId, customerId: CustomerId, fileId: FileId) =>
    sql<{ bytes: unknown }>`SELECT bytes FROM ca_files
      WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND file_id = ${fileId}`.pipe(
      Effect.map((rows) => (rows.length === 0 ? Option.none<Uint8Array>() : Option.some(asBytes(rows[0]!.bytes)))),
      orStorageError("FileStore.get")
    )
  const remove = (tenantId: TenantId, customerId: CustomerId, fileId: FileId) =>
    sql`DELETE FROM ca_files WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND file_id = ${fileId}`.pipe(
      Effect.asVoid,
      orStorageError("FileStore.remove")
    )
  const list = (tenantId: TenantId, customerId: CustomerId) =>
    sql<{ file_id: string }>`SELECT file_id FROM ca_files WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
      ORDER BY position, file_id`.pipe(
      Effect.map((rows): ReadonlyArray<FileId> => rows.map((row) => row.file_id as FileId)),
      orStorageError("FileStore.list")
    )
  return { put, get, remove, list }
})
