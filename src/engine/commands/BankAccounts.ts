/**
 * Bank-account commands (SPEC section 7, "Add bank account (SEPA)"): add, remove and prefer a
 * bank account.
 *
 * Adding completes the mandate: a missing reference is generated from the customer number and
 * the account version the bank account is added in, e.g. `10001-7` (versions only grow, so a
 * reference is never given twice, not even after a removal; rule `mandate.reference-format`), a missing signature date is today in UTC (rule
 * `mandate.signature-date`); a given signature date after today is refused. Exactly one account
 * is preferred (rule `bank-account.one-preferred`).
 *
 * Activities show the IBAN masked only (rule `iban.masked`), never in full, and only in their
 * details (which anonymization redacts); summaries name the bank account by its id, never by its
 * IBAN. `bank-account.added` and `bank-account.removed` hold the account's id and masked IBAN.
 * There is no built-in type for a change of the preferred account, so `setPreferredBankAccount`
 * records a `customer-data.changed` activity for the field `preferredBankAccount`, with the masked
 * IBANs of the previous and the new preferred account; its summary names the new account's id.
 *
 * An IBAN the customer already holds is refused with `CommandRejected` (rule
 * `bank-account.unique-iban`): one IBAN is one mandate, so a second entry would only duplicate it;
 * the refusal names the existing account and the masked IBAN.
 *
 * An id that is not a bank account of the customer fails with `CommandRejected` (rule
 * `bank-account.known-id`); preferring the preferred account with `CommandRejected` (rule
 * `command.no-op-refused`).
 *
 * @module
 */
import { Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import * as BankAccount from "../../domain/BankAccount.ts"
import { maskIban } from "../../domain/Iban.ts"
import { BankAccountId, CustomerId } from "../../domain/Ids.ts"
import type { CommandKind } from "../../domain/Permission.ts"
import type { ValidationError } from "../../domain/Validation.ts"
import type { CommandRejected } from "../Errors.ts"
import type { AccountCommand, ActivityDraft } from "../Pipeline.ts"
import { dayOf, reject } from "./Refusals.ts"

const draft = (type: "bank-account.added" | "bank-account.removed", account: BankAccount.BankAccount): ActivityDraft => {
  const maskedIban = maskIban(account.iban)
  return {
    type,
    summary: `Bank account ${account.id} ${type === "bank-account.added" ? "added" : "removed"}`,
    details: { bankAccountId: account.id, maskedIban }
  }
}

const unknownAccount = (command: CommandKind, id: BankAccountId) =>
  reject(command, "bank-account.known-id", `No bank account with id ${id} in this account`, "bankAccountId")

// ---------------------------------------------------------------------------------------------
// Add
// ---------------------------------------------------------------------------------------------

/**
 * Input of `addBankAccount`: the customer and the account (holder, IBAN, optional BIC, optional
 * mandate reference and signature date, optional `preferred`).
 *
 * @category inputs
 */
export const AddBankAccountInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The bank account. */
  account: BankAccount.BankAccountInput
})
/** @category inputs */
export type AddBankAccountInput = typeof AddBankAccountInput.Type

/**
 * Add a SEPA bank account (rules `bank-account.holder-length`, `iban.length-per-country`,
 * `iban.mod97`, `bank-account.bic-format`, `mandate.reference-format`, `mandate.signature-date`,
 * `bank-account.one-preferred`, `bank-account.unique-iban`, `iban.masked`); `created` is the new account's id.
 *
 * @category commands
 */
export const addBankAccount: AccountCommand<AddBankAccountInput, void, never, never, ValidationError | CommandRejected, typeof AddBankAccountInput.Encoded> = {
  kind: "add-bank-account",
  subject: "AddBankAccount",
  input: AddBankAccountInput,
  customerId: (input) => input.customerId,
  ids: ["bank-account"],
  decide: (account, input, env) => {
    const today = BankAccount.mandateDateOf(env.at)
    if (Result.isFailure(today)) return Result.fail(today.failure)
    const signedAt = input.account.mandateSignedAt
    if (signedAt !== undefined && signedAt > dayOf(env.at)) {
      return reject(
        "add-bank-account",
        "mandate.signature-date",
        `A mandate is signed on or before the day it is added; ${signedAt} is after today, ${today.success}`,
        "account.mandateSignedAt"
      )
    }
    const holding = account.bankAccounts.find((a) => a.iban === input.account.iban)
    if (holding !== undefined) {
      return reject(
        "add-bank-account",
        "bank-account.unique-iban",
        `The customer already holds the IBAN ${maskIban(holding.iban)} as bank account ${holding.id}; nothing was recorded`,
        "account.iban"
      )
    }
    const id = BankAccountId.make(env.ids[0] ?? "")
    // The account's next version is unique per customer and never reused: a short, stable suffix.
    const generated = BankAccount.generateMandateReference(account.customerNumber, account.version + 1)
    const added = BankAccount.bankAccountFromInput(id, input.account, generated, today.success)
    const bankAccounts = BankAccount.addBankAccount(account.bankAccounts, added)
    return Result.succeed({
      account: new Account({ ...account, bankAccounts }),
      activities: [draft("bank-account.added", added)],
      created: id
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Remove and prefer
// ---------------------------------------------------------------------------------------------

/**
 * Input of `removeBankAccount` and `setPreferredBankAccount`: the customer and the account's id.
 *
 * @category inputs
 */
export const BankAccountRefInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The bank account. */
  bankAccountId: BankAccountId
})
/** @category inputs */
export type BankAccountRefInput = typeof BankAccountRefInput.Type

/**
 * Remove a bank account (rules `bank-account.known-id`, `bank-account.one-preferred`: removing the
 * preferred account promotes the oldest remaining one).
 *
 * @category commands
 */
export const removeBankAccount: AccountCommand<BankAccountRefInput, void, never, never, CommandRejected, typeof BankAccountRefInput.Encoded> = {
  kind: "remove-bank-account",
  subject: "RemoveBankAccount",
  input: BankAccountRefInput,
  customerId: (input) => input.customerId,
  decide: (account, input) => {
    const removed = account.bankAccounts.find((a) => a.id === input.bankAccountId)
    if (removed === undefined) return unknownAccount("remove-bank-account", input.bankAccountId)
    return Result.succeed({
      account: new Account({ ...account, bankAccounts: BankAccount.removeBankAccount(account.bankAccounts, removed.id) }),
      activities: [draft("bank-account.removed", removed)]
    })
  }
}

/**
 * Make a bank account the preferred one (rules `bank-account.known-id`,
 * `bank-account.one-preferred`, `command.no-op-refused`).
 *
 * @category commands
 */
export const setPreferredBankAccount: AccountCommand<BankAccountRefInput, void, never, never, CommandRejected, typeof BankAccountRefInput.Encoded> = {
  kind: "set-preferred-bank-account",
  subject: "SetPreferredBankAccount",
  input: BankAccountRefInput,
  customerId: (input) => input.customerId,
  decide: (account, input) => {
    const chosen = account.bankAccounts.find((a) => a.id === input.bankAccountId)
    if (chosen === undefined) return unknownAccount("set-preferred-bank-account", input.bankAccountId)
    if (chosen.preferred) {
      return reject(
        "set-preferred-bank-account",
        "command.no-op-refused",
        `The bank account ${chosen.id} is already the preferred one; nothing was recorded`,
        "bankAccountId"
      )
    }
    const previous = BankAccount.preferredBankAccount(account.bankAccounts)
    const maskedIban = maskIban(chosen.iban)
    return Result.succeed({
      account: new Account({ ...account, bankAccounts: BankAccount.preferBankAccount(account.bankAccounts, chosen.id) }),
      activities: [
        {
          type: "customer-data.changed",
          summary: `Preferred bank account changed to ${chosen.id}`,
          details: {
            changes: [
              {
                field: "preferredBankAccount",
                ...(previous === undefined ? {} : { before: maskIban(previous.iban) }),
                after: maskedIban
              }
            ]
          }
        }
      ]
    })
  }
}
