/**
 * The company structure of a company customer (SPEC sections 2 and 10): branches and departments
 * as a tree, held in the account and managed there (add, rename, move, remove when empty).
 *
 * The tree is stored flat, as a list of {@link Department}s each naming its parent; the functions
 * here keep its invariants (rule `department.tree`):
 *
 * - every parent exists, and no department is its own ancestor;
 * - at most {@link maxDepartmentDepth} levels and {@link maxDepartments} nodes;
 * - names are unique among siblings, compared case-insensitively after trimming (rule
 *   `department.sibling-names-unique`);
 * - a branch (a location, the seeds' "Niederlassung") sits at the top or under another branch; a
 *   department sits anywhere (rule `department.branch-placement`);
 * - a department is removed only when it is empty: no sub-departments (rule
 *   `department.remove-when-empty`; `ServicePlatform.removeDepartment` adds team mappings, pending or
 *   accepted invitations and linked devices).
 *
 * Every operation is pure: it takes the list and returns a new one, or a typed
 * {@link DepartmentChangeRejected} and changes nothing.
 *
 * Department names are personal data (rule `customer.personal-data-marked`): a branch may be
 * called after its owner or a person ("Filiale Müller"). The stored name carries the mark, and
 * anonymization replaces it with the department's id ({@link StoredDepartmentName}), which keeps
 * the names unique among siblings, so the anonymized tree is still a valid tree.
 *
 * @module
 */
import { Result, Schema } from "effect"
import { isCleanText, trimNfc } from "./Text.ts"
import { DepartmentId } from "./Ids.ts"
import { personal } from "./PersonalData.ts"

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/**
 * The most nodes one company's tree holds.
 *
 * @category limits
 */
export const maxDepartments = 500

/**
 * The most levels the tree has (a top-level node is on level 1).
 *
 * @category limits
 */
export const maxDepartmentDepth = 8

/**
 * What a node is: a `branch` (a location) or a `department` (rule `department.branch-placement`).
 *
 * @category models
 */
export const DepartmentKind = Schema.Literals(["branch", "department"])
/** @category models */
export type DepartmentKind = typeof DepartmentKind.Type

/**
 * A branch's or department's name: 1 to 100 characters without surrounding whitespace.
 *
 * @category models
 */
export const DepartmentName = Schema.Trimmed.check(
  Schema.isBetweenLength(1, 100, { expected: "a department name of 1 to 100 characters (rule department.tree)" }),
  isCleanText()
)
/** @category models */
export type DepartmentName = typeof DepartmentName.Type

/**
 * A department name as the account holds it: personal data (category `identity`), replaced by
 * anonymization with the department's own id, so that sibling names stay unique (rule
 * `department.sibling-names-unique`) in the anonymized tree.
 *
 * @category models
 */
export const StoredDepartmentName = DepartmentName.pipe(
  personal("identity", { replaceWith: (department) => department["id"] })
)

/**
 * A department name as typed: trimmed, then checked.
 *
 * @category models
 */
export const DepartmentNameInput = Schema.String.pipe(Schema.decodeTo(DepartmentName, trimNfc()))

/**
 * One node of the tree: a branch or a department, its name and its parent (absent at the top).
 *
 * @category models
 */
export class Department extends Schema.Class<Department>("customer-account/Department")({
  /** The node's id, unique within the account. */
  id: DepartmentId,
  /** Branch or department. */
  kind: DepartmentKind,
  /** The name, unique among its siblings (case-insensitively); personal data. */
  name: StoredDepartmentName,
  /** The parent node; absent for a top-level node. */
  parentId: Schema.optionalKey(DepartmentId)
}) {}

/**
 * A node of the nested view of the tree: the department and its children, in the order added.
 *
 * @category reading
 */
export interface DepartmentNode {
  /** The department. */
  readonly department: Department
  /** Its level: 1 at the top. */
  readonly depth: number
  /** Its children. */
  readonly children: ReadonlyArray<DepartmentNode>
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * A change of the tree was refused. `rule` names the rule, `path` the input field at fault.
 * Nothing was changed.
 *
 * @category errors
 */
export class DepartmentChangeRejected extends Schema.TaggedError<DepartmentChangeRejected>()("DepartmentChangeRejected", {
  /** The rule that refused the change. */
  rule: Schema.Literals([
    "department.tree",
    "department.sibling-names-unique",
    "department.branch-placement",
    "department.remove-when-empty",
    "department.known-id",
    "command.no-op-refused"
  ]),
  /** The department concerned, if there is one. */
  departmentId: Schema.optionalKey(Schema.String),
  /** Where in the input the problem is. */
  path: Schema.optionalKey(Schema.String),
  /** What was refused and why. */
  message: Schema.String
}) {}

const reject = (
  rule: DepartmentChangeRejected["rule"],
  message: string,
  options: { readonly departmentId?: string; readonly path?: string } = {}
): Result.Result<never, DepartmentChangeRejected> =>
  Result.fail(new DepartmentChangeRejected({ rule, ...options, message: `${message} (rule ${rule})` }))

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/**
 * The department with this id, if the list holds it.
 *
 * @category reading
 */
export const findDepartment = (departments: ReadonlyArray<Department>, id: string): Department | undefined =>
  departments.find((d) => d.id === id)

/**
 * The direct children of a node (or the top-level nodes, for `undefined`), in the order added.
 *
 * @category reading
 */
export const childrenOf = (departments: ReadonlyArray<Department>, parentId: string | undefined): ReadonlyArray<Department> =>
  departments.filter((d) => d.parentId === parentId)

/**
 * The ancestors of a node, nearest first (its parent, its grandparent, ...). Stops at a missing
 * parent or a cycle, so it is total on any list.
 *
 * @category reading
 */
export const ancestorsOf = (departments: ReadonlyArray<Department>, id: string): ReadonlyArray<Department> => {
  const found: Array<Department> = []
  const seen = new Set<string>([id])
  let parentId = findDepartment(departments, id)?.parentId
  while (parentId !== undefined && !seen.has(parentId)) {
    const parent = findDepartment(departments, parentId)
    if (parent === undefined) break
    found.push(parent)
    seen.add(parentId)
    parentId = parent.parentId
  }
  return found
}

/**
 * Every node below a node (children, their children, ...), breadth first.
 *
 * @category reading
 */
export const descendantsOf = (departments: ReadonlyArray<Department>, id: string): ReadonlyArray<Department> => {
  const found: Array<Department> = []
  const seen = new Set<string>([id])
  const queue = [id]
  while (queue.length > 0) {
    const current = queue.shift()!
    for (const child of childrenOf(departments, current)) {
      if (seen.has(child.id)) continue
      seen.add(child.id)
      found.push(child)
      queue.push(child.id)
    }
  }
  return found
}

/**
 * The level of a node: 1 at the top.
 *
 * @category reading
 */
export const depthOf = (departments: ReadonlyArray<Department>, id: string): number => ancestorsOf(departments, id).length + 1

/** How many levels the subtree of a node spans: 1 for a leaf. */
const heightOf = (departments: ReadonlyArray<Department>, id: string): number => {
  const below = descendantsOf(departments, id)
  const base = depthOf(departments, id)
  return below.reduce((h, d) => Math.max(h, depthOf(departments, d.id) - base + 1), 1)
}

/**
 * The tree as nested nodes, top-level nodes first, children in the order added.
 *
 * @category reading
 */
export const departmentTree = (departments: ReadonlyArray<Department>): ReadonlyArray<DepartmentNode> => {
  const build = (parentId: string | undefined, depth: number, seen: ReadonlySet<string>): ReadonlyArray<DepartmentNode> =>
    childrenOf(departments, parentId)
      .filter((d) => !seen.has(d.id))
      .map((department) => ({
        department,
        depth,
        children: build(department.id, depth + 1, new Set([...seen, department.id]))
      }))
  return build(undefined, 1, new Set())
}

/**
 * The path of names from the top to a node, e.g. `["Köln", "Service", "Field team"]`.
 *
 * @category reading
 */
export const pathOf = (departments: ReadonlyArray<Department>, id: string): ReadonlyArray<string> => {
  const self = findDepartment(departments, id)
  if (self === undefined) return []
  return [...ancestorsOf(departments, id).map((d) => d.name).reverse(), self.name]
}

const nameKey = (name: string): string => name.trim().toLowerCase()

/**
 * Whether a list is a valid tree (rules `department.tree`, `department.sibling-names-unique`,
 * `department.branch-placement`): unique ids, existing parents, no cycle, at most
 * {@link maxDepartmentDepth} levels and {@link maxDepartments} nodes, unique names among siblings,
 * branches only at the top or under branches.
 *
 * @category invariants
 */
export const isValidTree = (departments: ReadonlyArray<Department>): boolean => {
  if (departments.length > maxDepartments) return false
  const ids = new Set(departments.map((d) => d.id))
  if (ids.size !== departments.length) return false
  for (const d of departments) {
    if (d.parentId !== undefined) {
      const parent = findDepartment(departments, d.parentId)
      if (parent === undefined || d.parentId === d.id) return false
      if (d.kind === "branch" && parent.kind !== "branch") return false
    }
    const ancestors = ancestorsOf(departments, d.id)
    const top = ancestors[ancestors.length - 1] ?? d
    if (top.parentId !== undefined) return false // a cycle or a missing parent above
    if (ancestors.length + 1 > maxDepartmentDepth) return false
  }
  const siblings = new Set<string>()
  for (const d of departments) {
    const key = `${d.parentId ?? ""}\u0000${nameKey(d.name)}`
    if (siblings.has(key)) return false
    siblings.add(key)
  }
  return true
}

// ---------------------------------------------------------------------------------------------
// Changes
// ---------------------------------------------------------------------------------------------

const checkName = (
  departments: ReadonlyArray<Department>,
  parentId: string | undefined,
  name: string,
  self?: string
): Result.Result<void, DepartmentChangeRejected> => {
  const clash = childrenOf(departments, parentId).find((d) => d.id !== self && nameKey(d.name) === nameKey(name))
  return clash === undefined
    ? Result.void
    : reject(
      "department.sibling-names-unique",
      `Another ${clash.kind} at this place is already called ${JSON.stringify(clash.name)}; names are unique among siblings, ignoring case`,
      { departmentId: clash.id, path: "name" }
    )
}

const checkPlacement = (
  departments: ReadonlyArray<Department>,
  kind: DepartmentKind,
  parentId: string | undefined
): Result.Result<void, DepartmentChangeRejected> => {
  if (parentId === undefined) return Result.void
  const parent = findDepartment(departments, parentId)
  if (parent === undefined) {
    return reject("department.known-id", `No department ${parentId} in this account to place it under`, {
      departmentId: parentId,
      path: "parentId"
    })
  }
  if (kind === "branch" && parent.kind !== "branch") {
    return reject(
      "department.branch-placement",
      `A branch sits at the top or under another branch, not under the department ${JSON.stringify(parent.name)}`,
      { departmentId: parentId, path: "parentId" }
    )
  }
  return Result.void
}

const known = (departments: ReadonlyArray<Department>, id: string, path: string): Result.Result<Department, DepartmentChangeRejected> => {
  const found = findDepartment(departments, id)
  return found === undefined
    ? reject("department.known-id", `No department ${id} in this account`, { departmentId: id, path })
    : Result.succeed(found)
}

/**
 * Adds a node (rules `department.tree`, `department.sibling-names-unique`,
 * `department.branch-placement`, `department.known-id`). The id must be new.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { Departments, Ids } from "customer-account"
 *
 * const added = Departments.addDepartment([], { id: Ids.DepartmentId.make("d-1"), kind: "branch", name: "Köln" })
 * Result.isSuccess(added) // true
 * ```
 *
 * @category changes
 */
export const addDepartment = (
  departments: ReadonlyArray<Department>,
  input: { readonly id: DepartmentId; readonly kind: DepartmentKind; readonly name: DepartmentName; readonly parentId?: DepartmentId | undefined }
): Result.Result<ReadonlyArray<Department>, DepartmentChangeRejected> => {
  if (findDepartment(departments, input.id) !== undefined) {
    return reject("department.tree", `The id ${input.id} is taken in this account`, { departmentId: input.id })
  }
  if (departments.length >= maxDepartments) {
    return reject("department.tree", `A company holds at most ${maxDepartments} branches and departments`)
  }
  const placed = checkPlacement(departments, input.kind, input.parentId)
  if (Result.isFailure(placed)) return Result.fail(placed.failure)
  if (input.parentId !== undefined && depthOf(departments, input.parentId) + 1 > maxDepartmentDepth) {
    return reject("department.tree", `The tree has at most ${maxDepartmentDepth} levels`, { path: "parentId" })
  }
  const named = checkName(departments, input.parentId, input.name)
  if (Result.isFailure(named)) return Result.fail(named.failure)
  const department = new Department({
    id: input.id,
    kind: input.kind,
    name: input.name,
    ...(input.parentId === undefined ? {} : { parentId: input.parentId })
  })
  return Result.succeed([...departments, department])
}

/**
 * Renames a node (rules `department.sibling-names-unique`, `department.known-id`); the same name is
 * a no-op and refused (rule `command.no-op-refused`). A change of case alone is a rename.
 *
 * @category changes
 */
export const renameDepartment = (
  departments: ReadonlyArray<Department>,
  id: DepartmentId,
  name: DepartmentName
): Result.Result<ReadonlyArray<Department>, DepartmentChangeRejected> => {
  const found = known(departments, id, "departmentId")
  if (Result.isFailure(found)) return Result.fail(found.failure)
  const department = found.success
  if (department.name === name) {
    return reject("command.no-op-refused", `The ${department.kind} is already called so`, { departmentId: id, path: "name" })
  }
  const named = checkName(departments, department.parentId, name, id)
  if (Result.isFailure(named)) return Result.fail(named.failure)
  return Result.succeed(departments.map((d) => (d.id === id ? new Department({ ...d, name }) : d)))
}

/**
 * Moves a node with its subtree under another parent, or to the top for `undefined` (rules
 * `department.tree`, `department.sibling-names-unique`, `department.branch-placement`,
 * `department.known-id`). A node cannot move below itself; moving to where it is is a no-op and
 * refused (rule `command.no-op-refused`).
 *
 * @category changes
 */
export const moveDepartment = (
  departments: ReadonlyArray<Department>,
  id: DepartmentId,
  parentId: DepartmentId | undefined
): Result.Result<ReadonlyArray<Department>, DepartmentChangeRejected> => {
  const found = known(departments, id, "departmentId")
  if (Result.isFailure(found)) return Result.fail(found.failure)
  const department = found.success
  if (department.parentId === parentId) {
    return reject("command.no-op-refused", `The ${department.kind} is already there`, { departmentId: id, path: "parentId" })
  }
  if (parentId !== undefined && (parentId === id || descendantsOf(departments, id).some((d) => d.id === parentId))) {
    return reject("department.tree", `A ${department.kind} cannot move below itself`, { departmentId: id, path: "parentId" })
  }
  const placed = checkPlacement(departments, department.kind, parentId)
  if (Result.isFailure(placed)) return Result.fail(placed.failure)
  const newDepth = parentId === undefined ? 1 : depthOf(departments, parentId) + 1
  if (newDepth + heightOf(departments, id) - 1 > maxDepartmentDepth) {
    return reject("department.tree", `The tree has at most ${maxDepartmentDepth} levels; the move would exceed them`, {
      departmentId: id,
      path: "parentId"
    })
  }
  const named = checkName(departments, parentId, department.name, id)
  if (Result.isFailure(named)) return Result.fail(named.failure)
  return Result.succeed(
    departments.map((d) => {
      if (d.id !== id) return d
      const { parentId: _old, ...rest } = d
      return new Department(parentId === undefined ? rest : { ...rest, parentId })
    })
  )
}

/**
 * Removes a node that has no children (rules `department.remove-when-empty`,
 * `department.known-id`). What else must be empty (team mappings, pending invitations) is checked
 * by the account (`ServicePlatform.removeDepartment`).
 *
 * @category changes
 */
export const removeDepartment = (
  departments: ReadonlyArray<Department>,
  id: DepartmentId
): Result.Result<ReadonlyArray<Department>, DepartmentChangeRejected> => {
  const found = known(departments, id, "departmentId")
  if (Result.isFailure(found)) return Result.fail(found.failure)
  const children = childrenOf(departments, id)
  if (children.length > 0) {
    return reject(
      "department.remove-when-empty",
      `The ${found.success.kind} has ${children.length} sub-department(s); move or remove them first`,
      { departmentId: id, path: "departmentId" }
    )
  }
  return Result.succeed(departments.filter((d) => d.id !== id))
}
