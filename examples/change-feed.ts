/**
 * Relaying the change feed to a subscriber (a webhook, a search index, a warehouse) with the
 * relay's own checkpoint. The relay reads the page after its checkpoint, hands every entry to the
 * subscriber, then stores the page's position; it reads on at once while `more` is true. A crash
 * between handing over a page and storing its position hands the page over again, so the
 * subscriber deduplicates by position: at least once in, exactly once applied.
 * Run with `node examples/change-feed.ts` after `npm run build`.
 */
import { Effect } from "effect"
import { type AccountStore, Actor, CustomerAccounts, Ids, Memory } from "customer-account"

const tenantId = Ids.TenantId.make("acme")
const staff: CustomerAccounts.Caller = {
  tenantId,
  actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register", "add-note", "manage-status", "anonymize"] }] }
}
// The relay is an API client with one scope: reading the feed.
const relayCaller: CustomerAccounts.Caller = { tenantId, actor: Actor.api(Ids.ApiClientId.make("feed-relay")), grants: { apiScopes: ["read-changes"] } }

/**
 * The subscriber: a copy of the feed, each entry applied once, whatever is delivered twice. On an
 * anonymization or a deletion it erases what it copied of the customer, as the feed itself does.
 */
const applied = new Map<string, { readonly customerId: string; line: string }>()
const subscriber = (change: AccountStore.Change): void => {
  if (applied.has(change.position)) return
  if (change._tag === "Deletion" || change.activity.type === "customer.anonymized") {
    const customerId = change._tag === "Deletion" ? change.tombstone.customerId : change.activity.customerId
    for (const copy of applied.values()) if (copy.customerId === customerId) copy.line = "(erased)"
  }
  applied.set(
    change.position,
    change._tag === "Activity"
      ? { customerId: change.activity.customerId, line: `${change.activity.type}: ${change.activity.summary}` }
      : { customerId: change.tombstone.customerId, line: "deleted" }
  )
}

/** The relay's own checkpoint: in production a row in the relay's database. */
let checkpoint: string | undefined

/** Relays everything committed after the checkpoint; `crashAfterPage` simulates a crash before storing a position. */
const relay = (crashAfterPage = false) =>
  Effect.gen(function*() {
    const accounts = yield* CustomerAccounts.CustomerAccounts
    for (;;) {
      const page = yield* accounts.changes(relayCaller, { limit: 2, ...(checkpoint === undefined ? {} : { after: checkpoint }) })
      page.changes.forEach(subscriber)
      if (crashAfterPage && page.changes.length > 0) return "crashed"
      checkpoint = page.position
      if (!page.more) return "caught up"
    }
  })

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const profile = { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" } as const
  const { customerId } = yield* accounts.register(staff, { profile, registrationSource: "back-office" })
  yield* accounts.addNote(staff, { customerId, text: "Called about her parcel" })
  console.log("relay:", yield* relay())

  // Writers and the relay run at once: the relay misses nothing committed meanwhile.
  const writers = Effect.forEach([1, 2, 3], (i) => accounts.addNote(staff, { customerId, text: `Follow-up ${i}` }), { concurrency: "unbounded" })
  yield* Effect.all([writers, relay()], { concurrency: "unbounded" })
  yield* accounts.setStatus(staff, { customerId, to: "blocked", reason: "chargeback" })
  console.log("relay:", yield* relay(true), "(the page is delivered again on the next run)")
  console.log("relay:", yield* relay())

  // An anonymization: the relay sees it, and the feed holds the redacted entries from now on.
  yield* accounts.anonymize(staff, { customerId })
  console.log("relay:", yield* relay())

  const everything: Array<AccountStore.Change> = []
  let after: string | undefined
  for (;;) {
    const page = yield* accounts.changes(relayCaller, { limit: 200, ...(after === undefined ? {} : { after }) })
    everything.push(...page.changes)
    after = page.position
    if (!page.more) break
  }
  if (applied.size !== everything.length || everything.some((c) => !applied.has(c.position))) {
    throw new Error(`the subscriber applied ${applied.size} of ${everything.length} entries`)
  }
  for (const copy of applied.values()) console.log("  applied", copy.line)
  if (JSON.stringify(everything).includes("Mustermann")) throw new Error("the feed kept personal data after the anonymization")
})

await Effect.runPromise(program.pipe(Effect.provide(Memory.layer())))
