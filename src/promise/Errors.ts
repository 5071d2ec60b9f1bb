/**
 * What a Promise of `customer-account/promise` rejects with: a {@link CustomerAccountError} for a
 * refusal (a tagged error of the catalogue: `_tag`, `rule`, `path`, `message` and the error's own
 * fields, as JSON), a {@link CustomerAccountDefect} for anything else (a bug, a failing layer, a
 * call after `dispose`). The guards {@link isError} and {@link is} narrow a rejection by its tag.
 *
 * @module
 */
import { type EncodedError, pathOf, ruleOf } from "../transport/ErrorJson.ts"
import { type ErrorJson, errorSchemas, type ErrorTag } from "../transport/ErrorSchemas.ts"

const errorBrand: unique symbol = Symbol.for("customer-account/promise/CustomerAccountError") as never
const defectBrand: unique symbol = Symbol.for("customer-account/promise/CustomerAccountDefect") as never

/** The properties of an `Error` and of the class below that a field never overwrites. */
const kept = new Set(["_tag", "message", "name", "stack", "cause", "rule", "path", "toJSON"])

/**
 * A refusal: a command or query failed with one of its tagged errors, and nothing was changed.
 * Carries the error's `_tag`, its `message`, the `rule` that refused and the `path` in the input
 * at fault when the error names them (for a `ValidationError`, those of its first issue), and
 * every field of the error's JSON encoding as a property of its own (`customerId`, `issues`,
 * `permission`, ...). No secret is ever among them. `JSON.stringify(error)` gives the encoding.
 *
 * @example
 * ```ts
 * import { isError } from "customer-account/promise"
 *
 * const explain = (error: unknown) =>
 *   isError(error, "PermissionDenied") ? `missing permission ${error.permission}` : String(error)
 * ```
 *
 * @category errors
 */
export class CustomerAccountError extends Error {
  /** The error's tag, e.g. `CustomerNotFound`. */
  readonly _tag: string
  /** The rule that refused, e.g. `tenant.isolation`, when the error names one. */
  readonly rule: string | undefined
  /** Where in the input the fault is, e.g. `profile.email`, when the error says. */
  readonly path: string | undefined
  /** Brands the class across copies of the package (ESM and CommonJS). */
  readonly [errorBrand] = true
  readonly #encoded: EncodedError

  /** Wraps an error's JSON encoding (`_tag`, `message` and its fields). */
  constructor(encoded: EncodedError) {
    super(encoded.message)
    this.name = "CustomerAccountError"
    this._tag = encoded._tag
    this.rule = ruleOf(encoded)
    this.path = pathOf(encoded)
    this.#encoded = encoded
    for (const [key, value] of Object.entries(encoded)) {
      if (kept.has(key)) continue
      Object.defineProperty(this, key, { value, enumerable: true, writable: false, configurable: false })
    }
  }

  /** The error's JSON encoding: `_tag`, `message` and its own fields. */
  toJSON(): EncodedError {
    return this.#encoded
  }
}

/**
 * A failure that is not a refusal: a defect (a bug in the package or in a host's port or layer),
 * a layer that could not be built, an interrupted call or a call after `dispose()`. `cause` holds
 * what went wrong, for the server's log; it is never a refusal to show a client
 * (`toProblem` makes it a 500 that says nothing of it).
 *
 * @category errors
 */
export class CustomerAccountDefect extends Error {
  /** Brands the class across copies of the package (ESM and CommonJS). */
  readonly [defectBrand] = true

  /** A defect of the member `member`, caused by `cause`. */
  constructor(member: string, what: string, cause?: unknown) {
    super(`customer-account: ${member} ${what}`, cause === undefined ? undefined : { cause })
    this.name = "CustomerAccountDefect"
  }
}

/**
 * A {@link CustomerAccountError} of a tag of the package, with the fields of that error, e.g.
 * `CustomerAccountErrorOf<"PermissionDenied">` has `permission`, `actorKind` and `command`.
 *
 * @category errors
 */
export type CustomerAccountErrorOf<Tag extends ErrorTag> =
  & CustomerAccountError
  & Omit<ErrorJson<Tag>, "_tag" | "message">
  & { readonly _tag: Tag }

/**
 * Whether a value is a {@link CustomerAccountError}: any refusal.
 *
 * @category guards
 */
export const isCustomerAccountError = (value: unknown): value is CustomerAccountError =>
  typeof value === "object" && value !== null && (value as { readonly [errorBrand]?: unknown })[errorBrand] === true

/**
 * Whether a value is a {@link CustomerAccountDefect}.
 *
 * @category guards
 */
export const isDefect = (value: unknown): value is CustomerAccountDefect =>
  typeof value === "object" && value !== null && (value as { readonly [defectBrand]?: unknown })[defectBrand] === true

/**
 * Whether a value is a refusal with the given tag; narrows it to that error's fields.
 *
 * @example
 * ```ts
 * import { isError } from "customer-account/promise"
 *
 * const notFound = (error: unknown): string | undefined =>
 *   isError(error, "CustomerNotFound") ? error.customerId : undefined
 * ```
 *
 * @category guards
 */
export const isError = <Tag extends ErrorTag>(value: unknown, tag: Tag): value is CustomerAccountErrorOf<Tag> =>
  isCustomerAccountError(value) && value._tag === tag

/**
 * One guard per tagged error of the package: `is.CustomerNotFound(error)` is
 * `isError(error, "CustomerNotFound")`.
 *
 * @category guards
 */
export const is: { readonly [Tag in ErrorTag]: (value: unknown) => value is CustomerAccountErrorOf<Tag> } = Object.fromEntries(
  Object.keys(errorSchemas).map((tag) => [tag, (value: unknown) => isError(value, tag as ErrorTag)])
) as never
