/**
 * The service platform's part of an account (SPEC section 10): the company structure, the module
 * switches, the notification settings, the team mappings and the invitations of one customer, held
 * in the account's optional `servicePlatform` field. An account without it has the
 * {@link emptyServicePlatform}: no departments, no switches, notifications off, no mappings, no
 * invitations.
 *
 * The records the platform's host owns (devices, tickets, video sessions, tasks and their events)
 * are not held here: the SDK reads them through the `ServiceRecords` port.
 *
 * @module
 */
import { type DateTime, Result, Schema } from "effect"
import { type Department, Department as DepartmentSchema, DepartmentChangeRejected, isValidTree, removeDepartment as removeNode } from "./Departments.ts"
import type { DepartmentId } from "./Ids.ts"
import { Invitation, invitationsNaming } from "./Invitation.ts"
import { defaultNotificationSettings, ModuleSwitches, NotificationSettings } from "./ServiceSettings.ts"
import { isOnePerMetaTeam, TeamMapping } from "./TeamMappings.ts"

/**
 * The service platform's state of one account.
 *
 * @category models
 */
export class ServicePlatformState extends Schema.Class<ServicePlatformState>("customer-account/ServicePlatformState")({
  /** Branches and departments, a valid tree (rule `department.tree`); empty for a private customer. */
  departments: Schema.Array(DepartmentSchema).pipe(
    Schema.check(
      Schema.makeFilter((list: ReadonlyArray<Department>) =>
        isValidTree(list)
          ? undefined
          : "a tree of branches and departments: known parents, no cycle, unique sibling names, branches under branches (rule department.tree)"
      )
    )
  ),
  /** The customer's own module switches. */
  modules: ModuleSwitches,
  /** The notification settings. */
  notifications: NotificationSettings,
  /** At most one mapping per meta-team and department (rule `team-mapping.one-per-meta-team`). */
  teamMappings: Schema.Array(TeamMapping).pipe(
    Schema.check(
      Schema.makeFilter((list: ReadonlyArray<TeamMapping>) =>
        isOnePerMetaTeam(list) ? undefined : "one mapping per meta-team and department (rule team-mapping.one-per-meta-team)"
      )
    )
  ),
  /** The invitations, oldest first; empty for a private customer. */
  invitations: Schema.Array(Invitation).pipe(
    Schema.check(
      Schema.makeFilter((list: ReadonlyArray<Invitation>) =>
        new Set(list.map((i) => i.id)).size === list.length ? undefined : "invitations with unique ids (rule invitation.known-id)"
      )
    )
  )
}) {}

/**
 * The state of an account nobody configured for the service platform.
 *
 * @category constructors
 */
export const emptyServicePlatform: ServicePlatformState = new ServicePlatformState({
  departments: [],
  modules: {},
  notifications: defaultNotificationSettings,
  teamMappings: [],
  invitations: []
})

/**
 * The service platform's state of an account: its own, or the empty one.
 *
 * @category reading
 */
export const servicePlatformOf = (account: { readonly servicePlatform?: ServicePlatformState | undefined }): ServicePlatformState =>
  account.servicePlatform ?? emptyServicePlatform

/**
 * Removes a branch or department that is empty (rule `department.remove-when-empty`): no
 * sub-departments, no team mapping for it, no invitation naming it that is pending or accepted at
 * `at` (an accepted invitation's login user belongs to the department), and no linked device of
 * the host assigned to it (`linkedDevices`, counted by the engine through the `ServiceRecords`
 * port). Expired and revoked invitations do not hold a department.
 *
 * @category changes
 */
export const removeDepartment = (
  state: ServicePlatformState,
  id: DepartmentId,
  at: DateTime.DateTime,
  linkedDevices = 0
): Result.Result<ServicePlatformState, DepartmentChangeRejected> => {
  const refuse = (what: string) =>
    Result.fail(
      new DepartmentChangeRejected({
        rule: "department.remove-when-empty",
        departmentId: id,
        path: "departmentId",
        message: `The department is not empty: ${what} (rule department.remove-when-empty)`
      })
    )
  const removed = removeNode(state.departments, id)
  if (Result.isFailure(removed)) return Result.fail(removed.failure)
  const mappings = state.teamMappings.filter((m) => m.departmentId === id)
  if (mappings.length > 0) {
    return refuse(`the team mapping(s) of ${mappings.map((m) => m.metaTeamId).join(", ")} name it; remove them first`)
  }
  const holding = invitationsNaming(state.invitations, id, at)
  if (holding.length > 0) {
    return refuse(`the pending or accepted invitation(s) ${holding.map((i) => i.id).join(", ")} name it; revoke them first`)
  }
  if (linkedDevices > 0) {
    return refuse(`${linkedDevices} linked device(s) are assigned to it; the host must reassign them first`)
  }
  return Result.succeed(new ServicePlatformState({ ...state, departments: removed.success }))
}
