/**
 * Idempotency fingerprints (rule `command.idempotency-fingerprint`): the digest an idempotency
 * record keeps of the command that ran under a key, so that a repeat with the same key and other
 * input is told apart from a true repeat.
 *
 * The fingerprint is an HMAC-SHA-256, under the engine's {@link FingerprintKey}, of a canonical
 * encoding of the command kind, the actor and the input, fed to the hash as a stream:
 *
 * - bytes (`Uint8Array` and other typed arrays) go into the hash as they are, behind a tag and
 *   their length: never turned into text, so a file of 800 KB costs one pass of SHA-256 over it;
 * - a secret (`Redacted`) takes part through its own keyed digest (an HMAC under a key derived
 *   from the fingerprint key): neither its plain text nor its `<redacted>` placeholder is ever
 *   encoded, so a wrong one-time password under the key of an earlier success is a conflict, never
 *   that success;
 * - strings are UTF-8 with their byte length, object keys sorted, arrays with their length, so
 *   two different inputs never encode alike; `undefined` members and functions are left out, as
 *   JSON leaves them out; a value with `toJSON` (a `Date`, a `DateTime`) is encoded as its
 *   `toJSON()`; a cycle is encoded as a back-reference, never followed.
 *
 * The key is a secret of the engine, not of the store: the stored fingerprint alone confirms no
 * guess of the input, so an idempotency record holds nothing personal and survives an
 * anonymization (rule `anonymize.keeps-idempotency`). See `EngineOptions.fingerprintKey`.
 *
 * @module
 */
import { createHmac, type Hmac, randomBytes } from "node:crypto"
import { Redacted } from "effect"
import type { Actor } from "../domain/Actor.ts"

/**
 * The secret an engine keys its idempotency fingerprints with. Make one with
 * {@link makeFingerprintKey}; its bytes never leave this module (it prints as
 * `FingerprintKey(<redacted>)`).
 *
 * @category models
 */
export interface FingerprintKey {
  /** A tag for the type; the key's bytes are not reachable through the value. */
  readonly _tag: "FingerprintKey"
}

/** The bytes of each key: the fingerprint's HMAC key and a derived key for a secret's own digest. */
const keys = new WeakMap<FingerprintKey, { readonly key: Uint8Array; readonly secret: Uint8Array }>()

const bytesOf = (key: FingerprintKey) => {
  const found = keys.get(key)
  if (found === undefined) throw new TypeError("Not a fingerprint key made by makeFingerprintKey")
  return found
}

/**
 * The shortest secret {@link makeFingerprintKey} accepts: 32 bytes (as UTF-8, for a string).
 *
 * @category constants
 */
export const minimumKeyBytes = 32

/**
 * A fingerprint key from a secret of at least {@link minimumKeyBytes} bytes (a string counts as
 * its UTF-8 bytes), or a fresh random one when no secret is given. Throws a `RangeError` for a
 * shorter secret: a weak key is a configuration error, found when the engine is built.
 *
 * Every engine process sharing one durable store must use the same secret: a repeat under a key
 * whose record another key made is an `IdempotencyConflict`.
 *
 * The engine makes its key from `EngineOptions.fingerprintKey`:
 *
 * ```ts
 * import { Redacted } from "effect"
 * import { Memory } from "customer-account"
 *
 * const engine = Memory.layer({ fingerprintKey: Redacted.make("a secret of at least 32 bytes, from config") })
 * ```
 *
 * @category constructors
 */
export const makeFingerprintKey = (secret?: Redacted.Redacted<string | Uint8Array>): FingerprintKey => {
  const raw = secret === undefined ? randomBytes(32) : Redacted.value(secret)
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : Uint8Array.from(raw)
  if (bytes.length < minimumKeyBytes) {
    throw new RangeError(`A fingerprint key needs at least ${minimumKeyBytes} bytes of secret; got ${bytes.length}`)
  }
  const derived = createHmac("sha256", bytes).update("customer-account/secret-input").digest()
  const printed = () => "FingerprintKey(<redacted>)"
  const key: FingerprintKey = Object.freeze({
    _tag: "FingerprintKey" as const,
    toString: printed,
    toJSON: printed,
    [Symbol.for("nodejs.util.inspect.custom")]: printed
  })
  keys.set(key, { key: bytes, secret: new Uint8Array(derived) })
  return key
}

/**
 * Where a canonical encoding goes: a hash, an HMAC, or (in tests) a counter of what was written.
 *
 * @category encoding
 */
export interface Sink {
  /** Writes text, as UTF-8. */
  readonly text: (value: string) => void
  /** Writes bytes, as they are. */
  readonly bytes: (value: Uint8Array) => void
}

const sinkOf = (hash: Hmac): Sink => ({
  text: (value) => void hash.update(value, "utf8"),
  bytes: (value) => void hash.update(value)
})

const utf8Length = (value: string): number => Buffer.byteLength(value, "utf8")

/** The keyed digest of a secret: what a `Redacted` contributes to a fingerprint. */
const secretDigest = (key: FingerprintKey, value: unknown): Uint8Array => {
  const hmac = createHmac("sha256", bytesOf(key).secret)
  encodeCanonical(value, sinkOf(hmac), key)
  return new Uint8Array(hmac.digest())
}

/**
 * Writes the canonical encoding of `value` to `sink` (see the module doc). A `Redacted` is
 * written as its keyed digest under `key`; without a key it is refused with a `TypeError` (a
 * secret must never be encoded in the clear).
 *
 * @category encoding
 */
export const encodeCanonical = (value: unknown, sink: Sink, key?: FingerprintKey): void => {
  const path: Array<object> = []
  const go = (v: unknown): void => {
    switch (typeof v) {
      case "undefined":
        return sink.text("u;")
      case "boolean":
        return sink.text(v ? "t;" : "f;")
      case "number":
        return sink.text(`d${Object.is(v, -0) ? "-0" : String(v)};`)
      case "bigint":
        return sink.text(`i${String(v)};`)
      case "string":
        sink.text(`s${utf8Length(v)}:`)
        return sink.text(v)
      case "symbol":
      case "function":
        return sink.text("u;")
      case "object":
        break
    }
    if (v === null) return sink.text("n;")
    const back = path.indexOf(v)
    if (back >= 0) return sink.text(`c${path.length - back};`)
    if (ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
      sink.text(`b${bytes.byteLength}:`)
      return sink.bytes(bytes)
    }
    if (v instanceof ArrayBuffer) {
      sink.text(`b${v.byteLength}:`)
      return sink.bytes(new Uint8Array(v))
    }
    if (Redacted.isRedacted(v)) {
      if (key === undefined) throw new TypeError("A secret (Redacted) is only encoded through a keyed digest")
      sink.text("r32:")
      return sink.bytes(secretDigest(key, Redacted.value(v)))
    }
    path.push(v)
    try {
      if (Array.isArray(v)) {
        sink.text(`[${v.length}:`)
        for (const item of v) go(item)
        return sink.text("]")
      }
      const toJSON = (v as { readonly toJSON?: unknown }).toJSON
      if (typeof toJSON === "function") {
        sink.text("j")
        return go(toJSON.call(v))
      }
      if (v instanceof Map) {
        sink.text(`m${v.size}:`)
        for (const [k, item] of v) {
          go(k)
          go(item)
        }
        return sink.text("}")
      }
      if (v instanceof Set) {
        sink.text(`e${v.size}:`)
        for (const item of v) go(item)
        return sink.text("}")
      }
      const record = v as Record<string, unknown>
      const keys = Object.keys(record).filter((k) => {
        const item = record[k]
        return item !== undefined && typeof item !== "function" && typeof item !== "symbol"
      }).sort()
      sink.text(`{${keys.length}:`)
      for (const k of keys) {
        go(k)
        go(record[k])
      }
      return sink.text("}")
    } finally {
      path.pop()
    }
  }
  go(value)
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex")

/**
 * The prefix of every fingerprint this module makes: the algorithm and the encoding's version.
 *
 * @category constants
 */
export const fingerprintPrefix = "hmac-sha256:v2:"

/**
 * The fingerprint of a command run (rule `command.idempotency-fingerprint`): an HMAC-SHA-256
 * under `key` of the command kind, the actor and the input, as `hmac-sha256:v2:<hex>`.
 * Synchronous: one pass over the input, bytes hashed as they are.
 *
 * @category fingerprints
 */
export const fingerprint = (key: FingerprintKey, kind: string, actor: Actor, input: unknown): string => {
  const hmac = createHmac("sha256", bytesOf(key).key)
  const sink = sinkOf(hmac)
  encodeCanonical(kind, sink, key)
  encodeCanonical(actor, sink, key)
  encodeCanonical(input, sink, key)
  return fingerprintPrefix + hex(new Uint8Array(hmac.digest()))
}
