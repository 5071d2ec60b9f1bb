/**
 * Idempotency fingerprints (rule `command.idempotency-fingerprint`, SPEC section 12): keyed, bytes
 * hashed as they are, secrets through their own keyed digest.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import type { MemoryAccountStoreService } from "../../src/adapters/memory/MemoryAccountStore.ts"
import { MemoryOutboxControl } from "../../src/adapters/memory/MemoryOutbox.ts"
import * as Actor from "../../src/domain/Actor.ts"
import { CustomerId, StaffUserId } from "../../src/domain/Ids.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import { encodeCanonical, fingerprint, fingerprintPrefix, makeFingerprintKey, type Sink } from "../../src/engine/Fingerprint.ts"
import { AccountStore } from "../../src/ports/AccountStore.ts"
import { pdf } from "../fixtures/files.ts"
import { admin, customerCaller, registerCustomer, run, snapshot, tenant, withEngine } from "../support/engine.ts"

const engine = CustomerAccounts.CustomerAccounts
const actor = Actor.supporter(StaffUserId.make("staff-1"), "Mia Support")
const secret = (text: string) => Redacted.make(text)
const key = makeFingerprintKey(secret("a test secret of at least thirty-two bytes"))

const dump = Effect.gen(function*() {
  const store = (yield* AccountStore) as unknown as MemoryAccountStoreService
  return yield* store.dump
})

const sentPassword = (customerId: CustomerId) =>
  Effect.gen(function*() {
    const mails = (yield* (yield* MemoryOutboxControl).sent(tenant)).filter((m) => m.customerId === customerId)
    const sent = mails.at(-1)?.secret
    expect(sent).toBeDefined()
    return sent!
  })

/** A sink that counts what it is handed, and keeps the byte chunks. */
const countingSink = () => {
  const counted = { text: 0, bytes: 0, chunks: [] as Array<Uint8Array> }
  const sink: Sink = {
    text: (value) => void (counted.text += Buffer.byteLength(value, "utf8")),
    bytes: (value) => {
      counted.bytes += value.byteLength
      counted.chunks.push(value)
    }
  }
  return { counted, sink }
}

describe("command.idempotency-fingerprint", () => {
  it.effect("command.idempotency-fingerprint: a wrong one-time password under the key of an earlier success is a conflict, never that success", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      yield* accounts.resetPassword(admin, { customerId })
      const password = yield* sentPassword(customerId)
      yield* accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password }, { idempotencyKey: "complete-1" })
      yield* accounts.resetPassword(admin, { customerId })
      const newer = yield* sentPassword(customerId)
      const before = yield* snapshot(customerId)
      const wrong = yield* Effect.flip(
        accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: secret("000000") }, { idempotencyKey: "complete-1" })
      )
      expect(wrong).toMatchObject({ _tag: "IdempotencyConflict", rule: "command.idempotency", key: "complete-1" })
      // The newer password is also another input under the used key: a conflict, not a replay.
      const other = yield* Effect.flip(
        accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: newer }, { idempotencyKey: "complete-1" })
      )
      expect(other._tag).toBe("IdempotencyConflict")
      expect(yield* snapshot(customerId)).toEqual(before)
      // The same password under the same key is a true repeat.
      const repeat = yield* accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password }, { idempotencyKey: "complete-1" })
      expect(repeat.customerId).toBe(customerId)
    })))

  it.effect("command.idempotency-fingerprint: no secret and no placeholder appears in the stored fingerprint or anywhere in the store", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* engine
      const customerId = yield* registerCustomer()
      yield* accounts.resetPassword(admin, { customerId })
      const password = yield* sentPassword(customerId)
      yield* accounts.completePasswordReset(customerCaller(customerId), { customerId, oneTimePassword: password }, { idempotencyKey: "complete-1" })
      const stored = (yield* dump).tenants[tenant]!
      const record = (stored.idempotencyRecords as ReadonlyArray<{ readonly key: string; readonly fingerprint: string }>)
        .find((r) => r.key === "complete-1")!
      expect(record.fingerprint).toMatch(/^hmac-sha256:v2:[0-9a-f]{64}$/)
      const text = JSON.stringify(stored)
      expect(text).not.toContain(Redacted.value(password))
      expect(record.fingerprint).not.toContain(Redacted.value(password))
      expect(text).not.toContain("<redacted>")
    })))

  it("command.idempotency-fingerprint: a secret counts through its keyed digest: different secrets differ, the same secret matches, the placeholder is never encoded", () => {
    const input = (otp: string) => ({ customerId: "c-1", oneTimePassword: secret(otp) })
    const a = fingerprint(key, "reset-password", actor, input("123456"))
    expect(a.startsWith(fingerprintPrefix)).toBe(true)
    expect(fingerprint(key, "reset-password", actor, input("123456"))).toBe(a)
    expect(fingerprint(key, "reset-password", actor, input("654321"))).not.toBe(a)
    // The placeholder as plain text is another input than any secret.
    expect(fingerprint(key, "reset-password", actor, { customerId: "c-1", oneTimePassword: "<redacted>" })).not.toBe(a)
    // Without a key a secret is never encoded.
    expect(() => encodeCanonical(input("123456"), countingSink().sink)).toThrow(TypeError)
    // Another key gives another fingerprint; the same secret string gives the same one.
    const other = makeFingerprintKey(secret("another test secret of at least 32 bytes"))
    expect(fingerprint(other, "reset-password", actor, input("123456"))).not.toBe(a)
    const same = makeFingerprintKey(secret("a test secret of at least thirty-two bytes"))
    expect(fingerprint(same, "reset-password", actor, input("123456"))).toBe(a)
  })

  it("command.idempotency-fingerprint: an 800 KB note's bytes are hashed as they are, never encoded as text", () => {
    const bytes = pdf({ size: 800_000 })
    expect(bytes.byteLength).toBeGreaterThanOrEqual(800_000)
    const { counted, sink } = countingSink()
    encodeCanonical({ customerId: "c-1", text: "Contract", files: [{ name: "contract.pdf", bytes }] }, sink, key)
    // One chunk: the caller's bytes, not a copy, not a JSON array of numbers (about 3.5 bytes a byte).
    expect(counted.bytes).toBe(bytes.byteLength)
    expect(counted.chunks).toHaveLength(1)
    expect(counted.chunks[0]!.buffer).toBe(bytes.buffer)
    expect(counted.text).toBeLessThan(200)
    // Every byte counts.
    const flipped = Uint8Array.from(bytes)
    flipped[400_000] = flipped[400_000]! ^ 1
    const note = (b: Uint8Array) => ({ customerId: "c-1", text: "Contract", files: [{ name: "contract.pdf", bytes: b }] })
    expect(fingerprint(key, "add-note", actor, note(flipped))).not.toBe(fingerprint(key, "add-note", actor, note(bytes)))
  })

  it("command.idempotency-fingerprint: the encoding is canonical and unambiguous", () => {
    const print = (input: unknown) => fingerprint(key, "edit", actor, input)
    expect(print({ a: 1, b: "x" })).toBe(print({ b: "x", a: 1 }))
    expect(print({ a: 1, b: undefined })).toBe(print({ a: 1 }))
    expect(print({ a: 1 })).not.toBe(print({ a: "1" }))
    expect(print(["ab", "c"])).not.toBe(print(["a", "bc"]))
    expect(print({ a: [1, 2] })).not.toBe(print({ a: [[1], 2] }))
    expect(print({ a: null })).not.toBe(print({ a: "null" }))
    expect(print(new Uint8Array([1, 2, 3]))).not.toBe(print([1, 2, 3]))
    expect(fingerprint(key, "edit", actor, {})).not.toBe(fingerprint(key, "other", actor, {}))
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic["self"] = cyclic
    expect(print(cyclic)).toMatch(/^hmac-sha256:v2:/)
  })

  it("command.idempotency-fingerprint: a key shorter than 32 bytes is refused; the key never prints", () => {
    expect(() => makeFingerprintKey(secret("short"))).toThrow(RangeError)
    expect(String(key)).toBe("FingerprintKey(<redacted>)")
    expect(JSON.stringify({ key })).toBe(JSON.stringify({ key: "FingerprintKey(<redacted>)" }))
  })

  it.effect("command.idempotency-fingerprint: a note with 800 KB of file bytes runs and replays under a key", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const input = { customerId, text: "Signed contract", files: [{ name: "contract.pdf", bytes: pdf({ size: 800_000 }) }] }
      const first = yield* run("addNote", admin, input, { idempotencyKey: "note-1" })
      const before = yield* snapshot(customerId)
      expect(yield* run("addNote", admin, input, { idempotencyKey: "note-1" })).toEqual(first)
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})
