/**
 * The demo: a German tenant with a few hundred customers and realistic histories on the in-memory
 * engine, then one account's overview as the back office shows it, its timeline in German (the
 * engine's default locale, docs/reading.md). Every line fits a terminal of 100 columns: the demo
 * checks it and fails otherwise. Run with `npm run demo`.
 */
import { DateTime, Effect, Layer, Redacted } from "effect"
import { TestClock } from "effect/testing"
import {
  type Activity,
  ActivityGroup,
  Actor,
  BankDetails,
  Consent,
  CustomerAccounts,
  Ids,
  Memory,
  MemoryServiceRecords
} from "customer-account"

// A small deterministic random source, so every run prints the same tenant.
let seed = 20261123
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(random() * items.length)]!

const firstNames = ["Erika", "Max", "Sophie", "Lukas", "Mia", "Paul", "Lena", "Jonas", "Hannah", "Felix", "Anna", "Leon"]
const lastNames = ["Mustermann", "Schmidt", "Müller", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch"]
const cities = [
  { city: "Köln", postalCode: "51147", country: "DE" },
  { city: "Berlin", postalCode: "10115", country: "DE" },
  { city: "Wien", postalCode: "1010", country: "AT" },
  { city: "Zürich", postalCode: "8001", country: "CH" },
  { city: "Amsterdam", postalCode: "1012 AB", country: "NL" }
]
const streets = ["Heidestraße", "Hauptstraße", "Ringstraße", "Bahnhofstraße", "Gartenweg"]

const tenantId = Ids.TenantId.make("acme-magazines")
const allPermissions = [
  "read", "register", "edit", "manage-status", "manage-access", "manage-consent", "add-note",
  "manage-access-rights", "manage-bank-accounts", "grant-goodwill", "checkout", "manage-additional-data",
  "record-host-activity"
] as const
const mia: CustomerAccounts.Caller = {
  tenantId,
  actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions: [...allPermissions] }] }
}
const billing: CustomerAccounts.Caller = { tenantId, actor: Actor.system(Ids.ProcessName.make("recurring-billing")) }
const shopApi: CustomerAccounts.Caller = {
  tenantId,
  actor: Actor.api(Ids.ApiClientId.make("shop-frontend")),
  grants: { apiScopes: ["register", "read", "edit", "manage-consent", "checkout"] }
}
const asCustomer = (customerId: Ids.CustomerId): CustomerAccounts.Caller => ({ tenantId, actor: Actor.customer(customerId) })

const day = 24 * 60 * 60 * 1000

/** One customer with a year of history. */
const customerWithHistory = (index: number) =>
  Effect.gen(function*() {
    const accounts = yield* CustomerAccounts.CustomerAccounts
    yield* TestClock.setTime(Date.UTC(2025, 0, 1) + Math.floor(random() * 180) * day)
    const firstName = pick(firstNames)
    const lastName = pick(lastNames)
    const place = pick(cities)
    const { customerId } = yield* accounts.register(shopApi, {
      profile: {
        kind: "private",
        salutation: pick(["mr", "mrs", "diverse", "none"]),
        firstName,
        lastName,
        email: `${firstName}.${lastName}.${index}@example.de`.toLowerCase().replace("ü", "ue"),
        language: place.country === "NL" ? "nl" : "de"
      },
      registrationSource: pick(["checkout", "self-service", "api", "import", "back-office"])
    })
    const me = asCustomer(Ids.CustomerId.make(customerId))
    yield* TestClock.adjust(day * (1 + Math.floor(random() * 5)))
    yield* accounts.addAddress(me, {
      customerId,
      kind: "billing",
      preferred: true,
      address: {
        firstName, lastName, street: pick(streets), houseNumber: String(1 + Math.floor(random() * 120)),
        postalCode: place.postalCode, city: place.city, country: place.country
      }
    })
    yield* accounts.changeConsent(me, {
      customerId, channel: "email", to: "singleOptIn", source: "checkout", textVersion: "newsletter-v3",
      ipAddress: "203.0.113.7"
    })
    if (random() < 0.7) {
      yield* TestClock.adjust(day)
      const now = DateTime.formatIso(yield* DateTime.now)
      yield* accounts.changeConsent(me, {
        customerId, channel: "email", to: "doubleOptIn", source: "confirmation-mail", textVersion: "newsletter-v3",
        confirmedAt: now
      })
    }
    yield* accounts.recordHostActivity(billing, {
      customerId, type: "subscription.created", summary: "Subscription created: Monthly magazine",
      details: { subscriptionId: `sub-${index}` }
    })
    for (let month = 0; month < 1 + Math.floor(random() * 6); month++) {
      yield* TestClock.adjust(30 * day)
      yield* accounts.recordHostActivity(billing, {
        customerId, type: "invoice.created", summary: `Invoice ${index}-${month} created`,
        details: { invoiceId: `inv-${index}-${month}`, amount: { amount: 999, currency: "EUR" } }
      })
    }
    if (random() < 0.3) {
      yield* accounts.addBankAccount(mia, { customerId, account: { holder: `${firstName} ${lastName}`, iban: "DE89 3704 0044 0532 0130 00" } })
    }
    if (random() < 0.15) yield* accounts.setStatus(mia, { customerId, to: "blocked", reason: "Chargeback on invoice" })
    if (random() < 0.2) {
      yield* accounts.addNote(mia, { customerId, text: "Called about a late delivery; resent the issue." })
    }
    return customerId
  })

/** A minimal PDF: header, one object, the cross-reference table, trailer, startxref (the table's offset), %%EOF. */
const minimalPdf = (): Uint8Array => {
  const body = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
  return new TextEncoder().encode(
    `${body}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 >>\nstartxref\n${body.length}\n%%EOF\n`
  )
}

/** The customer the demo shows: a full history, touched by every kind of actor. */
const showcase = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  yield* TestClock.setTime(Date.UTC(2026, 5, 1, 9, 0, 0))
  const { customerId } = yield* accounts.register(shopApi, {
    profile: {
      kind: "private", salutation: "mrs", title: "Dr.", firstName: "Erika", lastName: "Mustermann",
      email: "erika.mustermann@example.de", phone: "+49 221 1234567", language: "de-DE", birthday: "1984-02-29"
    },
    registrationSource: "checkout"
  })
  const erika = asCustomer(Ids.CustomerId.make(customerId))
  yield* accounts.addAddress(erika, {
    customerId, kind: "billing", preferred: true,
    address: { firstName: "Erika", lastName: "Mustermann", street: "Heidestraße", houseNumber: "17", postalCode: "51147", city: "Köln", country: "DE" }
  })
  yield* accounts.addAddress(erika, {
    customerId, kind: "delivery", preferred: true,
    address: { companyName: "Mustermann GmbH", street: "Hauptstraße", houseNumber: "5", addition: "3. OG", postalCode: "50667", city: "Köln", country: "DE" }
  })
  yield* accounts.changeConsent(erika, {
    customerId, channel: "email", to: "singleOptIn", source: "checkout", textVersion: "newsletter-v3", ipAddress: "203.0.113.7"
  })
  yield* TestClock.adjust(2 * 60 * 60 * 1000)
  yield* accounts.changeConsent(erika, {
    customerId, channel: "email", to: "doubleOptIn", source: "confirmation-mail", textVersion: "newsletter-v3",
    confirmedAt: DateTime.formatIso(yield* DateTime.now)
  })
  yield* accounts.changeConsent(mia, { customerId, channel: "phone", to: "objection", source: "phone-call" })
  yield* accounts.recordHostActivity(billing, {
    customerId, type: "subscription.created", summary: "Subscription created: Monthly magazine",
    details: { subscriptionId: "sub-erika", productId: "monthly-magazine" }
  })
  yield* accounts.addBankAccount(mia, {
    customerId, account: { holder: "Erika Mustermann", iban: "DE89 3704 0044 0532 0130 00" }
  })
  for (let month = 1; month <= 3; month++) {
    yield* TestClock.adjust(30 * day)
    yield* accounts.recordHostActivity(billing, {
      customerId, type: "invoice.created", summary: `Invoice 2026-${month} created`,
      details: { invoiceId: `inv-erika-${month}`, amount: { amount: 999, currency: "EUR" } }
    })
    yield* accounts.recordHostActivity(billing, {
      customerId, type: "payment", summary: `Payment for invoice 2026-${month}`,
      details: { paymentId: `pay-erika-${month}`, amount: { amount: 999, currency: "EUR" }, status: "collected" }
    })
  }
  yield* accounts.setStatus(mia, { customerId, to: "blocked", reason: "Chargeback on invoice 2026-3" })
  yield* TestClock.adjust(5 * day)
  yield* accounts.setStatus(mia, { customerId, to: "active", reason: "Chargeback settled" })
  yield* accounts.addAccessRight(mia, {
    customerId, right: { productId: "digital-archive", validFrom: DateTime.formatIso(yield* DateTime.now), note: "Apology for the delay" }
  })
  yield* accounts.addHint(mia, {
    customerId, text: "Prefers contact by email; please do not call.",
    files: [{ name: "letter.pdf", bytes: minimalPdf() }]
  })
  const onBehalf: CustomerAccounts.Caller = { ...mia, actor: Actor.onBehalfOf(mia.actor, Actor.customer(Ids.CustomerId.make(customerId))) }
  yield* accounts.checkout(onBehalf, { customerId, lines: [{ productId: "special-issue-2026", quantity: 1 }] })
  yield* accounts.replaceAdditionalData(mia, { customerId, data: { "crm.segment": "loyal", "source.campaign": "autumn-2026" } })
  return customerId
})

/** The widest line the demo prints: a terminal of 100 columns. */
const columns = 100
const tooWide: Array<string> = []
const line = (text = "") => {
  for (const row of text.split("\n")) if ([...row].length > columns) tooWide.push(row)
  console.log(text)
}
const heading = (text: string) => line(`\n${text}\n${"-".repeat(text.length)}`)
/** `parts` joined by " · " after `prefix`, continued on rows indented like the first part. */
const joined = (prefix: string, parts: ReadonlyArray<string>) => {
  const rows: Array<string> = []
  let row = prefix
  for (const part of parts) {
    const next = row.length === prefix.length ? `${row}${part}` : `${row} · ${part}`
    if ([...next].length > columns && row.length > prefix.length) {
      rows.push(row)
      row = `${" ".repeat(prefix.length)}${part}`
    } else row = next
  }
  line([...rows, row].join("\n"))
}

// The timeline as a German back office reads it: groups, actors and times in German.
const gruppen: { readonly [G in ActivityGroup.ActivityGroup]: string } = {
  "customer-data": "Kundendaten",
  addresses: "Adressen",
  "status-and-access": "Status und Zugang",
  consent: "Einwilligungen",
  "notes-and-communication": "Notizen und Kommunikation",
  orders: "Bestellungen",
  "invoices-and-payments": "Rechnungen und Zahlungen",
  subscriptions: "Abonnements",
  "access-rights": "Zugangsrechte"
}
const wer = (actor: Actor.Actor): string => {
  const label = (p: Actor.Principal): string =>
    p._tag === "supporter" ? p.displayName : p._tag === "customer" ? "Kunde" : p._tag === "api" ? `API ${p.clientId}` : `System ${p.process}`
  const self = label(Actor.principalOf(actor))
  return actor.onBehalfOf === undefined ? self : `${self} für ${label(actor.onBehalfOf)}`
}
const zeit = new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Berlin" })
/** One timeline row: time, summary and actor, the actor on its own row when the line would not fit. */
const timelineRow = (activity: Activity.Activity, indent = "  ") => {
  const head = `${indent}${zeit.format(DateTime.toEpochMillis(activity.at))}  ${activity.summary}`
  const by = `von ${wer(activity.actor)}`
  if ([...head].length + 3 + by.length <= columns) line(`${head} · ${by}`)
  else line(`${head}\n${" ".repeat(indent.length + 19)}${by}`)
}

const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const started = Date.now()
  let registered = 0
  for (let i = 0; i < 300; i++) {
    yield* customerWithHistory(i)
    registered++
  }
  const customerId = yield* showcase
  registered++
  const view = yield* accounts.overview(mia, customerId)
  const page = yield* accounts.search(mia, { limit: 1 })
  void page

  line(`Tenant ${tenantId}: ${registered} customers registered with their histories in ${Date.now() - started} ms (in memory).`)
  const { account } = view
  heading(`${view.displayName} · customer ${account.customerNumber} · ${account.lifecycle.status}`)
  const profile = account.profile
  line(`Email        ${profile.email}`)
  if (profile.phone !== undefined) line(`Phone        ${profile.phone}`)
  line(`Language     ${profile.language}`)
  line(`Registered   ${DateTime.formatIso(account.registeredAt).slice(0, 10)} through ${account.registrationSource}`)
  line(`Permissions  log in ${view.permissions.canLogIn ? "yes" : "no"} · buy ${view.permissions.canBuy ? "yes" : "no"} · mail ${view.permissions.canReceiveMail ? "yes" : "no"} · product access ${account.lifecycle.productAccess}`)
  const address = view.billingAddress
  if (address !== undefined) {
    line(`Billing      ${address.firstName ?? ""} ${address.lastName ?? ""}, ${address.street} ${address.houseNumber}, ${address.postalCode} ${address.city}, ${address.country}`)
  }
  const delivery = view.deliveryAddress
  if (delivery !== undefined) {
    line(`Delivery     ${delivery.companyName ?? ""}, ${delivery.street} ${delivery.houseNumber}, ${delivery.postalCode} ${delivery.city}, ${delivery.country}`)
  }
  for (const bank of account.bankAccounts) line(`Bank account ${BankDetails.maskedIbanOf(bank)} · mandate ${bank.mandate.reference}${bank.preferred ? " · preferred" : ""}`)

  heading("Consent")
  for (const channel of Consent.channels) {
    const state = account.consent.channels[channel]
    line(`${channel.padEnd(10)} ${state.padEnd(12)} marketing ${Consent.canMarket(account.consent, channel) ? "allowed" : "not allowed"}`)
  }

  heading(`Status history${view.hasStatusDetails ? "" : " (none)"}`)
  for (const row of account.lifecycle.history) {
    line(`${DateTime.formatIso(row.at).slice(0, 16)}  ${row.from} → ${row.to}  by ${Actor.describe(row.actor)}${row.reason === undefined ? "" : ` · ${row.reason}`}`)
  }

  // The engine's default locale is German (Memory.layer({ locale: "de" }) below): Mia's caller names
  // none, so she reads the timeline in German; a caller with `locale: "en"` would read it in English.
  heading("Zeitleiste (neueste zuerst, nach Gruppe; locale de)")
  const all = yield* accounts.timeline(mia, customerId, { limit: 100 })
  for (const group of ActivityGroup.activityGroups) {
    const inGroup = all.items.filter((a) => a.group === group)
    if (inGroup.length === 0) continue
    line(`▸ ${gruppen[group]} (${inGroup.length})`)
    for (const activity of inGroup) timelineRow(activity)
  }
  const histogram = yield* accounts.histogram(mia, customerId, { bucket: "month" })
  line("\nActivities per month:")
  const months = [...new Set(histogram.map((bar) => DateTime.formatIso(bar.start).slice(0, 7)))]
  for (const month of months) {
    const bars = histogram.filter((bar) => DateTime.formatIso(bar.start).startsWith(month) && bar.count > 0)
    joined(`  ${month}  `, bars.map((bar) => `${bar.group} ${bar.count}`))
  }

  heading("Tabs")
  joined("", Object.entries(view.tabCounts).filter(([, n]) => n > 0).map(([tab, n]) => `${tab} ${n}`))
  void Redacted
})

await Effect.runPromise(program.pipe(Effect.provide(Layer.mergeAll(Memory.layer({ locale: "de" }), TestClock.layer()))))

// The service platform's customer view (docs/service-platform.md): one company customer with
// branches and departments, the host's linked records and the statistics computed from them.
const operator: CustomerAccounts.Caller = {
  tenantId: Ids.TenantId.make("acme-service"),
  actor: Actor.supporter(Ids.StaffUserId.make("u-1"), "Olga Operator"),
  grants: { supporterRoles: [{ name: "operator", permissions: ["read", "register", "edit", "manage-invitations"] }] }
}
const servicePlatform = Effect.gen(function*() {
  yield* TestClock.setTime(Date.UTC(2026, 10, 23, 10, 0, 0))
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const { customerId: id } = yield* accounts.register(operator, {
    profile: { kind: "company", companyName: "Pumpen Müller GmbH", salutation: "none", email: "info@pumpen-mueller.de", language: "de" },
    registrationSource: "back-office"
  })
  const customerId = Ids.CustomerId.make(id)
  const koeln = (yield* accounts.addDepartment(operator, { customerId, kind: "branch", name: "Köln" })).created!
  const service = (yield* accounts.addDepartment(operator, { customerId, kind: "department", name: "Service", parentId: koeln })).created!
  yield* accounts.addDepartment(operator, { customerId, kind: "department", name: "Einkauf", parentId: koeln })
  yield* accounts.addDepartment(operator, { customerId, kind: "branch", name: "Bonn" })
  const months = ["2026-09", "2026-10", "2026-11"]
  yield* (yield* MemoryServiceRecords.MemoryServiceRecordsControl).seed(operator.tenantId, customerId, {
    devices: Array.from({ length: 6 }, (_, i) => ({
      id: `dev-${i + 1}`, name: `Pump ${i + 1}`, model: i % 2 === 0 ? "P-100" : "P-200",
      status: pick(["online", "online", "offline", "maintenance"]), departmentId: service, registeredAt: "2026-01-05T08:00:00.000Z"
    })),
    tickets: Array.from({ length: 9 }, (_, i) => ({
      id: `tic-${i + 1}`, subject: `Ticket ${i + 1}`, status: pick(["open", "in-progress", "waiting", "resolved", "closed"]),
      priority: pick(["low", "normal", "high"]), createdAt: `${pick(months)}-1${i}T09:00:00.000Z`
    })),
    "video-sessions": Array.from({ length: 7 }, (_, i) => ({
      id: `vid-${i + 1}`, title: `Session ${i + 1}`, status: "completed", startsAt: `${pick(months)}-0${i + 1}T14:00:00.000Z`
    })),
    tasks: Array.from({ length: 8 }, (_, i) => ({
      id: `task-${i + 1}`, title: `Task ${i + 1}`, deviceId: `dev-${(i % 6) + 1}`,
      status: pick(["open", "in-progress", "done", "cancelled"]), createdAt: "2026-10-02T08:00:00.000Z"
    }))
  })
  yield* accounts.sendInvitation(operator, {
    customerId, name: "Jonas Weber", email: "jonas@pumpen-mueller.de", language: "de", role: "moderator", departmentIds: [service]
  })

  heading("Service platform: Pumpen Müller GmbH (company customer)")
  const { tree } = yield* accounts.departments(operator, customerId)
  const show = (nodes: typeof tree): void => {
    for (const node of nodes) {
      line(`${"  ".repeat(node.depth - 1)}${node.department.kind === "branch" ? "▪" : "·"} ${node.department.name}`)
      show(node.children)
    }
  }
  show(tree)
  const open = yield* accounts.listServiceRecords(operator, customerId, "tickets", {
    filters: { status: ["open", "in-progress", "waiting"] }, sort: { key: "createdAt", direction: "desc" }, limit: 3
  })
  line(`Newest open tickets: ${open.items.map((t) => `${t.id} (${t.status})`).join(", ")}`)
  const stats = yield* accounts.serviceStatistics(operator, customerId, { months: 3 })
  line(`Statistics   devices ${stats.devices} · open tickets ${stats.openTickets} · tasks ${Object.entries(stats.tasksByStatus).map(([s, n]) => `${s} ${n}`).join(", ")}`)
  line(`Video sessions per month: ${stats.videoSessionsPerMonth.map((m) => `${m.month} ${m.count}`).join(" · ")}`)
  const overview = yield* accounts.overview(operator, customerId)
  line(`Tabs         ${(["devices", "tickets", "video-sessions", "tasks", "invitations"] as const).map((tab) => `${tab} ${overview.tabCounts[tab]}`).join(" · ")}`)
  line("Zeitleiste (locale de):")
  for (const activity of overview.timeline.items.slice(0, 6)) timelineRow(activity)
})

await Effect.runPromise(servicePlatform.pipe(Effect.provide(Layer.mergeAll(Memory.layer({ locale: "de" }), TestClock.layer()))))

if (tooWide.length > 0) {
  console.error(`demo: ${tooWide.length} line(s) wider than ${columns} columns, e.g.\n${tooWide[0]}`)
  process.exitCode = 1
}
