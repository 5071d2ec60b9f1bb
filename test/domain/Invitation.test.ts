import { DateTime, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { addDepartment } from "../../src/domain/Departments.ts"
import { DepartmentId, InvitationId } from "../../src/domain/Ids.ts"
import * as I from "../../src/domain/Invitation.ts"
import { at, supporter } from "../support/arbitraries.ts"
import { runs } from "../support/properties.ts"

// The table of SPEC section 10 / the module doc, written out independently of the code.
type State = "none" | "pending" | "expired" | "accepted" | "revoked"
type Command = "send" | "accept" | "revoke" | "resend"
const table: Record<State, Record<Command, boolean>> = {
  none: { send: true, accept: false, revoke: false, resend: false },
  pending: { send: false, accept: true, revoke: true, resend: true },
  expired: { send: false, accept: false, revoke: false, resend: true },
  accepted: { send: false, accept: false, revoke: false, resend: false },
  revoked: { send: false, accept: false, revoke: false, resend: false }
}
const states: ReadonlyArray<State> = ["none", "pending", "expired", "accepted", "revoked"]
const commands: ReadonlyArray<Command> = ["send", "accept", "revoke", "resend"]
const afterState: Record<Command, State> = { send: "pending", accept: "accepted", revoke: "revoked", resend: "pending" }

const plus = (days: number, from: DateTime.Utc = at) => DateTime.toUtc(DateTime.add(from, { days }))
const id = InvitationId.make("invitation-1")

const sendAt = (when: DateTime.Utc, email = "jonas@example.de", invitationId = id): I.SendInvitation => ({
  _tag: "SendInvitation",
  id: invitationId,
  name: "Jonas Weber",
  email,
  language: "de",
  role: "member",
  departmentIds: [],
  at: when,
  actor: supporter,
  expiresAt: plus(14, when)
})

const commandOf = (command: Command, when: DateTime.Utc): I.InvitationCommand => {
  switch (command) {
    case "send":
      return sendAt(when)
    case "accept":
      return { _tag: "AcceptInvitation", at: when, actor: supporter }
    case "revoke":
      return { _tag: "RevokeInvitation", at: when, actor: supporter }
    case "resend":
      return { _tag: "ResendInvitation", at: when, actor: supporter, expiresAt: plus(14, when) }
  }
}

const stateOf = (state: State): { readonly invitation: I.InvitationState; readonly when: DateTime.Utc } => {
  const sent = new I.Invitation({
    id,
    name: "Jonas Weber",
    email: "jonas@example.de",
    language: "de",
    role: "member",
    departmentIds: [],
    status: "pending",
    sentAt: at,
    sentBy: supporter,
    expiresAt: plus(14)
  })
  switch (state) {
    case "none":
      return { invitation: undefined, when: plus(1) }
    case "pending":
      return { invitation: sent, when: plus(1) }
    case "expired":
      return { invitation: sent, when: plus(15) }
    case "accepted":
      return { invitation: I.evolve(sent, { _tag: "InvitationAccepted", at: plus(1), actor: supporter }), when: plus(2) }
    case "revoked":
      return { invitation: I.evolve(sent, { _tag: "InvitationRevoked", at: plus(1), actor: supporter }), when: plus(2) }
  }
}

describe("Invitation machine", () => {
  describe("invitation.transition-table: every state x every command", () => {
    for (const state of states) {
      for (const command of commands) {
        const allowed = table[state][command]
        it(`invitation.transition-table: ${command} on ${state} is ${allowed ? "accepted" : "refused"}`, () => {
          const { invitation, when } = stateOf(state)
          const decided = I.decide(commandOf(command, when), invitation)
          expect(Result.isSuccess(decided)).toBe(allowed)
          if (Result.isSuccess(decided)) {
            const next = decided.success.reduce(I.evolve, invitation)
            expect(next).toBeDefined()
            expect(I.statusAt(next!, when)).toBe(afterState[command])
          } else {
            expect(decided.failure._tag).toBe("InvitationRejected")
            expect(decided.failure.status).toBe(state)
            expect(decided.failure.message).toMatch(/\(rule invitation\.(transition-table|expires)\)$/)
          }
        })
      }
    }
  })

  it("invitation.expires: a pending invitation is expired from its expiry on, by the instant asked, and cannot be accepted", () => {
    const { invitation } = stateOf("pending")
    expect(I.statusAt(invitation!, DateTime.makeUnsafe(DateTime.toEpochMillis(plus(14)) - 1))).toBe("pending")
    expect(I.statusAt(invitation!, plus(14))).toBe("expired")
    const refused = I.decide({ _tag: "AcceptInvitation", at: plus(14), actor: supporter }, invitation)
    expect(Result.isFailure(refused) && refused.failure.rule).toBe("invitation.expires")
    const resent = I.decide({ _tag: "ResendInvitation", at: plus(20), actor: supporter, expiresAt: plus(34) }, invitation)
    expect(Result.isSuccess(resent)).toBe(true)
  })

  it("invitation.transition-table: random command sequences at random instants follow the table (model-based)", () => {
    const step = fc.record({ command: fc.constantFrom(...commands), days: fc.integer({ min: 0, max: 20 }) })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let state: I.InvitationState = undefined
        let model: { status: "pending" | "accepted" | "revoked"; expiresAt: number } | undefined
        let now = at
        for (const { command, days } of steps) {
          now = plus(days, now)
          const modelStatus: State = model === undefined
            ? "none"
            : model.status === "pending" && DateTime.toEpochMillis(now) >= model.expiresAt
            ? "expired"
            : model.status
          const decided = I.decide(commandOf(command, now), state)
          expect(Result.isSuccess(decided)).toBe(table[modelStatus][command])
          if (Result.isSuccess(decided)) {
            state = decided.success.reduce(I.evolve, state)
            const expiresAt = DateTime.toEpochMillis(plus(14, now))
            model = command === "send" || command === "resend"
              ? { status: "pending", expiresAt }
              : { status: command === "accept" ? "accepted" : "revoked", expiresAt: model!.expiresAt }
          }
          const actual: State = state === undefined ? "none" : I.statusAt(state, now)
          const expected: State = model === undefined
            ? "none"
            : model.status === "pending" && DateTime.toEpochMillis(now) >= model.expiresAt
            ? "expired"
            : model.status
          expect(actual).toBe(expected)
        }
      }),
      { numRuns: runs(100) }
    )
  })

  it("invitation.pending-unique: a second invitation to a pending address, in any case, is a conflict naming the pending one", () => {
    const first = I.send([], [], sendAt(at))
    expect(Result.isSuccess(first)).toBe(true)
    const list = Result.isSuccess(first) ? first.success.invitations : []
    const again = I.send(list, [], sendAt(plus(1), "  JONAS@Example.DE ".trim(), InvitationId.make("invitation-2")))
    expect(Result.isFailure(again) && again.failure).toMatchObject({
      _tag: "InvitationConflict",
      rule: "invitation.pending-unique",
      pendingInvitationId: "invitation-1",
      path: "email"
    })
    // Once the first has expired, the address may be invited again.
    const later = I.send(list, [], sendAt(plus(15), "jonas@example.de", InvitationId.make("invitation-2")))
    expect(Result.isSuccess(later)).toBe(true)
  })

  it("invitation.departments-known: an invitation naming an unknown department is refused at its index", () => {
    const tree = addDepartment([], { id: DepartmentId.make("d-1"), kind: "branch", name: "Köln" })
    const departments = Result.isSuccess(tree) ? tree.success : []
    const ok = I.send([], departments, { ...sendAt(at), departmentIds: [DepartmentId.make("d-1")] })
    expect(Result.isSuccess(ok)).toBe(true)
    const bad = I.send([], departments, { ...sendAt(at), departmentIds: [DepartmentId.make("d-1"), DepartmentId.make("d-9")] })
    expect(Result.isFailure(bad) && bad.failure).toMatchObject({ rule: "invitation.departments-known", path: "departmentIds.1" })
  })

  it("invitation.known-id: a command on an invitation the account does not hold is refused", () => {
    const refused = I.apply([], "invitation-7", { _tag: "RevokeInvitation", at, actor: supporter })
    expect(Result.isFailure(refused) && refused.failure).toMatchObject({ rule: "invitation.known-id", path: "invitationId" })
  })
})
