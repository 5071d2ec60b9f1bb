/**
 * The valibot baseline: plain functions over immutable state, with every input validated by a
 * valibot schema, and the engine's decisions written by hand. What a careful team would write
 * without Effect or Schema classes:
 *
 * - input: each command's input parsed by a valibot schema (`v.safeParse`, all issues collected):
 *   the profile (private or company, salutation, names of 1 to 100 trimmed characters without
 *   control characters, an email, a language tag), an address (name or company, street, house
 *   number, postal code in the country's format for DE/AT/CH, city, an ISO country code upper-cased),
 *   the consent change (channel, state, source, text version, IP address, confirmation time as an
 *   ISO timestamp), a note (1 to 5,000 characters after trimming), the status (never `anonymized`
 *   here) and an access right (product, ISO period, end after start);
 * - permissions: the caller's permission set (built once) holds the command's permission;
 * - decisions: the customer exists and is not anonymized; the status transition table and no
 *   change to the current status; the consent transition table, never back to `none`, no change to
 *   the current state, an opt-in names its text version, a double opt-in its confirmation; one
 *   preferred address per kind (the new preferred one takes the mark); a unique email per tenant;
 * - state: every customer is a frozen object replaced on each change (spread, structural sharing of
 *   what did not change); the timeline of each customer a frozen array replaced on append;
 *   a write is a compare-and-set on the version.
 *
 * What it does not do: idempotency keys, tracing, copies on read, activity details checked
 * against a registry of types (the details are built here and trusted), host activity types,
 * change feed and intents; times are epoch milliseconds, ids counters.
 */
import * as v from "valibot"
import { type ConsentStatus, consentTransitions } from "../../src/domain/Consent.ts"
import { type CustomerStatus, statusTransitions } from "../../src/domain/Lifecycle.ts"

const forbidden = /[\p{Cc}\p{Bidi_Control}\u2028\u2029\uD800-\uDFFF]/u
const forbiddenMultiline = /(?![\t\n\r])[\p{Cc}\p{Bidi_Control}\u2028\u2029\uD800-\uDFFF]|\r(?!\n)/u

const text = (max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max), v.check((s) => !forbidden.test(s), "text without control characters"))
const optionalText = (max: number) => v.optional(text(max))

const Profile = v.variant("kind", [
  v.object({
    kind: v.literal("private"),
    salutation: v.picklist(["mr", "mrs", "diverse", "none"]),
    title: optionalText(50),
    firstName: text(100),
    lastName: text(100),
    email: v.pipe(v.string(), v.trim(), v.maxLength(254), v.email()),
    phone: v.optional(v.pipe(v.string(), v.regex(/^\+[1-9][0-9 ]{6,19}$/))),
    language: v.pipe(v.string(), v.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/))
  }),
  v.object({
    kind: v.literal("company"),
    companyName: text(100),
    salutation: v.optional(v.picklist(["mr", "mrs", "diverse", "none"])),
    firstName: optionalText(100),
    lastName: optionalText(100),
    email: v.pipe(v.string(), v.trim(), v.maxLength(254), v.email()),
    language: v.pipe(v.string(), v.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/))
  })
])

const Register = v.object({
  profile: Profile,
  registrationSource: v.picklist(["checkout", "self-service", "api", "import", "back-office"])
})

const postalCodes: Record<string, RegExp> = { DE: /^\d{5}$/, AT: /^\d{4}$/, CH: /^\d{4}$/ }

const AddressFields = v.pipe(
  v.object({
    firstName: optionalText(100),
    lastName: optionalText(100),
    companyName: optionalText(100),
    street: text(100),
    houseNumber: text(20),
    addition: optionalText(100),
    postalCode: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(12)),
    city: text(100),
    country: v.pipe(v.string(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/))
  }),
  v.check((a) => (a.firstName === undefined) === (a.lastName === undefined), "a first name goes with a last name"),
  v.check((a) => a.lastName !== undefined || a.companyName !== undefined, "a first and last name or a company name"),
  v.check((a) => postalCodes[a.country]?.test(a.postalCode) ?? true, "a postal code in the country's format")
)

const CustomerId = v.pipe(v.string(), v.minLength(1), v.maxLength(100))
const isoTime = v.pipe(v.string(), v.isoTimestamp())

const AddAddress = v.object({ customerId: CustomerId, kind: v.picklist(["billing", "delivery"]), address: AddressFields, preferred: v.optional(v.boolean()) })
const ChangeConsent = v.object({
  customerId: CustomerId,
  channel: v.picklist(["email", "phone", "post", "messenger"]),
  to: v.picklist(["none", "singleOptIn", "doubleOptIn", "revoked", "objection"]),
  source: text(100),
  textVersion: optionalText(50),
  ipAddress: v.optional(v.pipe(v.string(), v.ip())),
  userAgent: optionalText(500),
  confirmedAt: v.optional(isoTime)
})
const AddNote = v.object({
  customerId: CustomerId,
  text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(5000), v.check((s) => !forbiddenMultiline.test(s), "text without control characters"))
})
const SetStatus = v.object({
  customerId: CustomerId,
  to: v.pipe(v.picklist(["active", "blocked", "deactivated"])),
  reason: optionalText(500)
})
const AddAccessRight = v.object({
  customerId: CustomerId,
  right: v.pipe(
    v.object({ productId: text(100), validFrom: isoTime, validUntil: v.optional(isoTime), note: optionalText(500) }),
    v.check((r) => r.validUntil === undefined || Date.parse(r.validUntil) > Date.parse(r.validFrom), "an end after the start")
  )
})

/** A refused command: which rule, and the issues. */
export class ValibotRefused extends Error {}

const parse = <S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> => {
  const result = v.safeParse(schema, input)
  if (!result.success) throw new ValibotRefused(result.issues.map((i) => `${v.getDotPath(i) ?? ""}: ${i.message}`).join("; "))
  return result.output
}

/** One timeline entry. */
export interface ValibotActivity {
  readonly id: string
  readonly type: string
  readonly group: string
  readonly at: number
  readonly actor: string
  readonly summary: string
  readonly details: Readonly<Record<string, unknown>>
}

interface Address {
  readonly id: string
  readonly kind: "billing" | "delivery"
  readonly preferred: boolean
  readonly fields: v.InferOutput<typeof AddressFields>
}

interface Customer {
  readonly id: string
  readonly number: string
  readonly version: number
  readonly profile: v.InferOutput<typeof Profile>
  readonly status: CustomerStatus
  readonly statusHistory: ReadonlyArray<{ readonly from: string; readonly to: string; readonly at: number; readonly actor: string; readonly reason?: string }>
  readonly consent: Readonly<Record<string, ConsentStatus>>
  readonly consentRecords: ReadonlyArray<Readonly<Record<string, unknown>>>
  readonly addresses: ReadonlyArray<Address>
  readonly accessRights: ReadonlyArray<Readonly<Record<string, unknown>>>
  readonly timeline: ReadonlyArray<ValibotActivity>
}

const groups: Record<string, string> = {
  "customer.registered": "customer-data",
  "billing-address.added": "addresses",
  "delivery-address.added": "addresses",
  "billing-address.changed": "addresses",
  "delivery-address.changed": "addresses",
  "consent.changed": "consent",
  note: "notes-and-communication",
  "status.changed": "status-and-access",
  "access-right.added": "access-rights"
}

const required: Record<string, string> = {
  register: "register",
  addAddress: "edit",
  changeConsent: "manage-consent",
  addNote: "add-note",
  setStatus: "manage-status",
  addAccessRight: "manage-access-rights"
}

/** The valibot accounts of one tenant. */
export class ValibotAccounts {
  readonly customers = new Map<string, Customer>()
  readonly emails = new Map<string, string>()
  private sequence = 0
  private nextNumber = 10_001
  private readonly actor = "supporter:staff-1"
  private readonly permissions: ReadonlySet<string>

  constructor(permissions: ReadonlyArray<string>) {
    this.permissions = new Set(permissions)
  }

  private allow(command: string): void {
    const permission = required[command]
    if (permission === undefined || !this.permissions.has(permission)) throw new ValibotRefused(`permission for ${command} missing`)
  }

  private activity(type: string, at: number, summary: string, details: Record<string, unknown>): ValibotActivity {
    return Object.freeze({ id: `activity-${++this.sequence}`, type, group: groups[type]!, at, actor: this.actor, summary, details: Object.freeze(details) })
  }

  /** The editable customer (exists, not anonymized). */
  private load(id: string): Customer {
    const customer = this.customers.get(id)
    if (customer === undefined) throw new ValibotRefused(`no customer ${id}`)
    if (customer.status === "anonymized") throw new ValibotRefused(`customer ${id} is anonymized`)
    return customer
  }

  /** Compare-and-set: the new state replaces the loaded one, with its activities appended. */
  private save(before: Customer, change: Partial<Customer>, activities: ReadonlyArray<ValibotActivity>): void {
    if (this.customers.get(before.id) !== before) throw new ValibotRefused(`version conflict on ${before.id}`)
    this.customers.set(before.id, Object.freeze({ ...before, ...change, version: before.version + 1, timeline: Object.freeze([...before.timeline, ...activities]) }))
  }

  /** Registers a customer; its id. */
  register(untrusted: unknown): string {
    this.allow("register")
    const input = parse(Register, untrusted)
    const email = input.profile.email.toLowerCase()
    if (this.emails.has(email)) throw new ValibotRefused("email taken")
    const id = `customer-${++this.sequence}`
    const number = String(this.nextNumber++)
    const at = Date.now()
    const customer: Customer = Object.freeze({
      id,
      number,
      version: 1,
      profile: Object.freeze(input.profile),
      status: "active",
      statusHistory: Object.freeze([]),
      consent: Object.freeze({ email: "none", phone: "none", post: "none", messenger: "none" }),
      consentRecords: Object.freeze([]),
      addresses: Object.freeze([]),
      accessRights: Object.freeze([]),
      timeline: Object.freeze([
        this.activity("customer.registered", at, `Customer ${number} registered through ${input.registrationSource}`, {
          source: input.registrationSource,
          customerNumber: number
        })
      ])
    })
    this.customers.set(id, customer)
    this.emails.set(email, id)
    return id
  }

  /** Runs one of the mixed commands by the engine's name, with the engine's input. */
  command(name: string, untrusted: unknown): void {
    this.allow(name)
    const at = Date.now()
    switch (name) {
      case "addAddress": {
        const input = parse(AddAddress, untrusted)
        const customer = this.load(input.customerId)
        const preferred = input.preferred === true || !customer.addresses.some((a) => a.kind === input.kind)
        const id = `address-${++this.sequence}`
        const activities: Array<ValibotActivity> = []
        const addresses = customer.addresses.map((a) => {
          if (!preferred || a.kind !== input.kind || !a.preferred) return a
          activities.push(this.activity(`${a.kind}-address.changed`, at, `Address ${a.id} changed: preferred`, { addressId: a.id, changes: [{ field: "preferred", before: "true", after: "false" }] }))
          return Object.freeze({ ...a, preferred: false })
        })
        addresses.push(Object.freeze({ id, kind: input.kind, preferred, fields: Object.freeze(input.address) }))
        activities.unshift(this.activity(`${input.kind}-address.added`, at, `Address ${id} added`, { addressId: id, changes: input.address }))
        this.save(customer, { addresses: Object.freeze(addresses) }, activities)
        return
      }
      case "changeConsent": {
        const input = parse(ChangeConsent, untrusted)
        const customer = this.load(input.customerId)
        const from = customer.consent[input.channel]!
        const to = input.to
        if (from === to) throw new ValibotRefused("no change to the current consent")
        if (to === "none") throw new ValibotRefused("consent never returns to none")
        if (!consentTransitions[from].includes(to)) throw new ValibotRefused(`consent ${from} -> ${to} is not allowed`)
        if (from === "objection" && input.textVersion === undefined) throw new ValibotRefused("after an objection only fresh consent")
        if (to === "doubleOptIn" && input.confirmedAt === undefined) throw new ValibotRefused("a double opt-in needs its confirmation")
        if (to === "singleOptIn" && input.textVersion === undefined) throw new ValibotRefused("an opt-in needs its text version")
        const { customerId: _, ...record } = input
        this.save(customer, {
          consent: Object.freeze({ ...customer.consent, [input.channel]: to }),
          consentRecords: Object.freeze([...customer.consentRecords, Object.freeze({ ...record, from, at, actor: this.actor })])
        }, [
          this.activity("consent.changed", at, `Consent (${input.channel}) changed from ${from} to ${to}`, {
            channel: input.channel,
            from,
            to,
            source: input.source,
            ...(input.textVersion === undefined ? {} : { textVersion: input.textVersion })
          })
        ])
        return
      }
      case "addNote": {
        const input = parse(AddNote, untrusted)
        const customer = this.load(input.customerId)
        this.save(customer, {}, [this.activity("note", at, "Note added", { text: input.text, fileIds: [] })])
        return
      }
      case "setStatus": {
        const input = parse(SetStatus, untrusted)
        const customer = this.load(input.customerId)
        const from = customer.status
        if (from === input.to) throw new ValibotRefused("no change to the current status")
        if (!statusTransitions[from].includes(input.to)) throw new ValibotRefused(`status ${from} -> ${input.to} is not allowed`)
        const reason = input.reason === undefined ? {} : { reason: input.reason }
        this.save(customer, {
          status: input.to,
          statusHistory: Object.freeze([...customer.statusHistory, Object.freeze({ from, to: input.to, at, actor: this.actor, ...reason })])
        }, [this.activity("status.changed", at, `Status changed from ${from} to ${input.to}`, { from, to: input.to, ...reason })])
        return
      }
      case "addAccessRight": {
        const input = parse(AddAccessRight, untrusted)
        const customer = this.load(input.customerId)
        const id = `access-right-${++this.sequence}`
        const right = Object.freeze({ ...input.right, id, origin: "manual" })
        this.save(customer, { accessRights: Object.freeze([...customer.accessRights, right]) }, [
          this.activity("access-right.added", at, `Access right to product ${right.productId} added`, {
            accessRightId: id,
            productId: right.productId,
            validFrom: right.validFrom,
            ...(right.validUntil === undefined ? {} : { validUntil: right.validUntil })
          })
        ])
        return
      }
      default:
        throw new Error(`unknown command ${name}`)
    }
  }
}
