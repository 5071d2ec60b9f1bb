/**
 * Team mappings (SPEC section 10): for each meta-team of the tenant (a function such as support or
 * field service), which of its teams is responsible for a customer.
 *
 * - Per meta-team at most one team per customer, and for a company customer at most one per
 *   department (rule `team-mapping.one-per-meta-team`): setting a mapping replaces the one before.
 * - A mapping names a meta-team of the tenant's catalogue and one of that meta-team's teams (rule
 *   `team-mapping.known-team`); a department mapping names a department of the account.
 * - Resolution falls back (rule `team-mapping.default-fallback`): the department's own mapping,
 *   else the nearest ancestor department's, else the customer's mapping without a department, else
 *   the meta-team's default team in the tenant's catalogue. A mapping whose team the meta-team no
 *   longer has is skipped.
 *
 * @module
 */
import { Result, Schema } from "effect"
import { isCleanText } from "./Text.ts"
import { ancestorsOf, type Department, findDepartment } from "./Departments.ts"
import { DepartmentId, MetaTeamId, TeamId } from "./Ids.ts"

// ---------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------

const Label = Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 100), isCleanText()))

/**
 * A team of the tenant.
 *
 * @category catalogue
 */
export const Team = Schema.Struct({
  /** The team's id. */
  id: TeamId,
  /** A human label, e.g. `Support North`. */
  label: Label
})
/** @category catalogue */
export type Team = typeof Team.Type

/**
 * A meta-team of the tenant: its teams (at least one, ids unique) and the default team, one of
 * them, responsible for every customer without a mapping.
 *
 * @category catalogue
 */
export const MetaTeam = Schema.Struct({
  /** The meta-team's id. */
  id: MetaTeamId,
  /** A human label, e.g. `Support`. */
  label: Label,
  /** Its teams. */
  teams: Schema.Array(Team).pipe(Schema.check(Schema.isBetweenLength(1, 200))),
  /** The team responsible when no mapping says otherwise. */
  defaultTeam: TeamId
}).pipe(
  Schema.check(
    Schema.makeFilter((m: { readonly teams: ReadonlyArray<{ readonly id: string }>; readonly defaultTeam: string }) =>
      new Set(m.teams.map((t) => t.id)).size !== m.teams.length
        ? "teams with unique ids (rule team-mapping.known-team)"
        : m.teams.some((t) => t.id === m.defaultTeam)
        ? undefined
        : "a default team that is one of the meta-team's teams (rule team-mapping.default-fallback)"
    )
  )
)
/** @category catalogue */
export type MetaTeam = typeof MetaTeam.Type

// ---------------------------------------------------------------------------------------------
// Mappings
// ---------------------------------------------------------------------------------------------

/**
 * One mapping: the team of a meta-team responsible for the customer, or for one of its
 * departments.
 *
 * @category models
 */
export class TeamMapping extends Schema.Class<TeamMapping>("customer-account/TeamMapping")({
  /** The meta-team. */
  metaTeamId: MetaTeamId,
  /** The responsible team, one of the meta-team's. */
  teamId: TeamId,
  /** The department the mapping is for; absent: for the customer as a whole. */
  departmentId: Schema.optionalKey(DepartmentId)
}) {}

/**
 * Where a resolved team comes from (rule `team-mapping.default-fallback`).
 *
 * @category resolving
 */
export type TeamSource = "department" | "parent-department" | "customer" | "default"

/**
 * The team responsible for a meta-team, and where the answer came from.
 *
 * @category resolving
 */
export interface ResolvedTeam {
  /** The meta-team. */
  readonly metaTeamId: MetaTeamId
  /** The responsible team. */
  readonly teamId: TeamId
  /** Where it came from. */
  readonly source: TeamSource
  /** The department whose mapping decided, for `department` and `parent-department`. */
  readonly fromDepartmentId?: DepartmentId
}

/**
 * A mapping change was refused; `rule` names the rule, `path` the input field at fault. Nothing was
 * changed.
 *
 * @category errors
 */
export class TeamMappingRejected extends Schema.TaggedError<TeamMappingRejected>()("TeamMappingRejected", {
  /** The rule that refused the change. */
  rule: Schema.Literals(["team-mapping.known-team", "team-mapping.one-per-meta-team", "department.known-id", "command.no-op-refused"]),
  /** Where in the input the problem is. */
  path: Schema.optionalKey(Schema.String),
  /** What was refused and why. */
  message: Schema.String
}) {}

const reject = (rule: TeamMappingRejected["rule"], message: string, path?: string) =>
  Result.fail(new TeamMappingRejected({ rule, ...(path === undefined ? {} : { path }), message: `${message} (rule ${rule})` }))

const sameKey = (m: TeamMapping, metaTeamId: string, departmentId: string | undefined) =>
  m.metaTeamId === metaTeamId && m.departmentId === departmentId

/**
 * The mapping of a meta-team for the customer (no department) or for one department, if any.
 *
 * @category models
 */
export const mappingFor = (
  mappings: ReadonlyArray<TeamMapping>,
  metaTeamId: string,
  departmentId?: string
): TeamMapping | undefined => mappings.find((m) => sameKey(m, metaTeamId, departmentId))

/**
 * Whether the list holds at most one mapping per meta-team and department (rule
 * `team-mapping.one-per-meta-team`).
 *
 * @category invariants
 */
export const isOnePerMetaTeam = (mappings: ReadonlyArray<TeamMapping>): boolean =>
  new Set(mappings.map((m) => `${m.metaTeamId}\u0000${m.departmentId ?? ""}`)).size === mappings.length

/**
 * Sets the team of a meta-team for the customer or one department, replacing the mapping before
 * (rules `team-mapping.one-per-meta-team`, `team-mapping.known-team`); the team already mapped is a
 * no-op and refused (rule `command.no-op-refused`). `previous` is the team replaced.
 *
 * @category changes
 */
export const setTeamMapping = (
  mappings: ReadonlyArray<TeamMapping>,
  catalogue: ReadonlyArray<MetaTeam>,
  departments: ReadonlyArray<Department>,
  input: { readonly metaTeamId: MetaTeamId; readonly teamId: TeamId; readonly departmentId?: DepartmentId | undefined }
): Result.Result<{ readonly mappings: ReadonlyArray<TeamMapping>; readonly previous?: TeamId }, TeamMappingRejected> => {
  const metaTeam = catalogue.find((m) => m.id === input.metaTeamId)
  if (metaTeam === undefined) {
    return reject(
      "team-mapping.known-team",
      `The tenant has no meta-team ${input.metaTeamId}; it has ${catalogue.length === 0 ? "none" : catalogue.map((m) => m.id).join(", ")}`,
      "metaTeamId"
    )
  }
  if (!metaTeam.teams.some((t) => t.id === input.teamId)) {
    return reject(
      "team-mapping.known-team",
      `The team ${input.teamId} is not one of the meta-team ${metaTeam.id}'s teams (${metaTeam.teams.map((t) => t.id).join(", ")})`,
      "teamId"
    )
  }
  if (input.departmentId !== undefined && findDepartment(departments, input.departmentId) === undefined) {
    return reject("department.known-id", `No department ${input.departmentId} in this account`, "departmentId")
  }
  const before = mappingFor(mappings, input.metaTeamId, input.departmentId)
  if (before?.teamId === input.teamId) {
    return reject("command.no-op-refused", `The team ${input.teamId} is already responsible there`, "teamId")
  }
  const mapping = new TeamMapping({
    metaTeamId: input.metaTeamId,
    teamId: input.teamId,
    ...(input.departmentId === undefined ? {} : { departmentId: input.departmentId })
  })
  const next = before === undefined ? [...mappings, mapping] : mappings.map((m) => (m === before ? mapping : m))
  return Result.succeed(before === undefined ? { mappings: next } : { mappings: next, previous: before.teamId })
}

/**
 * Removes the mapping of a meta-team for the customer or one department, so the fallback applies
 * again (rule `team-mapping.default-fallback`); a mapping that does not exist is refused (rule
 * `command.no-op-refused`).
 *
 * @category changes
 */
export const removeTeamMapping = (
  mappings: ReadonlyArray<TeamMapping>,
  input: { readonly metaTeamId: MetaTeamId; readonly departmentId?: DepartmentId | undefined }
): Result.Result<{ readonly mappings: ReadonlyArray<TeamMapping>; readonly removed: TeamMapping }, TeamMappingRejected> => {
  const before = mappingFor(mappings, input.metaTeamId, input.departmentId)
  if (before === undefined) {
    return reject(
      "command.no-op-refused",
      `No mapping of the meta-team ${input.metaTeamId}${input.departmentId === undefined ? "" : ` for the department ${input.departmentId}`} to remove`,
      "metaTeamId"
    )
  }
  return Result.succeed({ mappings: mappings.filter((m) => m !== before), removed: before })
}

/**
 * The team responsible for a meta-team (rule `team-mapping.default-fallback`): for a department,
 * its own mapping, else the nearest ancestor's; else the customer's mapping; else the meta-team's
 * default team. Mappings to a team the meta-team no longer has are skipped.
 *
 * @example
 * ```ts
 * import { Ids, TeamMappings } from "customer-account"
 *
 * const support = {
 *   id: Ids.MetaTeamId.make("support"), label: "Support", defaultTeam: Ids.TeamId.make("support-central"),
 *   teams: [{ id: Ids.TeamId.make("support-central"), label: "Central" }, { id: Ids.TeamId.make("support-north"), label: "North" }]
 * }
 * TeamMappings.resolveTeam([], [], support).teamId // "support-central", source "default"
 * ```
 *
 * @category resolving
 */
export const resolveTeam = (
  mappings: ReadonlyArray<TeamMapping>,
  departments: ReadonlyArray<Department>,
  metaTeam: MetaTeam,
  departmentId?: string
): ResolvedTeam => {
  const valid = (m: TeamMapping | undefined): m is TeamMapping => m !== undefined && metaTeam.teams.some((t) => t.id === m.teamId)
  if (departmentId !== undefined) {
    const own = mappingFor(mappings, metaTeam.id, departmentId)
    if (valid(own)) return { metaTeamId: metaTeam.id, teamId: own.teamId, source: "department", fromDepartmentId: own.departmentId! }
    for (const ancestor of ancestorsOf(departments, departmentId)) {
      const inherited = mappingFor(mappings, metaTeam.id, ancestor.id)
      if (valid(inherited)) {
        return { metaTeamId: metaTeam.id, teamId: inherited.teamId, source: "parent-department", fromDepartmentId: ancestor.id }
      }
    }
  }
  const customer = mappingFor(mappings, metaTeam.id)
  if (valid(customer)) return { metaTeamId: metaTeam.id, teamId: customer.teamId, source: "customer" }
  return { metaTeamId: metaTeam.id, teamId: metaTeam.defaultTeam, source: "default" }
}
