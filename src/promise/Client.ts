/**
 * `createCustomerAccounts`: the engine behind plain `async` methods, for code that does not use
 * Effect. Every member of the catalogue becomes a method returning a Promise of plain JSON (ISO
 * time strings, no class instances: safe to return from a Fastify or Express handler or to
 * `JSON.stringify`); a refusal rejects with a `CustomerAccountError`, anything else with a
 * `CustomerAccountDefect`.
 *
 * @module
 */
import { Cause, Effect, Exit, ManagedRuntime, Option, Result, Schema } from "effect"
import { type Catalogue, catalogue as builtin } from "../catalogue/Catalogue.ts"
import type { CatalogueShape, CommandDeclaration, Declaration, QueryDeclaration } from "../catalogue/Declaration.ts"
import { decode, snapshot } from "../domain/Validation.ts"
import { admitCaller, type Caller, type CommandOptions } from "../engine/Caller.ts"
import { CustomerAccounts } from "../engine/CustomerAccounts.ts"
import { layer as memoryLayer } from "../Memory.ts"
import { encodeError, isTagged } from "../transport/ErrorJson.ts"
import { CustomerAccountDefect, CustomerAccountError } from "./Errors.ts"
import type { AnyInvocation, CreateOptions, CustomerAccountsClient, EngineLayer } from "./Types.ts"

/** The names a catalogue member cannot have: the client's own. */
const reservedNames = new Set(["dispose", "then"])

const subjectOf = (name: string): string => `${name.charAt(0).toUpperCase()}${name.slice(1)}Parameters`

/** Decodes a query's parameters before `invoke` splits them (after the caller, rule `caller.decoded`). */
const admitParameters = (declaration: QueryDeclaration) => {
  const check = decode(declaration.parameters, subjectOf(declaration.name))
  return (caller: unknown, parameters: unknown) =>
    Effect.gen(function*() {
      yield* admitCaller(caller)
      const copied = snapshot(parameters, subjectOf(declaration.name))
      if (Result.isFailure(copied)) return yield* copied.failure
      const checked = check(copied.success)
      if (Result.isFailure(checked)) return yield* checked.failure
      return copied.success
    })
}

/**
 * Builds the Promise API over an engine: one method per member of the catalogue (the built-in
 * one unless `catalogue` is given), running on `layer` (default: the in-memory engine,
 * `Memory.layer(engine)`). The engine is built once, on the first call, and kept until
 * `dispose()`.
 *
 * - A command: `(caller, input, options?)`, `options` an idempotency key `{ idempotencyKey }`.
 * - A query: `(caller, parameters)`, `parameters` one object (`{ customerId, limit, ... }`).
 *
 * Both resolve to the output's JSON (`Schema.toCodecJson` of the declaration's output Schema).
 * A refusal rejects with a `CustomerAccountError` (`_tag`, `rule`, `path`, `message`, the error's
 * fields); a defect, a layer that fails to build, an interruption or a call after `dispose()`
 * with a `CustomerAccountDefect`. Bad input of any type is a `ValidationError` refusal, never a
 * throw. Throws (synchronously) only when the catalogue names a member `dispose` or `then`.
 *
 * @example
 * ```ts
 * import { createCustomerAccounts } from "customer-account/promise"
 *
 * const accounts = createCustomerAccounts()
 * const mia = { tenantId: "acme", actor: { _tag: "supporter", userId: "u-7", displayName: "Mia" } as const,
 *   grants: { supporterRoles: [{ name: "support", permissions: ["read", "register"] as const }] } }
 * const { customerId } = await accounts.register(mia, { registrationSource: "back-office",
 *   profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" } })
 * const page = await accounts.timeline(mia, { customerId, limit: 20 })
 * await accounts.dispose()
 * ```
 *
 * @category constructors
 */
export const createCustomerAccounts = <C extends CatalogueShape = Catalogue>(
  options: CreateOptions<C> = {}
): CustomerAccountsClient<C> => {
  const declarations: CatalogueShape = options.catalogue ?? builtin
  const layer: EngineLayer = options.layer ?? memoryLayer(options.engine ?? {})
  for (const name of Object.keys(declarations)) {
    if (reservedNames.has(name)) throw new TypeError(`customer-account/promise: a catalogue member cannot be named ${JSON.stringify(name)}`)
  }
  const runtime = ManagedRuntime.make(layer)
  let disposed = false

  const settle = (declaration: Declaration) => {
    const encodeOutput = Schema.encodeUnknownSync(Schema.toCodecJson(declaration.output))
    return (run: (service: typeof CustomerAccounts.Service) => AnyInvocation): Promise<unknown> => {
      if (disposed) return Promise.reject(new CustomerAccountDefect(declaration.name, "was called after dispose()"))
      const program = Effect.gen(function*() {
        const service = yield* CustomerAccounts
        const output = yield* Effect.suspend(() => run(service))
        return yield* Effect.sync(() => encodeOutput(output))
      })
      return runtime.runPromiseExit(program).then((exit) => {
        if (Exit.isSuccess(exit)) return exit.value
        const failure = Cause.findErrorOption(exit.cause)
        if (Option.isSome(failure) && isTagged(failure.value)) {
          throw new CustomerAccountError(encodeError(failure.value, declaration.errors))
        }
        const what = Cause.hasInterruptsOnly(exit.cause) ? "was interrupted" : "failed unexpectedly (a defect, not a refusal); see cause"
        throw new CustomerAccountDefect(declaration.name, what, Cause.squash(exit.cause))
      })
    }
  }

  const command = (declaration: CommandDeclaration) => {
    const run = settle(declaration)
    return (caller: unknown, input: unknown, commandOptions?: CommandOptions) =>
      run((service) => declaration.invoke(service, caller as Caller, input, commandOptions))
  }

  const query = (declaration: QueryDeclaration) => {
    const run = settle(declaration)
    const admit = admitParameters(declaration)
    return (caller: unknown, parameters: unknown) =>
      run((service) => Effect.flatMap(admit(caller, parameters), (plain) => declaration.invoke(service, caller as Caller, plain)))
  }

  const dispose = async (): Promise<void> => {
    if (disposed) return
    disposed = true
    await runtime.dispose()
  }
  const client: Record<string | symbol, unknown> = { dispose, [Symbol.asyncDispose]: dispose }
  for (const [name, declaration] of Object.entries(declarations)) {
    client[name] = declaration._tag === "Command" ? command(declaration) : query(declaration)
  }
  return Object.freeze(client) as CustomerAccountsClient<C>
}
