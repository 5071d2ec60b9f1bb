/**
 * The English summaries of every built-in activity type (rule `timeline.builtin-renderers`).
 *
 * @module
 */
import type { FieldChange } from "../ActivityDetails.ts"
import { addressName, bankAccountName, type BuiltinRenderers, changedText, fieldLabels, type SummaryContext, withName } from "./Renderer.ts"

const statuses: Readonly<Record<string, string>> = {
  active: "active",
  blocked: "blocked",
  deactivated: "deactivated",
  anonymized: "anonymized"
}
const sources: Readonly<Record<string, string>> = {
  checkout: "checkout",
  "self-service": "self-service",
  api: "the API",
  import: "an import",
  "back-office": "the back office"
}
const channels: Readonly<Record<string, string>> = { email: "email", phone: "phone", post: "post", messenger: "messenger" }
const consentStates: Readonly<Record<string, string>> = {
  none: "none",
  singleOptIn: "single opt-in",
  doubleOptIn: "double opt-in",
  revoked: "revoked",
  objection: "objection"
}
const roles: Readonly<Record<string, string>> = { member: "member", moderator: "moderator", administrator: "administrator" }
const switches: Readonly<Record<string, string>> = { on: "on", off: "off", default: "default" }
const kinds: Readonly<Record<string, string>> = { branch: "Branch", department: "Department" }
const fields: Readonly<Record<string, string>> = {
  salutation: "salutation",
  title: "title",
  firstName: "first name",
  lastName: "last name",
  name: "name",
  companyName: "company name",
  email: "email",
  phone: "phone",
  language: "language",
  birthday: "birthday",
  profileImage: "profile image",
  preferredBankAccount: "preferred bank account",
  street: "street",
  houseNumber: "house number",
  addition: "addition",
  postalCode: "postal code",
  city: "city",
  country: "country",
  preferred: "preferred"
}

const word = (table: Readonly<Record<string, string>>, key: string): string => (Object.hasOwn(table, key) ? table[key]! : key)
const quoted = (text: string | undefined): string | undefined => (text === undefined ? undefined : `“${text}”`)
const plural = (n: number, one: string, many: string, format: SummaryContext["format"]) =>
  `${format.count(n)} ${n === 1 ? one : many}`

const address = (kind: "Billing" | "Delivery", what: string) =>
(details: { readonly addressId: string; readonly changes: ReadonlyArray<FieldChange> }, context: SummaryContext) => {
  const text = withName(`${kind} address`, addressName(details, context))
  return what === "changed" && details.changes.length > 0
    ? `${text} changed: ${context.format.list(fieldLabels(details.changes, fields))}`
    : `${text} ${what}`
}

const bankAccount = (what: string) =>
(details: { readonly bankAccountId: string; readonly maskedIban: string }, context: SummaryContext) =>
  `${withName("Bank account", bankAccountName(details, context))} ${what}`

const department = (details: { readonly departmentId: string; readonly kind: string; readonly name?: string }, context: SummaryContext) =>
  withName(word(kinds, details.kind), quoted(details.name ?? context.names.department(details.departmentId)))

const parent = (id: string | undefined, context: SummaryContext): string =>
  id === undefined ? "the top level" : (quoted(context.names.department(id)) ?? "another department")

const invitation = (id: string, context: SummaryContext): string =>
  withName("Invitation", context.names.invitation(id), " for ")

const accessRight = (what: string) =>
(details: { readonly productId: string }) => `Access to ${details.productId} ${what}`

/**
 * The English renderers.
 *
 * @category renderers
 */
export const english: BuiltinRenderers = {
  "customer.registered": (d, c) =>
    `${c.names.customer() ?? "Customer"} registered through ${word(sources, d.source)} (customer no. ${d.customerNumber})`,
  "customer-data.changed": (d, c) => {
    const iban = changedText(d.changes, "preferredBankAccount")
    if (d.changes.length === 1 && d.changes[0]?.field === "preferredBankAccount") {
      return withName("Preferred bank account changed", iban, " to ")
    }
    return `Customer data changed: ${c.format.list(fieldLabels(d.changes, fields))}`
  },
  "additional-data.changed": (d, c) => `Additional data changed: ${c.format.list(d.changes.map((x) => x.field))}`,
  "data.exported": () => "Customer data exported as JSON",
  "billing-address.added": address("Billing", "added"),
  "billing-address.changed": address("Billing", "changed"),
  "billing-address.removed": address("Billing", "removed"),
  "delivery-address.added": address("Delivery", "added"),
  "delivery-address.changed": address("Delivery", "changed"),
  "delivery-address.removed": address("Delivery", "removed"),
  "status.changed": (d) => `Status changed from ${word(statuses, d.from)} to ${word(statuses, d.to)}`,
  "access.blocked": () => "Product access blocked",
  "access.unblocked": () => "Product access unblocked",
  "password-reset.requested": () => "Password reset requested; the one-time password was sent",
  "password-reset.completed": () => "Password reset completed",
  "two-factor.disabled": () => "Two-factor authentication disabled",
  "customer.anonymized": () => "Customer anonymized",
  "consent.changed": (d) =>
    `${word(channels, d.channel).replace(/^./, (x) => x.toUpperCase())} consent changed from ${word(consentStates, d.from)} to ${
      word(consentStates, d.to)
    }`,
  note: (d, c) => d.fileIds.length === 0 ? "Note added" : `Note added with ${plural(d.fileIds.length, "file", "files", c.format)}`,
  hint: (d, c) => d.fileIds.length === 0 ? "Hint added" : `Hint added with ${plural(d.fileIds.length, "file", "files", c.format)}`,
  "file.attached": (d, c) => `File ${quoted(d.name)} attached (${d.mediaType}, ${c.format.bytes(d.size)})`,
  "mail.sent": (d) => withName("Mail sent", quoted(d.subject ?? d.template), ": "),
  "order.created": (d, c) => withName(`Order ${d.orderId} placed`, d.total === undefined ? undefined : c.format.money(d.total), ", "),
  "bank-account.added": bankAccount("added"),
  "bank-account.removed": bankAccount("removed"),
  "invoice.created": (d, c) => withName(`Invoice ${d.invoiceId} created`, d.amount === undefined ? undefined : c.format.money(d.amount), ": "),
  "invoice.corrected": (d, c) =>
    withName(`Invoice ${d.invoiceId} corrected`, d.amount === undefined ? undefined : c.format.money(d.amount), ": "),
  payment: (d, c) => withName(`Payment of ${c.format.money(d.amount)}`, d.status, ": "),
  "subscription.created": (d) => withName("Subscription created", d.productId, ": "),
  "goodwill.granted": (d, c) => {
    switch (d.kind) {
      case "free-issues":
        return `Goodwill: ${plural(d.issues, "free issue", "free issues", c.format)} for subscription ${d.subscriptionId}`
      case "free-redelivery":
        return `Goodwill: ${c.format.list(d.issueNames.map((n) => `“${n}”`), 3)} delivered again`
      case "free-billing-period":
        return d.periodFrom !== undefined && d.periodUntil !== undefined
          ? `Goodwill: billing period ${c.format.date(d.periodFrom)} to ${c.format.date(d.periodUntil)} free (${d.subscriptionId})`
          : `Goodwill: a free billing period for subscription ${d.subscriptionId}`
    }
  },
  "access-right.added": (d, c) =>
    d.validUntil === undefined
      ? accessRight("granted")(d)
      : `${accessRight("granted")(d)} until ${c.format.date(d.validUntil)}`,
  "access-right.removed": accessRight("withdrawn"),
  "department.added": (d, c) => withName(`${department(d, c)} added`, d.parentId === undefined ? undefined : parent(d.parentId, c), " under "),
  "department.renamed": (d, c) => {
    const from = quoted(d.before)
    const to = quoted(d.after ?? c.names.department(d.departmentId))
    return from !== undefined && to !== undefined ? `${word(kinds, d.kind)} ${from} renamed to ${to}` : withName(`${word(kinds, d.kind)} renamed`, to, " to ")
  },
  "department.moved": (d, c) => `${department(d, c)} moved to ${d.toParentId === undefined ? "the top level" : `under ${parent(d.toParentId, c)}`}`,
  "department.removed": (d, c) => `${department(d, c)} removed`,
  "service-modules.switched": (d, c) => `Modules switched: ${c.format.list(d.changes.map((x) => `${x.moduleId} ${word(switches, x.after)}`))}`,
  "notification-settings.changed": (d, c) => {
    const parts = [
      ...(d.notifyAboutDevices === undefined ? [] : [`device notifications ${d.notifyAboutDevices.after ? "on" : "off"}`]),
      ...(d.recipientCount === undefined ? [] : [plural(d.recipientCount.after, "recipient", "recipients", c.format)])
    ]
    return parts.length === 0 ? "Notification settings changed" : `Notification settings: ${c.format.list(parts)}`
  },
  "team-mapping.set": (d, c) =>
    withName(`Team ${d.teamId} responsible for ${d.metaTeamId}`, quoted(d.departmentId === undefined ? undefined : c.names.department(d.departmentId)), " in "),
  "team-mapping.removed": (d, c) =>
    withName(`Team mapping of ${d.metaTeamId} removed`, quoted(d.departmentId === undefined ? undefined : c.names.department(d.departmentId)), " in "),
  "invitation.sent": (d, c) =>
    `${withName("Invitation", d.name ?? c.names.invitation(d.invitationId), " for ")} sent as ${word(roles, d.role)}, valid until ${c.format.date(d.expiresAt)}`,
  "invitation.resent": (d, c) => `${invitation(d.invitationId, c)} sent again, valid until ${c.format.date(d.expiresAt)}`,
  "invitation.accepted": (d, c) => `${invitation(d.invitationId, c)} accepted`,
  "invitation.revoked": (d, c) => `${invitation(d.invitationId, c)} revoked`
}
