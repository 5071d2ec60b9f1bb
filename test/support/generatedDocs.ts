/**
 * Renders the parts of docs/ that are generated from the code, so the prose around them cannot
 * drift from the rules: `npm run docs:sync` rewrites them, the tests compare them.
 */
import * as ActivityType from "../../src/domain/ActivityType.ts"
import * as Consent from "../../src/domain/Consent.ts"
import * as Country from "../../src/domain/Country.ts"
import * as Lifecycle from "../../src/domain/Lifecycle.ts"
import * as NoteFile from "../../src/domain/NoteFile.ts"
import * as Permission from "../../src/domain/Permission.ts"
import { personalFields } from "../../src/domain/PersonalData.ts"
import * as PostalCode from "../../src/domain/PostalCode.ts"
import { Rules, ruleIds } from "../../src/domain/Rules.ts"
import { SchemaAST } from "effect"
import { catalogue } from "../../src/catalogue/Catalogue.ts"
import type { Declaration, ErrorSchema } from "../../src/catalogue/Declaration.ts"
import { errorMeanings, type ErrorTag } from "../../src/catalogue/ErrorMeanings.ts"
import { problemStatuses } from "../../src/transport/Problem.ts"

export type Blocks = Record<string, string>

const statusDiagram = (): string => {
  const lines = ["```mermaid", "stateDiagram-v2", "  [*] --> active: register"]
  for (const from of Lifecycle.statuses) {
    for (const to of Lifecycle.statusTransitions[from]) lines.push(`  ${from} --> ${to}`)
  }
  lines.push("  anonymized --> [*]", "```")
  return lines.join("\n")
}

const table = <S extends string>(states: ReadonlyArray<S>, targets: ReadonlyArray<S>, cell: (from: S, to: S) => string) =>
  [
    `| from \\ to | ${targets.join(" | ")} |`,
    `|---|${targets.map(() => "---").join("|")}|`,
    ...states.map((from) => `| ${from} | ${targets.map((to) => cell(from, to)).join(" | ")} |`)
  ].join("\n")

const statusTable = (): string =>
  table(Lifecycle.statuses, Lifecycle.statuses, (from, to) => from === to ? "-" : Lifecycle.canTransition(from, to) ? "yes" : "no")

const consentDiagram = (): string => {
  const lines = ["```mermaid", "stateDiagram-v2", "  [*] --> none"]
  for (const from of Consent.consentStatuses) {
    for (const to of Consent.consentTransitions[from]) {
      lines.push(`  ${from} --> ${to}${from === "objection" ? ": customer, fresh consent" : to === "doubleOptIn" ? ": confirmation" : ""}`)
    }
  }
  lines.push("```")
  return lines.join("\n")
}

const consentTable = (): string =>
  table(Consent.consentStatuses, Consent.consentStatuses.filter((s) => s !== "none"), (from, to) =>
    from === to
      ? "-"
      : !Consent.canChangeConsent(from, to)
      ? "no"
      : from === "objection"
      ? "yes, only by the customer, with fresh consent"
      : to === "doubleOptIn"
      ? "yes (confirmation)"
      : "yes")

const canMarketTable = (): string =>
  table(Consent.channels, Consent.consentStatuses, (channel, status) =>
    Consent.canMarketIn(channel as Consent.ConsentChannel, status as Consent.ConsentStatus) ? "yes" : "no"
  ).replace("| from \\ to |", "| channel \\ state |")

const permissionsTable = (): string =>
  [
    "| status | can log in | can buy | can receive mail | is editable |",
    "|---|---|---|---|---|",
    ...Lifecycle.statuses.map((s) =>
      `| ${s} | ${[Lifecycle.canLogIn(s), Lifecycle.canBuy(s), Lifecycle.canReceiveMail(s), Lifecycle.isEditable(s)].map((b) => (b ? "yes" : "no")).join(" | ")} |`
    )
  ].join("\n")

const rulesTable = (): string =>
  ["| rule | section | what it says |", "|---|---|---|", ...ruleIds.map((id) => `| \`${id}\` | ${Rules[id].section} | ${Rules[id].text} |`)].join("\n")

const code = (s: string): string => `\`${s}\``

const activityTypesTable = (): string =>
  [
    "| type | group | recorded by | label | personal fields of the details (redacted) |",
    "|---|---|---|---|---|",
    ...ActivityType.builtinActivityTypes.map((d) => {
      const personal = personalFields(d.details).map((f) => `${code(f.path)} (${f.category})`)
      return `| ${code(d.type)} | ${code(d.group)} | ${d.recordedBy} | ${d.label} | ${personal.length === 0 ? "-" : personal.join(", ")} |`
    })
  ].join("\n")

const postalCodesTable = (): string => {
  const other = Country.countryCodes.find((c) => !PostalCode.postalCodeCountries.includes(c))
  const fallback = other === undefined ? [] : [`| any other | ${PostalCode.postalCodeFormat(other).replace(` for ${other}`, "")} |`]
  return [
    "| country | postal code expected |",
    "|---|---|",
    ...PostalCode.postalCodeCountries.map((c) => `| ${c} | ${PostalCode.postalCodeFormat(c)} |`),
    ...fallback
  ].join("\n")
}

const fileKindsTable = (): string =>
  [
    "| kind | content | media type stored | declared types also accepted | name extensions |",
    "|---|---|---|---|---|",
    ...NoteFile.fileKinds.map((kind) => {
      const d = NoteFile.fileKindDetails[kind]
      const aliases = d.mediaTypeAliases.length === 0 ? "-" : d.mediaTypeAliases.map(code).join(", ")
      return `| ${code(kind)} | ${d.label} | ${code(d.mediaType)} | ${aliases} | ${d.extensions.map((e) => code(`.${e}`)).join(", ")} |`
    })
  ].join("\n")

const commandPermissionsTable = (): string =>
  [
    "| command | permission needed | self-service |",
    "|---|---|---|",
    ...Permission.commandKinds.map((c) =>
      `| ${code(c)} | ${code(Permission.requiredPermission(c))} | ${Permission.isSelfService(c) ? "yes" : "no"} |`
    )
  ].join("\n")

export const domainBlocks = (): Blocks => ({
  "status-diagram": statusDiagram(),
  "status-table": statusTable(),
  "status-permissions": permissionsTable(),
  "consent-diagram": consentDiagram(),
  "consent-table": consentTable(),
  "consent-can-market": canMarketTable(),
  "activity-types": activityTypesTable(),
  "postal-codes": postalCodesTable(),
  "file-kinds": fileKindsTable(),
  "command-permissions": commandPermissionsTable(),
  "rules": rulesTable()
})

/** The top-level fields of a Schema's encoded side, e.g. `{ customerId, to, reason? }`; a union's members joined by `or`. */
const shapeOf = (ast: SchemaAST.AST): string => {
  const encoded = SchemaAST.toEncoded(ast)
  if (SchemaAST.isUnion(encoded)) return encoded.types.map(shapeOf).join(" or ")
  if (SchemaAST.isObjects(encoded)) {
    return `{ ${encoded.propertySignatures.map((ps) => `${String(ps.name)}${SchemaAST.isOptional(ps.type) ? "?" : ""}`).join(", ")} }`
  }
  return "-"
}

const tagOf = (error: ErrorSchema): ErrorTag => (error as unknown as { readonly fields: { readonly _tag: { readonly ast: { readonly literal: ErrorTag } } } }).fields._tag.ast.literal

/** The rules an error's `rule` field names: its literals, or every rule when it is any `RuleId`. */
const rulesOf = (error: ErrorSchema): string => {
  const rule = (error as unknown as { readonly fields: { readonly rule?: { readonly literals?: ReadonlyArray<string>; readonly ast: SchemaAST.AST } } }).fields.rule
  if (rule === undefined) return "-"
  const literals = rule.literals ?? (SchemaAST.isLiteral(rule.ast) ? [String(rule.ast.literal)] : [])
  return literals.length === ruleIds.length ? "any rule (`RuleId`)" : literals.map(code).join(", ")
}

const declarations = (): ReadonlyArray<Declaration> => Object.values(catalogue)

const errorList = (d: Declaration): string => d.errors.map((e) => code(tagOf(e))).join(", ")

const catalogueCommandsTable = (): string =>
  [
    "| command | permission | input | what it does | activities | errors |",
    "|---|---|---|---|---|---|",
    ...declarations().flatMap((d) => d._tag === "Command" ? [d] : []).map((d) => {
      const activities = d.activityTypes === undefined ? "the host's types" : d.activityTypes.length === 0 ? "-" : d.activityTypes.map(code).join(", ")
      return `| ${code(d.name)} | ${code(d.permission)} | ${code(shapeOf(d.input.ast))} | ${d.description} | ${activities} | ${errorList(d)} |`
    })
  ].join("\n")

const catalogueQueriesTable = (): string =>
  [
    "| query | permission | parameters | what it returns | errors |",
    "|---|---|---|---|---|",
    ...declarations().filter((d) => d._tag === "Query").map((d) =>
      `| ${code(d.name)} | ${code(d.permission)} | ${code(shapeOf(d.parameters.ast))} | ${d.description} | ${errorList(d)} |`
    )
  ].join("\n")

/** Every error Schema of the catalogue, once per tag, in order of first appearance. */
export const catalogueErrors = (): ReadonlyArray<ErrorSchema> => {
  const byTag = new Map<string, ErrorSchema>()
  for (const d of declarations()) for (const e of d.errors) if (!byTag.has(tagOf(e))) byTag.set(tagOf(e), e)
  return [...byTag.values()]
}

const catalogueErrorsTable = (): string =>
  [
    "| error | rule(s) | meaning |",
    "|---|---|---|",
    ...catalogueErrors().map((e) => `| ${code(tagOf(e))} | ${rulesOf(e)} | ${errorMeanings[tagOf(e)]} |`)
  ].join("\n")

/** The generated blocks of docs/catalogue.md. */
export const catalogueBlocks = (): Blocks => ({
  "catalogue-commands": catalogueCommandsTable(),
  "catalogue-queries": catalogueQueriesTable(),
  "catalogue-errors": catalogueErrorsTable()
})

/** The tag of an error Schema. */
export const errorTagOf = tagOf
const problemStatusesTable = (): string => {
  const byStatus = new Map<number, Array<string>>()
  for (const [tag, status] of Object.entries(problemStatuses)) byStatus.set(status, [...(byStatus.get(status) ?? []), tag])
  return [
    "| status | errors (`tag`) |",
    "|---|---|",
    ...[...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, tags]) => `| ${status} | ${tags.map(code).join(", ")} |`)
  ].join("\n")
}

/** The generated blocks of docs/promise.md. */
export const promiseBlocks = (): Blocks => ({ "problem-statuses": problemStatusesTable() })

const blockPattern = /<!-- generated:([a-z-]+) -->\n[\s\S]*?<!-- \/generated -->/g

/** Replaces every generated block of a document with its current rendering. */
export const render = (doc: string, blocks: Blocks): string =>
  doc.replace(blockPattern, (whole, name: string) =>
    blocks[name] === undefined ? whole : `<!-- generated:${name} -->\n${blocks[name]}\n<!-- /generated -->`)

/** The names of the generated blocks a document contains. */
export const blockNames = (doc: string): Array<string> => [...doc.matchAll(blockPattern)].map((m) => m[1]!)
