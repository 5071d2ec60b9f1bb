/**
 * The account store port: where accounts, their timelines, tombstones and idempotency records
 * live. A backend implements it over its own database; the in-memory adapter
 * (`MemoryAccountStore.layer`) is the reference implementation, and the conformance suite in
 * `customer-account/testing` checks any implementation against the contract written here.
 *
 * The contract, method by method, is in the TSDoc of {@link AccountStoreService}. Across methods:
 *
 * - Tenancy (rule `tenant.isolation`): every method names its tenant and sees only that tenant's
 *   data. An id of another tenant is simply not there.
 * - Atomicity (rule `command.atomic`): {@link AccountStoreService.save} and
 *   {@link AccountStoreService.remove} apply everything they are given, or nothing.
 * - Concurrency (rule `command.optimistic-concurrency`): writes name the version they were decided
 *   on and fail with {@link VersionConflict} when the stored version differs.
 * - The change feed (rules `feed.commit-order`, `feed.erasure`): {@link AccountStoreService.changes}
 *   lists a tenant's activities in commit order after a position the reader keeps.
 * - Values are immutable and shared: no copies in or out. Every domain value a method returns
 *   (an `Account`, an `Activity`, a `Tombstone`, an {@link IdempotencyRecord}, an `Intent`) is
 *   deeply frozen, and a store may hand the same object to every reader, now and later: a caller
 *   never changes one; a new version is a new value (`new Account({ ...current, ... })`), which may
 *   share its unchanged parts with the old. Every value handed to {@link AccountStoreService.save}
 *   or {@link AccountStoreService.remove} becomes the store's once the write succeeds: a store may
 *   keep the very objects, frozen in place, so a caller never changes them afterwards, and nothing
 *   it could do to them would change what is stored. A store freezes only what is new: the parts a
 *   new version shares with a stored one are frozen already (structural sharing). A value read
 *   before a write stays as it was; the write stores a new value beside it. `DateTime` values are
 *   immutable by their API and left unfrozen (they cache their parts in themselves).
 * - Tenancy is checked by the store's keys and indexes, never by copying a value out: every value
 *   a store holds is found through its tenant, and a write whose values name another tenant is
 *   refused (a `StorageError`), even when it was read from the store a moment ago.
 *
 * @module
 */
import { Context, type Effect, type Option, Schema } from "effect"
import { Account, Tombstone } from "../domain/Account.ts"
import { Activity } from "../domain/Activity.ts"
import { ActivityGroup } from "../domain/ActivityGroup.ts"
import { ActorKind } from "../domain/Actor.ts"
import { CustomerStatus } from "../domain/Lifecycle.ts"
import { CustomerId, CustomerNumber, TenantId } from "../domain/Ids.ts"
import { Instant } from "../domain/Instant.ts"
import { type Intent, IntentKind, IntentStage, IntentStatus } from "../domain/Intent.ts"

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * The stored version is not the one the write was decided on: someone else wrote first (rule
 * `command.optimistic-concurrency`). Nothing was written.
 *
 * @category errors
 */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  /** The rule that refused the write. */
  rule: Schema.Literal("command.optimistic-concurrency"),
  /** The customer written. */
  customerId: CustomerId,
  /** The version the write expected (0: the account must not exist yet). */
  expectedVersion: Schema.Number,
  /** The version found (0: no account). */
  actualVersion: Schema.Number,
  /** What happened. */
  message: Schema.String
}) {}

/**
 * Another live customer of the tenant has this email (rule `tenant.email-unique`). Nothing was
 * written. The message does not name the other customer.
 *
 * @category errors
 */
export class EmailTaken extends Schema.TaggedError<EmailTaken>()("EmailTaken", {
  /** The rule that refused the write. */
  rule: Schema.Literal("tenant.email-unique"),
  /** Where the email is in the input. */
  path: Schema.String,
  /** What happened. */
  message: Schema.String
}) {}

/**
 * The customer number is taken in the tenant, now or by a deleted customer (rule
 * `tenant.customer-number`): the number port handed out a number twice. Nothing was written.
 *
 * @category errors
 */
export class CustomerNumberTaken extends Schema.TaggedError<CustomerNumberTaken>()("CustomerNumberTaken", {
  /** The rule that refused the write. */
  rule: Schema.Literal("tenant.customer-number"),
  /** The number. */
  customerNumber: CustomerNumber,
  /** What happened. */
  message: Schema.String
}) {}

/**
 * The store could not be reached or failed (a database error, a lost connection). The memory
 * adapter never fails this way; a database adapter maps its driver's errors to it.
 *
 * @category errors
 */
export class StorageError extends Schema.TaggedError<StorageError>()("StorageError", {
  /** Which operation failed, e.g. `AccountStore.save`. */
  operation: Schema.String,
  /** What happened, without personal data. */
  message: Schema.String
}) {}

/**
 * A query's cursor is not one this store handed out (malformed, truncated, or from another kind
 * of list). Nothing was read; start again without a cursor.
 *
 * @category errors
 */
export class InvalidCursor extends Schema.TaggedError<InvalidCursor>()("InvalidCursor", {
  /** The cursor as given. */
  cursor: Schema.String,
  /** What was wrong with it. */
  message: Schema.String
}) {}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

/**
 * The record of a command run with an idempotency key (rule `command.idempotency`): the key, a
 * fingerprint of the command and its input, and the result to hand back on a repeat.
 *
 * @category models
 */
export class IdempotencyRecord extends Schema.Class<IdempotencyRecord>("customer-account/IdempotencyRecord")({
  /** The caller's key, unique per tenant. */
  key: Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 200))),
  /** A digest of the command name, the actor and the input; a repeat must match it. */
  fingerprint: Schema.String,
  /** The customer the command was about. */
  customerId: CustomerId,
  /** The command's result, as JSON. */
  result: Schema.Json,
  /** When the command ran. */
  at: Instant
}) {}

/**
 * One atomic write of an account (rule `command.atomic`):
 *
 * - `account`: the new state; its `version` is `expectedVersion + 1`;
 * - `expectedVersion`: the version the command was decided on; `0` registers a new account;
 * - `append`: activities to add to the timeline;
 * - `rewrite`: stored activities to replace by id (anonymization redacts them in place);
 * - `idempotency`: the record to keep for the command's key, if it had one;
 * - `forgetIdempotency`: drop every idempotency record of the customer already stored, in the
 *   same write (for a host command that must not be replayed; the built-in commands do not ask
 *   for it, an anonymization keeps the records: rule `anonymize.keeps-idempotency`). The write's
 *   own `idempotency` record, if any, is kept.
 *
 * @category models
 */
export interface AccountWrite {
  /** The new account state. */
  readonly account: Account
  /** The version the write was decided on; `0` for a new account. */
  readonly expectedVersion: number
  /** Activities to append. */
  readonly append: ReadonlyArray<Activity>
  /** Stored activities to replace, matched by id. */
  readonly rewrite?: ReadonlyArray<Activity>
  /** The idempotency record to store with the write. */
  readonly idempotency?: IdempotencyRecord
  /**
   * Drop the customer's stored idempotency records in the same write (all of them, but the
   * write's own `idempotency` record); absent or `false` keeps them.
   */
  readonly forgetIdempotency?: boolean
  /**
   * Intents to store in the same write, replacing a stored intent with the same id (rule
   * `effects.in-the-write`); each names the write's customer. A stored `done` intent stays done.
   */
  readonly intents?: ReadonlyArray<Intent>
}

/**
 * The removal of an account (deletion): the account, its activities and its idempotency records
 * go; the tombstone stays and keeps the customer number taken.
 *
 * @category models
 */
export interface AccountRemoval {
  /** The tombstone to keep. */
  readonly tombstone: Tombstone
  /** The version the deletion was decided on. */
  readonly expectedVersion: number
  /** Intents to store in the same write (the erasure); they outlive the account. */
  readonly intents?: ReadonlyArray<Intent>
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/**
 * The largest page a query returns.
 *
 * @category queries
 */
export const maxPageSize = 200

/**
 * A page size: an integer from 1 to {@link maxPageSize}.
 *
 * @category queries
 */
export const PageSize = Schema.Int.check(
  Schema.isBetween({ minimum: 1, maximum: maxPageSize }, { expected: `a page size of 1 to ${maxPageSize}` })
)

/**
 * An opaque cursor: where the next page starts. Adapters choose its content; callers pass back
 * what they were given.
 *
 * @category queries
 */
export const Cursor = Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 500)))

/**
 * A query of stored intents: only those matching every given filter, oldest first (by
 * `createdAt`, then id), at most `limit`.
 *
 * @category queries
 */
export const IntentQuery = Schema.Struct({
  /** How many intents at most. */
  limit: PageSize,
  /** Only intents with one of these statuses. */
  status: Schema.optionalKey(Schema.Array(IntentStatus)),
  /** Only intents of this customer. */
  customerId: Schema.optionalKey(CustomerId),
  /** Only intents of the command run under this idempotency key. */
  commandKey: Schema.optionalKey(Schema.String),
  /** Only intents of these kinds. */
  kinds: Schema.optionalKey(Schema.Array(IntentKind)),
  /** Only intents of this stage. */
  stage: Schema.optionalKey(IntentStage),
  /** Only intents due at or before this instant. */
  dueBy: Schema.optionalKey(Instant)
})
/** @category queries */
export type IntentQuery = typeof IntentQuery.Type

/**
 * A timeline query: newest first, `limit` activities after `cursor`, filtered by groups, types,
 * actor kinds (of the acting principal) and a time range `from` (inclusive) to `until`
 * (exclusive). An empty or absent filter does not filter.
 *
 * @category queries
 */
export const TimelineQuery = Schema.Struct({
  /** How many activities at most. */
  limit: PageSize,
  /** Where to continue; absent for the first page. */
  cursor: Schema.optionalKey(Cursor),
  /** Only these groups. */
  groups: Schema.optionalKey(Schema.Array(ActivityGroup)),
  /** Only these types. */
  types: Schema.optionalKey(Schema.Array(Schema.String)),
  /** Only activities whose acting principal is of these kinds. */
  actorKinds: Schema.optionalKey(Schema.Array(ActorKind)),
  /** Only activities at or after this instant. */
  from: Schema.optionalKey(Instant),
  /** Only activities before this instant. */
  until: Schema.optionalKey(Instant)
})
/** @category queries */
export type TimelineQuery = typeof TimelineQuery.Type

/**
 * A page of a list: the items and, when there may be more, the cursor of the next page.
 *
 * @category queries
 */
export interface Page<A> {
  /** The items of this page. */
  readonly items: ReadonlyArray<A>
  /** The cursor of the next page; absent on the last page. */
  readonly nextCursor?: string
}

/**
 * The bucket size of a histogram: a UTC day, an ISO week (starting Monday, UTC) or a UTC month.
 *
 * @category queries
 */
export const HistogramBucket = Schema.Literals(["day", "week", "month"])
/** @category queries */
export type HistogramBucket = typeof HistogramBucket.Type

/**
 * A histogram query: counts of activities per group per bucket, within an optional time range
 * and for optional groups.
 *
 * @category queries
 */
export const HistogramQuery = Schema.Struct({
  /** The bucket size. */
  bucket: HistogramBucket,
  /** Only these groups. */
  groups: Schema.optionalKey(Schema.Array(ActivityGroup)),
  /** Only activities at or after this instant. */
  from: Schema.optionalKey(Instant),
  /** Only activities before this instant. */
  until: Schema.optionalKey(Instant)
})
/** @category queries */
export type HistogramQuery = typeof HistogramQuery.Type

/**
 * One bar of the histogram: the bucket's start (UTC), the group and how many activities it holds.
 * Buckets without activities are left out.
 *
 * @category queries
 */
export interface HistogramBar {
  /** The start of the bucket, UTC. */
  readonly start: Instant
  /** The group counted. */
  readonly group: ActivityGroup
  /** The number of activities. */
  readonly count: number
}

/**
 * A customer search for the customer list: `text` matches a customer number exactly, an email
 * exactly (after normalization), or a name by prefix (case-insensitive; first name, last name,
 * "first last" or company name). Absent text lists every customer. Results come in registration
 * order.
 *
 * @category queries
 */
export const CustomerSearch = Schema.Struct({
  /** What to look for. */
  text: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 254)))),
  /** How many customers at most. */
  limit: PageSize,
  /** Where to continue; absent for the first page. */
  cursor: Schema.optionalKey(Cursor)
})
/** @category queries */
export type CustomerSearch = typeof CustomerSearch.Type

/**
 * A row of the customer list.
 *
 * @category queries
 */
export interface CustomerListRow {
  /** The customer's id. */
  readonly customerId: CustomerId
  /** The customer number. */
  readonly customerNumber: CustomerNumber
  /** Company name, or first and last name. */
  readonly displayName: string
  /** The email. */
  readonly email: string
  /** The status. */
  readonly status: CustomerStatus
}

// ---------------------------------------------------------------------------------------------
// The change feed
// ---------------------------------------------------------------------------------------------

/**
 * A query of a tenant's change feed (rules `feed.commit-order`, `feed.erasure`): at most `limit`
 * entries after the position `after` (absent: from the start), in commit order.
 *
 * @category change feed
 */
export const ChangesQuery = Schema.Struct({
  /** The position of the last entry the reader has handled; absent to start from the beginning. */
  after: Schema.optionalKey(Cursor),
  /** How many entries at most. */
  limit: PageSize
})
/** @category change feed */
export type ChangesQuery = typeof ChangesQuery.Type

/**
 * An entry of the change feed: an activity, as stored now (an anonymization's redaction replaces
 * it in place).
 *
 * @category change feed
 */
export interface ActivityChange {
  /** The kind of entry. */
  readonly _tag: "Activity"
  /** Where the entry is in the feed: pass it as `after` to read what follows. Opaque. */
  readonly position: string
  /** The activity as stored now. */
  readonly activity: Activity
}

/**
 * An entry of the change feed: a customer was deleted. Its activities left the feed with it;
 * this entry tells a reader to drop what it copied of the customer.
 *
 * @category change feed
 */
export interface DeletionChange {
  /** The kind of entry. */
  readonly _tag: "Deletion"
  /** Where the entry is in the feed: pass it as `after` to read what follows. Opaque. */
  readonly position: string
  /** The tombstone the deletion left. */
  readonly tombstone: Tombstone
}

/**
 * An entry of the change feed.
 *
 * @category change feed
 */
export type Change = ActivityChange | DeletionChange

/**
 * A page of the change feed.
 *
 * @category change feed
 */
export interface ChangePage {
  /** The entries, in commit order. */
  readonly changes: ReadonlyArray<Change>
  /**
   * Where to continue: the last entry's position, or the query's `after` when the page is empty
   * (absent when the feed is empty and no `after` was given). A reader stores it as its
   * checkpoint once it has handled the page.
   */
  readonly position?: string
  /** Whether more entries follow right away (read again without waiting). */
  readonly more: boolean
}

// ---------------------------------------------------------------------------------------------
// The port
// ---------------------------------------------------------------------------------------------

/**
 * What an account store does. Every method is scoped to `tenantId` (rule `tenant.isolation`).
 * What a method returns is deeply frozen and may be shared with every other reader; what a write
 * hands in is the store's once written (see the module's notes on immutable, shared values).
 *
 * @category port
 */
export interface AccountStoreService {
  /**
   * The account, if it exists in the tenant: deeply frozen and possibly the very value every
   * other reader gets, so it costs no copy. The cheap way to check that a customer is the
   * tenant's: the memory adapter answers from its index without copying anything.
   */
  readonly load: (tenantId: TenantId, customerId: CustomerId) => Effect.Effect<Option.Option<Account>, StorageError>
  /** The account with this customer number, if one exists in the tenant. */
  readonly loadByNumber: (
    tenantId: TenantId,
    customerNumber: CustomerNumber
  ) => Effect.Effect<Option.Option<Account>, StorageError>
  /**
   * The live account with this email, compared after trimming and lower-casing (rule
   * `tenant.email-unique`). An anonymized account does not hold its email any more.
   */
  readonly loadByEmail: (tenantId: TenantId, email: string) => Effect.Effect<Option.Option<Account>, StorageError>
  /**
   * Writes the account and its activities atomically. Fails with {@link VersionConflict} when the
   * stored version is not `expectedVersion` (0: when any account or tombstone has the id), with
   * {@link EmailTaken} when another live account of the tenant has the account's email, with
   * {@link CustomerNumberTaken} when a new account's number is taken (by an account or a
   * tombstone). On failure nothing is written. On success the write's values are the store's: it
   * may keep them as they are, deeply frozen in place (freezing only the parts not frozen yet).
   */
  readonly save: (
    tenantId: TenantId,
    write: AccountWrite
  ) => Effect.Effect<void, VersionConflict | EmailTaken | CustomerNumberTaken | StorageError>
  /**
   * Removes the account, its activities and idempotency records, and keeps the tombstone,
   * atomically. Fails with {@link VersionConflict} when the stored version is not the expected one.
   */
  readonly remove: (tenantId: TenantId, removal: AccountRemoval) => Effect.Effect<void, VersionConflict | StorageError>
  /** The tombstone of a deleted customer, if there is one. */
  readonly tombstone: (tenantId: TenantId, customerId: CustomerId) => Effect.Effect<Option.Option<Tombstone>, StorageError>
  /**
   * Stores one intent outside an account write, replacing a stored one with the same id: a host
   * call recorded before it is made, an attempt, a completion, a dead letter (rule
   * `effects.stable-key`). A stored `done` intent stays done: recording it again changes nothing.
   */
  readonly recordIntent: (tenantId: TenantId, intent: Intent) => Effect.Effect<void, StorageError>
  /** The intent stored under `id`, if any. */
  readonly intent: (tenantId: TenantId, id: string) => Effect.Effect<Option.Option<Intent>, StorageError>
  /** The tenant's intents matching the query, oldest first (by `createdAt`, then id). */
  readonly intents: (tenantId: TenantId, query: IntentQuery) => Effect.Effect<ReadonlyArray<Intent>, StorageError>
  /** The idempotency record stored under `key`, if any. */
  readonly idempotencyRecord: (
    tenantId: TenantId,
    key: string
  ) => Effect.Effect<Option.Option<IdempotencyRecord>, StorageError>
  /**
   * A page of the customer's timeline, newest first (by `at`; among equal instants the later
   * appended first), after the query's cursor and matching its filters. A page costs the same at
   * any depth: the memory adapter finds the cursor's place by binary search. Fails with
   * {@link InvalidCursor} when the cursor is not one the store handed out.
   */
  readonly timeline: (
    tenantId: TenantId,
    customerId: CustomerId,
    query: TimelineQuery
  ) => Effect.Effect<Page<Activity>, InvalidCursor | StorageError>
  /** The number of activities per group per bucket, buckets oldest first, groups in catalogue order. */
  readonly histogram: (
    tenantId: TenantId,
    customerId: CustomerId,
    query: HistogramQuery
  ) => Effect.Effect<ReadonlyArray<HistogramBar>, StorageError>
  /**
   * A page of the tenant's customer list matching the search, in registration order. Fails with
   * {@link InvalidCursor} when the cursor is not one the store handed out.
   */
  readonly search: (
    tenantId: TenantId,
    search: CustomerSearch
  ) => Effect.Effect<Page<CustomerListRow>, InvalidCursor | StorageError>
  /**
   * A page of the tenant's change feed (rules `feed.commit-order`, `feed.erasure`): the entries
   * after `query.after`, in commit order. Every activity a `save` appends gets an entry at the
   * commit of that save; a `remove` takes the customer's entries out and adds one
   * {@link DeletionChange}. An entry carries the activity as stored now (a `rewrite` replaces it
   * in place, at its position).
   *
   * The order is the order of commits, not of `at`, and it is final: once a reader has seen the
   * entry at a position, no entry ever appears before it, so a reader that continues from its
   * last position never skips an activity a concurrent writer committed late. Positions are
   * opaque strings of the adapter's choosing, never a counter shared by tenants (rule
   * `tenant.private-counters`). Fails with {@link InvalidCursor} when `after` is not a position
   * the store handed out.
   */
  readonly changes: (tenantId: TenantId, query: ChangesQuery) => Effect.Effect<ChangePage, InvalidCursor | StorageError>
}

/**
 * The account store service.
 *
 * @category port
 */
export class AccountStore extends Context.Service<AccountStore, AccountStoreService>()(
  "customer-account/ports/AccountStore"
) {}
