/**
 * A customer's history as the timeline, overview and anonymize workloads preload it: activity `i`
 * of a fixed ten-step pattern over five groups (invoices and payments 40%, notes and communication
 * 30%, subscriptions 10%, orders 10%, the rest), one minute apart. The group-filtered page asks
 * for `subscriptions`, one activity in ten.
 */

/** The group the group-filtered timeline page asks for. */
export const filteredGroup = "subscriptions"

/** The first activity's time; activity `i` is `i` minutes later. */
export const historyStart = Date.UTC(2020, 0, 1)

/** One activity of the pattern: type, group, summary and details, as the engine's registry wants them. */
export interface HistoryItem {
  readonly type: string
  readonly group: string
  readonly summary: string
  readonly details: Record<string, unknown>
  /** Whether a system process (the host's billing) records it; otherwise a supporter does. */
  readonly bySystem: boolean
  /** Epoch milliseconds. */
  readonly at: number
}

const eur = (amount: number) => ({ amount, currency: "EUR" })

/** Activity `i` of the history. */
export const historyItem = (i: number): HistoryItem => {
  const at = historyStart + i * 60_000
  switch (i % 10) {
    case 0:
    case 3:
      return { type: "invoice.created", group: "invoices-and-payments", summary: `Invoice inv-${i} created`, details: { invoiceId: `inv-${i}`, amount: eur(999) }, bySystem: true, at }
    case 1:
    case 4:
      return { type: "payment", group: "invoices-and-payments", summary: `Payment pay-${i} received`, details: { paymentId: `pay-${i}`, amount: eur(999), status: "received" }, bySystem: true, at }
    case 2:
    case 5:
      return { type: "mail.sent", group: "notes-and-communication", summary: "Mail sent: issue shipped", details: { mailId: `mail-${i}`, template: "issue-shipped", subject: `Your issue ${i} is on its way` }, bySystem: true, at }
    case 6:
      return { type: "subscription.created", group: "subscriptions", summary: `Subscription sub-${i} created`, details: { subscriptionId: `sub-${i}`, productId: "magazine-monthly" }, bySystem: true, at }
    case 7:
      return { type: "note", group: "notes-and-communication", summary: "Note added", details: { text: `Customer called about issue ${i}.`, fileIds: [] }, bySystem: false, at }
    case 8:
      return { type: "order.created", group: "orders", summary: `Order order-${i} created`, details: { orderId: `order-${i}`, total: eur(1999) }, bySystem: true, at }
    default:
      return { type: "mail.sent", group: "notes-and-communication", summary: "Mail sent: invoice", details: { mailId: `mail-${i}`, template: "invoice" }, bySystem: true, at }
  }
}
