/**
 * One query shape for every list of records the host owns (SPEC section 10: devices, tickets,
 * video sessions, tasks and task events): full-text search, sorting on a declared key, filters on
 * declared fields, cursor pagination.
 *
 * ```ts
 * { search?: "pump", sort?: { key: "createdAt", direction: "desc" },
 *   filters?: { status: ["open", "waiting"], createdAt: { from: "2026-01-01T00:00:00.000Z" } },
 *   limit: 20, cursor?: "..." }
 * ```
 *
 * Each list declares what it can do in a {@link ListSpec}: its sort keys (and the default sort),
 * its filter fields (a `values` field matches any of the given values, a `range` field an instant
 * range `from` inclusive, `until` exclusive) and the fields the search looks into. A sort key or a
 * filter field the list does not declare is an {@link UndeclaredListField} that names the list, the
 * field and what the list declares (rule `service-records.declared-fields`); a filter of the wrong
 * shape or with a value outside the field's values is a `ValidationError` at `filters.<field>`.
 *
 * Search (rule `service-records.query-shape`): the text is split at whitespace; every word must
 * occur, ignoring case, in at least one of the searched fields. Sorting: by the key's value, a
 * record without a value last in either direction, ties broken by id ascending, so the order is
 * total and a cursor names a position exactly.
 *
 * @module
 */
import { DateTime, Result, Schema } from "effect"
import { isCleanText, trimNfc } from "./Text.ts"
import { Instant } from "./Instant.ts"
import { decode, ValidationError, ValidationIssue } from "./Validation.ts"

// ---------------------------------------------------------------------------------------------
// The query shape
// ---------------------------------------------------------------------------------------------

/**
 * The largest page of a list.
 *
 * @category query
 */
export const maxListPageSize = 200

/**
 * The direction of a sort: `asc` or `desc`.
 *
 * @category query
 */
export const SortDirection = Schema.Literals(["asc", "desc"])
/** @category query */
export type SortDirection = typeof SortDirection.Type

/**
 * A sort: a key the list declares and a direction.
 *
 * @category query
 */
export const ListSort = Schema.Struct({
  /** The sort key, one the list declares. */
  key: Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 64))),
  /** The direction. */
  direction: SortDirection
})
/** @category query */
export type ListSort = typeof ListSort.Type

const FilterText = Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 200), isCleanText()))

/**
 * A filter on an instant field: `from` (inclusive) and `until` (exclusive), each optional.
 *
 * @category query
 */
export const RangeFilter = Schema.Struct({
  /** Only records at or after this instant. */
  from: Schema.optionalKey(Instant),
  /** Only records before this instant. */
  until: Schema.optionalKey(Instant)
})
/** @category query */
export type RangeFilter = typeof RangeFilter.Type

/**
 * A filter value: one value, 1 to 50 values (any of them matches), or an instant range.
 *
 * @category query
 */
export const FilterValue = Schema.Union([
  FilterText,
  Schema.Array(FilterText).pipe(Schema.check(Schema.isBetweenLength(1, 50))),
  RangeFilter
])
/** @category query */
export type FilterValue = typeof FilterValue.Type

/**
 * The filters of a query: field name to filter value, at most 20 fields.
 *
 * @category query
 */
export const ListFilters = Schema.Record(Schema.String, FilterValue).pipe(
  Schema.check(
    Schema.makeFilter((r: object) => (Object.keys(r).length <= 20 ? undefined : "at most 20 filters"))
  )
)
/** @category query */
export type ListFilters = typeof ListFilters.Type

/**
 * The search text: trimmed, 1 to 200 characters.
 *
 * @category query
 */
export const SearchText = Schema.String.pipe(
  Schema.decodeTo(Schema.Trimmed.check(Schema.isBetweenLength(1, 200, { expected: "a search text of 1 to 200 characters" }), isCleanText()), trimNfc())
)

/**
 * A page size: 1 to {@link maxListPageSize}.
 *
 * @category query
 */
export const ListPageSize = Schema.Int.check(
  Schema.isBetween({ minimum: 1, maximum: maxListPageSize }, { expected: `a page size of 1 to ${maxListPageSize}` })
)

/**
 * The query of a list page (rule `service-records.query-shape`).
 *
 * @category query
 */
export const ListQuery = Schema.Struct({
  /** Words every record shown must contain. */
  search: Schema.optionalKey(SearchText),
  /** The sort; absent: the list's default sort. */
  sort: Schema.optionalKey(ListSort),
  /** The filters. */
  filters: Schema.optionalKey(ListFilters),
  /** How many records at most. */
  limit: ListPageSize,
  /** Where to continue; absent for the first page. */
  cursor: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 500))))
})
/** @category query */
export type ListQuery = typeof ListQuery.Type

/**
 * The query of a count: search and filters, as in a {@link ListQuery}.
 *
 * @category query
 */
export const CountQuery = Schema.Struct({
  /** Words every record counted must contain. */
  search: Schema.optionalKey(SearchText),
  /** The filters. */
  filters: Schema.optionalKey(ListFilters)
})
/** @category query */
export type CountQuery = typeof CountQuery.Type

// ---------------------------------------------------------------------------------------------
// What a list declares
// ---------------------------------------------------------------------------------------------

/**
 * A value a record sorts by: a text or a number (instants sort by their epoch milliseconds).
 *
 * @category spec
 */
export type SortValue = string | number

/**
 * A filter field a list declares: `values` (the record's value is one of the given; `values`
 * lists the allowed ones, if the field has a fixed set) or `range` (the record's instant lies in
 * the range).
 *
 * @category spec
 */
export type FilterSpec<R> =
  | {
    readonly kind: "values"
    readonly values?: ReadonlyArray<string>
    /** The record's value of the field. */
    readonly of: (record: R) => string | undefined
  }
  | {
    readonly kind: "range"
    /** The record's instant of the field. */
    readonly of: (record: R) => DateTime.DateTime | undefined
  }

/**
 * What a list declares: its name, the id of a record, its sort keys and default sort, its filter
 * fields and the fields its search looks into.
 *
 * @category spec
 */
export interface ListSpec<R> {
  /** The list's name, e.g. `tickets`. */
  readonly list: string
  /** A record's id, unique within the list. */
  readonly id: (record: R) => string
  /** The sort used when the query has none. */
  readonly defaultSort: ListSort
  /** The sort keys and the value each sorts by. */
  readonly sortKeys: Readonly<Record<string, (record: R) => SortValue | undefined>>
  /** The filter fields. */
  readonly filters: Readonly<Record<string, FilterSpec<R>>>
  /** The texts the search looks into. */
  readonly search: (record: R) => ReadonlyArray<string | undefined>
}

/**
 * A filter as checked against its field: values (any of) or a range.
 *
 * @category spec
 */
export type CheckedFilter =
  | { readonly kind: "values"; readonly values: ReadonlyArray<string> }
  | { readonly kind: "range"; readonly from?: DateTime.Utc; readonly until?: DateTime.Utc }

/**
 * A count query checked against its list: only declared filter fields, each of its field's shape.
 *
 * @category spec
 */
export interface CheckedCountQuery {
  /** Words every record must contain. */
  readonly search?: string
  /** The filters, by field. */
  readonly filters: Readonly<Record<string, CheckedFilter>>
}

/**
 * A list query checked against its list: a declared sort (the default if none was given), only
 * declared filter fields, each of its field's shape. This is what the `ServiceRecords` port gets.
 *
 * @category spec
 */
export interface CheckedListQuery extends CheckedCountQuery {
  /** The sort. */
  readonly sort: ListSort
  /** How many records at most. */
  readonly limit: number
  /** Where to continue. */
  readonly cursor?: string
}

// ---------------------------------------------------------------------------------------------
// Checking a query against its list
// ---------------------------------------------------------------------------------------------

/**
 * A query names a sort key or filter field its list does not declare (rule
 * `service-records.declared-fields`). Nothing was read.
 *
 * @category errors
 */
export class UndeclaredListField extends Schema.TaggedError<UndeclaredListField>()("UndeclaredListField", {
  /** The rule that refused the query. */
  rule: Schema.Literal("service-records.declared-fields"),
  /** The list queried. */
  list: Schema.String,
  /** Whether the field was used to sort or to filter. */
  usage: Schema.Literals(["sort", "filter"]),
  /** The field named. */
  field: Schema.String,
  /** What the list declares for this usage. */
  declared: Schema.Array(Schema.String),
  /** Where in the query the field is, e.g. `sort.key` or `filters.color`. */
  path: Schema.String,
  /** What happened. */
  message: Schema.String
}) {}

const undeclared = (spec: ListSpec<unknown>, usage: "sort" | "filter", field: string, declared: ReadonlyArray<string>) =>
  Result.fail(
    new UndeclaredListField({
      rule: "service-records.declared-fields",
      list: spec.list,
      usage,
      field,
      declared: [...declared],
      path: usage === "sort" ? "sort.key" : `filters.${field}`,
      message: `The list ${spec.list} cannot ${usage === "sort" ? "sort by" : "filter on"} ${JSON.stringify(field)}; it declares ${
        declared.length === 0 ? "none" : declared.join(", ")
      } (rule service-records.declared-fields)`
    })
  )

const invalid = (subject: string, path: string, message: string): Result.Result<never, ValidationError> =>
  Result.fail(
    new ValidationError({
      subject,
      issues: [new ValidationIssue({ path, message })],
      message: `Invalid ${subject} at ${path}: ${message}`
    })
  )

const isRange = (value: FilterValue): value is RangeFilter => typeof value === "object" && !Array.isArray(value)

const checkFilters = (
  spec: ListSpec<unknown>,
  subject: string,
  filters: ListFilters | undefined
): Result.Result<Record<string, CheckedFilter>, UndeclaredListField | ValidationError> => {
  const checked: Record<string, CheckedFilter> = {}
  const declared = Object.keys(spec.filters)
  for (const [field, value] of Object.entries(filters ?? {})) {
    const filter = Object.hasOwn(spec.filters, field) ? spec.filters[field] : undefined
    if (filter === undefined) return undeclared(spec, "filter", field, declared)
    const path = `filters.${field}`
    if (filter.kind === "range") {
      if (!isRange(value)) return invalid(subject, path, `a range { from?, until? } of instants: ${field} is an instant field`)
      if (value.from !== undefined && value.until !== undefined && !DateTime.isLessThan(value.from, value.until)) {
        return invalid(subject, path, "a range whose from lies before its until")
      }
      checked[field] = {
        kind: "range",
        ...(value.from === undefined ? {} : { from: value.from }),
        ...(value.until === undefined ? {} : { until: value.until })
      }
      continue
    }
    if (isRange(value)) return invalid(subject, path, `a value or a list of values: ${field} is not an instant field`)
    const values = typeof value === "string" ? [value] : value
    const allowed = filter.values
    if (allowed !== undefined) {
      const bad = values.findIndex((v) => !allowed.includes(v))
      if (bad >= 0) {
        return invalid(subject, typeof value === "string" ? path : `${path}.${bad}`, `one of ${allowed.join(", ")}`)
      }
    }
    checked[field] = { kind: "values", values: [...new Set(values)] }
  }
  return Result.succeed(checked)
}

const decodeListQuery = decode(ListQuery, "ListQuery")
const decodeCountQuery = decode(CountQuery, "CountQuery")

/**
 * Decodes a list query and checks it against its list (rules `service-records.query-shape`,
 * `service-records.declared-fields`). Never throws.
 *
 * @category checking
 */
export const checkListQuery = <R>(
  spec: ListSpec<R>,
  raw: unknown
): Result.Result<CheckedListQuery, UndeclaredListField | ValidationError> => {
  const decoded = decodeListQuery(raw)
  if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
  const query = decoded.success
  const sort = query.sort ?? spec.defaultSort
  const keys = Object.keys(spec.sortKeys)
  if (!keys.includes(sort.key)) return undeclared(spec as ListSpec<unknown>, "sort", sort.key, keys)
  const filters = checkFilters(spec as ListSpec<unknown>, "ListQuery", query.filters)
  if (Result.isFailure(filters)) return Result.fail(filters.failure)
  return Result.succeed({
    ...(query.search === undefined ? {} : { search: query.search }),
    sort,
    filters: filters.success,
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor })
  })
}

/**
 * Decodes a count query and checks it against its list (rule `service-records.declared-fields`).
 *
 * @category checking
 */
export const checkCountQuery = <R>(
  spec: ListSpec<R>,
  raw: unknown
): Result.Result<CheckedCountQuery, UndeclaredListField | ValidationError> => {
  const decoded = decodeCountQuery(raw)
  if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
  const filters = checkFilters(spec as ListSpec<unknown>, "CountQuery", decoded.success.filters)
  if (Result.isFailure(filters)) return Result.fail(filters.failure)
  return Result.succeed({
    ...(decoded.success.search === undefined ? {} : { search: decoded.success.search }),
    filters: filters.success
  })
}

// ---------------------------------------------------------------------------------------------
// Evaluating a checked query (for adapters that hold records in memory)
// ---------------------------------------------------------------------------------------------

/**
 * Whether a record matches a checked query's search and filters (rule
 * `service-records.query-shape`).
 *
 * @category evaluating
 */
export const matches = <R>(spec: ListSpec<R>, record: R, query: CheckedCountQuery): boolean => {
  for (const [field, filter] of Object.entries(query.filters)) {
    const declared = spec.filters[field]
    if (declared === undefined) return false
    if (filter.kind === "values") {
      if (declared.kind !== "values") return false
      const value = declared.of(record)
      if (value === undefined || !filter.values.includes(value)) return false
    } else {
      if (declared.kind !== "range") return false
      const value = declared.of(record)
      if (value === undefined) return false
      if (filter.from !== undefined && DateTime.isLessThan(value, filter.from)) return false
      if (filter.until !== undefined && !DateTime.isLessThan(value, filter.until)) return false
    }
  }
  if (query.search !== undefined) {
    const texts = spec.search(record).filter((t): t is string => t !== undefined).map((t) => t.toLowerCase())
    const words = query.search.toLowerCase().split(/\s+/).filter((w) => w.length > 0)
    if (!words.every((word) => texts.some((text) => text.includes(word)))) return false
  }
  return true
}

/**
 * A record's place in a sorted list: its sort value (`null` when it has none) and its id.
 *
 * @category evaluating
 */
export interface ListPosition {
  /** The sort value. */
  readonly value: SortValue | null
  /** The id. */
  readonly id: string
}

/**
 * The position of a record under a sort.
 *
 * @category evaluating
 */
export const positionOf = <R>(spec: ListSpec<R>, sort: ListSort, record: R): ListPosition => ({
  value: spec.sortKeys[sort.key]?.(record) ?? null,
  id: spec.id(record)
})

const compareValues = (a: SortValue, b: SortValue): number => {
  if (typeof a === "number" && typeof b === "number") return a - b
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Compares two positions under a direction: by value (missing values last in either direction),
 * then by id ascending. Total, so a cursor names a position exactly.
 *
 * @category evaluating
 */
export const comparePositions = (direction: SortDirection, a: ListPosition, b: ListPosition): number => {
  if (a.value === null || b.value === null) {
    if (a.value !== null) return -1
    if (b.value !== null) return 1
  } else {
    const byValue = compareValues(a.value, b.value)
    if (byValue !== 0) return direction === "asc" ? byValue : -byValue
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
