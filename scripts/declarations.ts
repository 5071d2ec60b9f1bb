/**
 * Emits the package's declarations, one per module of src/, beside the per-module JavaScript
 * tsup writes to dist/: `dist/domain/Iban.d.ts` for `dist/domain/Iban.js` (ESM) and
 * `dist/domain/Iban.d.cts` for `dist/domain/Iban.cjs` (CJS).
 *
 * It compiles tsconfig.build.json (src/ only, no `paths`) with the TypeScript compiler API, and
 * rewrites every relative module specifier of the declarations (`from "./Ids.ts"`,
 * `import("../ports/AccountStore.ts")`) to the output's extension: `.js` in a `.d.ts`, `.cjs` in a
 * `.d.cts`, so each declaration file resolves to its sibling of the same format. Per-module files
 * keep every `const X` + `type X` pair a value and a type; a bundled declaration file turned such
 * pairs into type-only exports.
 *
 * `node scripts/declarations.ts` writes to dist/ (`npm run build` runs it); the test of declared
 * values (test/meta/declarations.test.ts) calls {@link emitDeclarations} with a temporary `outDir`.
 */
import { resolve } from "node:path"
import ts from "typescript"

const root = resolve(import.meta.dirname, "..")

/** The two declaration formats: the extension of the files and of the relative specifiers. */
const formats = [
  { declaration: ".d.ts", specifier: ".js" },
  { declaration: ".d.cts", specifier: ".cjs" }
] as const

const isRelative = (specifier: string): boolean => specifier.startsWith("./") || specifier.startsWith("../")

/** A declaration transformer rewriting relative `.ts` specifiers to `extension`. */
const rewriteSpecifiers = (extension: string): ts.TransformerFactory<ts.SourceFile | ts.Bundle> => (context) => {
  const { factory } = context
  const literal = (node: ts.Expression): ts.Expression =>
    ts.isStringLiteral(node) && isRelative(node.text) && node.text.endsWith(".ts")
      ? factory.createStringLiteral(node.text.replace(/\.ts$/, extension))
      : node
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isImportDeclaration(node)) {
      return factory.updateImportDeclaration(node, node.modifiers, node.importClause, literal(node.moduleSpecifier), node.attributes)
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) {
      return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, literal(node.moduleSpecifier), node.attributes)
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      const inner = ts.visitEachChild(node, visit, context)
      const argument = factory.updateLiteralTypeNode(node.argument, literal(node.argument.literal) as ts.StringLiteral)
      return factory.updateImportTypeNode(inner, argument, inner.attributes, inner.qualifier, inner.typeArguments, inner.isTypeOf)
    }
    return ts.visitEachChild(node, visit, context)
  }
  return (file) => ts.visitEachChild(file, visit, context) as ts.SourceFile | ts.Bundle
}

const formatDiagnostics = (diagnostics: ReadonlyArray<ts.Diagnostic>): string =>
  ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n"
  })

/** What {@link emitDeclarations} wrote. */
export interface Emitted {
  /** The absolute paths of the files written, `.d.ts` and `.d.cts`. */
  readonly files: ReadonlyArray<string>
}

/**
 * Compiles tsconfig.build.json and writes the `.d.ts` and `.d.cts` files to `outDir` (default:
 * the config's, dist/). Throws with the compiler's messages on any error.
 */
export const emitDeclarations = (options: { readonly outDir?: string } = {}): Emitted => {
  const configPath = resolve(root, "tsconfig.build.json")
  const config = ts.getParsedCommandLineOfConfigFile(configPath, options.outDir === undefined ? {} : { outDir: options.outDir }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(formatDiagnostics([d]))
    }
  })
  if (config === undefined) throw new Error(`cannot read ${configPath}`)
  if (config.errors.length > 0) throw new Error(formatDiagnostics(config.errors))
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options })
  const errors = ts.getPreEmitDiagnostics(program)
  if (errors.length > 0) throw new Error(formatDiagnostics(errors))
  const files: Array<string> = []
  for (const format of formats) {
    const result = program.emit(
      undefined,
      (fileName, text, bom) => {
        const target = fileName.replace(/\.d\.ts$/, format.declaration)
        ts.sys.writeFile(target, text, bom)
        files.push(target)
      },
      undefined,
      true,
      { afterDeclarations: [rewriteSpecifiers(format.specifier)] }
    )
    if (result.diagnostics.length > 0) throw new Error(formatDiagnostics(result.diagnostics))
  }
  return { files }
}

if (import.meta.main) {
  const { files } = emitDeclarations()
  console.log(`declarations: ${files.length} files`)
}
