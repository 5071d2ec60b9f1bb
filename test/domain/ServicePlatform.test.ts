import { DateTime, Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Account } from "../../src/domain/Account.ts"
import * as D from "../../src/domain/Departments.ts"
import { DepartmentId, MetaTeamId, ModuleId, TeamId } from "../../src/domain/Ids.ts"
import * as Q from "../../src/domain/ListQuery.ts"
import { erasePersonalData, personalFields } from "../../src/domain/PersonalData.ts"
import { listSpecs, Ticket } from "../../src/domain/ServiceRecord.ts"
import { emptyServicePlatform, removeDepartment, ServicePlatformState, servicePlatformOf } from "../../src/domain/ServicePlatform.ts"
import * as S from "../../src/domain/ServiceSettings.ts"
import * as T from "../../src/domain/TeamMappings.ts"
import * as Arbitraries from "../../src/testing/arbitraries.ts"
import { at } from "../support/arbitraries.ts"
import { runs } from "../support/properties.ts"

const dep = (id: string) => DepartmentId.make(id)
const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${String((r.failure as { message?: string }).message)}`)
  return r.success
}

// Köln (branch) > Service (department) > Field (department); Bonn (branch)
const tree = (() => {
  let list: ReadonlyArray<D.Department> = []
  list = ok(D.addDepartment(list, { id: dep("koeln"), kind: "branch", name: "Köln" }))
  list = ok(D.addDepartment(list, { id: dep("service"), kind: "department", name: "Service", parentId: dep("koeln") }))
  list = ok(D.addDepartment(list, { id: dep("field"), kind: "department", name: "Field", parentId: dep("service") }))
  list = ok(D.addDepartment(list, { id: dep("bonn"), kind: "branch", name: "Bonn" }))
  return list
})()

describe("Arbitraries.servicePlatformState", () => {
  it("department.tree / invitation.pending-unique: generated states are valid, round-trip through the Schema and reach every invitation state", () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(Arbitraries.servicePlatformState, (state) => {
        expect(D.isValidTree(state.departments)).toBe(true)
        const decoded = Schema.decodeUnknownSync(ServicePlatformState)(Schema.encodeSync(ServicePlatformState)(state))
        expect(Schema.encodeSync(ServicePlatformState)(decoded)).toEqual(Schema.encodeSync(ServicePlatformState)(state))
        const pending = state.invitations.filter((i) => i.status === "pending").map((i) => i.email.toLowerCase())
        expect(new Set(pending).size).toBe(pending.length)
        for (const i of state.invitations) seen.add(i.status)
        if (state.departments.some((d) => d.parentId !== undefined)) seen.add("nested")
      }),
      { numRuns: runs(200) }
    )
    expect([...seen].sort()).toEqual(["accepted", "nested", "pending", "revoked"])
  })
})

describe("Departments", () => {
  it("customer.personal-data-marked: department names are marked; erasing a random tree replaces each name by its id and keeps a valid tree", () => {
    expect(personalFields(ServicePlatformState).map((f) => f.path)).toContain("departments.[].name")
    const ids = ["a", "b", "c", "d", "e", "f"]
    const op = fc.record({
      id: fc.constantFrom(...ids),
      kind: fc.constantFrom("branch" as const, "department" as const),
      // names that would collide with each other once replaced by one constant, and with the ids
      name: fc.constantFrom("X", "x", "a", "B", "anonymized"),
      parent: fc.option(fc.constantFrom(...ids), { nil: undefined })
    })
    fc.assert(
      fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
        let departments: ReadonlyArray<D.Department> = []
        for (const o of ops) {
          const added = D.addDepartment(departments, { id: dep(o.id), kind: o.kind, name: o.name, parentId: o.parent === undefined ? undefined : dep(o.parent) })
          if (Result.isSuccess(added)) departments = added.success
        }
        const state = new ServicePlatformState({ ...emptyServicePlatform, departments })
        const erased = ok(erasePersonalData(ServicePlatformState, state))
        expect(D.isValidTree(erased.departments)).toBe(true)
        expect(erased.departments.map((d) => [d.id, d.kind, d.parentId, d.name])).toEqual(departments.map((d) => [d.id, d.kind, d.parentId, d.id]))
      }),
      { numRuns: runs(100) }
    )
  })

  it("department.tree: moving a node below itself or its descendants is refused; a valid move keeps a valid tree", () => {
    for (const target of ["koeln", "service", "field"]) {
      const moved = D.moveDepartment(tree, dep("koeln"), dep(target))
      expect(Result.isFailure(moved) && moved.failure.rule).toBe("department.tree")
    }
    const moved = ok(D.moveDepartment(tree, dep("service"), dep("bonn")))
    expect(D.isValidTree(moved)).toBe(true)
    expect(D.pathOf(moved, "field")).toEqual(["Bonn", "Service", "Field"])
  })

  it("department.tree: random adds, renames, moves and removes keep a valid tree; a refused change leaves the list as it was", () => {
    const ids = ["a", "b", "c", "d", "e", "f"]
    const op = fc.oneof(
      fc.record({ op: fc.constant("add" as const), id: fc.constantFrom(...ids), kind: fc.constantFrom("branch" as const, "department" as const), name: fc.constantFrom("X", "x", "Y", "Z"), parent: fc.option(fc.constantFrom(...ids), { nil: undefined }) }),
      fc.record({ op: fc.constant("rename" as const), id: fc.constantFrom(...ids), name: fc.constantFrom("X", "Y", "Q") }),
      fc.record({ op: fc.constant("move" as const), id: fc.constantFrom(...ids), parent: fc.option(fc.constantFrom(...ids), { nil: undefined }) }),
      fc.record({ op: fc.constant("remove" as const), id: fc.constantFrom(...ids) })
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let list: ReadonlyArray<D.Department> = []
        for (const o of ops) {
          const result = o.op === "add"
            ? D.addDepartment(list, { id: dep(o.id), kind: o.kind, name: o.name, parentId: o.parent === undefined ? undefined : dep(o.parent) })
            : o.op === "rename"
            ? D.renameDepartment(list, dep(o.id), o.name)
            : o.op === "move"
            ? D.moveDepartment(list, dep(o.id), o.parent === undefined ? undefined : dep(o.parent))
            : D.removeDepartment(list, dep(o.id))
          if (Result.isSuccess(result)) list = result.success
          expect(D.isValidTree(list)).toBe(true)
        }
      }),
      { numRuns: runs(100) }
    )
  })

  it("department.sibling-names-unique: a sibling's name in another case is refused; the same name elsewhere is fine", () => {
    const clash = D.addDepartment(tree, { id: dep("x"), kind: "department", name: "service", parentId: dep("koeln") })
    expect(Result.isFailure(clash) && clash.failure).toMatchObject({ rule: "department.sibling-names-unique", path: "name" })
    expect(Result.isSuccess(D.addDepartment(tree, { id: dep("x"), kind: "department", name: "Service", parentId: dep("bonn") }))).toBe(true)
    const rename = D.renameDepartment(tree, dep("bonn"), "KÖLN")
    expect(Result.isFailure(rename) && rename.failure.rule).toBe("department.sibling-names-unique")
  })

  it("department.branch-placement: a branch under a department is refused, a department under a branch is fine", () => {
    const refused = D.addDepartment(tree, { id: dep("x"), kind: "branch", name: "Süd", parentId: dep("service") })
    expect(Result.isFailure(refused) && refused.failure).toMatchObject({ rule: "department.branch-placement", path: "parentId" })
    const moved = D.moveDepartment(tree, dep("bonn"), dep("field"))
    expect(Result.isFailure(moved) && moved.failure.rule).toBe("department.branch-placement")
    expect(Result.isSuccess(D.addDepartment(tree, { id: dep("x"), kind: "branch", name: "Süd", parentId: dep("koeln") }))).toBe(true)
  })

  it("department.remove-when-empty: a node with children, a team mapping, a pending invitation or linked devices stays", () => {
    expect(D.removeDepartment(tree, dep("service"))).toMatchObject({ failure: { rule: "department.remove-when-empty" } })
    const state = new ServicePlatformState({
      ...emptyServicePlatform,
      departments: tree,
      teamMappings: [new T.TeamMapping({ metaTeamId: MetaTeamId.make("support"), teamId: TeamId.make("north"), departmentId: dep("bonn") })]
    })
    const mapped = removeDepartment(state, dep("bonn"), at)
    expect(Result.isFailure(mapped) && mapped.failure.message).toContain("team mapping")
    const devices = removeDepartment(state, dep("field"), at, 2)
    expect(Result.isFailure(devices) && devices.failure.message).toContain("2 linked device(s)")
    const removed = ok(removeDepartment(state, dep("field"), at))
    expect(removed.departments.map((d) => d.id)).toEqual(["koeln", "service", "bonn"])
  })

  it("department.known-id: renaming, moving or removing an unknown node is refused naming it", () => {
    for (const r of [D.renameDepartment(tree, dep("nope"), "X"), D.moveDepartment(tree, dep("nope"), undefined), D.removeDepartment(tree, dep("nope"))]) {
      expect(Result.isFailure(r) && r.failure).toMatchObject({ rule: "department.known-id", departmentId: "nope" })
    }
  })

  it("an account document without the service platform field decodes, and reads as the empty state", () => {
    const json = Schema.encodeSync(ServicePlatformState)(emptyServicePlatform)
    expect(Schema.decodeUnknownSync(ServicePlatformState)(json)).toEqual(emptyServicePlatform)
    expect(servicePlatformOf({})).toBe(emptyServicePlatform)
    expect(Account.fields.servicePlatform).toBeDefined()
  })
})

describe("ListQuery", () => {
  const ticket = (id: string, subject: string, status: Ticket["status"], created: string) =>
    new Ticket({ id: id as Ticket["id"], subject, status, priority: "normal", createdAt: DateTime.makeUnsafe(created) })
  const tickets = [
    ticket("t-1", "Pump leaks", "open", "2026-01-02T00:00:00Z"),
    ticket("t-2", "Pump noisy at night", "closed", "2026-01-01T00:00:00Z"),
    ticket("t-3", "Display broken", "waiting", "2026-01-03T00:00:00Z")
  ]

  it("service-records.declared-fields: an undeclared sort key or filter names the list, the field and the declared ones", () => {
    const sort = Q.checkListQuery(listSpecs.tickets, { limit: 10, sort: { key: "colour", direction: "asc" } })
    expect(Result.isFailure(sort) && sort.failure).toMatchObject({
      _tag: "UndeclaredListField",
      rule: "service-records.declared-fields",
      list: "tickets",
      usage: "sort",
      field: "colour",
      path: "sort.key",
      declared: ["createdAt", "updatedAt", "priority", "status", "subject"]
    })
    const filter = Q.checkListQuery(listSpecs.devices, { limit: 10, filters: { owner: "x" } })
    expect(Result.isFailure(filter) && filter.failure).toMatchObject({ usage: "filter", field: "owner", path: "filters.owner" })
    const wrongValue = Q.checkListQuery(listSpecs.tickets, { limit: 10, filters: { status: ["open", "lost"] } })
    expect(Result.isFailure(wrongValue) && wrongValue.failure).toMatchObject({ _tag: "ValidationError" })
  })

  it("service-records.query-shape: every search word must occur, ignoring case; filters and sort apply; ties by id", () => {
    const q = ok(Q.checkCountQuery(listSpecs.tickets, { search: "PUMP night" }))
    expect(tickets.filter((t) => Q.matches(listSpecs.tickets, t, q)).map((t) => t.id)).toEqual(["t-2"])
    const open = ok(Q.checkCountQuery(listSpecs.tickets, { filters: { status: ["open", "waiting"] } }))
    expect(tickets.filter((t) => Q.matches(listSpecs.tickets, t, open)).map((t) => t.id)).toEqual(["t-1", "t-3"])
    const checked = ok(Q.checkListQuery(listSpecs.tickets, { limit: 5 }))
    expect(checked.sort).toEqual({ key: "createdAt", direction: "desc" })
    const order = [...tickets].sort((a, b) =>
      Q.comparePositions("desc", Q.positionOf(listSpecs.tickets, checked.sort, a), Q.positionOf(listSpecs.tickets, checked.sort, b))
    )
    expect(order.map((t) => t.id)).toEqual(["t-3", "t-1", "t-2"])
  })
})

describe("ServiceSettings", () => {
  const catalogue = [
    new S.ServiceModule({ id: ModuleId.make("video"), label: "Video", enabledByDefault: false }),
    new S.ServiceModule({ id: ModuleId.make("remote"), label: "Remote", enabledByDefault: true })
  ]

  it("settings.modules-known: a switch names a module of the catalogue; absent switches follow the default", () => {
    const refused = S.switchModules({}, catalogue, { [ModuleId.make("chat")]: true })
    expect(Result.isFailure(refused) && refused.failure).toMatchObject({ rule: "settings.modules-known", path: "modules.chat" })
    const { switches } = ok(S.switchModules({}, catalogue, { [ModuleId.make("video")]: true, [ModuleId.make("remote")]: false }))
    expect(S.effectiveModules(catalogue, switches).map((m) => [m.id, m.enabled])).toEqual([["video", true], ["remote", false]])
    const back = ok(S.switchModules(switches, catalogue, { [ModuleId.make("remote")]: null }))
    expect(S.isModuleEnabled(catalogue, back.switches, "remote")).toBe(true)
  })

  it("settings.notification-recipients: addresses are de-duplicated ignoring case, first spelling kept, at most 20", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("Ops@Example.de", "ops@example.de", "it@example.de", "IT@EXAMPLE.DE", "a@b.de"), { maxLength: 12 }), (list) => {
        const kept = S.dedupeRecipients(list)
        expect(new Set(kept.map((a) => a.toLowerCase())).size).toBe(kept.length)
        expect(new Set(kept.map((a) => a.toLowerCase()))).toEqual(new Set(list.map((a) => a.toLowerCase())))
        for (const address of kept) expect(list.find((a) => a.toLowerCase() === address.toLowerCase())).toBe(address)
      }),
      { numRuns: runs(100) }
    )
    const many = Array.from({ length: 21 }, (_, i) => `user${i}@example.de`)
    const refused = S.changeNotificationSettings(S.defaultNotificationSettings, { recipients: many })
    expect(Result.isFailure(refused) && refused.failure.rule).toBe("settings.notification-recipients")
    expect(S.notificationRecipients(S.defaultNotificationSettings, "c@example.de")).toEqual([])
  })
})

describe("TeamMappings", () => {
  const support: T.MetaTeam = {
    id: MetaTeamId.make("support"),
    label: "Support",
    defaultTeam: TeamId.make("central"),
    teams: [{ id: TeamId.make("central"), label: "Central" }, { id: TeamId.make("north"), label: "North" }, { id: TeamId.make("south"), label: "South" }]
  }

  it("team-mapping.one-per-meta-team: setting a mapping again replaces it and names the team replaced", () => {
    const first = ok(T.setTeamMapping([], [support], tree, { metaTeamId: support.id, teamId: TeamId.make("north") }))
    const second = ok(T.setTeamMapping(first.mappings, [support], tree, { metaTeamId: support.id, teamId: TeamId.make("south") }))
    expect(second.mappings).toHaveLength(1)
    expect(second.previous).toBe("north")
    const perDepartment = ok(T.setTeamMapping(second.mappings, [support], tree, { metaTeamId: support.id, teamId: TeamId.make("north"), departmentId: dep("koeln") }))
    expect(perDepartment.mappings).toHaveLength(2)
    expect(T.isOnePerMetaTeam(perDepartment.mappings)).toBe(true)
  })

  it("team-mapping.known-team: an unknown meta-team or a team of another meta-team is refused", () => {
    const meta = T.setTeamMapping([], [support], tree, { metaTeamId: MetaTeamId.make("sales"), teamId: TeamId.make("north") })
    expect(Result.isFailure(meta) && meta.failure).toMatchObject({ rule: "team-mapping.known-team", path: "metaTeamId" })
    const team = T.setTeamMapping([], [support], tree, { metaTeamId: support.id, teamId: TeamId.make("east") })
    expect(Result.isFailure(team) && team.failure).toMatchObject({ rule: "team-mapping.known-team", path: "teamId" })
  })

  it("team-mapping.default-fallback: department, nearest ancestor, customer, then the default team", () => {
    expect(T.resolveTeam([], tree, support, "field")).toMatchObject({ teamId: "central", source: "default" })
    const customer = [new T.TeamMapping({ metaTeamId: support.id, teamId: TeamId.make("south") })]
    expect(T.resolveTeam(customer, tree, support, "field")).toMatchObject({ teamId: "south", source: "customer" })
    const koeln = [...customer, new T.TeamMapping({ metaTeamId: support.id, teamId: TeamId.make("north"), departmentId: dep("koeln") })]
    expect(T.resolveTeam(koeln, tree, support, "field")).toMatchObject({ teamId: "north", source: "parent-department", fromDepartmentId: "koeln" })
    expect(T.resolveTeam(koeln, tree, support, "koeln")).toMatchObject({ teamId: "north", source: "department" })
    expect(T.resolveTeam(koeln, tree, support, "bonn")).toMatchObject({ teamId: "south", source: "customer" })
  })
})
