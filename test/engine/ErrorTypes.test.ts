/**
 * The error types of the engine's commands: each is the exact union of the tagged errors the
 * command can fail with (the pipeline's own and its decision's refusals), never the generic
 * `Rejection`, so `Effect.catchTag` / `Effect.catchTags` see every tag. The `expectTypeOf`
 * assertions are type-level: `tsc --noEmit` (CI's typecheck) fails when one does not hold; at run
 * time they do nothing. The `it.effect` tests also catch the tags at run time.
 */
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { Effect, Result, Schema } from "effect"
import { CustomerId } from "../../src/domain/Ids.ts"
import type { CustomerAccountsService } from "../../src/engine/CustomerAccounts.ts"
import * as CustomerAccounts from "../../src/engine/CustomerAccounts.ts"
import type { AccountCommand, Rejection } from "../../src/engine/Pipeline.ts"
import { admin, registerCustomer, withEngine } from "../support/engine.ts"
import { bankAccount } from "./fixtures.ts"

type CommandMember = {
  [K in keyof CustomerAccountsService]: CustomerAccountsService[K] extends (...args: never) => Effect.Effect<unknown, unknown, unknown> ? K
    : never
}[keyof CustomerAccountsService]

/** The error type of a member of the service. */
type ErrorOf<K extends CommandMember> = Effect.Error<ReturnType<CustomerAccountsService[K]>>

/** The tag of each error of a union; an untagged error shows as `"<untagged>"`. */
type TagOf<E> = E extends { readonly _tag: infer T } ? T : "<untagged>"

/** The tags of a member's error type. */
type TagsOf<K extends CommandMember> = TagOf<ErrorOf<K>>

/**
 * What every command on an existing account can fail with, whatever it decides: decoding,
 * permission, idempotency, loading, the lock, activity materialization, and the account store's
 * write errors. `CustomerNumberTaken` (an existing account keeps its number) and `InvalidCursor`
 * (the pipeline pages with the store's own cursors) cannot happen there: the pipeline turns them
 * into defects, so they are not in the type.
 */
type PipelineTags =
  | "ValidationError"
  | "PermissionDenied"
  | "IdempotencyConflict"
  | "CustomerNotFound"
  | "AccountLocked"
  | "ActivityTypeRejected"
  | "VersionConflict"
  | "StorageError"
  | "EmailTaken"

describe("command error types", () => {
  it("each command's error type is the pipeline's errors plus exactly its decision's refusals", () => {
    expectTypeOf<TagsOf<"addBankAccount">>().toEqualTypeOf<PipelineTags | "CommandRejected">()
    expectTypeOf<TagsOf<"changeAddress">>().toEqualTypeOf<PipelineTags | "AddressNotFound" | "CommandRejected">()
    expectTypeOf<TagsOf<"setStatus">>().toEqualTypeOf<PipelineTags | "StatusChangeRejected" | "ProductAccessChangeRejected">()
    expectTypeOf<TagsOf<"changePersonalData">>().toEqualTypeOf<PipelineTags | "PersonalDataChangeRejected" | "CommandRejected">()
    expectTypeOf<TagsOf<"changeConsent">>().toEqualTypeOf<PipelineTags | "ConsentChangeRejected">()
    expectTypeOf<TagsOf<"sendInvitation">>().toEqualTypeOf<PipelineTags | "InvitationRejected" | "InvitationConflict" | "CommandRejected">()
    expectTypeOf<TagsOf<"removeTeamMapping">>().toEqualTypeOf<PipelineTags | "TeamMappingRejected">()
    // A decision that never refuses adds nothing: no CommandRejected for a manual access right.
    expectTypeOf<TagsOf<"addAccessRight">>().toEqualTypeOf<PipelineTags>()
    // Refusals of the host step stay, beside the decision's.
    expectTypeOf<TagsOf<"checkout">>().toEqualTypeOf<PipelineTags | "CommandRejected" | "OrderRefused">()
    expectTypeOf<TagsOf<"completePasswordReset">>().toEqualTypeOf<
      PipelineTags | "OneTimePasswordRejected" | "StatusChangeRejected" | "ProductAccessChangeRejected"
    >()
    expectTypeOf<TagsOf<"anonymize">>().toEqualTypeOf<PipelineTags | "StatusChangeRejected" | "ProductAccessChangeRejected">()
  })

  it("the generic Rejection is part of no command's error type", () => {
    // With the generic Rejection in the union, `_tag` would widen to `string`.
    expectTypeOf<string>().not.toExtend<TagsOf<"addBankAccount">>()
    expectTypeOf<string>().not.toExtend<TagsOf<"changePersonalData">>()
    expectTypeOf<string>().not.toExtend<TagsOf<"setStatus">>()
    expectTypeOf<string>().not.toExtend<TagsOf<"anonymize">>()
    expectTypeOf<Rejection>().not.toExtend<ErrorOf<"addBankAccount">>()
    expectTypeOf<Rejection>().not.toExtend<ErrorOf<"changeAddress">>()
    // Every member at once (but `run`, whose refusals are the host command's): no `string` tag, no untagged error.
    expectTypeOf<string>().not.toExtend<TagsOf<Exclude<CommandMember, "run">>>()
    expectTypeOf<"<untagged>">().not.toExtend<TagsOf<Exclude<CommandMember, "run">>>()
  })

  it.effect("a decision's refusal is caught by its own tag, and what is left is exactly the pipeline's errors", () =>
    withEngine(Effect.gen(function*() {
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      yield* accounts.addBankAccount(admin, { customerId, account: bankAccount })
      const again = accounts.addBankAccount(admin, { customerId, account: bankAccount }).pipe(
        Effect.map((): string => "added"),
        Effect.catchTags({
          CommandRejected: (e) => Effect.succeed(`refused: ${e.rule}`)
        })
      )
      expectTypeOf<TagOf<Effect.Error<typeof again>>>().toEqualTypeOf<PipelineTags>()
      expect(yield* again).toBe("refused: bank-account.unique-iban")
    })))

  it.effect("a host command run through `run` fails with its own decision's refusal, typed as such", () =>
    withEngine(Effect.gen(function*() {
      class HostRefused extends Schema.TaggedError<HostRefused>()("HostRefused", { message: Schema.String }) {}
      const refuseAlways: AccountCommand<{ readonly customerId: CustomerId }, void, never, never, HostRefused> = {
        kind: "record-host-activity",
        subject: "RefuseAlways",
        input: Schema.Struct({ customerId: CustomerId }),
        customerId: (input) => input.customerId,
        decide: () => Result.fail(new HostRefused({ message: "refused by the host's rule" }))
      }
      const accounts = yield* CustomerAccounts.CustomerAccounts
      const customerId = yield* registerCustomer()
      const ran = accounts.run(refuseAlways, admin, { customerId })
      expectTypeOf<TagOf<Effect.Error<typeof ran>>>().toEqualTypeOf<PipelineTags | "HostRefused">()
      const caught = yield* ran.pipe(
        Effect.map((): string => "ran"),
        Effect.catchTag("HostRefused", (e) => Effect.succeed(e.message))
      )
      expect(caught).toBe("refused by the host's rule")
    })))
})
