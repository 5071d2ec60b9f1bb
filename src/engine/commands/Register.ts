/**
 * Registering a customer (SPEC sections 1 and 2): the profile is decoded, the number comes from
 * the number port, the id from the id port (a customer registering itself keeps its own id), and
 * the account is written with its `customer.registered` activity in one write that the store
 * refuses when the email is taken (rule `tenant.email-unique`). A profile with a profile image is
 * refused (rule `customer.profile-image-file`): the image is a file of the account, uploaded with
 * `setProfileImage` once the account exists.
 *
 * Two runs under the same idempotency key at once: the one whose write lands second finds the
 * first one's record and returns its outcome, not a conflict (rule `command.idempotency`).
 *
 * @module
 */
import { DateTime, Effect, Option, Result, Schema } from "effect"
import { newAccount } from "../../domain/Account.ts"
import { RegisterCustomerInput } from "../../domain/Customer.ts"
import { CustomerId } from "../../domain/Ids.ts"
import { authorize } from "../../domain/Permission.ts"
import { decode } from "../../domain/Validation.ts"
import { AccountStore, EmailTaken, IdempotencyRecord } from "../../ports/AccountStore.ts"
import { CustomerNumbers } from "../../ports/CustomerNumbers.ts"
import { IdGenerator } from "../../ports/IdGenerator.ts"
import { admit, type Caller, type CommandOptions } from "../Caller.ts"
import { rejection } from "./Refusals.ts"
import { fingerprint } from "../Fingerprint.ts"
import { checkExpectedVersion, CommandOutcome, materialize, type PipelineSettings, replayIdempotent } from "../Pipeline.ts"

const decodeInput = decode(RegisterCustomerInput, "RegisterCustomer")
const encodeOutcome = Schema.encodeSync(CommandOutcome)

/**
 * Registers a customer and returns the outcome; `created` and `customerId` hold the new id.
 *
 * @category commands
 */
export const register = (settings: PipelineSettings, untrustedCaller: Caller, untrustedInput: unknown, untrustedOptions?: CommandOptions) =>
  Effect.gen(function*() {
    const { caller, input: rawInput, options } = yield* admit(untrustedCaller, untrustedOptions, untrustedInput, "RegisterCustomer")
    const decoded = decodeInput(rawInput)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const input = decoded.success
    const self = caller.actor._tag === "customer" && caller.actor.onBehalfOf === undefined ? caller.actor.customerId : undefined
    const allowed = authorize({
      actor: caller.actor,
      grants: caller.grants ?? {},
      command: "register-customer",
      ...(self === undefined ? {} : { targetCustomerId: self })
    })
    if (Result.isFailure(allowed)) return yield* allowed.failure
    if (input.profile.profileImage !== undefined) {
      return yield* rejection(
        "register-customer",
        "customer.profile-image-file",
        "A new customer has no files yet, so no profile image; upload one with setProfileImage after registering",
        "profile.profileImage"
      )
    }

    const key = options?.idempotencyKey
    const print = key === undefined ? "" : fingerprint(settings.fingerprintKey, "register-customer", caller.actor, rawInput)
    const replayed = yield* replayIdempotent(caller, key, print)
    if (Option.isSome(replayed)) return replayed.value

    const store = yield* AccountStore
    const taken = yield* store.loadByEmail(caller.tenantId, input.profile.email)
    if (Option.isSome(taken)) {
      return yield* new EmailTaken({
        rule: "tenant.email-unique",
        path: "profile.email",
        message: "Another customer of this tenant has this email (rule tenant.email-unique)"
      })
    }
    const ids = yield* IdGenerator
    const customerId = self ?? CustomerId.make(yield* ids.next("customer"))
    // A new account has no version yet (0): any other expected version is refused (rule command.expected-version).
    yield* checkExpectedVersion(options.expectedVersion, customerId, 0)
    const customerNumber = yield* (yield* CustomerNumbers).next(caller.tenantId)
    const at = yield* DateTime.now
    const account = newAccount({
      tenantId: caller.tenantId,
      customerId,
      customerNumber,
      registrationSource: input.registrationSource,
      registeredAt: at,
      profile: input.profile
    })
    const activities = yield* materialize(settings, account, caller.actor, at, [
      {
        type: "customer.registered",
        summary: `Customer ${customerNumber} registered through ${input.registrationSource}`,
        details: { source: input.registrationSource, customerNumber }
      }
    ])
    const outcome = new CommandOutcome({
      customerId,
      version: 1,
      activityIds: activities.map((a) => a.id),
      created: customerId
    })
    const save = store.save(caller.tenantId, {
      account,
      expectedVersion: 0,
      append: activities,
      ...(key === undefined
        ? {}
        : {
          idempotency: new IdempotencyRecord({
            key,
            fingerprint: print,
            customerId,
            result: encodeOutcome(outcome),
            at
          })
        })
    })
    if (key === undefined) {
      yield* save
      return outcome
    }
    // A concurrent run under the same key may have won (its record makes this save a conflict,
    // or its account holds the email): then its outcome is this run's (rule command.idempotency).
    return yield* save.pipe(
      Effect.as(outcome),
      Effect.catchTags({
        VersionConflict: (e) => Effect.flatMap(replayIdempotent(caller, key, print), Option.match({ onNone: () => Effect.fail(e), onSome: Effect.succeed })),
        EmailTaken: (e) => Effect.flatMap(replayIdempotent(caller, key, print), Option.match({ onNone: () => Effect.fail(e), onSome: Effect.succeed }))
      })
    )
  })
