/**
 * The command pipeline every account command runs through (rule `command.atomic`):
 *
 * 1. decode the caller, the idempotency key and the input, read once (`ValidationError`; rules
 *    `caller.decoded`, `command.idempotency-key-format`, `input.readable`);
 * 2. authorize the actor for the command (`PermissionDenied`, rule `permission.refusal-names-permission`);
 * 3. with an idempotency key, return the first result of an earlier run, or refuse other input
 *    under the same key (`IdempotencyConflict`, rule `command.idempotency`);
 * 4. load the account of the caller's tenant (`CustomerNotFound`, rule `tenant.isolation`),
 *    refuse edits of an anonymized account (`AccountLocked`, rule `command.editable-only`) and,
 *    when the caller names the version it expects (`CommandOptions.expectedVersion`), any other
 *    version (`VersionConflict`, never retried; rule `command.expected-version`);
 * 5. run the command's host step once, if it has one (an order, a goodwill hand-over, file bytes):
 *    its host calls go through the {@link HostStep}, recorded as intents before they are made, under
 *    keys derived from the idempotency key (rule `effects.before-write-once`);
 * 6. decide on the loaded state (pure), turn the drafts into activities, and save state,
 *    activities and the decision's intents in one write guarded by the loaded version (rule
 *    `effects.in-the-write`); on a `VersionConflict` reload and decide again, a bounded number of
 *    times (rule `command.optimistic-concurrency`);
 * 7. carry out the intents just written (`Dispatcher.ts`); a failure there fails the command, and
 *    a repeat under the same key, or the host's drain, finishes them (rule `effects.repeat-finishes`);
 * 8. when the command failed for sure (a refusal, a lost race: nothing was written), undo what the
 *    host step left behind and run its compensations at once; when the outcome is unknown (a
 *    `StorageError`, a defect, an interruption), undo nothing: the stored intents decide what
 *    happened (rule `effects.no-undo-when-unknown`).
 *
 * A repeat under a key whose record exists returns the first outcome and resumes the first run's
 * unfinished intents.
 *
 * A command is described by an {@link AccountCommand}: its input Schema, its permission, its
 * decision. The decision is a pure function of the account, the input and the environment.
 *
 * A command may also ask for the whole timeline (`timeline: true`, loaded in every attempt), rewrite
 * stored activities in the same write (`Decision.rewrite`: anonymization redacts them), or decide
 * that nothing changes (`Decision.unchanged`: no write, the current version). For steps after the
 * write (a mail to queue, a document to hand back, host data to erase),
 * {@link runAccountCommandDetailed} also returns what the host step produced.
 *
 * @module
 */
import { Cause, DateTime, Effect, Option, Result, Schedule, Schema } from "effect"
import { Account } from "../domain/Account.ts"
import { type Activity, makeActivity } from "../domain/Activity.ts"
import type { ActivityTypeRegistry } from "../domain/ActivityType.ts"
import type { Actor } from "../domain/Actor.ts"
import { ActivityId, type CustomerId } from "../domain/Ids.ts"
import type { Instant } from "../domain/Instant.ts"
import { authorize, type CommandKind } from "../domain/Permission.ts"
import { decode } from "../domain/Validation.ts"
import { AccountStore, IdempotencyRecord, maxPageSize, VersionConflict } from "../ports/AccountStore.ts"
import { IdGenerator, type IdKind } from "../ports/IdGenerator.ts"
import { admit, type Caller, type CommandOptions } from "./Caller.ts"
import type { Intent } from "../domain/Intent.ts"
import { dispatchIntents, type DispatcherPorts, resumeCommand } from "./Dispatcher.ts"
import { dueNow, type HostStep, type IntentDraft, intentsOf, makeHostStep, settled } from "./HostStep.ts"

export type { HostStep, IntentDraft } from "./HostStep.ts"
import { AccountLocked, type CommandRejected, CustomerNotFound, IdempotencyConflict } from "./Errors.ts"
import { fingerprint, type FingerprintKey } from "./Fingerprint.ts"

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

/**
 * An activity a decision asks for; the pipeline gives it id, tenant, customer, group and actor.
 *
 * @category decisions
 */
export interface ActivityDraft {
  /** The activity type. */
  readonly type: string
  /** The tile's summary, free of personal data. */
  readonly summary: string
  /** The details, as decoded. */
  readonly details: unknown
  /** When it happened, if not now (a host activity reports its own time). */
  readonly at?: Instant
}

/**
 * What a command decided: the new account state (the pipeline raises its version), the activities
 * to append, and the id of what it created, if anything.
 *
 * @category decisions
 */
export interface Decision {
  /** The account after the command, before its version is raised. */
  readonly account: Account
  /** The activities to append. */
  readonly activities: ReadonlyArray<ActivityDraft>
  /** The id of a record the command created (an address, a bank account, an order). */
  readonly created?: string
  /** Stored activities to replace in the same write, matched by id (anonymization redacts them). */
  readonly rewrite?: ReadonlyArray<Activity>
  /**
   * Drop the customer's stored idempotency records in the same write (no built-in command asks
   * for it: an anonymization keeps them, rule `anonymize.keeps-idempotency`). The write's own
   * record stays.
   */
  readonly forgetIdempotency?: boolean
  /**
   * Nothing to change (e.g. anonymizing an anonymized account, rule `anonymize.idempotent`): the
   * pipeline writes nothing and returns the account's current version with no activities.
   */
  readonly unchanged?: boolean
  /**
   * Effects outside the account, stored in the same write and carried out after it, at least once,
   * each with a stable key (rule `effects.in-the-write`). A command whose decision carries intents
   * lists the dispatcher's ports (`Dispatcher.DispatcherPorts`) among its requirements.
   */
  readonly intents?: ReadonlyArray<IntentDraft>
}

/**
 * What a decision may read besides the account and the input.
 *
 * @category decisions
 */
export interface DecideEnv<P> {
  /** Now, from Effect's Clock. */
  readonly at: DateTime.Utc
  /** Who acts. */
  readonly actor: Actor
  /** Fresh ids, one per entry of the command's `ids`, in that order. */
  readonly ids: ReadonlyArray<string>
  /** What the command's host step produced. */
  readonly prepared: P
  /** The whole timeline, oldest first, when the command asks for it (`timeline: true`); else empty. */
  readonly timeline: ReadonlyArray<Activity>
}

/**
 * The description of a command on an existing account.
 *
 * - `I`: the decoded input;
 * - `P`, `E`, `R`: what the host step produces, its typed failures and the services it needs;
 * - `D`: the decision's refusals, the exact union of the tagged errors `decide` can fail with
 *   (by default only {@link CommandRejected}). They reach the error type of the service's
 *   `run` (and of the pipeline) as they are, so a caller can `Effect.catchTag` each of them;
 * - `IE`: the input Schema's encoded side, the shape a TypeScript caller passes to the command's
 *   member of the `CustomerAccounts` service (e.g. a branded id is a plain string there). By
 *   default `unknown`: the member then accepts any value. Either way the pipeline decodes the
 *   input at run time, so bad input is a typed `ValidationError`.
 *
 * @category commands
 */
export interface AccountCommand<I, P = void, E = never, R = never, D extends Rejection = CommandRejected, IE = unknown> {
  /** The command kind, which names its permission. */
  readonly kind: CommandKind
  /** The subject named in validation errors, e.g. `AddAddress`. */
  readonly subject: string
  /** The input Schema: decodes the encoded input `IE` to `I`. */
  readonly input: Schema.Codec<I, IE>
  /** The customer the input is about. */
  readonly customerId: (input: I) => CustomerId
  /** The kinds of the fresh ids the decision needs. */
  readonly ids?: ReadonlyArray<IdKind>
  /** Whether the command runs on an anonymized account (host activities such as invoice corrections). */
  readonly allowWhenLocked?: (input: I) => boolean
  /** Whether the decision reads the whole timeline (`env.timeline`), loaded in every attempt with the account. */
  readonly timeline?: boolean
  /**
   * A host step run once before deciding (it may fail with its own typed errors). Its host calls go
   * through `step` (see {@link HostStep}), so they happen once per command however often it is
   * repeated.
   */
  readonly prepare?: (input: I, account: Account, caller: Caller, step: HostStep) => Effect.Effect<P, E, R>
  /**
   * Undoes what the host step left behind, when the command failed for sure after it (a refusal,
   * a lost race). Never run when the write's outcome is unknown (rule `effects.no-undo-when-unknown`).
   */
  readonly undo?: (prepared: P, caller: Caller, input: I) => Effect.Effect<void, never, R>
  /** The decision: the new state and activities, or one of the typed refusals `D`. */
  readonly decide: (account: Account, input: I, env: DecideEnv<P>) => Result.Result<Decision, D>
}

/**
 * What a decision's refusal must be: a tagged error of the domain. It is the constraint of
 * {@link AccountCommand}'s `D`, which names the exact refusals of one command.
 *
 * @category decisions
 */
export type Rejection = { readonly _tag: string; readonly message: string } & Error

// ---------------------------------------------------------------------------------------------
// Outcome
// ---------------------------------------------------------------------------------------------

/**
 * What a command returns: the customer, the account's version after the command, the ids of the
 * activities it appended and the id of what it created. Plain JSON, so that an idempotent repeat
 * can return the first run's outcome as stored.
 *
 * @category commands
 */
export class CommandOutcome extends Schema.Class<CommandOutcome>("customer-account/CommandOutcome")({
  /** The customer the command was about. */
  customerId: Schema.String,
  /** The account's version after the command. */
  version: Schema.Number,
  /** The activities appended, in order. */
  activityIds: Schema.Array(Schema.String),
  /** The id of a record the command created. */
  created: Schema.optionalKey(Schema.String)
}) {}

const encodeOutcome = Schema.encodeSync(CommandOutcome)
const decodeOutcome = Schema.decodeUnknownSync(CommandOutcome)

// ---------------------------------------------------------------------------------------------
// Engine settings
// ---------------------------------------------------------------------------------------------

/**
 * How the pipeline runs: the activity type registry (built-in and host types), how often a
 * conflicting write is retried and the key of the idempotency fingerprints.
 *
 * @category settings
 */
export interface PipelineSettings {
  /** The activity types known to this engine. */
  readonly registry: ActivityTypeRegistry
  /** Attempts of a write before a `VersionConflict` is returned (at least 1). */
  readonly maxAttempts: number
  /** The key of the idempotency fingerprints (rule `command.idempotency-fingerprint`). */
  readonly fingerprintKey: FingerprintKey
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const isLocked = (account: Account): boolean => account.lifecycle.status === "anonymized"

/**
 * The decided account at its new version. An `Account` instance was checked by its constructor
 * when the decision (or the store) made it, so only the version changes and nothing is checked
 * again; anything else goes through the checking constructor.
 */
const withVersion = (account: Account, version: number): Account => {
  const checked = account instanceof Account
  return new Account({ ...account, version }, checked ? { disableChecks: true } : undefined)
}

/**
 * Loads an account of the caller's tenant, or fails with {@link CustomerNotFound}.
 *
 * @category helpers
 */
export const loadAccount = (caller: Caller, customerId: CustomerId) =>
  Effect.gen(function*() {
    const store = yield* AccountStore
    const found = yield* store.load(caller.tenantId, customerId)
    if (Option.isNone(found)) {
      return yield* new CustomerNotFound({
        rule: "tenant.isolation",
        customerId,
        message: `No customer ${customerId} in this tenant`
      })
    }
    return found.value
  })

/**
 * Looks up an earlier run under the caller's idempotency key: its outcome when the fingerprint
 * matches, an {@link IdempotencyConflict} when it does not, nothing when the key is new.
 *
 * @category helpers
 */
export const replayIdempotent = (caller: Caller, key: string | undefined, print: string) =>
  // Without a key there is nothing to look up.
  key === undefined ? noReplay : replayByKey(caller, key, print)

const noReplay = Effect.succeed(Option.none<CommandOutcome>())

const replayByKey = (caller: Caller, key: string, print: string) =>
  Effect.gen(function*() {
    const store = yield* AccountStore
    const earlier = yield* store.idempotencyRecord(caller.tenantId, key)
    if (Option.isNone(earlier)) return Option.none<CommandOutcome>()
    if (earlier.value.fingerprint !== print) {
      return yield* new IdempotencyConflict({
        rule: "command.idempotency",
        key,
        message: `The idempotency key ${key} was used before with another command or other input`
      })
    }
    return Option.some(decodeOutcome(earlier.value.result))
  })

/**
 * Turns drafts into activities of the account (ids from the id port, group from the registry).
 *
 * @category helpers
 */
export const materialize = (
  settings: PipelineSettings,
  account: Account,
  actor: Actor,
  at: DateTime.Utc,
  drafts: ReadonlyArray<ActivityDraft>
) =>
  Effect.gen(function*() {
    const ids = yield* IdGenerator
    const activities = []
    for (const draft of drafts) {
      const id = ActivityId.make(yield* ids.next("activity"))
      const made = makeActivity(settings.registry, {
        id,
        tenantId: account.tenantId,
        customerId: account.customerId,
        type: draft.type,
        at: draft.at ?? at,
        actor,
        summary: draft.summary,
        details: draft.details
      })
      if (Result.isFailure(made)) return yield* made.failure
      activities.push(made.success)
    }
    return activities
  })

/**
 * The whole timeline of a customer of the caller's tenant, oldest first, read page by page.
 *
 * @category helpers
 */
export const loadTimeline = (caller: Caller, customerId: CustomerId) =>
  Effect.gen(function*() {
    const store = yield* AccountStore
    const newestFirst: Array<Activity> = []
    let cursor: string | undefined
    do {
      const page = yield* store.timeline(caller.tenantId, customerId, {
        limit: maxPageSize,
        ...(cursor === undefined ? {} : { cursor })
      }).pipe(
        // The cursor is the store's own from the page before: refusing it is a bug of the store.
        Effect.catchTag("InvalidCursor", (e) => Effect.die(e))
      )
      newestFirst.push(...page.items)
      cursor = page.nextCursor
    } while (cursor !== undefined)
    return newestFirst.reverse()
  })

const makeRetryPolicy = (times: number) => ({
  /** Retry only a lost race. */
  while: (e: { readonly _tag: string }) => e._tag === "VersionConflict",
  /** Retries after the first attempt. */
  times,
  /** Jittered exponential back-off from 1 ms. */
  schedule: Schedule.exponential("1 millis", 1.5).pipe(Schedule.jittered)
})

/** The policies made so far, by number of retries: a schedule is a description, built once, not per command. */
const retryPolicies = new Map<number, ReturnType<typeof makeRetryPolicy>>()

/**
 * How a write that lost a race is retried: while it fails with a `VersionConflict`, up to
 * `maxAttempts` attempts in all, with jittered exponential back-off (rule
 * `command.optimistic-concurrency`).
 *
 * @category helpers
 */
export const retryPolicy = (settings: PipelineSettings) => {
  const times = Math.max(0, settings.maxAttempts - 1)
  let policy = retryPolicies.get(times)
  if (policy === undefined) {
    policy = makeRetryPolicy(times)
    retryPolicies.set(times, policy)
  }
  return policy
}

/**
 * Refuses a command whose caller expected another account version (rule
 * `command.expected-version`): a `VersionConflict` naming the expected and the loaded version.
 * Without an expected version everything passes.
 *
 * @category helpers
 */
export const checkExpectedVersion = (
  expectedVersion: number | undefined,
  customerId: CustomerId,
  actualVersion: number
): Effect.Effect<void, VersionConflict> =>
  expectedVersion === undefined || expectedVersion === actualVersion
    ? Effect.void
    : Effect.fail(
      new VersionConflict({
        rule: "command.optimistic-concurrency",
        customerId,
        expectedVersion,
        actualVersion,
        message: `The caller expected version ${expectedVersion} of customer ${customerId}, found ${actualVersion} (rule command.expected-version)`
      })
    )

/** No retry: a command with an expected version decides on that version or not at all. */
const noRetry = { times: 0 }

// ---------------------------------------------------------------------------------------------
// The pipeline
// ---------------------------------------------------------------------------------------------

/**
 * What {@link runAccountCommandDetailed} returns: the outcome, and what the command's host step
 * produced (none when the outcome is an idempotent repeat's, which runs no host step).
 *
 * @category commands
 */
export interface AccountCommandRun<P> {
  /** The outcome, as {@link runAccountCommand} returns it. */
  readonly outcome: CommandOutcome
  /** What the host step produced; none for an idempotent repeat. */
  readonly prepared: Option.Option<P>
}

/**
 * Runs a command on an existing account through the pipeline described in the module doc.
 *
 * @category commands
 */
export const runAccountCommand = <I, P, E, R, D extends Rejection>(
  settings: PipelineSettings,
  command: AccountCommand<I, P, E, R, D>,
  caller: Caller,
  rawInput: unknown,
  options?: CommandOptions
) => Effect.map(runAccountCommandDetailed(settings, command, caller, rawInput, options), (run) => run.outcome)

/**
 * Runs a command like {@link runAccountCommand} and also returns what its host step produced, for
 * commands with a step after the write (a mail to queue, a document to hand back, host data to
 * erase).
 *
 * @category commands
 */
export const runAccountCommandDetailed = <I, P, E, R, D extends Rejection>(
  settings: PipelineSettings,
  command: AccountCommand<I, P, E, R, D>,
  untrustedCaller: Caller,
  untrustedInput: unknown,
  untrustedOptions?: CommandOptions
) =>
  Effect.gen(function*() {
    const { caller, input: rawInput, options } = yield* admit(untrustedCaller, untrustedOptions, untrustedInput, command.subject)
    const decoded = decode(command.input, command.subject)(rawInput)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const input = decoded.success
    const customerId = command.customerId(input)
    const allowed = authorize({
      actor: caller.actor,
      grants: caller.grants ?? {},
      command: command.kind,
      targetCustomerId: customerId
    })
    if (Result.isFailure(allowed)) return yield* allowed.failure

    const key = options?.idempotencyKey
    const print = key === undefined ? "" : fingerprint(settings.fingerprintKey, command.kind, caller.actor, rawInput)
    const replayed = yield* replayIdempotent(caller, key, print)
    if (Option.isSome(replayed)) {
      if (key !== undefined) yield* withDispatcherPorts(resumeCommand(caller.tenantId, key))
      return { outcome: replayed.value, prepared: Option.none<P>() }
    }
    // The command's reference: what its intents' ids derive from (see `HostStep.ts`).
    let ref = key === undefined ? undefined : `${key}@${print.slice(-16)}`
    const commandRef = Effect.suspend(() =>
      ref !== undefined ? Effect.succeed(ref) : Effect.map(IdGenerator.use((ids) => ids.next("intent")), (r) => (ref = r))
    )

    const lockedCheck = (account: Account) =>
      isLocked(account) && command.allowWhenLocked?.(input) !== true
        ? Effect.fail(
          new AccountLocked({
            rule: "command.editable-only",
            customerId: account.customerId,
            command: command.kind,
            message: `Customer ${account.customerId} is anonymized and locked: ${command.kind} is refused`
          })
        )
        : Effect.void

    const expectedVersion = options.expectedVersion
    const first = yield* loadAccount(caller, customerId)
    yield* lockedCheck(first)
    yield* checkExpectedVersion(expectedVersion, customerId, first.version)
    const hostStep = command.prepare === undefined ? undefined : makeHostStep(caller.tenantId, yield* commandRef, key)
    const reservations = () => hostStep?.reservations() ?? []
    const prepared = (command.prepare === undefined || hostStep === undefined
      ? undefined
      : yield* command.prepare(input, first, caller, hostStep.step).pipe(
        Effect.onError((cause) => isDefinite(cause) ? compensate(caller, reservations()) : Effect.void)
      )) as P
    // Without a host step, the first attempt decides on the account just loaded; a retry reloads.
    let loaded: Account | undefined = command.prepare === undefined ? first : undefined

    const attempt = Effect.gen(function*() {
      const store = yield* AccountStore
      const idGenerator = yield* IdGenerator
      const account = loaded ?? (yield* loadAccount(caller, customerId))
      loaded = undefined
      yield* lockedCheck(account)
      const again = yield* replayIdempotent(caller, key, print)
      if (Option.isSome(again)) {
        // A concurrent run under the same key won: this run's host step is not needed.
        if (command.undo !== undefined) yield* command.undo(prepared, caller, input)
        yield* compensate(caller, reservations())
        return { outcome: again.value, prepared: Option.none<P>(), intents: [] as ReadonlyArray<Intent> }
      }
      yield* checkExpectedVersion(expectedVersion, customerId, account.version)
      const timeline = command.timeline === true ? yield* loadTimeline(caller, customerId) : []
      const ids: Array<string> = []
      for (const kind of command.ids ?? []) ids.push(yield* idGenerator.next(kind))
      const at = yield* DateTime.now
      const decided = command.decide(account, input, { at, actor: caller.actor, ids, prepared, timeline })
      if (Result.isFailure(decided)) return yield* Effect.fail(decided.failure)
      const decision = decided.success
      if (decision.unchanged === true) {
        const unchanged = new CommandOutcome({ customerId: account.customerId, version: account.version, activityIds: [] })
        yield* compensate(caller, reservations())
        return { outcome: unchanged, prepared: Option.some(prepared), intents: [] as ReadonlyArray<Intent> }
      }
      const drafts = decision.intents ?? []
      const intents = drafts.length === 0 ? [] : intentsOf(yield* commandRef, key, customerId, at, drafts)
      const written = [...settled(reservations(), at), ...intents]
      const activities = yield* materialize(settings, account, caller.actor, at, decision.activities)
      const version = account.version + 1
      const outcome = new CommandOutcome({
        customerId: account.customerId,
        version,
        activityIds: activities.map((a) => a.id),
        ...(decision.created === undefined ? {} : { created: decision.created })
      })
      yield* store.save(caller.tenantId, {
        account: withVersion(decision.account, version),
        expectedVersion: account.version,
        append: activities,
        ...(decision.rewrite === undefined || decision.rewrite.length === 0 ? {} : { rewrite: decision.rewrite }),
        ...(decision.forgetIdempotency === true ? { forgetIdempotency: true } : {}),
        ...(written.length === 0 ? {} : { intents: written }),
        ...(key === undefined
          ? {}
          : { idempotency: new IdempotencyRecord({ key, fingerprint: print, customerId, result: encodeOutcome(outcome), at }) })
      }).pipe(
        // The account keeps its number: a store refusing it as taken has a bug (a defect).
        Effect.catchTag("CustomerNumberTaken", (e) => Effect.die(e))
      )
      return { outcome, prepared: Option.some(prepared), intents }
    })

    const undo = command.undo
    const run = yield* attempt.pipe(
      // With an expected version a lost race is final: a retry would decide on another version.
      Effect.retry(expectedVersion === undefined ? retryPolicy(settings) : noRetry),
      Effect.onError((cause) =>
        // Undo only when nothing was written for sure; an unknown outcome is the intents' to settle.
        isDefinite(cause)
          ? Effect.andThen(undo === undefined ? Effect.void : undo(prepared, caller, input), compensate(caller, reservations()))
          : Effect.void
      )
    )
    if (run.intents.length > 0) yield* withDispatcherPorts(dispatchIntents(caller.tenantId, run.intents))
    return { outcome: run.outcome, prepared: run.prepared }
  })

/**
 * Whether a failure leaves nothing written for sure: a typed refusal or a lost race. A
 * `StorageError`, a defect or an interruption leaves the outcome of a write unknown.
 */
const isDefinite = (cause: Cause.Cause<unknown>): boolean => {
  if (Cause.hasDies(cause) || Cause.hasInterrupts(cause)) return false
  const failure = Cause.findErrorOption(cause)
  return Option.isSome(failure) && (failure.value as { readonly _tag?: unknown })._tag !== "StorageError"
}

/** Runs the compensations of a command that failed for sure, at once; their failures stay recorded for the drain. */
const compensate = (caller: Caller, reservations: ReadonlyArray<Intent>) =>
  reservations.length === 0
    ? Effect.void
    : Effect.gen(function*() {
      const at = yield* DateTime.now
      yield* Effect.ignore(withDispatcherPorts(dispatchIntents(caller.tenantId, dueNow(reservations, at))))
    })

/**
 * The dispatcher's ports, required statically by the commands whose decisions carry intents (they
 * list them); a command without intents dispatches nothing and needs none of them.
 */
const withDispatcherPorts = <A, E>(effect: Effect.Effect<A, E, DispatcherPorts>) =>
  effect as unknown as Effect.Effect<A, E, AccountStore>
