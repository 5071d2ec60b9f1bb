/**
 * The conformance cases a database adapter gets wrong most easily (issue 12's additions), run by
 * {@link accountStoreConformance} for every adapter:
 *
 * - text a database treats specially: combining marks, `İ`, `ß`, `Σ` (case mapping beyond
 *   ASCII), `%`, `_` and `\` (LIKE wildcards and escapes) in names and in search text; NUL and
 *   lone surrogates, which a store either keeps exactly or refuses with `StorageError`;
 * - a rare filter deep in a large timeline with a time bound;
 * - a deletion racing a registration that reuses the deleted customer's number or email.
 *
 * What no generic suite can do is left to each adapter's own tests: a session in another time
 * zone, a dropped connection, and each test file on its own schema or database.
 *
 * @module
 */
import { DateTime, Effect, Option, Result, Schema } from "effect"
import { describe, expect } from "vitest"
import { Account, Tombstone } from "../domain/Account.ts"
import { Activity } from "../domain/Activity.ts"
import * as Actor from "../domain/Actor.ts"
import type { CustomerProfile } from "../domain/Customer.ts"
import { normalizeEmail } from "../domain/Email.ts"
import { CustomerId, ProcessName, StaffUserId, type TenantId } from "../domain/Ids.ts"
import type { AccountStoreService, TimelineQuery } from "../ports/AccountStore.ts"
import * as Arbitraries from "./arbitraries.ts"

/** What {@link edgeCases} needs from the suite that declares them. */
export interface EdgeCaseContext {
  /** The tenant written to. */
  readonly tenant: TenantId
  /** Declares a test over a fresh store. */
  readonly test: (title: string, body: (store: AccountStoreService) => Effect.Effect<unknown, unknown>) => void
  /** Declares a test over a fresh store that needs a capability the adapter may lack. */
  readonly testNeeding: (
    capability: "concurrent-writes" | "large-timeline",
    title: string,
    body: (store: AccountStoreService) => Effect.Effect<unknown, unknown>
  ) => void
}

const encodeAccount = Schema.encodeSync(Account)
const encodeActivity = Schema.encodeSync(Activity)
const t0 = Date.parse("2026-03-01T10:00:00.000Z")
const minute = 60_000
const supporter = Actor.supporter(StaffUserId.make("staff-1"), "Mia Support")
const billing = Actor.system(ProcessName.make("billing"))

const privateProfile = (firstName: string, lastName: string, email: string): CustomerProfile => ({
  kind: "private",
  salutation: "none",
  firstName,
  lastName,
  email,
  language: "de"
})

/** The search's matching rule, computed with JavaScript's own string functions. */
const referenceMatches = (account: Account, text: string): boolean => {
  const t = text.trim()
  const p = account.profile
  const keys = [
    ...(p.kind === "company" ? [p.companyName] : []),
    ...(p.firstName === undefined ? [] : [p.firstName]),
    ...(p.lastName === undefined ? [] : [p.lastName]),
    ...(p.firstName !== undefined && p.lastName !== undefined ? [`${p.firstName} ${p.lastName}`] : [])
  ].map((k) => k.toLowerCase())
  return account.customerNumber === t || normalizeEmail(p.email) === normalizeEmail(t) ||
    keys.some((k) => k.startsWith(t.toLowerCase()))
}

/** Builds a value the domain may refuse (it refuses NUL and lone surrogates once hardened). */
const attempt = <A>(build: () => A): Option.Option<A> => {
  try {
    return Option.some(build())
  } catch {
    return Option.none()
  }
}

/**
 * Declares the edge cases inside the suite's `describe` block.
 *
 * @category conformance
 */
export const edgeCases = ({ tenant: A, test, testNeeding }: EdgeCaseContext): void => {
  const cid = (id: string) => CustomerId.make(id)
  const account = (id: string, number: string, profile?: CustomerProfile) =>
    Arbitraries.accountOf(A, { customerId: id, customerNumber: number, ...(profile === undefined ? {} : { profile }) })
  const create = (acc: Account, append: ReadonlyArray<Activity> = []) => ({ account: acc, expectedVersion: 0, append })
  const activity = (customer: string, id: string, at: number, type = "note", actor: Actor.Actor = supporter, summary?: string) =>
    Arbitraries.activityOf(A, cid(customer), {
      id,
      at,
      type,
      actor,
      ...(summary === undefined ? {} : { summary })
    })

  describe("edge cases of databases", () => {
    test("search: combining marks, İ, ß, Σ, %, _ and \\ in names and search text match as JavaScript compares them", (store) =>
      Effect.gen(function*() {
        const accounts = [
          // Stored names are NFC (rule text.normalized: decoding composes them), so the stored name
          // is the composed "Zoë"; the search texts below still bring the decomposed form.
          account("c-1", "N-1", privateProfile("Zoe\u0308".normalize("NFC"), "Ünal", "zoe@example.de")),
          account("c-2", "N-2", privateProfile("İlker", "Straße", "ilker@example.de")),
          account("c-3", "N-3", privateProfile("Σοφία", "ΟΔΥΣΣΕΑΣ", "sofia@example.de")),
          account("c-4", "N-4", { kind: "company", salutation: "none", companyName: "100%_Rabatt\\GmbH", email: "rabatt@example.de", language: "de" }),
          account("c-5", "N-5", privateProfile("Anna", "Sommer", "anna@example.de")),
          account("c-6", "N-6", privateProfile("Ida", "Under_score", "ida@example.de"))
        ]
        for (const acc of accounts) yield* store.save(A, create(acc))
        for (const acc of accounts) {
          const loaded = yield* store.load(A, acc.customerId)
          expect(Option.map(loaded, encodeAccount)).toEqual(Option.some(encodeAccount(acc)))
        }
        const texts = [
          "zoe\u0308", "Zoë", "zoe", "ü", "Ü", "i̇", "İ", "i", "straße", "STRASSE", "σοφ", "ΣΟΦ", "οδυσσεας", "ΟΔΥΣΣΕΑΣ",
          "100%", "100_", "100%_rabatt\\", "100%_rabatt\\gmbh", "%", "_", "\\", "%_", "a%", "under_", "under%", "%@example.de",
          "ANNA@EXAMPLE.DE"
        ]
        for (const text of texts) {
          const page = yield* store.search(A, { limit: 50, text })
          expect(page.items.map((r) => r.customerId), `search ${JSON.stringify(text)}`).toEqual(
            accounts.filter((acc) => referenceMatches(acc, text)).map((acc) => acc.customerId)
          )
        }
      }))

    test("text: NUL and lone surrogates are kept exactly or refused with StorageError, never changed", (store) =>
      Effect.gen(function*() {
        const odd = ["Er\u0000ika", "Er\uD800ika", "Er\uDC00ika"]
        for (const [i, name] of odd.entries()) {
          const id = `odd-${i}`
          const built = attempt(() => account(id, `ODD-${i}`, privateProfile(name, "Muster", `odd${i}@example.de`)))
          if (Option.isNone(built)) continue // the domain refuses the text: nothing reaches a store
          const result = yield* Effect.result(store.save(A, create(built.value)))
          const loaded = yield* store.load(A, cid(id))
          if (Result.isSuccess(result)) {
            expect(Option.map(loaded, encodeAccount)).toEqual(Option.some(encodeAccount(built.value)))
          } else {
            expect(result.failure._tag).toBe("StorageError")
            expect(Option.isNone(loaded)).toBe(true)
          }
        }
        // In an activity's text (stored as JSON) the same characters come back as they were.
        const acc = account("c-1", "N-1")
        const list = odd.flatMap((text, i) =>
          Option.toArray(attempt(() => activity("c-1", `a-${i}`, t0 + i, "note", supporter, `note ${text}`)))
        )
        const saved = yield* Effect.result(store.save(A, create(acc, list)))
        if (Result.isSuccess(saved)) {
          const page = yield* store.timeline(A, cid("c-1"), { limit: 10 })
          expect(page.items.map((a) => encodeActivity(a))).toEqual([...list].reverse().map((a) => encodeActivity(a)))
        } else expect(saved.failure._tag).toBe("StorageError")
      }))

    testNeeding(
      "large-timeline",
      "timeline: a rare filter deep in a large timeline with a time bound pages exactly, and an unmatched filter is empty",
      (store) =>
        Effect.gen(function*() {
          let current = account("c-1", "N-1")
          yield* store.save(A, create(current))
          const all: Array<Activity> = []
          for (let batch = 0; batch < 8; batch++) {
            const append = Array.from({ length: 250 }, (_, i) => {
              const n = batch * 250 + i
              const rare = n % 97 === 0
              return activity("c-1", `a-${n}`, t0 + n * minute, rare ? "payment" : "note", rare ? billing : supporter)
            })
            const after = new Account({ ...current, version: current.version + 1 })
            yield* store.save(A, { account: after, expectedVersion: current.version, append })
            current = after
            all.push(...append)
          }
          const until = DateTime.makeUnsafe(t0 + 1500 * minute)
          const from = DateTime.makeUnsafe(t0 + 100 * minute)
          const queries: ReadonlyArray<Omit<TimelineQuery, "limit" | "cursor">> = [
            { types: ["payment"], until },
            { groups: ["invoices-and-payments"], actorKinds: ["system"], until, from },
            { actorKinds: ["system"], until },
            { groups: ["invoices-and-payments", "orders"], until }
          ]
          for (const query of queries) {
            const expected = all
              .filter((a) => {
                const at = DateTime.toEpochMillis(a.at)
                return (query.types === undefined || query.types.includes(a.type)) &&
                  (query.groups === undefined || query.groups.includes(a.group)) &&
                  (query.actorKinds === undefined || query.actorKinds.includes(a.actor._tag)) &&
                  (query.from === undefined || at >= DateTime.toEpochMillis(query.from)) &&
                  (query.until === undefined || at < DateTime.toEpochMillis(query.until))
              })
              .reverse()
              .map((a) => a.id)
            const seen: Array<string> = []
            let cursor: string | undefined
            for (let page = 0; page < 100; page++) {
              const result = yield* store.timeline(A, cid("c-1"), { ...query, limit: 3, ...(cursor === undefined ? {} : { cursor }) })
              seen.push(...result.items.map((a) => a.id))
              if (result.nextCursor === undefined) break
              cursor = result.nextCursor
            }
            expect(seen, JSON.stringify(query)).toEqual(expected)
          }
          const none = yield* store.timeline(A, cid("c-1"), { limit: 10, types: ["order.created"], until })
          expect(none).toEqual({ items: [] })
        })
    )

    testNeeding(
      "concurrent-writes",
      "tenant.customer-number: a deletion racing a registration with the deleted customer's number never frees the number",
      (store) =>
        Effect.gen(function*() {
          for (let round = 0; round < 8; round++) {
            const gone = account(`gone-${round}`, `N-${round}`, privateProfile("Erika", "Muster", `gone${round}@example.de`))
            yield* store.save(A, create(gone))
            const stone = new Tombstone({
              tenantId: A,
              customerId: gone.customerId,
              customerNumber: gone.customerNumber,
              deletedAt: DateTime.makeUnsafe(t0),
              deletedBy: supporter
            })
            const [removed, registered] = yield* Effect.all([
              Effect.result(store.remove(A, { tombstone: stone, expectedVersion: 1 })),
              Effect.result(store.save(A, create(account(`new-${round}`, `N-${round}`, privateProfile("Max", "Neu", `new${round}@example.de`)))))
            ], { concurrency: "unbounded" })
            expect(Result.isSuccess(removed)).toBe(true)
            expect(Result.isFailure(registered) ? registered.failure._tag : "saved").toBe("CustomerNumberTaken")
            expect(Option.isNone(yield* store.load(A, cid(`new-${round}`)))).toBe(true)
          }
        })
    )

    testNeeding(
      "concurrent-writes",
      "tenant.email-unique: a deletion racing a registration with the deleted customer's email leaves one consistent outcome",
      (store) =>
        Effect.gen(function*() {
          for (let round = 0; round < 8; round++) {
            const email = `race${round}@example.de`
            const gone = account(`gone-${round}`, `G-${round}`, privateProfile("Erika", "Muster", email))
            yield* store.save(A, create(gone))
            const stone = new Tombstone({
              tenantId: A,
              customerId: gone.customerId,
              customerNumber: gone.customerNumber,
              deletedAt: DateTime.makeUnsafe(t0),
              deletedBy: supporter
            })
            const [removed, registered] = yield* Effect.all([
              Effect.result(store.remove(A, { tombstone: stone, expectedVersion: 1 })),
              Effect.result(store.save(A, create(account(`new-${round}`, `R-${round}`, privateProfile("Max", "Neu", email.toUpperCase())))))
            ], { concurrency: "unbounded" })
            expect(Result.isSuccess(removed)).toBe(true)
            const holder = yield* store.loadByEmail(A, email)
            if (Result.isSuccess(registered)) {
              expect(Option.map(holder, (a) => a.customerId)).toEqual(Option.some(`new-${round}`))
            } else {
              expect(registered.failure._tag).toBe("EmailTaken")
              expect(Option.isNone(holder)).toBe(true)
              expect(Option.isNone(yield* store.load(A, cid(`new-${round}`)))).toBe(true)
            }
          }
        })
    )
  })
}
