/**
 * The Schemas of what the engine's members return, for the catalogue's `output`: with
 * `Schema.toCodecJson(schema)` each encodes a member's result to plain JSON (ISO time strings,
 * plain objects, no class instances) and decodes it back.
 *
 * Most results are already Schema classes (`CommandOutcome`, `Tombstone`, `Activity`,
 * `StatusHistoryRow`, `ConsentRecord`); this module adds the Schemas of the read models that are
 * TypeScript interfaces (`Overview`, `Page<A>`, `HistogramBar`, ...). Each Schema's `Type` is checked
 * here, at compile time, to be the interface the engine returns, in both directions, so the two
 * cannot drift.
 *
 * @module
 */
import { Schema } from "effect"
import { Account, Tombstone } from "../domain/Account.ts"
import { Activity } from "../domain/Activity.ts"
import { ActivityGroup } from "../domain/ActivityGroup.ts"
import { Address } from "../domain/Address.ts"
import type { AnonymizationPlan as AnonymizationPlanType } from "../domain/Anonymization.ts"
import { BankAccount } from "../domain/BankAccount.ts"
import { Department } from "../domain/Departments.ts"
import { ExportDocument, PersonalDataCategorySchema } from "../domain/Export.ts"
import { CustomerId, CustomerNumber, DepartmentId, MetaTeamId, ModuleId, TeamId } from "../domain/Ids.ts"
import { Instant } from "../domain/Instant.ts"
import { Invitation, InvitationStatus } from "../domain/Invitation.ts"
import { CustomerStatus } from "../domain/Lifecycle.ts"
import { recordSchemas, type ServiceList, type ServiceRecordOf, TaskStatus } from "../domain/ServiceRecord.ts"
import type { ServiceStatistics as ServiceStatisticsType } from "../domain/ServiceRecord.ts"
import { NotificationSettings } from "../domain/ServiceSettings.ts"
import type { ResolvedTeam as ResolvedTeamType } from "../domain/TeamMappings.ts"
import type { DepartmentNode as DepartmentNodeType } from "../domain/Departments.ts"
import type {
  ChangePage as ChangePageType,
  CustomerListRow as CustomerListRowType,
  HistogramBar as HistogramBarType,
  Page as PageType
} from "../ports/AccountStore.ts"
import { HostTab } from "../ports/LinkedRecords.ts"
import type { AccountView as AccountViewType } from "../engine/BankDetails.ts"
import type { ExportResult as ExportResultType, LoginAllowed as LoginAllowedType } from "../engine/Compliance.ts"
import { CommandOutcome } from "../engine/Pipeline.ts"
import type { Overview as OverviewType } from "../engine/Queries.ts"
import type {
  DepartmentsView as DepartmentsViewType,
  InvitationView as InvitationViewType,
  ServiceSettingsView as ServiceSettingsViewType
} from "../engine/ServicePlatformQueries.ts"

/** `true` when `A` and `B` are assignable to each other; a compile-time check that a Schema's Type is the interface. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
/** Compiles only when given `true`. */
const same = <T extends true>(_: T): void => undefined

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

/**
 * The Schema of a page of a list (`Page<A>`): its items and the cursor of the next page.
 *
 * @category pages
 */
export const Page = <S extends Schema.Top>(item: S) =>
  Schema.Struct({
    /** The items of this page. */
    items: Schema.Array(item),
    /** The cursor of the next page; absent on the last page. */
    nextCursor: Schema.optionalKey(Schema.String)
  })

/**
 * A page of the timeline (`timeline`).
 *
 * @category pages
 */
export const ActivityPage = Page(Activity)
same<Same<typeof ActivityPage.Type, PageType<Activity>>>(true)

/**
 * A bar of the histogram (`histogram`).
 *
 * @category pages
 */
export const HistogramBar = Schema.Struct({
  /** The start of the bucket, UTC. */
  start: Instant,
  /** The group counted. */
  group: ActivityGroup,
  /** The number of activities. */
  count: Schema.Number
})
same<Same<typeof HistogramBar.Type, HistogramBarType>>(true)

/**
 * A row of the customer list (`search`).
 *
 * @category pages
 */
export const CustomerListRow = Schema.Struct({
  /** The customer's id. */
  customerId: CustomerId,
  /** The customer number. */
  customerNumber: CustomerNumber,
  /** Company name, or first and last name. */
  displayName: Schema.String,
  /** The email. */
  email: Schema.String,
  /** The status. */
  status: CustomerStatus
})
same<Same<typeof CustomerListRow.Type, CustomerListRowType>>(true)

/**
 * A page of the customer list (`search`).
 *
 * @category pages
 */
export const CustomerListPage = Page(CustomerListRow)

/**
 * A page of the change feed (`changes`): activities and deletions in commit order.
 *
 * @category pages
 */
export const ChangePage = Schema.Struct({
  /** The entries, in commit order. */
  changes: Schema.Array(
    Schema.Union([
      Schema.TaggedStruct("Activity", { position: Schema.String, activity: Activity }),
      Schema.TaggedStruct("Deletion", { position: Schema.String, tombstone: Tombstone })
    ])
  ),
  /** Where to continue. */
  position: Schema.optionalKey(Schema.String),
  /** Whether more entries follow right away. */
  more: Schema.Boolean
})
same<Same<typeof ChangePage.Type, ChangePageType>>(true)

/**
 * A page of any linked-record list (`listServiceRecords`): devices, tickets, video sessions,
 * tasks or task events.
 *
 * @category pages
 */
export const ServiceRecordPage = Page(
  Schema.Union([recordSchemas.devices, recordSchemas.tickets, recordSchemas["video-sessions"], recordSchemas.tasks, recordSchemas["task-events"]])
)
same<Same<typeof ServiceRecordPage.Type, PageType<ServiceRecordOf[ServiceList]>>>(true)

// ---------------------------------------------------------------------------------------------
// The account as read
// ---------------------------------------------------------------------------------------------

/**
 * A bank account as a read model shows it: `iban` full, or masked when `ibanMasked` is `true`
 * (rule `bank-account.iban-masked`).
 *
 * @category account
 */
export const BankAccountView = Schema.Struct({
  ...BankAccount.fields,
  /** The IBAN: full and normalized, or masked. */
  iban: Schema.String,
  /** Present and `true` when `iban` is masked. */
  ibanMasked: Schema.optionalKey(Schema.Literal(true))
})

/**
 * The account as a read model shows it (`account`, the overview's `account`): the stored account
 * with its bank accounts as {@link BankAccountView}s.
 *
 * @category account
 */
export const AccountView = Schema.Struct({
  ...Account.fields,
  /** The bank accounts, their IBANs masked unless the caller may read them. */
  bankAccounts: Schema.Array(BankAccountView)
})
same<Same<typeof AccountView.Type, AccountViewType>>(true)

const ownTabs = ["billing-addresses", "delivery-addresses", "bank-accounts", "access-rights", "additional-data", "files"] as const
const serviceTabs = ["devices", "tickets", "video-sessions", "tasks", "invitations"] as const

/**
 * The account overview (`overview`).
 *
 * @category account
 */
export const Overview = Schema.Struct({
  /** The whole account, IBANs masked as in `account`. */
  account: AccountView,
  /** Company name, or first and last name. */
  displayName: Schema.String,
  /** The preferred billing address. */
  billingAddress: Schema.optionalKey(Address),
  /** The preferred delivery address. */
  deliveryAddress: Schema.optionalKey(Address),
  /** The derived permissions of the current status. */
  permissions: Schema.Struct({
    canLogIn: Schema.Boolean,
    canBuy: Schema.Boolean,
    canReceiveMail: Schema.Boolean,
    isEditable: Schema.Boolean
  }),
  /** Whether the status history's Details control is shown. */
  hasStatusDetails: Schema.Boolean,
  /** The records per tab. */
  tabCounts: Schema.Record(Schema.Literals([...ownTabs, ...HostTab.literals, ...serviceTabs]), Schema.Number),
  /** The newest activities. */
  timeline: ActivityPage
})
same<Same<typeof Overview.Type, OverviewType>>(true)

// ---------------------------------------------------------------------------------------------
// Service platform
// ---------------------------------------------------------------------------------------------

/**
 * The per-customer dashboard (`serviceStatistics`).
 *
 * @category service platform
 */
export const ServiceStatistics = Schema.Struct({
  /** How many devices the customer has. */
  devices: Schema.Number,
  /** How many of its tickets are open. */
  openTickets: Schema.Number,
  /** How many tasks are in each status. */
  tasksByStatus: Schema.Record(TaskStatus, Schema.Number),
  /** How many video sessions start in each of the last months, oldest first. */
  videoSessionsPerMonth: Schema.Array(Schema.Struct({ month: Schema.String, count: Schema.Number }))
})
same<Same<typeof ServiceStatistics.Type, ServiceStatisticsType>>(true)

/**
 * The settings tab (`serviceSettings`).
 *
 * @category service platform
 */
export const ServiceSettingsView = Schema.Struct({
  /** Every module, on or off, and what decides. */
  modules: Schema.Array(
    Schema.Struct({
      id: ModuleId,
      label: Schema.String,
      enabled: Schema.Boolean,
      source: Schema.Literals(["customer", "default"])
    })
  ),
  /** The notification settings as stored. */
  notifications: NotificationSettings,
  /** Where device notifications go. */
  notificationRecipients: Schema.Array(Schema.String)
})
same<Same<typeof ServiceSettingsView.Type, ServiceSettingsViewType>>(true)

/**
 * The encoded side of a {@link DepartmentNode}.
 *
 * @category service platform
 */
export interface DepartmentNodeEncoded {
  readonly department: typeof Department.Encoded
  readonly depth: number
  readonly children: ReadonlyArray<DepartmentNodeEncoded>
}

/**
 * A node of the department tree: the department, its level, its children.
 *
 * @category service platform
 */
export const DepartmentNode: Schema.Codec<DepartmentNodeType, DepartmentNodeEncoded> = Schema.Struct({
  department: Department,
  depth: Schema.Number,
  children: Schema.Array(Schema.suspend((): Schema.Codec<DepartmentNodeType, DepartmentNodeEncoded> => DepartmentNode))
})

/**
 * The branches and departments, flat and as a tree (`departments`).
 *
 * @category service platform
 */
export const DepartmentsView = Schema.Struct({
  /** Every node. */
  departments: Schema.Array(Department),
  /** The nested tree. */
  tree: Schema.Array(DepartmentNode)
})
same<Same<typeof DepartmentsView.Type, DepartmentsViewType>>(true)

/**
 * An invitation with its status now (`invitations`).
 *
 * @category service platform
 */
export const InvitationView = Schema.Struct({
  /** The invitation as stored. */
  invitation: Invitation,
  /** Its status now. */
  status: InvitationStatus
})
same<Same<typeof InvitationView.Type, InvitationViewType>>(true)

/**
 * The team responsible for a meta-team (`responsibleTeams`).
 *
 * @category service platform
 */
export const ResolvedTeam = Schema.Struct({
  /** The meta-team. */
  metaTeamId: MetaTeamId,
  /** The responsible team. */
  teamId: TeamId,
  /** Where it came from. */
  source: Schema.Literals(["department", "parent-department", "customer", "default"]),
  /** The department whose mapping decided. */
  fromDepartmentId: Schema.optionalKey(DepartmentId)
})
same<Same<typeof ResolvedTeam.Type, ResolvedTeamType>>(true)

// ---------------------------------------------------------------------------------------------
// Compliance
// ---------------------------------------------------------------------------------------------

/**
 * What `exportCustomerData` returns: the outcome and the export document in its JSON encoding.
 *
 * @category compliance
 */
export const ExportResult = Schema.Struct({
  /** The outcome of recording the export. */
  outcome: CommandOutcome,
  /** The export document, as JSON. */
  document: Schema.toEncoded(ExportDocument)
})
same<Same<typeof ExportResult.Type, ExportResultType>>(true)

/**
 * What an allowed `loginCheck` returns.
 *
 * @category compliance
 */
export const LoginAllowed = Schema.Struct({
  /** The customer. */
  customerId: CustomerId,
  /** Its customer number. */
  customerNumber: CustomerNumber
})
same<Same<typeof LoginAllowed.Type, LoginAllowedType>>(true)

const KeptRecord = Schema.Struct({
  record: Schema.String,
  path: Schema.optionalKey(Schema.String),
  why: Schema.String
})

/**
 * What anonymizing would erase and keep (`anonymizationPlan`), by path, never by value.
 *
 * @category compliance
 */
export const AnonymizationPlan = Schema.Struct({
  /** Whether the account is anonymized already. */
  alreadyAnonymized: Schema.Boolean,
  /** The status now, and after. */
  status: Schema.Struct({ from: CustomerStatus, to: Schema.Literal("anonymized") }),
  /** Every kind of personal value that would be erased. */
  erased: Schema.Array(
    Schema.Struct({
      record: Schema.String,
      path: Schema.String,
      category: PersonalDataCategorySchema,
      action: Schema.Literals(["replaced", "removed"]),
      count: Schema.Number
    })
  ),
  /** What is kept, and why. */
  kept: Schema.Array(KeptRecord),
  /** Records dropped as a whole, and why. */
  dropped: Schema.Array(KeptRecord),
  /** How many activities there are and how many would be rewritten. */
  activities: Schema.Struct({ total: Schema.Number, rewritten: Schema.Number }),
  /** How many files would be deleted. */
  files: Schema.Struct({ count: Schema.Number })
})
same<Same<typeof AnonymizationPlan.Type, AnonymizationPlanType>>(true)
