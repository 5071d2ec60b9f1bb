/**
 * The customer data export (SPEC section 7, GDPR Art. 15 and Art. 20): one machine-readable JSON
 * document with every piece of personal data the SDK holds for a customer, the host's own sections
 * and the tenant's statement of purposes, recipients and retention (rule `export.complete`).
 *
 * The document is generic over the account's Schema: it carries the whole account in its JSON
 * encoding (profile, status history, consent with its records, addresses, bank accounts with the
 * IBAN in full, access rights, additional data, file metadata, and any section a later version
 * adds), the whole timeline, and, driven by the personal-data marks, a flat list of every personal
 * value with its path and category. A field added to the account later is exported, and listed
 * when marked, without anyone remembering to.
 *
 * Its JSON Schema is generated from {@link ExportDocument} by {@link exportJsonSchema} and shipped
 * in the package as `schemas/export.schema.json` (rule `export.json-schema`).
 *
 * @module
 */
import { DateTime, Result, Schema } from "effect"
import { Account } from "./Account.ts"
import { Activity } from "./Activity.ts"
import type { ActivityTypeRegistry } from "./ActivityType.ts"
import { Actor } from "./Actor.ts"
import { CustomerId, CustomerNumber, TenantId } from "./Ids.ts"
import { Instant } from "./Instant.ts"
import { type PersonalDataCategory, personalValues } from "./PersonalData.ts"
import { fromIssue, type ValidationError } from "./Validation.ts"

const Text = (max: number) => Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, max)))

/**
 * The categories of personal data, as the export names them (see `PersonalData.PersonalDataCategory`).
 *
 * @category models
 */
export const PersonalDataCategorySchema = Schema.Literals([
  "identity",
  "contact",
  "address",
  "financial",
  "network",
  "content",
  "image"
]).annotate({ description: "The kind of personal data a value is, from the personal-data mark of its field" })

// Keeps the literal list and the domain's type in step: a category added to one must be added to the other.
const categoriesInStep: [PersonalDataCategory, typeof PersonalDataCategorySchema.Type] extends [
  typeof PersonalDataCategorySchema.Type,
  PersonalDataCategory
] ? true
  : never = true
void categoriesInStep

/**
 * One personal value the SDK holds: where it is in the document, its category and the value (its
 * JSON encoding).
 *
 * @category models
 */
export const ExportedValue = Schema.Struct({
  /** Dotted path inside the document, e.g. `account.profile.lastName` or `activities.3.details.text`. */
  path: Schema.String,
  /** The category of its personal-data mark. */
  category: PersonalDataCategorySchema,
  /** The value, as in the document. */
  value: Schema.Json
}).annotate({ description: "A personal value held by the SDK: its path in this document, its category and the value" })
/** @category models */
export type ExportedValue = typeof ExportedValue.Type

/**
 * A section of the export the host supplies (through the `HostCompliance` port): the personal data
 * the host holds about the customer, e.g. orders, invoices, sessions or login history, as JSON.
 *
 * @category models
 */
export const HostExportSection = Schema.Struct({
  /** A short name, e.g. `orders` or `login-history`. */
  name: Text(100),
  /** What the section holds, for the data subject. */
  description: Schema.optionalKey(Text(1000)),
  /** The section's data, as plain JSON. */
  data: Schema.Json
}).annotate({ description: "Personal data the host system holds about the customer" })
/** @category models */
export type HostExportSection = typeof HostExportSection.Type

/**
 * One purpose of processing and its legal basis (GDPR Art. 13, 15(1)(a)).
 *
 * @category models
 */
export const ProcessingPurpose = Schema.Struct({
  /** What the data is processed for, e.g. `order fulfilment and invoicing`. */
  purpose: Text(500),
  /** The legal basis, e.g. `Art. 6(1)(b) GDPR (contract)`. */
  legalBasis: Text(500),
  /** The categories of personal data processed for it; all when absent. */
  categories: Schema.optionalKey(Schema.Array(PersonalDataCategorySchema))
})
/** @category models */
export type ProcessingPurpose = typeof ProcessingPurpose.Type

/**
 * A recipient or category of recipients (GDPR Art. 15(1)(c)).
 *
 * @category models
 */
export const Recipient = Schema.Struct({
  /** Who receives data, e.g. `payment service provider`. */
  recipient: Text(500),
  /** What for. */
  purpose: Text(500),
  /** A third country outside the EU/EEA the data goes to, and the safeguard, if any. */
  thirdCountry: Schema.optionalKey(Text(500))
})
/** @category models */
export type Recipient = typeof Recipient.Type

/**
 * How long a kind of record is kept, and why (GDPR Art. 15(1)(d)); see SPEC section 11.
 *
 * @category models
 */
export const RetentionPeriod = Schema.Struct({
  /** The kind of record, e.g. `invoices and booking records`. */
  records: Text(500),
  /** How long, e.g. `8 years after the end of the calendar year`. */
  period: Text(500),
  /** The legal basis of keeping them, e.g. `§ 147 AO, § 257 HGB`. */
  basis: Schema.optionalKey(Text(500))
})
/** @category models */
export type RetentionPeriod = typeof RetentionPeriod.Type

/**
 * The tenant's statement of purposes, recipients and retention, part of every export (GDPR Art.
 * 15(1)). The tenant (the controller) writes it; the SDK includes it as given.
 *
 * @category models
 */
export const PrivacyStatement = Schema.Struct({
  /** The controller: name and contact. */
  controller: Text(1000),
  /** The data protection officer's contact, if there is one. */
  dataProtectionOfficer: Schema.optionalKey(Text(1000)),
  /** Purposes and legal bases. */
  purposes: Schema.Array(ProcessingPurpose),
  /** Recipients or categories of recipients. */
  recipients: Schema.Array(Recipient),
  /** Retention per kind of record. */
  retention: Schema.Array(RetentionPeriod),
  /** The data subject's rights and where to exercise them (rectification, erasure, objection, complaint). */
  rights: Schema.optionalKey(Text(2000))
}).annotate({ description: "The tenant's statement of purposes, recipients and retention" })
/** @category models */
export type PrivacyStatement = typeof PrivacyStatement.Type

/**
 * The name of the export format, in every document's `format`.
 *
 * @category models
 */
export const exportFormat = "customer-account/export"

/**
 * The version of the export format, in every document's `formatVersion`. Raised when a change
 * would break a reader.
 *
 * @category models
 */
export const exportFormatVersion = 1

/**
 * The export document (rule `export.complete`). Its JSON encoding is the document handed to the
 * data subject; {@link exportJsonSchema} describes it.
 *
 * @category models
 */
export const ExportDocument = Schema.Struct({
  /** Always {@link exportFormat}. */
  format: Schema.Literal(exportFormat),
  /** Always {@link exportFormatVersion}. */
  formatVersion: Schema.Literal(exportFormatVersion),
  /** When the document was made. */
  exportedAt: Instant,
  /** Who asked for it. */
  exportedBy: Actor,
  /** The tenant (the controller's account). */
  tenantId: TenantId,
  /** The customer. */
  customerId: CustomerId,
  /** The customer number. */
  customerNumber: CustomerNumber,
  /** Every personal value of `account` and `activities`, by the personal-data marks. */
  personalData: Schema.Array(ExportedValue),
  /**
   * The account as the SDK holds it: profile, status and status history, consent with its
   * records, addresses, bank accounts (IBAN in full), access rights, additional data and the
   * metadata of the files attached to notes.
   */
  account: Account,
  /** The timeline, oldest first, with each activity's details. */
  activities: Schema.Array(Activity),
  /** The host's sections. */
  host: Schema.Array(HostExportSection),
  /** The tenant's statement of purposes, recipients and retention. */
  statement: PrivacyStatement
}).annotate({
  title: "Customer data export",
  description:
    "Every piece of personal data the customer-account SDK holds for one customer (GDPR Art. 15 and 20), the host system's sections and the controller's statement of purposes, recipients and retention."
})
/** @category models */
export type ExportDocument = typeof ExportDocument.Type
/**
 * The document's JSON encoding: what is handed to the data subject.
 *
 * @category models
 */
export type ExportDocumentJson = typeof ExportDocument.Encoded

/**
 * What {@link buildExport} makes a document from.
 *
 * @category constructors
 */
export interface ExportInput {
  /** The account. */
  readonly account: Account
  /** Its whole timeline, in any order (the document lists it oldest first). */
  readonly activities: ReadonlyArray<Activity>
  /** The host's sections. */
  readonly host: ReadonlyArray<HostExportSection>
  /** The tenant's statement. */
  readonly statement: PrivacyStatement
  /** When. */
  readonly at: DateTime.Utc
  /** Who asked. */
  readonly actor: Actor
}

const encodeDocument = Schema.encodeUnknownResult(ExportDocument)

const activityValues = (registry: ActivityTypeRegistry, activity: Activity, index: number): ReadonlyArray<ExportedValue> => {
  const definition = registry.types.get(activity.type)
  if (definition === undefined) return []
  const decoded = Schema.decodeUnknownResult(definition.details)(activity.details)
  if (Result.isFailure(decoded)) return []
  return personalValues(definition.details, decoded.success).map((v) => ({
    path: v.path === "" ? `activities.${index}.details` : `activities.${index}.details.${v.path}`,
    category: v.category,
    value: v.value as Schema.Json
  }))
}

/**
 * Makes the export document, in its JSON encoding (pure). The personal values are found through
 * the marks of the account's Schema and of each activity type's details Schema in the registry;
 * the details of a type the registry does not know are exported as stored, without a listing.
 *
 * Fails with a `ValidationError` only when a value does not encode, which would be a bug (the
 * account and activities come from the store, the host's sections and statement are checked here).
 *
 * @category constructors
 */
export const buildExport = (
  registry: ActivityTypeRegistry,
  input: ExportInput
): Result.Result<ExportDocumentJson, ValidationError> => {
  const activities = [...input.activities].sort((a, b) => DateTime.toEpochMillis(a.at) - DateTime.toEpochMillis(b.at))
  const personalData: Array<ExportedValue> = [
    ...personalValues(Account, input.account).map((v) => ({
      path: v.path === "" ? "account" : `account.${v.path}`,
      category: v.category,
      value: v.value as Schema.Json
    })),
    ...activities.flatMap((activity, index) => activityValues(registry, activity, index))
  ]
  const encoded = encodeDocument(
    {
      format: exportFormat,
      formatVersion: exportFormatVersion,
      exportedAt: input.at,
      exportedBy: input.actor,
      tenantId: input.account.tenantId,
      customerId: input.account.customerId,
      customerNumber: input.account.customerNumber,
      personalData,
      account: input.account,
      activities,
      host: input.host,
      statement: input.statement
    },
    { errors: "all", onExcessProperty: "error" }
  )
  return Result.isSuccess(encoded)
    ? Result.succeed(encoded.success)
    : Result.fail(fromIssue("ExportDocument", encoded.failure.issue))
}

/**
 * The JSON Schema (draft 2020-12) of the export document's JSON encoding, generated from
 * {@link ExportDocument} (rule `export.json-schema`). The package ships it as
 * `schemas/export.schema.json` (importable as `customer-account/schemas/export.schema.json`);
 * a test fails when the shipped file is stale.
 *
 * As Effect's own documentation says of generated JSON Schemas, it is for preliminary validation:
 * the Effect Schema remains the final authority (`Schema.decodeUnknownResult(ExportDocument)`).
 *
 * @category schema
 */
export const exportJsonSchema = (): Record<string, unknown> => {
  const document = Schema.toJsonSchemaDocument(ExportDocument)
  const definitions = document.definitions
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...document.schema,
    ...(Object.keys(definitions).length === 0 ? {} : { $defs: definitions })
  }
}
