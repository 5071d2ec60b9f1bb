/**
 * Effects outside the account: a command whose outbox is down fails, but its mail is not lost.
 * The intent stored in the command's write is finished by a repeat under the same key or by the
 * host's drain; an intent that keeps failing becomes a dead letter, which the host retries. Run
 * with `node examples/intents.ts` after `npm run build`. See docs/effects.md.
 */
import { Context, DateTime, Duration, Effect, Layer } from "effect"
import { Actor, CustomerAccounts, Ids, Intents, MemoryAccountStore, MemoryHost, MemoryOutbox, Outbox, AccountStore } from "customer-account"

const tenantId = Ids.TenantId.make("acme")
const support: CustomerAccounts.Caller = {
  tenantId,
  actor: Actor.supporter(Ids.StaffUserId.make("u-1"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register", "reset-password"] }] }
}

// The host's outbox, which can be down: every call fails with a StorageError while it is.
const outage = { down: false }
const flakyOutbox = (outbox: Outbox.OutboxService): Outbox.OutboxService => ({
  enqueue: (mail) =>
    outage.down ? Effect.fail(new AccountStore.StorageError({ operation: "Outbox.enqueue", message: "mail server unreachable" })) : outbox.enqueue(mail),
  withdraw: (t, c) => outbox.withdraw(t, c),
  withdrawReference: (t, c, r) => outbox.withdrawReference(t, c, r)
})
const host = Layer.effectContext(
  Effect.map(Layer.build(MemoryHost.layer), (context) => Context.add(context, Outbox.Outbox, flakyOutbox(Context.get(context, Outbox.Outbox))))
)
const engine = Layer.mergeAll(CustomerAccounts.layer(), Intents.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(MemoryAccountStore.layer, host))
)

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const intents = yield* Intents.Intents
  const sent = Effect.map((yield* MemoryOutbox.MemoryOutboxControl).sent(tenantId), (mails) => mails.length)
  const { customerId } = yield* accounts.register(support, {
    profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" },
    registrationSource: "back-office"
  })

  // 1. The outbox is down: the reset is stored with its intent, the mail is not queued yet.
  outage.down = true
  const failed = yield* Effect.flip(accounts.resetPassword(support, { customerId }, { idempotencyKey: "reset-1" }))
  console.log(`resetPassword failed: ${failed._tag}; mails queued: ${yield* sent}`)
  for (const intent of yield* intents.list(tenantId, { limit: 10, status: ["pending"] })) {
    console.log(`pending intent ${intent.kind}: ${intent.attempts} attempt(s), last error "${intent.lastError}", due ${DateTime.formatIso(intent.dueAt)}`)
  }

  // 2. The outbox is back. The caller repeats under the same key: the first outcome, and the mail, once.
  outage.down = false
  yield* accounts.resetPassword(support, { customerId }, { idempotencyKey: "reset-1" })
  yield* accounts.resetPassword(support, { customerId }, { idempotencyKey: "reset-1" })
  console.log(`after the repeats: mails queued: ${yield* sent}`)

  // 3. A crash instead of a repeat: the host drains on start-up and on a timer.
  outage.down = true
  yield* Effect.flip(accounts.resetPassword(support, { customerId }))
  outage.down = false
  const inAMinute = DateTime.add(yield* DateTime.now, { minutes: 1 })
  const report = yield* intents.drain(tenantId, { dueBy: inAMinute })
  console.log(`drain: ${report.attempted} attempted, ${report.done} done; mails queued: ${yield* sent}`)

  // 4. An outbox that stays down: after the policy's attempts the intent is a dead letter.
  outage.down = true
  yield* Effect.flip(accounts.resetPassword(support, { customerId }))
  const policy = { maxAttempts: 2, baseDelay: Duration.seconds(1), maxDelay: Duration.minutes(1) }
  yield* intents.drain(tenantId, { dueBy: inAMinute, policy })
  const [dead] = yield* intents.list(tenantId, { limit: 10, status: ["dead"] })
  console.log(`dead letter ${dead?.kind} after ${dead?.attempts} attempts: ${dead?.lastError}`)
  outage.down = false
  const retried = dead === undefined ? false : yield* intents.retry(tenantId, dead.id)
  console.log(`retried: ${retried}; mails queued: ${yield* sent}`)
  if (!retried || (yield* sent) !== 3) throw new Error("the example's mails did not all go out exactly once")
})

Effect.runPromise(program.pipe(Effect.provide(engine))).catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
