/**
 * The shape of one entry of the catalogue: what every transport (the Effect service, the Promise
 * API, the HTTP API and its OpenAPI document, the testing generators, the docs tables) reads to
 * expose a command or a query, so that none of them lists commands or queries by hand.
 *
 * A command takes one input object and options (an idempotency key); a query takes its parameters
 * as one object whose fields are named (`customerId` where it is about one customer). Both run by
 * `invoke` on the engine service, and every value crossing a transport is described by a Schema:
 * the input's encoded side is what a caller sends, the output's and each error's JSON encoding
 * (`Schema.toCodecJson`) is what a caller receives.
 *
 * @module
 */
import type { Effect, Schema } from "effect"
import type { Permission } from "../domain/Permission.ts"
import type { Caller, CommandOptions } from "../engine/Caller.ts"
import type { CustomerAccountsService } from "../engine/CustomerAccountsService.ts"

/**
 * The Schema of a tagged error a member can fail with (a `Schema.TaggedError` class): its
 * encoded side is a plain object with `_tag`, `message` and, for a refusal, `rule`.
 *
 * @category catalogue
 */
export type ErrorSchema = Schema.Codec<{ readonly _tag: string; readonly message: string }, unknown> & {
  readonly identifier?: string
}

/**
 * One command of the catalogue.
 *
 * - `Name`: the service member's name, e.g. `"setStatus"`;
 * - `IE`: the encoded input, what a caller sends (a branded id is a plain string there);
 * - `O`: the output, what the member succeeds with;
 * - `E`: the exact union of the tagged errors it fails with.
 *
 * @category catalogue
 */
export interface CommandDeclaration<Name extends string = string, IE = any, O = any, E = any> {
  readonly _tag: "Command"
  /** The service member, e.g. `setStatus`. */
  readonly name: Name
  /** One line: what the command does. */
  readonly description: string
  /** The permission the actor needs (SPEC section 8). */
  readonly permission: Permission
  /** Decodes the input; its encoded side `IE` is what a caller sends. */
  readonly input: Schema.Codec<unknown, IE>
  /** Encodes the output (`Schema.toCodecJson(output)` gives the JSON a transport returns). */
  readonly output: Schema.Codec<O, unknown>
  /** Every tagged error the command can fail with, one Schema per `_tag`. */
  readonly errors: ReadonlyArray<ErrorSchema>
  /** Whether a repeat under the same idempotency key returns the first outcome (`CommandOptions.idempotencyKey`). */
  readonly idempotent: boolean
  /** Whether the decision reads the whole timeline. */
  readonly readsTimeline: boolean
  /** The kinds of intents (effects outside the account) the command records, e.g. `"mail"`. */
  readonly intents: ReadonlyArray<string>
  /**
   * The types of the activities the command may append (e.g. `status.changed`); absent when it
   * appends types the host registers (`recordHostActivity`, a host's own command).
   */
  readonly activityTypes?: ReadonlyArray<string>
  /** Runs the command on the engine. */
  readonly invoke: (service: CustomerAccountsService, caller: Caller, input: IE, options?: CommandOptions) => Effect.Effect<O, E>
}

/**
 * One query of the catalogue: reads, changes nothing.
 *
 * - `PE`: the encoded parameters, one object with named fields (`customerId` where the query is
 *   about one customer, the query object's fields beside it);
 * - `O`, `E`: as for a command.
 *
 * @category catalogue
 */
export interface QueryDeclaration<Name extends string = string, PE = any, O = any, E = any> {
  readonly _tag: "Query"
  /** The service member, e.g. `timeline`. */
  readonly name: Name
  /** One line: what the query returns. */
  readonly description: string
  /** The permission the actor needs. */
  readonly permission: Permission
  /** Whether the query is about one customer (its parameters then have a `customerId`). */
  readonly perCustomer: boolean
  /** Decodes the parameters; its encoded side `PE` is what a caller sends. */
  readonly parameters: Schema.Codec<unknown, PE>
  /** Encodes the output. */
  readonly output: Schema.Codec<O, unknown>
  /** Every tagged error the query can fail with. */
  readonly errors: ReadonlyArray<ErrorSchema>
  /** Runs the query on the engine. */
  readonly invoke: (service: CustomerAccountsService, caller: Caller, parameters: PE) => Effect.Effect<O, E>
}

/**
 * A command or a query.
 *
 * @category catalogue
 */
export type Declaration = CommandDeclaration | QueryDeclaration

/**
 * A catalogue: declarations by member name (`catalogue.setStatus.name === "setStatus"`). The
 * built-in one is `catalogue` in `Catalogue.ts`; a host's own is the built-in one spread with its
 * own declarations. Every transport takes one.
 *
 * @category catalogue
 */
export type CatalogueShape = { readonly [name: string]: Declaration }
