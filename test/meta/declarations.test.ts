/**
 * Every runtime export of each entry point is declared as a value, in the ESM (`.d.ts`) and the
 * CommonJS (`.d.cts`) declarations. The declarations are emitted fresh, with the build's own
 * emitter (scripts/declarations.ts), into a temporary directory: no prior `npm run build` needed.
 * The runtime exports are the keys of the entry modules of src/ (the JavaScript of dist/ is built
 * from them one module per file, so it has the same keys).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { emitDeclarations } from "../../scripts/declarations.ts"
import { type Probe, runtimeValues, type Undeclared, undeclaredValues, type ValuePath } from "../support/declaredValues.ts"

const scratch = resolve(import.meta.dirname, "../../.tmp")
let dir = ""

const entries = [
  { entry: "customer-account", load: () => import("../../src/index.ts"), file: "./index", least: 400 },
  { entry: "customer-account/testing", load: () => import("../../src/testing/index.ts"), file: "./testing/index", least: 10 },
  { entry: "customer-account/promise", load: () => import("../../src/promise/index.ts"), file: "./promise/index", least: 10 }
] as const
const formats = [
  { format: "esm", declaration: ".d.ts", extension: ".js" },
  { format: "cjs", declaration: ".d.cts", extension: ".cjs" }
] as const

const cases = entries.flatMap((entry) => formats.map((format) => ({ ...entry, ...format })))
let probes: ReadonlyArray<Probe> = []
let results: ReadonlyArray<ReadonlyArray<Undeclared>> = []

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true })
  dir = mkdtempSync(join(scratch, "declarations-"))
  emitDeclarations({ outDir: dir })
  probes = await Promise.all(cases.map(async ({ file, extension, format, load }) => ({
    specifier: `${file}${extension}`,
    format,
    values: runtimeValues(await load())
  })))
  results = undeclaredValues(dir, probes)
}, 600_000)

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true })
})

describe("declarations keep every runtime export a value", () => {
  cases.forEach(({ declaration, entry, least }, index) => {
    it(`${entry} (${declaration})`, () => {
      expect(probes[index]?.values.length).toBeGreaterThan(least)
      expect(results[index]).toEqual([])
    })
  })

  it("the check fails on a bundled declaration that re-exports a `const X` + `type X` pair as a type", () => {
    // The shape the old bundled dist/index.d.ts had (rollup-plugin-dts): a namespace holding a
    // type-only re-export. Run over that file, this check reported 164 of the 651 runtime exports
    // of the root (161 of the 582 namespace members, and 3 namespaces holding only such members),
    // in the .d.ts and the .d.cts alike.
    writeFileSync(
      join(dir, "bundled.d.ts"),
      [
        "declare const Ids_TenantId: { readonly make: (s: string) => string }",
        "type Ids_TenantId = string",
        "declare const isTenant: (u: unknown) => boolean",
        "declare namespace Ids {",
        "  export type { Ids_TenantId as TenantId }",
        "}",
        "declare namespace Guards {",
        "  export { isTenant }",
        "}",
        "export { Guards, Ids }",
        ""
      ].join("\n")
    )
    const values: ReadonlyArray<ValuePath> = [["Ids"], ["Ids", "TenantId"], ["Guards"], ["Guards", "isTenant"], ["Missing"]]
    const found = undeclaredValues(dir, [{ specifier: "./bundled.js", format: "esm", values }, { specifier: "./bundled.js", format: "cjs", values }])
    for (const undeclared of found) {
      expect(undeclared.map((u) => u.path)).toEqual(["Ids.TenantId", "Missing"])
      expect(undeclared[0]?.message).toContain("'TenantId'")
    }
  }, 120_000)
})
