/**
 * Who calls the engine: the tenant, the actor and what the caller resolved for it (roles or
 * scopes). Every command and query takes one (rule `tenant.isolation`).
 *
 * A caller is checked like input (SPEC section 13): every command, query and the host's `run`
 * decode it with the {@link Caller} Schema before anything else (rule `caller.decoded`), so an
 * unknown actor kind, a missing tenant or grants of the wrong shape are a typed `ValidationError`
 * with subject `Caller`, never a crash and never a grant. The idempotency key is decoded likewise
 * (rule `command.idempotency-key-format`), and the input is read once into plain data before it is
 * decoded (rule `input.readable`).
 *
 * @module
 */
import { Effect, Result, Schema } from "effect"
import { Actor } from "../domain/Actor.ts"
import { TenantId } from "../domain/Ids.ts"
import { Language } from "../domain/Language.ts"
import { Grants } from "../domain/Permission.ts"
import { decode, snapshot, ValidationError, ValidationIssue } from "../domain/Validation.ts"

/**
 * The caller of a command or query: its tenant, its actor and its grants. Unknown keys are
 * refused (a misspelt `grant` is reported, not ignored), and so is an actor of an unknown kind or
 * scopes given as one string (rule `caller.decoded`).
 *
 * @category models
 */
export const Caller = Schema.Struct({
  /** The tenant every read and write is scoped to. */
  tenantId: TenantId,
  /** Who acts; recorded on every activity and history row. */
  actor: Actor,
  /** The acting principal's roles or scopes. A customer or the system needs none. */
  grants: Schema.optionalKey(Grants),
  /**
   * The reader's language, a BCP 47 tag such as `de`, `de-AT` or `en-GB` (trimmed and
   * canonicalized; rule `timeline.reader-language`): the timeline's summaries are rendered in it.
   * Absent: the engine's default (`EngineOptions.locale`, `en` unless set). A tag that is not BCP 47
   * (`german`, `de_DE`) is a `ValidationError` with subject `Caller`.
   */
  locale: Schema.optionalKey(Language)
})

/**
 * The caller of a command or query.
 *
 * @category models
 */
export type Caller = typeof Caller.Type

/** The longest idempotency key accepted (rule `command.idempotency-key-format`). */
export const maxIdempotencyKeyLength = 200

/**
 * An idempotency key (rule `command.idempotency-key-format`): 1 to 200 printable ASCII
 * characters (`U+0020` to `U+007E`), as an `Idempotency-Key` HTTP header carries it; a UUID fits.
 * Anything else (empty, longer, a number, control or non-ASCII characters) is a typed
 * `ValidationError` with subject `IdempotencyKey`, and the command runs not at all.
 *
 * @category models
 */
export const IdempotencyKey = Schema.String.check(
  Schema.isBetweenLength(1, maxIdempotencyKeyLength, {
    expected: `an idempotency key of 1 to ${maxIdempotencyKeyLength} characters (rule command.idempotency-key-format)`
  }),
  Schema.isPattern(/^[\x20-\x7E]*$/, {
    expected: "an idempotency key of printable ASCII characters (rule command.idempotency-key-format)"
  })
)

/**
 * Options of a command run.
 *
 * @category models
 */
export interface CommandOptions {
  /** Runs the command at most once per key and tenant (rules `command.idempotency`, `command.idempotency-key-format`). */
  readonly idempotencyKey?: string
  /**
   * The account version the caller saw (an HTTP `If-Match`): the command is refused with a
   * `VersionConflict`, not retried, when the loaded account has another version (rule
   * `command.expected-version`). A non-negative integer; `0` for an account that must not exist yet.
   */
  readonly expectedVersion?: number
}

/**
 * An expected account version (rule `command.expected-version`): a non-negative safe integer.
 * Anything else is a typed `ValidationError` with subject `ExpectedVersion`.
 *
 * @category models
 */
export const ExpectedVersion = Schema.Int.check(
  Schema.isGreaterThanOrEqualTo(0, { expected: "an account version, a non-negative integer (rule command.expected-version)" })
)

/**
 * What {@link admit} lets through: the decoded caller, the checked options and the input read
 * once into plain data (still to be decoded with the command's Schema).
 *
 * @category models
 */
export interface Admitted {
  /** The caller, decoded. */
  readonly caller: Caller
  /** The options, with a well-formed key if any. */
  readonly options: CommandOptions
  /** The input, copied into plain data. */
  readonly input: unknown
}

const decodeCaller = decode(Caller, "Caller")
const decodeKey = decode(IdempotencyKey, "IdempotencyKey")
const decodeExpectedVersion = decode(ExpectedVersion, "ExpectedVersion")

const optionsError = (message: string) =>
  new ValidationError({
    subject: "CommandOptions",
    issues: [new ValidationIssue({ path: "", message })],
    message: `Invalid CommandOptions: ${message}`
  })

const readOptions = (options: unknown): Result.Result<CommandOptions, ValidationError> => {
  if (options === undefined) return Result.succeed({})
  let key: unknown
  let expected: unknown
  try {
    if (options === null || typeof options !== "object") {
      return Result.fail(optionsError("Expected an object such as { idempotencyKey, expectedVersion } or nothing"))
    }
    key = (options as { readonly idempotencyKey?: unknown }).idempotencyKey
    expected = (options as { readonly expectedVersion?: unknown }).expectedVersion
  } catch {
    return Result.fail(optionsError("Expected plain data: reading the options threw (rule input.readable)"))
  }
  let checked: { idempotencyKey?: string; expectedVersion?: number } = {}
  if (key !== undefined) {
    const decoded = decodeKey(key)
    if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
    checked = { idempotencyKey: decoded.success }
  }
  if (expected !== undefined) {
    const decoded = decodeExpectedVersion(expected)
    if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
    checked = { ...checked, expectedVersion: decoded.success }
  }
  return Result.succeed(checked)
}

/**
 * Decodes the caller only (rule `caller.decoded`): the first step of every query.
 *
 * @category decoding
 */
export const admitCaller = (caller: unknown): Effect.Effect<Caller, ValidationError> => {
  const decoded = decodeCaller(caller)
  return Result.isFailure(decoded) ? Effect.fail(decoded.failure) : Effect.succeed(decoded.success)
}

/**
 * The first step of every command: decodes the caller (rule `caller.decoded`), the idempotency
 * key (rule `command.idempotency-key-format`) and reads the input once into plain data (rule
 * `input.readable`). Fails with a `ValidationError` naming `Caller`, `IdempotencyKey`,
 * `CommandOptions` or the command's subject; nothing is read from a port before.
 *
 * @category decoding
 */
export const admit = (
  caller: unknown,
  options: unknown,
  input: unknown,
  subject: string
): Effect.Effect<Admitted, ValidationError> => {
  const decoded = decodeCaller(caller)
  if (Result.isFailure(decoded)) return Effect.fail(decoded.failure)
  const checked = readOptions(options)
  if (Result.isFailure(checked)) return Effect.fail(checked.failure)
  const copied = snapshot(input, subject)
  if (Result.isFailure(copied)) return Effect.fail(copied.failure)
  return Effect.succeed({ caller: decoded.success, options: checked.success, input: copied.success })
}
