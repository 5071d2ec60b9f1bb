/**
 * Accept-Language to the caller's locale (issue 14): the most preferred well-formed tag, set on the
 * caller only where the engine's Caller has a locale field.
 */
import { describe, expect, it } from "vitest"
import { Caller } from "../../src/engine/Caller.ts"
import { callerHasLocale, preferredLocale, withLocale } from "../../src/http/Locale.ts"
import { admin } from "../support/httpServer.ts"

describe("Accept-Language", () => {
  it("picks the tag of the highest quality, the first listed on a tie, canonicalized", () => {
    expect(preferredLocale("de-de")).toBe("de-DE")
    expect(preferredLocale("en;q=0.5, de-AT;q=0.9, fr")).toBe("fr")
    expect(preferredLocale("en;q=0.5, de-AT;q=0.9")).toBe("de-AT")
    expect(preferredLocale("de, en")).toBe("de")
  })

  it("skips the wildcard, q=0 and tags that are not well-formed BCP 47; none is left for nothing usable", () => {
    expect(preferredLocale("*, en;q=0.1")).toBe("en")
    expect(preferredLocale("de;q=0, en;q=0.2")).toBe("en")
    expect(preferredLocale("not a tag!, it")).toBe("it")
    expect(preferredLocale("*")).toBeUndefined()
    expect(preferredLocale("")).toBeUndefined()
    expect(preferredLocale(undefined)).toBeUndefined()
  })

  it("sets the locale only when the engine's Caller has the field and the caller names none", () => {
    expect(callerHasLocale).toBe("locale" in Caller.fields)
    const localized = withLocale(admin, "de-DE")
    if (callerHasLocale) {
      expect(localized).toEqual({ ...admin, locale: "de-DE" })
      expect(withLocale({ ...admin, locale: "en" }, "de-DE")).toEqual({ ...admin, locale: "en" })
    } else {
      // Without the field, a locale would make the caller undecodable (rule caller.decoded).
      expect(localized).toBe(admin)
    }
  })
})
