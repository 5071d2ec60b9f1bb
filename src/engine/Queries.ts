/**
 * The account's queries (SPEC sections 6 and 9): the overview, the timeline and its histogram, the
 * status and consent histories, and the customer search. Every query names its caller, is scoped
 * to the caller's tenant (rule `tenant.isolation`) and needs the `read` permission (a customer
 * reads only its own account, and cannot search).
 *
 * @module
 */
import { Effect, Result, Schema } from "effect"
import { displayName } from "../domain/Account.ts"
import type { Activity } from "../domain/Activity.ts"
import type { Address } from "../domain/Address.ts"
import { preferredOf } from "../domain/Address.ts"
import { type ConsentChannel, ConsentChannel as ConsentChannelSchema } from "../domain/Consent.ts"
import { CustomerId } from "../domain/Ids.ts"
import { canBuy, canLogIn, canReceiveMail, hasStatusDetails, isEditable } from "../domain/Lifecycle.ts"
import { authorize, type CommandKind } from "../domain/Permission.ts"
import { decode } from "../domain/Validation.ts"
import {
  AccountStore,
  CustomerSearch,
  HistogramQuery,
  type Page,
  TimelineQuery
} from "../ports/AccountStore.ts"
import { HostTab, LinkedRecords } from "../ports/LinkedRecords.ts"
import { type AccountView, accountView } from "./BankDetails.ts"
import type { Caller } from "./Caller.ts"
import { loadAccount } from "./Pipeline.ts"
import { type ServiceTab, serviceTabCounts, serviceTabs } from "./ServicePlatformQueries.ts"
import { readablePage } from "./TimelineReading.ts"

const allow = (caller: Caller, command: CommandKind, targetCustomerId?: CustomerId) => {
  const allowed = authorize({
    actor: caller.actor,
    grants: caller.grants ?? {},
    command,
    ...(targetCustomerId === undefined ? {} : { targetCustomerId })
  })
  return Result.isFailure(allowed) ? Effect.fail(allowed.failure) : Effect.void
}

const decodeCustomerId = decode(CustomerId, "CustomerId")
const customerIdOf = (raw: unknown) => {
  const id = decodeCustomerId(raw)
  return Result.isFailure(id) ? Effect.fail(id.failure) : Effect.succeed(id.success)
}

const readable = (caller: Caller, raw: unknown) =>
  Effect.gen(function*() {
    const customerId = yield* customerIdOf(raw)
    yield* allow(caller, "read-account", customerId)
    return yield* loadAccount(caller, customerId)
  })

/**
 * The tabs whose records the SDK holds itself.
 *
 * @category overview
 */
export type OwnTab = "billing-addresses" | "delivery-addresses" | "bank-accounts" | "access-rights" | "additional-data" | "files"

/**
 * How many records each tab holds: the SDK's own, the host's, and the service platform's (rule
 * `overview.service-tab-counts`).
 *
 * @category overview
 */
export type TabCounts = Readonly<Record<OwnTab | HostTab | ServiceTab, number>>

const hostTabs: ReadonlyArray<HostTab> = HostTab.literals

/**
 * The account overview as the back office shows it (SPEC section 9).
 *
 * @category overview
 */
export interface Overview {
  /** The whole account: personal and system data, lifecycle, consent, addresses, ...; IBANs masked (rule `bank-account.iban-masked`). */
  readonly account: AccountView
  /** Company name, or first and last name. */
  readonly displayName: string
  /** The preferred billing address. */
  readonly billingAddress?: Address
  /** The preferred delivery address. */
  readonly deliveryAddress?: Address
  /** The derived permissions of the current status (rule `status.derived-permissions`). */
  readonly permissions: {
    readonly canLogIn: boolean
    readonly canBuy: boolean
    readonly canReceiveMail: boolean
    readonly isEditable: boolean
  }
  /** Whether the status history's Details control is shown (rule `status.history-row`). */
  readonly hasStatusDetails: boolean
  /** The records per tab. */
  readonly tabCounts: TabCounts
  /** The newest activities. */
  readonly timeline: Page<Activity>
}

/**
 * The overview of one account: its data, the preferred addresses, the derived permissions, the
 * tab counts (own, the host's through `LinkedRecords`, and the service platform's through
 * `ServiceRecords`) and the first page of the timeline.
 *
 * @category overview
 */
export const overview = Effect.fn("CustomerAccounts.overview")(function*(caller: Caller, customerId: typeof CustomerId.Encoded) {
  const account = yield* readable(caller, customerId)
  const store = yield* AccountStore
  const host = yield* (yield* LinkedRecords).counts(caller.tenantId, account.customerId)
  // The newest activities, their summaries in the caller's language (rule timeline.reader-language).
  const timeline = yield* readablePage(caller, account, yield* store.timeline(caller.tenantId, account.customerId, { limit: 20 }))
  const own: Record<OwnTab, number> = {
    "billing-addresses": account.addresses.filter((a) => a.kind === "billing").length,
    "delivery-addresses": account.addresses.filter((a) => a.kind === "delivery").length,
    "bank-accounts": account.bankAccounts.length,
    "access-rights": account.accessRights.length,
    "additional-data": Object.keys(account.additionalData).length,
    files: account.files.length
  }
  const tabCounts = { ...own } as Record<OwnTab | HostTab | ServiceTab, number>
  for (const tab of hostTabs) tabCounts[tab] = host[tab] ?? 0
  const service = yield* serviceTabCounts(account)
  for (const tab of serviceTabs) tabCounts[tab] = service[tab]
  const billing = preferredOf(account.addresses, "billing")
  const delivery = preferredOf(account.addresses, "delivery")
  const status = account.lifecycle.status
  const result: Overview = {
    account: accountView(caller, account),
    displayName: displayName(account),
    ...(billing === undefined ? {} : { billingAddress: billing }),
    ...(delivery === undefined ? {} : { deliveryAddress: delivery }),
    permissions: {
      canLogIn: canLogIn(status),
      canBuy: canBuy(status),
      canReceiveMail: canReceiveMail(status),
      isEditable: isEditable(status)
    },
    hasStatusDetails: hasStatusDetails(account.lifecycle),
    tabCounts,
    timeline
  }
  return result
})

/**
 * The account as stored, its IBANs masked unless the caller holds `read-bank-details` (rule
 * `bank-account.iban-masked`).
 *
 * @category queries
 */
export const account = Effect.fn("CustomerAccounts.account")(function*(caller: Caller, customerId: typeof CustomerId.Encoded) {
  return accountView(caller, yield* readable(caller, customerId))
})

const decodeTimelineQuery = decode(TimelineQuery, "TimelineQuery")
const decodeHistogramQuery = decode(HistogramQuery, "HistogramQuery")
const decodeSearch = decode(CustomerSearch, "CustomerSearch")

/**
 * A page of the timeline, newest first, filtered (SPEC section 6), its summaries rendered in the
 * caller's language (rule `timeline.reader-language`).
 *
 * @category timeline
 */
export const timeline = Effect.fn("CustomerAccounts.timeline")(
  function*(caller: Caller, customerId: typeof CustomerId.Encoded, query: typeof TimelineQuery.Encoded) {
    const decoded = decodeTimelineQuery(query)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const account = yield* readable(caller, customerId)
    const page = yield* (yield* AccountStore).timeline(caller.tenantId, account.customerId, decoded.success)
    // Only the page returned is rendered, in the caller's language (rule timeline.reader-language).
    return yield* readablePage(caller, account, page)
  }
)

/**
 * Activity counts per group per day, week or month, for the graphical timeline.
 *
 * @category timeline
 */
export const histogram = Effect.fn("CustomerAccounts.histogram")(
  function*(caller: Caller, customerId: typeof CustomerId.Encoded, query: typeof HistogramQuery.Encoded) {
    const decoded = decodeHistogramQuery(query)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const account = yield* readable(caller, customerId)
    return yield* (yield* AccountStore).histogram(caller.tenantId, account.customerId, decoded.success)
  }
)

/**
 * The status history, oldest first (rule `status.history-row`).
 *
 * @category histories
 */
export const statusHistory = Effect.fn("CustomerAccounts.statusHistory")(
  function*(caller: Caller, customerId: typeof CustomerId.Encoded) {
    const account = yield* readable(caller, customerId)
    return account.lifecycle.history
  }
)

const decodeChannel = decode(Schema.optional(ConsentChannelSchema), "ConsentChannel")

/**
 * The consent records, oldest first, of one channel or of all (rule `consent.record-is-proof`).
 *
 * @category histories
 */
export const consentHistory = Effect.fn("CustomerAccounts.consentHistory")(
  function*(caller: Caller, customerId: typeof CustomerId.Encoded, channel?: typeof ConsentChannelSchema.Encoded) {
    const decoded = decodeChannel(channel)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const account = yield* readable(caller, customerId)
    const only: ConsentChannel | undefined = decoded.success
    return only === undefined ? account.consent.records : account.consent.records.filter((r) => r.channel === only)
  }
)

/**
 * A page of the tenant's customer list: by number, email or name prefix (SPEC section 9).
 *
 * @category search
 */
export const search = Effect.fn("CustomerAccounts.search")(
  function*(caller: Caller, query: typeof CustomerSearch.Encoded) {
    const decoded = decodeSearch(query)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    yield* allow(caller, "search-customers")
    return yield* (yield* AccountStore).search(caller.tenantId, decoded.success)
  }
)
