/**
 * Personal-data marks (rule `customer.personal-data-marked`).
 *
 * Every Schema field that holds personal data carries a mark, set with {@link personal}. Export,
 * anonymization and activity redaction read the marks from the Schema itself, so a field added
 * later is handled without anyone remembering to.
 *
 * The walkers work on a value's JSON encoding, so they handle classes, unions, arrays, records and
 * nested structures alike.
 *
 * @module
 */
import { Predicate, Result, Schema, SchemaAST } from "effect"
import { fromIssue, type ValidationError } from "./Validation.ts"

/**
 * The annotation key under which the mark is stored.
 *
 * @category annotations
 */
export const PersonalDataAnnotationId = "customer-account/personalData"

/**
 * What kind of personal data a field holds; export documents and audits group by it.
 *
 * @category models
 */
export type PersonalDataCategory =
  | "identity"
  | "contact"
  | "address"
  | "financial"
  | "network"
  | "content"
  | "image"

/**
 * The mark: the category, and what anonymization puts in place of the value.
 *
 * A field whose key is optional is removed by anonymization; a required field is replaced with
 * `replacement` (in its JSON encoding), which must satisfy the field's Schema.
 *
 * @category models
 */
export interface PersonalDataMark {
  /** What kind of personal data the field holds. */
  readonly category: PersonalDataCategory
  /** The encoded value anonymization writes into a required field. */
  readonly replacement?: unknown
  /**
   * Derives the replacement from the (encoded) object that holds the field, for a field whose
   * replacement must differ per record, e.g. a name that must stay unique among its siblings and
   * so is replaced by the record's id. Used in place of `replacement` when the field sits in an
   * object; must return a value of the field's encoded type that satisfies its Schema.
   */
  readonly replaceWith?: (holder: Readonly<Record<string, unknown>>) => unknown
}

/**
 * Marks a Schema as holding personal data.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { PersonalData } from "customer-account"
 *
 * const Phone = Schema.String.pipe(PersonalData.personal("contact"))
 * ```
 *
 * @category annotations
 */
export const personal =
  (
    category: PersonalDataCategory,
    options?: {
      readonly replacement?: unknown
      readonly replaceWith?: (holder: Readonly<Record<string, unknown>>) => unknown
    }
  ) =>
  <S extends Schema.Top>(self: S): S["Rebuild"] =>
    self.annotate({
      [PersonalDataAnnotationId]: {
        category,
        ...(options?.replacement === undefined ? {} : { replacement: options.replacement }),
        ...(options?.replaceWith === undefined ? {} : { replaceWith: options.replaceWith })
      }
    })

/**
 * Reads the mark of a single AST node, if any.
 *
 * @category annotations
 */
export const getMark = (ast: SchemaAST.AST): PersonalDataMark | undefined => {
  const mark = SchemaAST.resolve(ast)?.[PersonalDataAnnotationId]
  return Predicate.isObject(mark) && "category" in mark ? (mark as unknown as PersonalDataMark) : undefined
}

/**
 * A personal field found in a Schema: its path (`[]` stands for any array element, `{}` for any
 * record value) and its category.
 *
 * @category models
 */
export interface PersonalField {
  /** Dotted path of the field inside the Schema, e.g. `addresses.[].street`. */
  readonly path: string
  /** The mark's category. */
  readonly category: PersonalDataCategory
}

const join = (path: string, segment: string): string => (path === "" ? segment : `${path}.${segment}`)

/**
 * Lists the personal fields of a Schema from its marks, in declaration order.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { PersonalData } from "customer-account"
 *
 * const Contact = Schema.Struct({ id: Schema.String, email: Schema.String.pipe(PersonalData.personal("contact")) })
 * PersonalData.personalFields(Contact) // [{ path: "email", category: "contact" }]
 * ```
 *
 * @category reading
 */
export const personalFields = (schema: Schema.Top): ReadonlyArray<PersonalField> => {
  const found: Array<PersonalField> = []
  const seen = new Set<SchemaAST.AST>()
  const visit = (ast: SchemaAST.AST, path: string): void => {
    const mark = getMark(ast)
    if (mark !== undefined) {
      if (!found.some((f) => f.path === path)) found.push({ path, category: mark.category })
      return
    }
    if (seen.has(ast)) return
    seen.add(ast)
    switch (ast._tag) {
      case "Objects":
        for (const ps of ast.propertySignatures) visit(ps.type, join(path, String(ps.name)))
        for (const is of ast.indexSignatures) visit(is.type, join(path, "{}"))
        break
      case "Arrays":
        ast.elements.forEach((e, i) => visit(e, join(path, String(i))))
        for (const r of ast.rest) visit(r, join(path, "[]"))
        break
      case "Union":
        for (const member of ast.types) visit(member, path)
        break
      case "Suspend":
        visit(ast.thunk(), path)
        break
      default:
        break
    }
  }
  visit(SchemaAST.toEncoded(schema.ast), "")
  return found
}

/**
 * A personal value found in a value: its concrete path, category and encoded value.
 *
 * @category models
 */
export interface PersonalValue {
  /** Dotted concrete path, e.g. `addresses.0.street`. */
  readonly path: string
  /** The mark's category. */
  readonly category: PersonalDataCategory
  /** The value in its JSON encoding (a string, or a whole object for a marked structure). */
  readonly value: unknown
}

const memberFor = (union: SchemaAST.Union, value: unknown): SchemaAST.AST | undefined =>
  union.types.find((member) => Schema.is(Schema.make(member))(value))

type Visitor = (ast: SchemaAST.AST, mark: PersonalDataMark, value: unknown, path: string) => void

const walkValue = (ast: SchemaAST.AST, value: unknown, path: string, onMark: Visitor): void => {
  const mark = getMark(ast)
  if (mark !== undefined) {
    onMark(ast, mark, value, path)
    return
  }
  switch (ast._tag) {
    case "Objects": {
      if (!Predicate.isObject(value)) return
      const record = value as Record<PropertyKey, unknown>
      const known = new Set<PropertyKey>()
      for (const ps of ast.propertySignatures) {
        known.add(ps.name)
        if (Object.hasOwn(record, ps.name)) {
          walkValue(ps.type, record[ps.name], join(path, String(ps.name)), onMark)
        }
      }
      for (const is of ast.indexSignatures) {
        for (const key of Object.keys(record)) {
          if (!known.has(key)) walkValue(is.type, record[key], join(path, key), onMark)
        }
      }
      return
    }
    case "Arrays": {
      if (!Array.isArray(value)) return
      value.forEach((item, i) => {
        const element = i < ast.elements.length ? ast.elements[i] : ast.rest[0]
        if (element !== undefined) walkValue(element, item, join(path, String(i)), onMark)
      })
      return
    }
    case "Union": {
      const member = memberFor(ast, value)
      if (member !== undefined) walkValue(member, value, path, onMark)
      return
    }
    case "Suspend":
      walkValue(ast.thunk(), value, path, onMark)
      return
    default:
      return
  }
}

const encodeJson = <S extends Schema.Top>(schema: S, value: S["Type"]): Result.Result<unknown, ValidationError> => {
  const result = Schema.encodeUnknownResult(schema as unknown as Schema.Codec<S["Type"], unknown>)(value)
  return Result.isSuccess(result) ? Result.succeed(result.success) : Result.fail(fromIssue("PersonalData.encode", result.failure.issue))
}

/**
 * Lists every personal value held in a value, following the marks of its Schema.
 *
 * Export documents are built from this list, and tests use it to prove that anonymization leaves
 * none of them behind.
 *
 * @category reading
 */
export const personalValues = <S extends Schema.Top>(
  schema: S,
  value: S["Type"]
): ReadonlyArray<PersonalValue> => {
  const encoded = encodeJson(schema, value)
  if (Result.isFailure(encoded)) return []
  const found: Array<PersonalValue> = []
  walkValue(SchemaAST.toEncoded(schema.ast), encoded.success, "", (_ast, mark, v, path) => {
    if (v !== undefined && v !== null) found.push({ path, category: mark.category, value: v })
  })
  return found
}

/**
 * Collects every string inside the personal values of a value (recursively), e.g. to search a
 * serialised store for leftovers.
 *
 * @category reading
 */
export const personalStrings = <S extends Schema.Top>(schema: S, value: S["Type"]): ReadonlyArray<string> => {
  const strings: Array<string> = []
  const collect = (v: unknown): void => {
    if (typeof v === "string") {
      if (v.length > 0) strings.push(v)
    } else if (Array.isArray(v)) v.forEach(collect)
    else if (Predicate.isObject(v)) Object.values(v).forEach(collect)
  }
  for (const pv of personalValues(schema, value)) collect(pv.value)
  return strings
}

/**
 * Erases or replaces every personal value in a value, following the marks of its Schema: a field
 * whose mark has a replacement takes that replacement (optional or not; a `replaceWith` mark
 * derives it from the object holding the field); an optional field whose mark has none is
 * removed; array and record entries without a replacement are dropped.
 *
 * Fails with a `ValidationError` only when a mark's replacement does not satisfy its own Schema,
 * which is a bug in the mark, caught by the tests of every marked Schema.
 *
 * @category anonymizing
 */
export const erasePersonalData = <S extends Schema.Top>(
  schema: S,
  value: S["Type"]
): Result.Result<S["Type"], ValidationError> => {
  const encoded = encodeJson(schema, value)
  if (Result.isFailure(encoded)) return encoded
  const erase = (ast: SchemaAST.AST, v: unknown, holder?: Readonly<Record<string, unknown>>): unknown => {
    const mark = getMark(ast)
    if (mark !== undefined) return mark.replaceWith !== undefined && holder !== undefined ? mark.replaceWith(holder) : mark.replacement
    switch (ast._tag) {
      case "Objects": {
        if (!Predicate.isObject(v)) return v
        const record = v as Record<string, unknown>
        const out: Record<string, unknown> = {}
        const known = new Set<PropertyKey>()
        for (const ps of ast.propertySignatures) {
          known.add(ps.name)
          const key = String(ps.name)
          if (!Object.hasOwn(record, key)) continue
          const next = erase(ps.type, record[key], record)
          if (next === undefined && ps.type.context?.isOptional === true) continue
          out[key] = next
        }
        for (const key of Object.keys(record)) {
          if (known.has(key)) continue
          const is = ast.indexSignatures[0]
          if (is === undefined) {
            out[key] = record[key]
            continue
          }
          const next = erase(is.type, record[key], record)
          if (next !== undefined) out[key] = next
        }
        return out
      }
      case "Arrays": {
        if (!Array.isArray(v)) return v
        const kept: Array<unknown> = []
        v.forEach((item, i) => {
          const element = i < ast.elements.length ? ast.elements[i] : ast.rest[0]
          const next = element === undefined ? item : erase(element, item)
          if (next !== undefined || i < ast.elements.length) kept.push(next)
        })
        return kept
      }
      case "Union": {
        const member = memberFor(ast, v)
        return member === undefined ? v : erase(member, v, holder)
      }
      case "Suspend":
        return erase(ast.thunk(), v, holder)
      default:
        return v
    }
  }
  const erased = erase(SchemaAST.toEncoded(schema.ast), encoded.success)
  const decoded = Schema.decodeUnknownResult(schema as unknown as Schema.Codec<S["Type"], unknown>)(erased)
  return Result.isSuccess(decoded)
    ? Result.succeed(decoded.success)
    : Result.fail(fromIssue("PersonalData.erase", decoded.failure.issue))
}
