/**
 * The Emmett baseline: the same account as an event stream per customer in Emmett's in-memory
 * event store (`getInMemoryEventStore` of `@event-driven-io/emmett`), changed through Emmett's
 * `CommandHandler` (load the stream, fold it with `evolve`, decide, append with the expected
 * version). The decisions are the engine's: the status and consent transition tables (the same
 * tables, imported from the domain), no change to the current state, a double opt-in needs its
 * confirmation, one preferred address per kind, an access right's end after its start, a unique
 * email per tenant, a permission per command. What Emmett does not offer, it does not do: no input
 * decoding, no idempotency keys, no copies of what is handed out.
 *
 * The stream's events are the timeline. A page is read newest first by stream position (the
 * cursor); a group-filtered page reads backwards in windows until the page is full. There is no
 * anonymization: the in-memory event store is append-only, and rewriting history is not one of
 * its operations.
 */
import { CommandHandler, type Event, getInMemoryEventStore, type InMemoryEventStore, type ReadEvent } from "@event-driven-io/emmett"
import { consentTransitions, type ConsentStatus } from "../../src/domain/Consent.ts"
import { type CustomerStatus, statusTransitions } from "../../src/domain/Lifecycle.ts"
import { historyItem } from "../lib/history.ts"

type Data = Record<string, unknown>

/** The events of a customer's stream; each is a timeline entry. */
export type CustomerEvent =
  | Event<"CustomerRegistered", { number: string; profile: Data; source: string; at: number; actor: string }>
  | Event<"AddressAdded", { addressId: string; kind: string; preferred: boolean; address: Data; at: number; actor: string }>
  | Event<"ConsentChanged", { channel: string; from: string; to: string; source: string; textVersion?: string; ipAddress?: string; confirmedAt?: string; at: number; actor: string }>
  | Event<"NoteAdded", { text: string; at: number; actor: string }>
  | Event<"StatusChanged", { from: string; to: string; reason?: string; at: number; actor: string }>
  | Event<"AccessRightAdded", { accessRightId: string; productId: string; validFrom: string; validUntil?: string; at: number; actor: string }>
  | Event<"HostActivity", { type: string; group: string; summary: string; details: Data; at: number; actor: string }>

/** The state a decision reads: folded from the stream. */
export interface CustomerState {
  readonly exists: boolean
  readonly number: string
  readonly profile: Data
  readonly status: CustomerStatus
  readonly consent: Readonly<Record<string, ConsentStatus>>
  readonly addresses: ReadonlyArray<{ readonly id: string; readonly kind: string; readonly preferred: boolean; readonly address: Data }>
  readonly accessRights: ReadonlyArray<{ readonly id: string; readonly productId: string }>
  readonly notes: number
  readonly activities: number
}

const initialState = (): CustomerState => ({
  exists: false,
  number: "",
  profile: {},
  status: "active",
  consent: { email: "none", phone: "none", post: "none", messenger: "none" },
  addresses: [],
  accessRights: [],
  notes: 0,
  activities: 0
})

const evolve = (state: CustomerState, event: CustomerEvent): CustomerState => {
  const counted = { ...state, activities: state.activities + 1 }
  switch (event.type) {
    case "CustomerRegistered":
      return { ...counted, exists: true, number: event.data.number, profile: event.data.profile }
    case "AddressAdded": {
      const { addressId, kind, preferred, address } = event.data
      const others = preferred ? state.addresses.map((a) => (a.kind === kind && a.preferred ? { ...a, preferred: false } : a)) : state.addresses
      return { ...counted, addresses: [...others, { id: addressId, kind, preferred, address }] }
    }
    case "ConsentChanged":
      return { ...counted, consent: { ...state.consent, [event.data.channel]: event.data.to as ConsentStatus } }
    case "NoteAdded":
      return { ...counted, notes: state.notes + 1 }
    case "StatusChanged":
      return { ...counted, status: event.data.to as CustomerStatus }
    case "AccessRightAdded":
      return { ...counted, accessRights: [...state.accessRights, { id: event.data.accessRightId, productId: event.data.productId }] }
    case "HostActivity":
      return counted
  }
}

const groupOf = (event: CustomerEvent): string => {
  switch (event.type) {
    case "CustomerRegistered":
      return "customer-data"
    case "AddressAdded":
      return "addresses"
    case "ConsentChanged":
      return "consent"
    case "NoteAdded":
      return "notes-and-communication"
    case "StatusChanged":
      return "status-and-access"
    case "AccessRightAdded":
      return "access-rights"
    case "HostActivity":
      return event.data.group
  }
}

/** A refused command. */
export class Refused extends Error {}

/** Emmett's command handler over the customer stream: read, fold, decide, append with the expected version. */
export const handle = CommandHandler<CustomerState, CustomerEvent>({ evolve, initialState })

const permissions = new Set(["register", "edit", "manage-status", "manage-consent", "add-note", "manage-access-rights", "read"])
/** The permission check of a command. */
export const allow = (permission: string): void => {
  if (!permissions.has(permission)) throw new Refused(`permission ${permission} missing`)
}

/** A decision's precondition: the customer exists and is not anonymized. */
export const editable = (state: CustomerState, id: string): void => {
  if (!state.exists) throw new Refused(`no customer ${id}`)
  if (state.status === "anonymized") throw new Refused(`customer ${id} is anonymized`)
}

/** The status-change decision (block / unblock): the engine's transition table, no change to the current status. */
export const decideStatus = (state: CustomerState, id: string, input: Data, at: number, actor: string): CustomerEvent => {
  editable(state, id)
  const to = input["to"] as CustomerStatus
  if (state.status === to) throw new Refused("no change to the current status")
  if (!statusTransitions[state.status].includes(to)) throw new Refused(`status ${state.status} -> ${to} is not allowed`)
  const reason = input["reason"] as string | undefined
  return { type: "StatusChanged", data: { from: state.status, to, ...(reason === undefined ? {} : { reason }), at, actor } }
}

/** A page of the timeline: newest first; the cursor is the stream index to continue below. */
export interface EmmettPage {
  readonly items: ReadonlyArray<ReadEvent<CustomerEvent>>
  readonly nextCursor?: number
}

/** The Emmett accounts of one tenant. */
export class EmmettAccounts {
  readonly store: InMemoryEventStore = getInMemoryEventStore()
  /** Normalized email -> customer id: the uniqueness a stream per customer cannot check. */
  readonly emails = new Map<string, string>()
  readonly hostCounts = new Map<string, Record<string, number>>()
  private sequence = 0
  private nextNumber = 10_001
  private readonly actor = "supporter:staff-1"

  /** Registers a customer; its id. */
  async register(input: { readonly profile: Data; readonly registrationSource: string }): Promise<string> {
    allow("register")
    const email = String(input.profile["email"]).toLowerCase()
    if (this.emails.has(email)) throw new Refused("email taken")
    const id = `customer-${++this.sequence}`
    const number = String(this.nextNumber++)
    await handle(this.store, id, (state) => {
      if (state.exists) throw new Refused(`customer ${id} exists`)
      return { type: "CustomerRegistered", data: { number, profile: input.profile, source: input.registrationSource, at: Date.now(), actor: this.actor } }
    })
    this.emails.set(email, id)
    return id
  }

  /** Runs one of the mixed commands by the engine's name, with the engine's input. */
  async command(name: string, input: Data): Promise<void> {
    const id = input["customerId"] as string
    const at = Date.now()
    const actor = this.actor
    switch (name) {
      case "addAddress": {
        allow("edit")
        const addressId = `address-${++this.sequence}`
        await handle(this.store, id, (state): CustomerEvent => {
          editable(state, id)
          const kind = input["kind"] as string
          const preferred = input["preferred"] === true || !state.addresses.some((a) => a.kind === kind)
          return { type: "AddressAdded", data: { addressId, kind, preferred, address: input["address"] as Data, at, actor } }
        })
        return
      }
      case "changeConsent": {
        allow("manage-consent")
        await handle(this.store, id, (state): CustomerEvent => {
          editable(state, id)
          const channel = input["channel"] as string
          const from = state.consent[channel]
          const to = input["to"] as ConsentStatus
          if (from === undefined) throw new Refused(`unknown channel ${channel}`)
          if (from === to) throw new Refused("no change to the current consent")
          if (!consentTransitions[from].includes(to)) throw new Refused(`consent ${from} -> ${to} is not allowed`)
          if (to === "doubleOptIn" && input["confirmedAt"] === undefined) throw new Refused("a double opt-in needs its confirmation")
          const { customerId: _, channel: __, to: ___, ...rest } = input
          return { type: "ConsentChanged", data: { ...(rest as { source: string }), channel, from, to, at, actor } }
        })
        return
      }
      case "addNote": {
        allow("add-note")
        await handle(this.store, id, (state): CustomerEvent => {
          editable(state, id)
          const text = String(input["text"]).trim()
          if (text.length === 0 || text.length > 5000) throw new Refused("a note of 1 to 5,000 characters")
          return { type: "NoteAdded", data: { text, at, actor } }
        })
        return
      }
      case "setStatus": {
        allow("manage-status")
        await handle(this.store, id, (state) => decideStatus(state, id, input, at, actor))
        return
      }
      case "addAccessRight": {
        allow("manage-access-rights")
        const accessRightId = `access-right-${++this.sequence}`
        await handle(this.store, id, (state): CustomerEvent => {
          editable(state, id)
          const right = input["right"] as { productId: string; validFrom: string; validUntil?: string }
          if (right.validUntil !== undefined && Date.parse(right.validUntil) <= Date.parse(right.validFrom)) {
            throw new Refused("an access right ends after it starts")
          }
          return { type: "AccessRightAdded", data: { accessRightId, ...right, at, actor } }
        })
        return
      }
      default:
        throw new Error(`unknown command ${name}`)
    }
  }

  /** Appends activities `from` to `to - 1` of the history to a customer's stream, in appends of `batch`. */
  async appendHistory(customerId: string, from: number, to: number, batch = 1_000): Promise<void> {
    for (let start = from; start < to; start += batch) {
      const events: Array<CustomerEvent> = []
      for (let i = start; i < Math.min(to, start + batch); i++) {
        const item = historyItem(i)
        events.push({
          type: "HostActivity",
          data: { type: item.type, group: item.group, summary: item.summary, details: item.details, at: item.at, actor: item.bySystem ? "system:recurring-billing" : this.actor }
        })
      }
      await this.store.appendToStream(customerId, events)
    }
  }

  /** A timeline page, newest first, optionally of one group, read from the stream. */
  async timeline(customerId: string, query: { readonly limit: number; readonly cursor?: number; readonly group?: string }): Promise<EmmettPage> {
    allow("read")
    let end = query.cursor
    if (end === undefined) {
      const probe = await this.store.readStream<CustomerEvent>(customerId, { from: 0n, to: 0n })
      end = Number(probe.currentStreamVersion) - 1
    }
    const items: Array<ReadEvent<CustomerEvent>> = []
    const window = query.group === undefined ? query.limit : query.limit * 10
    let next = end
    while (next >= 0 && items.length < query.limit) {
      const from = Math.max(0, next - window + 1)
      const read = await this.store.readStream<CustomerEvent>(customerId, { from: BigInt(from), to: BigInt(next + 1) })
      for (let i = read.events.length - 1; i >= 0 && items.length < query.limit; i--) {
        const event = read.events[i]!
        next = from + i - 1
        if (query.group === undefined || groupOf(event) === query.group) items.push(event)
      }
      if (items.length < query.limit) next = from - 1
    }
    return next >= 0 ? { items, nextCursor: next } : { items }
  }

  /** Sets the host's record counts per tab. */
  setHostCounts(customerId: string, counts: Record<string, number>): void {
    this.hostCounts.set(customerId, counts)
  }

  /** The overview: the state folded from the stream, preferred addresses, permissions, tab counts, newest activities. */
  async overview(customerId: string) {
    allow("read")
    const { state } = await this.store.aggregateStream<CustomerState, CustomerEvent>(customerId, { evolve, initialState })
    if (!state.exists) throw new Refused(`no customer ${customerId}`)
    return {
      state,
      displayName: `${String(state.profile["firstName"])} ${String(state.profile["lastName"])}`,
      billingAddress: state.addresses.find((a) => a.kind === "billing" && a.preferred),
      deliveryAddress: state.addresses.find((a) => a.kind === "delivery" && a.preferred),
      permissions: { canLogIn: state.status === "active", canBuy: state.status === "active", isEditable: state.status !== "anonymized" },
      tabCounts: {
        ...this.hostCounts.get(customerId),
        "billing-addresses": state.addresses.filter((a) => a.kind === "billing").length,
        "delivery-addresses": state.addresses.filter((a) => a.kind === "delivery").length,
        "access-rights": state.accessRights.length
      },
      timeline: await this.timeline(customerId, { limit: 20 })
    }
  }

  /** The customer's state, folded from its stream. */
  async state(customerId: string): Promise<CustomerState> {
    return (await this.store.aggregateStream<CustomerState, CustomerEvent>(customerId, { evolve, initialState })).state
  }
}
