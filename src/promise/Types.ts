/**
 * The types of the Promise API, derived from a catalogue's types: one method per declaration,
 * taking the caller and the encoded input (what a caller sends) and promising the output's JSON
 * (what `Schema.toCodecJson` of the declaration's output Schema writes). No member is listed by
 * hand: a host's catalogue gets its methods typed the same way.
 *
 * @module
 */
import type { DateTime, Effect, Layer } from "effect"
import type { CatalogueShape } from "../catalogue/Declaration.ts"
import type { Caller, CommandOptions } from "../engine/Caller.ts"
import type { CustomerAccounts, EngineOptions } from "../engine/CustomerAccounts.ts"
import type { Json } from "../transport/ErrorJson.ts"

/**
 * The caller in its JSON form: `{ tenantId, actor, grants? }` with plain strings for ids, as a
 * request handler builds it from its session or API key. It is decoded on every call (rule
 * `caller.decoded`): a malformed caller is a `ValidationError` with subject `Caller`.
 *
 * @category types
 */
export type CallerJson = typeof Caller.Encoded

/**
 * The JSON form of a value of type `T`, as `Schema.toCodecJson` writes it: a `DateTime` is an ISO
 * string, bytes are a base64 string, a class instance is a plain object of its fields.
 *
 * @category types
 */
export type Jsonify<T> = T extends string | number | boolean | null | undefined ? T
  : T extends DateTime.DateTime ? string
  : T extends Uint8Array ? string
  : T extends ReadonlyArray<infer A> ? ReadonlyArray<Jsonify<A>>
  : T extends (...args: ReadonlyArray<never>) => unknown ? never
  : T extends object ? { readonly [K in keyof T as K extends string ? (T[K] extends (...args: ReadonlyArray<never>) => unknown ? never : K) : never]: Jsonify<T[K]> }
  : Json

/**
 * The JSON a declaration's output encodes to: its output Schema's encoded side when the
 * declaration's type keeps it, else the JSON form of what `invoke` succeeds with.
 *
 * @category types
 */
export type OutputJson<D> = D extends { readonly output: { readonly Type: infer T; readonly Encoded: infer E } }
  ? unknown extends E ? Jsonify<T> : Jsonify<E>
  : Json

/**
 * The input a declaration's `invoke` takes after the service and the caller: a command's encoded
 * input, a query's encoded parameters.
 *
 * @category types
 */
export type InputOf<D> = D extends {
  /** The declaration's runner, whose third parameter is the input. */
  readonly invoke: (service: never, caller: never, input: infer I, ...rest: never) => unknown
} ? I
  : never

/**
 * A command as a Promise: the caller, the input, options (an idempotency key); resolves to the
 * output's JSON, rejects with a `CustomerAccountError` or a `CustomerAccountDefect`.
 *
 * @category types
 */
export type CommandMethod<D> = (caller: CallerJson, input: InputOf<D>, options?: CommandOptions) => Promise<OutputJson<D>>

/**
 * A query as a Promise: the caller and the parameters (`{ customerId, ... }`); resolves to the
 * output's JSON, rejects like a command.
 *
 * @category types
 */
export type QueryMethod<D> = (caller: CallerJson, parameters: InputOf<D>) => Promise<OutputJson<D>>

/**
 * The method of one declaration: a {@link CommandMethod} or a {@link QueryMethod}.
 *
 * @category types
 */
export type MethodOf<D> = D extends { readonly _tag: "Command" } ? CommandMethod<D>
  : D extends { readonly _tag: "Query" } ? QueryMethod<D>
  : never

/**
 * What `createCustomerAccounts` returns: one method per member of the catalogue `C`, and
 * `dispose()`, which releases the engine (its layer's resources, e.g. a SQL pool). Also
 * `await using`-able.
 *
 * @category types
 */
export type CustomerAccountsClient<C extends CatalogueShape> =
  & { readonly [K in keyof C]: MethodOf<C[K]> }
  & {
    /** Releases the engine and its layer's resources; later calls reject with a `CustomerAccountDefect`. */
    readonly dispose: () => Promise<void>
    /** `dispose()`, for `await using accounts = createCustomerAccounts()`. */
    readonly [Symbol.asyncDispose]: () => Promise<void>
  }

/**
 * The layer a host runs the engine on: anything that provides the `CustomerAccounts` service
 * without further requirements, e.g. `Memory.layer()` or the SQL stores under the engine.
 *
 * @category types
 */
export type EngineLayer = Layer.Layer<CustomerAccounts, unknown, never>

/**
 * The options of `createCustomerAccounts`: the catalogue (default: the built-in one) and either
 * the host's `layer` or the `engine` options of the default in-memory engine (`Memory.layer`).
 *
 * @category types
 */
export type CreateOptions<C extends CatalogueShape> =
  & {
    /** The catalogue whose members become methods; default: the built-in catalogue. */
    readonly catalogue?: C
  }
  & (
    | {
      /** The engine to run on; default: `Memory.layer(engine)`. */
      readonly layer: EngineLayer
      /** Not with a `layer`: give its options to the layer. */
      readonly engine?: never
    }
    | {
      /** The engine to run on; default: `Memory.layer(engine)`. */
      readonly layer?: never
      /** The options of the default in-memory engine. */
      readonly engine?: EngineOptions
    }
  )

/**
 * What a declaration's `invoke` returns, for a member whose types are not known here.
 *
 * @category types
 */
export type AnyInvocation = Effect.Effect<unknown, unknown>
