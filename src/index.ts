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
