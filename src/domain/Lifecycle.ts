/**
 * The customer's lifecycle: the status machine of SPEC section 3, its history, the derived
 * permissions and the separate product-access flag, as a pure decider.
 *
 * @module
 */
import { Result, Schema } from "effect"
import { isCleanText } from "./Text.ts"
import { Actor } from "./Actor.ts"
import type { Decider } from "./Decider.ts"
import { Instant } from "./Instant.ts"
import { personal } from "./PersonalData.ts"

/**
 * The lifecycle states. Deletion is not a state: it leaves a tombstone.
 *
 * @category models
 */
export const CustomerStatus = Schema.Literals(["active", "blocked", "deactivated", "anonymized"])
/** @category models */
export type CustomerStatus = typeof CustomerStatus.Type

/**
 * Every status, in the order of the specification's table.
 *
 * @category models
 */
export const statuses: ReadonlyArray<CustomerStatus> = CustomerStatus.literals

/**
 * The transition table (rule `status.transition-table`): for each status, the statuses it may
 * change to. Anonymized reaches nothing (rule `status.anonymized-terminal`).
 *
 * @category rules
 */
export const statusTransitions: { readonly [From in CustomerStatus]: ReadonlyArray<CustomerStatus> } = {
  active: ["blocked", "deactivated", "anonymized"],
  blocked: ["active", "deactivated", "anonymized"],
  deactivated: ["active", "blocked", "anonymized"],
  anonymized: []
}

/**
 * Whether the table allows a change from one status to another.
 *
 * @category rules
 */
export const canTransition = (from: CustomerStatus, to: CustomerStatus): boolean =>
  statusTransitions[from].includes(to)

/**
 * Whether product access is granted or withdrawn (rule `status.product-access-separate`).
 *
 * @category models
 */
export const ProductAccess = Schema.Literals(["granted", "withdrawn"])
/** @category models */
export type ProductAccess = typeof ProductAccess.Type

const Reason = Schema.String.pipe(
  Schema.check(Schema.isBetweenLength(1, 500), isCleanText()),
  personal("content")
)

/**
 * One row of the status history (rule `status.history-row`): from, to, at, actor, optional reason.
 *
 * The reason is free text and so may hold personal data: it is marked, and anonymization erases it.
 *
 * @category models
 */
export class StatusHistoryRow extends Schema.Class<StatusHistoryRow>("customer-account/StatusHistoryRow")({
  /** The status before the change. */
  from: CustomerStatus,
  /** The status after the change. */
  to: CustomerStatus,
  /** When the change happened. */
  at: Instant,
  /** Who made the change. */
  actor: Actor,
  /** Why, in the actor's words. */
  reason: Schema.optionalKey(Reason)
}) {}

/**
 * The lifecycle part of an account: status, product access and the status history.
 *
 * @category models
 */
export class LifecycleState extends Schema.Class<LifecycleState>("customer-account/LifecycleState")({
  /** The current status. */
  status: CustomerStatus,
  /** Whether the customer has access to its products. */
  productAccess: ProductAccess,
  /** Every accepted status change, oldest first. */
  history: Schema.Array(StatusHistoryRow)
}) {}

/**
 * The state of a newly registered customer: active, with product access, no history.
 *
 * @category constructors
 */
export const initialLifecycle: LifecycleState = new LifecycleState({
  status: "active",
  productAccess: "granted",
  history: []
})

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/**
 * Change the status. `trigger: "password-reset"` marks the change a customer causes by
 * completing a password reset (rule `status.customer-only-unblocks-by-reset`).
 *
 * @category commands
 */
export const ChangeStatus = Schema.TaggedStruct("ChangeStatus", {
  to: CustomerStatus,
  at: Instant,
  actor: Actor,
  reason: Schema.optionalKey(Reason),
  trigger: Schema.optionalKey(Schema.Literal("password-reset"))
})
/** @category commands */
export type ChangeStatus = typeof ChangeStatus.Type

/**
 * Withdraw access to all products; login stays possible.
 *
 * @category commands
 */
export const BlockProductAccess = Schema.TaggedStruct("BlockProductAccess", {
  at: Instant,
  actor: Actor,
  reason: Schema.optionalKey(Reason)
})
/** @category commands */
export type BlockProductAccess = typeof BlockProductAccess.Type

/**
 * Restore access to all products.
 *
 * @category commands
 */
export const UnblockProductAccess = Schema.TaggedStruct("UnblockProductAccess", {
  at: Instant,
  actor: Actor,
  reason: Schema.optionalKey(Reason)
})
/** @category commands */
export type UnblockProductAccess = typeof UnblockProductAccess.Type

/**
 * Every command of the lifecycle machine.
 *
 * @category commands
 */
export const LifecycleCommand = Schema.Union([ChangeStatus, BlockProductAccess, UnblockProductAccess])
/** @category commands */
export type LifecycleCommand = typeof LifecycleCommand.Type

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/**
 * The status changed.
 *
 * @category events
 */
export const StatusChanged = Schema.TaggedStruct("StatusChanged", {
  from: CustomerStatus,
  to: CustomerStatus,
  at: Instant,
  actor: Actor,
  reason: Schema.optionalKey(Reason)
})
/** @category events */
export type StatusChanged = typeof StatusChanged.Type

/**
 * Product access was withdrawn.
 *
 * @category events
 */
export const ProductAccessBlocked = Schema.TaggedStruct("ProductAccessBlocked", {
  at: Instant,
  actor: Actor,
  reason: Schema.optionalKey(Reason)
})
/** @category events */
export type ProductAccessBlocked = typeof ProductAccessBlocked.Type

/**
 * Product access was restored.
 *
 * @category events
 */
export const ProductAccessUnblocked = Schema.TaggedStruct("ProductAccessUnblocked", {
  at: Instant,
  actor: Actor,
  reason: Schema.optionalKey(Reason)
})
/** @category events */
export type ProductAccessUnblocked = typeof ProductAccessUnblocked.Type

/**
 * Every event of the lifecycle machine.
 *
 * @category events
 */
export const LifecycleEvent = Schema.Union([StatusChanged, ProductAccessBlocked, ProductAccessUnblocked])
/** @category events */
export type LifecycleEvent = typeof LifecycleEvent.Type

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * A status change was refused. `rule` names the rule that refused it. Nothing was recorded.
 *
 * @category errors
 */
export class StatusChangeRejected extends Schema.TaggedError<StatusChangeRejected>()("StatusChangeRejected", {
  /** The rule that refused the change. */
  rule: Schema.Literals([
    "status.no-change-to-current",
    "status.anonymized-terminal",
    "status.transition-table",
    "status.customer-only-unblocks-by-reset"
  ]),
  /** The current status. */
  from: CustomerStatus,
  /** The status asked for. */
  to: CustomerStatus,
  /** What was refused and why. */
  message: Schema.String
}) {}

/**
 * Blocking or unblocking product access was refused. Nothing was recorded.
 *
 * @category errors
 */
export class ProductAccessChangeRejected
  extends Schema.TaggedError<ProductAccessChangeRejected>()("ProductAccessChangeRejected", {
    /** The rule that refused the change. */
    rule: Schema.Literals(["status.product-access-separate", "status.anonymized-terminal"]),
    /** The product access at the time. */
    access: ProductAccess,
    /** What was refused and why. */
    message: Schema.String
  })
{}

/**
 * Every refusal of the lifecycle machine.
 *
 * @category errors
 */
export type LifecycleRejection = StatusChangeRejected | ProductAccessChangeRejected

// ---------------------------------------------------------------------------------------------
// The decider
// ---------------------------------------------------------------------------------------------

const decideStatus = (
  command: ChangeStatus,
  state: LifecycleState
): Result.Result<ReadonlyArray<LifecycleEvent>, StatusChangeRejected> => {
  const from = state.status
  const to = command.to
  const reject = (rule: StatusChangeRejected["rule"], why: string) =>
    Result.fail(new StatusChangeRejected({ rule, from, to, message: `Cannot change status from ${from} to ${to}: ${why}` }))
  if (from === "anonymized") return reject("status.anonymized-terminal", "an anonymized customer stays anonymized")
  if (from === to) return reject("status.no-change-to-current", `the customer is already ${to}`)
  if (!canTransition(from, to)) return reject("status.transition-table", "the transition table does not allow it")
  if (command.actor._tag === "customer" && !(from === "blocked" && to === "active" && command.trigger === "password-reset")) {
    return reject(
      "status.customer-only-unblocks-by-reset",
      "a customer can only become active again from blocked, by completing a password reset"
    )
  }
  return Result.succeed([
    {
      _tag: "StatusChanged",
      from,
      to,
      at: command.at,
      actor: command.actor,
      ...(command.reason === undefined ? {} : { reason: command.reason })
    }
  ])
}

const decideAccess = (
  command: BlockProductAccess | UnblockProductAccess,
  state: LifecycleState
): Result.Result<ReadonlyArray<LifecycleEvent>, ProductAccessChangeRejected> => {
  const access = state.productAccess
  const reject = (rule: ProductAccessChangeRejected["rule"], message: string) =>
    Result.fail(new ProductAccessChangeRejected({ rule, access, message }))
  if (state.status === "anonymized") {
    return reject("status.anonymized-terminal", "Cannot change product access: the customer is anonymized")
  }
  const fields = { at: command.at, actor: command.actor, ...(command.reason === undefined ? {} : { reason: command.reason }) }
  if (command._tag === "BlockProductAccess") {
    return access === "withdrawn"
      ? reject("status.product-access-separate", "Cannot block product access: it is already blocked")
      : Result.succeed([{ _tag: "ProductAccessBlocked", ...fields }])
  }
  return access === "granted"
    ? reject("status.product-access-separate", "Cannot unblock product access: it is not blocked")
    : Result.succeed([{ _tag: "ProductAccessUnblocked", ...fields }])
}

/**
 * Decides a lifecycle command against the current state (pure; never throws).
 *
 * @example
 * ```ts
 * import { DateTime, Result } from "effect"
 * import { Actor, Ids, Lifecycle } from "customer-account"
 *
 * const at = DateTime.makeUnsafe("2026-11-23T10:00:00Z")
 * const staff = Actor.supporter(Ids.StaffUserId.make("u-1"), "Mia")
 * const result = Lifecycle.decide({ _tag: "ChangeStatus", to: "blocked", at, actor: staff }, Lifecycle.initialLifecycle)
 * Result.isSuccess(result) // true: one StatusChanged event
 * ```
 *
 * @category decider
 */
export const decide = (
  command: LifecycleCommand,
  state: LifecycleState
): Result.Result<ReadonlyArray<LifecycleEvent>, LifecycleRejection> =>
  command._tag === "ChangeStatus" ? decideStatus(command, state) : decideAccess(command, state)

/**
 * Folds one lifecycle event into the state.
 *
 * @category decider
 */
export const evolve = (state: LifecycleState, event: LifecycleEvent): LifecycleState => {
  switch (event._tag) {
    case "StatusChanged": {
      const row = new StatusHistoryRow({
        from: event.from,
        to: event.to,
        at: event.at,
        actor: event.actor,
        ...(event.reason === undefined ? {} : { reason: event.reason })
      })
      return new LifecycleState({ ...state, status: event.to, history: [...state.history, row] })
    }
    case "ProductAccessBlocked":
      return new LifecycleState({ ...state, productAccess: "withdrawn" })
    case "ProductAccessUnblocked":
      return new LifecycleState({ ...state, productAccess: "granted" })
  }
}

/**
 * The lifecycle machine as a decider.
 *
 * @category decider
 */
export const decider: Decider<LifecycleCommand, LifecycleState, LifecycleEvent, LifecycleRejection> = {
  initialState: initialLifecycle,
  decide,
  evolve
}

// ---------------------------------------------------------------------------------------------
// Derived permissions (rule status.derived-permissions)
// ---------------------------------------------------------------------------------------------

/**
 * Whether the customer can log in: only when active.
 *
 * @category permissions
 */
export const canLogIn = (status: CustomerStatus): boolean => status === "active"

/**
 * Whether the customer can buy: when active (and so not anonymized).
 *
 * @category permissions
 */
export const canBuy = (status: CustomerStatus): boolean => status === "active"

/**
 * Whether mail may be sent to the customer: unless anonymized.
 *
 * @category permissions
 */
export const canReceiveMail = (status: CustomerStatus): boolean => status !== "anonymized"

/**
 * Whether the account can be edited: unless anonymized.
 *
 * @category permissions
 */
export const isEditable = (status: CustomerStatus): boolean => status !== "anonymized"

/**
 * Whether the customer may use its products: product access granted and able to log in.
 *
 * @category permissions
 */
export const hasProductAccess = (state: LifecycleState): boolean =>
  state.productAccess === "granted" && canLogIn(state.status)

/**
 * Whether the overview shows the status "Details" control: exactly when the history is non-empty
 * (rule `status.history-row`).
 *
 * @category permissions
 */
export const hasStatusDetails = (state: LifecycleState): boolean => state.history.length > 0
