/**
 * The catalogue's queries: the account and its overview, the timeline and its histogram, the
 * histories, the customer search, the change feed and the service platform's read models. Each
 * takes one object of named parameters (`customerId` where it is about one customer, the query
 * object's fields beside it) and maps it onto the member's positional parameters.
 *
 * @module
 */
import { Schema } from "effect"
import { ConsentChannel, ConsentRecord } from "../../domain/Consent.ts"
import { CustomerId } from "../../domain/Ids.ts"
import { StatusHistoryRow } from "../../domain/Lifecycle.ts"
import { ListQuery, UndeclaredListField } from "../../domain/ListQuery.ts"
import { PermissionDenied } from "../../domain/Permission.ts"
import { ServiceList, StatisticsQuery } from "../../domain/ServiceRecord.ts"
import { ValidationError } from "../../domain/Validation.ts"
import { CommandRejected } from "../../engine/Errors.ts"
import { ResponsibleTeamsQuery } from "../../engine/ServicePlatformQueries.ts"
import { ChangesQuery, CustomerSearch, HistogramQuery, InvalidCursor, StorageError, TimelineQuery } from "../../ports/AccountStore.ts"
import { query } from "../Declare.ts"
import { queryErrors } from "../Errors.ts"
import {
  AccountView,
  ActivityPage,
  ChangePage,
  CustomerListPage,
  DepartmentsView,
  HistogramBar,
  InvitationView,
  Overview,
  ResolvedTeam,
  ServiceRecordPage,
  ServiceSettingsView,
  ServiceStatistics
} from "../Outputs.ts"

/**
 * The parameters of a query about one customer that takes nothing else: `{ customerId }`.
 *
 * @category parameters
 */
export const CustomerParameters = Schema.Struct({
  /** The customer. */
  customerId: CustomerId
})

/**
 * `account`: the account as stored, IBANs masked unless the caller holds `read-bank-details`.
 *
 * @category queries
 */
export const account = query("account", {
  description: "The account as stored, its IBANs masked unless the caller holds `read-bank-details`.",
  permission: "read",
  perCustomer: true,
  parameters: CustomerParameters,
  output: AccountView,
  errors: queryErrors,
  invoke: (service, caller, { customerId }) => service.account(caller, customerId)
})

/**
 * `overview`: the account overview.
 *
 * @category queries
 */
export const overview = query("overview", {
  description: "The overview: data, preferred addresses, derived permissions, tab counts, newest activities.",
  permission: "read",
  perCustomer: true,
  parameters: CustomerParameters,
  output: Overview,
  errors: [...queryErrors, InvalidCursor],
  invoke: (service, caller, { customerId }) => service.overview(caller, customerId)
})

/**
 * `timeline`: a page of the timeline, newest first.
 *
 * @category queries
 */
export const timeline = query("timeline", {
  description: "A page of the timeline, newest first, filtered by groups, types, actor kinds and time.",
  permission: "read",
  perCustomer: true,
  parameters: Schema.Struct({ customerId: CustomerId, ...TimelineQuery.fields }),
  output: ActivityPage,
  errors: [...queryErrors, InvalidCursor],
  invoke: (service, caller, { customerId, ...timelineQuery }) => service.timeline(caller, customerId, timelineQuery)
})

/**
 * `histogram`: activity counts per group per bucket.
 *
 * @category queries
 */
export const histogram = query("histogram", {
  description: "Activity counts per group per day, week or month.",
  permission: "read",
  perCustomer: true,
  parameters: Schema.Struct({ customerId: CustomerId, ...HistogramQuery.fields }),
  output: Schema.Array(HistogramBar),
  errors: queryErrors,
  invoke: (service, caller, { customerId, ...histogramQuery }) => service.histogram(caller, customerId, histogramQuery)
})

/**
 * `statusHistory`: the status history, oldest first.
 *
 * @category queries
 */
export const statusHistory = query("statusHistory", {
  description: "The status history, oldest first.",
  permission: "read",
  perCustomer: true,
  parameters: CustomerParameters,
  output: Schema.Array(StatusHistoryRow),
  errors: queryErrors,
  invoke: (service, caller, { customerId }) => service.statusHistory(caller, customerId)
})

/**
 * `consentHistory`: the consent records, oldest first, of one channel or all.
 *
 * @category queries
 */
export const consentHistory = query("consentHistory", {
  description: "The consent records, oldest first, of one channel or all.",
  permission: "read",
  perCustomer: true,
  parameters: Schema.Struct({ customerId: CustomerId, channel: Schema.optionalKey(ConsentChannel) }),
  output: Schema.Array(ConsentRecord),
  errors: queryErrors,
  invoke: (service, caller, { channel, customerId }) =>
    channel === undefined ? service.consentHistory(caller, customerId) : service.consentHistory(caller, customerId, channel)
})

/**
 * `search`: a page of the customer list of the caller's tenant.
 *
 * @category queries
 */
export const search = query("search", {
  description: "A page of the customer list: by customer number, email or name prefix.",
  permission: "read",
  perCustomer: false,
  parameters: CustomerSearch,
  output: CustomerListPage,
  errors: [ValidationError, PermissionDenied, StorageError, InvalidCursor],
  invoke: (service, caller, parameters) => service.search(caller, parameters)
})

/**
 * `changes`: a page of the tenant's change feed.
 *
 * @category queries
 */
export const changes = query("changes", {
  description: "A page of the tenant's change feed after a position the reader keeps.",
  permission: "read-changes",
  perCustomer: false,
  parameters: ChangesQuery,
  output: ChangePage,
  errors: [ValidationError, PermissionDenied, StorageError, InvalidCursor],
  invoke: (service, caller, parameters) => service.changes(caller, parameters)
})

/**
 * `listServiceRecords`: a page of a linked-record list.
 *
 * @category queries
 */
export const listServiceRecords = query("listServiceRecords", {
  description: "A page of a linked-record list (devices, tickets, video sessions, tasks, task events).",
  permission: "read",
  perCustomer: true,
  parameters: Schema.Struct({ customerId: CustomerId, list: ServiceList, ...ListQuery.fields }),
  output: ServiceRecordPage,
  errors: [...queryErrors, InvalidCursor, UndeclaredListField],
  invoke: (service, caller, { customerId, list, ...listQuery }) => service.listServiceRecords(caller, customerId, list, listQuery)
})

/**
 * `serviceStatistics`: the per-customer dashboard.
 *
 * @category queries
 */
export const serviceStatistics = query("serviceStatistics", {
  description: "The per-customer dashboard: devices, open tickets, tasks by status, video sessions per month.",
  permission: "read",
  perCustomer: true,
  parameters: Schema.Struct({ customerId: CustomerId, ...StatisticsQuery.fields }),
  output: ServiceStatistics,
  errors: queryErrors,
  invoke: (service, caller, { customerId, ...statisticsQuery }) => service.serviceStatistics(caller, customerId, statisticsQuery)
})

/**
 * `serviceSettings`: the settings tab.
 *
 * @category queries
 */
export const serviceSettings = query("serviceSettings", {
  description: "The settings tab: modules, notification settings, where notifications go.",
  permission: "read",
  perCustomer: true,
  parameters: CustomerParameters,
  output: ServiceSettingsView,
  errors: queryErrors,
  invoke: (service, caller, { customerId }) => service.serviceSettings(caller, customerId)
})

/**
 * `departments`: the branches and departments.
 *
 * @category queries
 */
export const departments = query("departments", {
  description: "The branches and departments, flat and as a tree.",
  permission: "read",
  perCustomer: true,
  parameters: CustomerParameters,
  output: DepartmentsView,
  errors: queryErrors,
  invoke: (service, caller, { customerId }) => service.departments(caller, customerId)
})

/**
 * `invitations`: the invitations with their status now.
 *
 * @category queries
 */
export const invitations = query("invitations", {
  description: "The invitations with their status now.",
  permission: "read",
  perCustomer: true,
  parameters: CustomerParameters,
  output: Schema.Array(InvitationView),
  errors: queryErrors,
  invoke: (service, caller, { customerId }) => service.invitations(caller, customerId)
})

/**
 * `responsibleTeams`: the team responsible per meta-team.
 *
 * @category queries
 */
export const responsibleTeams = query("responsibleTeams", {
  description: "The team responsible per meta-team, for the customer or one of its departments.",
  permission: "read",
  perCustomer: true,
  parameters: Schema.Struct({ customerId: CustomerId, ...ResponsibleTeamsQuery.fields }),
  output: Schema.Array(ResolvedTeam),
  errors: [...queryErrors, CommandRejected],
  invoke: (service, caller, { customerId, ...teamsQuery }) => service.responsibleTeams(caller, customerId, teamsQuery)
})
