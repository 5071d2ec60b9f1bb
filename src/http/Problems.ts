/**
 * Errors on the wire: every failure of the HTTP API is an RFC 9457 problem document
 * (`application/problem+json`) whose body is `toProblem(error)` and whose status is
 * `statusOf(error._tag)`: a refused authentication is 401 ({@link Unauthorized}), a request the
 * HTTP layer cannot decode (a malformed body, header, path or query parameter) is a
 * `ValidationError` naming the request part, as the engine's own input errors are.
 *
 * @module
 */
import { Schema, type SchemaIssue } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApiSchema } from "effect/http-api"
import { fromIssue, type ValidationError } from "../domain/Validation.ts"
import { Problem, statusOf, toProblem } from "../transport/Problem.ts"

/**
 * The media type of a problem document.
 *
 * @category constants
 */
export const problemContentType = "application/problem+json"

export { Unauthorized } from "../transport/Unauthorized.ts"

/** The status of the HTTP layer's own errors; every other error's is `statusOf(tag)`. */
const ownStatuses: Readonly<Record<string, number>> = { Unauthorized: 401 }

const tagOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const tag = (error as { readonly _tag?: unknown })._tag
  return typeof tag === "string" ? tag : undefined
}

/**
 * The HTTP status of an error: 401 for {@link Unauthorized}, `statusOf(tag)` for any other tagged
 * error, 500 for anything else.
 *
 * @category problems
 */
export const problemStatus = (error: unknown): number => {
  const tag = tagOf(error)
  if (tag === undefined) return 500
  return ownStatuses[tag] ?? statusOf(tag)
}

/**
 * The problem document response of an error: `toProblem(error)` with the status of
 * {@link problemStatus}, as `application/problem+json`.
 *
 * @category problems
 */
export const problemResponse = (error: unknown): HttpServerResponse.HttpServerResponse => {
  const status = problemStatus(error)
  return HttpServerResponse.jsonUnsafe({ ...toProblem(error), status }, { status, contentType: problemContentType })
}

/**
 * The part of a request the HTTP layer could not decode, as the subject of a `ValidationError`:
 * `HttpBody`, `HttpHeaders`, `HttpPath` or `HttpQuery`.
 *
 * @category problems
 */
export const requestPartSubject = (kind: "Params" | "Headers" | "Query" | "Payload"): string =>
  ({ Params: "HttpPath", Headers: "HttpHeaders", Query: "HttpQuery", Payload: "HttpBody" })[kind]

/**
 * A request part the HTTP layer could not decode, as the engine's typed `ValidationError` (which
 * never copies the offending values).
 *
 * @category problems
 */
export const requestInvalid = (kind: "Params" | "Headers" | "Query" | "Payload", issue: SchemaIssue.Issue): ValidationError =>
  fromIssue(requestPartSubject(kind), issue)

const problemAt = (status: number): Schema.Top =>
  Problem.pipe(
    HttpApiSchema.status(status),
    HttpApiSchema.asJson({ contentType: problemContentType })
  )

/**
 * The tag of an error Schema of a declaration: its identifier, or the literal of its `_tag` field.
 *
 * @category problems
 */
export const errorTag = (schema: { readonly identifier?: string }): string | undefined => {
  if (typeof schema.identifier === "string" && schema.identifier !== "") return schema.identifier
  const tag = (schema as { readonly fields?: { readonly _tag?: { readonly ast?: { readonly literal?: unknown } } } }).fields?._tag?.ast?.literal
  return typeof tag === "string" ? tag : undefined
}

/**
 * The problem responses an endpoint documents: one per distinct status of its declared errors,
 * plus 400 (a request the HTTP layer cannot decode) and 401 (authentication refused).
 *
 * @category problems
 */
export const documentedProblems = (errors: ReadonlyArray<{ readonly identifier?: string }>): ReadonlyArray<Schema.Top> => {
  const statuses = new Set<number>([400, 401])
  for (const error of errors) {
    const tag = errorTag(error)
    statuses.add(tag === undefined ? 500 : problemStatus({ _tag: tag }))
  }
  return [...statuses].sort((a, b) => a - b).map(problemAt)
}
