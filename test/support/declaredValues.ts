/**
 * Compares what a module exports at run time with what its declaration files let TypeScript use
 * as a value. For every runtime export (and, inside a namespace export, every member, down to
 * any depth), a probe file beside the declarations uses it as a value (`void M.Ids.TenantId`),
 * the way a user's code does; the probe is type-checked like a user's project (strict, nodenext)
 * and every line with an error names an export that is missing from the declarations or declared
 * as a type only (`error TS2708: Cannot use namespace 'Ids' as a value`, `TS1361: ... cannot be
 * used as a value because it was exported using 'export type'`).
 */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import ts from "typescript"

/** A value a module exports at run time: its path from the module, e.g. `["Ids", "TenantId"]`. */
export type ValuePath = ReadonlyArray<string>

const isNamespace = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === "Module"

/** Every runtime export of `module`, namespaces first and then their members, depth first. */
export const runtimeValues = (module: object, prefix: ValuePath = []): ReadonlyArray<ValuePath> =>
  Object.keys(module).flatMap((key) => {
    const value = (module as Record<string, unknown>)[key]
    const path = [...prefix, key]
    return [path, ...(isNamespace(value) ? runtimeValues(value, path) : [])]
  })

const access = (path: ValuePath): string =>
  path.map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)).join("")

/** One runtime export TypeScript cannot use as a value, with the compiler's message. */
export interface Undeclared {
  /** The export, e.g. `Ids.TenantId`. */
  readonly path: string
  /** The first error on its line. */
  readonly message: string
}

/** One probe: the runtime exports `values` of the module `specifier` resolves to. */
export interface Probe {
  /** A relative specifier, from the directory of the declarations, e.g. `./index.js`. */
  readonly specifier: string
  /** An ESM probe (`import * as M from specifier`, a `.mts`) or a CommonJS one (`import M = require(specifier)`, a `.cts`). */
  readonly format: "esm" | "cjs"
  /** The runtime exports to use as values. */
  readonly values: ReadonlyArray<ValuePath>
}

/**
 * For each probe, the runtime exports that the declarations do not declare as values. `dir` holds
 * the declarations and must sit inside the repository, so `effect` resolves from its
 * node_modules. All probes are checked in one program (the declarations of `effect` are read
 * once).
 */
export const undeclaredValues = (dir: string, probes: ReadonlyArray<Probe>): ReadonlyArray<ReadonlyArray<Undeclared>> => {
  const files = probes.map(({ format, specifier, values }, index) => {
    const header = format === "esm"
      ? `import * as M from ${JSON.stringify(specifier)}`
      : `import M = require(${JSON.stringify(specifier)})`
    const path = join(dir, `probe-${index}.${format === "esm" ? "mts" : "cts"}`)
    writeFileSync(path, [header, ...values.map((value) => `void M${access(value)}`)].join("\n") + "\n")
    return path
  })
  const program = ts.createProgram({
    rootNames: files,
    options: {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2023,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"]
    }
  })
  return probes.map(({ specifier, values }, index) => {
    const path = files[index]!
    const file = program.getSourceFile(path)
    if (file === undefined) throw new Error(`probe ${path} not in the program`)
    const byLine = new Map<number, string>()
    for (const diagnostic of [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]) {
      const line = diagnostic.start === undefined ? 0 : file.getLineAndCharacterOfPosition(diagnostic.start).line
      if (!byLine.has(line)) byLine.set(line, ts.flattenDiagnosticMessageText(diagnostic.messageText, " "))
    }
    const header = byLine.get(0)
    if (header !== undefined) throw new Error(`${specifier} does not resolve from ${path}: ${header}`)
    return values.flatMap((value, i) => {
      const message = byLine.get(i + 1)
      return message === undefined ? [] : [{ path: value.join("."), message }]
    })
  })
}
