/**
 * The German summaries of every built-in activity type (rule `timeline.builtin-renderers`).
 *
 * @module
 */
import type { FieldChange } from "../ActivityDetails.ts"
import { addressName, bankAccountName, type BuiltinRenderers, changedText, fieldLabels, type SummaryContext, withName } from "./Renderer.ts"

const statuses: Readonly<Record<string, string>> = {
  active: "aktiv",
  blocked: "gesperrt",
  deactivated: "deaktiviert",
  anonymized: "anonymisiert"
}
const sources: Readonly<Record<string, string>> = {
  checkout: "den Checkout",
  "self-service": "die Selbstregistrierung",
  api: "die API",
  import: "einen Import",
  "back-office": "das Backoffice"
}
const channels: Readonly<Record<string, string>> = { email: "E-Mail", phone: "Telefon", post: "Post", messenger: "Messenger" }
const consentStates: Readonly<Record<string, string>> = {
  none: "keine",
  singleOptIn: "Single-Opt-in",
  doubleOptIn: "Double-Opt-in",
  revoked: "widerrufen",
  objection: "Widerspruch"
}
const roles: Readonly<Record<string, string>> = { member: "Mitglied", moderator: "Moderator", administrator: "Administrator" }
const switches: Readonly<Record<string, string>> = { on: "an", off: "aus", default: "Standard" }
const kinds: Readonly<Record<string, string>> = { branch: "Filiale", department: "Abteilung" }
const fields: Readonly<Record<string, string>> = {
  salutation: "Anrede",
  title: "Titel",
  firstName: "Vorname",
  lastName: "Nachname",
  name: "Name",
  companyName: "Firmenname",
  email: "E-Mail",
  phone: "Telefon",
  language: "Sprache",
  birthday: "Geburtstag",
  profileImage: "Profilbild",
  preferredBankAccount: "bevorzugtes Bankkonto",
  street: "Straße",
  houseNumber: "Hausnummer",
  addition: "Zusatz",
  postalCode: "PLZ",
  city: "Ort",
  country: "Land",
  preferred: "bevorzugt"
}

const word = (table: Readonly<Record<string, string>>, key: string): string => (Object.hasOwn(table, key) ? table[key]! : key)
const quoted = (text: string | undefined): string | undefined => (text === undefined ? undefined : `„${text}“`)
const plural = (n: number, one: string, many: string, format: SummaryContext["format"]) =>
  `${format.count(n)} ${n === 1 ? one : many}`

const past: Readonly<Record<string, string>> = { added: "hinzugefügt", changed: "geändert", removed: "entfernt" }

const address = (kind: "Rechnungsadresse" | "Lieferadresse", what: "added" | "changed" | "removed") =>
(details: { readonly addressId: string; readonly changes: ReadonlyArray<FieldChange> }, context: SummaryContext) => {
  const text = withName(kind, addressName(details, context))
  return what === "changed" && details.changes.length > 0
    ? `${text} geändert: ${context.format.list(fieldLabels(details.changes, fields))}`
    : `${text} ${past[what]}`
}

const bankAccount = (what: string) =>
(details: { readonly bankAccountId: string; readonly maskedIban: string }, context: SummaryContext) =>
  `${withName("Bankkonto", bankAccountName(details, context))} ${what}`

const department = (details: { readonly departmentId: string; readonly kind: string; readonly name?: string }, context: SummaryContext) =>
  withName(word(kinds, details.kind), quoted(details.name ?? context.names.department(details.departmentId)))

const parent = (id: string, context: SummaryContext): string => quoted(context.names.department(id)) ?? "eine andere Einheit"

const invitation = (id: string, context: SummaryContext): string => withName("Einladung", context.names.invitation(id), " an ")

/**
 * The German renderers.
 *
 * @category renderers
 */
export const german: BuiltinRenderers = {
  "customer.registered": (d, c) =>
    `${c.names.customer() ?? "Kunde"} über ${word(sources, d.source)} registriert (Kundennr. ${d.customerNumber})`,
  "customer-data.changed": (d, c) => {
    if (d.changes.length === 1 && d.changes[0]?.field === "preferredBankAccount") {
      return withName("Bevorzugtes Bankkonto geändert", changedText(d.changes, "preferredBankAccount"), " auf ")
    }
    return `Kundendaten geändert: ${c.format.list(fieldLabels(d.changes, fields))}`
  },
  "additional-data.changed": (d, c) => `Zusatzdaten geändert: ${c.format.list(d.changes.map((x) => x.field))}`,
  "data.exported": () => "Kundendaten als JSON exportiert",
  "billing-address.added": address("Rechnungsadresse", "added"),
  "billing-address.changed": address("Rechnungsadresse", "changed"),
  "billing-address.removed": address("Rechnungsadresse", "removed"),
  "delivery-address.added": address("Lieferadresse", "added"),
  "delivery-address.changed": address("Lieferadresse", "changed"),
  "delivery-address.removed": address("Lieferadresse", "removed"),
  "status.changed": (d) => `Status von ${word(statuses, d.from)} auf ${word(statuses, d.to)} geändert`,
  "access.blocked": () => "Produktzugang gesperrt",
  "access.unblocked": () => "Produktzugang entsperrt",
  "password-reset.requested": () => "Passwort-Zurücksetzung angefordert; Einmalpasswort verschickt",
  "password-reset.completed": () => "Passwort zurückgesetzt",
  "two-factor.disabled": () => "Zwei-Faktor-Authentifizierung deaktiviert",
  "customer.anonymized": () => "Kunde anonymisiert",
  "consent.changed": (d) =>
    `Einwilligung (${word(channels, d.channel)}) von ${word(consentStates, d.from)} auf ${word(consentStates, d.to)} geändert`,
  note: (d, c) =>
    d.fileIds.length === 0 ? "Notiz hinzugefügt" : `Notiz mit ${plural(d.fileIds.length, "Datei", "Dateien", c.format)} hinzugefügt`,
  hint: (d, c) =>
    d.fileIds.length === 0 ? "Hinweis hinzugefügt" : `Hinweis mit ${plural(d.fileIds.length, "Datei", "Dateien", c.format)} hinzugefügt`,
  "file.attached": (d, c) => `Datei ${quoted(d.name)} angehängt (${d.mediaType}, ${c.format.bytes(d.size)})`,
  "mail.sent": (d) => withName("Mail versendet", quoted(d.subject ?? d.template), ": "),
  "order.created": (d, c) => withName(`Bestellung ${d.orderId} aufgegeben`, d.total === undefined ? undefined : c.format.money(d.total), ", "),
  "bank-account.added": bankAccount("hinzugefügt"),
  "bank-account.removed": bankAccount("entfernt"),
  "invoice.created": (d, c) =>
    `Rechnung ${d.invoiceId}${d.amount === undefined ? "" : ` über ${c.format.money(d.amount)}`} erstellt`,
  "invoice.corrected": (d, c) =>
    `Rechnung ${d.invoiceId}${d.amount === undefined ? "" : ` auf ${c.format.money(d.amount)}`} korrigiert`,
  payment: (d, c) => withName(`Zahlung über ${c.format.money(d.amount)}`, d.status, ": "),
  "subscription.created": (d) => withName("Abonnement angelegt", d.productId, ": "),
  "goodwill.granted": (d, c) => {
    switch (d.kind) {
      case "free-issues":
        return `Kulanz: ${plural(d.issues, "Gratisausgabe", "Gratisausgaben", c.format)} für Abonnement ${d.subscriptionId}`
      case "free-redelivery":
        return `Kulanz: ${c.format.list(d.issueNames.map((n) => `„${n}“`), 3)} erneut geliefert`
      case "free-billing-period":
        return d.periodFrom !== undefined && d.periodUntil !== undefined
          ? `Kulanz: Abrechnungszeitraum ${c.format.date(d.periodFrom)} bis ${c.format.date(d.periodUntil)} frei (${d.subscriptionId})`
          : `Kulanz: ein freier Abrechnungszeitraum für Abonnement ${d.subscriptionId}`
    }
  },
  "access-right.added": (d, c) =>
    `Zugang zu ${d.productId} gewährt${d.validUntil === undefined ? "" : ` bis ${c.format.date(d.validUntil)}`}`,
  "access-right.removed": (d) => `Zugang zu ${d.productId} entzogen`,
  "department.added": (d, c) =>
    `${department(d, c)}${d.parentId === undefined ? "" : ` unter ${parent(d.parentId, c)}`} hinzugefügt`,
  "department.renamed": (d, c) => {
    const from = quoted(d.before)
    const to = quoted(d.after ?? c.names.department(d.departmentId))
    return from !== undefined && to !== undefined
      ? `${word(kinds, d.kind)} ${from} in ${to} umbenannt`
      : `${withName(word(kinds, d.kind), to, " ", "")} umbenannt`
  },
  "department.moved": (d, c) =>
    `${department(d, c)} ${d.toParentId === undefined ? "auf die oberste Ebene" : `unter ${parent(d.toParentId, c)}`} verschoben`,
  "department.removed": (d, c) => `${department(d, c)} entfernt`,
  "service-modules.switched": (d, c) =>
    `Module geschaltet: ${c.format.list(d.changes.map((x) => `${x.moduleId} ${word(switches, x.after)}`))}`,
  "notification-settings.changed": (d, c) => {
    const parts = [
      ...(d.notifyAboutDevices === undefined ? [] : [`Gerätebenachrichtigungen ${d.notifyAboutDevices.after ? "an" : "aus"}`]),
      ...(d.recipientCount === undefined ? [] : [plural(d.recipientCount.after, "Empfänger", "Empfänger", c.format)])
    ]
    return parts.length === 0 ? "Benachrichtigungseinstellungen geändert" : `Benachrichtigungen: ${c.format.list(parts)}`
  },
  "team-mapping.set": (d, c) =>
    withName(`Team ${d.teamId} zuständig für ${d.metaTeamId}`, quoted(d.departmentId === undefined ? undefined : c.names.department(d.departmentId)), " in "),
  "team-mapping.removed": (d, c) =>
    withName(`Teamzuordnung für ${d.metaTeamId} entfernt`, quoted(d.departmentId === undefined ? undefined : c.names.department(d.departmentId)), " in "),
  "invitation.sent": (d, c) =>
    `${withName("Einladung", d.name ?? c.names.invitation(d.invitationId), " an ")} als ${word(roles, d.role)} verschickt, gültig bis ${
      c.format.date(d.expiresAt)
    }`,
  "invitation.resent": (d, c) => `${invitation(d.invitationId, c)} erneut verschickt, gültig bis ${c.format.date(d.expiresAt)}`,
  "invitation.accepted": (d, c) => `${invitation(d.invitationId, c)} angenommen`,
  "invitation.revoked": (d, c) => `${invitation(d.invitationId, c)} widerrufen`
}
