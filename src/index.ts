/**
 * customer-account: the customer account of a subscription-commerce or service back office.
 *
 * The root re-exports the public modules as namespaces, e.g. `Lifecycle.decide` or
 * `Iban.maskIban`: the domain, the ports, the engine's service with its errors, query results and
 * the types of a host's own commands, and the in-memory adapters. The engine's internals (the
 * pipeline's functions, the query and command functions behind the service) are not exported;
 * see docs/package.md.
 *
 * @module customer-account
 */
export * as AccessRight from "./domain/AccessRight.ts"
export * as Activity from "./domain/Activity.ts"
export * as ActivityDetails from "./domain/ActivityDetails.ts"
export * as ActivityGroup from "./domain/ActivityGroup.ts"
export * as ActivityType from "./domain/ActivityType.ts"
export * as Actor from "./domain/Actor.ts"
export * as AdditionalData from "./domain/AdditionalData.ts"
export * as Address from "./domain/Address.ts"
export * as Anonymization from "./domain/Anonymization.ts"
export * as BankAccount from "./domain/BankAccount.ts"
export * as Consent from "./domain/Consent.ts"
export * as Country from "./domain/Country.ts"
export * as Customer from "./domain/Customer.ts"
export * as Decider from "./domain/Decider.ts"
export * as Departments from "./domain/Departments.ts"
export * as Email from "./domain/Email.ts"
export * as Export from "./domain/Export.ts"
export * as Iban from "./domain/Iban.ts"
export * as Ids from "./domain/Ids.ts"
export * as Instant from "./domain/Instant.ts"
export * as Intent from "./domain/Intent.ts"
export * as Invitation from "./domain/Invitation.ts"
export * as Language from "./domain/Language.ts"
export * as Lifecycle from "./domain/Lifecycle.ts"
export * as ListQuery from "./domain/ListQuery.ts"
export * as NoteFile from "./domain/NoteFile.ts"
export * as Permission from "./domain/Permission.ts"
export * as PersonalData from "./domain/PersonalData.ts"
export * as PostalCode from "./domain/PostalCode.ts"
export * as Rules from "./domain/Rules.ts"
export * as ServicePlatform from "./domain/ServicePlatform.ts"
export * as ServiceRecord from "./domain/ServiceRecord.ts"
export * as ServiceSettings from "./domain/ServiceSettings.ts"
export * as TeamMappings from "./domain/TeamMappings.ts"
export * as Text from "./domain/Text.ts"
export * as Validation from "./domain/Validation.ts"
export * as Account from "./domain/Account.ts"

// Ports: the services a backend implements over its own database and systems.
export * as AccountStore from "./ports/AccountStore.ts"
export * as AuditTrail from "./ports/AuditTrail.ts"
export * as Credentials from "./ports/Credentials.ts"
export * as CustomerNumbers from "./ports/CustomerNumbers.ts"
export * as FileStore from "./ports/FileStore.ts"
export * as Goodwill from "./ports/Goodwill.ts"
export * as HostCompliance from "./ports/HostCompliance.ts"
export * as IdGenerator from "./ports/IdGenerator.ts"
export * as LinkedRecords from "./ports/LinkedRecords.ts"
export * as Orders from "./ports/Orders.ts"
export * as Outbox from "./ports/Outbox.ts"
export * as ServiceCatalog from "./ports/ServiceCatalog.ts"
export * as ServiceRecords from "./ports/ServiceRecords.ts"

// The engine: commands and queries over the ports.
export * as BankDetails from "./engine/BankDetails.ts"
export * as Caller from "./engine/Caller.ts"
export * as Compliance from "./engine/Compliance.ts"
export * as CustomerAccounts from "./engine/CustomerAccounts.ts"
export * as EngineErrors from "./engine/Errors.ts"
export * as Intents from "./engine/Intents.ts"
export * as Pipeline from "./engine/PipelineTypes.ts"
export * as Queries from "./engine/QueryTypes.ts"

// The catalogue: one declaration per command and query, which every transport reads.
export * as Catalogue from "./catalogue/Catalogue.ts"
export * as Declaration from "./catalogue/Declaration.ts"

// The in-memory adapters and the embedded default.
export * as MemoryAccountStore from "./adapters/memory/MemoryAccountStore.ts"
export * as MemoryAuditTrail from "./adapters/memory/MemoryAuditTrail.ts"
export * as MemoryCredentials from "./adapters/memory/MemoryCredentials.ts"
export * as MemoryCustomerNumbers from "./adapters/memory/MemoryCustomerNumbers.ts"
export * as MemoryFileStore from "./adapters/memory/MemoryFileStore.ts"
export * as MemoryGoodwill from "./adapters/memory/MemoryGoodwill.ts"
export * as MemoryHost from "./adapters/memory/MemoryHost.ts"
export * as MemoryHostCompliance from "./adapters/memory/MemoryHostCompliance.ts"
export * as MemoryIdGenerator from "./adapters/memory/MemoryIdGenerator.ts"
export * as MemoryLinkedRecords from "./adapters/memory/MemoryLinkedRecords.ts"
export * as MemoryOrders from "./adapters/memory/MemoryOrders.ts"
export * as MemoryOutbox from "./adapters/memory/MemoryOutbox.ts"
export * as MemoryServiceCatalog from "./adapters/memory/MemoryServiceCatalog.ts"
export * as MemoryServiceRecords from "./adapters/memory/MemoryServiceRecords.ts"
export * as Memory from "./Memory.ts"
