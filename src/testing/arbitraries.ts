/**
 * fast-check arbitraries and small builders for accounts and activities, as the account store
 * conformance suite uses them. Adapter authors can reuse them in their own tests.
 *
 * Everything is built with the domain's constructors (`new Account(...)`, `makeActivity`), so
 * every value generated is valid and encodes and decodes through its Schema. Identifiers come from
 * a small alphabet so that generated values collide often enough to exercise uniqueness rules.
 *
 * Imports `fast-check` at runtime: it is an optional peer dependency, needed only by this subpath.
 *
 * @module
 */
import { DateTime, Result } from "effect"
import * as fc from "fast-check"
import { Account, newAccount } from "../domain/Account.ts"
import { Activity, makeActivity } from "../domain/Activity.ts"
import type { ActivityGroup } from "../domain/ActivityGroup.ts"
import { makeRegistry } from "../domain/ActivityType.ts"
import * as Actor from "../domain/Actor.ts"
import { anonymizedProfile, type CustomerProfile } from "../domain/Customer.ts"
import {
  AccessRightId,
  ActivityId,
  AddressId,
  ApiClientId,
  CustomerId,
  CustomerNumber,
  DepartmentId,
  InvitationId,
  ModuleId,
  ProcessName,
  ProductId,
  StaffUserId,
  TenantId
} from "../domain/Ids.ts"
import * as Departments from "../domain/Departments.ts"
import * as Iban from "../domain/Iban.ts"
import * as Invitation from "../domain/Invitation.ts"
import { type CustomerStatus, LifecycleState } from "../domain/Lifecycle.ts"
import { ServicePlatformState } from "../domain/ServicePlatform.ts"
import { NotificationSettings } from "../domain/ServiceSettings.ts"

// ---------------------------------------------------------------------------------------------
// Identifiers and instants
// ---------------------------------------------------------------------------------------------

/**
 * A short identifier string (rule `identity.id-format`): a lower-case letter or digit, then up to
 * eleven letters, digits or hyphens.
 *
 * @category identifiers
 */
export const idString: fc.Arbitrary<string> = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/)

/**
 * A tenant id.
 *
 * @category identifiers
 */
export const tenantId: fc.Arbitrary<TenantId> = idString.map((id) => TenantId.make(id))

/**
 * A customer id.
 *
 * @category identifiers
 */
export const customerId: fc.Arbitrary<CustomerId> = idString.map((id) => CustomerId.make(id))

/**
 * A customer number such as `K-1042`.
 *
 * @category identifiers
 */
export const customerNumber: fc.Arbitrary<CustomerNumber> = fc
  .integer({ min: 1, max: 999_999 })
  .map((n) => CustomerNumber.make(`K-${n}`))

/**
 * An activity id. Generate unique ones with `fc.uniqueArray(..., { selector })` or use
 * {@link activities}.
 *
 * @category identifiers
 */
export const activityId: fc.Arbitrary<ActivityId> = idString.map((id) => ActivityId.make(`act-${id}`))

/**
 * The first instant {@link instant} generates by default: 2020-01-01T00:00:00Z.
 *
 * @category instants
 */
export const minInstantMillis = Date.UTC(2020, 0, 1)

/**
 * The end (exclusive) of the range {@link instant} generates by default: 2030-01-01T00:00:00Z.
 *
 * @category instants
 */
export const maxInstantMillis = Date.UTC(2030, 0, 1)

/**
 * An instant (`DateTime.Utc`) with millisecond precision, by default from 2020 to 2029.
 *
 * @category instants
 */
export const instant = (
  range?: { readonly min?: number; readonly max?: number }
): fc.Arbitrary<DateTime.Utc> =>
  fc
    .integer({ min: range?.min ?? minInstantMillis, max: (range?.max ?? maxInstantMillis) - 1 })
    .map((ms) => DateTime.makeUnsafe(ms))

// ---------------------------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------------------------

/**
 * A plain principal of any kind: API client, system process, supporter or customer.
 *
 * @category actors
 */
export const principal: fc.Arbitrary<Actor.Principal> = fc.oneof(
  idString.map((id): Actor.Principal => ({ _tag: "api", clientId: ApiClientId.make(id) })),
  idString.map((id): Actor.Principal => ({ _tag: "system", process: ProcessName.make(id) })),
  fc.tuple(idString, fc.constantFrom("Mia Support", "Jonas Staff", "Ada")).map(([id, name]): Actor.Principal => ({
    _tag: "supporter",
    userId: StaffUserId.make(id),
    displayName: name
  })),
  idString.map((id): Actor.Principal => ({ _tag: "customer", customerId: CustomerId.make(id) }))
)

/**
 * An actor: a principal, sometimes acting on behalf of another principal, never itself (rule
 * `actor.on-behalf-not-nested`).
 *
 * @category actors
 */
export const actor: fc.Arbitrary<Actor.Actor> = fc
  .tuple(principal, fc.option(principal, { nil: undefined }))
  .map(([p, behalf]) =>
    behalf === undefined || Actor.principalKey(behalf) === Actor.principalKey(p) ? p : Actor.onBehalfOf(p, behalf)
  )

// ---------------------------------------------------------------------------------------------
// Profiles and accounts
// ---------------------------------------------------------------------------------------------

const firstNames = ["Erika", "Max", "Anna", "Jonas", "Émile", "Zoë"] as const
const lastNames = ["Mustermann", "Schmidt", "Müller", "Anders", "Ma"] as const
const companyNames = ["Acme GmbH", "Muster AG", "Anders & Söhne KG", "Zeta"] as const

/**
 * An email from a small pool (so that generated accounts share emails), in varying letter case.
 *
 * @category profiles
 */
export const email: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("erika", "max", "info", "anna.m"), fc.constantFrom("example.de", "acme.com"), fc.boolean())
  .map(([local, domain, upper]) => {
    const address = `${local}@${domain}`
    return upper ? address.toUpperCase() : address
  })

// ---------------------------------------------------------------------------------------------
// Bank accounts
// ---------------------------------------------------------------------------------------------

const bbanAlphabets = { n: "0123456789", a: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", c: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" }

/**
 * A national account number (BBAN) that follows the country's layout (rule
 * `iban.national-layout`): digits, letters or both, run by run as `Iban.bbanLayout` gives them.
 * Its national check digits, where the country has any, are random.
 *
 * @category bank accounts
 */
export const bban = (country: string): fc.Arbitrary<string> => {
  const layout = Iban.bbanLayout(country) ?? []
  return fc
    .tuple(
      ...layout.map((segment) =>
        fc.array(fc.constantFrom(...bbanAlphabets[segment.chars]), { minLength: segment.length, maxLength: segment.length })
      )
    )
    .map((runs) => runs.map((run) => run.join("")).join(""))
}

/**
 * A valid IBAN of one of `countries` (every country of the IBAN registry by default): a BBAN of
 * the country's layout (see {@link bban}) with its check digits computed (rules
 * `iban.length-per-country`, `iban.national-layout`, `iban.mod97`).
 *
 * @category bank accounts
 */
export const iban = (countries: ReadonlyArray<string> = Object.keys(Iban.ibanLengths)): fc.Arbitrary<Iban.Iban> =>
  fc
    .constantFrom(...countries)
    .chain((country) => bban(country).map((national) => Result.getOrThrow(Iban.makeIban(country, national))))

/**
 * The personal data of a private customer.
 *
 * @category profiles
 */
export const privateProfile: fc.Arbitrary<CustomerProfile> = fc
  .record({
    salutation: fc.constantFrom("mr" as const, "mrs" as const, "diverse" as const, "none" as const),
    firstName: fc.constantFrom(...firstNames),
    lastName: fc.constantFrom(...lastNames),
    email,
    phone: fc.option(fc.constantFrom("+49301234567", "+4915112345678"), { nil: undefined })
  })
  .map(({ phone, ...rest }): CustomerProfile => ({
    kind: "private",
    ...rest,
    language: "de",
    ...(phone === undefined ? {} : { phone })
  }))

/**
 * The personal data of a company customer, with or without a contact person's name.
 *
 * @category profiles
 */
export const companyProfile: fc.Arbitrary<CustomerProfile> = fc
  .record({
    companyName: fc.constantFrom(...companyNames),
    firstName: fc.option(fc.constantFrom(...firstNames), { nil: undefined }),
    lastName: fc.option(fc.constantFrom(...lastNames), { nil: undefined }),
    email
  })
  .map(({ firstName, lastName, ...rest }): CustomerProfile => ({
    kind: "company",
    salutation: "none",
    ...rest,
    language: "en",
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName })
  }))

/**
 * A profile of either kind.
 *
 * @category profiles
 */
export const profile: fc.Arbitrary<CustomerProfile> = fc.oneof(privateProfile, companyProfile)

/**
 * The profile an anonymized account holds (see `Customer.anonymizedProfile`).
 *
 * @category profiles
 */
export const anonymized: CustomerProfile = {
  kind: "private",
  salutation: anonymizedProfile.salutation,
  firstName: anonymizedProfile.name,
  lastName: anonymizedProfile.name,
  email: anonymizedProfile.email,
  language: anonymizedProfile.language
}

// ---------------------------------------------------------------------------------------------
// Service platform (SPEC section 10)
// ---------------------------------------------------------------------------------------------

const invitees = [
  ["Jonas Weber", "jonas@example.de"],
  ["Jonas Weber", "JONAS@example.de"],
  ["Mia Roth", "mia@acme.com"]
] as const

/**
 * The service platform's part of a company customer's account: a valid tree of up to six branches
 * and departments (`department-1`, ...), module switches, notification settings and up to three
 * invitations (`invitation-1`, ...) in every stored state, at most one of them pending per
 * address. Built with the domain's functions, so every value is valid; names and addresses come
 * from small pools in varying case.
 *
 * @category service platform
 */
export const servicePlatformState: fc.Arbitrary<ServicePlatformState> = fc
  .record({
    nodes: fc.array(
      fc.record({
        kind: fc.constantFrom("branch" as const, "department" as const),
        name: fc.constantFrom("Köln", "köln", "Service", "Lager"),
        parent: fc.option(fc.nat({ max: 5 }), { nil: undefined, freq: 2 })
      }),
      { maxLength: 6 }
    ),
    modules: fc.dictionary(fc.constantFrom("video-support", "remote-maintenance"), fc.boolean(), { maxKeys: 2 }),
    notifyAboutDevices: fc.boolean(),
    recipients: fc.subarray(["ops@example.de", "it@acme.com"]),
    invitations: fc.array(
      fc.record({
        invitee: fc.constantFrom(...invitees),
        role: fc.constantFrom("member" as const, "moderator" as const, "administrator" as const),
        department: fc.option(fc.nat({ max: 5 }), { nil: undefined }),
        then: fc.constantFrom("none" as const, "accept" as const, "revoke" as const)
      }),
      { maxLength: 3 }
    )
  })
  .map(({ invitations, modules, nodes, notifyAboutDevices, recipients }) => {
    let departments: ReadonlyArray<Departments.Department> = []
    nodes.forEach((node, i) => {
      const parent = node.parent === undefined ? undefined : departments[node.parent % Math.max(1, departments.length)]
      const added = Departments.addDepartment(departments, {
        id: DepartmentId.make(`department-${i + 1}`),
        kind: node.kind,
        name: node.name,
        parentId: parent?.id
      })
      if (Result.isSuccess(added)) departments = added.success
    })
    const at = DateTime.makeUnsafe(Date.UTC(2026, 0, 1))
    const actor = Actor.supporter(StaffUserId.make("staff-1"), "Mia Support")
    let list: ReadonlyArray<Invitation.Invitation> = []
    invitations.forEach((invitation, i) => {
      const department = invitation.department === undefined ? undefined : departments[invitation.department]
      const sent = Invitation.send(list, departments, {
        _tag: "SendInvitation",
        id: InvitationId.make(`invitation-${i + 1}`),
        name: invitation.invitee[0],
        email: invitation.invitee[1],
        language: "de",
        role: invitation.role,
        departmentIds: department === undefined ? [] : [department.id],
        at,
        actor,
        expiresAt: Invitation.expiryFrom(at, Invitation.defaultValidityDays)
      })
      if (Result.isFailure(sent)) return
      list = sent.success.invitations
      if (invitation.then === "none") return
      const applied = Invitation.apply(list, sent.success.invitation.id, {
        _tag: invitation.then === "accept" ? "AcceptInvitation" : "RevokeInvitation",
        at,
        actor
      })
      if (Result.isSuccess(applied)) list = applied.success.invitations
    })
    return new ServicePlatformState({
      departments,
      modules: Object.fromEntries(Object.entries(modules).map(([id, on]) => [ModuleId.make(id), on])),
      notifications: new NotificationSettings({ notifyAboutDevices, recipients }),
      teamMappings: [],
      invitations: list
    })
  })

/**
 * What {@link accountOf} needs; everything but the ids has a default.
 *
 * @category accounts
 */
export interface AccountFields {
  /** The customer's id. */
  readonly customerId: CustomerId | string
  /** The customer number. */
  readonly customerNumber: CustomerNumber | string
  /** The profile; a private customer "Erika Mustermann" with `email` by default. */
  readonly profile?: CustomerProfile
  /** The email of the default profile (ignored when `profile` is given). */
  readonly email?: string
  /** The status; `active` by default. An `anonymized` account gets {@link anonymized} as profile unless `profile` is given. */
  readonly status?: CustomerStatus
  /** The version; 1 by default (a newly registered account). */
  readonly version?: number
  /** When the customer registered; 2026-01-01T00:00:00Z by default. */
  readonly registeredAt?: DateTime.Utc
}

/**
 * Builds a valid account of `tenantId` with no addresses, bank accounts, rights or files.
 *
 * @example
 * ```ts
 * import { Ids } from "customer-account"
 * import { Arbitraries } from "customer-account/testing"
 *
 * const account = Arbitraries.accountOf(Ids.TenantId.make("t-1"), { customerId: "c-1", customerNumber: "K-1" })
 * ```
 *
 * @category accounts
 */
export const accountOf = (tenant: TenantId, fields: AccountFields): Account => {
  const status = fields.status ?? "active"
  const profile: CustomerProfile = fields.profile ??
    (status === "anonymized"
      ? anonymized
      : {
        kind: "private",
        salutation: "mrs",
        firstName: "Erika",
        lastName: "Mustermann",
        email: fields.email ?? `${fields.customerId}@example.de`,
        language: "de"
      })
  const registered = newAccount({
    tenantId: tenant,
    customerId: CustomerId.make(fields.customerId),
    customerNumber: CustomerNumber.make(fields.customerNumber),
    registrationSource: "back-office",
    registeredAt: fields.registeredAt ?? DateTime.makeUnsafe(Date.UTC(2026, 0, 1)),
    profile
  })
  return new Account({
    ...registered,
    version: fields.version ?? 1,
    lifecycle: new LifecycleState({ status, productAccess: "granted", history: [] })
  })
}

/**
 * Options of {@link account}.
 *
 * @category accounts
 */
export interface AccountOptions {
  /** A fixed customer id; generated otherwise. */
  readonly customerId?: CustomerId
  /** A fixed customer number; generated otherwise. */
  readonly customerNumber?: CustomerNumber
  /** A fixed version; 1 to 20 otherwise. */
  readonly version?: number
  /** A fixed status; any otherwise (an anonymized account has the anonymized profile). */
  readonly status?: CustomerStatus
}

/**
 * A valid account of `tenantId`: a private or company profile, any status (anonymized accounts
 * hold the anonymized profile), additional data; a company account often holds a
 * {@link servicePlatformState} too.
 *
 * @category accounts
 */
export const account = (tenant: TenantId, options?: AccountOptions): fc.Arbitrary<Account> =>
  fc
    .record({
      customerId: options?.customerId === undefined ? customerId : fc.constant(options.customerId),
      customerNumber: options?.customerNumber === undefined ? customerNumber : fc.constant(options.customerNumber),
      version: options?.version === undefined ? fc.integer({ min: 1, max: 20 }) : fc.constant(options.version),
      status: options?.status === undefined
        ? fc.constantFrom<CustomerStatus>("active", "blocked", "deactivated", "anonymized")
        : fc.constant(options.status),
      profile,
      registeredAt: instant(),
      additionalData: fc.dictionary(fc.constantFrom("crm", "segment", "source"), fc.constantFrom("a", "b", "vip"), {
        maxKeys: 3
      }),
      servicePlatform: fc.option(servicePlatformState, { nil: undefined })
    })
    .map(({ additionalData, servicePlatform, ...fields }) => {
      const built = accountOf(tenant, {
        ...fields,
        ...(fields.status === "anonymized" ? { profile: anonymized } : {})
      })
      return new Account({
        ...built,
        additionalData,
        ...(servicePlatform === undefined || built.profile.kind !== "company" ? {} : { servicePlatform })
      })
    })

// ---------------------------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------------------------

/**
 * A built-in activity type used by the arbitraries, with a details generator and a fixed example.
 *
 * @category activities
 */
export interface SampleActivityType {
  /** The type id. */
  readonly type: string
  /** The type's group. */
  readonly group: ActivityGroup
  /** Valid details (as decoded). */
  readonly details: fc.Arbitrary<unknown>
  /** A fixed valid details value. */
  readonly example: unknown
}

const recordId = idString.map((id) => `r-${id}`)

/**
 * Built-in activity types covering every group, SDK- and host-recorded.
 *
 * @category activities
 */
export const sampleActivityTypes: ReadonlyArray<SampleActivityType> = [
  { type: "data.exported", group: "customer-data", details: fc.constant({ format: "json" }), example: { format: "json" } },
  {
    type: "billing-address.added",
    group: "addresses",
    details: idString.map((id) => ({ addressId: AddressId.make(id), changes: [] })),
    example: { addressId: AddressId.make("adr-1"), changes: [] }
  },
  { type: "access.blocked", group: "status-and-access", details: fc.constant({}), example: {} },
  { type: "two-factor.disabled", group: "status-and-access", details: fc.constant({}), example: {} },
  {
    type: "consent.changed",
    group: "consent",
    details: fc.constantFrom("email", "phone", "post", "messenger").map((channel) => ({ channel, from: "none", to: "singleOptIn" })),
    example: { channel: "email", from: "none", to: "singleOptIn" }
  },
  {
    type: "note",
    group: "notes-and-communication",
    details: fc.constantFrom("Called, wants a callback", "Prefers mail").map((text) => ({ text, fileIds: [] })),
    example: { text: "Called, wants a callback", fileIds: [] }
  },
  { type: "mail.sent", group: "notes-and-communication", details: fc.constant({}), example: {} },
  { type: "order.created", group: "orders", details: recordId.map((orderId) => ({ orderId })), example: { orderId: "o-1" } },
  {
    type: "invoice.created",
    group: "invoices-and-payments",
    details: recordId.map((invoiceId) => ({ invoiceId })),
    example: { invoiceId: "i-1" }
  },
  {
    type: "payment",
    group: "invoices-and-payments",
    details: fc
      .tuple(recordId, fc.integer({ min: -10_000, max: 10_000 }))
      .map(([paymentId, amount]) => ({ paymentId, amount: { amount, currency: "EUR" } })),
    example: { paymentId: "p-1", amount: { amount: 1999, currency: "EUR" } }
  },
  {
    type: "subscription.created",
    group: "subscriptions",
    details: recordId.map((subscriptionId) => ({ subscriptionId })),
    example: { subscriptionId: "s-1" }
  },
  {
    type: "access-right.added",
    group: "access-rights",
    details: idString.map((id) => ({ accessRightId: AccessRightId.make(id), productId: ProductId.make(`p-${id}`) })),
    example: { accessRightId: AccessRightId.make("ar-1"), productId: ProductId.make("p-1") }
  }
]

const registry = makeRegistry()

/**
 * What {@link activityOf} needs; everything but the id and the instant has a default.
 *
 * @category activities
 */
export interface ActivityFields {
  /** The activity's id. */
  readonly id: ActivityId | string
  /** When it happened. */
  readonly at: DateTime.Utc | number | string
  /** One of {@link sampleActivityTypes}' types; `note` by default. */
  readonly type?: string
  /** The details as decoded; the type's example by default. */
  readonly details?: unknown
  /** Who did it; a supporter by default. */
  readonly actor?: Actor.Actor
  /** The summary; built from the type by default. */
  readonly summary?: string
}

/**
 * Builds a valid activity of a customer with `makeActivity` (so its group is its type's). Throws
 * only when given details that do not fit the type: a bug in the calling test.
 *
 * @category activities
 */
export const activityOf = (tenant: TenantId, customer: CustomerId, fields: ActivityFields): Activity => {
  const type = fields.type ?? "note"
  const sample = sampleActivityTypes.find((s) => s.type === type)
  const made = makeActivity(registry, {
    id: ActivityId.make(fields.id),
    tenantId: tenant,
    customerId: customer,
    type,
    at: DateTime.isDateTime(fields.at) ? DateTime.toUtc(fields.at) : DateTime.makeUnsafe(fields.at),
    actor: fields.actor ?? Actor.supporter(StaffUserId.make("staff-1"), "Mia Support"),
    summary: fields.summary ?? `${type} recorded`,
    details: fields.details ?? sample?.example ?? {}
  })
  if (Result.isFailure(made)) throw new Error(`activityOf: ${made.failure.message}`)
  return made.success
}

/**
 * Options of {@link activity} and {@link activities}.
 *
 * @category activities
 */
export interface ActivityOptions {
  /** The instants to draw from; {@link instant} by default. */
  readonly at?: fc.Arbitrary<DateTime.Utc>
  /** The types to draw from; every one of {@link sampleActivityTypes} by default. */
  readonly types?: ReadonlyArray<SampleActivityType>
}

/**
 * A valid activity of a customer, of one of the sample types, with any actor.
 *
 * @category activities
 */
export const activity = (
  tenant: TenantId,
  customer: CustomerId,
  options?: ActivityOptions & { readonly id?: fc.Arbitrary<ActivityId> }
): fc.Arbitrary<Activity> =>
  fc
    .constantFrom(...(options?.types ?? sampleActivityTypes))
    .chain((sample) =>
      fc.record({
        id: options?.id ?? activityId,
        at: options?.at ?? instant(),
        actor,
        details: sample.details,
        type: fc.constant(sample.type)
      })
    )
    .map((fields) => activityOf(tenant, customer, fields))

/**
 * Activities of a customer with distinct ids (`act-0`, `act-1`, ... in generation order).
 *
 * @category activities
 */
export const activities = (
  tenant: TenantId,
  customer: CustomerId,
  options?: ActivityOptions & { readonly minLength?: number; readonly maxLength?: number }
): fc.Arbitrary<ReadonlyArray<Activity>> =>
  fc
    .array(activity(tenant, customer, { ...options, id: fc.constant(ActivityId.make("act-x")) }), {
      minLength: options?.minLength ?? 0,
      maxLength: options?.maxLength ?? 30
    })
    .map((list) => list.map((a, i) => new Activity({ ...a, id: ActivityId.make(`act-${i}`) })))
