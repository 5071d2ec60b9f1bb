/**
 * Department commands of the service platform (SPEC section 10): a company customer's branches
 * and departments, held in the account as a tree (`Departments.ts`): add, rename, move and remove
 * when empty. Each change appends one activity (`department.added`, `department.renamed`,
 * `department.moved`, `department.removed`, group `customer-data`). The names are personal data:
 * they go into the activities' marked details (removed by anonymization), never into summaries,
 * which name the node by kind and id (`Branch department-3 added`).
 *
 * A private customer has no departments: every command here refuses it with a
 * `CommandRejected` (rule `service.company-only`). Removing needs the department to be empty
 * (rule `department.remove-when-empty`): no sub-departments, no team mapping, no pending or
 * accepted invitation naming it, and no device the host links to it (counted through the
 * `ServiceRecords` port in the command's host step).
 *
 * @module
 */
import { Effect, Result, Schema } from "effect"
import { Account } from "../../domain/Account.ts"
import * as Departments from "../../domain/Departments.ts"
import { CustomerId, DepartmentId } from "../../domain/Ids.ts"
import type { CommandKind } from "../../domain/Permission.ts"
import { removeDepartment as removeFromState, servicePlatformOf, ServicePlatformState } from "../../domain/ServicePlatform.ts"
import type { StorageError } from "../../ports/AccountStore.ts"
import { ServiceRecords } from "../../ports/ServiceRecords.ts"
import type { CommandRejected } from "../Errors.ts"
import type { AccountCommand, ActivityDraft } from "../Pipeline.ts"
import { reject } from "./Refusals.ts"

/**
 * Refuses a command on a private customer (rule `service.company-only`); `undefined` for a
 * company customer.
 *
 * @category helpers
 */
export const companyOnly = (command: CommandKind, account: Account, what: string) =>
  account.profile.kind === "company"
    ? undefined
    : reject(command, "service.company-only", `A private customer has no ${what}; they exist only for company customers`)

/**
 * The account with its service platform part replaced.
 *
 * @category helpers
 */
export const withServicePlatform = (account: Account, state: ServicePlatformState): Account =>
  new Account({ ...account, servicePlatform: state })

const withDepartments = (account: Account, departments: ReadonlyArray<Departments.Department>): Account =>
  withServicePlatform(account, new ServicePlatformState({ ...servicePlatformOf(account), departments }))

/**
 * How a summary names a node: its kind and id, never its name. Department names are personal data
 * (they may name a person) and summaries stay after anonymization, so they hold no names.
 */
const label = (d: { readonly kind: string; readonly id: string }) => `${d.kind === "branch" ? "Branch" : "Department"} ${d.id}`

/**
 * Input of `addDepartment`: the customer, branch or department, its name and its parent (absent:
 * the top level).
 *
 * @category inputs
 */
export const AddDepartmentInput = Schema.Struct({
  /** The company customer. */
  customerId: CustomerId,
  /** `branch` or `department`. */
  kind: Departments.DepartmentKind,
  /** The name, trimmed, 1 to 100 characters. */
  name: Departments.DepartmentNameInput,
  /** The parent; absent for a top-level node. */
  parentId: Schema.optionalKey(DepartmentId)
})
/** @category inputs */
export type AddDepartmentInput = typeof AddDepartmentInput.Type

/**
 * Add a branch or department (rules `service.company-only`, `department.tree`,
 * `department.sibling-names-unique`, `department.branch-placement`, `department.known-id`);
 * `created` is its id.
 *
 * @category commands
 */
export const addDepartment: AccountCommand<AddDepartmentInput, void, never, never, Departments.DepartmentChangeRejected | CommandRejected, typeof AddDepartmentInput.Encoded> = {
  kind: "add-department",
  subject: "AddDepartment",
  input: AddDepartmentInput,
  customerId: (input) => input.customerId,
  ids: ["department"],
  decide: (account, input, env) => {
    const refused = companyOnly("add-department", account, "branches or departments")
    if (refused !== undefined) return refused
    const id = DepartmentId.make(env.ids[0] ?? "")
    const added = Departments.addDepartment(servicePlatformOf(account).departments, { ...input, id })
    if (Result.isFailure(added)) return Result.fail(added.failure)
    const draft: ActivityDraft = {
      type: "department.added",
      summary: `${label({ kind: input.kind, id })} added${input.parentId === undefined ? "" : ` under ${input.parentId}`}`,
      details: {
        departmentId: id,
        kind: input.kind,
        name: input.name,
        ...(input.parentId === undefined ? {} : { parentId: input.parentId })
      }
    }
    return Result.succeed({ account: withDepartments(account, added.success), activities: [draft], created: id })
  }
}

/**
 * Input of `renameDepartment`: the customer, the node and its new name.
 *
 * @category inputs
 */
export const RenameDepartmentInput = Schema.Struct({
  /** The company customer. */
  customerId: CustomerId,
  /** The node to rename. */
  departmentId: DepartmentId,
  /** The new name, trimmed, 1 to 100 characters. */
  name: Departments.DepartmentNameInput
})
/** @category inputs */
export type RenameDepartmentInput = typeof RenameDepartmentInput.Type

/**
 * Rename a branch or department (rules `service.company-only`,
 * `department.sibling-names-unique`, `department.known-id`, `command.no-op-refused`).
 *
 * @category commands
 */
export const renameDepartment: AccountCommand<RenameDepartmentInput, void, never, never, Departments.DepartmentChangeRejected | CommandRejected, typeof RenameDepartmentInput.Encoded> = {
  kind: "rename-department",
  subject: "RenameDepartment",
  input: RenameDepartmentInput,
  customerId: (input) => input.customerId,
  decide: (account, input) => {
    const refused = companyOnly("rename-department", account, "branches or departments")
    if (refused !== undefined) return refused
    const departments = servicePlatformOf(account).departments
    const before = Departments.findDepartment(departments, input.departmentId)
    const renamed = Departments.renameDepartment(departments, input.departmentId, input.name)
    if (Result.isFailure(renamed) || before === undefined) {
      return Result.isFailure(renamed) ? Result.fail(renamed.failure) : Result.fail(unreachable())
    }
    return Result.succeed({
      account: withDepartments(account, renamed.success),
      activities: [{
        type: "department.renamed",
        summary: `${label(before)} renamed`,
        details: { departmentId: before.id, kind: before.kind, before: before.name, after: input.name }
      }]
    })
  }
}

const unreachable = () =>
  new Departments.DepartmentChangeRejected({ rule: "department.known-id", message: "No such department (rule department.known-id)" })

/**
 * Input of `moveDepartment`: the customer, the node and its new parent (`null` or absent: the top
 * level).
 *
 * @category inputs
 */
export const MoveDepartmentInput = Schema.Struct({
  /** The company customer. */
  customerId: CustomerId,
  /** The node to move, with its subtree. */
  departmentId: DepartmentId,
  /** The new parent; `null` or absent moves the node to the top level. */
  parentId: Schema.optionalKey(Schema.NullOr(DepartmentId))
})
/** @category inputs */
export type MoveDepartmentInput = typeof MoveDepartmentInput.Type

/**
 * Move a branch or department with its subtree (rules `service.company-only`, `department.tree`:
 * never below itself, `department.branch-placement`, `department.sibling-names-unique`,
 * `department.known-id`, `command.no-op-refused`).
 *
 * @category commands
 */
export const moveDepartment: AccountCommand<MoveDepartmentInput, void, never, never, Departments.DepartmentChangeRejected | CommandRejected, typeof MoveDepartmentInput.Encoded> = {
  kind: "move-department",
  subject: "MoveDepartment",
  input: MoveDepartmentInput,
  customerId: (input) => input.customerId,
  decide: (account, input) => {
    const refused = companyOnly("move-department", account, "branches or departments")
    if (refused !== undefined) return refused
    const departments = servicePlatformOf(account).departments
    const before = Departments.findDepartment(departments, input.departmentId)
    const parentId = input.parentId ?? undefined
    const moved = Departments.moveDepartment(departments, input.departmentId, parentId)
    if (Result.isFailure(moved) || before === undefined) {
      return Result.isFailure(moved) ? Result.fail(moved.failure) : Result.fail(unreachable())
    }
    return Result.succeed({
      account: withDepartments(account, moved.success),
      activities: [{
        type: "department.moved",
        summary: `${label(before)} moved ${parentId === undefined ? "to the top level" : `under ${parentId}`}`,
        details: {
          departmentId: before.id,
          kind: before.kind,
          name: before.name,
          ...(before.parentId === undefined ? {} : { fromParentId: before.parentId }),
          ...(parentId === undefined ? {} : { toParentId: parentId })
        }
      }]
    })
  }
}

/**
 * Input of `removeDepartment`: the customer and the node.
 *
 * @category inputs
 */
export const RemoveDepartmentInput = Schema.Struct({
  /** The company customer. */
  customerId: CustomerId,
  /** The node to remove; it must be empty. */
  departmentId: DepartmentId
})
/** @category inputs */
export type RemoveDepartmentInput = typeof RemoveDepartmentInput.Type

/**
 * Remove an empty branch or department (rules `service.company-only`,
 * `department.remove-when-empty`, `department.known-id`). The host step counts the devices linked
 * to it through the `ServiceRecords` port.
 *
 * @category commands
 */
export const removeDepartment: AccountCommand<
  RemoveDepartmentInput,
  number,
  StorageError,
  ServiceRecords,
  Departments.DepartmentChangeRejected | CommandRejected,
  typeof RemoveDepartmentInput.Encoded
> = {
  kind: "remove-department",
  subject: "RemoveDepartment",
  input: RemoveDepartmentInput,
  customerId: (input) => input.customerId,
  prepare: (input, account, caller) =>
    account.profile.kind !== "company"
      ? Effect.succeed(0)
      : Effect.gen(function*() {
        const records = yield* ServiceRecords
        return yield* records.count(caller.tenantId, account.customerId, "devices", {
          filters: { departmentId: { kind: "values", values: [input.departmentId] } }
        })
      }),
  decide: (account, input, env) => {
    const refused = companyOnly("remove-department", account, "branches or departments")
    if (refused !== undefined) return refused
    const state = servicePlatformOf(account)
    const before = Departments.findDepartment(state.departments, input.departmentId)
    const removed = removeFromState(state, input.departmentId, env.at, env.prepared)
    if (Result.isFailure(removed) || before === undefined) {
      return Result.isFailure(removed) ? Result.fail(removed.failure) : Result.fail(unreachable())
    }
    return Result.succeed({
      account: withServicePlatform(account, removed.success),
      activities: [{
        type: "department.removed",
        summary: `${label(before)} removed`,
        details: {
          departmentId: before.id,
          kind: before.kind,
          name: before.name,
          ...(before.parentId === undefined ? {} : { parentId: before.parentId })
        }
      }]
    })
  }
}
