/**
 * What the SQL stores share besides SQL: values to and from their stored JSON text, the derived
 * key columns, cursors, and the mapping of database failures to the port's `StorageError`.
 *
 * @module
 */
import { Cause, Effect, Result, Schema } from "effect"
import { cursorDecoder, encodeCursor } from "../Cursors.ts"
import { freezeDeep } from "../Frozen.ts"
import type { SqlClient } from "effect/sql/SqlClient"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import type { Account } from "../../domain/Account.ts"
import { StorageError } from "../../ports/AccountStore.ts"

/** Encodes a value with its Schema into JSON text; a value that does not encode is refused. */
export const toJsonText = <S extends Schema.Top>(schema: S) => {
  const encode = Schema.encodeUnknownResult(schema as any)
  return (value: unknown): Result.Result<string, string> => {
    const encoded = encode(value)
    return Result.isSuccess(encoded) ? Result.succeed(JSON.stringify(encoded.success)) : Result.fail(encoded.failure.message)
  }
}

/**
 * Decodes stored JSON text with its Schema, deeply frozen (the port hands out immutable values);
 * a stored value that no longer decodes is a `StorageError`.
 */
export const fromJsonText = <S extends Schema.Top>(schema: S, operation: string) => {
  const decode = Schema.decodeUnknownResult(schema as any)
  return (text: unknown): Effect.Effect<S["Type"], StorageError> => {
    if (typeof text !== "string") return Effect.fail(new StorageError({ operation, message: "A stored value is missing" }))
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return Effect.fail(new StorageError({ operation, message: "A stored value is not JSON" }))
    }
    const decoded = decode(json)
    return Result.isSuccess(decoded)
      ? Effect.succeed(freezeDeep(decoded.success as S["Type"]))
      : Effect.fail(new StorageError({ operation, message: `A stored value no longer decodes: ${decoded.failure.message}` }))
  }
}

/**
 * The port's `StorageError` for a database failure. The message names the failure's kind and
 * whether a retry may help, never the statement's values (they may be personal data).
 */
export const storageError = (operation: string) => (error: SqlError): StorageError =>
  new StorageError({
    operation,
    message: `The database failed (${error.reason._tag}${error.isRetryable ? ", retryable" : ""})`
  })

/** Maps every `SqlError` of an effect to the port's `StorageError`. */
export const orStorageError = (operation: string) => <A, E, R>(self: Effect.Effect<A, E | SqlError, R>): Effect.Effect<A, Exclude<E, SqlError> | StorageError, R> =>
  Effect.catchIf(
    self,
    (e): e is SqlError => typeof e === "object" && e !== null && (e as { _tag?: unknown })._tag === "SqlError",
    (e) => Effect.fail(storageError(operation)(e))
  ) as Effect.Effect<A, Exclude<E, SqlError> | StorageError, R>

/**
 * Runs `body` in a transaction of `sql`. A connection lost in the middle also fails the
 * `ROLLBACK`, which Effect's client reports as a defect: here it stays a typed failure (the
 * body's own failure when it has one, else the `SqlError`), so the port reports a
 * `StorageError`, never a defect.
 */
export const transaction = <A, E, R>(sql: SqlClient, body: Effect.Effect<A, E, R>): Effect.Effect<A, E | SqlError, R> =>
  Effect.catchCause(sql.withTransaction(body), (cause) => {
    const dies = cause.reasons.filter(Cause.isDieReason)
    if (dies.length === 0 || !dies.every((d) => isSqlError(d.defect))) return Effect.failCause(cause)
    const failure = cause.reasons.find(Cause.isFailReason)
    return Effect.fail(failure === undefined ? (dies[0]!.defect as SqlError) : failure.error)
  })

/** The unique constraint a `SqlError` reports as violated, if that is what it is. */
export const violatedConstraint = (error: SqlError): string | undefined =>
  error.reason._tag === "UniqueViolation" ? error.reason.constraint : undefined

/**
 * Whether text can be stored in an indexed column of every supported database: PostgreSQL's
 * `text` refuses NUL, and a lone surrogate cannot be encoded as UTF-8 (a driver would silently
 * replace it). The JSON columns hold such text escaped, so only key columns need the check.
 */
export const isStorableKey = (text: string): boolean => !text.includes("\u0000") && !loneSurrogate.test(text)

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The lower-cased name keys of the customer search (first, last, "first last", company). */
export const nameKeys = (account: Account) => {
  const p = account.profile
  const lower = (s: string | undefined) => (s === undefined ? null : s.toLowerCase())
  return {
    first_key: lower(p.firstName),
    last_key: lower(p.lastName),
    full_key: p.firstName !== undefined && p.lastName !== undefined ? `${p.firstName} ${p.lastName}`.toLowerCase() : null,
    company_key: p.kind === "company" ? p.companyName.toLowerCase() : null
  }
}

/**
 * The smallest text above every text that starts with `prefix`, in code point order (the order
 * of the key columns): a prefix search is the range `prefix <= key < successor`, which uses the
 * index and treats `%`, `_` and `\` as the characters they are (no LIKE pattern). `undefined`
 * when there is no bound (the prefix is all U+10FFFF).
 */
export const prefixSuccessor = (prefix: string): string | undefined => {
  const points = [...prefix].map((c) => c.codePointAt(0)!)
  while (points.length > 0) {
    const last = points.pop()!
    let next = last + 1
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000
    if (next <= 0x10ffff) return String.fromCodePoint(...points, next)
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Cursors: base64url of a small JSON document, checked with a Schema.
// ---------------------------------------------------------------------------------------------


const TimelineCursor = Schema.Struct({ v: Schema.Literal(1), k: Schema.Literal("timeline"), at: Schema.Int, seq: Schema.Int })
const FeedPosition = Schema.Struct({
  v: Schema.Literal(1),
  k: Schema.Literal("feed"),
  p: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))
})
const SearchCursor = Schema.Struct({ v: Schema.Literal(1), k: Schema.Literal("search"), registration: Schema.Int })

/** A timeline cursor: the `(at, seq)` of the last activity handed out. */
export const timelineCursor = (at: number, seq: number): string => encodeCursor({ v: 1, k: "timeline", at, seq })
/** Reads a timeline cursor. */
export const decodeTimelineCursor = cursorDecoder(TimelineCursor, "a timeline")
/** A customer-list cursor: the registration of the last row handed out. */
export const searchCursor = (registration: number): string => encodeCursor({ v: 1, k: "search", registration })
/** Reads a customer-list cursor. */
export const decodeSearchCursor = cursorDecoder(SearchCursor, "the customer list")
/** A change-feed position: the tenant's own counter (rule `tenant.private-counters`). */
export const feedPosition = (position: number): string => encodeCursor({ v: 1, k: "feed", p: position })
/** Reads a change-feed position. */
export const decodeFeedPosition = cursorDecoder(FeedPosition, "the change feed")
