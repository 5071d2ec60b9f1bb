/**
 * setProfileImage, and the profile image in changePersonalData and register, on the real engine.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { FileStore } from "../../src/ports/FileStore.ts"
import { CustomerAccounts } from "../../src/engine/CustomerAccounts.ts"
import type { CustomerId } from "../../src/domain/Ids.ts"
import {
  accountOf,
  activities,
  admin,
  customerCaller,
  erika,
  foreignAdmin,
  refusal,
  registerCustomer,
  run,
  snapshot,
  tenant,
  withEngine
} from "../support/engine.ts"
import { gif, jpeg, pdf, png, webp, windowsExecutable } from "../fixtures/files.ts"

const upload = (customerId: CustomerId, name: string, bytes: Uint8Array) =>
  run("setProfileImage", admin, { customerId, file: { name, bytes } }).pipe(Effect.map((o) => o.created ?? ""))

describe("setProfileImage", () => {
  it.effect("customer.profile-image-file: an uploaded PNG, JPEG, GIF or WebP becomes the image; its bytes are stored and its upload recorded", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      for (const [name, bytes] of [["logo.png", png()], ["me.jpg", jpeg()], ["me.gif", gif()], ["me.webp", webp()]] as const) {
        const fileId = yield* upload(customerId, name, bytes)
        const account = yield* accountOf(customerId)
        expect(account.profile.profileImage).toBe(fileId)
        expect(account.files.at(-1)).toMatchObject({ fileId, name, size: bytes.length })
        expect(yield* (yield* FileStore).get(tenant, customerId, fileId as never)).toEqual(Option.some(bytes))
      }
      const [attached, changed] = yield* activities(customerId)
      expect(attached?.type).toBe("file.attached")
      expect(changed?.type).toBe("customer-data.changed")
      expect(changed?.details).toMatchObject({ changes: [{ field: "profileImage", before: expect.any(String), after: expect.any(String) }] })
      expect((yield* accountOf(customerId)).files.length).toBe(4)
    })))

  it.effect("customer.profile-image-file: a PDF is not an image and an executable is no file at all; neither leaves bytes behind", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const notImage = yield* refusal("setProfileImage", admin, { customerId, file: { name: "logo.pdf", bytes: pdf() } })
      expect(notImage).toMatchObject({ _tag: "CommandRejected", rule: "customer.profile-image-file", path: "file" })
      const executable = yield* refusal("setProfileImage", admin, { customerId, file: { name: "logo.png", bytes: windowsExecutable() } })
      expect(executable).toMatchObject({ _tag: "FileRejected", rule: "file.type-from-signature" })
      expect(yield* snapshot(customerId)).toEqual(before)
    })))

  it.effect("customer.profile-image-file: changePersonalData points the image at an image file of the account, refuses any other id, clears it with null", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const first = yield* upload(customerId, "old.png", png())
      yield* upload(customerId, "new.png", png())
      yield* run("addNote", admin, { customerId, text: "Contract", files: [{ name: "contract.pdf", bytes: pdf() }] })
      const pdfId = (yield* accountOf(customerId)).files.find((f) => f.kind === "pdf")?.fileId
      const before = yield* snapshot(customerId)
      for (const id of [pdfId, "file-999"]) {
        const error = yield* refusal("changePersonalData", admin, { customerId, change: { profileImage: id } })
        expect(error).toMatchObject({ _tag: "CommandRejected", rule: "customer.profile-image-file", path: "change.profileImage" })
      }
      expect(yield* snapshot(customerId)).toEqual(before)
      yield* run("changePersonalData", admin, { customerId, change: { profileImage: first } })
      expect((yield* accountOf(customerId)).profile.profileImage).toBe(first)
      yield* run("changePersonalData", admin, { customerId, change: { profileImage: null } })
      expect((yield* accountOf(customerId)).profile.profileImage).toBeUndefined()
    })))

  it.effect("customer.profile-image-file: registering with a profile image is refused, since the account has no files yet", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts
      const error = yield* Effect.flip(accounts.register(admin, { profile: { ...erika, profileImage: "file-1" }, registrationSource: "back-office" }))
      expect(error).toMatchObject({ _tag: "CommandRejected", rule: "customer.profile-image-file", path: "profile.profileImage" })
      const found = yield* accounts.search(admin, { text: erika.email, limit: 10 })
      expect(found.items).toEqual([])
    })))

  it.effect("tenant.isolation: a foreign tenant's setProfileImage finds no customer and stores no bytes; the customer may set its own image", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer()
      const before = yield* snapshot(customerId)
      const error = yield* refusal("setProfileImage", foreignAdmin, { customerId, file: { name: "logo.png", bytes: png() } })
      expect(error._tag).toBe("CustomerNotFound")
      expect(yield* snapshot(customerId)).toEqual(before)
      yield* run("setProfileImage", customerCaller(customerId), { customerId, file: { name: "me.png", bytes: png() } })
      expect((yield* accountOf(customerId)).profile.profileImage).toBeDefined()
    })))
})
