/**
 * The names an account knows for the records its activities name by id (rule
 * `timeline.names-not-ids`): an address by its street and city, a bank account by its masked IBAN,
 * a department or an invitation by its name, the customer by its display name.
 *
 * An anonymized account knows no names: its values are the anonymization's replacements, and a
 * renderer falls back to the details (redacted too) or to words without a name (rule
 * `timeline.no-erased-values`).
 *
 * @module
 */
import { type Account, displayName } from "../Account.ts"
import { maskIban } from "../Iban.ts"
import { servicePlatformOf } from "../ServicePlatform.ts"

/**
 * Looks up a name by id; `undefined` when the account does not know the record (removed, or never
 * there) or is anonymized.
 *
 * @category models
 */
export interface AccountNames {
  /** The customer's display name: the company name, or first and last name. */
  readonly customer: () => string | undefined
  /** An address as `street houseNumber, city`. */
  readonly address: (id: string) => string | undefined
  /** A bank account as its masked IBAN (never the full IBAN). */
  readonly bankAccount: (id: string) => string | undefined
  /** A branch's or department's name. */
  readonly department: (id: string) => string | undefined
  /** An invitation as its invitee's name. */
  readonly invitation: (id: string) => string | undefined
}

const none = (): undefined => undefined

/**
 * Knows no names: for an activity read without its account.
 *
 * @category constructors
 */
export const noNames: AccountNames = { customer: none, address: none, bankAccount: none, department: none, invitation: none }

/**
 * The names an account knows; {@link noNames} for an anonymized account or none.
 *
 * @category constructors
 */
export const namesOf = (account: Account | undefined): AccountNames => {
  if (account === undefined || account.lifecycle.status === "anonymized") return noNames
  const platform = servicePlatformOf(account)
  return {
    customer: () => displayName(account),
    address: (id) => {
      const address = account.addresses.find((a) => a.id === id)
      return address === undefined ? undefined : `${address.street} ${address.houseNumber}, ${address.city}`
    },
    bankAccount: (id) => {
      const bank = account.bankAccounts.find((b) => b.id === id)
      return bank === undefined ? undefined : maskIban(bank.iban)
    },
    department: (id) => platform.departments.find((d) => d.id === id)?.name,
    invitation: (id) => platform.invitations.find((i) => i.id === id)?.name
  }
}
