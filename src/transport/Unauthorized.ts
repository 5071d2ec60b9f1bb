/**
 * The transports' own refusal: the host's authentication refused a request (no or bad
 * credentials). The HTTP API answers it with a 401 problem document.
 *
 * @module
 */
import { Schema } from "effect"

/**
 * The host's authentication refused the request (no or bad credentials). Answered with a 401
 * problem document; its message is the host's and must not carry a secret.
 *
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  /** Why, for the client: e.g. `Missing bearer token`. Never a credential. */
  message: Schema.String
}) {}
