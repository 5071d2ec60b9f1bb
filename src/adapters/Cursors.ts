/**
 * The cursor format the SDK's own store adapters share (memory, PostgreSQL, SQLite): a small JSON
 * document in base64url, checked with a Schema when it comes back. A cursor the store did not
 * hand out, or one of another kind, is an `InvalidCursor`, never a defect. Each store keeps only
 * its own counters in it, never one shared by tenants (rule `tenant.private-counters`).
 *
 * @module
 */
import { Result, Schema } from "effect"
import { Base64Url } from "effect/encoding"
import { InvalidCursor } from "../ports/AccountStore.ts"

/**
 * Encodes a cursor document as an opaque string.
 *
 * @category cursors
 */
export const encodeCursor = (value: unknown): string => Base64Url.encode(JSON.stringify(value))

/**
 * A decoder of the cursors of one kind: `what` names the kind in the `InvalidCursor` message
 * (e.g. `a timeline`).
 *
 * @category cursors
 */
export const cursorDecoder = <S extends Schema.ConstraintDecoder<unknown>>(schema: S, what: string) => {
  const fromJson = Schema.decodeUnknownResult(Schema.fromJsonString(schema))
  return (cursor: string): Result.Result<S["Type"], InvalidCursor> => {
    const text = Base64Url.decodeString(cursor)
    const decoded = Result.isSuccess(text) ? fromJson(text.success) : undefined
    return decoded !== undefined && Result.isSuccess(decoded)
      ? Result.succeed(decoded.success)
      : Result.fail(
        new InvalidCursor({ cursor, message: `Not a cursor of ${what} handed out by this store; start again without a cursor` })
      )
  }
}
