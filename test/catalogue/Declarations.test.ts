/**
 * The catalogue's declarations against the service: every member is declared with the member's
 * own input, output and error types; each declaration's `errors` list holds one Schema per tag of
 * its error union; every error's `rule` is a `RuleId`; every error tag has a documented meaning.
 */
import { describe, expect, expectTypeOf, it } from "vitest"
import type { Effect } from "effect"
import { type Catalogue, catalogue, type CommandName, commands, queries } from "../../src/catalogue/Catalogue.ts"
import type { GeneratedCommandName } from "../../src/testing/commands.ts"
import type { CommandDeclaration, Declaration, QueryDeclaration } from "../../src/catalogue/Declaration.ts"
import type { ErrorOf, MemberName } from "../../src/catalogue/Declare.ts"
import { errorMeanings } from "../../src/catalogue/ErrorMeanings.ts"
import { type RuleId, ruleIds } from "../../src/domain/Rules.ts"
import type { SetStatusInput } from "../../src/engine/commands/Status.ts"
import type { CustomerAccountsService, SetStatusError, QueryError } from "../../src/engine/CustomerAccountsService.ts"
import type { CommandOutcome } from "../../src/engine/Pipeline.ts"
import type { InvalidCursor, Page, TimelineQuery } from "../../src/ports/AccountStore.ts"
import type { Activity } from "../../src/domain/Activity.ts"
import { catalogueErrors, errorTagOf } from "../support/generatedDocs.ts"

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

describe("catalogue declarations", () => {
  it("declares every member of the service but settings and run, and nothing else", () => {
    const service: ReadonlyArray<keyof CustomerAccountsService> = Object.keys(catalogue) as Array<keyof CustomerAccountsService>
    expect(service).not.toContain("settings")
    expect(service).not.toContain("run")
    expectTypeOf<keyof Catalogue>().toEqualTypeOf<MemberName>()
    expect(commands.length + queries.length).toBe(Object.keys(catalogue).length)
    for (const [name, declaration] of Object.entries(catalogue)) expect(declaration.name).toBe(name)
  })

  it("types each declaration by its member", () => {
    expectTypeOf<Catalogue["setStatus"]>().toEqualTypeOf<
      CommandDeclaration<"setStatus", typeof SetStatusInput.Encoded, CommandOutcome, SetStatusError>
    >()
    expectTypeOf<Catalogue["timeline"]>().toExtend<
      QueryDeclaration<"timeline", { readonly customerId: string } & typeof TimelineQuery.Encoded, Page<Activity>, QueryError<InvalidCursor>>
    >()
    // Every declaration's invoke fails with exactly its member's errors and succeeds with its output.
    type InvokeAgrees = {
      [K in MemberName]: Same<Effect.Error<ReturnType<Catalogue[K]["invoke"]>>, ErrorOf<K>> extends true
        ? Same<Effect.Success<ReturnType<Catalogue[K]["invoke"]>>, Effect.Success<ReturnType<CustomerAccountsService[K]>>>
        : false
    }
    expectTypeOf<InvokeAgrees[MemberName]>().toEqualTypeOf<true>()
  })

  it("generates only commands of the catalogue (customer-account/testing)", () => {
    expectTypeOf<GeneratedCommandName>().toExtend<CommandName>()
    expect(commands.map((d) => d.name)).toContain("setStatus")
  })

  it("lists one error Schema per tag of the member's error union", () => {
    for (const declaration of Object.values(catalogue) as ReadonlyArray<Declaration>) {
      const tags = declaration.errors.map(errorTagOf)
      expect(new Set(tags).size, declaration.name).toBe(tags.length)
      expect(tags, declaration.name).toContain("ValidationError")
      expect(tags, declaration.name).toContain("PermissionDenied")
    }
  })

  it("names a RuleId in every error's rule", () => {
    type RuleOf<E> = E extends { readonly rule: infer R } ? R : never
    expectTypeOf<RuleOf<ErrorOf<MemberName>>>().toExtend<RuleId>()
    for (const error of catalogueErrors()) {
      const rule = (error as unknown as { fields: { rule?: { literals?: ReadonlyArray<string>; ast: { literal?: string } } } }).fields.rule
      if (rule === undefined) continue
      const literals = rule.literals ?? [rule.ast.literal!]
      for (const literal of literals) expect(ruleIds, errorTagOf(error)).toContain(literal)
    }
  })

  it("documents every error tag of the catalogue, and no other", () => {
    expect(catalogueErrors().map(errorTagOf).sort()).toEqual(Object.keys(errorMeanings).sort())
  })
})
