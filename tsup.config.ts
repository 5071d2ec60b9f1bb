import { readFile } from "node:fs/promises"
import type { Plugin } from "esbuild"
import { defineConfig } from "tsup"
import ts from "typescript"

/**
 * Marks every call and `new` that runs while a module of src/ loads (the initializers of top-level
 * declarations and the `extends` clauses of top-level classes; never function bodies, never
 * expression statements) with `/* @__PURE__ *\/`, the way Effect's own build does. A bundler can
 * then drop a Schema, class or layer nobody imports, so a small import of `customer-account`
 * stays small. Safe because no module of src/ registers, caches or mutates anything while it
 * loads (module-level caches are filled lazily inside functions); a new top-level side effect
 * must be an expression statement, which is never annotated.
 */
const annotatePureCalls: Plugin = {
  name: "annotate-pure-calls",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, "utf8")
      const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true)
      const at = new Set<number>()
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node)) return
        if (ts.isClassLike(node)) return node.heritageClauses?.forEach(visit)
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) at.add(node.getStart(file))
        ts.forEachChild(node, visit)
      }
      for (const statement of file.statements) {
        if (ts.isVariableStatement(statement)) statement.declarationList.declarations.forEach((d) => d.initializer && visit(d.initializer))
        else if (ts.isClassDeclaration(statement)) visit(statement)
      }
      let out = text
      for (const position of [...at].sort((a, b) => b - a)) out = `${out.slice(0, position)}/* @__PURE__ */ ${out.slice(position)}`
      return { contents: out, loader: "ts" }
    })
  }
}

/**
 * Keeps the module structure of src/ in dist/ (`src/domain/Iban.ts` becomes `dist/domain/Iban.js`
 * and `.cjs`): every relative import stays an import, with `.ts` rewritten to the output's
 * extension. A bundler then sees `export * as Iban from "./domain/Iban.js"` as a static namespace
 * and keeps only the members a host uses; in one bundled chunk each namespace would be an object
 * holding every member. Both entries import the very same module files, so
 * `customer-account/testing` uses the classes of the main entry.
 */
const keepModules: Plugin = {
  name: "keep-modules",
  setup(build) {
    const extension = build.initialOptions.format === "cjs" ? ".cjs" : ".js"
    build.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, ({ path, kind }) =>
      kind === "entry-point" ? undefined : { path: path.replace(/\.ts$/, extension), external: true })
  }
}

// The JavaScript build: one file per module of src/ (see keepModules). The declarations are not
// built here: scripts/declarations.ts emits one `.d.ts` and one `.d.cts` per module beside these
// files (`npm run build` runs both). A bundled declaration file per entry turned every
// `const X` + `type X` pair into a type-only export.
export default defineConfig({
  target: "node22",
  external: ["effect", "fast-check", "vitest"],
  clean: false,
  // `node:` prefixes stay: `node:sqlite` exists only under its prefix.
  removeNodeProtocol: false,
  entry: ["src/**/*.ts"],
  format: ["esm", "cjs"],
  dts: false,
  sourcemap: true,
  splitting: false,
  esbuildPlugins: [keepModules, annotatePureCalls]
})
