/**
 * Anonymization (SPEC section 7), as pure functions over an account and its timeline: what the
 * anonymized account and the redacted activities look like, and the plan that says what would be
 * erased and what is kept, and why.
 *
 * Everything is driven by the personal-data marks (rule `anonymize.marks-driven`):
 *
 * - the account goes through `PersonalData.erasePersonalData` with the `Account` Schema, so every
 *   marked field is replaced (required fields, with the mark's replacement) or removed (optional
 *   fields), in every section, including sections added to the account later;
 * - every activity goes through `Activity.redactActivity` with the registry, so the marks of its
 *   type's details Schema decide; an activity whose details lose a personal value also gets its
 *   type's label as its summary (a safety net: a summary written from the details, by the SDK or
 *   a host, cannot keep what the details lost); the other activities keep their summaries;
 * - status history rows and consent records stay as proof, stripped of their marked values (a
 *   status change's reason; a consent's IP address and user agent);
 * - files: their content cannot be checked for personal data, so their bytes are deleted and their
 *   metadata leaves the account; a profile image (a marked file id) goes with them;
 * - the status becomes `anonymized` (a status-history row), which locks the account;
 * - the customer's idempotency records are kept (rule `anonymize.keeps-idempotency`): their
 *   fingerprints are keyed digests that confirm no guess of the input, and their results hold ids
 *   and versions only, so a repeat under an earlier key returns its first result.
 *
 * The plan ({@link planAnonymization}) is computed by the same function that anonymizes, so a plan
 * that succeeds is an anonymization that succeeds, and it names paths and record kinds, never
 * values (rule `anonymize.plan-without-values`).
 *
 * @module
 */
import { type DateTime, Result, Schema } from "effect"
import { Account } from "./Account.ts"
import { Activity, redactActivity } from "./Activity.ts"
import { type ActivityTypeRegistry, ActivityTypeRejected, decodeDetails } from "./ActivityType.ts"
import type { Actor } from "./Actor.ts"
import type { FileId } from "./Ids.ts"
import * as Lifecycle from "./Lifecycle.ts"
import { erasePersonalData, type PersonalDataCategory, personalValues } from "./PersonalData.ts"
import type { ValidationError } from "./Validation.ts"

/**
 * What anonymizing an account produces: the new account (version not yet raised), the stored
 * activities whose details change (to rewrite in place) and the files whose bytes go.
 *
 * @category models
 */
export interface AnonymizedAccount {
  /** The account with every personal value erased, no files, status `anonymized`. */
  readonly account: Account
  /** The activities whose details lose personal data, redacted and with their type's label as summary; unchanged ones are left out. */
  readonly rewrite: ReadonlyArray<Activity>
  /** The files the account referenced (note files and the profile image): their bytes go. */
  readonly files: ReadonlyArray<FileId>
}

/**
 * Why anonymization can refuse: a mark whose replacement does not fit its Schema (a bug, caught by
 * the tests of every marked Schema), an activity whose type the registry does not know (its
 * details cannot be redacted without their Schema: register the type), or an account that is
 * already anonymized.
 *
 * @category models
 */
export type AnonymizationRejection = ValidationError | ActivityTypeRejected | Lifecycle.LifecycleRejection

const encodeAccount = Schema.encodeSync(Account)

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * Anonymizes an account and its timeline (pure; rule `anonymize.marks-driven`). Fails when the
 * account is already anonymized (`status.anonymized-terminal`: the engine answers a second run
 * itself, changing nothing), and with the refusals of {@link AnonymizationRejection}.
 *
 * @category anonymizing
 */
export const anonymizeAccount = (
  registry: ActivityTypeRegistry,
  account: Account,
  activities: ReadonlyArray<Activity>,
  at: DateTime.Utc,
  actor: Actor
): Result.Result<AnonymizedAccount, AnonymizationRejection> => {
  const events = Lifecycle.decide({ _tag: "ChangeStatus", to: "anonymized", at, actor }, account.lifecycle)
  if (Result.isFailure(events)) return Result.fail(events.failure)
  const erased = erasePersonalData(Account, account)
  if (Result.isFailure(erased)) return Result.fail(erased.failure)
  const rewrite: Array<Activity> = []
  for (const activity of activities) {
    if (!registry.types.has(activity.type)) {
      return Result.fail(
        new ActivityTypeRejected({
          rule: "activity.host-types-registered",
          type: activity.type,
          message:
            `Cannot anonymize: activity ${activity.id} has type ${activity.type}, which this engine's registry does not know, so its details cannot be redacted; register the type (rule anonymize.marks-driven)`
        })
      )
    }
    const redacted = redactActivity(registry, activity)
    if (Result.isFailure(redacted)) return Result.fail(redacted.failure)
    if (!sameJson(redacted.success.details, activity.details)) {
      // The summary may have been written from what the details held: it becomes the type's label.
      const label = registry.types.get(activity.type)?.label ?? activity.type
      rewrite.push(new Activity({ ...redacted.success, summary: label }))
    }
  }
  const profileImage = account.profile.profileImage
  const files = [...account.files.map((f) => f.fileId), ...(profileImage === undefined ? [] : [profileImage])]
  return Result.succeed({
    account: new Account({
      ...erased.success,
      files: [],
      lifecycle: events.success.reduce(Lifecycle.evolve, erased.success.lifecycle)
    }),
    rewrite,
    files
  })
}

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

/**
 * What happens to the personal values at one path: `replaced` by the mark's fixed value, or
 * `removed` (an optional field, a dropped record, a deleted file's metadata).
 *
 * @category plan
 */
export type ErasureAction = "replaced" | "removed"

/**
 * One kind of personal value the anonymization would erase: where (the record kind and a field
 * path with `[]` for any list position), its category, what happens to it and how many values
 * there are. Never the values themselves.
 *
 * @category plan
 */
export interface PlannedErasure {
  /** `account`, or `activity:<type>` for the details of a type's activities. */
  readonly record: string
  /** The field path, e.g. `profile.lastName`, `addresses.[].street` or `text`. */
  readonly path: string
  /** The mark's category. */
  readonly category: PersonalDataCategory
  /** What happens to the values. */
  readonly action: ErasureAction
  /** How many values. */
  readonly count: number
}

/**
 * Something the anonymization keeps, and why.
 *
 * @category plan
 */
export interface KeptRecord {
  /** `account` for a section of the account, or a record kind (`activities`, `host-records`). */
  readonly record: string
  /** The account section (its top-level field), when `record` is `account`. */
  readonly path?: string
  /** Why it is kept, and in what form. */
  readonly why: string
}

/**
 * The validated plan of an anonymization (rule `anonymize.plan-without-values`): what would be
 * erased, what is kept and why, and how much of the timeline and which files it touches.
 *
 * @category plan
 */
export interface AnonymizationPlan {
  /** Whether the account is anonymized already: then running it changes nothing (rule `anonymize.idempotent`). */
  readonly alreadyAnonymized: boolean
  /** The status the account has now, and `anonymized` after. */
  readonly status: { readonly from: Lifecycle.CustomerStatus; readonly to: "anonymized" }
  /** Every kind of personal value that would be erased, account first, then activities by type. */
  readonly erased: ReadonlyArray<PlannedErasure>
  /** What is kept, and why. */
  readonly kept: ReadonlyArray<KeptRecord>
  /** Records dropped as a whole besides the account's personal values, and why (none today: idempotency records are kept). */
  readonly dropped: ReadonlyArray<KeptRecord>
  /** The timeline: how many activities there are and how many would be rewritten. */
  readonly activities: { readonly total: number; readonly rewritten: number }
  /** The files whose bytes would be deleted (note files, profile image, any other bytes stored for the customer). */
  readonly files: { readonly count: number }
}

/** A concrete path (`addresses.0.street`) as a field path (`addresses.[].street`). */
const fieldPath = (path: string): string =>
  path.split(".").map((segment) => (/^\d+$/.test(segment) ? "[]" : segment)).join(".")

const valueAt = (json: unknown, path: string): unknown => {
  let current: unknown = json
  for (const segment of path === "" ? [] : path.split(".")) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}

const keptReasons: Readonly<Record<string, string>> = {
  tenantId: "system data, not personal: names the tenant the record belongs to",
  customerId: "system data, not personal: the id the host's books (invoices, payments) refer to",
  customerNumber: "system data, not personal: the number on invoices the host keeps for 8 years (SPEC section 11); never reused",
  registrationSource: "system data, not personal",
  registeredAt: "system data, not personal",
  version: "system data, not personal: guards concurrent writes",
  profile: "the customer kind stays; every other field is replaced or removed",
  lifecycle:
    "status and status history are kept as proof of the account's lifecycle; reasons (free text) are removed; the status becomes anonymized, which locks the account",
  consent:
    "consent states and records are proof (rule consent.record-is-proof) and are kept; IP addresses and user agents are removed",
  addresses: "kept as records (id, kind, preferred) with every personal field replaced, so records the host's books name still exist",
  bankAccounts:
    "kept as records (id, preferred, mandate date) with holder, IBAN and mandate reference replaced and BIC removed; booking records refer to the ids",
  accessRights: "kept: product and period are not personal; notes (free text) are removed",
  additionalData: "replaced by an empty set: tenant-defined values may hold anything",
  files: "removed, and the bytes deleted: a file's content cannot be checked for personal data"
}

const fixedKept: ReadonlyArray<KeptRecord> = [
  {
    record: "activities",
    why:
      "the timeline is kept with the non-personal parts of the details; the personal details are erased as listed, and an activity whose details lose a personal value gets its type's label as its summary"
  },
  {
    record: "idempotency-records",
    why:
      "kept (rule anonymize.keeps-idempotency): a record holds the command's result (ids and a version) and a keyed digest of its input that confirms no guess without the engine's secret key; a repeat under an earlier key returns its first result and never registers the erased person again"
  },
  {
    record: "host-records",
    why:
      "orders, invoices, payments and subscriptions stay with the host, which must keep them (invoices and booking records 8 years, books 10, business letters 6, SPEC section 11); the host is asked to erase its own personal data of the customer (HostCompliance.erase)"
  }
]

/** Records dropped as a whole: none since idempotency records are kept (rule `anonymize.keeps-idempotency`). */
const fixedDropped: ReadonlyArray<KeptRecord> = []

const holdsPersonalData = (section: string, account: Account): boolean =>
  personalValues(Account, account).some((v) => v.path === section || v.path.startsWith(`${section}.`))

const aggregate = (entries: ReadonlyArray<Omit<PlannedErasure, "count">>): ReadonlyArray<PlannedErasure> => {
  const counted = new Map<string, PlannedErasure>()
  for (const entry of entries) {
    const key = `${entry.record}\u0000${entry.path}\u0000${entry.action}`
    const found = counted.get(key)
    counted.set(key, { ...entry, count: (found?.count ?? 0) + 1 })
  }
  return [...counted.values()]
}

/**
 * The plan of anonymizing an account (pure; rule `anonymize.plan-without-values`), computed by
 * running {@link anonymizeAccount} and comparing before and after, so it fails exactly when the
 * anonymization would. `storedFiles` are the ids of the files the file store holds for the
 * customer: with the account's own files, the bytes that would be deleted. For an anonymized account the plan says so and lists nothing
 * to erase.
 *
 * @category plan
 */
export const planAnonymization = (
  registry: ActivityTypeRegistry,
  account: Account,
  activities: ReadonlyArray<Activity>,
  storedFiles: ReadonlyArray<FileId>,
  at: DateTime.Utc,
  actor: Actor
): Result.Result<AnonymizationPlan, AnonymizationRejection> => {
  const from = account.lifecycle.status
  const kept: Array<KeptRecord> = Object.keys(Account.fields).map((path) => ({
    record: "account",
    path,
    why: keptReasons[path] ??
      (holdsPersonalData(path, account)
        ? "kept as records; their personal values are erased as listed"
        : "no value of this section is marked as personal data")
  }))
  kept.push(...fixedKept)
  if (from === "anonymized") {
    return Result.succeed({
      alreadyAnonymized: true,
      status: { from, to: "anonymized" },
      erased: [],
      kept,
      dropped: [],
      activities: { total: activities.length, rewritten: 0 },
      files: { count: new Set(storedFiles).size }
    })
  }
  const done = anonymizeAccount(registry, account, activities, at, actor)
  if (Result.isFailure(done)) return Result.fail(done.failure)
  const after = encodeAccount(done.success.account)
  const erased: Array<Omit<PlannedErasure, "count">> = personalValues(Account, account).map((v) => ({
    record: "account",
    path: fieldPath(v.path),
    category: v.category,
    action: valueAt(after, v.path) === undefined ? "removed" : "replaced"
  }))
  const rewritten = new Map(done.success.rewrite.map((a) => [a.id, a]))
  for (const activity of activities) {
    const redacted = rewritten.get(activity.id)
    if (redacted === undefined) continue
    const definition = registry.types.get(activity.type)
    const details = decodeDetails(registry, activity.type, activity.details)
    if (definition === undefined || Result.isFailure(details)) continue
    for (const v of personalValues(definition.details, details.success)) {
      erased.push({
        record: `activity:${activity.type}`,
        path: fieldPath(v.path),
        category: v.category,
        action: valueAt(redacted.details, v.path) === undefined ? "removed" : "replaced"
      })
    }
  }
  return Result.succeed({
    alreadyAnonymized: false,
    status: { from, to: "anonymized" },
    erased: aggregate(erased),
    kept,
    dropped: fixedDropped,
    activities: { total: activities.length, rewritten: done.success.rewrite.length },
    files: { count: new Set([...storedFiles, ...done.success.files]).size }
  })
}
