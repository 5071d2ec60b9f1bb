/**
 * customer-account: the customer account of a subscription-commerce or service back office.
 *
 * The root re-exports every module as a namespace, e.g. `Lifecycle.decide` or `Iban.maskIban`.
 *
 * @module
 */
export * as AccessRight from "./domain/AccessRight.ts"
export * as Activity from "./domain/Activity.ts"
export * as ActivityDetails from "./domain/ActivityDetails.ts"
export * as ActivityGroup from "./domain/ActivityGroup.ts"
export * as ActivityType from "./domain/ActivityType.ts"
export * as Actor from "./domain/Actor.ts"
export * as AdditionalData from "./domain/AdditionalData.ts"
export * as Address from "./domain/Address.ts"
export * as BankAccount from "./domain/BankAccount.ts"
export * as Consent from "./domain/Consent.ts"
export * as Country from "./domain/Country.ts"
export * as Customer from "./domain/Customer.ts"
export * as Decider from "./domain/Decider.ts"
export * as Email from "./domain/Email.ts"
export * as Iban from "./domain/Iban.ts"
export * as Ids from "./domain/Ids.ts"
export * as Instant from "./domain/Instant.ts"
export * as Language from "./domain/Language.ts"
export * as Lifecycle from "./domain/Lifecycle.ts"
export * as NoteFile from "./domain/NoteFile.ts"
export * as Permission from "./domain/Permission.ts"
export * as PersonalData from "./domain/PersonalData.ts"
export * as PostalCode from "./domain/PostalCode.ts"
export * as Rules from "./domain/Rules.ts"
export * as Validation from "./domain/Validation.ts"
export * as Account from "./domain/Account.ts"

// Ports: the services a backend implements over its own database and systems.
export * as AccountStore from "./ports/AccountStore.ts"
export * as Credentials from "./ports/Credentials.ts"
export * as CustomerNumbers from "./ports/CustomerNumbers.ts"
export * as FileStore from "./ports/FileStore.ts"
export * as Goodwill from "./ports/Goodwill.ts"
export * as IdGenerator from "./ports/IdGenerator.ts"
export * as LinkedRecords from "./ports/LinkedRecords.ts"
export * as Orders from "./ports/Orders.ts"
export * as Outbox from "./ports/Outbox.ts"

// The engine: commands and queries over the ports.
export * as CustomerAccounts from "./engine/CustomerAccounts.ts"
export * as EngineErrors from "./engine/Errors.ts"
export * as Pipeline from "./engine/Pipeline.ts"
export * as Queries from "./engine/Queries.ts"

// The in-memory adapters and the embedded default.
export * as MemoryAccountStore from "./adapters/memory/MemoryAccountStore.ts"
export * as MemoryCredentials from "./adapters/memory/MemoryCredentials.ts"
export * as MemoryCustomerNumbers from "./adapters/memory/MemoryCustomerNumbers.ts"
export * as MemoryFileStore from "./adapters/memory/MemoryFileStore.ts"
export * as MemoryGoodwill from "./adapters/memory/MemoryGoodwill.ts"
export * as MemoryHost from "./adapters/memory/MemoryHost.ts"
export * as MemoryIdGenerator from "./adapters/memory/MemoryIdGenerator.ts"
export * as MemoryLinkedRecords from "./adapters/memory/MemoryLinkedRecords.ts"
export * as MemoryOrders from "./adapters/memory/MemoryOrders.ts"
export * as MemoryOutbox from "./adapters/memory/MemoryOutbox.ts"
export * as Memory from "./Memory.ts"
