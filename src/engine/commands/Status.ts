/**
 * Status commands (SPEC section 3): set the status, block and unblock product access. The
 * lifecycle decider decides; this module turns its events into account state and activities.
 *
 * @module
 */
import { Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import { CustomerId } from "../../domain/Ids.ts"
import * as Lifecycle from "../../domain/Lifecycle.ts"
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
 * Set the status (rules `status.transition-table`, `status.no-change-to-current`,
 * `status.history-row`). Anonymizing has its own command.
 *
 * @category commands
 */
export const setStatus: AccountCommand<SetStatusInput, void, never, never, Lifecycle.LifecycleRejection, typeof SetStatusInput.Encoded> = {
  kind: "change-status",
  subject: "SetStatus",
  input: SetStatusInput,
  customerId: (input) => input.customerId,
  decide: (account, input, env) =>
    Result.map(
      Lifecycle.decide(
        { _tag: "ChangeStatus", to: input.to, at: env.at, actor: env.actor, ...(input.reason === undefined ? {} : { reason: input.reason }) },
        account.lifecycle
      ),
      (events) => ({ account: apply(account, events), activities: draftsOf(events) })
    )
}

/**
 * Block product access: login stays, products go (rule `status.product-access-separate`).
 *
 * @category commands
 */
export const blockAccess: AccountCommand<ProductAccessInput, void, never, never, Lifecycle.LifecycleRejection, typeof ProductAccessInput.Encoded> = {
  kind: "block-access",
  subject: "BlockAccess",
  input: ProductAccessInput,
  customerId: (input) => input.customerId,
  decide: (account, input, env) =>
    Result.map(
      Lifecycle.decide(
        { _tag: "BlockProductAccess", at: env.at, actor: env.actor, ...(input.reason === undefined ? {} : { reason: input.reason }) },
        account.lifecycle
      ),
      (events) => ({ account: apply(account, events), activities: draftsOf(events) })
    )
}

/**
 * Unblock product access (rule `status.product-access-separate`).
 *
 * @category commands
 */
export const unblockAccess: AccountCommand<ProductAccessInput, void, never, never, Lifecycle.LifecycleRejection, typeof ProductAccessInput.Encoded> = {
  kind: "unblock-access",
  subject: "UnblockAccess",
  input: ProductAccessInput,
  customerId: (input) => input.customerId,
  decide: (account, input, env) =>
    Result.map(
      Lifecycle.decide(
        { _tag: "UnblockProductAccess", at: env.at, actor: env.actor, ...(input.reason === undefined ? {} : { reason: input.reason }) },
        account.lifecycle
      ),
      (events) => ({ account: apply(account, events), activities: draftsOf(events) })
    )
}
