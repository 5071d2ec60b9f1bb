/**
 * A command of the host's own in the catalogue: `markVip` records that a customer became a VIP,
 * as an activity of the host's type `loyalty.vip-marked`. It is declared over the engine's `run`
 * member with `Catalogue.hostCommand` and spread into the host's catalogue beside the built-in
 * commands, so whatever reads the catalogue (a transport, the docs, a test) picks it up.
 *
 * In a host's code base this is three files: the command (this file's first part), one line in
 * the host's catalogue, and its test. Run with `node examples/custom-command.ts` after `npm run build`.
 */
import { Effect, Result, Schema } from "effect"
import { Account, Actor, ActivityType, Catalogue, CustomerAccounts, Ids, Memory, type Pipeline } from "customer-account"

// --- File 1: the command -----------------------------------------------------------------------

/** The details of a `loyalty.vip-marked` activity. */
const VipMarked = Schema.Struct({ level: Schema.Literals(["gold", "platinum"]) })

/** The engine's registry with the host's activity type. */
const registry = Result.getOrThrow(
  ActivityType.register(ActivityType.makeRegistry(), {
    type: "loyalty.vip-marked",
    group: "customer-data",
    details: VipMarked,
    recordedBy: "host",
    label: "VIP marked"
  })
)

const MarkVipInput = Schema.Struct({ customerId: Ids.CustomerId, level: VipMarked.fields.level })

/** Already a VIP of that level: refused, with a rule id of the host's. */
class AlreadyVip extends Schema.TaggedError<AlreadyVip>()("AlreadyVip", { message: Schema.String }) {}

const markVipCommand: Pipeline.AccountCommand<
  typeof MarkVipInput.Type,
  void,
  never,
  never,
  AlreadyVip,
  typeof MarkVipInput.Encoded
> = {
  kind: "replace-additional-data",
  subject: "MarkVip",
  input: MarkVipInput,
  customerId: (input) => input.customerId,
  decide: (account, input) =>
    account.additionalData["loyalty.vip"] === input.level
      ? Result.fail(new AlreadyVip({ message: `The customer is a ${input.level} VIP already` }))
      : Result.succeed({
        account: new Account.Account({ ...account, additionalData: { ...account.additionalData, "loyalty.vip": input.level } }),
        activities: [{ type: "loyalty.vip-marked", summary: `Became a ${input.level} VIP`, details: { level: input.level } }]
      })
}

/** The declaration: what a transport needs to expose the command. */
export const markVip = Catalogue.hostCommand("markVip", markVipCommand, {
  description: "Marks the customer as a VIP of a level.",
  errors: [AlreadyVip]
})

// --- File 2: the host's catalogue: the built-in one and the host's commands ---------------------

export const hostCatalogue = { ...Catalogue.catalogue, markVip } satisfies Catalogue.CatalogueShape

// --- Using it: every transport takes a catalogue and calls `invoke` -----------------------------

const caller = {
  tenantId: Ids.TenantId.make("acme"),
  actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
  grants: { supporterRoles: [{ name: "crm", permissions: ["read", "register", "manage-additional-data"] as const }] }
}

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const { customerId } = yield* hostCatalogue.register.invoke(accounts, caller, {
    profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" },
    registrationSource: "back-office"
  })
  const outcome = yield* hostCatalogue.markVip.invoke(accounts, caller, { customerId, level: "gold" })
  const again = yield* Effect.flip(hostCatalogue.markVip.invoke(accounts, caller, { customerId, level: "gold" }))
  const page = yield* hostCatalogue.timeline.invoke(accounts, caller, { customerId, limit: 1 })
  const encoded = yield* Schema.encodeUnknownEffect(Schema.toCodecJson(hostCatalogue.timeline.output))(page)
  // The JSON a transport sends: plain objects, ISO time strings.
  const json = encoded as { readonly items: ReadonlyArray<{ readonly type: string; readonly at: string; readonly summary: string }> }
  return { outcome, again: again._tag, newest: json.items[0], permission: hostCatalogue.markVip.permission }
})

const result = await Effect.runPromise(program.pipe(Effect.provide(Memory.layer({ registry }))))
if (result.again !== "AlreadyVip" || result.newest?.type !== "loyalty.vip-marked") throw new Error("markVip did not run as declared")
console.log(`markVip (needs ${result.permission}) -> version ${result.outcome.version}; repeat refused: ${result.again}`)
console.log(`newest activity: ${result.newest.type} at ${result.newest.at}: ${result.newest.summary}`)
console.log(`commands in the host's catalogue: ${Object.values(hostCatalogue).filter((d) => d._tag === "Command").length}`)
