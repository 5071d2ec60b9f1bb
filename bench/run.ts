/**
 * The benchmark harness: runs each workload in its own Node process, stores each result as JSON
 * and generates BENCHMARKS.md from the stored results.
 *
 *   node bench/run.ts [--quick] [--only a,b] [--results <dir>] [--report-only]
 *
 * Full runs write bench/results/<workload>.json and BENCHMARKS.md. Quick runs (`--quick` or
 * `BENCH_QUICK=1`) write to a temporary folder (or `--results <dir>`) and leave BENCHMARKS.md alone.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { machineInfo } from "./lib/machine.ts"
import { renderReport, type StoredResult } from "./lib/report.ts"
import { argValue, isQuick, type WorkloadResult } from "./lib/workload.ts"

const root = resolve(import.meta.dirname, "..")

/** The workloads in running order, with the Node flags each needs. */
export const workloads: ReadonlyArray<{ readonly name: string; readonly flags: ReadonlyArray<string> }> = [
  { name: "commands", flags: ["--expose-gc", "--max-old-space-size=6144"] },
  { name: "timeline", flags: ["--expose-gc"] },
  { name: "overview", flags: ["--expose-gc"] },
  { name: "anonymize", flags: ["--expose-gc"] },
  { name: "memory", flags: ["--expose-gc"] },
  { name: "bundle", flags: [] },
  { name: "sql", flags: [] }
]

const readResults = (dir: string): Array<StoredResult> =>
  existsSync(dir)
    ? readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as StoredResult)
    : []

const writeReport = (dir: string, file: string): void => {
  const findingsFile = join(root, "bench/FINDINGS.md")
  const findings = existsSync(findingsFile) ? readFileSync(findingsFile, "utf8") : ""
  writeFileSync(file, renderReport(readResults(dir), findings))
  console.log(`wrote ${file}`)
}

const main = (): number => {
  const quick = isQuick()
  const resultsDir = resolve(argValue("--results") ?? (quick ? join(tmpdir(), "customer-account-bench-quick") : join(root, "bench/results")))
  const reportFile = quick ? join(resultsDir, "BENCHMARKS.md") : join(root, "BENCHMARKS.md")
  if (process.argv.includes("--report-only")) {
    writeReport(resultsDir, reportFile)
    return 0
  }
  const only = argValue("--only")?.split(",").map((s) => s.trim())
  const unknown = only?.filter((n) => !workloads.some((w) => w.name === n)) ?? []
  if (unknown.length > 0) {
    console.error(`unknown workload(s): ${unknown.join(", ")}; known: ${workloads.map((w) => w.name).join(", ")}`)
    return 2
  }
  mkdirSync(resultsDir, { recursive: true })
  const machine = machineInfo()
  const command = quick ? "npm run bench -- --quick" : "npm run bench"
  let failed = 0
  for (const w of workloads) {
    if (only !== undefined && !only.includes(w.name)) continue
    const out = join(resultsDir, `${w.name}.json.tmp`)
    const startedAt = new Date().toISOString()
    console.log(`== ${w.name}${quick ? " (quick)" : ""}`)
    const child = spawnSync(
      process.execPath,
      [...w.flags, join(root, "bench/workloads", `${w.name}.ts`), ...(quick ? ["--quick"] : []), "--out", out],
      { cwd: root, stdio: ["ignore", "inherit", "inherit"] }
    )
    if (child.status !== 0 || !existsSync(out)) {
      console.error(`${w.name} failed (exit ${child.status ?? child.signal})`)
      failed++
      continue
    }
    const result = JSON.parse(readFileSync(out, "utf8")) as WorkloadResult
    const stored: StoredResult = { ...result, machine, startedAt, command }
    writeFileSync(join(resultsDir, `${w.name}.json`), `${JSON.stringify(stored, null, 2)}\n`)
    rmSync(out)
    console.log(`   ${(result.durationMs / 1000).toFixed(1)} s: ${summary(result)}`)
  }
  for (const f of readdirSync(resultsDir).filter((f) => f.endsWith(".tmp"))) rmSync(join(resultsDir, f))
  writeReport(resultsDir, reportFile)
  return failed === 0 ? 0 : 1
}

const summary = (r: WorkloadResult): string =>
  r.subjects
    .map((s) => {
      if (!s.available) return `${s.subject}: ${s.reason ?? "n/a"}`
      const [name, m] = Object.entries(s.metrics)[0] ?? []
      return m === undefined ? s.subject : `${s.subject} ${name} ${Math.round(m.median).toLocaleString("en-US")} ${m.unit}`
    })
    .join("; ")

process.exitCode = main()
