/**
 * fast-check arbitraries of engine commands and command sequences, for property tests of a host's
 * own code on top of the engine (or of an adapter under the engine).
 *
 * A generated command is `{ name, input }`: the name of a `CustomerAccounts` command and its raw
 * input for one customer. Most inputs are valid; some are deliberately not (an unknown status, an
 * empty note, a bad postal code), so that a sequence also exercises refusals. Run each with
 * {@link runCommand}.
 *
 * ```ts
 * import * as fc from "fast-check"
 * import { Commands } from "customer-account/testing"
 *
 * fc.assert(fc.asyncProperty(Commands.commandSequence(customerId), async (commands) => { ... }))
 * ```
 *
 * Imports `fast-check` at runtime (an optional peer dependency).
 *
 * @module
 */
import type { Effect } from "effect"
import * as fc from "fast-check"
import type { Caller, CommandOptions } from "../engine/Caller.ts"
import type { CustomerAccountsService } from "../engine/CustomerAccounts.ts"
import type { CommandOutcome } from "../engine/Pipeline.ts"

/**
 * The commands generated here: every `CustomerAccounts` command on an existing account that needs
 * no host data (no goodwill subscription, no price list).
 *
 * @category commands
 */
export type GeneratedCommandName =
  | "setStatus"
  | "blockAccess"
  | "unblockAccess"
  | "changePersonalData"
  | "replaceAdditionalData"
  | "addAddress"
  | "changeConsent"
  | "addNote"
  | "addHint"
  | "addAccessRight"
  | "addBankAccount"
  | "checkout"
  | "recordHostActivity"

/**
 * A generated command: its name and raw input.
 *
 * @category commands
 */
export interface GeneratedCommand {
  /** The `CustomerAccounts` command. */
  readonly name: GeneratedCommandName
  /** Its raw input, as a caller would send it. */
  readonly input: Readonly<Record<string, unknown>>
}

const reason = fc.option(fc.constantFrom("chargeback", "customer request", "fraud check"), { nil: undefined })
const withReason = (r: string | undefined) => (r === undefined ? {} : { reason: r })

const places = [
  { postalCode: "51147", city: "Köln", country: "DE" },
  { postalCode: "1010", city: "Wien", country: "AT" },
  { postalCode: "8001", city: "Zürich", country: "CH" },
  { postalCode: "1012 AB", city: "Amsterdam", country: "NL" },
  { postalCode: "75001", city: "Paris", country: "FR" },
  { postalCode: "SW1A 1AA", city: "London", country: "GB" },
  { postalCode: "10001", city: "New York", country: "US" },
  { postalCode: "ABCDE", city: "Nowhere", country: "DE" }
] as const

/**
 * One command for the customer.
 *
 * @category commands
 */
export const command = (customerId: string): fc.Arbitrary<GeneratedCommand> =>
  fc.oneof(
    fc.record({ to: fc.constantFrom("active", "blocked", "deactivated", "paused"), reason }).map(({ reason: r, to }) => ({
      name: "setStatus" as const,
      input: { customerId, to, ...withReason(r) }
    })),
    reason.map((r) => ({ name: "blockAccess" as const, input: { customerId, ...withReason(r) } })),
    reason.map((r) => ({ name: "unblockAccess" as const, input: { customerId, ...withReason(r) } })),
    fc.constantFrom("Musterfrau", "Schmidt", "").map((lastName) => ({
      name: "changePersonalData" as const,
      input: { customerId, change: { lastName } }
    })),
    fc.dictionary(fc.constantFrom("segment", "campaign", "tier"), fc.constantFrom("a", "b", "gold"), { maxKeys: 3 }).map((data) => ({
      name: "replaceAdditionalData" as const,
      input: { customerId, data }
    })),
    fc.record({ kind: fc.constantFrom("billing", "delivery"), place: fc.constantFrom(...places), preferred: fc.boolean() }).map(
      ({ kind, place, preferred }) => ({
        name: "addAddress" as const,
        input: {
          customerId,
          kind,
          preferred,
          address: { firstName: "Erika", lastName: "Mustermann", street: "Hauptstraße", houseNumber: "1", ...place }
        }
      })
    ),
    fc.record({
      channel: fc.constantFrom("email", "phone", "post", "messenger"),
      to: fc.constantFrom("singleOptIn", "doubleOptIn", "revoked", "objection", "none")
    }).map(({ channel, to }) => ({
      name: "changeConsent" as const,
      input: {
        customerId,
        channel,
        to,
        source: "property-test",
        ...(to === "singleOptIn" || to === "doubleOptIn" ? { textVersion: "v1" } : {}),
        ...(to === "doubleOptIn" ? { confirmedAt: "2026-11-23T10:00:00.000Z" } : {})
      }
    })),
    fc.constantFrom("Called the customer.", "").map((text) => ({ name: "addNote" as const, input: { customerId, text } })),
    fc.constantFrom("Prefers email.").map((text) => ({ name: "addHint" as const, input: { customerId, text } })),
    fc.constantFrom("magazine", "archive").map((productId) => ({
      name: "addAccessRight" as const,
      input: { customerId, right: { productId, validFrom: "2026-01-01T00:00:00.000Z" } }
    })),
    fc.constantFrom("DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 01", "AT61 1904 3002 3457 3201").map((iban) => ({
      name: "addBankAccount" as const,
      input: { customerId, account: { holder: "Erika Mustermann", iban } }
    })),
    fc.integer({ min: 0, max: 3 }).map((quantity) => ({
      name: "checkout" as const,
      input: { customerId, lines: [{ productId: "magazine", quantity }] }
    })),
    fc.constantFrom("invoice.created", "invoice.corrected", "mail.sent").map((type) => ({
      name: "recordHostActivity" as const,
      input: {
        customerId,
        type,
        summary: `Host: ${type}`,
        details: type === "mail.sent" ? { template: "newsletter" } : { invoiceId: "inv-1" }
      }
    }))
  )

/**
 * A sequence of 1 to `maxLength` commands for the customer.
 *
 * @category commands
 */
export const commandSequence = (customerId: string, maxLength = 30): fc.Arbitrary<ReadonlyArray<GeneratedCommand>> =>
  fc.array(command(customerId), { minLength: 1, maxLength })

/**
 * Runs a generated command on the engine.
 *
 * @category commands
 */
export const runCommand = (
  accounts: CustomerAccountsService,
  caller: Caller,
  generated: GeneratedCommand,
  options?: CommandOptions
): Effect.Effect<CommandOutcome, { readonly _tag: string; readonly message: string }> =>
  (accounts[generated.name] as (
    caller: Caller,
    input: unknown,
    options?: CommandOptions
  ) => Effect.Effect<CommandOutcome, { readonly _tag: string; readonly message: string }>)(caller, generated.input, options)
