/**
 * How a query's parameters travel in a `GET` request: `customerId` in the path (for a query about
 * one customer), every other field of the parameters' encoded side in the query string.
 *
 * - a string, number, boolean, literal or a union of them is one parameter in its string form
 *   (`limit=20`, `cursor=abc`);
 * - an array of those is the parameter repeated (`groups=consent&groups=lifecycle`; one
 *   occurrence is an array of one);
 * - anything else (an object, an array of objects, a record) is one parameter holding JSON
 *   (`filters={"status":"active"}`), the JSON encoding of the field's Schema.
 *
 * Parameters whose encoded side is not an object with named fields travel as one JSON parameter
 * named `parameters`.
 *
 * @module
 */
import { Schema, SchemaAST } from "effect"

/**
 * The HTTP shape of a query's parameters.
 *
 * @category models
 */
export interface QueryParameterCodec {
  /** The path parameters' Schema (`customerId`), if the query is about one customer. */
  readonly path: Schema.Top | undefined
  /** The query string's Schema, if there is any parameter besides `customerId`. */
  readonly query: Schema.Top | undefined
  /** Puts the decoded path and query parameters back together into the parameters the declaration takes. */
  readonly join: (path: unknown, query: unknown) => unknown
}

/** The name of the one JSON parameter of parameters that are not an object with named fields. */
export const wholeParametersName = "parameters"

const isScalar = (ast: SchemaAST.AST): boolean => {
  switch (ast._tag) {
    case "String":
    case "Number":
    case "Boolean":
    case "Literal":
    case "TemplateLiteral":
    case "Enum":
    case "Undefined":
      return true
    case "Union":
      return ast.types.every(isScalar)
    default:
      return false
  }
}

const isScalarArray = (ast: SchemaAST.AST): boolean =>
  SchemaAST.isArrays(ast) && ast.elements.length === 0 && ast.rest.length === 1 && isScalar(SchemaAST.toEncoded(ast.rest[0]!))

/**
 * Whether a field travels as its string form (a scalar or an array of scalars) rather than as JSON.
 *
 * @category encoding
 */
export const travelsAsString = (ast: SchemaAST.AST): boolean => {
  const encoded = SchemaAST.toEncoded(ast)
  return isScalar(encoded) || isScalarArray(encoded)
}

const asJsonParameter = (ast: SchemaAST.AST): Schema.Top => {
  const json = Schema.fromJsonString(Schema.make<Schema.Top>(SchemaAST.toEncoded(ast))).annotate({
    description: "JSON: the field's value, JSON-encoded"
  })
  return SchemaAST.isOptional(ast) ? Schema.optionalKey(json) : json
}

const asStringParameter = (ast: SchemaAST.AST): Schema.Top => {
  const field = Schema.make<Schema.Top>(SchemaAST.toEncoded(ast))
  return SchemaAST.isOptional(ast) ? Schema.optionalKey(field) : field
}

/**
 * The HTTP shape of a query declaration's parameters: `customerId` in the path when `perCustomer`,
 * the other fields in the query string (see the module documentation for the encoding).
 *
 * @category encoding
 */
export const queryParameterCodec = (parameters: Schema.Top, perCustomer: boolean): QueryParameterCodec => {
  const encoded = SchemaAST.toEncoded(parameters.ast)
  if (!SchemaAST.isObjects(encoded) || encoded.indexSignatures.length > 0) {
    return {
      path: undefined,
      query: Schema.Struct({ [wholeParametersName]: Schema.fromJsonString(Schema.make<Schema.Top>(encoded)) }),
      join: (_path, query) => (query as Record<string, unknown>)[wholeParametersName]
    }
  }
  const fields: Record<string, Schema.Top> = {}
  let pathField: Schema.Top | undefined
  for (const property of encoded.propertySignatures) {
    const name = String(property.name)
    if (perCustomer && name === "customerId") {
      pathField = Schema.make<Schema.Top>(SchemaAST.toEncoded(property.type))
      continue
    }
    fields[name] = travelsAsString(property.type) ? asStringParameter(property.type) : asJsonParameter(property.type)
  }
  return {
    path: pathField === undefined ? undefined : Schema.Struct({ customerId: pathField }),
    query: Object.keys(fields).length === 0 ? undefined : Schema.Struct(fields),
    join: (path, query) => ({ ...(query as object | undefined), ...(path as object | undefined) })
  }
}
