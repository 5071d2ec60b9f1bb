/**
 * The catalogue's address commands.
 *
 * @module
 */
import { AddressNotFound } from "../../domain/Address.ts"
import { AddAddressInput, AddressRefInput, ChangeAddressInput } from "../../engine/commands/Addresses.ts"
import { CommandRejected } from "../../engine/Errors.ts"
import { CommandOutcome } from "../../engine/Pipeline.ts"
import { command } from "../Declare.ts"
import { commandErrors } from "../Errors.ts"

/**
 * `addAddress`: adds a billing or delivery address.
 *
 * @category commands
 */
export const addAddress = command("addAddress", {
  description: "Adds a billing or delivery address; `created` is its id.",
  permission: "edit",
  input: AddAddressInput,
  output: CommandOutcome,
  errors: [...commandErrors, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["billing-address.added", "delivery-address.added"]
})

/**
 * `changeAddress`: changes an address's content.
 *
 * @category commands
 */
export const changeAddress = command("changeAddress", {
  description: "Changes an address's content.",
  permission: "edit",
  input: ChangeAddressInput,
  output: CommandOutcome,
  errors: [...commandErrors, AddressNotFound, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["billing-address.changed", "delivery-address.changed"]
})

/**
 * `removeAddress`: removes an address.
 *
 * @category commands
 */
export const removeAddress = command("removeAddress", {
  description: "Removes an address.",
  permission: "edit",
  input: AddressRefInput,
  output: CommandOutcome,
  errors: [...commandErrors, AddressNotFound, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["billing-address.removed", "delivery-address.removed"]
})

/**
 * `setPreferredAddress`: makes an address the preferred one of its kind.
 *
 * @category commands
 */
export const setPreferredAddress = command("setPreferredAddress", {
  description: "Makes an address the preferred one of its kind.",
  permission: "edit",
  input: AddressRefInput,
  output: CommandOutcome,
  errors: [...commandErrors, AddressNotFound, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["billing-address.changed", "delivery-address.changed"]
})
