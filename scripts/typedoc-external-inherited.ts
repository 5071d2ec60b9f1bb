/**
 * A typedoc plugin (typedocOptions.plugin in tsconfig.json) leaving out the members a class
 * inherits from a class of another package: a `Schema.Class` or `Context.Service` of effect
 * brings dozens of static members (`annotate`, `check`, `rebuild`, `pipe`, ...) whose types,
 * expanded against each of our classes, made a class page several megabytes of effect's own API.
 * The page keeps the class's own members and its hierarchy, which links to effect's reference.
 */
import { type Application, Converter, type DeclarationReflection, type ProjectReflection, ReflectionKind } from "typedoc"

const externallyInherited = (member: DeclarationReflection): boolean =>
  member.inheritedFrom !== undefined && member.inheritedFrom.reflection === undefined

/** Registers the plugin. */
export const load = (app: Application): void => {
  // After typedoc's own RESOLVE_END listeners (priority 0) have set `inheritedFrom`, before the
  // grouping (priority -100).
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project: ProjectReflection = context.project
    for (const owner of project.getReflectionsByKind(ReflectionKind.Class | ReflectionKind.Interface)) {
      for (const member of [...((owner as DeclarationReflection).children ?? [])]) {
        if (externallyInherited(member)) project.removeReflection(member)
      }
    }
  }, -50)
}
