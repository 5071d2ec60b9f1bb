/**
 * Workload 3, overview: one customer with every tab filled (addresses of both kinds, consent,
 * notes, status history, access rights; for the engine also bank accounts, additional data and a
 * note file, which the baselines do not model), a count on every host tab, and a history of
 * activities; the overview of that customer (its data, preferred addresses, derived permissions,
 * tab counts and the first timeline page). A sample is the mean time of one overview over a batch.
 * The service platform's tabs (devices, tickets, ...), where the engine has them, are left empty.
 */
import { Effect } from "effect"
import { EmmettAccounts } from "../baselines/emmett.ts"
import { PlainMapAccounts } from "../baselines/plainMap.ts"
import { makeEngine, preloadHistory, runMixed } from "../lib/engine.ts"
import { mixedCommandNames, mixedInput, registration, supporter, tenantId } from "../lib/fixtures.ts"
import { timeOp, type Timing } from "../lib/measure.ts"
import { elapsedMs } from "../lib/stats.ts"
import { collectGarbage, main, type SubjectResult, type WorkloadResult } from "../lib/workload.ts"
import { CustomerId } from "../../src/domain/Ids.ts"

/** The sizes of the workload. */
export interface Sizes {
  /** Activities of the history besides those of the commands. */
  readonly history: number
  readonly timing: Timing
}

/** Full and quick sizes. */
export const sizes: { readonly full: Sizes; readonly quick: Sizes } = {
  full: { history: 1_000, timing: { warmup: 2_000, samples: 15, batch: 500 } },
  quick: { history: 200, timing: { warmup: 1_000, samples: 5, batch: 200 } }
}

/** The host's records per tab: every host tab has some. */
const hostCounts = {
  orders: 12,
  "external-orders": 2,
  invoices: 24,
  subscriptions: 3,
  "wallet-changes": 5,
  "payment-methods": 2,
  sessions: 40,
  "multi-user-access": 1,
  "in-app-orders": 4,
  "mail-logs": 60,
  "login-history": 80
}

/** The tabs whose records the engine holds itself. */
const ownTabs = ["billing-addresses", "delivery-addresses", "bank-accounts", "access-rights", "additional-data", "files"]

/** A minimal valid PDF (one empty page, a correct cross-reference table): the engine checks a PDF's structure. */
const pdf = (() => {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] /Resources << >> >>"]
  let body = "%PDF-1.4\n"
  const offsets = objects.map((object, i) => {
    const offset = body.length
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
    return offset
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(body)
})()

const engineSubject = async (s: Sizes): Promise<() => unknown> => {
  const engine = await makeEngine()
  const a = engine.accounts
  const customerId = await Effect.runPromise(Effect.gen(function*() {
    const { customerId } = yield* a.register(supporter, registration(0))
    yield* runMixed(engine, [customerId])
    yield* a.addBankAccount(supporter, { customerId, account: { holder: "Erika Mustermann", iban: "DE89370400440532013000" } })
    yield* a.addBankAccount(supporter, { customerId, account: { holder: "Erika Mustermann", iban: "DE02120300000000202051", preferred: true } })
    yield* a.replaceAdditionalData(supporter, { customerId, data: { loyaltyTier: "gold", newsletterSegment: "b2c", source: "fair-2025" } })
    yield* a.addNote(supporter, { customerId, text: "Signed offer attached.", files: [{ name: "offer.pdf", bytes: pdf }] })
    yield* engine.linked.setCounts(tenantId, CustomerId.make(customerId), hostCounts)
    return customerId
  }))
  await Effect.runPromise(preloadHistory(engine, customerId, 0, s.history))
  const counts: Readonly<Record<string, number>> = Effect.runSync(a.overview(supporter, customerId)).tabCounts
  const empty = [...ownTabs, ...Object.keys(hostCounts)].filter((tab) => !((counts[tab] ?? 0) > 0))
  if (empty.length > 0) throw new Error(`customer-account: the tabs ${empty.join(", ")} have no records`)
  return () => Effect.runSync(a.overview(supporter, customerId))
}

const plainSubject = async (s: Sizes): Promise<() => unknown> => {
  const accounts = new PlainMapAccounts()
  const customerId = accounts.register(registration(0))
  for (let step = 0; step < mixedCommandNames.length; step++) accounts.command(mixedCommandNames[step]!, mixedInput(step, customerId))
  accounts.setHostCounts(customerId, hostCounts)
  accounts.appendHistory(customerId, 0, s.history)
  return () => accounts.overview(customerId)
}

const emmettSubject = async (s: Sizes): Promise<() => unknown> => {
  const accounts = new EmmettAccounts()
  const customerId = await accounts.register(registration(0))
  for (let step = 0; step < mixedCommandNames.length; step++) await accounts.command(mixedCommandNames[step]!, mixedInput(step, customerId))
  accounts.setHostCounts(customerId, hostCounts)
  await accounts.appendHistory(customerId, 0, s.history)
  return () => accounts.overview(customerId)
}

const measure = async (name: string, make: (s: Sizes) => Promise<() => unknown>, s: Sizes): Promise<SubjectResult> => {
  const overview = await make(s)
  collectGarbage()
  return { subject: name, available: true, metrics: { overview: await timeOp(overview, s.timing, "the overview") } }
}

/** Runs the workload. */
export const run = async (s: Sizes, quick: boolean): Promise<WorkloadResult> => {
  const started = process.hrtime.bigint()
  const subjects: Array<SubjectResult> = []
  subjects.push(await measure("customer-account", engineSubject, s))
  collectGarbage()
  subjects.push(await measure("plain-map", plainSubject, s))
  collectGarbage()
  const emmett = await measure("emmett", emmettSubject, s)
  subjects.push({ ...emmett, notes: ["the state is folded from the whole stream on every overview (Emmett keeps no snapshot)"] })
  return {
    workload: "overview",
    title: "Overview of one customer with full tabs",
    quick,
    parameters: { history: s.history, commands: mixedCommandNames.length + 4, hostTabs: Object.keys(hostCounts).length, ...s.timing },
    subjects,
    durationMs: elapsedMs(started)
  }
}

if (import.meta.main) await main(sizes, run)
