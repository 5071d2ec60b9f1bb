/**
 * Failures as HTTP answers: the status of every tagged error of the package
 * ({@link problemStatuses}, {@link statusOf}) and the failure as an RFC 9457 problem document
 * ({@link Problem}, {@link toProblem}), for the Promise API (`customer-account/promise`) and the
 * HTTP API alike.
 *
 * | status | tags |
 * |---|---|
 * | 400 | the request does not decode: `ValidationError`, `InvalidCursor`, `UndeclaredListField` |
 * | 401 | `Unauthorized`: the host's authentication refused the request (the HTTP API) |
 * | 403 | `PermissionDenied`; `LoginRefused` (the uniform login refusal) |
 * | 404 | `CustomerNotFound`, `AddressNotFound` |
 * | 409 | the account's state, another write or another record is in the way: `AccountLocked`, `VersionConflict`, `EmailTaken`, `CustomerNumberTaken`, `DeletionBlocked`, `InvitationConflict`, the state machines' `StatusChangeRejected`, `ProductAccessChangeRejected`, `ConsentChangeRejected` |
 * | 422 | a rule refuses well-formed input: `IdempotencyConflict`, `CommandRejected`, `PersonalDataChangeRejected`, `FileRejected`, `DepartmentChangeRejected`, `TeamMappingRejected`, `ServiceSettingsRejected`, `InvitationRejected`, `OneTimePasswordRejected`, `ActivityTypeRejected`, the host's `GoodwillRefused` and `OrderRefused`; a tag the package does not know (a host's own refusal) |
 * | 500 | anything that is not a tagged failure: a defect, a thrown `Error`, any other value |
 * | 503 | `StorageError` |
 *
 * @module
 */
import { Schema } from "effect"
import type { ErrorSchema } from "../catalogue/Declaration.ts"
import { encodeError, isTagged, type Json, pathOf, ruleOf } from "./ErrorJson.ts"
import type { ErrorTag } from "./ErrorSchemas.ts"

/**
 * The HTTP status of every tagged error of the package (the table of the module's doc). The
 * compiler requires an entry for every key of `ErrorSchemas.errorSchemas`, and a test requires
 * that every `TaggedError` class of `src/` is there.
 *
 * @category statuses
 */
export const problemStatuses: { readonly [Tag in ErrorTag]: number } = {
  ValidationError: 400,
  InvalidCursor: 400,
  UndeclaredListField: 400,
  PermissionDenied: 403,
  LoginRefused: 403,
  CustomerNotFound: 404,
  AddressNotFound: 404,
  AccountLocked: 409,
  VersionConflict: 409,
  EmailTaken: 409,
  CustomerNumberTaken: 409,
  DeletionBlocked: 409,
  InvitationConflict: 409,
  StatusChangeRejected: 409,
  ProductAccessChangeRejected: 409,
  ConsentChangeRejected: 409,
  IdempotencyConflict: 422,
  CommandRejected: 422,
  PersonalDataChangeRejected: 422,
  FileRejected: 422,
  DepartmentChangeRejected: 422,
  TeamMappingRejected: 422,
  ServiceSettingsRejected: 422,
  InvitationRejected: 422,
  OneTimePasswordRejected: 422,
  ActivityTypeRejected: 422,
  GoodwillRefused: 422,
  OrderRefused: 422,
  StorageError: 503,
  Unauthorized: 401
}

/**
 * The status of a tag the package does not know: a host's own refusal (422, Unprocessable
 * Content). Give a host's tags their own statuses through `statuses`.
 *
 * @category statuses
 */
export const unknownTagStatus = 422

/**
 * Statuses by tag that replace or extend {@link problemStatuses}, e.g. a host's own refusals.
 *
 * @category statuses
 */
export type Statuses = { readonly [tag: string]: number }

/**
 * The HTTP status of a tagged error: `statuses[tag]` when given, else {@link problemStatuses},
 * else {@link unknownTagStatus}.
 *
 * @example
 * ```ts
 * import { statusOf } from "customer-account/promise"
 *
 * statusOf("CustomerNotFound") // 404
 * statusOf("LoyaltyRefused", { LoyaltyRefused: 409 }) // 409
 * ```
 *
 * @category statuses
 */
export const statusOf = (tag: string, statuses?: Statuses): number => {
  if (statuses !== undefined && Object.hasOwn(statuses, tag)) return statuses[tag] as number
  return Object.hasOwn(problemStatuses, tag) ? problemStatuses[tag as ErrorTag] : unknownTagStatus
}

const ProblemMembers = Schema.Struct({
  /** A URI naming the kind of problem: `about:blank`, or `typeBase` followed by the tag. */
  type: Schema.String,
  /** A short summary: the status's phrase for `about:blank`, else the tag in words. */
  title: Schema.String,
  /** The HTTP status. */
  status: Schema.Int.check(Schema.isBetween({ minimum: 400, maximum: 599 })),
  /** What happened: the error's message (a generic sentence for a status of 500 and above). */
  detail: Schema.String,
  /** A URI of this occurrence, e.g. the request's path, when the caller gave one. */
  instance: Schema.optionalKey(Schema.String),
  /** The error's `_tag`, e.g. `CustomerNotFound`; `Defect` for anything that is not a tagged failure. */
  tag: Schema.String,
  /** The rule that refused, when the error names one. */
  rule: Schema.optionalKey(Schema.String),
  /** Where in the input the fault is (`profile.email`), when the error says. */
  path: Schema.optionalKey(Schema.String)
})

/**
 * An RFC 9457 problem document (`application/problem+json`): `type`, `title`, `status`,
 * `detail`, `instance`, and the extension members `tag`, `rule`, `path` and the error's own
 * encoded fields (`customerId`, `issues`, `permission`, ...). A field whose name is taken by a
 * member above (`ActivityTypeRejected.type`, `InvitationRejected.status`) appears as `error` and
 * its name capitalized (`errorType`, `errorStatus`). A problem of status 500 or above carries no
 * field and a generic `detail`: nothing of the server's internals.
 *
 * @category problems
 */
export const Problem = Schema.StructWithRest(ProblemMembers, [Schema.Record(Schema.String, Schema.Json)]).annotate({
  identifier: "Problem",
  description: "An RFC 9457 problem document"
})

/**
 * An RFC 9457 problem document.
 *
 * @category problems
 */
export type Problem = typeof Problem.Type

/**
 * The content type of a problem document.
 *
 * @category problems
 */
export const problemContentType = "application/problem+json"

/**
 * How {@link toProblem} writes a document.
 *
 * @category problems
 */
export interface ProblemOptions {
  /** Statuses by tag beyond or instead of {@link problemStatuses} (a host's own refusals). */
  readonly statuses?: Statuses
  /**
   * The start of the `type` URI, e.g. `https://api.example.com/problems/`: `type` is it followed by
   * the tag and `title` the tag in words (`Customer not found`). Without it `type` is
   * `about:blank` and `title` the status's phrase (`Not Found`), as RFC 9457 asks.
   */
  readonly typeBase?: string
  /** The `instance` member, e.g. the request's path. */
  readonly instance?: string
  /** The Schemas to encode a tagged error with before the package's own (e.g. a declaration's `errors`). */
  readonly errors?: ReadonlyArray<ErrorSchema>
}

const phrases: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  423: "Locked",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
}

const phraseOf = (status: number): string => phrases[status] ?? (status >= 500 ? "Server Error" : "Client Error")

/** `CustomerNotFound` → `Customer not found`. */
const words = (tag: string): string => {
  const spaced = tag.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase()
  return spaced.charAt(0).toUpperCase() + spaced.slice(1)
}

/** The members an error's own field must not overwrite; such a field is renamed `errorType`, ... */
const reserved = new Set(["type", "title", "status", "detail", "instance", "tag", "rule", "path"])

const serverDetail = (status: number): string =>
  status === 503
    ? "The service could not reach its store; try again later."
    : "The server failed unexpectedly; the failure is logged on the server."

const validStatus = (status: number): number => (Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500)

const document = (status: number, tag: string, options: ProblemOptions, detail: string): Record<string, Json> => {
  const problem: Record<string, Json> = {
    type: options.typeBase === undefined ? "about:blank" : `${options.typeBase}${tag}`,
    title: options.typeBase === undefined ? phraseOf(status) : words(tag),
    status,
    detail
  }
  if (options.instance !== undefined) problem["instance"] = options.instance
  problem["tag"] = tag
  return problem
}

/**
 * A failure as an RFC 9457 problem document. A tagged failure (an error of the package, a
 * rejection of `customer-account/promise`, a host's own refusal) gets the status of its tag
 * ({@link statusOf}), its message as `detail`, its `rule` and `path` (for a `ValidationError` those
 * of its first issue) and its own encoded fields. Anything else (a defect, a thrown `Error`, any
 * value) is status 500 with tag `Defect` and a generic `detail`; so is nothing of a 5xx failure's
 * message or fields: a client never sees the server's internals. Never throws.
 *
 * @example
 * ```ts
 * import { toProblem } from "customer-account/promise"
 *
 * toProblem(new Error("connection to 10.0.0.5 refused")).detail
 * // "The server failed unexpectedly; the failure is logged on the server."
 * ```
 *
 * @category problems
 */
export const toProblem = (error: unknown, options: ProblemOptions = {}): Problem => {
  let tagged = false
  try {
    tagged = isTagged(error)
  } catch {
    tagged = false
  }
  if (!tagged) return document(500, "Defect", options, serverDetail(500)) as Problem
  const failure = error as { readonly _tag: string; readonly message: string }
  const tag = failure._tag
  const status = validStatus(statusOf(tag, options.statuses))
  if (status >= 500) return document(status, tag, options, serverDetail(status)) as Problem
  const encoded = encodeError(failure, options.errors)
  const problem = document(status, tag, options, failure.message)
  const rule = ruleOf(encoded)
  const path = pathOf(encoded)
  if (rule !== undefined) problem["rule"] = rule
  if (path !== undefined) problem["path"] = path
  for (const [key, value] of Object.entries(encoded)) {
    if (key === "_tag" || key === "message") continue
    if ((key === "rule" || key === "path") && typeof value === "string") continue // the members above
    problem[reserved.has(key) ? `error${key.charAt(0).toUpperCase()}${key.slice(1)}` : key] = value
  }
  return problem as Problem
}
