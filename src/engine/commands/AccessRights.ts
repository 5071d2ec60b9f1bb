/**
 * Access-right commands (SPEC section 7, "Add access right"): grant a product or item by hand for
 * a period, and remove such a grant.
 *
 * Only manual rights are held in the account (rule `access-right.manual-only`): rights that come
 * from subscriptions or orders are the host's, and an id that is not a manual right of the account
 * cannot be removed here (`CommandRejected`, rule `access-right.manual-only`).
 *
 * @module
 */
import { Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import { AccessRight, AccessRightInput } from "../../domain/AccessRight.ts"
import { AccessRightId, CustomerId } from "../../domain/Ids.ts"
import type { CommandRejected } from "../Errors.ts"
import type { AccountCommand, ActivityDraft } from "../Pipeline.ts"
import { reject } from "./Refusals.ts"

const draft = (type: "access-right.added" | "access-right.removed", right: AccessRight): ActivityDraft => ({
  type,
  summary: `Access right to product ${right.productId} ${type === "access-right.added" ? "added" : "removed"}`,
  details: {
    accessRightId: right.id,
    productId: right.productId,
    validFrom: right.validFrom,
    ...(right.validUntil === undefined ? {} : { validUntil: right.validUntil })
  }
})

/**
 * Input of `addAccessRight`: the customer and the right (product, period, optional note).
 *
 * @category inputs
 */
export const AddAccessRightInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The right to grant. */
  right: AccessRightInput
})
/** @category inputs */
export type AddAccessRightInput = typeof AddAccessRightInput.Type

/**
 * Grant a manual access right (rules `access-right.period`, `access-right.manual-only`);
 * `created` is the new right's id.
 *
 * @category commands
 */
export const addAccessRight: AccountCommand<AddAccessRightInput, void, never, never, never, typeof AddAccessRightInput.Encoded> = {
  kind: "add-access-right",
  subject: "AddAccessRight",
  input: AddAccessRightInput,
  customerId: (input) => input.customerId,
  ids: ["access-right"],
  decide: (account, input, env) => {
    const right = new AccessRight({ ...input.right, id: AccessRightId.make(env.ids[0] ?? ""), origin: "manual" })
    return Result.succeed({
      account: new Account({ ...account, accessRights: [...account.accessRights, right] }),
      activities: [draft("access-right.added", right)],
      created: right.id
    })
  }
}

/**
 * Input of `removeAccessRight`: the customer and the right's id.
 *
 * @category inputs
 */
export const RemoveAccessRightInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The manual right to remove. */
  accessRightId: AccessRightId
})
/** @category inputs */
export type RemoveAccessRightInput = typeof RemoveAccessRightInput.Type

/**
 * Remove a manual access right (rule `access-right.manual-only`).
 *
 * @category commands
 */
export const removeAccessRight: AccountCommand<RemoveAccessRightInput, void, never, never, CommandRejected, typeof RemoveAccessRightInput.Encoded> = {
  kind: "remove-access-right",
  subject: "RemoveAccessRight",
  input: RemoveAccessRightInput,
  customerId: (input) => input.customerId,
  decide: (account, input) => {
    const right = account.accessRights.find((r) => r.id === input.accessRightId)
    if (right === undefined) {
      return reject(
        "remove-access-right",
        "access-right.manual-only",
        `No manual access right ${input.accessRightId} in this account; only manual rights are removed here`,
        "accessRightId"
      )
    }
    return Result.succeed({
      account: new Account({ ...account, accessRights: account.accessRights.filter((r) => r.id !== right.id) }),
      activities: [draft("access-right.removed", right)]
    })
  }
}
