import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Actor from "../../src/domain/Actor.ts"
import { ApiClientId, CustomerId, ProcessName, StaffUserId } from "../../src/domain/Ids.ts"
import * as P from "../../src/domain/Permission.ts"
import { decode } from "../../src/domain/Validation.ts"
import { actor as anyActor, principal as anyPrincipal } from "../support/arbitraries.ts"

// ---------------------------------------------------------------------------------------------
// The expectation table, written out independently of the code under test: for every command,
// the permission it needs and whether a customer may run it on its own account (SPEC section 8:
// own profile, own addresses, own consents, password, checkout; plus reading its own account and
// registering itself).
// ---------------------------------------------------------------------------------------------

const expectations: Record<string, { readonly permission: string; readonly selfService: boolean }> = {
  "read-account": { permission: "read", selfService: true },
  "search-customers": { permission: "read", selfService: false },
  "read-changes": { permission: "read-changes", selfService: false },
  "register-customer": { permission: "register", selfService: true },
  "change-personal-data": { permission: "edit", selfService: true },
  "add-address": { permission: "edit", selfService: true },
  "change-address": { permission: "edit", selfService: true },
  "remove-address": { permission: "edit", selfService: true },
  "set-preferred-address": { permission: "edit", selfService: true },
  "add-access-right": { permission: "manage-access-rights", selfService: false },
  "change-access-right": { permission: "manage-access-rights", selfService: false },
  "remove-access-right": { permission: "manage-access-rights", selfService: false },
  "add-bank-account": { permission: "manage-bank-accounts", selfService: false },
  "remove-bank-account": { permission: "manage-bank-accounts", selfService: false },
  "set-preferred-bank-account": { permission: "manage-bank-accounts", selfService: false },
  "grant-goodwill": { permission: "grant-goodwill", selfService: false },
  "block-access": { permission: "manage-access", selfService: false },
  "unblock-access": { permission: "manage-access", selfService: false },
  "change-status": { permission: "manage-status", selfService: false },
  "delete-customer": { permission: "delete", selfService: false },
  "export-customer-data": { permission: "export", selfService: false },
  "reset-password": { permission: "reset-password", selfService: true },
  "disable-two-factor": { permission: "disable-two-factor", selfService: false },
  "anonymize-customer": { permission: "anonymize", selfService: false },
  "change-consent": { permission: "manage-consent", selfService: true },
  checkout: { permission: "checkout", selfService: true },
  "replace-additional-data": { permission: "manage-additional-data", selfService: false },
  "add-note": { permission: "add-note", selfService: false },
  "add-hint": { permission: "add-note", selfService: false },
  "record-host-activity": { permission: "record-host-activity", selfService: false },
  "change-notification-settings": { permission: "manage-notifications", selfService: false },
  "add-department": { permission: "edit", selfService: false },
  "rename-department": { permission: "edit", selfService: false },
  "move-department": { permission: "edit", selfService: false },
  "remove-department": { permission: "edit", selfService: false },
  "switch-modules": { permission: "manage-notifications", selfService: false },
  "set-team-mapping": { permission: "manage-team-mappings", selfService: false },
  "remove-team-mapping": { permission: "manage-team-mappings", selfService: false },
  "send-invitation": { permission: "manage-invitations", selfService: false },
  "resend-invitation": { permission: "manage-invitations", selfService: false },
  "revoke-invitation": { permission: "manage-invitations", selfService: false },
  "accept-invitation": { permission: "manage-invitations", selfService: false }
}

const expectationOf = (command: P.CommandKind) => {
  const e = expectations[command]
  if (e === undefined) throw new Error(`no expectation for ${command}`)
  return e
}

const own = CustomerId.make("c-1")
const other = CustomerId.make("c-2")
const mia = Actor.supporter(StaffUserId.make("u-7"), "Mia Support")
const client = Actor.api(ApiClientId.make("shop-backend"))
const billing = Actor.system(ProcessName.make("recurring-billing"))
const customer = Actor.customer(own)

const allExcept = (permission: P.Permission): Array<P.Permission> => P.permissions.filter((p) => p !== permission)
const everything: P.Grants = {
  supporterRoles: [{ name: "admin", permissions: [...P.permissions] }],
  apiScopes: [...P.permissions]
}

const denial = (result: Result.Result<void, P.PermissionDenied>): P.PermissionDenied | undefined =>
  Result.isFailure(result) ? result.failure : undefined

describe("the command table", () => {
  it("permission.supporter-role: every command kind has an expectation, and needs the expected permission", () => {
    expect([...P.commandKinds].sort()).toEqual(Object.keys(expectations).sort())
    for (const command of P.commandKinds) {
      expect(P.requiredPermission(command), command).toBe(expectationOf(command).permission)
    }
  })

  it("permission.supporter-role: the permissions of SPEC section 8 exist and every permission is needed by some command", () => {
    for (const p of ["read", "edit", "manage-status", "delete", "anonymize", "export", "manage-notifications"]) {
      expect(P.permissions, p).toContain(p)
    }
    const needed = new Set(P.commandKinds.map(P.requiredPermission))
    expect([...needed].sort()).toEqual([...P.permissions].sort())
  })

  it("permission.customer-self-service: the self-service commands are exactly the expected ones", () => {
    const expected = Object.entries(expectations).filter(([, e]) => e.selfService).map(([c]) => c)
    expect([...P.selfServiceCommands].sort()).toEqual(expected.sort())
    for (const command of P.commandKinds) expect(P.isSelfService(command), command).toBe(expectationOf(command).selfService)
  })
})

describe("every actor kind x every command kind", () => {
  for (const command of P.commandKinds) {
    const { permission, selfService } = expectationOf(command)

    it(`permission.supporter-role: ${command} is allowed with a role granting ${permission}, refused without`, () => {
      const allowed = P.authorize({
        actor: mia,
        grants: { supporterRoles: [{ name: "narrow", permissions: [permission as P.Permission] }] },
        command,
        targetCustomerId: own
      })
      expect(Result.isSuccess(allowed)).toBe(true)
      const refused = denial(P.authorize({
        actor: mia,
        grants: {
          supporterRoles: [{ name: "broad", permissions: allExcept(permission as P.Permission) }],
          apiScopes: [...P.permissions]
        },
        command,
        targetCustomerId: own
      }))
      expect(refused?.rule).toBe("permission.supporter-role")
      expect(refused?.permission).toBe(permission)
      expect(refused?.actorKind).toBe("supporter")
      expect(refused?.command).toBe(command)
      expect(denial(P.authorize({ actor: mia, grants: {}, command, targetCustomerId: own }))?.rule).toBe(
        "permission.supporter-role"
      )
    })

    it(`permission.api-scopes: ${command} is allowed with scope ${permission}, refused without`, () => {
      expect(Result.isSuccess(P.authorize({ actor: client, grants: { apiScopes: [permission as P.Permission] }, command, targetCustomerId: own })))
        .toBe(true)
      const refused = denial(P.authorize({
        actor: client,
        grants: { apiScopes: allExcept(permission as P.Permission), supporterRoles: everything.supporterRoles ?? [] },
        command,
        targetCustomerId: own
      }))
      expect(refused?.rule).toBe("permission.api-scopes")
      expect(refused?.permission).toBe(permission)
      expect(refused?.actorKind).toBe("api")
      expect(denial(P.authorize({ actor: client, grants: {}, command, targetCustomerId: own }))?.rule).toBe("permission.api-scopes")
    })

    it(`permission.system-records-host-activities: ${command} is ${command === "record-host-activity" ? "allowed" : "refused"} for the system, whatever the grants`, () => {
      for (const grants of [{}, everything]) {
        const result = P.authorize({ actor: billing, grants, command, targetCustomerId: own })
        expect(Result.isSuccess(result)).toBe(command === "record-host-activity")
        if (command !== "record-host-activity") {
          expect(denial(result)?.rule).toBe("permission.system-records-host-activities")
          expect(denial(result)?.permission).toBe(permission)
          expect(denial(result)?.actorKind).toBe("system")
        }
      }
    })

    it(`permission.customer-self-service: ${command} is ${selfService ? "allowed on the own account only" : "refused"} for a customer, whatever the grants`, () => {
      for (const grants of [{}, everything]) {
        const onOwn = P.authorize({ actor: customer, grants, command, targetCustomerId: own })
        expect(Result.isSuccess(onOwn)).toBe(selfService)
        for (const result of [
          P.authorize({ actor: customer, grants, command, targetCustomerId: other }),
          P.authorize({ actor: customer, grants, command })
        ]) {
          expect(denial(result)?.rule).toBe("permission.customer-self-service")
          expect(denial(result)?.permission).toBe(permission)
          expect(denial(result)?.actorKind).toBe("customer")
        }
        if (!selfService) expect(denial(onOwn)?.rule).toBe("permission.customer-self-service")
      }
    })
  }
})

describe("acting on behalf of another", () => {
  it("permission.acting-principal: a supporter on behalf of a customer needs its own permission, not the customer's", () => {
    const forCustomer = Actor.onBehalfOf(mia, { _tag: "customer", customerId: own })
    const refused = denial(P.authorize({ actor: forCustomer, grants: { supporterRoles: [] }, command: "checkout", targetCustomerId: own }))
    expect(refused?.rule).toBe("permission.supporter-role")
    expect(refused?.actorKind).toBe("supporter")
    const allowed = P.authorize({
      actor: forCustomer,
      grants: { supporterRoles: [{ name: "orders", permissions: ["checkout"] }] },
      command: "checkout",
      targetCustomerId: other
    })
    expect(Result.isSuccess(allowed)).toBe(true)
  })

  it("permission.acting-principal: a customer on behalf of staff stays a customer", () => {
    const forStaff = Actor.onBehalfOf(customer, { _tag: "supporter", userId: StaffUserId.make("u-1"), displayName: "Boss" })
    const refused = denial(P.authorize({ actor: forStaff, grants: everything, command: "delete-customer", targetCustomerId: own }))
    expect(refused?.rule).toBe("permission.customer-self-service")
    expect(Result.isSuccess(P.authorize({ actor: forStaff, grants: everything, command: "checkout", targetCustomerId: own }))).toBe(true)
  })

  it("permission.acting-principal: an actor on behalf of another is authorized exactly as the acting principal", () => {
    const command = fc.constantFrom(...P.commandKinds)
    const grants = fc.record(
      {
        supporterRoles: fc.array(fc.record({ name: fc.constant("r"), permissions: fc.subarray([...P.permissions]) }), { maxLength: 2 }),
        apiScopes: fc.subarray([...P.permissions])
      },
      { requiredKeys: [] }
    )
    const target = fc.option(fc.constantFrom(own, other, CustomerId.make("c-3")), { nil: undefined })
    fc.assert(
      fc.property(anyPrincipal, anyPrincipal, grants, command, target, (acting, actedFor, g, c, t) => {
        fc.pre(JSON.stringify(acting) !== JSON.stringify(actedFor))
        const base = { grants: g, command: c, ...(t === undefined ? {} : { targetCustomerId: t }) }
        const alone = P.authorize({ ...base, actor: acting })
        const behalf = P.authorize({ ...base, actor: Actor.onBehalfOf(acting, actedFor) })
        expect(Result.isSuccess(behalf)).toBe(Result.isSuccess(alone))
        expect(denial(behalf)?.rule).toBe(denial(alone)?.rule)
        expect(denial(behalf)?.actorKind ?? acting._tag).toBe(acting._tag)
      })
    )
  })
})

describe("refusals", () => {
  it("permission.refusal-names-permission: every refusal names the command's permission in its fields and message", () => {
    const grants = fc.record(
      {
        supporterRoles: fc.array(fc.record({ name: fc.constant("r"), permissions: fc.subarray([...P.permissions]) }), { maxLength: 3 }),
        apiScopes: fc.subarray([...P.permissions])
      },
      { requiredKeys: [] }
    )
    const target = fc.option(fc.constantFrom(own, other), { nil: undefined })
    fc.assert(
      fc.property(anyActor, grants, fc.constantFrom(...P.commandKinds), target, (actor, g, command, t) => {
        const result = P.authorize({ actor, grants: g, command, ...(t === undefined ? {} : { targetCustomerId: t }) })
        const refused = denial(result)
        if (refused === undefined) return
        const permission = expectationOf(command).permission
        expect(refused).toBeInstanceOf(P.PermissionDenied)
        expect(refused.permission).toBe(permission)
        expect(refused.command).toBe(command)
        expect(refused.actorKind).toBe(Actor.principalOf(actor)._tag)
        expect(refused.message).toContain(`"${permission}"`)
        expect(refused.message).toContain(`rule ${refused.rule}`)
      })
    )
  })

  it("permission.refusal-names-permission: an example message", () => {
    const refused = denial(P.authorize({
      actor: mia,
      grants: { supporterRoles: [{ name: "support", permissions: ["read", "edit"] }] },
      command: "delete-customer",
      targetCustomerId: own
    }))
    expect(refused?.message).toBe(
      'Permission "delete" missing: no role of the supporter grants "delete", which delete-customer needs (rule permission.supporter-role)'
    )
  })

  it("permission.supporter-role: the permissions of several roles add up", () => {
    const roles: ReadonlyArray<P.Role> = [
      { name: "reader", permissions: ["read"] },
      { name: "editor", permissions: ["edit", "read"] }
    ]
    expect([...P.permissionsOf(roles)].sort()).toEqual(["edit", "read"])
    for (const command of ["read-account", "change-personal-data"] as const) {
      expect(Result.isSuccess(P.authorize({ actor: mia, grants: { supporterRoles: roles }, command, targetCustomerId: own }))).toBe(true)
    }
    expect(Result.isFailure(P.authorize({ actor: mia, grants: { supporterRoles: roles }, command: "export-customer-data", targetCustomerId: own })))
      .toBe(true)
  })

  it("permission.api-scopes: roles and scopes are decoded from input; unknown permissions are refused", () => {
    const role = decode(P.Role, "Role")
    expect(Result.isSuccess(role({ name: "support", permissions: ["read", "edit"] }))).toBe(true)
    expect(Result.isFailure(role({ name: "support", permissions: ["read", "fly"] }))).toBe(true)
    expect(Result.isFailure(role({ name: "", permissions: [] }))).toBe(true)
    const scopes = decode(P.ApiScopes, "ApiScopes")
    expect(Result.isSuccess(scopes(["read", "checkout"]))).toBe(true)
    expect(Result.isFailure(scopes(["admin"]))).toBe(true)
  })
})
