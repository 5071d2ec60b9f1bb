/**
 * BENCHMARKS.md, generated from the result files (bench/results/*.json) so that the page and the
 * numbers cannot drift: a table per workload, the goals with their state, the machine, how to run
 * and read it, and the findings written by hand in bench/FINDINGS.md.
 */
import type { MachineInfo } from "./machine.ts"
import type { Metric, WorkloadResult } from "./workload.ts"

/** What bench/run.ts writes per workload. */
export interface StoredResult extends WorkloadResult {
  readonly machine: MachineInfo
  readonly startedAt: string
  readonly command: string
}

/**
 * The subjects the engine is compared with, one column each. A subject named `emmett (...)` (the
 * store size in its name) counts as `emmett`.
 */
export const baselines = ["plain-map", "valibot", "effect-service", "emmett"] as const

/** Whether a subject is the baseline `b`, or `b` with a qualifier in parentheses. */
export const isBaseline = (subject: string, b: string): boolean => subject === b || subject.startsWith(`${b} (`)

const engine = "customer-account"

const digits = (x: number): string => {
  if (!Number.isFinite(x)) return "—"
  const abs = Math.abs(x)
  const fraction = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3
  return x.toLocaleString("en-US", { minimumFractionDigits: fraction, maximumFractionDigits: fraction })
}

const withUnit = (x: number, unit: Metric["unit"]): string => (unit === "bytes" ? `${digits(x)} B` : `${digits(x)} ${unit}`)

/** Operations per second of a metric's median, where it is a rate or a time per operation. */
export const opsPerSecond = (m: Metric): number | undefined => {
  if (m.opsPerSecond !== undefined) return m.opsPerSecond
  switch (m.unit) {
    case "ops/s":
      return m.median
    case "µs":
      return 1e6 / m.median
    case "ms":
      return 1e3 / m.median
    case "bytes":
      return undefined
  }
}

/** How many times the engine's median costs the baseline's: above 1, the engine is slower (or larger). */
export const costRatio = (ours: Metric, theirs: Metric): number =>
  ours.unit === "ops/s" ? theirs.median / ours.median : ours.median / theirs.median

const ratioText = (ratio: number, unit: Metric["unit"]): string => {
  if (!Number.isFinite(ratio) || ratio <= 0) return "—"
  const [worse, better] = unit === "bytes" ? ["larger", "smaller"] : ["slower", "faster"]
  return ratio >= 1 ? `${digits(ratio)}× ${worse}` : `${digits(1 / ratio)}× ${better}`
}

const spread = (m: Metric): string =>
  m.n <= 1 ? "—" : `${digits(m.p25)}–${digits(m.p75)} (min ${digits(m.min)}, max ${digits(m.max)})`

const metricOf = (r: WorkloadResult | undefined, subject: string, name: string): Metric | undefined =>
  r?.subjects.find((s) => s.subject === subject && s.available)?.metrics[name]

const baselineMetricOf = (r: WorkloadResult | undefined, b: string, name: string): Metric | undefined =>
  r?.subjects.find((s) => isBaseline(s.subject, b) && s.available)?.metrics[name]

/** The table of one workload. */
export const workloadTable = (r: WorkloadResult): string => {
  const lines: Array<string> = []
  const shown = baselines.filter((b) => r.subjects.some((s) => isBaseline(s.subject, b)))
  lines.push(`| Metric | Subject | Median | Spread p25–p75 (min, max) | ops/s | ${shown.map((b) => `vs ${b} | `).join("")}n |`)
  lines.push(`|---|---|--:|---|--:|${shown.map(() => "---|").join("")}--:|`)
  const names = [...new Set(r.subjects.flatMap((s) => Object.keys(s.metrics)))]
  for (const name of names) {
    for (const s of r.subjects) {
      const m = s.metrics[name]
      if (m === undefined) continue
      const ops = opsPerSecond(m)
      const vs = shown.map((b) => {
        if (s.subject !== engine) return ""
        const theirs = baselineMetricOf(r, b, name)
        return theirs === undefined ? "—" : ratioText(costRatio(m, theirs), m.unit)
      })
      lines.push(
        `| ${name} | ${s.subject} | ${withUnit(m.median, m.unit)} | ${spread(m)} | ${ops === undefined ? "—" : digits(ops)} | ${vs.map((x) => `${x} | `).join("")}${m.n} |`
      )
    }
  }
  const missing = r.subjects.filter((s) => !s.available)
  for (const s of missing) lines.push(`| — | ${s.subject} | ${s.reason ?? "not available"} | | |${shown.map(() => " |").join("")} |`)
  const notes = r.subjects.flatMap((s) => (s.notes ?? []).map((n) => `- ${s.subject}: ${n}`))
  const parameters = Object.entries(r.parameters).map(([k, v]) => `${k} = ${typeof v === "number" ? v.toLocaleString("en-US") : String(v)}`)
  return [
    lines.join("\n"),
    "",
    `Parameters: ${parameters.join(", ")}. One sample: ${[...new Set(r.subjects.flatMap((s) => Object.values(s.metrics).map((m) => m.sample)))].slice(0, 3).join("; ")}.`,
    ...(notes.length === 0 ? [] : ["", ...notes])
  ].join("\n")
}

/** One goal and whether the run reached it. */
export interface Goal {
  readonly goal: string
  readonly measured: string
  readonly met: boolean | undefined
}

/** The most heap per customer with 20 activities the goal allows: 8 KB. */
export const heapGoalBytes = 8_192

/** The issue's goals (issue 15), read off the results. */
export const goals = (byName: ReadonlyMap<string, WorkloadResult & { readonly startedAt?: string }>): ReadonlyArray<Goal> => {
  const commands = byName.get("commands")
  const mixed = metricOf(commands, engine, "mixed")
  const unknown = (goal: string): Goal => ({ goal, measured: "not measured", met: undefined })
  const ratioGoal = (goal: string, baseline: string, limit: number): Goal => {
    const theirs = baselineMetricOf(commands, baseline, "mixed")
    if (mixed === undefined || theirs === undefined) return unknown(goal)
    const ratio = costRatio(mixed, theirs)
    return { goal, measured: `${ratioText(ratio, "ops/s")} (mixed commands: ${digits(1e6 / mixed.median)} µs against ${digits(1e6 / theirs.median)} µs per command)`, met: ratio <= limit }
  }
  const timeline = byName.get("timeline")
  const pages = ["first", "deep", "group"].map((n) => metricOf(timeline, engine, n)).filter((m) => m !== undefined)
  const slowest = pages.length === 0 ? undefined : Math.max(...pages.map((m) => m.median))
  const overview = metricOf(byName.get("overview"), engine, "overview")
  const anonymize = metricOf(byName.get("anonymize"), engine, "anonymize")
  const anonymizedActivities = byName.get("anonymize")?.parameters["activities"]
  const memory = metricOf(byName.get("memory"), engine, "overall")
  const sql = byName.get("sql")
  const cpu = (sql?.subjects ?? []).filter((s) => s.available && !s.subject.startsWith("emmett"))
    .flatMap((s) => {
      const m = s.metrics["Node CPU per command"]
      return m === undefined ? [] : [{ subject: s.subject, median: m.median }]
    })
  return [
    mixed === undefined ? unknown("at least 100,000 mixed commands per second on the memory engine") : {
      goal: "at least 100,000 mixed commands per second on the memory engine",
      measured: `${digits(mixed.median)} mixed commands/s`,
      met: mixed.median >= 100_000
    },
    ratioGoal("within 2× of the valibot baseline per command", "valibot", 2),
    ratioGoal("within 8× of the plain-Map floor", "plain-map", 8),
    slowest === undefined ? unknown("a timeline page at any depth under 10 µs") : {
      goal: "a timeline page at any depth under 10 µs",
      measured: `slowest median ${digits(slowest)} µs (first, deep and group-filtered pages)`,
      met: slowest < 10
    },
    overview === undefined ? unknown("the overview under 20 µs") : {
      goal: "the overview under 20 µs",
      measured: `${digits(overview.median)} µs`,
      met: overview.median < 20
    },
    anonymize === undefined || anonymizedActivities !== 10_000 ? unknown("anonymizing 10,000 activities under 20 ms") : {
      goal: "anonymizing 10,000 activities under 20 ms",
      measured: `${digits(anonymize.median)} ms`,
      met: anonymize.median < 20
    },
    memory === undefined ? unknown("at most 8 KB heap per customer with 20 activities") : {
      goal: "at most 8 KB heap per customer with 20 activities",
      measured: `${digits(memory.median)} B per customer`,
      met: memory.median <= heapGoalBytes
    },
    cpu.length === 0 ? unknown("under 300 µs of Node CPU per durable command (SQL stores)") : {
      goal: "under 300 µs of Node CPU per durable command (SQL stores)",
      measured: cpu.map((c) => `${c.subject}: ${digits(c.median)} µs`).join("; ") + (sql?.startedAt === undefined ? "" : ` (run of ${sql.startedAt.slice(0, 10)})`),
      met: cpu.every((c) => c.median < 300)
    }
  ]
}

const machineText = (m: MachineInfo): string =>
  `${m.cpuModel}, ${m.cpus} cores, ${m.memoryGiB} GiB memory; Node ${m.node} (V8 ${m.v8}); ${m.platform} ${m.arch} ${m.osRelease}`

const howTo = `## How to run and read it

\`\`\`sh
npm run bench                 # the workloads at full size (under 10 minutes without sql); writes bench/results/*.json and this page
npm run bench -- --quick      # small sizes, same warm-up rule, about two minutes; results go to a temporary folder, this page is left alone
npm run bench -- --only timeline,overview   # some workloads only
npm run bench -- --report-only               # regenerate this page from bench/results/*.json
CI=true bash scripts/with-postgres.sh npm run bench -- --only sql   # the SQL stores (needs PostgreSQL; SQLite runs in-process)
\`\`\`

\`bench/run.ts\` starts each workload (\`bench/workloads/*.ts\`) in its own Node process (with
\`--expose-gc\`), on the in-memory engine (\`Memory.layer()\`, imported from \`src/\`), next to
baselines fed the same inputs in the same process:

- **plain-map** (\`bench/baselines/plainMap.ts\`): hand-written \`Map\`s and arrays, no validation, no
  permissions, no copies, state mutated in place: the in-process floor.
- **valibot** (\`bench/baselines/valibot.ts\`, commands only): plain functions, every input parsed by a
  valibot schema, the same decisions written by hand, immutable (frozen, replaced) state.
- **effect-service** (\`bench/baselines/effectService.ts\`, commands only): a hand-written Effect service
  on the package's own input Schemas, domain deciders and \`Account\`/\`Activity\` classes, one
  \`Effect.gen\` per command, without the engine's pipeline.
- **emmett** (\`bench/baselines/emmett.ts\`): Emmett's \`CommandHandler\` on its in-memory event store
  making the same decisions; in the commands table on a store of 1,000 customers (the store's
  appends cost O(store size), so a larger store would measure the test store, not the handler).

What each baseline checks and leaves out is listed under "The baselines" in the findings below.
Every measurement warms up first, in rounds, until the time per operation settles (the median of the
last three rounds within 5% of the three before, at least 300 ms, at most 15 s: \`bench/lib/warmup.ts\`;
the table's notes and the JSON say how many rounds ran and whether they settled). Numbers are the
**median** of several samples with their **spread** (p25–p75, min and max). **ops/s** is the rate (or
1 / median time). **vs <baseline>** compares the engine's median with the baseline's: "3× slower"
means the engine needs three times the baseline's time (or has a third of its rate); for bytes,
"larger". The raw samples are in \`bench/results/<workload>.json\`. The goals are targets, not
assertions: nothing fails when one is missed. Timing numbers move with the machine and its load;
compare ratios within one run.`

/** BENCHMARKS.md from the results of a run and the hand-written findings. */
export const renderReport = (results: ReadonlyArray<StoredResult>, findings: string): string => {
  const order = ["commands", "timeline", "overview", "anonymize", "memory", "bundle", "sql"]
  const sorted = [...results].sort((a, b) => order.indexOf(a.workload) - order.indexOf(b.workload))
  const byName = new Map(sorted.map((r) => [r.workload, r]))
  const machines = [...new Set(sorted.map((r) => machineText(r.machine)))]
  const commands = [...new Set(sorted.map((r) => r.command))]
  const out: Array<string> = []
  out.push("# Benchmarks")
  out.push("")
  out.push("<!-- Generated by bench/run.ts from bench/results/*.json and bench/FINDINGS.md: do not edit by hand. -->")
  out.push("")
  out.push(`Measured on ${machines.join("; ")}, ${sorted.map((r) => r.startedAt).sort()[0] ?? "—"}.`)
  out.push(`Reproduce with \`${commands.join("`, `")}\`.`)
  if (sorted.some((r) => r.quick)) out.push("", "**These are quick-mode numbers (small sizes): not representative.**")
  out.push("", "## Goals", "", "| Goal | Measured | Reached |", "|---|---|---|")
  for (const g of goals(byName)) out.push(`| ${g.goal} | ${g.measured} | ${g.met === undefined ? "—" : g.met ? "yes" : "**no**"} |`)
  for (const r of sorted) {
    out.push("", `## ${r.title} (\`${r.workload}\`)`, "", workloadTable(r))
  }
  out.push("", howTo)
  if (findings.trim().length > 0) out.push("", findings.trim())
  return `${out.join("\n")}\n`
}
