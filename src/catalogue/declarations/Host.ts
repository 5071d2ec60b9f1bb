/**
 * The catalogue's commands that reach the host: goodwill, checkout, host activities.
 *
 * @module
 */
import { GrantGoodwillInput } from "../../engine/commands/Goodwill.ts"
import { CheckoutInput } from "../../engine/commands/Checkout.ts"
import { RecordHostActivityInput } from "../../engine/commands/HostActivity.ts"
import { CommandRejected } from "../../engine/Errors.ts"
import { CommandOutcome } from "../../engine/Pipeline.ts"
import { GoodwillRefused } from "../../ports/Goodwill.ts"
import { OrderRefused } from "../../ports/Orders.ts"
import { command } from "../Declare.ts"
import { commandErrors } from "../Errors.ts"

/**
 * `grantGoodwill`: grants goodwill through the host.
 *
 * @category commands
 */
export const grantGoodwill = command("grantGoodwill", {
  description: "Grants goodwill (free issues, free redelivery or a free billing period) through the host.",
  permission: "grant-goodwill",
  input: GrantGoodwillInput,
  output: CommandOutcome,
  errors: [...commandErrors, GoodwillRefused, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: ["hand-over-goodwill"],
  activityTypes: ["goodwill.granted"]
})

/**
 * `checkout`: places an order for the customer through the host.
 *
 * @category commands
 */
export const checkout = command("checkout", {
  description: "Places an order for the customer through the host; `created` is the order id.",
  permission: "checkout",
  input: CheckoutInput,
  output: CommandOutcome,
  errors: [...commandErrors, OrderRefused, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: ["place-order"],
  activityTypes: ["order.created"]
})

/**
 * `recordHostActivity`: records an activity the host produced.
 *
 * @category commands
 */
export const recordHostActivity = command("recordHostActivity", {
  description: "Records an activity the host produced (an invoice, a delivery), of a type the registry knows.",
  permission: "record-host-activity",
  input: RecordHostActivityInput,
  output: CommandOutcome,
  errors: [...commandErrors, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: []
})
