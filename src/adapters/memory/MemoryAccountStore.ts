/**
 * The in-memory account store: the reference implementation of the {@link AccountStore} port.
 *
 * It keeps everything in per-tenant maps inside one process and loses it when the process ends:
 * use it for tests, demos and prototypes, and as the executable specification a database adapter
 * is checked against (the conformance suite in `customer-account/testing` runs against it).
 *
 * ## How it keeps data
 *
 * - Accounts and activities are kept as domain values (`Account`, `Activity` instances), immutable
 *   and shared, as the port's contract has it: a save keeps the very instances it is handed,
 *   deep-frozen in place (their constructor checked them; the parts a new version shares with the
 *   stored one are frozen already, so only what is new is visited), and every read hands out
 *   those same frozen values: no copy in, no copy out, no Schema encoding or decoding. Anything
 *   handed in that is not an instance is encoded and decoded with its Schema first (and refused
 *   when it does not encode). `DateTime` values are immutable and shared (they cache their parts
 *   in themselves, so they are not frozen). Only `dump` encodes, to plain JSON.
 * - Tombstones, idempotency records and intents are kept in their Schema's JSON encoding,
 *   deep-frozen, and decoded on every read into values frozen before they are handed out.
 * - Tenancy is a matter of keys: every value lives in its tenant's maps and is found only through
 *   them; a write naming another tenant is refused. No read copies a value to check anything.
 * - Every operation runs synchronously inside one effect, so a write is atomic with respect to
 *   every other fiber (rules `command.atomic`, `command.optimistic-concurrency`): it checks
 *   everything first (version, email, number, the write's own consistency) and changes nothing
 *   unless all checks pass.
 * - Indexes (number, normalized email of live customers, search keys, timeline orderings) are
 *   updated with every write and hold nothing of an account that the account does not hold any
 *   more: after anonymization, the old email and names are gone from them too.
 *
 * ## Timeline
 *
 * Per customer, the activities are kept in arrays sorted by `(at, append sequence)`: one with
 * every activity and, once the timeline holds 64 activities, one per group, per type and per actor
 * kind, with a map by id (a shorter timeline is scanned instead: as fast at that size, and without
 * those maps and arrays a customer with 20 activities needs about 30% less heap). A page picks the
 * smallest set of arrays that covers the query's filters, finds the cursor's place in each by
 * binary search and merges from there, newest first, so a page costs `O(k log n + page)` at any
 * depth (`k` the number of arrays merged), plus the activities skipped by the filters not used to
 * pick the arrays. Appending with a later `at` (the usual case) is a push; a host activity with an earlier
 * `at` is inserted at its place.
 *
 * Cursors are opaque (base64url of a small JSON document) and checked with a Schema; a cursor the
 * store did not hand out fails with {@link InvalidCursor}, never with a defect. No cursor carries
 * a counter shared by tenants (rule `tenant.private-counters`): a timeline's append sequence is
 * the customer's own, the registration sequence of the customer list and the change feed's
 * positions are the tenant's own.
 *
 * ## Change feed
 *
 * Each tenant has a commit log (`MemoryChangeLog`): a save's activities get the next positions of
 * the tenant's feed in the same synchronous step that stores them, so a position is visible only
 * with every position before it (rule `feed.commit-order`). The log holds the same frozen
 * activities as the timeline: a rewrite swaps them in place, a removal empties the customer's
 * slots and adds a deletion entry with the tombstone (rule `feed.erasure`).
 *
 * ## Writes the store refuses as malformed
 *
 * Besides the port's typed refusals, a write that contradicts itself fails with
 * {@link StorageError} and changes nothing: an account or activity of another tenant or customer,
 * an account whose version is not `expectedVersion + 1`, a changed customer number, duplicate
 * activity ids, a rewrite of an activity the customer's timeline does not hold, an idempotency key
 * already recorded, or a tombstone whose number is not the account's.
 *
 * @module
 */
import { DateTime, Effect, Layer, Option, Result, Schema } from "effect"
import { cursorDecoder, encodeCursor } from "../Cursors.ts"
import { freezeDeep } from "../Frozen.ts"
import { Account, displayName, Tombstone } from "../../domain/Account.ts"
import { Activity } from "../../domain/Activity.ts"
import { activityGroups, type ActivityGroup } from "../../domain/ActivityGroup.ts"
import type { ActorKind } from "../../domain/Actor.ts"
import { normalizeEmail } from "../../domain/Email.ts"
import type { CustomerId, TenantId } from "../../domain/Ids.ts"
import { Intent } from "../../domain/Intent.ts"
import {
  type AccountRemoval,
  AccountStore,
  type AccountStoreService,
  type AccountWrite,
  type Change,
  type ChangePage,
  type ChangesQuery,
  CustomerNumberTaken,
  type CustomerListRow,
  type CustomerSearch,
  EmailTaken,
  type HistogramBar,
  type HistogramBucket,
  type HistogramQuery,
  IdempotencyRecord,
  type IntentQuery,
  InvalidCursor,
  maxPageSize,
  type Page,
  StorageError,
  type TimelineQuery,
  VersionConflict
} from "../../ports/AccountStore.ts"
import * as MemoryChangeLog from "./MemoryChangeLog.ts"

// ---------------------------------------------------------------------------------------------
// Stored shapes
// ---------------------------------------------------------------------------------------------

type TombstoneJson = typeof Tombstone.Encoded
type IdempotencyJson = typeof IdempotencyRecord.Encoded

/** One activity in the timeline indexes: its ordering key, its filter keys and its frozen value. */
interface Entry {
  readonly seq: number
  readonly at: number
  readonly id: string
  readonly group: ActivityGroup
  readonly type: string
  readonly actorKind: ActorKind
  readonly activity: Activity
}

/**
 * A customer's timeline: every ordering is sorted ascending by `(at, seq)`. The key indexes are
 * built once the timeline holds {@link keyIndexesFrom} entries; a shorter timeline is scanned,
 * which is as fast at that size and saves their maps and arrays (most of a customer's heap).
 */
interface Timeline {
  readonly all: Array<Entry>
  keys: KeyIndexes | undefined
  /** The customer's own append counter: the `seq` of the last entry appended (rule tenant.private-counters). */
  appended: number
}

/** The per-key orderings and the lookup by id of a long timeline. */
interface KeyIndexes {
  readonly byGroup: Map<ActivityGroup, Array<Entry>>
  readonly byType: Map<string, Array<Entry>>
  readonly byActorKind: Map<ActorKind, Array<Entry>>
  readonly byId: Map<string, Entry>
}

/** The length from which a timeline keeps its key indexes. */
const keyIndexesFrom = 64

/** A stored account: its frozen value plus the keys the indexes need. */
interface StoredAccount {
  readonly account: Account
  readonly version: number
  readonly customerNumber: string
  /** The normalized email when the account is live (holds its email), otherwise undefined. */
  readonly emailKey: string | undefined
  /** Lower-cased name keys for the search's prefix match. */
  readonly nameKeys: ReadonlyArray<string>
  /** The customer-list row, frozen; handed out as it is. */
  readonly row: CustomerListRow
  /** The registration sequence: the customer list's order. */
  readonly registration: number
}

interface StoredIdempotency {
  readonly json: IdempotencyJson
  readonly customerId: string
}

interface StoredIntent {
  readonly json: unknown
  readonly id: string
  readonly customerId: string
  readonly commandKey: string | undefined
  readonly kind: string
  readonly stage: string
  readonly status: string
  readonly createdAt: number
  readonly dueAt: number
}

interface TenantState {
  readonly accounts: Map<string, StoredAccount>
  /** Customer number -> customer id, live accounts (not deleted). */
  readonly numbers: Map<string, string>
  /** Numbers of deleted customers: never given again (rule tenant.customer-number). */
  readonly retiredNumbers: Set<string>
  /** Normalized email -> customer id, live (not anonymized) accounts only (rule tenant.email-unique). */
  readonly emails: Map<string, string>
  readonly tombstones: Map<string, TombstoneJson>
  readonly idempotency: Map<string, StoredIdempotency>
  readonly idempotencyKeysByCustomer: Map<string, Set<string>>
  readonly timelines: Map<string, Timeline>
  /** Accounts in registration order (ascending registration sequence). */
  readonly registrations: Array<{ readonly registration: number; readonly customerId: string }>
  /** The tenant's own registration counter (rule tenant.private-counters). */
  registered: number
  /** The tenant's change feed (rules feed.commit-order, feed.erasure). */
  readonly log: MemoryChangeLog.ChangeLog<Activity, TombstoneJson>
  /** Intents by id, in their JSON encoding, with the instants the queries compare. */
  readonly intents: Map<string, StoredIntent>
}

const emptyTenant = (): TenantState => ({
  accounts: new Map(),
  numbers: new Map(),
  retiredNumbers: new Set(),
  emails: new Map(),
  tombstones: new Map(),
  intents: new Map(),
  idempotency: new Map(),
  idempotencyKeysByCustomer: new Map(),
  timelines: new Map(),
  registrations: [],
  registered: 0,
  log: MemoryChangeLog.make()
})

const emptyTimeline = (): Timeline => ({ all: [], keys: undefined, appended: 0 })

// ---------------------------------------------------------------------------------------------
// Encoding helpers
// ---------------------------------------------------------------------------------------------

const encodeAccount = Schema.encodeUnknownResult(Account)
const encodeActivity = Schema.encodeUnknownResult(Activity)
const encodeTombstone = Schema.encodeUnknownResult(Tombstone)
const encodeIdempotency = Schema.encodeUnknownResult(IdempotencyRecord)
const decodeAccount = Schema.decodeUnknownResult(Account)
const decodeActivity = Schema.decodeUnknownResult(Activity)
const decodeTombstone = Schema.decodeUnknownResult(Tombstone)
const decodeIdempotency = Schema.decodeUnknownResult(IdempotencyRecord)
const encodeIntent = Schema.encodeUnknownResult(Intent)
const decodeIntent = Schema.decodeUnknownResult(Intent)

/**
 * A deep copy of an encoded value: plain objects and arrays are copied, primitives kept, anything
 * else (bytes, say) goes through `structuredClone`. It does what `structuredClone` does on the
 * JSON trees the store keeps, at a fraction of its cost (the copy is on every read and write).
 */
const copyJson = <A>(value: A): A => {
  if (typeof value !== "object" || value === null) return value
  if (Array.isArray(value)) return value.map(copyJson) as A
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return structuredClone(value)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const copied = copyJson((value as Record<string, unknown>)[key])
    if (key === "__proto__") {
      Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true })
    } else out[key] = copied
  }
  return out as A
}

/**
 * The value the store keeps of a value handed in: an instance of the class as it is (its
 * constructor checked it); anything else is encoded and decoded with the Schema first, and refused
 * when it does not encode or decode. The write freezes it once every check has passed.
 */
const keepValue = <A>(
  isInstance: (value: unknown) => boolean,
  encode: (value: unknown) => Result.Result<unknown, Schema.SchemaError>,
  decode: (input: unknown) => Result.Result<A, Schema.SchemaError>,
  value: A
): Result.Result<A, string> => {
  if (isInstance(value)) return Result.succeed(value)
  const encoded = encode(value)
  if (Result.isFailure(encoded)) return Result.fail(encoded.failure.message)
  const decoded = decode(encoded.success)
  return Result.isSuccess(decoded) ? Result.succeed(decoded.success) : Result.fail(decoded.failure.message)
}

const isAccount = (value: unknown): boolean => value instanceof Account
const isActivity = (value: unknown): boolean => value instanceof Activity
const encodeAccountSync = Schema.encodeSync(Account)
const encodeActivitySync = Schema.encodeSync(Activity)

/** Encodes a value handed in into a private, frozen JSON copy (Schema.Json values are shared otherwise). */
const keep = <A>(encoded: Result.Result<A, Schema.SchemaError>): Result.Result<A, string> =>
  Result.isSuccess(encoded)
    ? Result.succeed(freezeDeep(copyJson(encoded.success)))
    : Result.fail(encoded.failure.message)

/** Decodes a stored JSON value and freezes what it hands out (the JSON is frozen already). */
const readStored = <A>(
  operation: string,
  decode: (input: unknown) => Result.Result<A, Schema.SchemaError>,
  json: unknown
): Effect.Effect<A, StorageError> => {
  const decoded = decode(json)
  return Result.isSuccess(decoded)
    ? Effect.succeed(freezeDeep(decoded.success))
    : Effect.fail(new StorageError({ operation, message: `A stored value no longer decodes: ${decoded.failure.message}` }))
}

// ---------------------------------------------------------------------------------------------
// Cursors
// ---------------------------------------------------------------------------------------------

const TimelineCursor = Schema.Struct({
  v: Schema.Literal(1),
  k: Schema.Literal("timeline"),
  at: Schema.Int,
  seq: Schema.Int
})

const SearchCursor = Schema.Struct({
  v: Schema.Literal(1),
  k: Schema.Literal("search"),
  registration: Schema.Int
})


const decodeTimelineCursor = cursorDecoder(TimelineCursor, "a timeline")
const decodeSearchCursor = cursorDecoder(SearchCursor, "the customer list")

const FeedPosition = Schema.Struct({
  v: Schema.Literal(1),
  k: Schema.Literal("feed"),
  p: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))
})

const decodeFeedPosition = cursorDecoder(FeedPosition, "the change feed")
const feedPosition = (position: number): string => encodeCursor({ v: 1, k: "feed", p: position })

// ---------------------------------------------------------------------------------------------
// Sorted arrays
// ---------------------------------------------------------------------------------------------

/** The first index whose entry is not before `(at, seq)`. */
const lowerBound = (entries: ReadonlyArray<Entry>, at: number, seq: number): number => {
  let lo = 0
  let hi = entries.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const e = entries[mid]!
    if (e.at < at || (e.at === at && e.seq < seq)) lo = mid + 1
    else hi = mid
  }
  return lo
}

const insertSorted = (entries: Array<Entry>, entry: Entry): void => {
  const last = entries[entries.length - 1]
  if (last === undefined || last.at < entry.at || (last.at === entry.at && last.seq < entry.seq)) {
    entries.push(entry)
  } else {
    entries.splice(lowerBound(entries, entry.at, entry.seq), 0, entry)
  }
}

const removeSorted = (entries: Array<Entry>, entry: Entry): void => {
  const index = lowerBound(entries, entry.at, entry.seq)
  if (entries[index] === entry) entries.splice(index, 1)
}

/** The first index whose registration is not below `registration`. */
const registrationIndex = (
  list: ReadonlyArray<{ readonly registration: number }>,
  registration: number
): number => {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list[mid]!.registration < registration) lo = mid + 1
    else hi = mid
  }
  return lo
}

const bucketOf = <K>(map: Map<K, Array<Entry>>, key: K): Array<Entry> => {
  const found = map.get(key)
  if (found !== undefined) return found
  const created: Array<Entry> = []
  map.set(key, created)
  return created
}

/** The entry of an activity id: by the index of a long timeline, by a scan of a short one. */
const entryById = (timeline: Timeline, id: string): Entry | undefined =>
  timeline.keys === undefined ? timeline.all.find((e) => e.id === id) : timeline.keys.byId.get(id)

const addKeys = (keys: KeyIndexes, entry: Entry): void => {
  insertSorted(bucketOf(keys.byGroup, entry.group), entry)
  insertSorted(bucketOf(keys.byType, entry.type), entry)
  insertSorted(bucketOf(keys.byActorKind, entry.actorKind), entry)
  keys.byId.set(entry.id, entry)
}

const indexEntry = (timeline: Timeline, entry: Entry): void => {
  insertSorted(timeline.all, entry)
  if (timeline.keys !== undefined) addKeys(timeline.keys, entry)
  else if (timeline.all.length >= keyIndexesFrom) {
    const keys: KeyIndexes = { byGroup: new Map(), byType: new Map(), byActorKind: new Map(), byId: new Map() }
    for (const e of timeline.all) addKeys(keys, e)
    timeline.keys = keys
  }
}

const unindexEntry = (timeline: Timeline, entry: Entry): void => {
  removeSorted(timeline.all, entry)
  const keys = timeline.keys
  if (keys === undefined) return
  removeSorted(bucketOf(keys.byGroup, entry.group), entry)
  removeSorted(bucketOf(keys.byType, entry.type), entry)
  removeSorted(bucketOf(keys.byActorKind, entry.actorKind), entry)
  keys.byId.delete(entry.id)
}

const replaceSorted = (entries: Array<Entry>, old: Entry, entry: Entry): void => {
  const index = lowerBound(entries, old.at, old.seq)
  if (entries[index] === old) entries[index] = entry
  else insertSorted(entries, entry)
}

/**
 * Puts a rewritten activity's entry where the old one was: in place when its ordering and filter
 * keys are unchanged (a redaction), so rewriting a whole timeline costs O(n log n), not O(n²).
 */
const reindexEntry = (timeline: Timeline, old: Entry, entry: Entry): void => {
  if (
    entry.at !== old.at || entry.seq !== old.seq || entry.group !== old.group || entry.type !== old.type ||
    entry.actorKind !== old.actorKind
  ) {
    unindexEntry(timeline, old)
    indexEntry(timeline, entry)
    return
  }
  replaceSorted(timeline.all, old, entry)
  const keys = timeline.keys
  if (keys === undefined) return
  replaceSorted(bucketOf(keys.byGroup, entry.group), old, entry)
  replaceSorted(bucketOf(keys.byType, entry.type), old, entry)
  replaceSorted(bucketOf(keys.byActorKind, entry.actorKind), old, entry)
  keys.byId.set(entry.id, entry)
}

const makeEntry = (seq: number, activity: Activity): Entry => ({
  seq,
  at: DateTime.toEpochMillis(activity.at),
  id: activity.id,
  group: activity.group,
  type: activity.type,
  actorKind: activity.actor._tag,
  activity
})

// ---------------------------------------------------------------------------------------------
// Accounts: index keys
// ---------------------------------------------------------------------------------------------

const nameKeysOf = (account: Account): ReadonlyArray<string> => {
  const p = account.profile
  const keys: Array<string> = []
  if (p.kind === "company") keys.push(p.companyName)
  if (p.firstName !== undefined) keys.push(p.firstName)
  if (p.lastName !== undefined) keys.push(p.lastName)
  if (p.firstName !== undefined && p.lastName !== undefined) keys.push(`${p.firstName} ${p.lastName}`)
  return keys.map((k) => k.toLowerCase())
}

const isLive = (account: Account): boolean => account.lifecycle.status !== "anonymized"

const rowOf = (account: Account): CustomerListRow =>
  Object.freeze({
    customerId: account.customerId,
    customerNumber: account.customerNumber,
    displayName: displayName(account),
    email: account.profile.email,
    status: account.lifecycle.status
  })

// ---------------------------------------------------------------------------------------------
// Histogram buckets (UTC)
// ---------------------------------------------------------------------------------------------

const dayMillis = 86_400_000

const bucketStart = (bucket: HistogramBucket, millis: number): number => {
  const day = Math.floor(millis / dayMillis)
  switch (bucket) {
    case "day":
      return day * dayMillis
    case "week": {
      // 1970-01-01 was a Thursday; (day + 3) mod 7 is the number of days since Monday.
      const sinceMonday = (((day + 3) % 7) + 7) % 7
      return (day - sinceMonday) * dayMillis
    }
    case "month": {
      const date = new Date(millis)
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The store
// ---------------------------------------------------------------------------------------------

/**
 * The memory store's service: the {@link AccountStoreService} plus `dump`.
 *
 * @category models
 */
export interface MemoryAccountStoreService extends AccountStoreService {
  /**
   * A JSON-serialisable snapshot of everything the store holds, per tenant: the accounts (in their
   * Schema encoding), the activities of each customer (oldest first), the tombstones and the
   * idempotency records, and the change feed. Indexes are left out: they are derived from these. Tests use it to show
   * that nothing personal survives an anonymization or a deletion.
   */
  readonly dump: Effect.Effect<MemoryAccountStoreDump>
}

/**
 * The shape of {@link MemoryAccountStoreService.dump}: plain JSON, keyed by tenant id.
 *
 * @category models
 */
export interface MemoryAccountStoreDump {
  /** Each tenant's data. */
  readonly tenants: {
    readonly [tenantId: string]: {
      /** The accounts, encoded, in registration order. */
      readonly accounts: ReadonlyArray<unknown>
      /** Each customer's activities, encoded, oldest first (by `at`, then by append order). */
      readonly activities: { readonly [customerId: string]: ReadonlyArray<unknown> }
      /** The tombstones, encoded. */
      readonly tombstones: ReadonlyArray<unknown>
      /** The idempotency records, encoded. */
      readonly idempotencyRecords: ReadonlyArray<unknown>
      /**
       * The change feed in commit order: `{ position, activity }` (the activity encoded, as stored
       * now) or `{ position, tombstone }` (a deletion), positions as the tenant's plain numbers.
       */
      readonly feed: ReadonlyArray<unknown>
      /** The intents, encoded, oldest first. */
      readonly intents: ReadonlyArray<unknown>
    }
  }
}

const clampLimit = (limit: number): number =>
  Number.isFinite(limit) ? Math.min(maxPageSize, Math.max(1, Math.floor(limit))) : maxPageSize

const nonEmpty = <A>(values: ReadonlyArray<A> | undefined): ReadonlySet<A> | undefined =>
  values === undefined || values.length === 0 ? undefined : new Set(values)

/**
 * Makes a new, empty memory store. Each call makes a store of its own.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { MemoryAccountStore } from "customer-account"
 *
 * const program = Effect.gen(function*() {
 *   const store = yield* MemoryAccountStore.make
 *   return yield* store.dump
 * })
 * ```
 *
 * @category constructors
 */
export const make: Effect.Effect<MemoryAccountStoreService> = Effect.sync(() => {
  const tenants = new Map<string, TenantState>()

  const peek = (tenantId: TenantId): TenantState | undefined => tenants.get(tenantId)
  const tenant = (tenantId: TenantId): TenantState => {
    const found = tenants.get(tenantId)
    if (found !== undefined) return found
    const created = emptyTenant()
    tenants.set(tenantId, created)
    return created
  }

  /** The stored account itself: frozen, shared by every reader. */
  const loadStored = (stored: StoredAccount | undefined): Option.Option<Account> =>
    stored === undefined ? Option.none() : Option.some(stored.account)

  // -------------------------------------------------------------------------------------------
  // Reads of accounts
  // -------------------------------------------------------------------------------------------

  const load: AccountStoreService["load"] = (tenantId, customerId) =>
    Effect.sync(() => loadStored(peek(tenantId)?.accounts.get(customerId)))

  const loadByNumber: AccountStoreService["loadByNumber"] = (tenantId, customerNumber) =>
    Effect.sync(() => {
      const state = peek(tenantId)
      const id = state?.numbers.get(customerNumber)
      return loadStored(id === undefined ? undefined : state?.accounts.get(id))
    })

  const loadByEmail: AccountStoreService["loadByEmail"] = (tenantId, email) =>
    Effect.sync(() => {
      const state = peek(tenantId)
      const id = state?.emails.get(normalizeEmail(email))
      return loadStored(id === undefined ? undefined : state?.accounts.get(id))
    })

  const tombstone: AccountStoreService["tombstone"] = (tenantId, customerId) =>
    Effect.suspend(() => {
      const json = peek(tenantId)?.tombstones.get(customerId)
      return json === undefined
        ? Effect.succeed(Option.none<Tombstone>())
        : Effect.map(readStored("AccountStore.tombstone", decodeTombstone, json), Option.some)
    })

  const idempotencyRecord: AccountStoreService["idempotencyRecord"] = (tenantId, key) =>
    Effect.suspend(() => {
      const stored = peek(tenantId)?.idempotency.get(key)
      return stored === undefined
        ? Effect.succeed(Option.none<IdempotencyRecord>())
        : Effect.map(readStored("AccountStore.idempotencyRecord", decodeIdempotency, stored.json), Option.some)
    })

  // -------------------------------------------------------------------------------------------
  // intents
  // -------------------------------------------------------------------------------------------

  /** Checks and encodes intents of a write about `customerId`; a message when one is malformed. */
  const checkIntents = (
    customerId: string,
    intents: ReadonlyArray<Intent> | undefined
  ): Result.Result<ReadonlyArray<StoredIntent>, string> => {
    const out: Array<StoredIntent> = []
    const seen = new Set<string>()
    for (const intent of intents ?? []) {
      if (customerId !== "" && intent.customerId !== customerId) return Result.fail(`intent ${intent.id} names another customer`)
      if (seen.has(intent.id)) return Result.fail(`intent id ${intent.id} is written twice`)
      seen.add(intent.id)
      const json = keep(encodeIntent(intent))
      if (Result.isFailure(json)) return Result.fail(`intent ${intent.id} does not encode: ${json.failure}`)
      out.push({
        json: json.success,
        id: intent.id,
        customerId: intent.customerId,
        commandKey: intent.commandKey,
        kind: intent.kind,
        stage: intent.stage,
        status: intent.status,
        createdAt: DateTime.toEpochMillis(intent.createdAt),
        dueAt: DateTime.toEpochMillis(intent.dueAt)
      })
    }
    return Result.succeed(out)
  }

  /** Stores checked intents; a stored `done` intent stays done. */
  const applyIntents = (state: TenantState, intents: ReadonlyArray<StoredIntent>): void => {
    for (const intent of intents) {
      if (state.intents.get(intent.id)?.status === "done") continue
      state.intents.set(intent.id, intent)
    }
  }

  const recordIntent: AccountStoreService["recordIntent"] = (tenantId, intent) =>
    Effect.suspend(() => {
      const checked = checkIntents("", [intent])
      if (Result.isFailure(checked)) {
        return Effect.fail(new StorageError({ operation: "AccountStore.recordIntent", message: `Refused a malformed intent: ${checked.failure}` }))
      }
      applyIntents(tenant(tenantId), checked.success)
      return Effect.void
    })

  const intentById: AccountStoreService["intent"] = (tenantId, id) =>
    Effect.suspend(() => {
      const stored = peek(tenantId)?.intents.get(id)
      return stored === undefined
        ? Effect.succeed(Option.none<Intent>())
        : Effect.map(readStored("AccountStore.intent", decodeIntent, stored.json), Option.some)
    })

  const intentsOf: AccountStoreService["intents"] = (tenantId, query: IntentQuery) =>
    Effect.suspend(() => {
      const state = peek(tenantId)
      if (state === undefined) return Effect.succeed<ReadonlyArray<Intent>>([])
      const statuses = nonEmpty(query.status)
      const kinds = nonEmpty(query.kinds)
      const dueBy = query.dueBy === undefined ? undefined : DateTime.toEpochMillis(query.dueBy)
      const matching = [...state.intents.values()].filter((i) =>
        (statuses === undefined || statuses.has(i.status as never)) &&
        (kinds === undefined || kinds.has(i.kind as never)) &&
        (query.customerId === undefined || i.customerId === query.customerId) &&
        (query.commandKey === undefined || i.commandKey === query.commandKey) &&
        (query.stage === undefined || i.stage === query.stage) &&
        (dueBy === undefined || i.dueAt <= dueBy)
      )
      matching.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      return Effect.forEach(
        matching.slice(0, clampLimit(query.limit)),
        (i) => readStored("AccountStore.intents", decodeIntent, i.json)
      )
    })

  // -------------------------------------------------------------------------------------------
  // save
  // -------------------------------------------------------------------------------------------

  const save: AccountStoreService["save"] = (tenantId, write) =>
    Effect.suspend((): Effect.Effect<void, VersionConflict | EmailTaken | CustomerNumberTaken | StorageError> => {
      const checked = checkWrite(tenantId, write)
      if (Result.isFailure(checked)) return Effect.fail(checked.failure)
      applyWrite(tenantId, checked.success)
      return Effect.void
    })

  interface CheckedWrite {
    /** The account to keep (frozen when the write is applied). */
    readonly account: Account
    readonly existing: StoredAccount | undefined
    readonly emailKey: string | undefined
    /** The activities to keep (frozen when the write is applied). */
    readonly append: ReadonlyArray<Activity>
    readonly rewrite: ReadonlyArray<{ readonly activity: Activity; readonly old: Entry }>
    readonly idempotency: { readonly key: string; readonly json: IdempotencyJson } | undefined
    readonly forgetIdempotency: boolean
    readonly intents: ReadonlyArray<StoredIntent>
  }

  const checkWrite = (
    tenantId: TenantId,
    write: AccountWrite
  ): Result.Result<CheckedWrite, VersionConflict | EmailTaken | CustomerNumberTaken | StorageError> => {
    const invalid = (message: string) =>
      Result.fail(new StorageError({ operation: "AccountStore.save", message: `Refused a malformed write: ${message}` }))
    const kept = keepValue(isAccount, encodeAccount, decodeAccount, write.account)
    if (Result.isFailure(kept)) return invalid(`the account does not encode: ${kept.failure}`)
    const account = kept.success
    const customerId = account.customerId
    if (account.tenantId !== tenantId) {
      return invalid(`the account belongs to tenant ${account.tenantId}, the write names ${tenantId} (rule tenant.isolation)`)
    }

    const state = peek(tenantId)
    const existing = state?.accounts.get(customerId)
    const timeline = state?.timelines.get(customerId)

    // Optimistic concurrency first: a stale write is retried, whatever else is wrong with it.
    const expected = write.expectedVersion
    if (expected === 0) {
      if (existing !== undefined || state?.tombstones.has(customerId) === true) {
        return Result.fail(
          new VersionConflict({
            rule: "command.optimistic-concurrency",
            customerId,
            expectedVersion: 0,
            actualVersion: existing?.version ?? 0,
            message: existing !== undefined
              ? `Customer ${customerId} exists already (version ${existing.version}); a new account expects none`
              : `Customer ${customerId} was deleted; its id is not given again`
          })
        )
      }
    } else if (existing === undefined || existing.version !== expected) {
      const actual = existing?.version ?? 0
      return Result.fail(
        new VersionConflict({
          rule: "command.optimistic-concurrency",
          customerId,
          expectedVersion: expected,
          actualVersion: actual,
          message: existing === undefined
            ? `Customer ${customerId} does not exist; the write expected version ${expected}`
            : `Customer ${customerId} is at version ${actual}; the write expected version ${expected}`
        })
      )
    }
    if (account.version !== expected + 1) {
      return invalid(`the account's version is ${account.version}; a write expecting ${expected} stores ${expected + 1}`)
    }

    // Customer numbers (rule tenant.customer-number).
    if (existing === undefined) {
      if (state?.numbers.has(account.customerNumber) === true || state?.retiredNumbers.has(account.customerNumber) === true) {
        return Result.fail(
          new CustomerNumberTaken({
            rule: "tenant.customer-number",
            customerNumber: account.customerNumber,
            message:
              `Customer number ${account.customerNumber} is taken in this tenant, now or by a deleted customer (rule tenant.customer-number)`
          })
        )
      }
    } else if (existing.customerNumber !== account.customerNumber) {
      return invalid(`the customer number of ${customerId} cannot change (rule tenant.customer-number)`)
    }

    // Email (rule tenant.email-unique): only a live account holds its email.
    const emailKey = isLive(account) ? normalizeEmail(account.profile.email) : undefined
    if (emailKey !== undefined) {
      const holder = state?.emails.get(emailKey)
      if (holder !== undefined && holder !== customerId) {
        return Result.fail(
          new EmailTaken({
            rule: "tenant.email-unique",
            path: "profile.email",
            message: "Another live customer of this tenant has this email (rule tenant.email-unique)"
          })
        )
      }
    }

    // Activities.
    const seen = new Set<string>()
    const append: Array<Activity> = []
    for (const activity of write.append) {
      if (activity.tenantId !== tenantId || activity.customerId !== customerId) {
        return invalid(`activity ${activity.id} belongs to another customer or tenant than the account`)
      }
      if (seen.has(activity.id) || (timeline !== undefined && entryById(timeline, activity.id) !== undefined)) {
        return invalid(`activity id ${activity.id} is used twice`)
      }
      seen.add(activity.id)
      const encoded = keepValue(isActivity, encodeActivity, decodeActivity, activity)
      if (Result.isFailure(encoded)) return invalid(`activity ${activity.id} does not encode: ${encoded.failure}`)
      append.push(encoded.success)
    }
    const rewrite: Array<{ activity: Activity; old: Entry }> = []
    const rewritten = new Set<string>()
    for (const activity of write.rewrite ?? []) {
      if (activity.tenantId !== tenantId || activity.customerId !== customerId) {
        return invalid(`activity ${activity.id} belongs to another customer or tenant than the account`)
      }
      const old = timeline === undefined ? undefined : entryById(timeline, activity.id)
      if (old === undefined) return invalid(`activity ${activity.id} is not in the customer's timeline and cannot be rewritten`)
      if (rewritten.has(activity.id) || seen.has(activity.id)) return invalid(`activity id ${activity.id} is written twice`)
      rewritten.add(activity.id)
      const encoded = keepValue(isActivity, encodeActivity, decodeActivity, activity)
      if (Result.isFailure(encoded)) return invalid(`activity ${activity.id} does not encode: ${encoded.failure}`)
      rewrite.push({ activity: encoded.success, old })
    }

    // Idempotency record (rule command.idempotency).
    let idempotency: CheckedWrite["idempotency"] = undefined
    if (write.idempotency !== undefined) {
      const record = write.idempotency
      if (record.customerId !== customerId) return invalid("the idempotency record names another customer")
      if (state?.idempotency.has(record.key) === true) {
        // Another command with the same key won the race: a conflict, so the engine re-reads the
        // record and returns the first run's outcome (rule command.idempotency).
        return Result.fail(
          new VersionConflict({
            rule: "command.optimistic-concurrency",
            customerId,
            expectedVersion: write.expectedVersion,
            actualVersion: existing?.version ?? 0,
            message: `The idempotency key ${record.key} was recorded by another command first (rule command.idempotency)`
          })
        )
      }
      const encoded = keep(encodeIdempotency(record))
      if (Result.isFailure(encoded)) return invalid(`the idempotency record does not encode: ${encoded.failure}`)
      idempotency = { key: record.key, json: encoded.success }
    }

    const intents = checkIntents(customerId, write.intents)
    if (Result.isFailure(intents)) return invalid(intents.failure)

    return Result.succeed({
      account,
      existing,
      emailKey,
      append,
      rewrite,
      idempotency,
      forgetIdempotency: write.forgetIdempotency === true,
      intents: intents.success
    })
  }

  /** Applies a checked write; cannot fail. Its values become the store's: frozen, only what is new. */
  const applyWrite = (tenantId: TenantId, write: CheckedWrite): void => {
    const state = tenant(tenantId)
    const { account, existing } = write
    freezeDeep(account)
    for (const activity of write.append) freezeDeep(activity)
    for (const { activity } of write.rewrite) freezeDeep(activity)
    const customerId = account.customerId

    // Account and its indexes.
    if (existing?.emailKey !== undefined && state.emails.get(existing.emailKey) === customerId) {
      state.emails.delete(existing.emailKey)
    }
    if (write.emailKey !== undefined) state.emails.set(write.emailKey, customerId)
    let registration = existing?.registration
    if (registration === undefined) {
      registration = ++state.registered
      state.registrations.push({ registration, customerId })
      state.numbers.set(account.customerNumber, customerId)
    }
    state.accounts.set(customerId, {
      account,
      version: account.version,
      customerNumber: account.customerNumber,
      emailKey: write.emailKey,
      nameKeys: nameKeysOf(account),
      row: rowOf(account),
      registration
    })

    // Timeline.
    let timeline = state.timelines.get(customerId)
    if (timeline === undefined) {
      timeline = emptyTimeline()
      state.timelines.set(customerId, timeline)
    }
    for (const { activity, old } of write.rewrite) {
      reindexEntry(timeline, old, makeEntry(old.seq, activity))
      state.log.rewrite(customerId, activity)
    }
    for (const activity of write.append) indexEntry(timeline, makeEntry(++timeline.appended, activity))
    state.log.append(customerId, write.append)

    // Idempotency records: the customer's earlier ones go first when asked (anonymization).
    if (write.forgetIdempotency) {
      for (const key of state.idempotencyKeysByCustomer.get(customerId) ?? []) state.idempotency.delete(key)
      state.idempotencyKeysByCustomer.delete(customerId)
    }
    if (write.idempotency !== undefined) {
      state.idempotency.set(write.idempotency.key, { json: write.idempotency.json, customerId })
      let keys = state.idempotencyKeysByCustomer.get(customerId)
      if (keys === undefined) {
        keys = new Set()
        state.idempotencyKeysByCustomer.set(customerId, keys)
      }
      keys.add(write.idempotency.key)
    }
    applyIntents(state, write.intents)
  }

  // -------------------------------------------------------------------------------------------
  // remove
  // -------------------------------------------------------------------------------------------

  const remove: AccountStoreService["remove"] = (tenantId, removal: AccountRemoval) =>
    Effect.suspend((): Effect.Effect<void, VersionConflict | StorageError> => {
      const invalid = (message: string) =>
        Effect.fail(new StorageError({ operation: "AccountStore.remove", message: `Refused a malformed removal: ${message}` }))
      const stone = removal.tombstone
      if (stone.tenantId !== tenantId) {
        return invalid(`the tombstone belongs to tenant ${stone.tenantId}, the removal names ${tenantId} (rule tenant.isolation)`)
      }
      const customerId = stone.customerId
      const state = peek(tenantId)
      const existing = state?.accounts.get(customerId)
      if (state === undefined || existing === undefined || existing.version !== removal.expectedVersion) {
        const actual = existing?.version ?? 0
        return Effect.fail(
          new VersionConflict({
            rule: "command.optimistic-concurrency",
            customerId,
            expectedVersion: removal.expectedVersion,
            actualVersion: actual,
            message: existing === undefined
              ? `Customer ${customerId} does not exist; nothing to remove`
              : `Customer ${customerId} is at version ${actual}; the removal expected version ${removal.expectedVersion}`
          })
        )
      }
      if (stone.customerNumber !== existing.customerNumber) {
        return invalid(`the tombstone's number ${stone.customerNumber} is not the account's`)
      }
      const json = keep(encodeTombstone(stone))
      if (Result.isFailure(json)) return invalid(`the tombstone does not encode: ${json.failure}`)
      const intents = checkIntents(customerId, removal.intents)
      if (Result.isFailure(intents)) return invalid(intents.failure)

      state.accounts.delete(customerId)
      state.numbers.delete(existing.customerNumber)
      state.retiredNumbers.add(existing.customerNumber)
      if (existing.emailKey !== undefined && state.emails.get(existing.emailKey) === customerId) {
        state.emails.delete(existing.emailKey)
      }
      const at = registrationIndex(state.registrations, existing.registration)
      if (state.registrations[at]?.customerId === customerId) state.registrations.splice(at, 1)
      state.timelines.delete(customerId)
      for (const key of state.idempotencyKeysByCustomer.get(customerId) ?? []) state.idempotency.delete(key)
      state.idempotencyKeysByCustomer.delete(customerId)
      state.tombstones.set(customerId, json.success)
      state.log.remove(customerId, json.success)
      applyIntents(state, intents.success)
      return Effect.void
    })

  // -------------------------------------------------------------------------------------------
  // timeline
  // -------------------------------------------------------------------------------------------

  const timelineOf = (tenantId: TenantId, customerId: CustomerId): Timeline | undefined =>
    peek(tenantId)?.timelines.get(customerId)

  const timelinePage: AccountStoreService["timeline"] = (tenantId, customerId, query: TimelineQuery) =>
    Effect.suspend((): Effect.Effect<Page<Activity>, InvalidCursor | StorageError> => {
      let cursor: { readonly at: number; readonly seq: number } | undefined
      if (query.cursor !== undefined) {
        const decoded = decodeTimelineCursor(query.cursor)
        if (Result.isFailure(decoded)) return Effect.fail(decoded.failure)
        cursor = decoded.success
      }
      const timeline = timelineOf(tenantId, customerId)
      if (timeline === undefined) return Effect.succeed<Page<Activity>>({ items: [] })
      const limit = clampLimit(query.limit)
      const groups = nonEmpty(query.groups)
      const types = nonEmpty(query.types)
      const kinds = nonEmpty(query.actorKinds)
      const from = query.from === undefined ? undefined : DateTime.toEpochMillis(query.from)
      const until = query.until === undefined ? undefined : DateTime.toEpochMillis(query.until)

      // The smallest set of sorted arrays that holds every match.
      const candidates: Array<ReadonlyArray<ReadonlyArray<Entry>>> = [[timeline.all]]
      const pick = <K>(keys: ReadonlySet<K> | undefined, map: Map<K, Array<Entry>>) => {
        if (keys === undefined) return
        const lists: Array<Array<Entry>> = []
        for (const key of keys) {
          const list = map.get(key)
          if (list !== undefined && list.length > 0) lists.push(list)
        }
        candidates.push(lists)
      }
      // A short timeline has no key indexes: its one list is scanned.
      if (timeline.keys !== undefined) {
        pick(types, timeline.keys.byType)
        pick(groups, timeline.keys.byGroup)
        pick(kinds, timeline.keys.byActorKind)
      }
      const size = (lists: ReadonlyArray<ReadonlyArray<Entry>>) => lists.reduce((n, l) => n + l.length, 0)
      let lists = candidates[0]!
      for (const c of candidates) if (size(c) < size(lists)) lists = c

      const matches = (e: Entry): boolean =>
        (groups === undefined || groups.has(e.group)) &&
        (types === undefined || types.has(e.type)) &&
        (kinds === undefined || kinds.has(e.actorKind))

      // Each list's position: the last entry before both the cursor and `until`.
      const positions = lists.map((list) => {
        let end = list.length
        if (cursor !== undefined) end = Math.min(end, lowerBound(list, cursor.at, cursor.seq))
        if (until !== undefined) end = Math.min(end, lowerBound(list, until, Number.NEGATIVE_INFINITY))
        return end - 1
      })

      // Merge newest first.
      const next = (): Entry | undefined => {
        let best = -1
        let bestEntry: Entry | undefined
        for (let i = 0; i < lists.length; i++) {
          const p = positions[i]!
          if (p < 0) continue
          const e = lists[i]![p]!
          if (bestEntry === undefined || e.at > bestEntry.at || (e.at === bestEntry.at && e.seq > bestEntry.seq)) {
            best = i
            bestEntry = e
          }
        }
        if (bestEntry === undefined || (from !== undefined && bestEntry.at < from)) return undefined
        positions[best] = positions[best]! - 1
        return bestEntry
      }

      const found: Array<Entry> = []
      let more = false
      for (let e = next(); e !== undefined; e = next()) {
        if (!matches(e)) continue
        if (found.length === limit) {
          more = true
          break
        }
        found.push(e)
      }
      const items = found.map((e) => e.activity)
      const last = found[found.length - 1]
      return Effect.succeed<Page<Activity>>(
        more && last !== undefined
          ? { items, nextCursor: encodeCursor({ v: 1, k: "timeline", at: last.at, seq: last.seq }) }
          : { items }
      )
    })

  // -------------------------------------------------------------------------------------------
  // histogram
  // -------------------------------------------------------------------------------------------

  const histogram: AccountStoreService["histogram"] = (tenantId, customerId, query: HistogramQuery) =>
    Effect.sync(() => {
      const timeline = timelineOf(tenantId, customerId)
      if (timeline === undefined) return []
      const groups = nonEmpty(query.groups)
      const from = query.from === undefined ? undefined : DateTime.toEpochMillis(query.from)
      const until = query.until === undefined ? undefined : DateTime.toEpochMillis(query.until)
      const counts = new Map<number, Map<ActivityGroup, number>>()
      const countIn = (list: ReadonlyArray<Entry>): void => {
        const start = from === undefined ? 0 : lowerBound(list, from, Number.NEGATIVE_INFINITY)
        const end = until === undefined ? list.length : lowerBound(list, until, Number.NEGATIVE_INFINITY)
        for (let i = start; i < end; i++) {
          const entry = list[i]!
          if (groups !== undefined && !groups.has(entry.group)) continue
          const bucket = bucketStart(query.bucket, entry.at)
          let perGroup = counts.get(bucket)
          if (perGroup === undefined) {
            perGroup = new Map()
            counts.set(bucket, perGroup)
          }
          perGroup.set(entry.group, (perGroup.get(entry.group) ?? 0) + 1)
        }
      }
      const keys = timeline.keys
      if (keys === undefined) countIn(timeline.all)
      else {
        for (const group of activityGroups) {
          if (groups !== undefined && !groups.has(group)) continue
          const list = keys.byGroup.get(group)
          if (list !== undefined) countIn(list)
        }
      }
      const bars: Array<HistogramBar> = []
      for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
        const perGroup = counts.get(bucket)!
        for (const group of activityGroups) {
          const count = perGroup.get(group)
          if (count !== undefined) bars.push({ start: instantOf(bucket), group, count })
        }
      }
      return bars
    })

  // -------------------------------------------------------------------------------------------
  // search
  // -------------------------------------------------------------------------------------------

  const search: AccountStoreService["search"] = (tenantId, query: CustomerSearch) =>
    Effect.suspend((): Effect.Effect<Page<CustomerListRow>, InvalidCursor | StorageError> => {
      let after = 0
      if (query.cursor !== undefined) {
        const decoded = decodeSearchCursor(query.cursor)
        if (Result.isFailure(decoded)) return Effect.fail(decoded.failure)
        after = decoded.success.registration
      }
      const state = peek(tenantId)
      if (state === undefined) return Effect.succeed<Page<CustomerListRow>>({ items: [] })
      const limit = clampLimit(query.limit)
      const text = query.text?.trim()
      const prefix = text?.toLowerCase()
      const email = text === undefined ? undefined : normalizeEmail(text)
      const matches = (stored: StoredAccount): boolean =>
        text === undefined ||
        stored.customerNumber === text ||
        (stored.emailKey !== undefined && stored.emailKey === email) ||
        stored.nameKeys.some((key) => key.startsWith(prefix!))

      // First registration after the cursor, by binary search.
      const list = state.registrations
      const lo = registrationIndex(list, after + 1)
      const items: Array<CustomerListRow> = []
      let last = after
      let more = false
      for (let i = lo; i < list.length; i++) {
        const stored = state.accounts.get(list[i]!.customerId)
        if (stored === undefined || !matches(stored)) continue
        if (items.length === limit) {
          more = true
          break
        }
        items.push(stored.row)
        last = stored.registration
      }
      return Effect.succeed<Page<CustomerListRow>>(
        more ? { items, nextCursor: encodeCursor({ v: 1, k: "search", registration: last }) } : { items }
      )
    })

  // -------------------------------------------------------------------------------------------
  // changes
  // -------------------------------------------------------------------------------------------

  const changes: AccountStoreService["changes"] = (tenantId, query: ChangesQuery) =>
    Effect.suspend((): Effect.Effect<ChangePage, InvalidCursor | StorageError> => {
      const log = peek(tenantId)?.log
      let after = 0
      if (query.after !== undefined) {
        const decoded = decodeFeedPosition(query.after)
        if (Result.isFailure(decoded)) return Effect.fail(decoded.failure)
        after = decoded.success.p
        // A position ahead of the feed was never handed out by this store (or by this tenant's feed).
        if (after > (log?.last() ?? 0)) {
          return Effect.fail(
            new InvalidCursor({ cursor: query.after, message: "Not a position of this tenant's change feed; start again without one" })
          )
        }
      }
      if (log === undefined) return Effect.succeed<ChangePage>({ changes: [], more: false })
      const read = log.read(after, clampLimit(query.limit))
      const out: Array<Change> = []
      for (const entry of read.entries) {
        if (entry._tag === "Activity") {
          out.push({ _tag: "Activity", position: feedPosition(entry.position), activity: entry.activity })
        } else {
          const decoded = decodeTombstone(entry.tombstone)
          if (Result.isFailure(decoded)) {
            return Effect.fail(
              new StorageError({ operation: "AccountStore.changes", message: `A stored value no longer decodes: ${decoded.failure.message}` })
            )
          }
          out.push({ _tag: "Deletion", position: feedPosition(entry.position), tombstone: freezeDeep(decoded.success) })
        }
      }
      const last = out[out.length - 1]
      const position = last !== undefined ? last.position : query.after
      return Effect.succeed<ChangePage>({ changes: out, more: read.more, ...(position === undefined ? {} : { position }) })
    })

  // -------------------------------------------------------------------------------------------
  // dump
  // -------------------------------------------------------------------------------------------

  const dump: Effect.Effect<MemoryAccountStoreDump> = Effect.sync(() => {
    const out: Record<string, MemoryAccountStoreDump["tenants"][string]> = {}
    for (const [tenantId, state] of tenants) {
      const activities: Record<string, ReadonlyArray<unknown>> = {}
      for (const [customerId, timeline] of state.timelines) {
        activities[customerId] = timeline.all.map((e) => copyJson(encodeActivitySync(e.activity)))
      }
      out[tenantId] = {
        accounts: state.registrations.flatMap((r) => {
          const stored = state.accounts.get(r.customerId)
          return stored === undefined ? [] : [copyJson(encodeAccountSync(stored.account))]
        }),
        activities,
        tombstones: [...state.tombstones.values()].map((t) => structuredClone(t)),
        idempotencyRecords: [...state.idempotency.values()].map((r) => structuredClone(r.json)),
        feed: state.log.read(0, Number.POSITIVE_INFINITY).entries.map((e) =>
          e._tag === "Activity"
            ? { position: e.position, activity: copyJson(encodeActivitySync(e.activity)) }
            : { position: e.position, tombstone: structuredClone(e.tombstone) }
        ),
        intents: [...state.intents.values()].sort((a, b) => a.createdAt - b.createdAt).map((i) => structuredClone(i.json))
      }
    }
    return { tenants: out }
  })

  return {
    load,
    loadByNumber,
    loadByEmail,
    save,
    remove,
    tombstone,
    idempotencyRecord,
    recordIntent,
    intent: intentById,
    intents: intentsOf,
    timeline: timelinePage,
    histogram,
    search,
    changes,
    dump
  }
})

const instantOf = (millis: number): DateTime.Utc => DateTime.makeUnsafe(millis)

/**
 * A layer providing a new, empty memory store as the {@link AccountStore}. Each time the layer is
 * built (e.g. each `Effect.provide`), it makes a store of its own.
 *
 * @category layers
 */
export const layer: Layer.Layer<AccountStore> = Layer.effect(AccountStore, make)

