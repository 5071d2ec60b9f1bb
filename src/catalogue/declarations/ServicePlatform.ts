/**
 * The catalogue's service platform commands: departments, module and notification settings, team
 * mappings, invitations.
 *
 * @module
 */
import { DepartmentChangeRejected } from "../../domain/Departments.ts"
import { InvitationConflict, InvitationRejected } from "../../domain/Invitation.ts"
import { ServiceSettingsRejected } from "../../domain/ServiceSettings.ts"
import { TeamMappingRejected } from "../../domain/TeamMappings.ts"
import {
  AddDepartmentInput,
  MoveDepartmentInput,
  RemoveDepartmentInput,
  RenameDepartmentInput
} from "../../engine/commands/ServicePlatformDepartments.ts"
import { InvitationRefInput, ResendInvitationInput, SendInvitationInput } from "../../engine/commands/ServicePlatformInvitations.ts"
import {
  ChangeNotificationSettingsInput,
  RemoveTeamMappingInput,
  SetTeamMappingInput,
  SwitchModulesInput
} from "../../engine/commands/ServicePlatformSettings.ts"
import { CommandRejected } from "../../engine/Errors.ts"
import { CommandOutcome } from "../../engine/Pipeline.ts"
import { command } from "../Declare.ts"
import { commandErrors } from "../Errors.ts"

const departmentErrors = [...commandErrors, DepartmentChangeRejected, CommandRejected] as const
const invitationErrors = [...commandErrors, InvitationRejected, InvitationConflict, CommandRejected] as const

/**
 * `addDepartment`: adds a branch or department.
 *
 * @category commands
 */
export const addDepartment = command("addDepartment", {
  description: "Adds a branch or department (company customers); `created` is its id.",
  permission: "edit",
  input: AddDepartmentInput,
  output: CommandOutcome,
  errors: departmentErrors,
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["department.added"]
})

/**
 * `renameDepartment`: renames a branch or department.
 *
 * @category commands
 */
export const renameDepartment = command("renameDepartment", {
  description: "Renames a branch or department.",
  permission: "edit",
  input: RenameDepartmentInput,
  output: CommandOutcome,
  errors: departmentErrors,
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["department.renamed"]
})

/**
 * `moveDepartment`: moves a branch or department with its subtree.
 *
 * @category commands
 */
export const moveDepartment = command("moveDepartment", {
  description: "Moves a branch or department with its subtree (`parentId: null`: to the top level).",
  permission: "edit",
  input: MoveDepartmentInput,
  output: CommandOutcome,
  errors: departmentErrors,
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["department.moved"]
})

/**
 * `removeDepartment`: removes an empty branch or department.
 *
 * @category commands
 */
export const removeDepartment = command("removeDepartment", {
  description: "Removes an empty branch or department.",
  permission: "edit",
  input: RemoveDepartmentInput,
  output: CommandOutcome,
  errors: departmentErrors,
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["department.removed"]
})

/**
 * `switchModules`: switches modules on, off or back to the default.
 *
 * @category commands
 */
export const switchModules = command("switchModules", {
  description: "Switches modules on, off or back to the default (staff only).",
  permission: "manage-notifications",
  input: SwitchModulesInput,
  output: CommandOutcome,
  errors: [...commandErrors, ServiceSettingsRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["service-modules.switched"]
})

/**
 * `changeNotificationSettings`: changes the notification settings.
 *
 * @category commands
 */
export const changeNotificationSettings = command("changeNotificationSettings", {
  description: "Changes whether and to whom device notifications go (staff only).",
  permission: "manage-notifications",
  input: ChangeNotificationSettingsInput,
  output: CommandOutcome,
  errors: [...commandErrors, ServiceSettingsRejected, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["notification-settings.changed"]
})

/**
 * `setTeamMapping`: maps a meta-team's responsible team.
 *
 * @category commands
 */
export const setTeamMapping = command("setTeamMapping", {
  description: "Maps a meta-team's responsible team, for the customer or one of its departments.",
  permission: "manage-team-mappings",
  input: SetTeamMappingInput,
  output: CommandOutcome,
  errors: [...commandErrors, TeamMappingRejected, CommandRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["team-mapping.set"]
})

/**
 * `removeTeamMapping`: removes a team mapping, so the fallback applies again.
 *
 * @category commands
 */
export const removeTeamMapping = command("removeTeamMapping", {
  description: "Removes a team mapping, so the fallback applies again.",
  permission: "manage-team-mappings",
  input: RemoveTeamMappingInput,
  output: CommandOutcome,
  errors: [...commandErrors, TeamMappingRejected],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  activityTypes: ["team-mapping.removed"]
})

/**
 * `sendInvitation`: sends an invitation and queues its mail.
 *
 * @category commands
 */
export const sendInvitation = command("sendInvitation", {
  description: "Sends an invitation (company customers) and queues its mail; `created` is its id.",
  permission: "manage-invitations",
  input: SendInvitationInput,
  output: CommandOutcome,
  errors: invitationErrors,
  idempotent: true,
  readsTimeline: false,
  intents: ["invitation-mail"],
  activityTypes: ["invitation.sent"]
})

/**
 * `resendInvitation`: sends a pending or expired invitation again.
 *
 * @category commands
 */
export const resendInvitation = command("resendInvitation", {
  description: "Sends a pending or expired invitation again, with a new expiry, and queues its mail.",
  permission: "manage-invitations",
  input: ResendInvitationInput,
  output: CommandOutcome,
  errors: invitationErrors,
  idempotent: true,
  readsTimeline: false,
  intents: ["invitation-mail"],
  activityTypes: ["invitation.resent"]
})

/**
 * `revokeInvitation`: revokes a pending invitation.
 *
 * @category commands
 */
export const revokeInvitation = command("revokeInvitation", {
  description: "Revokes a pending invitation and withdraws its undelivered mail.",
  permission: "manage-invitations",
  input: InvitationRefInput,
  output: CommandOutcome,
  errors: invitationErrors,
  idempotent: true,
  readsTimeline: false,
  intents: ["withdraw-invitation-mail"],
  activityTypes: ["invitation.revoked"]
})

/**
 * `acceptInvitation`: records that the invitee accepted.
 *
 * @category commands
 */
export const acceptInvitation = command("acceptInvitation", {
  description: "Records that the invitee accepted, and withdraws the invitation's undelivered mail.",
  permission: "manage-invitations",
  input: InvitationRefInput,
  output: CommandOutcome,
  errors: invitationErrors,
  idempotent: true,
  readsTimeline: false,
  intents: ["withdraw-invitation-mail"],
  activityTypes: ["invitation.accepted"]
})
