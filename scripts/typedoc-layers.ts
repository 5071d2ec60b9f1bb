/**
 * A typedoc plugin (typedocOptions.plugin in tsconfig.json) grouping the root entry's namespaces
 * by the layer of the architecture they come from, read from the module's folder: `src/domain`
 * is Domain, `src/ports` Ports, `src/engine` Engine, `src/adapters` and `src/Memory.ts` Adapters.
 * It adds an `@group` tag to each namespace's comment before typedoc groups the children, so a
 * module added to src/index.ts lands in its layer without a tag of its own. `groupOrder` (in
 * tsconfig.json) orders the groups.
 */
import { type Application, Comment, CommentTag, Converter, type DeclarationReflection, ReflectionKind } from "typedoc"

/** The layer of a module, by its file's path. */
const layerOf = (fileName: string): string | undefined => {
  const path = fileName.replaceAll("\\", "/")
  if (path.includes("/src/domain/")) return "Domain"
  if (path.includes("/src/ports/")) return "Ports"
  if (path.includes("/src/engine/") || path.includes("/src/catalogue/")) return "Engine"
  if (path.includes("/src/adapters/") || path.endsWith("/src/Memory.ts")) return "Adapters"
  if (path.includes("/src/testing/")) return "Testing"
  return undefined
}

/** Registers the plugin. */
export const load = (app: Application): void => {
  const layers = new Map<DeclarationReflection, string>()
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Namespace) || !reflection.parent?.kindOf(ReflectionKind.Module)) return
    const symbol = context.getSymbolFromReflection(reflection)
    const file = symbol?.declarations?.map((d) => d.getSourceFile().fileName).find((f) => layerOf(f) !== undefined)
    const layer = file === undefined ? undefined : layerOf(file)
    if (layer !== undefined) layers.set(reflection, layer)
  })
  app.converter.on(Converter.EVENT_RESOLVE_END, () => {
    for (const [reflection, layer] of layers) {
      reflection.comment ??= new Comment()
      if (reflection.comment.blockTags.some((tag) => tag.tag === "@group")) continue
      reflection.comment.blockTags.push(new CommentTag("@group", [{ kind: "text", text: layer }]))
    }
    layers.clear()
  })
}
