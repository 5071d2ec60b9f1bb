/**
 * A failure as plain JSON, for every transport (the Promise API's rejections, the problem
 * documents of `Problem.ts`): a tagged error's JSON encoding, and where it says the rule that
 * refused and the place in the input at fault.
 *
 * @module
 */
import { Schema } from "effect"
import type { ErrorSchema } from "../catalogue/Declaration.ts"
import { errorSchemas, isErrorTag } from "./ErrorSchemas.ts"

/**
 * A JSON value.
 *
 * @category models
 */
export type Json = Schema.Json

/**
 * A JSON object.
 *
 * @category models
 */
export type JsonObject = { readonly [key: string]: Json }

/**
 * A tagged failure: an object with a string `_tag` and a string `message`, the shape of every
 * `Schema.TaggedError` of the package and of a host's own refusals.
 *
 * @category models
 */
export interface Tagged {
  /** The error's tag, e.g. `CustomerNotFound`. */
  readonly _tag: string
  /** What happened. */
  readonly message: string
}

/**
 * An error's JSON encoding: `_tag`, `message` and the error's own fields.
 *
 * @category models
 */
export type EncodedError = JsonObject & Tagged

/**
 * Whether a value is a tagged failure ({@link Tagged}).
 *
 * @category guards
 */
export const isTagged = (value: unknown): value is Tagged =>
  typeof value === "object" && value !== null && typeof (value as { readonly _tag?: unknown })._tag === "string" &&
  typeof (value as { readonly message?: unknown }).message === "string"

const codecs = new WeakMap<object, (value: unknown) => unknown>()
const jsonEncoder = (schema: ErrorSchema): (value: unknown) => unknown => {
  let encode = codecs.get(schema)
  if (encode === undefined) {
    encode = Schema.encodeUnknownSync(Schema.toCodecJson(schema))
    codecs.set(schema, encode)
  }
  return encode
}

/** The keys of an `Error` that are not the error's own data. */
const notData = new Set(["_tag", "message", "name", "stack", "cause"])

const toJsonValue = (value: unknown): Json | undefined => {
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined
  try {
    const text = JSON.stringify(value)
    return text === undefined ? undefined : (JSON.parse(text) as Json)
  } catch {
    return undefined
  }
}

const ownFields = (error: Tagged): EncodedError => {
  const out: Record<string, Json> = { _tag: error._tag, message: error.message }
  let keys: ReadonlyArray<string> = []
  try {
    keys = Object.keys(error)
  } catch {
    // a hostile Proxy: keep the tag and the message only
  }
  for (const key of keys) {
    if (notData.has(key)) continue
    let value: unknown
    try {
      value = (error as unknown as Record<string, unknown>)[key]
    } catch {
      continue
    }
    const json = toJsonValue(value)
    if (json !== undefined) out[key] = json
  }
  return out as EncodedError
}

const isEncodedError = (value: unknown, tag: string): value is EncodedError =>
  isTagged(value) && value._tag === tag && Object.getPrototypeOf(value) === Object.prototype

/**
 * The JSON of a tagged failure: encoded with the first of `schemas` (then the package's own
 * Schema of its tag) that the value is an instance of, with `Schema.toCodecJson`. A value none of
 * them describes (a host's own refusal, an error already in JSON form) gives its `toJSON()` when
 * that is the encoding of the same tag, else its own enumerable fields that JSON can hold. The
 * result always has `_tag` and `message`; `stack`, `cause` and `name` never appear.
 *
 * @category encoding
 */
export const encodeError = (error: Tagged, schemas: ReadonlyArray<ErrorSchema> = []): EncodedError => {
  const known = isErrorTag(error._tag) ? [errorSchemas[error._tag] as ErrorSchema] : []
  for (const schema of [...schemas, ...known]) {
    if (!Schema.is(schema)(error)) continue
    try {
      const encoded = jsonEncoder(schema)(error)
      if (isTagged(encoded)) return encoded as EncodedError
    } catch {
      // not encodable after all: fall back to the fields below
    }
  }
  const toJSON = (error as { readonly toJSON?: unknown }).toJSON
  if (typeof toJSON === "function") {
    try {
      const json = toJsonValue(toJSON.call(error))
      if (isEncodedError(json, error._tag)) return json
    } catch {
      // a throwing toJSON: use the fields
    }
  }
  return ownFields(error)
}

const ruleInText = /\(rule ([a-z0-9-]+(?:\.[a-z0-9-]+)+)\)/

/** The rule a `ValidationError` about a subject stands for when its message names none. */
const ruleOfSubject: Readonly<Record<string, string>> = {
  Caller: "caller.decoded",
  IdempotencyKey: "command.idempotency-key-format",
  CommandOptions: "command.idempotency-key-format"
}

const firstIssue = (error: JsonObject): JsonObject | undefined => {
  const issues = error["issues"]
  const first = Array.isArray(issues) ? issues[0] : undefined
  return typeof first === "object" && first !== null && !Array.isArray(first) ? (first as JsonObject) : undefined
}

/**
 * The rule that refused, as an encoded error says it: its `rule` field; for a `ValidationError`,
 * the rule its first issue names (`(rule customer.email-format)`), else the rule of its subject
 * (`caller.decoded` for `Caller`, `command.idempotency-key-format` for `IdempotencyKey`); else the
 * rule its message names. `undefined` when it names none (a value of the wrong type, say).
 *
 * @category reading
 */
export const ruleOf = (error: JsonObject): string | undefined => {
  const rule = error["rule"]
  if (typeof rule === "string") return rule
  const issueMessage = firstIssue(error)?.["message"]
  const inIssue = typeof issueMessage === "string" ? ruleInText.exec(issueMessage)?.[1] : undefined
  if (inIssue !== undefined) return inIssue
  const subject = error["subject"]
  if (typeof subject === "string" && Object.hasOwn(ruleOfSubject, subject)) return ruleOfSubject[subject]
  const message = error["message"]
  return typeof message === "string" ? ruleInText.exec(message)?.[1] : undefined
}

/**
 * Where in the input the fault is, as an encoded error says it: its `path` field; for a
 * `ValidationError`, the path of its first issue (`profile.email`). `undefined` when the error
 * names no place, or the place is the whole input.
 *
 * @category reading
 */
export const pathOf = (error: JsonObject): string | undefined => {
  const path = error["path"]
  if (typeof path === "string") return path === "" ? undefined : path
  const issuePath = firstIssue(error)?.["path"]
  return typeof issuePath === "string" && issuePath !== "" ? issuePath : undefined
}
