/**
 * A storage adapter of your own: here a store that wraps the memory store and counts the writes
 * it sees, the way a database adapter would wrap its driver. The engine runs on it unchanged.
 * Run with `node examples/custom-store.ts` after `npm run build`.
 */
import { Effect, Layer } from "effect"
import { AccountStore, Actor, CustomerAccounts, Ids, MemoryAccountStore, MemoryHost } from "customer-account"

const CountingAccountStore = Layer.effect(
  AccountStore.AccountStore,
  Effect.gen(function*() {
    const inner = yield* MemoryAccountStore.make
    let saves = 0
    return AccountStore.AccountStore.of({
      ...inner,
      save: (tenantId, write) =>
        Effect.tap(inner.save(tenantId, write), () =>
          Effect.sync(() => {
            saves++
            console.log(`save #${saves}: ${write.account.customerId} v${write.expectedVersion} → v${write.account.version}, ${write.append.length} activities`)
          }))
    })
  })
)

const engine = CustomerAccounts.layer().pipe(Layer.provideMerge(Layer.mergeAll(CountingAccountStore, MemoryHost.layer)))

const caller: CustomerAccounts.Caller = { tenantId: Ids.TenantId.make("acme"), actor: Actor.customer(Ids.CustomerId.make("c-1")) }

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  // A customer registering itself keeps its own id.
  const { customerId } = yield* accounts.register(caller, {
    profile: { kind: "company", companyName: "Muster GmbH", salutation: "none", email: "office@muster.example", language: "de-AT" },
    registrationSource: "self-service"
  })
  yield* accounts.changeConsent(caller, { customerId, channel: "post", to: "objection", source: "self-service" })
  const overview = yield* accounts.overview(caller, customerId)
  console.log(overview.displayName, "post consent:", overview.account.consent.channels.post)
})

await Effect.runPromise(program.pipe(Effect.provide(engine)))
