/**
 * The in-process floor: the same account and timeline kept by hand in plain `Map`s and arrays,
 * with no validation, no permissions, no idempotency, no copies and no encoding. Inputs are
 * trusted as they come; state is mutated in place. It makes the same state changes and appends
 * the same activities as the engine, so what it costs is what any in-memory implementation must
 * pay at least.
 */
import { filteredGroup, historyItem } from "../lib/history.ts"

/** One timeline entry. */
export interface PlainActivity {
  readonly id: string
  readonly type: string
  readonly group: string
  readonly at: number
  readonly actor: string
  readonly summary: string
  details: Record<string, unknown>
}

interface PlainAddress {
  readonly id: string
  readonly kind: string
  preferred: boolean
  fields: Record<string, unknown>
}

interface PlainCustomer {
  readonly id: string
  readonly number: string
  version: number
  profile: Record<string, unknown>
  status: string
  productAccess: boolean
  readonly statusHistory: Array<{ from: string; to: string; at: number; actor: string; reason?: string }>
  readonly consent: Record<string, string>
  readonly consentRecords: Array<Record<string, unknown>>
  addresses: Array<PlainAddress>
  readonly accessRights: Array<Record<string, unknown>>
  readonly notes: Array<string>
  readonly timeline: Array<PlainActivity>
  hostCounts: Record<string, number>
}

/** A page of the timeline: newest first, the cursor being the index to continue below. */
export interface PlainPage {
  readonly items: ReadonlyArray<PlainActivity>
  readonly nextCursor?: number
}

const groupOf: Record<string, string> = {
  "customer.registered": "customer-data",
  "billing-address.added": "addresses",
  "delivery-address.added": "addresses",
  "billing-address.changed": "addresses",
  "delivery-address.changed": "addresses",
  "consent.changed": "consent",
  note: "notes-and-communication",
  "status.changed": "status-and-access",
  "access-right.added": "access-rights",
  "customer.anonymized": "status-and-access"
}

/** The plain-Map accounts of one tenant. */
export class PlainMapAccounts {
  readonly customers = new Map<string, PlainCustomer>()
  readonly emails = new Map<string, string>()
  private sequence = 0
  private nextNumber = 10_001
  private readonly actor = "supporter:staff-1"

  private append(customer: PlainCustomer, type: string, summary: string, details: Record<string, unknown>): void {
    customer.timeline.push({
      id: `activity-${++this.sequence}`,
      type,
      group: groupOf[type] ?? "customer-data",
      at: Date.now(),
      actor: this.actor,
      summary,
      details
    })
    customer.version++
  }

  private customer(id: string): PlainCustomer {
    return this.customers.get(id)!
  }

  /** Registers a customer; its id. */
  register(input: { readonly profile: Record<string, unknown>; readonly registrationSource: string }): string {
    const id = `customer-${++this.sequence}`
    const number = String(this.nextNumber++)
    const customer: PlainCustomer = {
      id,
      number,
      version: 0,
      profile: input.profile,
      status: "active",
      productAccess: true,
      statusHistory: [],
      consent: { email: "none", phone: "none", post: "none", messenger: "none" },
      consentRecords: [],
      addresses: [],
      accessRights: [],
      notes: [],
      timeline: [],
      hostCounts: {}
    }
    this.customers.set(id, customer)
    this.emails.set(String(input.profile["email"]), id)
    this.append(customer, "customer.registered", `Customer ${number} registered through ${input.registrationSource}`, {
      source: input.registrationSource,
      customerNumber: number
    })
    return id
  }

  /** Runs one of the mixed commands by the engine's name, with the engine's input. */
  command(name: string, input: Record<string, unknown>): void {
    const customer = this.customer(input["customerId"] as string)
    switch (name) {
      case "addAddress": {
        const kind = input["kind"] as string
        const preferred = input["preferred"] === true || !customer.addresses.some((a) => a.kind === kind)
        if (preferred) for (const a of customer.addresses) if (a.kind === kind) a.preferred = false
        const id = `address-${++this.sequence}`
        customer.addresses.push({ id, kind, preferred, fields: input["address"] as Record<string, unknown> })
        this.append(customer, `${kind}-address.added`, `Address ${id} added`, { addressId: id, changes: input["address"] })
        return
      }
      case "changeConsent": {
        const channel = input["channel"] as string
        const from = customer.consent[channel]!
        const to = input["to"] as string
        customer.consent[channel] = to
        const { customerId: _, ...record } = input
        customer.consentRecords.push({ ...record, from, at: Date.now(), actor: this.actor })
        this.append(customer, "consent.changed", `Consent (${channel}) changed from ${from} to ${to}`, {
          channel,
          from,
          to,
          source: input["source"]
        })
        return
      }
      case "addNote": {
        customer.notes.push(input["text"] as string)
        this.append(customer, "note", "Note added", { text: input["text"], fileIds: [] })
        return
      }
      case "setStatus": {
        const from = customer.status
        const to = input["to"] as string
        customer.status = to
        const row = { from, to, at: Date.now(), actor: this.actor, reason: input["reason"] as string }
        customer.statusHistory.push(row)
        this.append(customer, "status.changed", `Status changed from ${from} to ${to}`, { from, to, reason: row.reason })
        return
      }
      case "addAccessRight": {
        const id = `access-right-${++this.sequence}`
        const right: Record<string, unknown> = { ...(input["right"] as Record<string, unknown>), id, origin: "manual" }
        customer.accessRights.push(right)
        this.append(customer, "access-right.added", `Access right ${id} added`, { accessRightId: id, productId: right["productId"] })
        return
      }
      default:
        throw new Error(`unknown command ${name}`)
    }
  }

  /** Appends activities `from` to `to - 1` of the history to a customer's timeline. */
  appendHistory(customerId: string, from: number, to: number): void {
    const customer = this.customer(customerId)
    for (let i = from; i < to; i++) {
      const item = historyItem(i)
      customer.timeline.push({
        id: `activity-${customerId}-h${i}`,
        type: item.type,
        group: item.group,
        at: item.at,
        actor: item.bySystem ? "system:recurring-billing" : this.actor,
        summary: item.summary,
        details: item.details
      })
    }
    customer.version++
  }

  /** A timeline page, newest first, optionally of one group; the cursor is where to continue. */
  timeline(customerId: string, query: { readonly limit: number; readonly cursor?: number; readonly group?: string }): PlainPage {
    const list = this.customer(customerId).timeline
    const items: Array<PlainActivity> = []
    let i = query.cursor ?? list.length - 1
    for (; i >= 0 && items.length < query.limit; i--) {
      const a = list[i]!
      if (query.group === undefined || a.group === query.group) items.push(a)
    }
    return i >= 0 ? { items, nextCursor: i } : { items }
  }

  /** Sets the host's record counts per tab. */
  setHostCounts(customerId: string, counts: Record<string, number>): void {
    this.customer(customerId).hostCounts = counts
  }

  /** The overview: the account, its preferred addresses, derived permissions, tab counts, newest activities. */
  overview(customerId: string) {
    const c = this.customer(customerId)
    return {
      account: c,
      displayName: `${String(c.profile["firstName"])} ${String(c.profile["lastName"])}`,
      billingAddress: c.addresses.find((a) => a.kind === "billing" && a.preferred),
      deliveryAddress: c.addresses.find((a) => a.kind === "delivery" && a.preferred),
      permissions: { canLogIn: c.status === "active", canBuy: c.status === "active", isEditable: c.status !== "anonymized" },
      tabCounts: {
        ...c.hostCounts,
        "billing-addresses": c.addresses.filter((a) => a.kind === "billing").length,
        "delivery-addresses": c.addresses.filter((a) => a.kind === "delivery").length,
        "access-rights": c.accessRights.length
      },
      timeline: this.timeline(customerId, { limit: 20 })
    }
  }

  /** Anonymizes a customer: personal data replaced, every activity's personal details erased. */
  anonymize(customerId: string): void {
    const c = this.customer(customerId)
    this.emails.delete(String(c.profile["email"]))
    c.profile = { kind: "private", salutation: "none", firstName: "anonymized", lastName: "anonymized", email: `${c.id}@anonymized.invalid` }
    for (const a of c.addresses) a.fields = { name: "anonymized", street: "anonymized", city: "anonymized" }
    for (const r of c.consentRecords) {
      delete r["ipAddress"]
      delete r["userAgent"]
    }
    c.notes.length = 0
    for (const a of c.timeline) {
      if (a.details["text"] !== undefined) a.details = { ...a.details, text: "[erased]" }
      else if (a.details["subject"] !== undefined) a.details = { ...a.details, subject: "[erased]" }
      else if (a.details["changes"] !== undefined) a.details = { ...a.details, changes: [] }
    }
    c.status = "anonymized"
    this.append(c, "customer.anonymized", "Customer anonymized", {})
  }
}

/** The group the filtered timeline page asks for (re-exported for the workloads). */
export { filteredGroup }
