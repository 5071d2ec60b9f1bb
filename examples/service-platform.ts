/**
 * The service platform's customer view on the in-memory engine: a company customer with branches
 * and departments, linked devices, tickets, video sessions and tasks, one list query, the
 * statistics, settings, a team mapping and an invitation. Run with
 * `npm run build --silent && node examples/service-platform.ts`.
 */
import { Effect, Result } from "effect"
import { Actor, CustomerAccounts, Ids, Memory, MemoryOutbox, MemoryServiceRecords } from "customer-account"

const tenantId = Ids.TenantId.make("acme-service")
const operator: CustomerAccounts.Caller = {
  tenantId,
  actor: Actor.supporter(Ids.StaffUserId.make("u-1"), "Olga Operator"),
  grants: {
    supporterRoles: [{
      name: "platform-operator",
      permissions: ["read", "register", "edit", "manage-notifications", "manage-team-mappings", "manage-invitations"]
    }]
  }
}

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const { customerId: id } = yield* accounts.register(operator, {
    profile: { kind: "company", companyName: "Pumpen Müller GmbH", salutation: "none", email: "info@pumpen-mueller.de", language: "de" },
    registrationSource: "back-office"
  })
  const customerId = Ids.CustomerId.make(id)

  // Company structure: a branch with a department, and a second branch.
  const koeln = (yield* accounts.addDepartment(operator, { customerId, kind: "branch", name: "Köln" })).created!
  const service = (yield* accounts.addDepartment(operator, { customerId, kind: "department", name: "Service", parentId: koeln })).created!
  yield* accounts.addDepartment(operator, { customerId, kind: "branch", name: "Bonn" })
  const { tree } = yield* accounts.departments(operator, customerId)
  const show = (nodes: typeof tree, indent = ""): void => {
    for (const node of nodes) {
      console.log(`${indent}${node.department.kind} ${node.department.name}`)
      show(node.children, `${indent}  `)
    }
  }
  show(tree)

  // The host owns devices, tickets, sessions and tasks; the memory adapter is seeded here.
  yield* (yield* MemoryServiceRecords.MemoryServiceRecordsControl).seed(tenantId, customerId, {
    devices: [
      { id: "dev-1", name: "Pump North", model: "P-100", status: "online", departmentId: service, registeredAt: "2026-01-05T08:00:00.000Z" },
      { id: "dev-2", name: "Pump South", model: "P-200", status: "maintenance", registeredAt: "2026-03-05T08:00:00.000Z" }
    ],
    tickets: [
      { id: "tic-1", subject: "Pump North leaks", status: "open", priority: "high", deviceId: "dev-1", createdAt: "2026-10-01T09:00:00.000Z" },
      { id: "tic-2", subject: "Noise at night", status: "resolved", priority: "low", deviceId: "dev-2", createdAt: "2026-09-12T09:00:00.000Z" }
    ],
    "video-sessions": [{ id: "vid-1", title: "Remote diagnosis", status: "completed", startsAt: new Date().toISOString() }],
    tasks: [{ id: "task-1", title: "Replace seal", deviceId: "dev-1", status: "open", createdAt: "2026-10-02T08:00:00.000Z" }]
  })

  // One query shape for every list: search, filters on declared fields, sort on declared keys, cursor.
  const page = yield* accounts.listServiceRecords(operator, customerId, "tickets", {
    search: "pump", filters: { status: ["open", "waiting"] }, sort: { key: "priority", direction: "desc" }, limit: 10
  })
  console.log("open pump tickets:", page.items.map((t) => `${t.id} ${t.subject} (${t.priority})`))
  const undeclared = yield* Effect.result(accounts.listServiceRecords(operator, customerId, "tickets", { sort: { key: "colour", direction: "asc" }, limit: 10 }))
  if (Result.isFailure(undeclared)) console.log("refused:", undeclared.failure.message)

  const stats = yield* accounts.serviceStatistics(operator, customerId, { months: 3 })
  console.log("statistics:", JSON.stringify(stats))

  // Settings: a premium module on, device notifications to two addresses (duplicates dropped).
  yield* accounts.switchModules(operator, { customerId, modules: { "video-support": true } })
  yield* accounts.changeNotificationSettings(operator, {
    customerId, notifyAboutDevices: true, recipients: ["Ops@pumpen-mueller.de", "ops@pumpen-mueller.de", "it@pumpen-mueller.de"]
  })
  const settings = yield* accounts.serviceSettings(operator, customerId)
  console.log("modules:", settings.modules.map((m) => `${m.id} ${m.enabled ? "on" : "off"}`).join(", "))
  console.log("notifications go to:", settings.notificationRecipients.join(", "))

  // Team mappings: the Köln branch has its own support team; everything else falls back.
  yield* accounts.setTeamMapping(operator, { customerId, metaTeamId: "support", teamId: "support-north", departmentId: koeln })
  const [forService] = yield* accounts.responsibleTeams(operator, customerId, { departmentId: service })
  const [forCustomer] = yield* accounts.responsibleTeams(operator, customerId, {})
  console.log("support for Service:", forService?.teamId, `(${forService?.source})`, "· for the company:", forCustomer?.teamId, `(${forCustomer?.source})`)

  // Invitations: the mail is queued in the outbox; a second pending invitation to the address conflicts.
  yield* accounts.sendInvitation(operator, {
    customerId, name: "Jonas Weber", email: "jonas@pumpen-mueller.de", language: "de", role: "moderator", departmentIds: [service]
  })
  const conflict = yield* Effect.result(accounts.sendInvitation(operator, {
    customerId, name: "Jonas Weber", email: "JONAS@pumpen-mueller.de", language: "de", role: "member"
  }))
  if (Result.isFailure(conflict)) console.log("refused:", conflict.failure._tag)
  const mails = yield* (yield* MemoryOutbox.MemoryOutboxControl).sent(tenantId)
  console.log("outbox:", mails.map((m) => `${m.template} → ${m.to}`))

  const overview = yield* accounts.overview(operator, customerId)
  const { devices, tickets, tasks, invitations } = overview.tabCounts
  console.log("tabs:", { devices, tickets, "video-sessions": overview.tabCounts["video-sessions"], tasks, invitations })
})

await Effect.runPromise(program.pipe(Effect.provide(Memory.layer())))
