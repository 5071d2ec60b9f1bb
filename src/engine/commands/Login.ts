/**
 * The login check (SPEC section 3; rule `login.uniform-refusal`): may this customer log in?
 *
 * The host's login service asks before (or after) it verifies the password, naming the customer by
 * id or by login email. Only an active customer may log in (`Lifecycle.canLogIn`). Every other
 * case, blocked, deactivated, anonymized, deleted (a tombstone) and unknown (no such customer in
 * the caller's tenant, a customer of another tenant included), fails with the one
 * {@link LoginRefused}, whose fields and message are the same in every case: the answer reveals
 * neither why nor whether the customer exists. Why is written to the audit trail (`AuditTrail`
 * port), with the customer id when one was found, never with the login email given.
 *
 * By email, only live customers are found (an anonymized or deleted customer has freed its email),
 * so an anonymized or deleted customer named by its old email is `unknown` in the trail.
 *
 * The caller needs the `read` permission (the `read-account` command kind, without a target
 * customer): the host's login service calls as an API client with the `read` scope, or a supporter.
 * A customer cannot ask for itself, and the system may only record host activities.
 *
 * @module
 */
import { DateTime, Effect, Option, Result, Schema } from "effect"
import { isCleanText } from "../../domain/Text.ts"
import type { Account } from "../../domain/Account.ts"
import { CustomerId } from "../../domain/Ids.ts"
import { canLogIn } from "../../domain/Lifecycle.ts"
import { authorize } from "../../domain/Permission.ts"
import { decode } from "../../domain/Validation.ts"
import { AccountStore } from "../../ports/AccountStore.ts"
import { AuditEntry, AuditTrail, type LoginCheckReason } from "../../ports/AuditTrail.ts"
import { admit, type Caller } from "../Caller.ts"
import type { LoginAllowed } from "../Compliance.ts"
import { LoginRefused, loginRefusedMessage } from "../Errors.ts"

/**
 * Input of `loginCheck`: the customer, by id or by login email (compared after trimming and
 * lower-casing, among live customers).
 *
 * @category inputs
 */
export const LoginCheckInput = Schema.Union([
  Schema.Struct({
    /** The customer's id. */
    customerId: CustomerId
  }),
  Schema.Struct({
    /** The login email. */
    email: Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 254, { expected: "a login email of 1 to 254 characters" }), isCleanText()))
  })
])
/** @category inputs */
export type LoginCheckInput = typeof LoginCheckInput.Type

const decodeInput = decode(LoginCheckInput, "LoginCheck")

const reasonOf = (account: Account): LoginCheckReason => account.lifecycle.status

/**
 * Checks whether a customer may log in (rule `login.uniform-refusal`); records the check and its
 * reason in the audit trail.
 *
 * @category commands
 */
export const loginCheck = (untrustedCaller: Caller, untrustedInput: unknown) =>
  Effect.gen(function*() {
    const { caller, input: rawInput } = yield* admit(untrustedCaller, undefined, untrustedInput, "LoginCheck")
    const decoded = decodeInput(rawInput)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const allowed = authorize({ actor: caller.actor, grants: caller.grants ?? {}, command: "read-account" })
    if (Result.isFailure(allowed)) return yield* allowed.failure
    const input = decoded.success
    const store = yield* AccountStore

    let account: Account | undefined
    let customerId: CustomerId | undefined
    let reason: LoginCheckReason = "unknown"
    if ("customerId" in input) {
      const found = yield* store.load(caller.tenantId, input.customerId)
      if (Option.isSome(found)) {
        account = found.value
      } else if (Option.isSome(yield* store.tombstone(caller.tenantId, input.customerId))) {
        customerId = input.customerId
        reason = "deleted"
      }
    } else {
      const found = yield* store.loadByEmail(caller.tenantId, input.email)
      if (Option.isSome(found)) account = found.value
    }
    if (account !== undefined) {
      customerId = account.customerId
      reason = reasonOf(account)
    }
    const may = account !== undefined && canLogIn(account.lifecycle.status)
    yield* (yield* AuditTrail).record(
      new AuditEntry({
        tenantId: caller.tenantId,
        at: yield* DateTime.now,
        event: "login.checked",
        actor: caller.actor,
        ...(customerId === undefined ? {} : { customerId }),
        outcome: may ? "allowed" : "refused",
        reason
      })
    )
    if (account === undefined || !may) {
      return yield* new LoginRefused({ rule: "login.uniform-refusal", message: loginRefusedMessage })
    }
    const result: LoginAllowed = { customerId: account.customerId, customerNumber: account.customerNumber }
    return result
  })
