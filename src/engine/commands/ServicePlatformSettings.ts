/**
 * Settings and team-mapping commands of the service platform (SPEC section 10).
 *
 * - `switchModules` (permission `manage-notifications`, like every settings change: SPEC section
 *   10 lets only an operator holding the notification permission change settings): switches
 *   modules of the tenant's catalogue on or off for the customer, or back to the catalogue's
 *   default (rule `settings.modules-known`).
 * - `changeNotificationSettings` (permission `manage-notifications`): whether the customer is
 *   notified about its devices, and the recipient addresses, validated and de-duplicated
 *   case-insensitively (rule `settings.notification-recipients`).
 * - `setTeamMapping` / `removeTeamMapping` (permission `manage-team-mappings`): the team of a
 *   meta-team responsible for the customer or, for a company customer, one of its departments
 *   (rules `team-mapping.one-per-meta-team`, `team-mapping.known-team`).
 *
 * None of them is a self-service command: a customer can never change its settings or mappings
 * (rule `settings.operator-only`). The catalogue (modules, meta-teams) is read through the
 * `ServiceCatalog` port in the command's host step. Each change appends one activity (group
 * `customer-data`).
 *
 * @module
 */
import { Effect, Result, Schema } from "effect"
import { DepartmentId, CustomerId, MetaTeamId, TeamId } from "../../domain/Ids.ts"
import { servicePlatformOf, ServicePlatformState } from "../../domain/ServicePlatform.ts"
import {
  changeNotificationSettings as changeSettings,
  maxRecipients,
  ModuleSwitchChange,
  RecipientAddress,
  type ServiceModule,
  type ServiceSettingsRejected,
  switchModules as switchIn
} from "../../domain/ServiceSettings.ts"
import {
  type MetaTeam,
  removeTeamMapping as removeIn,
  setTeamMapping as setIn,
  type TeamMappingRejected
} from "../../domain/TeamMappings.ts"
import type { StorageError } from "../../ports/AccountStore.ts"
import { ServiceCatalog } from "../../ports/ServiceCatalog.ts"
import type { CommandRejected } from "../Errors.ts"
import type { AccountCommand } from "../Pipeline.ts"
import { withServicePlatform } from "./ServicePlatformDepartments.ts"
import { reject } from "./Refusals.ts"

// ---------------------------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------------------------

/**
 * Input of `switchModules`: the customer and module id to `true` (on), `false` (off) or `null`
 * (back to the catalogue's default).
 *
 * @category inputs
 */
export const SwitchModulesInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The switches to change. */
  modules: ModuleSwitchChange
})
/** @category inputs */
export type SwitchModulesInput = typeof SwitchModulesInput.Type

/**
 * Switch modules on or off for the customer (rules `settings.modules-known`,
 * `settings.operator-only`, `command.no-op-refused`).
 *
 * @category commands
 */
export const switchModules: AccountCommand<
  SwitchModulesInput,
  ReadonlyArray<ServiceModule>,
  StorageError,
  ServiceCatalog,
  ServiceSettingsRejected,
  typeof SwitchModulesInput.Encoded
> = {
  kind: "switch-modules",
  subject: "SwitchModules",
  input: SwitchModulesInput,
  customerId: (input) => input.customerId,
  prepare: (_input, _account, caller) =>
    Effect.gen(function*() {
      return yield* (yield* ServiceCatalog).modules(caller.tenantId)
    }),
  decide: (account, input, env) => {
    const state = servicePlatformOf(account)
    const switched = switchIn(state.modules, env.prepared, input.modules)
    if (Result.isFailure(switched)) return Result.fail(switched.failure)
    const { changes, switches } = switched.success
    return Result.succeed({
      account: withServicePlatform(account, new ServicePlatformState({ ...state, modules: switches })),
      activities: [{
        type: "service-modules.switched",
        summary: `Modules switched: ${changes.map((c) => `${c.moduleId} ${c.after}`).join(", ")}`,
        details: { changes }
      }]
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------

/**
 * Input of `changeNotificationSettings`: the customer and the flag, the recipient addresses
 * (replacing the list; duplicates ignoring case are dropped, the first spelling kept), or both.
 *
 * @category inputs
 */
export const ChangeNotificationSettingsInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** Whether the customer is notified about its devices. */
  notifyAboutDevices: Schema.optionalKey(Schema.Boolean),
  /** The recipient addresses, each a valid email; at most 20 after de-duplication. */
  recipients: Schema.optionalKey(
    Schema.Array(RecipientAddress).pipe(
      Schema.check(
        Schema.isMaxLength(maxRecipients * 5, {
          expected: `at most ${maxRecipients} different recipient addresses (rule settings.notification-recipients)`
        })
      )
    )
  )
})
/** @category inputs */
export type ChangeNotificationSettingsInput = typeof ChangeNotificationSettingsInput.Type

/**
 * Change the notification settings (rules `settings.notification-recipients`,
 * `settings.operator-only`, `command.no-op-refused`).
 *
 * @category commands
 */
export const changeNotificationSettings: AccountCommand<
  ChangeNotificationSettingsInput,
  void,
  never,
  never,
  ServiceSettingsRejected | CommandRejected,
  typeof ChangeNotificationSettingsInput.Encoded
> = {
  kind: "change-notification-settings",
  subject: "ChangeNotificationSettings",
  input: ChangeNotificationSettingsInput,
  customerId: (input) => input.customerId,
  decide: (account, input) => {
    if (input.notifyAboutDevices === undefined && input.recipients === undefined) {
      return reject(
        "change-notification-settings",
        "command.no-op-refused",
        "Name notifyAboutDevices, recipients or both to change",
        "notifyAboutDevices"
      )
    }
    const state = servicePlatformOf(account)
    const changed = changeSettings(state.notifications, input)
    if (Result.isFailure(changed)) return Result.fail(changed.failure)
    const { settings, changes } = changed.success
    const flag = changes.find((c) => c.field === "notifyAboutDevices")
    const list = changes.find((c) => c.field === "recipients")
    return Result.succeed({
      account: withServicePlatform(account, new ServicePlatformState({ ...state, notifications: settings })),
      activities: [{
        type: "notification-settings.changed",
        summary: [
          ...(flag === undefined ? [] : [`device notifications ${settings.notifyAboutDevices ? "on" : "off"}`]),
          ...(list === undefined ? [] : [`${settings.recipients.length} recipient address(es)`])
        ].join(", ").replace(/^./, (c) => c.toUpperCase()),
        details: {
          ...(flag === undefined ? {} : { notifyAboutDevices: { before: flag.before, after: flag.after } }),
          ...(list === undefined
            ? {}
            : {
              recipientsBefore: list.before,
              recipientsAfter: list.after,
              recipientCount: {
                before: (list.before as ReadonlyArray<string>).length,
                after: (list.after as ReadonlyArray<string>).length
              }
            })
        }
      }]
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Team mappings
// ---------------------------------------------------------------------------------------------

/**
 * Input of `setTeamMapping`: the customer, the meta-team, the responsible team and, for a company
 * customer, optionally the department the mapping is for.
 *
 * @category inputs
 */
export const SetTeamMappingInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The meta-team, one of the tenant's catalogue. */
  metaTeamId: MetaTeamId,
  /** The team, one of the meta-team's. */
  teamId: TeamId,
  /** The department (company customers only); absent: the customer as a whole. */
  departmentId: Schema.optionalKey(DepartmentId)
})
/** @category inputs */
export type SetTeamMappingInput = typeof SetTeamMappingInput.Type

/**
 * Set the team of a meta-team for the customer or one of its departments, replacing the mapping
 * before (rules `team-mapping.one-per-meta-team`, `team-mapping.known-team`,
 * `department.known-id`, `service.company-only` for a department of a private customer,
 * `command.no-op-refused`).
 *
 * @category commands
 */
export const setTeamMapping: AccountCommand<
  SetTeamMappingInput,
  ReadonlyArray<MetaTeam>,
  StorageError,
  ServiceCatalog,
  TeamMappingRejected | CommandRejected,
  typeof SetTeamMappingInput.Encoded
> = {
  kind: "set-team-mapping",
  subject: "SetTeamMapping",
  input: SetTeamMappingInput,
  customerId: (input) => input.customerId,
  prepare: (_input, _account, caller) =>
    Effect.gen(function*() {
      return yield* (yield* ServiceCatalog).metaTeams(caller.tenantId)
    }),
  decide: (account, input, env) => {
    if (input.departmentId !== undefined && account.profile.kind !== "company") {
      return reject(
        "set-team-mapping",
        "service.company-only",
        "A private customer has no departments; map the team for the customer as a whole",
        "departmentId"
      )
    }
    const state = servicePlatformOf(account)
    const set = setIn(state.teamMappings, env.prepared, state.departments, input)
    if (Result.isFailure(set)) return Result.fail(set.failure)
    const { mappings, previous } = set.success
    return Result.succeed({
      account: withServicePlatform(account, new ServicePlatformState({ ...state, teamMappings: mappings })),
      activities: [{
        type: "team-mapping.set",
        summary: `Team ${input.teamId} responsible for ${input.metaTeamId}${
          input.departmentId === undefined ? "" : ` in department ${input.departmentId}`
        }`,
        details: {
          metaTeamId: input.metaTeamId,
          teamId: input.teamId,
          ...(previous === undefined ? {} : { previousTeamId: previous }),
          ...(input.departmentId === undefined ? {} : { departmentId: input.departmentId })
        }
      }]
    })
  }
}

/**
 * Input of `removeTeamMapping`: the customer, the meta-team and optionally the department.
 *
 * @category inputs
 */
export const RemoveTeamMappingInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** The meta-team. */
  metaTeamId: MetaTeamId,
  /** The department; absent: the mapping for the customer as a whole. */
  departmentId: Schema.optionalKey(DepartmentId)
})
/** @category inputs */
export type RemoveTeamMappingInput = typeof RemoveTeamMappingInput.Type

/**
 * Remove a mapping, so the fallback applies again (rules `team-mapping.default-fallback`,
 * `command.no-op-refused` when there is none).
 *
 * @category commands
 */
export const removeTeamMapping: AccountCommand<RemoveTeamMappingInput, void, never, never, TeamMappingRejected, typeof RemoveTeamMappingInput.Encoded> = {
  kind: "remove-team-mapping",
  subject: "RemoveTeamMapping",
  input: RemoveTeamMappingInput,
  customerId: (input) => input.customerId,
  decide: (account, input) => {
    const state = servicePlatformOf(account)
    const removed = removeIn(state.teamMappings, input)
    if (Result.isFailure(removed)) return Result.fail(removed.failure)
    const { mappings, removed: mapping } = removed.success
    return Result.succeed({
      account: withServicePlatform(account, new ServicePlatformState({ ...state, teamMappings: mappings })),
      activities: [{
        type: "team-mapping.removed",
        summary: `Team mapping of ${mapping.metaTeamId}${
          mapping.departmentId === undefined ? "" : ` in department ${mapping.departmentId}`
        } removed`,
        details: {
          metaTeamId: mapping.metaTeamId,
          teamId: mapping.teamId,
          ...(mapping.departmentId === undefined ? {} : { departmentId: mapping.departmentId })
        }
      }]
    })
  }
}
