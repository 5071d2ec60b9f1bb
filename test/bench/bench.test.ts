/**
 * Smoke test of the benchmark harness: `bench/run.ts --quick` runs two workloads in their own
 * processes and writes result JSON of the expected shape and a report. No timing is asserted.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { costRatio, goals, isBaseline, type StoredResult } from "../../bench/lib/report.ts"
import { hasSettled } from "../../bench/lib/warmup.ts"
import type { Metric } from "../../bench/lib/workload.ts"
import { longTest } from "../support/properties.ts"

const root = resolve(import.meta.dirname, "../..")
let dir = ""

const read = (workload: string): StoredResult => JSON.parse(readFileSync(join(dir, `${workload}.json`), "utf8")) as StoredResult

const expectMetric = (m: Metric | undefined) => {
  expect(m).toBeDefined()
  const metric = m!
  expect(["ops/s", "ms", "µs", "bytes"]).toContain(metric.unit)
  expect(metric.samples.length).toBe(metric.n)
  expect(metric.n).toBeGreaterThan(0)
  for (const x of [metric.median, metric.p25, metric.p75, metric.min, metric.max]) expect(Number.isFinite(x)).toBe(true)
  expect(metric.min).toBeLessThanOrEqual(metric.p25)
  expect(metric.p25).toBeLessThanOrEqual(metric.median)
  expect(metric.median).toBeLessThanOrEqual(metric.p75)
  expect(metric.p75).toBeLessThanOrEqual(metric.max)
  expect(metric.sample.length).toBeGreaterThan(0)
  if (metric.unit === "µs") expect(metric.opsPerSecond).toBeCloseTo(1e6 / metric.median)
}

describe("bench/run.ts --quick", () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bench-smoke-"))
    execFileSync(process.execPath, ["bench/run.ts", "--quick", "--only", "timeline,anonymize", "--results", dir], {
      cwd: root,
      stdio: "pipe",
      env: { ...process.env, BENCH_QUICK: "1" }
    })
  }, longTest)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("writes the timeline result with machine info, raw samples and summaries for the engine and both baselines", () => {
    const result = read("timeline")
    expect(result.workload).toBe("timeline")
    expect(result.quick).toBe(true)
    expect(result.command).toBe("npm run bench -- --quick")
    expect(typeof result.machine.cpuModel).toBe("string")
    expect(result.machine.cpus).toBeGreaterThan(0)
    expect(result.machine.memoryGiB).toBeGreaterThan(0)
    expect(result.machine.node).toBe(process.versions.node)
    expect(result.subjects.map((s) => s.subject)).toEqual(["customer-account", "plain-map", "emmett"])
    for (const subject of result.subjects) {
      expect(subject.available).toBe(true)
      for (const name of ["first", "deep", "group", "walk"]) expectMetric(subject.metrics[name])
    }
  })

  it("writes the anonymize result: measured where the subject offers it, a reason where not", () => {
    const result = read("anonymize")
    const engine = result.subjects.find((s) => s.subject === "customer-account")
    expect(engine).toBeDefined()
    if (engine!.available) expectMetric(engine!.metrics["anonymize"])
    else expect(engine!.reason).toBe("skipped: anonymize command not available")
    expectMetric(result.subjects.find((s) => s.subject === "plain-map")?.metrics["anonymize"])
    const emmett = result.subjects.find((s) => s.subject === "emmett")
    expect(emmett?.available).toBe(false)
    expect(emmett?.reason?.length ?? 0).toBeGreaterThan(0)
  })

  it("generates a report with a table per workload run, the goals and the command to reproduce", () => {
    const report = readFileSync(join(dir, "BENCHMARKS.md"), "utf8")
    expect(report).toContain("## Timeline pages (`timeline`)")
    expect(report).toContain("## Anonymize one customer (`anonymize`)")
    expect(report).toContain("| a timeline page at any depth under 10 µs |")
    expect(report).toContain("| within 2× of the valibot baseline per command | not measured | — |")
    expect(report).toContain("npm run bench -- --quick")
    expect(report).toContain("quick-mode numbers")
  })

  it("compares by cost: a lower rate or a longer time is a ratio above 1", () => {
    const m = (median: number, unit: Metric["unit"]): Metric => ({ median, unit, n: 1, p25: median, p75: median, min: median, max: median, sample: "x", samples: [median] })
    expect(costRatio(m(1_000, "ops/s"), m(4_000, "ops/s"))).toBe(4)
    expect(costRatio(m(30, "µs"), m(10, "µs"))).toBe(3)
    expect(costRatio(m(5, "ms"), m(10, "ms"))).toBe(0.5)
  })

  it("reads the goals off the commands result: mixed commands against valibot (2×) and the floor (8×)", () => {
    const m = (median: number): Metric => ({ median, unit: "ops/s", n: 1, p25: median, p75: median, min: median, max: median, sample: "x", samples: [median] })
    const subject = (name: string, mixed: number) => ({ subject: name, available: true, metrics: { mixed: m(mixed) } })
    const commands = {
      workload: "commands",
      title: "Command throughput",
      quick: false,
      parameters: {},
      durationMs: 1,
      subjects: [subject("customer-account", 120_000), subject("plain-map", 1_000_000), subject("valibot", 200_000), subject("emmett (command handler, 1,000 customers)", 50_000)]
    }
    const byGoal = new Map(goals(new Map([["commands", commands]])).map((g) => [g.goal, g]))
    expect(byGoal.get("at least 100,000 mixed commands per second on the memory engine")?.met).toBe(true)
    expect(byGoal.get("within 2× of the valibot baseline per command")?.met).toBe(true)
    expect(byGoal.get("within 8× of the plain-Map floor")?.met).toBe(false)
    expect(byGoal.get("the overview under 20 µs")?.met).toBeUndefined()
    expect(isBaseline("emmett (command handler, 1,000 customers)", "emmett")).toBe(true)
    expect(isBaseline("emmett-postgresql (same cluster)", "emmett")).toBe(false)
  })

  it("settles a warm-up once the median of the last rounds is within the tolerance of the rounds before", () => {
    const policy = { window: 3, tolerance: 0.05 }
    expect(hasSettled([100, 80, 60, 40, 30, 20], policy)).toBe(false)
    expect(hasSettled([40, 30, 20, 20, 21, 20], policy)).toBe(false)
    expect(hasSettled([20, 21, 20, 20, 50, 20], policy)).toBe(true)
    expect(hasSettled([20, 20, 20, 20], policy)).toBe(false)
  })
})
