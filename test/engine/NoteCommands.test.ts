/**
 * addNote and addHint on the real engine: files checked by signature, bytes in the file store,
 * metadata in the account, one activity for the note and one per file; and no bytes left behind
 * when the command fails.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { TestClock } from "effect/testing"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { FileId } from "../../src/domain/Ids.ts"
import { AccountStore, StorageError } from "../../src/ports/AccountStore.ts"
import { FileStore } from "../../src/ports/FileStore.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import * as Intents from "../../src/engine/Intents.ts"
import { pdf, png, windowsExecutable } from "../fixtures/files.ts"
import {
  accountOf,
  activities,
  admin,
  customerCaller,
  now,
  refusal,
  registerCustomer,
  run,
  snapshot,
  supporterWith,
  tenant,
  withEngine
} from "../support/engine.ts"

describe("addNote", () => {
  it.effect("file.type-from-signature: files are stored, typed by content; a note activity and one file.attached per file", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const offer = pdf()
      const screenshot = png()
      const outcome = yield* run("addNote", admin, {
        customerId,
        text: "  Called about the late delivery; see offer and screenshot  ",
        files: [
          { name: "Offer for Erika.pdf", bytes: offer, mediaType: "application/pdf" },
          { name: "screenshot.PNG", bytes: screenshot }
        ]
      })
      expect(outcome.activityIds).toHaveLength(3)
      const account = yield* accountOf(customerId)
      expect(account.files.map((f) => ({ ...f }))).toEqual([
        { fileId: "file-1", name: "Offer for Erika.pdf", kind: "pdf", mediaType: "application/pdf", size: offer.length },
        { fileId: "file-2", name: "screenshot.PNG", kind: "png", mediaType: "image/png", size: screenshot.length }
      ])
      const store = yield* FileStore
      expect(yield* store.list(tenant, customerId)).toEqual(["file-1", "file-2"])
      expect(yield* store.get(tenant, customerId, FileId.make("file-1"))).toEqual(Option.some(offer))
      expect(yield* store.get(tenant, customerId, FileId.make("file-2"))).toEqual(Option.some(screenshot))
      const recent = (yield* activities(customerId)).filter((a) => outcome.activityIds.includes(a.id))
      const note = recent.find((a) => a.type === "note")
      expect(note?.group).toBe("notes-and-communication")
      expect(note?.details).toEqual({ text: "Called about the late delivery; see offer and screenshot", fileIds: ["file-1", "file-2"] })
      expect(note?.summary).toBe("Note added with 2 files")
      const attached = recent.filter((a) => a.type === "file.attached").map((a) => a.details)
      expect(attached).toEqual(expect.arrayContaining([
        { fileId: "file-1", name: "Offer for Erika.pdf", mediaType: "application/pdf", size: offer.length },
        { fileId: "file-2", name: "screenshot.PNG", mediaType: "image/png", size: screenshot.length }
      ]))
      expect(recent.map((a) => a.summary).join(" ")).not.toContain("Erika")
    })))

  it.effect("file.type-from-signature: an executable named .pdf is FileRejected; nothing is stored, not even the other file", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("addNote", admin, {
        customerId,
        text: "Two files",
        files: [{ name: "fine.pdf", bytes: pdf() }, { name: "invoice.pdf", bytes: windowsExecutable() }]
      })
      expect(error).toMatchObject({ _tag: "FileRejected", rule: "file.type-from-signature", fileName: "invoice.pdf" })
      expect(yield* snapshot(customerId)).toEqual(before)
      expect(before.files).toEqual([])
    })))

  it.effect("file.declared-type-must-match: a PNG named .pdf is FileRejected and nothing is stored", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("addNote", admin, { customerId, text: "Scan", files: [{ name: "scan.pdf", bytes: png() }] })
      expect(error).toMatchObject({ _tag: "FileRejected", rule: "file.declared-type-must-match", detectedKind: "png" })
      const declared = yield* refusal("addNote", admin, {
        customerId,
        text: "Scan",
        files: [{ name: "scan.png", bytes: png(), mediaType: "image/jpeg" }]
      })
      expect(declared).toMatchObject({ _tag: "FileRejected", rule: "file.declared-type-must-match", declaredMediaType: "image/jpeg" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("file.size-limit: 819,200 bytes are accepted, 819,201 are FileRejected and nothing is stored", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("addNote", admin, { customerId, text: "Big", files: [{ name: "big.pdf", bytes: pdf({ size: 819_201 }) }] })
      expect(error).toMatchObject({ _tag: "FileRejected", rule: "file.size-limit", size: 819_201, limit: 819_200 })
      expect(yield* snapshot(customerId)).toEqual(before)
      yield* run("addNote", admin, { customerId, text: "Big", files: [{ name: "big.pdf", bytes: pdf({ size: 819_200 }) }] })
      expect((yield* accountOf(customerId)).files[0]?.size).toBe(819_200)
    })))

  it.effect("permission.customer-self-service: a customer cannot add a note", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("addNote", customerCaller(customerId), { customerId, text: "Hello", files: [{ name: "a.pdf", bytes: pdf() }] })
      expect(error).toMatchObject({ _tag: "PermissionDenied", permission: "add-note", command: "add-note" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("effects.no-undo-when-unknown: when the write fails after the files were stored, nothing is undone at once; the drain drops the bytes the account does not reference", () => {
    const failing = { save: false }
    const store = Layer.effect(
      AccountStore,
      Effect.map(MemoryAccountStore.make, (memory) => ({
        ...memory,
        save: (tenantId: Parameters<typeof memory.save>[0], write: Parameters<typeof memory.save>[1]) =>
          failing.save ? Effect.fail(new StorageError({ operation: "AccountStore.save", message: "disk full" })) : memory.save(tenantId, write)
      }))
    )
    const engine = Layer.mergeAll(CustomerAccounts.layer(), Intents.layer).pipe(Layer.provideMerge(Layer.mergeAll(store, MemoryHost.layerForTests)))
    return Effect.gen(function*() {
      yield* TestClock.setTime(now.epochMilliseconds)
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      failing.save = true
      const error = yield* refusal("addNote", admin, { customerId, text: "Offer", files: [{ name: "offer.pdf", bytes: pdf() }, { name: "s.png", bytes: png() }] })
      failing.save = false
      expect(error).toMatchObject({ _tag: "StorageError" })
      // the write's outcome is unknown: the bytes stay until the grace period has passed
      expect((yield* snapshot(customerId)).files).toEqual(["file-1", "file-2"])
      const intents = yield* Intents.Intents
      expect(yield* intents.drain(tenant)).toMatchObject({ attempted: 0 })
      yield* TestClock.adjust("16 minutes")
      expect(yield* intents.drain(tenant)).toMatchObject({ attempted: 1, done: 1 })
      expect(yield* snapshot(customerId)).toEqual(before)
      expect(yield* (yield* FileStore).get(tenant, customerId, FileId.make("file-1"))).toEqual(Option.none())
    }).pipe(Effect.provide(engine))
  })
})

describe("addHint", () => {
  it.effect("permission.supporter-role: a hint needs the add-note permission and records a hint activity", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const outcome = yield* run("addHint", supporterWith(["add-note"]), { customerId, text: "Prefers calls after 6 pm" })
      expect(outcome.activityIds).toHaveLength(1)
      const [hint] = yield* activities(customerId)
      expect(hint?.type).toBe("hint")
      expect(hint?.details).toEqual({ text: "Prefers calls after 6 pm", fileIds: [] })
      expect(hint?.summary).toBe("Hint added")
      expect((yield* accountOf(customerId)).files).toEqual([])
      const before = yield* snapshot(customerId)
      const error = yield* refusal("addHint", supporterWith(["edit"]), { customerId, text: "Another" })
      expect(error).toMatchObject({ _tag: "PermissionDenied", permission: "add-note", command: "add-hint" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))
})
