/**
 * The declared `CustomerAccountsService` matches its implementation exactly, member by member:
 * each member's error type is the error type of the function that implements it (the pipeline
 * run of its `AccountCommand`, or its own function), its output that function's output, and a
 * pipeline command's input the encoded side of its Schema. `make` is annotated with the
 * interface, so an implementation that fails with an undeclared error does not compile; this
 * file catches the other direction (a declared error, output or input the implementation no
 * longer has). The assertions are type-level: `tsc --noEmit` (CI's typecheck) fails when one
 * does not hold.
 */
import { describe, expectTypeOf, it } from "@effect/vitest"
import type { Effect } from "effect"
import type { CustomerId } from "../../src/domain/Ids.ts"
import { anonymizationPlan, anonymize } from "../../src/engine/commands/Anonymize.ts"
import { addAccessRight, removeAccessRight } from "../../src/engine/commands/AccessRights.ts"
import { addAddress, changeAddress, removeAddress, setPreferredAddress } from "../../src/engine/commands/Addresses.ts"
import { addBankAccount, removeBankAccount, setPreferredBankAccount } from "../../src/engine/commands/BankAccounts.ts"
import { checkout } from "../../src/engine/commands/Checkout.ts"
import { changeConsent } from "../../src/engine/commands/Consent.ts"
import { completePasswordReset, disableTwoFactor, resetPassword } from "../../src/engine/commands/Credentials.ts"
import { deleteCustomer } from "../../src/engine/commands/Delete.ts"
import { exportCustomerData } from "../../src/engine/commands/Export.ts"
import { grantGoodwill } from "../../src/engine/commands/Goodwill.ts"
import { recordHostActivity } from "../../src/engine/commands/HostActivity.ts"
import { loginCheck } from "../../src/engine/commands/Login.ts"
import { addHint, addNote } from "../../src/engine/commands/Notes.ts"
import { changePersonalData, replaceAdditionalData, setProfileImage } from "../../src/engine/commands/Profile.ts"
import { register } from "../../src/engine/commands/Register.ts"
import { addDepartment, moveDepartment, removeDepartment, renameDepartment } from "../../src/engine/commands/ServicePlatformDepartments.ts"
import {
  acceptInvitation,
  type InvitationRefInput,
  resendInvitation,
  revokeInvitation,
  runWithInvitationMail,
  runWithMailWithdrawal,
  sendInvitation
} from "../../src/engine/commands/ServicePlatformInvitations.ts"
import { changeNotificationSettings, removeTeamMapping, setTeamMapping, switchModules } from "../../src/engine/commands/ServicePlatformSettings.ts"
import { blockAccess, setStatus, unblockAccess } from "../../src/engine/commands/Status.ts"
import type { CommandInput, CustomerAccountsService, SetStatusError } from "../../src/engine/CustomerAccounts.ts"
import type { AccountCommand, Rejection, runAccountCommand } from "../../src/engine/Pipeline.ts"
import type * as ChangeFeed from "../../src/engine/ChangeFeed.ts"
import type * as Queries from "../../src/engine/Queries.ts"
import type * as ServicePlatformQueries from "../../src/engine/ServicePlatformQueries.ts"

/** The effect a pipeline command's run returns. */
type PipelineRun<C> = C extends AccountCommand<infer I, infer P, infer E, infer R, infer D extends Rejection, unknown>
  ? ReturnType<typeof runAccountCommand<I, P, E, R, D>>
  : never

/** The effect an invitation command's run with its mail step returns. */
type MailRun<C> = C extends AccountCommand<infer I extends { readonly customerId: CustomerId }, void, never, never, infer D extends Rejection, unknown>
  ? ReturnType<typeof runWithInvitationMail<I, D>>
  : never

/** The effect an invitation command's run with its mail withdrawal returns. */
type WithdrawalRun<C> = C extends AccountCommand<infer I extends InvitationRefInput, void, never, never, infer D extends Rejection, unknown>
  ? ReturnType<typeof runWithMailWithdrawal<I, D>>
  : never

/** The effect each member's implementation returns, by member. */
interface Implementation {
  readonly register: ReturnType<typeof register>
  readonly setStatus: PipelineRun<typeof setStatus>
  readonly blockAccess: PipelineRun<typeof blockAccess>
  readonly unblockAccess: PipelineRun<typeof unblockAccess>
  readonly changePersonalData: PipelineRun<typeof changePersonalData>
  readonly setProfileImage: PipelineRun<typeof setProfileImage>
  readonly replaceAdditionalData: PipelineRun<typeof replaceAdditionalData>
  readonly addAddress: PipelineRun<typeof addAddress>
  readonly changeAddress: PipelineRun<typeof changeAddress>
  readonly removeAddress: PipelineRun<typeof removeAddress>
  readonly setPreferredAddress: PipelineRun<typeof setPreferredAddress>
  readonly changeConsent: PipelineRun<typeof changeConsent>
  readonly addNote: PipelineRun<typeof addNote>
  readonly addHint: PipelineRun<typeof addHint>
  readonly addAccessRight: PipelineRun<typeof addAccessRight>
  readonly removeAccessRight: PipelineRun<typeof removeAccessRight>
  readonly addBankAccount: PipelineRun<typeof addBankAccount>
  readonly removeBankAccount: PipelineRun<typeof removeBankAccount>
  readonly setPreferredBankAccount: PipelineRun<typeof setPreferredBankAccount>
  readonly grantGoodwill: PipelineRun<typeof grantGoodwill>
  readonly checkout: PipelineRun<typeof checkout>
  readonly recordHostActivity: PipelineRun<ReturnType<typeof recordHostActivity>>
  readonly deleteCustomer: ReturnType<typeof deleteCustomer>
  readonly anonymize: ReturnType<typeof anonymize>
  readonly exportCustomerData: ReturnType<typeof exportCustomerData>
  readonly resetPassword: ReturnType<typeof resetPassword>
  readonly completePasswordReset: ReturnType<typeof completePasswordReset>
  readonly disableTwoFactor: ReturnType<typeof disableTwoFactor>
  readonly loginCheck: ReturnType<typeof loginCheck>
  readonly addDepartment: PipelineRun<typeof addDepartment>
  readonly renameDepartment: PipelineRun<typeof renameDepartment>
  readonly moveDepartment: PipelineRun<typeof moveDepartment>
  readonly removeDepartment: PipelineRun<typeof removeDepartment>
  readonly switchModules: PipelineRun<typeof switchModules>
  readonly changeNotificationSettings: PipelineRun<typeof changeNotificationSettings>
  readonly setTeamMapping: PipelineRun<typeof setTeamMapping>
  readonly removeTeamMapping: PipelineRun<typeof removeTeamMapping>
  readonly sendInvitation: MailRun<typeof sendInvitation>
  readonly resendInvitation: MailRun<typeof resendInvitation>
  readonly revokeInvitation: WithdrawalRun<typeof revokeInvitation>
  readonly acceptInvitation: WithdrawalRun<typeof acceptInvitation>
  readonly account: ReturnType<typeof Queries.account>
  readonly overview: ReturnType<typeof Queries.overview>
  readonly timeline: ReturnType<typeof Queries.timeline>
  readonly histogram: ReturnType<typeof Queries.histogram>
  readonly statusHistory: ReturnType<typeof Queries.statusHistory>
  readonly consentHistory: ReturnType<typeof Queries.consentHistory>
  readonly search: ReturnType<typeof Queries.search>
  readonly changes: ReturnType<typeof ChangeFeed.changes>
  readonly listServiceRecords: ReturnType<typeof ServicePlatformQueries.listServiceRecords>
  readonly serviceStatistics: ReturnType<typeof ServicePlatformQueries.serviceStatistics>
  readonly serviceSettings: ReturnType<typeof ServicePlatformQueries.serviceSettings>
  readonly departments: ReturnType<typeof ServicePlatformQueries.departments>
  readonly invitations: ReturnType<typeof ServicePlatformQueries.invitations>
  readonly responsibleTeams: ReturnType<typeof ServicePlatformQueries.responsibleTeams>
  readonly anonymizationPlan: ReturnType<typeof anonymizationPlan>
}

/** The members implemented by a command or query function (all but `settings` and the generic `run`). */
type Member = Exclude<keyof CustomerAccountsService, "settings" | "run">

/** The effect a member of the declared service returns. */
type Declared<K extends Member> = ReturnType<CustomerAccountsService[K]>

/** The pipeline commands, whose input type is their `AccountCommand`'s `IE`. */
const pipelineCommands = {
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
  acceptInvitation
}
type PipelineCommands = typeof pipelineCommands

/** The encoded input of a pipeline command. */
type EncodedInput<C> = C extends AccountCommand<infer _I, infer _P, infer _E, infer _R, infer _D extends Rejection, infer IE> ? IE : never

describe("the declared CustomerAccountsService", () => {
  it("covers every member the implementation has", () => {
    expectTypeOf<keyof Implementation>().toEqualTypeOf<Member>()
  })

  it("each member's error type is exactly its implementation's", () => {
    expectTypeOf<{ readonly [K in Member]: Effect.Error<Declared<K>> }>().toEqualTypeOf<
      { readonly [K in Member]: Effect.Error<Implementation[K]> }
    >()
    // A named error type is the member's.
    expectTypeOf<SetStatusError>().toEqualTypeOf<Effect.Error<Implementation["setStatus"]>>()
  })

  it("each member's output is exactly its implementation's, up to readonly arrays", () => {
    expectTypeOf<{ readonly [K in Member]: Effect.Success<Implementation[K]> }>().toExtend<
      { readonly [K in Member]: Effect.Success<Declared<K>> }
    >()
    expectTypeOf<Effect.Success<Declared<"setStatus">>>().toEqualTypeOf<Effect.Success<Implementation["setStatus"]>>()
    expectTypeOf<Effect.Success<Declared<"exportCustomerData">>>().toEqualTypeOf<Effect.Success<Implementation["exportCustomerData"]>>()
  })

  it("each pipeline command's input is exactly the encoded side of its Schema", () => {
    expectTypeOf<{ readonly [K in keyof PipelineCommands]: CommandInput<K> }>().toEqualTypeOf<
      { readonly [K in keyof PipelineCommands]: EncodedInput<PipelineCommands[K]> }
    >()
  })
})
