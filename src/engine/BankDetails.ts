/**
 * Bank details in read models (rule `bank-account.iban-masked`): the overview and the `account`
 * query show every IBAN masked (`DE89 **** **** **** **30 00`, as activities show it, rule
 * `iban.masked`) unless the caller may read the full number: a supporter whose role grants
 * `read-bank-details`, or an API client with that scope (the `read-bank-details` command kind).
 * A customer and the system see it masked. The export (a data subject's copy of their data)
 * always holds the full IBAN.
 *
 * @module
 */
import { Result } from "effect"
import { Account } from "../domain/Account.ts"
import type { BankAccount } from "../domain/BankAccount.ts"
import { type Iban, maskIban } from "../domain/Iban.ts"
import { authorize } from "../domain/Permission.ts"
import type { Caller } from "./Caller.ts"

/**
 * A bank account as a read model shows it: `iban` is the full, normalized IBAN, or, when
 * `ibanMasked` is `true`, the masked form.
 *
 * @category models
 */
export interface BankAccountView extends Omit<BankAccount, "iban"> {
  /** The IBAN: full and normalized, or masked when {@link BankAccountView.ibanMasked} is set. */
  readonly iban: string
  /** Present and `true` when `iban` is masked. */
  readonly ibanMasked?: true
}

/**
 * An account as a read model shows it: the stored account, with its bank accounts as
 * {@link BankAccountView}s. With the `read-bank-details` permission it is the stored `Account`
 * itself.
 *
 * @category models
 */
export interface AccountView extends Omit<Account, "bankAccounts"> {
  /** The bank accounts, their IBANs masked unless the caller may read them. */
  readonly bankAccounts: ReadonlyArray<BankAccountView>
}

/**
 * Whether the caller may read full IBANs of the customer (rule `bank-account.iban-masked`).
 *
 * @category reading
 */
export const mayReadBankDetails = (caller: Caller, account: Account): boolean =>
  Result.isSuccess(
    authorize({
      actor: caller.actor,
      grants: caller.grants ?? {},
      command: "read-bank-details",
      targetCustomerId: account.customerId
    })
  )

/**
 * The account as the caller may see it (rule `bank-account.iban-masked`): unchanged when the
 * caller may read bank details or the account has no bank account, else a copy whose IBANs are
 * masked.
 *
 * @category reading
 */
export const accountView = (caller: Caller, account: Account): AccountView =>
  account.bankAccounts.length === 0 || mayReadBankDetails(caller, account)
    ? account
    : {
      ...account,
      bankAccounts: account.bankAccounts.map((bankAccount): BankAccountView => ({
        ...bankAccount,
        iban: maskIban(bankAccount.iban),
        ibanMasked: true
      }))
    }

/**
 * Whether a read model's account is the stored `Account` itself, full IBANs included: the caller
 * held `read-bank-details` (or the account has no bank account).
 *
 * @example
 * ```ts
 * import { BankDetails } from "customer-account"
 *
 * // const view = yield* accounts.account(caller, customerId)
 * // if (BankDetails.isFullAccount(view)) view.bankAccounts[0]?.iban // an Iban
 * ```
 *
 * @category reading
 */
export const isFullAccount = (view: AccountView): view is Account => view instanceof Account

/**
 * The masked form of a read model's IBAN, whether the caller saw it full or masked, e.g. for a
 * list that never shows the full number.
 *
 * @category reading
 */
export const maskedIbanOf = (bankAccount: BankAccountView): string =>
  bankAccount.ibanMasked === true ? bankAccount.iban : maskIban(bankAccount.iban as Iban)
