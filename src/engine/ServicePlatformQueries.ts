/**
 * The service platform's queries (SPEC section 10): the linked-record lists with their one query
 * shape, the per-customer statistics, the settings as the tab shows them, the departments, the
 * invitations, the responsible teams, and the service tabs' counts for the overview.
 *
 * Every query names its caller, is scoped to the caller's tenant (a customer of another tenant is
 * `CustomerNotFound`, rule `tenant.isolation`) and needs the `read` permission (`read-account`).
 *
 * - {@link listServiceRecords}: one page of `devices`, `tickets`, `video-sessions`, `tasks` or
 *   `task-events`; the query is checked against the list's declared sort keys and filters before
 *   the port is asked (rules `service-records.query-shape`, `service-records.declared-fields`).
 * - {@link serviceStatistics}: counted through the same port and query shape as the lists (rule
 *   `statistics.from-lists`): devices, open tickets, tasks by status, video sessions per month of
 *   the last `months` (default 12) calendar months (UTC) up to now, read from Effect's Clock.
 *
 * @module
 */
import { DateTime, Effect, Result, Schema } from "effect"
import type { Account } from "../domain/Account.ts"
import { type Department, type DepartmentNode, departmentTree, findDepartment } from "../domain/Departments.ts"
import { CustomerId, DepartmentId, MetaTeamId } from "../domain/Ids.ts"
import { type Invitation, type InvitationStatus, statusAt } from "../domain/Invitation.ts"
import { checkListQuery, type CheckedCountQuery, type ListQuery, type ListSpec } from "../domain/ListQuery.ts"
import { authorize } from "../domain/Permission.ts"
import {
  listSpecs,
  monthWindows,
  openTicketStatuses,
  ServiceList,
  type ServiceRecordOf,
  type ServiceStatistics,
  StatisticsQuery,
  TaskStatus
} from "../domain/ServiceRecord.ts"
import { servicePlatformOf } from "../domain/ServicePlatform.ts"
import {
  type EffectiveModule,
  effectiveModules,
  type NotificationSettings,
  notificationRecipients
} from "../domain/ServiceSettings.ts"
import { type ResolvedTeam, resolveTeam } from "../domain/TeamMappings.ts"
import { decode } from "../domain/Validation.ts"
import type { Page } from "../ports/AccountStore.ts"
import { ServiceCatalog } from "../ports/ServiceCatalog.ts"
import { ServiceRecords } from "../ports/ServiceRecords.ts"
import { admitCaller, type Caller } from "./Caller.ts"
import { rejection } from "./commands/Refusals.ts"
import { loadAccount } from "./Pipeline.ts"

const decodeCustomerId = decode(CustomerId, "CustomerId")

const readable = (caller: Caller, raw: unknown) =>
  Effect.gen(function*() {
    const id = decodeCustomerId(raw)
    if (Result.isFailure(id)) return yield* id.failure
    const allowed = authorize({
      actor: caller.actor,
      grants: caller.grants ?? {},
      command: "read-account",
      targetCustomerId: id.success
    })
    if (Result.isFailure(allowed)) return yield* allowed.failure
    return yield* loadAccount(caller, id.success)
  })

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

const decodeList = decode(ServiceList, "ServiceList")

/**
 * One page of one of the customer's linked-record lists (rules `service-records.query-shape`,
 * `service-records.declared-fields`): `{ search?, sort?: { key, direction }, filters?, limit,
 * cursor? }`. An undeclared sort key or filter field is an `UndeclaredListField` naming the field
 * and the declared ones.
 *
 * @category lists
 */
export const listServiceRecords = Effect.fn("CustomerAccounts.listServiceRecords")(
  function*<L extends ServiceList>(untrustedCaller: Caller, customerId: typeof CustomerId.Encoded, list: L, query: typeof ListQuery.Encoded) {
    const caller = yield* admitCaller(untrustedCaller)
    const name = decodeList(list)
    if (Result.isFailure(name)) return yield* name.failure
    const checked = checkListQuery(listSpecs[name.success] as ListSpec<unknown>, query)
    if (Result.isFailure(checked)) return yield* checked.failure
    const account = yield* readable(caller, customerId)
    const page: Page<ServiceRecordOf[L]> = yield* (yield* ServiceRecords).list(
      caller.tenantId,
      account.customerId,
      list,
      checked.success
    )
    return page
  }
)

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

const decodeStatistics = decode(StatisticsQuery, "StatisticsQuery")

const values = (field: string, vs: ReadonlyArray<string>): CheckedCountQuery => ({
  filters: { [field]: { kind: "values", values: vs } }
})

/**
 * The statistics of an account at an instant, counted through the `ServiceRecords` port with the
 * lists' query shape (rule `statistics.from-lists`).
 *
 * @category statistics
 */
export const statisticsOf = Effect.fn("CustomerAccounts.statisticsOf")(
  function*(account: Account, now: DateTime.DateTime, months: number) {
    const records = yield* ServiceRecords
    const count = (list: ServiceList, query: CheckedCountQuery) =>
      records.count(account.tenantId, account.customerId, list, query)
    const devices = yield* count("devices", { filters: {} })
    const openTickets = yield* count("tickets", values("status", openTicketStatuses))
    const tasksByStatus = {} as Record<TaskStatus, number>
    for (const status of TaskStatus.literals) tasksByStatus[status] = yield* count("tasks", values("status", [status]))
    const videoSessionsPerMonth: Array<{ readonly month: string; readonly count: number }> = []
    for (const window of monthWindows(now, months)) {
      videoSessionsPerMonth.push({
        month: window.month,
        count: yield* count("video-sessions", {
          filters: { startsAt: { kind: "range", from: window.from, until: window.until } }
        })
      })
    }
    const statistics: ServiceStatistics = { devices, openTickets, tasksByStatus, videoSessionsPerMonth }
    return statistics
  }
)

/**
 * The per-customer dashboard (rule `statistics.from-lists`): `{ months? }` (1 to 36, default 12).
 *
 * @category statistics
 */
export const serviceStatistics = Effect.fn("CustomerAccounts.serviceStatistics")(
  function*(caller: Caller, customerId: typeof CustomerId.Encoded, query: typeof StatisticsQuery.Encoded = {}) {
    const decoded = decodeStatistics(query)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const account = yield* readable(caller, customerId)
    const now = yield* DateTime.now
    return yield* statisticsOf(account, now, decoded.success.months ?? 12)
  }
)

// ---------------------------------------------------------------------------------------------
// Settings, departments, invitations, teams
// ---------------------------------------------------------------------------------------------

/**
 * The settings tab: every module of the tenant's catalogue with its state for the customer, the
 * notification settings, and where device notifications go now.
 *
 * @category settings
 */
export interface ServiceSettingsView {
  /** Every module, on or off, and whether the customer's switch or the default decides. */
  readonly modules: ReadonlyArray<EffectiveModule>
  /** The notification settings as stored. */
  readonly notifications: NotificationSettings
  /** Where device notifications go: none when off, the recipients, else the customer's email. */
  readonly notificationRecipients: ReadonlyArray<string>
}

/**
 * The settings tab of a customer (rules `settings.modules-known`,
 * `settings.notification-recipients`).
 *
 * @category settings
 */
export const serviceSettings = Effect.fn("CustomerAccounts.serviceSettings")(function*(caller: Caller, customerId: typeof CustomerId.Encoded) {
  const account = yield* readable(caller, customerId)
  const catalogue = yield* (yield* ServiceCatalog).modules(caller.tenantId)
  const state = servicePlatformOf(account)
  const view: ServiceSettingsView = {
    modules: effectiveModules(catalogue, state.modules),
    notifications: state.notifications,
    notificationRecipients: notificationRecipients(state.notifications, account.profile.email)
  }
  return view
})

/**
 * A company's branches and departments: the flat list (in the order added) and the tree.
 *
 * @category departments
 */
export interface DepartmentsView {
  /** Every node. */
  readonly departments: ReadonlyArray<Department>
  /** The nested tree, top-level nodes first. */
  readonly tree: ReadonlyArray<DepartmentNode>
}

/**
 * The branches and departments of a customer (empty for a private customer).
 *
 * @category departments
 */
export const departments = Effect.fn("CustomerAccounts.departments")(function*(caller: Caller, customerId: typeof CustomerId.Encoded) {
  const account = yield* readable(caller, customerId)
  const list = servicePlatformOf(account).departments
  const view: DepartmentsView = { departments: list, tree: departmentTree(list) }
  return view
})

/**
 * An invitation with its status now (rule `invitation.expires`).
 *
 * @category invitations
 */
export interface InvitationView {
  /** The invitation as stored. */
  readonly invitation: Invitation
  /** Its status at the query's instant: `expired` from its expiry on. */
  readonly status: InvitationStatus
}

/**
 * The invitations of a customer, oldest first, each with its status now (Effect's Clock); empty
 * for a private customer.
 *
 * @category invitations
 */
export const invitations = Effect.fn("CustomerAccounts.invitations")(function*(caller: Caller, customerId: typeof CustomerId.Encoded) {
  const account = yield* readable(caller, customerId)
  const now = yield* DateTime.now
  return servicePlatformOf(account).invitations.map((invitation): InvitationView => ({
    invitation,
    status: statusAt(invitation, now)
  }))
})

/**
 * The query of the service's `responsibleTeams`: optionally one meta-team, optionally a department.
 *
 * @category teams
 */
export const ResponsibleTeamsQuery = Schema.Struct({
  /** Only this meta-team; absent: every meta-team of the tenant. */
  metaTeamId: Schema.optionalKey(MetaTeamId),
  /** Resolve for this department (company customers); absent: for the customer as a whole. */
  departmentId: Schema.optionalKey(DepartmentId)
})
/** @category teams */
export type ResponsibleTeamsQuery = typeof ResponsibleTeamsQuery.Type

const decodeTeamsQuery = decode(ResponsibleTeamsQuery, "ResponsibleTeamsQuery")

/**
 * The team responsible for each meta-team of the tenant (rule `team-mapping.default-fallback`):
 * the department's mapping, its nearest ancestor's, the customer's, else the meta-team's default
 * team. A department the account does not have is refused (rule `department.known-id`), and so is
 * a meta-team the catalogue does not have (rule `team-mapping.known-team`).
 *
 * @category teams
 */
export const responsibleTeams = Effect.fn("CustomerAccounts.responsibleTeams")(
  function*(caller: Caller, customerId: typeof CustomerId.Encoded, query: typeof ResponsibleTeamsQuery.Encoded = {}) {
    const decoded = decodeTeamsQuery(query)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const account = yield* readable(caller, customerId)
    const state = servicePlatformOf(account)
    const { departmentId, metaTeamId } = decoded.success
    if (departmentId !== undefined && findDepartment(state.departments, departmentId) === undefined) {
      return yield* rejection("read-account", "department.known-id", `No department ${departmentId} in this account`, "departmentId")
    }
    const catalogue = yield* (yield* ServiceCatalog).metaTeams(caller.tenantId)
    const chosen = metaTeamId === undefined ? catalogue : catalogue.filter((m) => m.id === metaTeamId)
    if (metaTeamId !== undefined && chosen.length === 0) {
      return yield* rejection("read-account", "team-mapping.known-team", `The tenant has no meta-team ${metaTeamId}`, "metaTeamId")
    }
    return chosen.map((metaTeam): ResolvedTeam => resolveTeam(state.teamMappings, state.departments, metaTeam, departmentId))
  }
)

// ---------------------------------------------------------------------------------------------
// Tab counts
// ---------------------------------------------------------------------------------------------

/**
 * The service platform's tabs counted in the overview (rule `overview.service-tab-counts`).
 *
 * @category overview
 */
export type ServiceTab = "devices" | "tickets" | "video-sessions" | "tasks" | "invitations"

/**
 * The service platform's tabs, in the order the view shows them.
 *
 * @category overview
 */
export const serviceTabs: ReadonlyArray<ServiceTab> = ["devices", "tickets", "video-sessions", "tasks", "invitations"]

/**
 * How many records each service tab holds (rule `overview.service-tab-counts`): devices, tickets,
 * video sessions and tasks counted through the `ServiceRecords` port with no search or filter,
 * invitations (all states) from the account.
 *
 * @category overview
 */
export const serviceTabCounts = Effect.fn("CustomerAccounts.serviceTabCounts")(function*(account: Account) {
  const records = yield* ServiceRecords
  const all: CheckedCountQuery = { filters: {} }
  const counts: Record<ServiceTab, number> = {
    devices: yield* records.count(account.tenantId, account.customerId, "devices", all),
    tickets: yield* records.count(account.tenantId, account.customerId, "tickets", all),
    "video-sessions": yield* records.count(account.tenantId, account.customerId, "video-sessions", all),
    tasks: yield* records.count(account.tenantId, account.customerId, "tasks", all),
    invitations: servicePlatformOf(account).invitations.length
  }
  return counts as Readonly<Record<ServiceTab, number>>
})
