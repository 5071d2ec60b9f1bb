/**
 * The built-in catalogue: one declaration per command and query of the `CustomerAccounts`
 * service, by member name. Every transport reads it (the Promise API, the HTTP API and its
 * OpenAPI document, the testing generators, the docs tables); none lists commands by hand.
 *
 * A host with commands of its own spreads it into its own catalogue:
 * `{ ...catalogue, myCommand }` (see docs/catalogue.md).
 *
 * @module
 */
import type { MemberName } from "./Declare.ts"
import type { CatalogueShape, CommandDeclaration, QueryDeclaration } from "./Declaration.ts"
import { addAddress, changeAddress, removeAddress, setPreferredAddress } from "./declarations/Addresses.ts"
import {
  anonymizationPlan,
  anonymize,
  completePasswordReset,
  deleteCustomer,
  disableTwoFactor,
  exportCustomerData,
  loginCheck,
  resetPassword
} from "./declarations/Compliance.ts"
import { checkout, grantGoodwill, recordHostActivity } from "./declarations/Host.ts"
import { blockAccess, register, setStatus, unblockAccess } from "./declarations/Lifecycle.ts"
import { changePersonalData, replaceAdditionalData, setProfileImage } from "./declarations/Profile.ts"
import * as Q from "./declarations/Queries.ts"
import {
  addAccessRight,
  addBankAccount,
  addHint,
  addNote,
  changeConsent,
  removeAccessRight,
  removeBankAccount,
  setPreferredBankAccount
} from "./declarations/Records.ts"
import {
  acceptInvitation,
  addDepartment,
  changeNotificationSettings,
  moveDepartment,
  removeDepartment,
  removeTeamMapping,
  renameDepartment,
  resendInvitation,
  revokeInvitation,
  sendInvitation,
  setTeamMapping,
  switchModules
} from "./declarations/ServicePlatform.ts"

/**
 * The built-in catalogue: every command and query of the `CustomerAccounts` service (all its
 * members but `settings` and `run`), by member name, in the order the service declares them.
 *
 * @example
 * ```ts
 * import { Catalogue } from "customer-account"
 *
 * Catalogue.catalogue.setStatus.permission // "manage-status"
 * Object.values(Catalogue.catalogue).filter((d) => d._tag === "Query").length // 15
 * ```
 *
 * @category catalogue
 */
export const catalogue = {
  // Commands
  register,
  setStatus,
  blockAccess,
  unblockAccess,
  changePersonalData,
  setProfileImage,
  replaceAdditionalData,
  addAddress,
  changeAddress,
  removeAddress,
  setPreferredAddress,
  changeConsent,
  addNote,
  addHint,
  addAccessRight,
  removeAccessRight,
  addBankAccount,
  removeBankAccount,
  setPreferredBankAccount,
  grantGoodwill,
  checkout,
  recordHostActivity,
  deleteCustomer,
  anonymize,
  exportCustomerData,
  resetPassword,
  completePasswordReset,
  disableTwoFactor,
  loginCheck,
  addDepartment,
  renameDepartment,
  moveDepartment,
  removeDepartment,
  switchModules,
  changeNotificationSettings,
  setTeamMapping,
  removeTeamMapping,
  sendInvitation,
  resendInvitation,
  revokeInvitation,
  acceptInvitation,
  // Queries
  account: Q.account,
  changes: Q.changes,
  overview: Q.overview,
  timeline: Q.timeline,
  histogram: Q.histogram,
  statusHistory: Q.statusHistory,
  consentHistory: Q.consentHistory,
  search: Q.search,
  listServiceRecords: Q.listServiceRecords,
  serviceStatistics: Q.serviceStatistics,
  serviceSettings: Q.serviceSettings,
  departments: Q.departments,
  invitations: Q.invitations,
  responsibleTeams: Q.responsibleTeams,
  anonymizationPlan
} satisfies CatalogueShape & { readonly [K in MemberName]: unknown }

/**
 * The type of the built-in catalogue: `Catalogue["setStatus"]` is the declaration of `setStatus`.
 *
 * @category catalogue
 */
export type Catalogue = typeof catalogue

// Every member of the service is in the catalogue, and nothing else is (`satisfies` above checks
// the first half).
const onlyMembers: Exclude<keyof Catalogue, MemberName> extends never ? true : false = true
void onlyMembers

/**
 * The names of the catalogue's commands.
 *
 * @category catalogue
 */
export type CommandName = { [K in keyof Catalogue]: Catalogue[K] extends CommandDeclaration ? K : never }[keyof Catalogue]

/**
 * The names of the catalogue's queries.
 *
 * @category catalogue
 */
export type QueryName = { [K in keyof Catalogue]: Catalogue[K] extends QueryDeclaration ? K : never }[keyof Catalogue]

/**
 * The catalogue's commands, in the catalogue's order.
 *
 * @category catalogue
 */
export const commands: ReadonlyArray<Catalogue[CommandName]> = Object.values(catalogue).filter(
  (declaration): declaration is Catalogue[CommandName] => declaration._tag === "Command"
)

/**
 * The catalogue's queries, in the catalogue's order.
 *
 * @category catalogue
 */
export const queries: ReadonlyArray<Catalogue[QueryName]> = Object.values(catalogue).filter(
  (declaration): declaration is Catalogue[QueryName] => declaration._tag === "Query"
)
