/**
 * Constructors of the built-in declarations: {@link command} and {@link query} type a declaration
 * by the `CustomerAccounts` member it describes, so its input, output and error types are the
 * member's, and they refuse (at compile time) an `output` Schema whose Type is not the member's
 * result or an `errors` list whose union is not exactly the member's error type.
 *
 * @module
 */
import type { Effect, Schema } from "effect"
import type { BuiltinActivityType } from "../domain/ActivityType.ts"
import { type Permission, requiredPermission } from "../domain/Permission.ts"
import type { Caller, CommandOptions } from "../engine/Caller.ts"
import type { Ports } from "../engine/CustomerAccounts.ts"
import type { CommandError, CustomerAccountsService } from "../engine/CustomerAccountsService.ts"
import { type AccountCommand, CommandOutcome, type Rejection } from "../engine/Pipeline.ts"
import { commandErrors } from "./Errors.ts"
import type { CommandDeclaration, ErrorSchema, QueryDeclaration } from "./Declaration.ts"

/**
 * The names of the service's members that the catalogue describes: every member but `settings`
 * and the generic `run`.
 *
 * @category types
 */
export type MemberName = Exclude<keyof CustomerAccountsService, "settings" | "run">

/**
 * The type of the service's member `N`.
 *
 * @category types
 */
export type Member<N extends MemberName> = CustomerAccountsService[N]

/**
 * What a member succeeds with, e.g. `OutputOf<"setStatus">` is `CommandOutcome`.
 *
 * @category types
 */
export type OutputOf<N extends MemberName> = Member<N> extends (...args: any) => Effect.Effect<infer A, infer _E> ? A : never

/**
 * The exact union of the tagged errors a member fails with, e.g. `ErrorOf<"setStatus">` is
 * `SetStatusError`.
 *
 * @category types
 */
export type ErrorOf<N extends MemberName> = Member<N> extends (...args: any) => Effect.Effect<infer _A, infer E> ? E : never

/**
 * The input a command member takes (its second parameter), the encoded side of its input Schema.
 *
 * @category types
 */
export type InputOf<N extends MemberName> = Member<N> extends (caller: Caller, input: infer I, ...rest: any) => unknown ? I : never

/**
 * `true` when `A` and `B` are assignable to each other.
 *
 * @category types
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

/**
 * Accepts an `errors` list whose union of error types is exactly `E`; otherwise names what is
 * missing from the list and what is in it but not in `E`.
 *
 * @category types
 */
export type ExactErrors<Es extends ReadonlyArray<ErrorSchema>, E> = Same<Es[number]["Type"], E> extends true ? Es
  : {
    readonly "errors do not match the member's error type": {
      readonly missing: Exclude<E, Es[number]["Type"]>
      readonly extra: Exclude<Es[number]["Type"], E>
    }
  }

/**
 * What a built-in command declaration states besides its name; `invoke` is derived from the name.
 *
 * @category constructors
 */
export interface CommandSpec<N extends MemberName, Es extends ReadonlyArray<ErrorSchema>> {
  /** One line: what the command does. */
  readonly description: string
  /** The permission the actor needs. */
  readonly permission: Permission
  /** The input Schema. */
  readonly input: Schema.Codec<unknown, InputOf<N>>
  /** The output Schema; its Type is the member's result. */
  readonly output: Schema.Codec<OutputOf<N>, unknown>
  /** The tagged errors, exactly the member's error union. */
  readonly errors: ExactErrors<Es, ErrorOf<N>>
  /** Whether a repeat under the same idempotency key returns the first outcome. */
  readonly idempotent: boolean
  /** Whether the decision reads the whole timeline. */
  readonly readsTimeline: boolean
  /** The kinds of intents the command records. */
  readonly intents: ReadonlyArray<string>
  /** The built-in activity types the command may append; absent for host types. */
  readonly activityTypes?: ReadonlyArray<BuiltinActivityType>
}

/**
 * Declares a built-in command: the member `name` of the service, run by `invoke`.
 *
 * @category constructors
 */
export const command = <const N extends MemberName, const Es extends ReadonlyArray<ErrorSchema>>(
  name: N,
  spec: CommandSpec<N, Es>
): CommandDeclaration<N, InputOf<N>, OutputOf<N>, ErrorOf<N>> => ({
  _tag: "Command",
  name,
  description: spec.description,
  permission: spec.permission,
  input: spec.input,
  output: spec.output,
  errors: spec.errors as unknown as ReadonlyArray<ErrorSchema>,
  idempotent: spec.idempotent,
  readsTimeline: spec.readsTimeline,
  intents: spec.intents,
  ...(spec.activityTypes === undefined ? {} : { activityTypes: spec.activityTypes }),
  invoke: (service, caller, input, options) => {
    // The member's own signature is `(caller, input, options?)`: the name picks it.
    const member = service[name] as unknown as (
      caller: Caller,
      input: InputOf<N>,
      options?: CommandOptions
    ) => Effect.Effect<OutputOf<N>, ErrorOf<N>>
    return options === undefined ? member(caller, input) : member(caller, input, options)
  }
})

/**
 * What a built-in query declaration states besides its name.
 *
 * @category constructors
 */
export interface QuerySpec<N extends MemberName, PE, Es extends ReadonlyArray<ErrorSchema>> {
  /** One line: what the query returns. */
  readonly description: string
  /** The permission the actor needs. */
  readonly permission: Permission
  /** Whether the query is about one customer. */
  readonly perCustomer: boolean
  /** The parameters, one object with named fields. */
  readonly parameters: Schema.Codec<unknown, PE>
  /** The output Schema; its Type is the member's result. */
  readonly output: Schema.Codec<OutputOf<N>, unknown>
  /** The tagged errors, exactly the member's error union. */
  readonly errors: ExactErrors<Es, ErrorOf<N>>
  /** Maps the named parameters onto the member's positional ones. */
  readonly invoke: (service: CustomerAccountsService, caller: Caller, parameters: PE) => Effect.Effect<OutputOf<N>, ErrorOf<N>>
}

/**
 * Declares a built-in query: the member `name` of the service.
 *
 * @category constructors
 */
export const query = <const N extends MemberName, PE, const Es extends ReadonlyArray<ErrorSchema>>(
  name: N,
  spec: QuerySpec<N, PE, Es>
): QueryDeclaration<N, PE, OutputOf<N>, ErrorOf<N>> => ({
  _tag: "Query",
  name,
  description: spec.description,
  permission: spec.permission,
  perCustomer: spec.perCustomer,
  parameters: spec.parameters,
  output: spec.output,
  errors: spec.errors as unknown as ReadonlyArray<ErrorSchema>,
  invoke: spec.invoke
})

/**
 * What a host states about a command of its own besides its `AccountCommand`.
 *
 * @category constructors
 */
export interface HostCommandSpec<Es extends ReadonlyArray<ErrorSchema>> {
  /** One line: what the command does. */
  readonly description: string
  /**
   * The Schemas of the command's own errors: its decision's refusals (`D`) and its host step's
   * failures (`E`); the pipeline's errors are added.
   */
  readonly errors: Es
  /** The kinds of intents the command records; default none. */
  readonly intents?: ReadonlyArray<string>
}

/**
 * Declares a command of the host's own over the engine's `run` member, so that it can be spread
 * into a catalogue beside the built-in ones (`{ ...catalogue, markVip }`) and every transport
 * built from that catalogue exposes it. The permission is the one of the command's `kind`, the
 * output a `CommandOutcome`, the errors the pipeline's plus `errors`.
 *
 * @example
 * ```ts
 * import { Result, Schema } from "effect"
 * import { Catalogue, Ids, type Pipeline } from "customer-account"
 *
 * const Input = Schema.Struct({ customerId: Ids.CustomerId })
 * const touch: Pipeline.AccountCommand<typeof Input.Type, void, never, never, never, typeof Input.Encoded> = {
 *   kind: "replace-additional-data",
 *   subject: "Touch",
 *   input: Input,
 *   customerId: (input) => input.customerId,
 *   decide: (account) => Result.succeed({ account, activities: [] })
 * }
 * const hostCatalogue = {
 *   ...Catalogue.catalogue,
 *   touch: Catalogue.hostCommand("touch", touch, { description: "Raises the version.", errors: [] })
 * }
 * ```
 *
 * @category constructors
 */
export const hostCommand = <const N extends string, I, IE, P, E, D extends Rejection, const Es extends ReadonlyArray<ErrorSchema>>(
  name: N,
  spec: AccountCommand<I, P, E, Ports, D, IE>,
  options: HostCommandSpec<Es>
): CommandDeclaration<N, IE, CommandOutcome, CommandError<D> | E> => ({
  _tag: "Command",
  name,
  description: options.description,
  permission: requiredPermission(spec.kind),
  input: spec.input,
  output: CommandOutcome,
  errors: [...commandErrors, ...options.errors],
  idempotent: true,
  readsTimeline: spec.timeline === true,
  intents: options.intents ?? [],
  invoke: (service, caller, input, commandOptions) => service.run(spec, caller, input, commandOptions)
})
