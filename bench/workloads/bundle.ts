/**
 * Workload 6, bundle size: a tiny entry importing from the package (resolved to the built `dist/`)
 * is bundled with esbuild (bundle, minify, tree-shaking, ESM, browser-neutral platform), and the
 * output's bytes are counted raw and gzipped (node:zlib, level 9); once with `effect` bundled in,
 * once with `effect` left external. Emmett's in-memory event store and command handler, bundled
 * the same way, is the comparison.
 *
 * The full run rebuilds `dist/` first (`npm run build`); the quick run uses `dist/` as it is and
 * builds only when it is missing.
 */
import { execSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
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
      external: effectExternal ? ["effect", "effect/*"] : []
    })
    const bytes = result.outputFiles[0]!.contents
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  } finally {
    rmSync(dir, { recursive: true, force: true })
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
