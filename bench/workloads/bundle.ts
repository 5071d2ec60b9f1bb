/**
 * Workload 6, bundle size: a tiny entry importing from the package (resolved to the built `dist/`)
 * is bundled with esbuild (bundle, minify, tree-shaking, ESM, browser-neutral platform), and the
 * output's bytes are counted raw and gzipped (node:zlib, level 9); once with `effect` bundled in,
 * once with `effect` left external. Emmett's in-memory event store and command handler, bundled
 * the same way, is the comparison.
 *
 * It also counts the bytes of the declarations a TypeScript user's compiler reads (issue 10: the
 * main declaration file under 150 KB): `dist/index.d.ts`, the largest declaration file, and all
 * `.d.ts` (ESM) and `.d.cts` (CommonJS) files together.
 *
 * The full run rebuilds `dist/` first (`npm run build`); the quick run uses `dist/` as it is and
 * builds only when it is missing.
 */
import { execSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative, resolve } from "node:path"
import { gzipSync } from "node:zlib"
import { build } from "esbuild"
import { elapsedMs } from "../lib/stats.ts"
import { main, type Metric, metric, type SubjectResult, type WorkloadResult } from "../lib/workload.ts"

/** The sizes of the workload (none: it is a measurement of bytes). */
export interface Sizes {
  /** Whether to rebuild `dist/` first. */
  readonly rebuild: boolean
}

/** Full and quick sizes. */
export const sizes: { readonly full: Sizes; readonly quick: Sizes } = {
  full: { rebuild: true },
  quick: { rebuild: false }
}

const root = resolve(import.meta.dirname, "../..")

/** The entries: what a typical host imports. */
const entries: ReadonlyArray<{ readonly subject: string; readonly name: string; readonly what: string; readonly code: string }> = [
  {
    subject: "customer-account",
    name: "engine",
    what: "the engine on the memory adapters: register a customer and read its overview",
    code: `
import { Effect } from "effect"
import { Actor, CustomerAccounts, Ids, Memory } from "customer-account"
const caller = {
  tenantId: Ids.TenantId.make("acme"),
  actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions: ["read-account", "register"] }] }
}
export const program = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const { customerId } = yield* accounts.register(caller, { profile: { kind: "private", salutation: "mrs",
    firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" }, registrationSource: "back-office" })
  return yield* accounts.overview(caller, customerId)
}).pipe(Effect.provide(Memory.layer()))
`
  },
  {
    subject: "customer-account",
    name: "domain",
    what: "domain rules only: the status and consent transitions and the IBAN check",
    code: `
import { Consent, Iban, Lifecycle } from "customer-account"
export const rules = [Lifecycle.statusTransitions, Consent.consentTransitions, Iban.isValidIban]
`
  },
  {
    subject: "emmett",
    name: "event store",
    what: "Emmett's in-memory event store and command handler",
    code: `
import { CommandHandler, getInMemoryEventStore } from "@event-driven-io/emmett"
export const store = getInMemoryEventStore()
export const handle = CommandHandler({ evolve: (s, e) => s, initialState: () => ({}) })
`
  }
]

const bundleBytes = async (code: string, effectExternal: boolean): Promise<{ readonly raw: number; readonly gzip: number }> => {
  const dir = mkdtempSync(join(tmpdir(), "customer-account-bundle-"))
  try {
    const entry = join(dir, "entry.js")
    writeFileSync(entry, code)
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      treeShaking: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      write: false,
      logLevel: "silent",
      nodePaths: [join(root, "node_modules")],
      alias: { "customer-account": join(root, "dist/index.js") },
      external: effectExternal ? ["effect", "effect/*", "node:*"] : ["node:*"]
    })
    const bytes = result.outputFiles[0]!.contents
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The declaration files of dist/ (`.d.ts` and `.d.cts`) with their sizes in bytes. */
const declarationFiles = (dir: string): ReadonlyArray<{ readonly path: string; readonly bytes: number }> =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".d.ts") || f.endsWith(".d.cts"))
    .map((f) => ({ path: relative(root, join(dir, f)), bytes: statSync(join(dir, f)).size }))

/** The declaration metrics: the main file, the largest file, the totals per format. */
const declarationMetrics = (notes: Array<string>): Record<string, Metric> => {
  const files = declarationFiles(join(root, "dist"))
  const main = files.find((f) => f.path === join("dist", "index.d.ts"))
  if (main === undefined) throw new Error("dist/index.d.ts is missing")
  const largest = files.reduce((a, b) => (b.bytes > a.bytes ? b : a))
  const total = (suffix: string) => files.filter((f) => f.path.endsWith(suffix)).reduce((n, f) => n + f.bytes, 0)
  const esm = files.filter((f) => f.path.endsWith(".d.ts")).length
  notes.push(`declarations: ${files.length} files (${esm} .d.ts, ${files.length - esm} .d.cts); the largest is ${largest.path}`)
  return {
    "declarations: main file (dist/index.d.ts)": metric([main.bytes], "bytes", "the bytes of dist/index.d.ts, the root entry's declaration file"),
    "declarations: largest file": metric([largest.bytes], "bytes", `the bytes of the largest declaration file (${largest.path})`),
    "declarations: all .d.ts (ESM)": metric([total(".d.ts")], "bytes", "the bytes of every .d.ts file of dist/"),
    "declarations: all .d.cts (CommonJS)": metric([total(".d.cts")], "bytes", "the bytes of every .d.cts file of dist/")
  }
}

/** Runs the workload. */
export const run = async (s: Sizes, quick: boolean): Promise<WorkloadResult> => {
  const started = process.hrtime.bigint()
  const notes: Array<string> = []
  if (s.rebuild || !existsSync(join(root, "dist/index.js"))) {
    execSync("npm run build --silent", { cwd: root, stdio: ["ignore", "ignore", "inherit"] })
    notes.push("dist/ rebuilt with npm run build before bundling")
  } else notes.push("dist/ used as it was (quick run)")
  const bySubject = new Map<string, Record<string, Metric>>()
  for (const entry of entries) {
    const metrics = bySubject.get(entry.subject) ?? {}
    for (const external of [false, true]) {
      const { raw, gzip } = await bundleBytes(entry.code, external)
      const label = `${entry.name}, effect ${external ? "excluded" : "included"}`
      metrics[`${label}: minified`] = metric([raw], "bytes", `${entry.what}, minified`)
      metrics[`${label}: gzipped`] = metric([gzip], "bytes", `${entry.what}, minified and gzipped`)
    }
    bySubject.set(entry.subject, metrics)
  }
  bySubject.set("customer-account", { ...bySubject.get("customer-account"), ...declarationMetrics(notes) })
  const subjects: Array<SubjectResult> = [...bySubject].map(([subject, metrics]) => ({
    subject,
    available: true,
    metrics,
    ...(subject === "customer-account" ? { notes } : {})
  }))
  return {
    workload: "bundle",
    title: "Bundle size",
    quick,
    parameters: { bundler: "esbuild", minify: true, format: "esm", gzipLevel: 9 },
    subjects,
    durationMs: elapsedMs(started)
  }
}

if (import.meta.main) await main(sizes, run)
