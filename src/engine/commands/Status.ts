/**
 * Status commands (SPEC section 3): set the status, block and unblock product access. The
 * lifecycle decider decides; this module turns its events into account state and activities.
 *
 * @module
 */
import { type DateTime, Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import type { Actor } from "../../domain/Actor.ts"
import { CustomerId } from "../../domain/Ids.ts"
import * as Lifecycle from "../../domain/Lifecycle.ts"
import type { CommandKind } from "../../domain/Permission.ts"
import type { AccountCommand, ActivityDraft } from "../Pipeline.ts"

const Reason = Lifecycle.StatusHistoryRow.fields.reason

/**
 * Input of `setStatus`: the customer, the new status and an optional reason.
 *
 * @category inputs
 */
export const SetStatusInput = Schema.Struct({
  customerId: CustomerId,
  to: Lifecycle.CustomerStatus.pipe(
    Schema.check(
      Schema.makeFilter((s: string) =>
        s === "anonymized" ? "a status other than anonymized: anonymize through the anonymize command (rule status.transition-table)" : undefined
      )
    )
  ),
  reason: Reason
})
/** @category inputs */
export type SetStatusInput = typeof SetStatusInput.Type

/**
 * Input of `blockAccess` and `unblockAccess`: the customer and an optional reason.
 *
 * @category inputs
 */
export const ProductAccessInput = Schema.Struct({ customerId: CustomerId, reason: Reason })
/** @category inputs */
export type ProductAccessInput = typeof ProductAccessInput.Type

const apply = (account: Account, events: ReadonlyArray<Lifecycle.LifecycleEvent>): Account =>
  new Account({ ...account, lifecycle: events.reduce(Lifecycle.evolve, account.lifecycle) })

const draftsOf = (events: ReadonlyArray<Lifecycle.LifecycleEvent>): ReadonlyArray<ActivityDraft> =>
  events.map((event): ActivityDraft => {
    switch (event._tag) {
      case "StatusChanged":
        return {
          type: "status.changed",
          summary: `Status changed from ${event.from} to ${event.to}`,
          details: { from: event.from, to: event.to, ...(event.reason === undefined ? {} : { reason: event.reason }) }
        }
      case "ProductAccessBlocked":
        return { type: "access.blocked", summary: "Product access blocked", details: event.reason === undefined ? {} : { reason: event.reason } }
      case "ProductAccessUnblocked":
        return { type: "access.unblocked", summary: "Product access unblocked", details: event.reason === undefined ? {} : { reason: event.reason } }
    }
  })

/**
 * The description of a command the lifecycle decider decides: the pipeline's fields, plus the
 * lifecycle command built from the input, the time and the actor.
 */
const lifecycleCommand = <I extends { readonly customerId: CustomerId; readonly reason?: string }, IE>(
  kind: CommandKind,
  subject: string,
  input: Schema.Codec<I, IE>,
  command: (input: I, at: DateTime.Utc, actor: Actor) => Lifecycle.LifecycleCommand
): AccountCommand<I, void, never, never, Lifecycle.LifecycleRejection, IE> => ({
  kind,
  subject,
  input,
  customerId: (input) => input.customerId,
  decide: (account, input, env) =>
    Result.map(
      Lifecycle.decide(command(input, env.at, env.actor), account.lifecycle),
      (events) => ({ account: apply(account, events), activities: draftsOf(events) })
    )
})

const reasonOf = (input: { readonly reason?: string }) => (input.reason === undefined ? {} : { reason: input.reason })

/**
 * Set the status (rules `status.transition-table`, `status.no-change-to-current`,
 * `status.history-row`). Anonymizing has its own command.
 *
 * @category commands
 */
export const setStatus = lifecycleCommand("change-status", "SetStatus", SetStatusInput, (input, at, actor) => ({
  _tag: "ChangeStatus",
  to: input.to,
  at,
  actor,
  ...reasonOf(input)
}))

/**
 * Block product access: login stays, products go (rule `status.product-access-separate`).
 *
 * @category commands
 */
export const blockAccess = lifecycleCommand("block-access", "BlockAccess", ProductAccessInput, (input, at, actor) => ({
  _tag: "BlockProductAccess",
  at,
  actor,
  ...reasonOf(input)
}))

/**
 * Unblock product access (rule `status.product-access-separate`).
 *
 * @category commands
 */
export const unblockAccess = lifecycleCommand("unblock-access", "UnblockAccess", ProductAccessInput, (input, at, actor) => ({
  _tag: "UnblockProductAccess",
  at,
  actor,
  ...reasonOf(input)
}))
