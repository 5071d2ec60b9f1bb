/**
 * Profile commands (SPEC sections 2 and 7): change the customer's personal data, replace the
 * additional data.
 *
 * Both record exactly what differs, with values before and after, for the activity tile (rules
 * `customer.data-change-diff` and `additional-data.replaced-whole`). A change that changes nothing
 * is refused with a {@link CommandRejected} naming that rule: nothing is written, no empty
 * activity appears on the timeline, and the account's version stays.
 *
 * A changed email must stay unique in the tenant (rule `tenant.email-unique`): the command looks
 * it up first, to refuse it with `EmailTaken` at the input's path `change.email`, and the store
 * refuses the write as well (at `profile.email`), so two concurrent changes to the same email
 * cannot both succeed.
 * A birthday in the future is refused (rule `customer.fields`; the Schema has no clock).
 *
 * @module
 */
import { Effect, Option, Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import { AdditionalData, diffAdditionalData } from "../../domain/AdditionalData.ts"
import { applyPersonalDataChange, PersonalDataChange } from "../../domain/Customer.ts"
import { CustomerId } from "../../domain/Ids.ts"
import { AccountStore, EmailTaken, type StorageError } from "../../ports/AccountStore.ts"
import type { AccountCommand } from "../Pipeline.ts"
import { dayOf, reject } from "./Refusals.ts"

// ---------------------------------------------------------------------------------------------
// Personal data
// ---------------------------------------------------------------------------------------------

/**
 * Input of `changePersonalData`: the customer and a partial patch of its profile (see
 * `Customer.PersonalDataChange`: a field left out stays, `null` clears an optional field).
 *
 * @category inputs
 */
export const ChangePersonalDataInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The fields to change. */
  change: PersonalDataChange
})
/** @category inputs */
export type ChangePersonalDataInput = typeof ChangePersonalDataInput.Type

/**
 * Change personal data (rules `customer.kind`, `customer.fields`, `customer.data-change-diff`,
 * `tenant.email-unique`). Appends one `customer-data.changed` activity listing exactly the fields
 * whose value differs. Refused with `PersonalDataChangeRejected` when the change does not fit the
 * customer's kind, with `CommandRejected` (rule `customer.fields`) for a birthday after today,
 * and with `CommandRejected` (rule `customer.data-change-diff`) when nothing would change; the
 * store refuses a taken email with `EmailTaken`.
 *
 * @category commands
 */
export const changePersonalData: AccountCommand<ChangePersonalDataInput, void, EmailTaken | StorageError, AccountStore> = {
  kind: "change-personal-data",
  subject: "ChangePersonalData",
  input: ChangePersonalDataInput,
  customerId: (input) => input.customerId,
  prepare: (input, account, caller) =>
    Effect.gen(function*() {
      const email = input.change.email
      if (email === undefined) return
      const holder = yield* (yield* AccountStore).loadByEmail(caller.tenantId, email)
      if (Option.isSome(holder) && holder.value.customerId !== account.customerId) {
        return yield* new EmailTaken({
          rule: "tenant.email-unique",
          path: "change.email",
          message: "Another customer of this tenant has this email (rule tenant.email-unique)"
        })
      }
    }),
  decide: (account, input, env) => {
    const birthday = input.change.birthday
    if (typeof birthday === "string" && birthday > dayOf(env.at)) {
      return reject(
        "change-personal-data",
        "customer.fields",
        `A birthday lies in the past; ${birthday} is after today, ${dayOf(env.at)}`,
        "change.birthday"
      )
    }
    const applied = applyPersonalDataChange(account.profile, input.change)
    if (Result.isFailure(applied)) return Result.fail(applied.failure)
    const { changes, profile } = applied.success
    if (changes.length === 0) {
      return reject(
        "change-personal-data",
        "customer.data-change-diff",
        "The change changes nothing: every field given already has that value; nothing was recorded",
        "change"
      )
    }
    return Result.succeed({
      account: new Account({ ...account, profile }),
      activities: [
        {
          type: "customer-data.changed",
          summary: `Customer data changed: ${changes.map((c) => c.field).join(", ")}`,
          details: { changes }
        }
      ]
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Additional data
// ---------------------------------------------------------------------------------------------

/**
 * Input of `replaceAdditionalData`: the customer and the complete new additional data (rule
 * `additional-data.limits`).
 *
 * @category inputs
 */
export const ReplaceAdditionalDataInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The new additional data, as a whole. */
  data: AdditionalData
})
/** @category inputs */
export type ReplaceAdditionalDataInput = typeof ReplaceAdditionalDataInput.Type

const count = (n: number, what: string): string => `${n} ${what}`

/**
 * Replace the additional data as a whole (rules `additional-data.limits`,
 * `additional-data.replaced-whole`). Appends one `additional-data.changed` activity listing each
 * key added, removed or changed; the summary gives only counts, since keys and values are the
 * tenant's and may hold personal data. Refused with `CommandRejected` (rule
 * `additional-data.replaced-whole`) when the data is identical to the stored data.
 *
 * @category commands
 */
export const replaceAdditionalData: AccountCommand<ReplaceAdditionalDataInput> = {
  kind: "replace-additional-data",
  subject: "ReplaceAdditionalData",
  input: ReplaceAdditionalDataInput,
  customerId: (input) => input.customerId,
  decide: (account, input) => {
    const changes = diffAdditionalData(account.additionalData, input.data)
    if (changes.length === 0) {
      return reject(
        "replace-additional-data",
        "additional-data.replaced-whole",
        "The additional data is the same as stored; nothing was recorded",
        "data"
      )
    }
    const added = changes.filter((c) => c.before === undefined).length
    const removed = changes.filter((c) => c.after === undefined).length
    const changed = changes.length - added - removed
    return Result.succeed({
      account: new Account({ ...account, additionalData: input.data }),
      activities: [
        {
          type: "additional-data.changed",
          summary: `Additional data replaced: ${count(added, "added")}, ${count(removed, "removed")}, ${count(changed, "changed")}`,
          details: { changes }
        }
      ]
    })
  }
}
