/**
 * Exporting a customer's data (SPEC section 7, GDPR Art. 15 and 20; rule `export.complete`).
 *
 * The command runs through the pipeline. Its host step gathers everything and builds the document
 * once (`Export.buildExport`): the account as stored (profile, status history, consent with its
 * records, addresses, bank accounts with the IBAN in full, access rights, additional data, file
 * metadata), the whole timeline, the host's sections and the tenant's statement of purposes,
 * recipients and retention (both through the `HostCompliance` port). The decision then appends a
 * `data.exported` activity: exporting is itself an activity. The document is not part of the
 * timeline, the outcome or any idempotency record; only the caller gets it.
 *
 * An anonymized account is locked (rule `command.editable-only`): there is nothing personal left
 * to export, and no activity may be added, so the export is refused with `AccountLocked`.
 *
 * @module
 */
import { DateTime, Effect, Option, Result, Schema } from "effect"
import type { Account } from "../../domain/Account.ts"
import type { ActivityTypeRegistry } from "../../domain/ActivityType.ts"
import { buildExport, type ExportDocumentJson } from "../../domain/Export.ts"
import { CustomerId } from "../../domain/Ids.ts"
import { HostCompliance } from "../../ports/HostCompliance.ts"
import { admit, type Caller, type CommandOptions } from "../Caller.ts"
import type { ExportResult } from "../Compliance.ts"
import { AccountLocked } from "../Errors.ts"
import {
  type AccountCommand,
  loadAccount,
  loadTimeline,
  type PipelineSettings,
  runAccountCommandDetailed
} from "../Pipeline.ts"

/**
 * Input of `exportCustomerData`: the customer.
 *
 * @category inputs
 */
export const ExportCustomerDataInput = Schema.Struct({
  /** The customer. */
  customerId: CustomerId
})
/** @category inputs */
export type ExportCustomerDataInput = typeof ExportCustomerDataInput.Type

/**
 * Builds the export document of an account as it is now (rule `export.complete`).
 *
 * @category commands
 */
export const exportDocumentOf = Effect.fn("CustomerAccounts.exportDocumentOf")(
  function*(registry: ActivityTypeRegistry, caller: Caller, account: Account) {
    const host = yield* HostCompliance
    const activities = yield* loadTimeline(caller, account.customerId)
    const sections = yield* host.exportSections(caller.tenantId, account.customerId)
    const statement = yield* host.privacyStatement(caller.tenantId)
    const at = yield* DateTime.now
    const built = buildExport(registry, { account, activities, host: sections, statement, at, actor: caller.actor })
    if (Result.isFailure(built)) return yield* built.failure
    return built.success
  }
)

/**
 * The export command for an engine's registry: builds the document in its host step and records
 * `data.exported`.
 *
 * @category commands
 */
export const exportCommand = (registry: ActivityTypeRegistry) =>
  ({
    kind: "export-customer-data",
    subject: "ExportCustomerData",
    input: ExportCustomerDataInput,
    customerId: (input) => input.customerId,
    prepare: (_input, account, caller) => exportDocumentOf(registry, caller, account),
    decide: (account, _input, env) =>
      Result.succeed({
        account,
        activities: [{
          type: "data.exported",
          summary: `Customer data exported as JSON: ${env.prepared.personalData.length} personal values, ${env.prepared.activities.length} activities, ${env.prepared.host.length} host sections`,
          details: { format: "json" }
        }]
      })
  }) satisfies AccountCommand<ExportCustomerDataInput, ExportDocumentJson, unknown, unknown, never>

/**
 * Exports the customer's data and records the export (rule `export.complete`). An idempotent
 * repeat under the same key records nothing again and returns the first outcome with a document
 * of the account as it is now; after an anonymization it fails with `AccountLocked`.
 *
 * @category commands
 */
export const exportCustomerData = (settings: PipelineSettings, untrustedCaller: Caller, untrustedInput: unknown, untrustedOptions?: CommandOptions) =>
  Effect.gen(function*() {
    // Read once: the steps after the write use these copies, never the caller's objects again (rule input.readable).
    const { caller, input, options } = yield* admit(untrustedCaller, untrustedOptions, untrustedInput, "ExportCustomerData")
    const run = yield* runAccountCommandDetailed(settings, exportCommand(settings.registry), caller, input, options)
    if (Option.isSome(run.prepared)) {
      const result: ExportResult = { outcome: run.outcome, document: run.prepared.value }
      return result
    }
    const account = yield* loadAccount(caller, CustomerId.make(run.outcome.customerId))
    if (account.lifecycle.status === "anonymized") {
      // Anonymizing drops the idempotency records, so a repeat meets the lock in the pipeline;
      // should a store still hold one, the anonymized account is not exported either.
      return yield* new AccountLocked({
        rule: "command.editable-only",
        customerId: account.customerId,
        command: "export-customer-data",
        message: `Customer ${account.customerId} is anonymized and locked: export-customer-data is refused`
      })
    }
    const result: ExportResult = { outcome: run.outcome, document: yield* exportDocumentOf(settings.registry, caller, account) }
    return result
  })
