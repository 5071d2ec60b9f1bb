/**
 * What the engine's queries return, and the inputs they share: the types a host names when it
 * reads through the `CustomerAccounts` service (`accounts.overview(caller, customerId)` is an
 * {@link Overview}). The root entry exports this module as `Queries`; the query functions
 * themselves are the engine's internals, reached through the service.
 *
 * @module
 */
export type { OwnTab, Overview, TabCounts } from "./Queries.ts"
export {
  type DepartmentsView,
  type InvitationView,
  ResponsibleTeamsQuery,
  type ServiceSettingsView,
  type ServiceTab,
  serviceTabs
} from "./ServicePlatformQueries.ts"
