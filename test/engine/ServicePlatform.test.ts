/**
 * The service platform's commands and queries on the real engine (SPEC section 10): departments,
 * settings, team mappings, invitations, linked-record lists, statistics and the overview's tab
 * counts. Every command and query is also run under a foreign tenant, which must not find the
 * customer (rule tenant.isolation).
 */
import { describe, expect, it } from "@effect/vitest"
import { Context, DateTime, Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import * as fc from "fast-check"
import * as MemoryAccountStore from "../../src/adapters/memory/MemoryAccountStore.ts"
import type { MemoryAccountStoreService } from "../../src/adapters/memory/MemoryAccountStore.ts"
import * as MemoryHost from "../../src/adapters/memory/MemoryHost.ts"
import { MemoryOutboxControl } from "../../src/adapters/memory/MemoryOutbox.ts"
import { MemoryServiceCatalogControl } from "../../src/adapters/memory/MemoryServiceCatalog.ts"
import { MemoryServiceRecordsControl } from "../../src/adapters/memory/MemoryServiceRecords.ts"
import { anonymizedProfile } from "../../src/domain/Customer.ts"
import { CustomerId } from "../../src/domain/Ids.ts"
import { permissions } from "../../src/domain/Permission.ts"
import type { Caller } from "../../src/engine/Caller.ts"
import { invitationMailReference, invitationMailTemplate } from "../../src/engine/commands/ServicePlatformInvitations.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import * as Memory from "../../src/Memory.ts"
import { AccountStore } from "../../src/ports/AccountStore.ts"
import { Outbox } from "../../src/ports/Outbox.ts"
import {
  activities,
  admin,
  customerCaller,
  erika,
  foreignAdmin,
  now as testNow,
  powerless,
  refusal,
  registerCustomer,
  run,
  snapshot,
  supporterWith,
  tenant,
  withEngine
} from "../support/engine.ts"
import { listAll, serviceRecordsSeed } from "../support/serviceRecords.ts"
import { longTest, runs } from "../support/properties.ts"

const company = {
  kind: "company",
  companyName: "Pumpen Müller GmbH",
  salutation: "none",
  email: "info@pumpen-mueller.de",
  language: "de"
} as const

type SpCommand =
  | "addDepartment"
  | "renameDepartment"
  | "moveDepartment"
  | "removeDepartment"
  | "switchModules"
  | "changeNotificationSettings"
  | "setTeamMapping"
  | "removeTeamMapping"
  | "sendInvitation"
  | "resendInvitation"
  | "revokeInvitation"
  | "acceptInvitation"

const sp = (name: SpCommand, caller: Caller, input: unknown, options?: { readonly idempotencyKey?: string }) =>
  run(name, caller, input, options)
const spRefusal = (name: SpCommand, caller: Caller, input: unknown) => refusal(name, caller, input)

const accounts = CustomerAccounts.CustomerAccounts

/** The foreign tenant's admin must not find the customer, and nothing is stored. */
const expectForeignNotFound = (name: SpCommand, input: { readonly customerId: string }) =>
  Effect.gen(function*() {
    const before = yield* snapshot(CustomerId.make(input.customerId))
    const error = yield* spRefusal(name, foreignAdmin, input)
    expect(error).toMatchObject({ _tag: "CustomerNotFound", rule: "tenant.isolation" })
    expect(yield* snapshot(CustomerId.make(input.customerId))).toEqual(before)
  })

const companyWithTree = Effect.gen(function*() {
  const customerId = yield* registerCustomer(company)
  const koeln = (yield* sp("addDepartment", admin, { customerId, kind: "branch", name: " Köln " })).created!
  const service = (yield* sp("addDepartment", admin, { customerId, kind: "department", name: "Service", parentId: koeln })).created!
  const bonn = (yield* sp("addDepartment", admin, { customerId, kind: "branch", name: "Bonn" })).created!
  return { customerId, koeln, service, bonn }
})

describe("departments", () => {
  it.effect("department.tree: add, rename, move and remove are each an activity; the tree query nests them", () =>
    withEngine(Effect.gen(function*() {
      const { customerId, koeln, service, bonn } = yield* companyWithTree
      expect([koeln, service, bonn]).toEqual(["department-1", "department-2", "department-3"])
      yield* sp("renameDepartment", admin, { customerId, departmentId: service, name: "Kundendienst" })
      yield* sp("moveDepartment", admin, { customerId, departmentId: service, parentId: bonn })
      const view = yield* (yield* accounts).departments(admin, customerId)
      expect(view.tree.map((n) => [n.department.name, n.children.map((c) => c.department.name)])).toEqual([
        ["Köln", []],
        ["Bonn", ["Kundendienst"]]
      ])
      yield* sp("removeDepartment", admin, { customerId, departmentId: service })
      const types = (yield* activities(customerId)).map((a) => a.type)
      expect(types.slice(0, 6)).toEqual([
        "department.removed",
        "department.moved",
        "department.renamed",
        "department.added",
        "department.added",
        "department.added"
      ])
      const [removed, moved] = yield* activities(customerId)
      expect(moved?.details).toEqual({ departmentId: service, kind: "department", name: "Kundendienst", fromParentId: koeln, toParentId: bonn })
      expect(removed?.group).toBe("customer-data")
      const cycle = yield* spRefusal("moveDepartment", admin, { customerId, departmentId: koeln, parentId: koeln })
      expect(cycle).toMatchObject({ _tag: "DepartmentChangeRejected", rule: "department.tree" })
    })))

  it.effect("tenant.isolation: every department command and the departments query under a foreign tenant is not found", () =>
    withEngine(Effect.gen(function*() {
      const { customerId, koeln } = yield* companyWithTree
      yield* expectForeignNotFound("addDepartment", { customerId, kind: "branch", name: "Essen" } as never)
      yield* expectForeignNotFound("renameDepartment", { customerId, departmentId: koeln, name: "X" } as never)
      yield* expectForeignNotFound("moveDepartment", { customerId, departmentId: koeln } as never)
      yield* expectForeignNotFound("removeDepartment", { customerId, departmentId: koeln } as never)
      const error = yield* Effect.flip((yield* accounts).departments(foreignAdmin, customerId))
      expect(error._tag).toBe("CustomerNotFound")
    })))

  it.effect("service.company-only: a private customer has no departments and no invitations; refusals store nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(erika)
      const before = yield* snapshot(customerId)
      const department = yield* spRefusal("addDepartment", admin, { customerId, kind: "branch", name: "Köln" })
      expect(department).toMatchObject({ _tag: "CommandRejected", rule: "service.company-only", command: "add-department" })
      const invitation = yield* spRefusal("sendInvitation", admin, {
        customerId, name: "Jonas Weber", email: "jonas@example.de", language: "de", role: "member"
      })
      expect(invitation).toMatchObject({ _tag: "CommandRejected", rule: "service.company-only", command: "send-invitation" })
      expect(yield* snapshot(customerId)).toEqual(before)
      expect((yield* (yield* accounts).departments(admin, customerId)).tree).toEqual([])
    })))

  it.effect("department.remove-when-empty: a department with a linked device, a pending invitation or a team mapping stays", () =>
    withEngine(Effect.gen(function*() {
      const { customerId, koeln, service, bonn } = yield* companyWithTree
      const records = yield* MemoryServiceRecordsControl
      yield* records.seed(tenant, customerId, {
        devices: [{ id: "dev-1", name: "Pump", status: "online", departmentId: service, registeredAt: "2026-01-01T00:00:00.000Z" }]
      })
      const devices = yield* spRefusal("removeDepartment", admin, { customerId, departmentId: service })
      expect(devices).toMatchObject({ rule: "department.remove-when-empty", departmentId: service })
      expect(devices.message).toContain("1 linked device(s)")
      const children = yield* spRefusal("removeDepartment", admin, { customerId, departmentId: koeln })
      expect(children.message).toContain("sub-department")
      yield* sp("sendInvitation", admin, { customerId, name: "Jonas", email: "jonas@example.de", language: "de", role: "member", departmentIds: [bonn] })
      const invited = yield* spRefusal("removeDepartment", admin, { customerId, departmentId: bonn })
      expect(invited.message).toContain("invitation-1")
      yield* sp("revokeInvitation", admin, { customerId, invitationId: "invitation-1" })
      yield* sp("setTeamMapping", admin, { customerId, metaTeamId: "support", teamId: "support-north", departmentId: bonn })
      const mapped = yield* spRefusal("removeDepartment", admin, { customerId, departmentId: bonn })
      expect(mapped.message).toContain("team mapping")
      yield* sp("removeTeamMapping", admin, { customerId, metaTeamId: "support", departmentId: bonn })
      yield* sp("removeDepartment", admin, { customerId, departmentId: bonn })
      expect((yield* (yield* accounts).departments(admin, customerId)).departments.map((d) => d.id)).toEqual([koeln, service])
    })))
})

describe("settings", () => {
  it.effect("settings.operator-only: a customer and a supporter without the permission cannot change settings; nothing is stored", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(company)
      const before = yield* snapshot(customerId)
      const self = yield* spRefusal("changeNotificationSettings", customerCaller(customerId), { customerId, notifyAboutDevices: true })
      expect(self).toMatchObject({ _tag: "PermissionDenied", rule: "permission.customer-self-service", permission: "manage-notifications" })
      const modules = yield* spRefusal("switchModules", customerCaller(customerId), { customerId, modules: { "video-support": true } })
      expect(modules).toMatchObject({ _tag: "PermissionDenied", rule: "permission.customer-self-service", permission: "manage-notifications" })
      // Module switches are settings too: they need the notification permission, and every other permission is not enough.
      const allButNotifications = supporterWith(permissions.filter((p) => p !== "manage-notifications"))
      const withoutNotify = yield* spRefusal("switchModules", allButNotifications, { customerId, modules: { "video-support": true } })
      expect(withoutNotify).toMatchObject({ _tag: "PermissionDenied", rule: "permission.supporter-role", permission: "manage-notifications" })
      const reader = yield* spRefusal("changeNotificationSettings", supporterWith(["read", "edit"]), { customerId, notifyAboutDevices: true })
      expect(reader).toMatchObject({ _tag: "PermissionDenied", rule: "permission.supporter-role", permission: "manage-notifications" })
      const none = yield* spRefusal("setTeamMapping", powerless, { customerId, metaTeamId: "support", teamId: "support-north" })
      expect(none).toMatchObject({ _tag: "PermissionDenied", permission: "manage-team-mappings" })
      expect(yield* snapshot(customerId)).toEqual(before)
      yield* sp("changeNotificationSettings", supporterWith(["manage-notifications"]), { customerId, notifyAboutDevices: true })
      yield* sp("switchModules", supporterWith(["manage-notifications"]), { customerId, modules: { "video-support": true } })
      expect((yield* (yield* accounts).serviceSettings(admin, customerId)).notificationRecipients).toEqual(["info@pumpen-mueller.de"])
    })))

  it.effect("settings.notification-recipients: addresses are validated and de-duplicated ignoring case; the activity shows before and after", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(company)
      const bad = yield* spRefusal("changeNotificationSettings", admin, { customerId, recipients: ["ops@example.de", "not-an-address"] })
      expect(bad._tag).toBe("ValidationError")
      expect((bad["issues"] as ReadonlyArray<{ path: string }>)[0]?.path).toBe("recipients.1")
      yield* sp("changeNotificationSettings", admin, {
        customerId,
        notifyAboutDevices: true,
        recipients: ["Ops@Example.de", " ops@example.de", "it@example.de", "IT@example.DE"]
      })
      const view = yield* (yield* accounts).serviceSettings(admin, customerId)
      expect(view.notifications.recipients).toEqual(["Ops@Example.de", "it@example.de"])
      expect(view.notificationRecipients).toEqual(["Ops@Example.de", "it@example.de"])
      const [changed] = yield* activities(customerId)
      expect(changed?.type).toBe("notification-settings.changed")
      expect(changed?.details).toMatchObject({
        notifyAboutDevices: { before: false, after: true },
        recipientsAfter: ["Ops@Example.de", "it@example.de"],
        recipientCount: { before: 0, after: 2 }
      })
      const same = yield* spRefusal("changeNotificationSettings", admin, { customerId, recipients: ["ops@example.de", "it@example.de"].map((a) => a === "ops@example.de" ? "Ops@Example.de" : a) })
      expect(same).toMatchObject({ rule: "command.no-op-refused" })
      yield* expectForeignNotFound("changeNotificationSettings", { customerId, notifyAboutDevices: false } as never)
      expect((yield* Effect.flip((yield* accounts).serviceSettings(foreignAdmin, customerId)))._tag).toBe("CustomerNotFound")
    })))

  it.effect("settings.modules-known: a switch names a module of the tenant's catalogue; the tab shows every module", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(erika)
      const unknown = yield* spRefusal("switchModules", admin, { customerId, modules: { chat: true } })
      expect(unknown).toMatchObject({ _tag: "ServiceSettingsRejected", rule: "settings.modules-known", path: "modules.chat" })
      yield* sp("switchModules", admin, { customerId, modules: { "video-support": true, "remote-maintenance": false } })
      const view = yield* (yield* accounts).serviceSettings(admin, customerId)
      expect(view.modules.map((m) => [m.id, m.enabled, m.source])).toEqual([
        ["video-support", true, "customer"],
        ["remote-maintenance", false, "customer"]
      ])
      const [switched] = yield* activities(customerId)
      expect(switched?.details).toEqual({
        changes: [
          { moduleId: "video-support", before: "default", after: "on" },
          { moduleId: "remote-maintenance", before: "default", after: "off" }
        ]
      })
      yield* expectForeignNotFound("switchModules", { customerId, modules: { "video-support": false } } as never)
    })))
})

describe("team mappings", () => {
  it.effect("team-mapping.default-fallback: department, parent, customer, then the tenant's default team from the catalogue", () =>
    withEngine(Effect.gen(function*() {
      const { customerId, koeln, service } = yield* companyWithTree
      const engine = yield* accounts
      expect(yield* engine.responsibleTeams(admin, customerId, { departmentId: service })).toEqual([
        { metaTeamId: "support", teamId: "support-central", source: "default" }
      ])
      yield* sp("setTeamMapping", admin, { customerId, metaTeamId: "support", teamId: "support-north", departmentId: koeln })
      expect(yield* engine.responsibleTeams(admin, customerId, { departmentId: service })).toEqual([
        { metaTeamId: "support", teamId: "support-north", source: "parent-department", fromDepartmentId: koeln }
      ])
      // Another catalogue changes the default team (the tenant's, through the ServiceCatalog port).
      yield* (yield* MemoryServiceCatalogControl).setCatalogue(tenant, {
        modules: [],
        metaTeams: [{ id: "support", label: "Support", defaultTeam: "support-north", teams: [{ id: "support-north", label: "N" }] }]
      })
      expect((yield* engine.responsibleTeams(admin, customerId, {}))[0]).toMatchObject({ teamId: "support-north", source: "default" })
      const unknownDepartment = yield* Effect.flip(engine.responsibleTeams(admin, customerId, { departmentId: "nope" }))
      expect(unknownDepartment).toMatchObject({ rule: "department.known-id" })
      expect((yield* Effect.flip(engine.responsibleTeams(foreignAdmin, customerId, {})))._tag).toBe("CustomerNotFound")
    })))

  it.effect("team-mapping.one-per-meta-team: setting again replaces; a private customer maps only as a whole", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(erika)
      yield* sp("setTeamMapping", admin, { customerId, metaTeamId: "support", teamId: "support-north" })
      yield* sp("setTeamMapping", admin, { customerId, metaTeamId: "support", teamId: "support-central" })
      const account = yield* (yield* accounts).account(admin, customerId)
      expect(account.servicePlatform?.teamMappings.map((m) => m.teamId)).toEqual(["support-central"])
      const [set] = yield* activities(customerId)
      expect(set?.details).toEqual({ metaTeamId: "support", teamId: "support-central", previousTeamId: "support-north" })
      const department = yield* spRefusal("setTeamMapping", admin, { customerId, metaTeamId: "support", teamId: "support-north", departmentId: "d-1" })
      expect(department).toMatchObject({ rule: "service.company-only", path: "departmentId" })
      const unknown = yield* spRefusal("setTeamMapping", admin, { customerId, metaTeamId: "support", teamId: "sales-east" })
      expect(unknown).toMatchObject({ _tag: "TeamMappingRejected", rule: "team-mapping.known-team" })
      yield* expectForeignNotFound("setTeamMapping", { customerId, metaTeamId: "support", teamId: "support-north" } as never)
      yield* expectForeignNotFound("removeTeamMapping", { customerId, metaTeamId: "support" } as never)
    })))
})

describe("invitations", () => {
  const jonas = { name: "Jonas Weber", email: "jonas@example.de", language: "de", role: "moderator" } as const

  it.effect("invitation.mail-queued: sending queues one mail to the invitee; an idempotent repeat queues none", () =>
    withEngine(Effect.gen(function*() {
      const { customerId, service } = yield* companyWithTree
      const outcome = yield* sp("sendInvitation", admin, { customerId, ...jonas, departmentIds: [service] }, { idempotencyKey: "inv-1" })
      expect(outcome.created).toBe("invitation-1")
      const again = yield* sp("sendInvitation", admin, { customerId, ...jonas, departmentIds: [service] }, { idempotencyKey: "inv-1" })
      expect(again).toEqual(outcome)
      const mails = (yield* (yield* MemoryOutboxControl).sent(tenant)).filter((m) => m.template === invitationMailTemplate)
      expect(mails).toHaveLength(1)
      expect(mails[0]).toMatchObject({
        customerId,
        to: "jonas@example.de",
        data: { invitationId: "invitation-1", role: "moderator", company: "Pumpen Müller GmbH", departments: "Köln / Service" }
      })
      const [sent] = yield* activities(customerId)
      expect(sent).toMatchObject({ type: "invitation.sent", group: "access-rights" })
      expect(sent?.details).toMatchObject({ invitationId: "invitation-1", email: "jonas@example.de", role: "moderator", departmentIds: [service] })
    })))

  it.effect("invitation.pending-unique: inviting an address with a pending invitation, in another case, is a typed conflict", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(company)
      yield* sp("sendInvitation", admin, { customerId, ...jonas })
      const before = yield* snapshot(customerId)
      const conflict = yield* spRefusal("sendInvitation", admin, { customerId, ...jonas, email: "JONAS@example.de" })
      expect(conflict).toMatchObject({ _tag: "InvitationConflict", rule: "invitation.pending-unique", pendingInvitationId: "invitation-1" })
      expect(yield* snapshot(customerId)).toEqual(before)
      expect((yield* (yield* MemoryOutboxControl).sent(tenant)).filter((m) => m.template === invitationMailTemplate)).toHaveLength(1)
    })))

  it.effect("invitation.expires: after the validity the invitation reads expired (Clock), cannot be accepted, and can be resent", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(company)
      yield* sp("sendInvitation", admin, { customerId, ...jonas, validityDays: 3 })
      const engine = yield* accounts
      expect((yield* engine.invitations(admin, customerId)).map((v) => v.status)).toEqual(["pending"])
      yield* TestClock.adjust("4 days")
      expect((yield* engine.invitations(admin, customerId)).map((v) => v.status)).toEqual(["expired"])
      const late = yield* spRefusal("acceptInvitation", admin, { customerId, invitationId: "invitation-1" })
      expect(late).toMatchObject({ _tag: "InvitationRejected", rule: "invitation.expires", status: "expired" })
      // The address is free again: a new invitation would not conflict, and the old one can be resent.
      yield* sp("resendInvitation", admin, { customerId, invitationId: "invitation-1" })
      expect((yield* engine.invitations(admin, customerId)).map((v) => v.status)).toEqual(["pending"])
      expect((yield* (yield* MemoryOutboxControl).sent(tenant)).filter((m) => m.template === invitationMailTemplate)).toHaveLength(2)
      yield* sp("acceptInvitation", admin, { customerId, invitationId: "invitation-1" })
      const [view] = yield* engine.invitations(admin, customerId)
      expect(view?.status).toBe("accepted")
      expect(DateTime.formatIso(view!.invitation.acceptedAt!)).toBe("2026-11-27T10:00:00.000Z")
    })))

  it.effect("invitation.transition-table: revoke a pending invitation; a revoked one can be neither accepted nor revoked again", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(company)
      yield* sp("sendInvitation", admin, { customerId, ...jonas })
      yield* sp("revokeInvitation", admin, { customerId, invitationId: "invitation-1" })
      for (const name of ["acceptInvitation", "revokeInvitation", "resendInvitation"] as const) {
        const refused = yield* spRefusal(name, admin, { customerId, invitationId: "invitation-1" })
        expect(refused).toMatchObject({ _tag: "InvitationRejected", rule: "invitation.transition-table", status: "revoked" })
      }
      const unknown = yield* spRefusal("revokeInvitation", admin, { customerId, invitationId: "invitation-9" })
      expect(unknown).toMatchObject({ rule: "invitation.known-id" })
      const types = (yield* activities(customerId)).map((a) => a.type).slice(0, 2)
      expect(types).toEqual(["invitation.revoked", "invitation.sent"])
    })))

  it.effect("invitation.mail-withdrawn: revoking or accepting withdraws the invitation's undelivered mails, and only those; a mail is not delivered after the expiry", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(company)
      const outbox = yield* MemoryOutboxControl
      const mails = Effect.map(outbox.sent(tenant), (all) => all.map((m) => [m.template, m.data["invitationId"] ?? m.reference ?? "-"]))
      yield* sp("sendInvitation", admin, { customerId, ...jonas, validityDays: 3 })
      yield* sp("sendInvitation", admin, { customerId, ...jonas, email: "mia@example.de" })
      yield* sp("resendInvitation", admin, { customerId, invitationId: "invitation-1", validityDays: 5 })
      yield* (yield* accounts).resetPassword(admin, { customerId })
      const [first] = (yield* outbox.sent(tenant))
      expect(first).toMatchObject({ reference: invitationMailReference("invitation-1") })
      expect(DateTime.formatIso(first!.notAfter!)).toBe("2026-11-26T10:00:00.000Z")
      expect(first!.data["expiresAt"]).toBe("2026-11-26T10:00:00.000Z")
      expect(yield* mails).toEqual([
        [invitationMailTemplate, "invitation-1"],
        [invitationMailTemplate, "invitation-2"],
        [invitationMailTemplate, "invitation-1"],
        ["password-reset", "-"]
      ])
      yield* sp("revokeInvitation", admin, { customerId, invitationId: "invitation-1" }, { idempotencyKey: "revoke-1" })
      expect(yield* mails).toEqual([[invitationMailTemplate, "invitation-2"], ["password-reset", "-"]])
      // a repeat (same idempotency key) withdraws again, which finds nothing more to withdraw
      yield* sp("revokeInvitation", admin, { customerId, invitationId: "invitation-1" }, { idempotencyKey: "revoke-1" })
      yield* sp("acceptInvitation", admin, { customerId, invitationId: "invitation-2" })
      expect(yield* mails).toEqual([["password-reset", "-"]])
    })))

  it.effect("invitation.departments-known / tenant.isolation: unknown departments are refused; a foreign tenant finds nothing", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(company)
      const unknown = yield* spRefusal("sendInvitation", admin, { customerId, ...jonas, departmentIds: ["d-9"] })
      expect(unknown).toMatchObject({ rule: "invitation.departments-known", path: "departmentIds.0" })
      yield* sp("sendInvitation", admin, { customerId, ...jonas })
      yield* expectForeignNotFound("sendInvitation", { customerId, ...jonas, email: "mia@example.de" } as never)
      for (const name of ["resendInvitation", "revokeInvitation", "acceptInvitation"] as const) {
        yield* expectForeignNotFound(name, { customerId, invitationId: "invitation-1" } as never)
      }
      expect((yield* Effect.flip((yield* accounts).invitations(foreignAdmin, customerId)))._tag).toBe("CustomerNotFound")
      expect((yield* (yield* MemoryOutboxControl).sent()).filter((m) => m.template === invitationMailTemplate)).toHaveLength(1)
    })))
})

describe("invitation mail and a concurrent revoke", () => {
  /**
   * The engine over the memory adapters, with two hooks to interleave a concurrent command
   * deterministically: `afterInvitationWrite` runs right after the store saved an
   * `invitation.sent` activity (between the send's write and its mail), `beforeInvitationMail`
   * right before the outbox queues an invitation's mail. Each hook runs once.
   */
  const hooks: { afterInvitationWrite?: Effect.Effect<void>; beforeInvitationMail?: Effect.Effect<void> } = {}
  const take = (key: keyof typeof hooks): Effect.Effect<void> => {
    const hook = hooks[key]
    delete hooks[key]
    return hook ?? Effect.void
  }
  const hooked = Layer.effectContext(Effect.gen(function*() {
    const store = yield* AccountStore
    const outbox = yield* Outbox
    return Context.make(AccountStore, {
      ...store,
      save: (tenantId, write) =>
        Effect.tap(store.save(tenantId, write), () =>
          write.append?.some((a) => a.type === "invitation.sent") === true ? take("afterInvitationWrite") : Effect.void)
    }).pipe(Context.add(Outbox, {
      ...outbox,
      enqueue: (mail) =>
        Effect.andThen(mail.template === invitationMailTemplate ? take("beforeInvitationMail") : Effect.void, outbox.enqueue(mail))
    }))
  }))
  const hookedEngine = CustomerAccounts.layer().pipe(
    Layer.provide(hooked),
    Layer.provideMerge(Layer.mergeAll(MemoryAccountStore.layer, MemoryHost.layerForTests))
  )
  const withHookedEngine = <A, E>(program: Effect.Effect<A, E, Layer.Success<typeof hookedEngine>>) =>
    Effect.andThen(TestClock.setTime(DateTime.toEpochMillis(testNow)), program).pipe(Effect.provide(hookedEngine))

  const invitationMails = Effect.map(
    Effect.flatMap(MemoryOutboxControl, (outbox) => outbox.sent(tenant)),
    (mails) => mails.filter((m) => m.template === invitationMailTemplate)
  )

  for (const [when, hook] of [
    ["between the send's write and its mail", "afterInvitationWrite"],
    ["between the pending check and the mail's enqueue", "beforeInvitationMail"]
  ] as const) {
    it.effect(`invitation.mail-queued: a revoke stored ${when} leaves no mail queued for the revoked invitation`, () =>
      withHookedEngine(Effect.gen(function*() {
        const engine = yield* accounts
        const customerId = yield* registerCustomer(company)
        hooks[hook] = Effect.orDie(Effect.asVoid(engine.revokeInvitation(admin, { customerId, invitationId: "invitation-1" })))
        const outcome = yield* engine.sendInvitation(admin, { customerId, name: "Jonas", email: "jonas@example.de", language: "de", role: "member" })
        expect(outcome.created).toBe("invitation-1")
        expect(hooks[hook]).toBeUndefined() // the revoke ran
        expect((yield* engine.invitations(admin, customerId)).map((v) => v.status)).toEqual(["revoked"])
        expect(yield* invitationMails).toEqual([])
        // without a concurrent revoke the mail is queued as before
        yield* engine.sendInvitation(admin, { customerId, name: "Mia", email: "mia@example.de", language: "de", role: "member" })
        expect((yield* invitationMails).map((m) => m.data["invitationId"])).toEqual(["invitation-2"])
      })))
  }

  it.effect("invitation.mail-queued: a resend overtaken by a concurrent revoke leaves no mail queued", () =>
    withHookedEngine(Effect.gen(function*() {
      const engine = yield* accounts
      const customerId = yield* registerCustomer(company)
      yield* engine.sendInvitation(admin, { customerId, name: "Jonas", email: "jonas@example.de", language: "de", role: "member" })
      hooks.beforeInvitationMail = Effect.orDie(Effect.asVoid(engine.revokeInvitation(admin, { customerId, invitationId: "invitation-1" })))
      yield* engine.resendInvitation(admin, { customerId, invitationId: "invitation-1" })
      expect(hooks.beforeInvitationMail).toBeUndefined()
      expect((yield* engine.invitations(admin, customerId)).map((v) => v.status)).toEqual(["revoked"])
      expect(yield* invitationMails).toEqual([])
    })))
})

describe("anonymization of the service platform's personal data", () => {
  const dump = Effect.gen(function*() {
    const store = (yield* AccountStore) as unknown as MemoryAccountStoreService
    return yield* store.dump
  })

  it.effect("command.editable-only: after anonymize every service-platform command fails with AccountLocked and changes nothing", () =>
    withEngine(Effect.gen(function*() {
      const { customerId, koeln, service, bonn } = yield* companyWithTree
      yield* sp("sendInvitation", admin, { customerId, name: "Jonas", email: "jonas@example.de", language: "de", role: "member" })
      yield* sp("sendInvitation", admin, { customerId, name: "Mia", email: "mia@example.de", language: "de", role: "member", validityDays: 1 })
      yield* sp("setTeamMapping", admin, { customerId, metaTeamId: "support", teamId: "support-north" })
      yield* (yield* accounts).anonymize(admin, { customerId })
      yield* TestClock.adjust("2 days") // invitation-2 is expired now: resend would apply to it
      const before = yield* snapshot(customerId)
      const mailsBefore = yield* (yield* MemoryOutboxControl).sent()
      const commands: ReadonlyArray<readonly [SpCommand, Record<string, unknown>]> = [
        ["addDepartment", { kind: "branch", name: "Essen" }],
        ["renameDepartment", { departmentId: koeln, name: "Köln-Deutz" }],
        ["moveDepartment", { departmentId: service, parentId: bonn }],
        ["removeDepartment", { departmentId: bonn }],
        ["switchModules", { modules: { "video-support": true } }],
        ["changeNotificationSettings", { notifyAboutDevices: true }],
        ["setTeamMapping", { metaTeamId: "support", teamId: "support-central" }],
        ["removeTeamMapping", { metaTeamId: "support" }],
        ["sendInvitation", { name: "Ole", email: "ole@example.de", language: "de", role: "member" }],
        ["resendInvitation", { invitationId: "invitation-2" }],
        ["revokeInvitation", { invitationId: "invitation-1" }],
        ["acceptInvitation", { invitationId: "invitation-1" }]
      ]
      const kinds = new Set<string>()
      for (const [name, input] of commands) {
        const error = yield* spRefusal(name, admin, { customerId, ...input })
        expect(error, name).toMatchObject({ _tag: "AccountLocked", rule: "command.editable-only", customerId })
        kinds.add(String(error["command"]))
      }
      expect(kinds.size).toBe(commands.length)
      expect(yield* snapshot(customerId)).toEqual(before)
      expect(yield* (yield* MemoryOutboxControl).sent()).toEqual(mailsBefore)
    })))

  it.effect("anonymize.marks-driven: no department name or invitee data remains in the account or in the activities' details and summaries", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(company)
      const qwertz = (yield* sp("addDepartment", admin, { customerId, kind: "branch", name: "Filiale Qwertz" })).created!
      const yxcvb = (yield* sp("addDepartment", admin, { customerId, kind: "department", name: "Werk Yxcvb", parentId: qwertz })).created!
      const asdf = (yield* sp("addDepartment", admin, { customerId, kind: "department", name: "Lager Asdfgh", parentId: qwertz })).created!
      yield* sp("renameDepartment", admin, { customerId, departmentId: asdf, name: "Halle Poiuzt" })
      yield* sp("moveDepartment", admin, { customerId, departmentId: yxcvb })
      const gone = (yield* sp("addDepartment", admin, { customerId, kind: "branch", name: "Filiale Lkjhgf" })).created!
      yield* sp("removeDepartment", admin, { customerId, departmentId: gone })
      yield* sp("sendInvitation", admin, { customerId, name: "Jonas Wqzxy", email: "jonas.wqzxy@example.de", language: "de", role: "member", departmentIds: [asdf] })
      yield* sp("sendInvitation", admin, { customerId, name: "Mia Zyxwv", email: "mia.zyxwv@example.de", language: "en", role: "administrator" })
      yield* sp("revokeInvitation", admin, { customerId, invitationId: "invitation-2" })
      const secrets = ["Qwertz", "Yxcvb", "Asdfgh", "Poiuzt", "Lkjhgf", "Wqzxy", "Zyxwv"]

      // summaries never hold names, even before anonymization
      const summaries = (yield* activities(customerId)).map((a) => a.summary)
      expect(summaries).toContain(`Branch ${qwertz} added`)
      expect(summaries).toContain(`Department ${asdf} renamed`)
      for (const secret of secrets) expect(summaries.join("\n")).not.toContain(secret)

      yield* (yield* accounts).anonymize(admin, { customerId })
      const after = yield* (yield* accounts).account(admin, customerId)
      // the tree is still a valid tree with the same ids, each name replaced by its id
      expect(after.servicePlatform?.departments.map((d) => [d.id, d.name, d.parentId])).toEqual([
        [qwertz, qwertz, undefined],
        [yxcvb, yxcvb, undefined],
        [asdf, asdf, qwertz]
      ])
      expect(after.servicePlatform?.invitations.map((i) => [i.id, i.status, i.name, i.email])).toEqual([
        ["invitation-1", "pending", anonymizedProfile.name, anonymizedProfile.email],
        ["invitation-2", "revoked", anonymizedProfile.name, anonymizedProfile.email]
      ])
      const view = yield* (yield* accounts).departments(admin, customerId)
      expect(view.tree.map((n) => n.department.id)).toEqual([qwertz, yxcvb])
      const timeline = yield* activities(customerId)
      const everything = JSON.stringify([
        yield* dump,
        timeline.map((a) => [a.summary, a.details]),
        yield* (yield* MemoryOutboxControl).sent(tenant)
      ])
      for (const secret of secrets) expect(everything, secret).not.toContain(secret)
      // what is not personal stays: ids, kinds, parents, roles
      expect(timeline.find((a) => a.type === "department.moved")?.details).toEqual({ departmentId: yxcvb, kind: "department", fromParentId: qwertz })
      expect(timeline.find((a) => a.type === "invitation.sent")?.details).toMatchObject({ invitationId: "invitation-2", role: "administrator" })
    })))
})

describe("linked records, statistics, overview", () => {
  const seeded = Effect.gen(function*() {
    const customerId = yield* registerCustomer(company)
    yield* (yield* MemoryServiceRecordsControl).seed(tenant, customerId, {
      devices: [
        { id: "dev-1", name: "Pump North", serialNumber: "SN-1", model: "P-100", status: "online", registeredAt: "2026-01-05T08:00:00.000Z" },
        { id: "dev-2", name: "Pump South", serialNumber: "SN-2", model: "P-200", status: "offline", registeredAt: "2026-02-05T08:00:00.000Z" },
        { id: "dev-3", name: "Valve", model: "V-1", status: "online", registeredAt: "2026-03-05T08:00:00.000Z" }
      ],
      tickets: [
        { id: "tic-1", subject: "Pump leaks", status: "open", priority: "high", deviceId: "dev-1", createdAt: "2026-10-01T00:00:00.000Z" },
        { id: "tic-2", subject: "Noise", status: "closed", priority: "low", createdAt: "2026-09-01T00:00:00.000Z" }
      ],
      "video-sessions": [
        { id: "vid-1", title: "Remote check", status: "completed", startsAt: "2026-11-02T09:00:00.000Z" },
        { id: "vid-2", title: "Setup", status: "completed", startsAt: "2026-10-02T09:00:00.000Z" }
      ],
      tasks: [
        { id: "task-1", title: "Replace seal", deviceId: "dev-1", status: "open", createdAt: "2026-10-02T00:00:00.000Z" },
        { id: "task-2", title: "Inspect", deviceId: "dev-2", status: "done", createdAt: "2026-10-03T00:00:00.000Z" }
      ],
      "task-events": [
        { id: "ev-1", taskId: "task-1", deviceId: "dev-1", type: "created", at: "2026-10-02T00:00:00.000Z", summary: "Task created" }
      ]
    })
    return customerId
  })

  it.effect("service-records.query-shape: search, filter, sort and cursor pages on the engine", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* seeded
      const engine = yield* accounts
      const pumps = yield* engine.listServiceRecords(admin, customerId, "devices", { search: "pump", limit: 10 })
      expect(pumps.items.map((d) => d.id)).toEqual(["dev-1", "dev-2"])
      const online = yield* engine.listServiceRecords(admin, customerId, "devices", {
        filters: { status: "online" }, sort: { key: "registeredAt", direction: "desc" }, limit: 1
      })
      expect(online.items.map((d) => d.id)).toEqual(["dev-3"])
      // The query's `cursor` is a string when present; a missing one ("") would be a ValidationError.
      const cursor = online.nextCursor ?? ""
      const next = yield* engine.listServiceRecords(admin, customerId, "devices", {
        filters: { status: "online" }, sort: { key: "registeredAt", direction: "desc" }, limit: 1, cursor
      })
      expect(next.items.map((d) => d.id)).toEqual(["dev-1"])
      expect(next.nextCursor).toBeUndefined()
      const events = yield* engine.listServiceRecords(admin, customerId, "task-events", { filters: { taskId: "task-1" }, limit: 5 })
      expect(events.items.map((e) => e.id)).toEqual(["ev-1"])
      const badCursor = yield* Effect.flip(engine.listServiceRecords(admin, customerId, "tickets", { limit: 5, cursor }))
      expect(badCursor._tag).toBe("InvalidCursor")
    })))

  it.effect("service-records.declared-fields: an undeclared sort key or filter is a typed error; a foreign tenant is not found", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* seeded
      const engine = yield* accounts
      const sort = yield* Effect.flip(engine.listServiceRecords(admin, customerId, "tickets", { sort: { key: "colour", direction: "asc" }, limit: 5 }))
      expect(sort).toMatchObject({ _tag: "UndeclaredListField", field: "colour", usage: "sort", list: "tickets" })
      expect((sort as { declared: ReadonlyArray<string> }).declared).toContain("priority")
      const filter = yield* Effect.flip(engine.listServiceRecords(admin, customerId, "tasks", { filters: { owner: "me" }, limit: 5 }))
      expect(filter).toMatchObject({ _tag: "UndeclaredListField", field: "owner", usage: "filter", path: "filters.owner" })
      const list = yield* Effect.flip(engine.listServiceRecords(admin, customerId, "orders" as never, { limit: 5 }))
      expect(list._tag).toBe("ValidationError")
      const foreign = yield* Effect.flip(engine.listServiceRecords(foreignAdmin, customerId, "devices", { limit: 5 }))
      expect(foreign._tag).toBe("CustomerNotFound")
      expect((yield* Effect.flip(engine.serviceStatistics(foreignAdmin, customerId)))._tag).toBe("CustomerNotFound")
      expect((yield* Effect.flip(engine.overview(foreignAdmin, customerId)))._tag).toBe("CustomerNotFound")
    })))

  it.effect("overview.service-tab-counts: devices, tickets, video sessions, tasks and invitations are counted in the overview", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* seeded
      yield* sp("sendInvitation", admin, { customerId, name: "Jonas", email: "jonas@example.de", language: "de", role: "member" })
      const view = yield* (yield* accounts).overview(admin, customerId)
      expect(view.tabCounts).toMatchObject({ devices: 3, tickets: 2, "video-sessions": 2, tasks: 2, invitations: 1, orders: 0 })
      const stats = yield* (yield* accounts).serviceStatistics(admin, customerId, { months: 3 })
      expect(stats).toEqual({
        devices: 3,
        openTickets: 1,
        tasksByStatus: { open: 1, "in-progress": 0, done: 1, cancelled: 0 },
        videoSessionsPerMonth: [{ month: "2026-09", count: 0 }, { month: "2026-10", count: 1 }, { month: "2026-11", count: 1 }]
      })
    })))

  it("statistics.from-lists: for random records the statistics equal the counts taken from the lists", async () => {
    // A fixed clock after the seeds' range (2025-01-01 to 2026-12-31), so the months always cover
    // seeded sessions, whenever the test runs.
    const fixedNow = DateTime.makeUnsafe("2027-01-15T12:00:00.000Z")
    const monthsUpTo = (months: number): ReadonlyArray<string> =>
      Array.from({ length: months }, (_, i) => {
        const d = new Date(Date.UTC(2027, 0 - (months - 1 - i), 1))
        return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`
      })
    await fc.assert(
      fc.asyncProperty(serviceRecordsSeed, fc.oneof(fc.constant(36), fc.integer({ min: 1, max: 35 })), async (seed, window) => {
        const program = Effect.gen(function*() {
          yield* TestClock.setTime(DateTime.toEpochMillis(fixedNow))
          const customerId = yield* registerCustomer(company)
          yield* (yield* MemoryServiceRecordsControl).seed(tenant, customerId, seed)
          const stats = yield* (yield* accounts).serviceStatistics(admin, customerId, { months: window })
          expect(stats.videoSessionsPerMonth.map((m) => m.month)).toEqual(monthsUpTo(window))
          const devices = yield* listAll(admin, customerId, "devices", {})
          const tickets = (yield* listAll(admin, customerId, "tickets", {})) as ReadonlyArray<{ status: string }>
          const tasks = (yield* listAll(admin, customerId, "tasks", {})) as ReadonlyArray<{ status: string }>
          const sessions = (yield* listAll(admin, customerId, "video-sessions", {})) as ReadonlyArray<{ startsAt: DateTime.Utc }>
          expect(stats.devices).toBe(devices.length)
          expect(stats.openTickets).toBe(tickets.filter((t) => ["open", "in-progress", "waiting"].includes(t.status)).length)
          for (const [status, n] of Object.entries(stats.tasksByStatus)) expect(n).toBe(tasks.filter((t) => t.status === status).length)
          for (const { month, count } of stats.videoSessionsPerMonth) {
            expect(count).toBe(sessions.filter((s) => DateTime.formatIso(s.startsAt).slice(0, 7) === month).length)
          }
          const months = new Set(stats.videoSessionsPerMonth.map((m) => m.month))
          const counted = stats.videoSessionsPerMonth.reduce((sum, m) => sum + m.count, 0)
          expect(counted).toBe(sessions.filter((s) => months.has(DateTime.formatIso(s.startsAt).slice(0, 7))).length)
          expect(sessions.length).toBe(seed["video-sessions"].length)
          // the window of 36 months covers every seeded session
          if (months.size === 36) expect(counted).toBe(sessions.length)
        })
        await Effect.runPromise(program.pipe(Effect.provide(Layer.merge(Memory.layerForTests(), TestClock.layer()))))
      }),
      { numRuns: runs(40) }
    )
  }, longTest)

  it("service-records.query-shape: for random records, queries and page sizes, the pages concatenate to the filtered, sorted list", async () => {
    const query = fc.record({
      search: fc.option(fc.constantFrom("pump", "NOISY", "valve leak", "köln"), { nil: undefined }),
      status: fc.option(fc.subarray(["open", "in-progress", "waiting", "resolved", "closed"], { minLength: 1 }), { nil: undefined }),
      sort: fc.record({ key: fc.constantFrom("createdAt", "priority", "status", "subject"), direction: fc.constantFrom("asc" as const, "desc" as const) }),
      limit: fc.integer({ min: 1, max: 5 })
    })
    await fc.assert(
      fc.asyncProperty(serviceRecordsSeed, query, async (seed, q) => {
        const program = Effect.gen(function*() {
          const customerId = yield* registerCustomer(company)
          yield* (yield* MemoryServiceRecordsControl).seed(tenant, customerId, seed)
          const paged = (yield* listAll(admin, customerId, "tickets", {
            ...(q.search === undefined ? {} : { search: q.search }),
            ...(q.status === undefined ? {} : { filters: { status: q.status } }),
            sort: q.sort
          }, q.limit)) as ReadonlyArray<{ id: string; subject: string; status: string; priority: string; createdAt: DateTime.Utc }>
          const words = (q.search ?? "").toLowerCase().split(/\s+/).filter((w) => w.length > 0)
          const expected = seed.tickets.filter((t) =>
            (q.status === undefined || q.status.includes(t.status)) && words.every((w) => t.subject.toLowerCase().includes(w))
          )
          expect(paged.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort())
          const rank = ["low", "normal", "high", "urgent"]
          const value = (t: (typeof paged)[number]): string | number =>
            q.sort.key === "createdAt" ? DateTime.toEpochMillis(t.createdAt)
            : q.sort.key === "priority" ? rank.indexOf(t.priority)
            : q.sort.key === "status" ? t.status
            : t.subject.toLowerCase()
          for (let i = 1; i < paged.length; i++) {
            const a = value(paged[i - 1]!)
            const b = value(paged[i]!)
            if (a === b) expect(paged[i - 1]!.id < paged[i]!.id).toBe(true)
            else expect(q.sort.direction === "asc" ? a < b : a > b).toBe(true)
          }
        })
        await Effect.runPromise(program.pipe(Effect.provide(Memory.layerForTests())))
      }),
      { numRuns: runs(40) }
    )
  }, longTest)
})

describe("a customer caller", () => {
  it.effect("settings.operator-only: a customer reads its own lists but changes no service setting, mapping or invitation", () =>
    withEngine(Effect.gen(function*() {
      const customerId = yield* registerCustomer(company)
      const self = customerCaller(customerId)
      const page = yield* (yield* accounts).listServiceRecords(self, customerId, "devices", { limit: 5 })
      expect(page.items).toEqual([])
      for (const [name, input] of [
        ["switchModules", { customerId, modules: { "video-support": true } }],
        ["setTeamMapping", { customerId, metaTeamId: "support", teamId: "support-north" }],
        ["sendInvitation", { customerId, name: "A", email: "a@example.de", language: "de", role: "member" }],
        ["addDepartment", { customerId, kind: "branch", name: "Köln" }]
      ] as const) {
        const refused = yield* spRefusal(name, self, input)
        expect(refused).toMatchObject({ _tag: "PermissionDenied", rule: "permission.customer-self-service" })
      }
    })))
})
