/**
 * Address commands (SPEC section 7, "Add billing / delivery address"): add, change, remove and
 * prefer an address.
 *
 * The address list keeps exactly one preferred address per kind that it holds (rule
 * `address.one-preferred-per-kind`; see the list helpers of `Address`). Every address whose
 * stored record differs afterwards gets its own activity: the one the command is about first,
 * then any other whose preferred flag moved (adding a preferred address takes the mark from the
 * previous one; removing the preferred one promotes the oldest remaining). Each activity lists the
 * changed fields with values before and after (`*-address.added`: only after, `*-address.removed`:
 * only before).
 *
 * An id that is not an address of the account fails with `AddressNotFound` (rule
 * `address.known-id`). A change that changes nothing (the same content, or preferring the
 * preferred address) is refused with `CommandRejected` (rule `command.no-op-refused`).
 *
 * @module
 */
import { Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import * as Address from "../../domain/Address.ts"
import { AddressId, CustomerId } from "../../domain/Ids.ts"
import type { CommandKind } from "../../domain/Permission.ts"
import type { CommandRejected } from "../Errors.ts"
import type { AccountCommand, ActivityDraft, Decision, Rejection } from "../Pipeline.ts"
import { diffFields } from "./Changes.ts"
import { reject } from "./Refusals.ts"

/**
 * The fields of an address listed in its activities, in this order.
 *
 * @category changes
 */
export const addressFields: ReadonlyArray<string> = [
  "firstName",
  "lastName",
  "companyName",
  "street",
  "houseNumber",
  "addition",
  "postalCode",
  "city",
  "country",
  "preferred"
]

const record = (address: Address.Address | undefined): Readonly<Record<string, unknown>> | undefined =>
  address as Readonly<Record<string, unknown>> | undefined

const label = (kind: Address.AddressKind): string => (kind === "billing" ? "Billing" : "Delivery")

/**
 * The activities of a change of the address list: one per address whose stored record differs,
 * the address `subject` first.
 */
const draftsOf = (
  before: ReadonlyArray<Address.Address>,
  after: ReadonlyArray<Address.Address>,
  subject: AddressId
): ReadonlyArray<ActivityDraft> => {
  const ids = [...new Set([subject, ...before.map((a) => a.id), ...after.map((a) => a.id)])]
  const drafts: Array<ActivityDraft> = []
  for (const id of ids) {
    const old = before.find((a) => a.id === id)
    const now = after.find((a) => a.id === id)
    const changes = diffFields(addressFields, record(old), record(now))
    if (changes.length === 0) continue
    const kind = (now ?? old)?.kind ?? "billing"
    const what = old === undefined ? "added" : now === undefined ? "removed" : "changed"
    const fields = what === "changed" ? `: ${changes.map((c) => c.field).join(", ")}` : ""
    drafts.push({
      type: `${kind}-address.${what}`,
      summary: `${label(kind)} address ${id} ${what}${fields}`,
      details: { addressId: id, changes }
    })
  }
  return drafts
}

const decided = <F extends Rejection>(
  command: CommandKind,
  account: Account,
  addresses: Result.Result<ReadonlyArray<Address.Address>, F>,
  subject: AddressId,
  created?: string
): Result.Result<Decision, F | CommandRejected> => {
  if (Result.isFailure(addresses)) return Result.fail(addresses.failure)
  const activities = draftsOf(account.addresses, addresses.success, subject)
  if (activities.length === 0) {
    return reject(command, "command.no-op-refused", `The address ${subject} would not change; nothing was recorded`)
  }
  return Result.succeed({
    account: new Account({ ...account, addresses: addresses.success }),
    activities,
    ...(created === undefined ? {} : { created })
  })
}

const notFound = (addressId: AddressId): Address.AddressNotFound =>
  new Address.AddressNotFound({
    rule: "address.known-id",
    addressId,
    message: `No address with id ${addressId} in this account (rule address.known-id)`
  })

// ---------------------------------------------------------------------------------------------
// Add
// ---------------------------------------------------------------------------------------------

/**
 * Input of `addAddress`: the customer, the kind, the address and whether it becomes the preferred
 * address of its kind (the first of a kind always does).
 *
 * @category inputs
 */
export const AddAddressInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** Billing or delivery. */
  kind: Address.AddressKind,
  /** The address. */
  address: Address.AddressInput,
  /** Make it the preferred address of its kind. */
  preferred: Schema.optionalKey(Schema.Boolean)
})
/** @category inputs */
export type AddAddressInput = typeof AddAddressInput.Type

/**
 * Add a billing or delivery address (rules `address.fields`, `address.country-iso`,
 * `address.postal-code-per-country`, `address.name-or-company`, `address.one-preferred-per-kind`).
 * `created` is the new address's id.
 *
 * @category commands
 */
export const addAddress: AccountCommand<AddAddressInput, void, never, never, CommandRejected, typeof AddAddressInput.Encoded> = {
  kind: "add-address",
  subject: "AddAddress",
  input: AddAddressInput,
  customerId: (input) => input.customerId,
  ids: ["address"],
  decide: (account, input, env) => {
    const id = AddressId.make(env.ids[0] ?? "")
    const address = Address.addressFromInput(id, input.kind, input.address, input.preferred ?? false)
    return decided("add-address", account, Result.succeed(Address.addAddress(account.addresses, address)), id, id)
  }
}

// ---------------------------------------------------------------------------------------------
// Change
// ---------------------------------------------------------------------------------------------

/**
 * Input of `changeAddress`: the customer, the address's id and its new content. Kind and
 * preference stay as they are (prefer with `setPreferredAddress`).
 *
 * @category inputs
 */
export const ChangeAddressInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The address to change. */
  addressId: AddressId,
  /** The new content. */
  address: Address.AddressInput
})
/** @category inputs */
export type ChangeAddressInput = typeof ChangeAddressInput.Type

/**
 * Change an address's content (rules `address.known-id` and the address rules of `addAddress`).
 *
 * @category commands
 */
export const changeAddress: AccountCommand<ChangeAddressInput, void, never, never, Address.AddressNotFound | CommandRejected, typeof ChangeAddressInput.Encoded> = {
  kind: "change-address",
  subject: "ChangeAddress",
  input: ChangeAddressInput,
  customerId: (input) => input.customerId,
  decide: (account, input) => {
    const existing = account.addresses.find((a) => a.id === input.addressId)
    if (existing === undefined) return Result.fail(notFound(input.addressId))
    const address = Address.addressFromInput(existing.id, existing.kind, input.address, existing.preferred)
    return decided("change-address", account, Address.changeAddress(account.addresses, address), existing.id)
  }
}

// ---------------------------------------------------------------------------------------------
// Remove and prefer
// ---------------------------------------------------------------------------------------------

/**
 * Input of `removeAddress` and `setPreferredAddress`: the customer and the address's id.
 *
 * @category inputs
 */
export const AddressRefInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The address. */
  addressId: AddressId
})
/** @category inputs */
export type AddressRefInput = typeof AddressRefInput.Type

/**
 * Remove an address (rules `address.known-id`, `address.one-preferred-per-kind`: removing the
 * preferred address promotes the oldest remaining one of its kind).
 *
 * @category commands
 */
export const removeAddress: AccountCommand<AddressRefInput, void, never, never, Address.AddressNotFound | CommandRejected, typeof AddressRefInput.Encoded> = {
  kind: "remove-address",
  subject: "RemoveAddress",
  input: AddressRefInput,
  customerId: (input) => input.customerId,
  decide: (account, input) =>
    decided("remove-address", account, Address.removeAddress(account.addresses, input.addressId), input.addressId)
}

/**
 * Make an address the preferred one of its kind (rules `address.known-id`,
 * `address.one-preferred-per-kind`). Both addresses whose flag moves get a `*-address.changed`
 * activity with the `preferred` field's change.
 *
 * @category commands
 */
export const setPreferredAddress: AccountCommand<AddressRefInput, void, never, never, Address.AddressNotFound | CommandRejected, typeof AddressRefInput.Encoded> = {
  kind: "set-preferred-address",
  subject: "SetPreferredAddress",
  input: AddressRefInput,
  customerId: (input) => input.customerId,
  decide: (account, input) =>
    decided("set-preferred-address", account, Address.setPreferred(account.addresses, input.addressId), input.addressId)
}
