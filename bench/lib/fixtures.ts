/**
 * The inputs every implementation gets: the caller, the registration of customer `i`, and the ten
 * mixed commands run on each customer (two each of address, consent, note, status and access
 * right), as plain JSON, exactly as a host would pass them to the engine.
 */
import * as Actor from "../../src/domain/Actor.ts"
import { StaffUserId, TenantId } from "../../src/domain/Ids.ts"
import { permissions } from "../../src/domain/Permission.ts"
import type { Caller } from "../../src/engine/Caller.ts"

/** The tenant of every workload. */
export const tenantId = TenantId.make("bench")

/** A supporter whose role grants every permission: every command is authorized as in production. */
export const supporter: Caller = {
  tenantId,
  actor: Actor.supporter(StaffUserId.make("staff-1"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions }] }
}

const firstNames = ["Erika", "Max", "Sophie", "Lukas", "Mia", "Paul", "Lena", "Jonas"]
const lastNames = ["Mustermann", "Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch"]

/** The registration input of customer `i`: a private profile with a unique email. */
export const registration = (i: number) => {
  const firstName = firstNames[i % firstNames.length]!
  const lastName = lastNames[(i >>> 3) % lastNames.length]!
  return {
    profile: {
      kind: "private" as const,
      salutation: "mrs" as const,
      firstName,
      lastName,
      email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}.${i}@example.de`,
      language: "de"
    },
    registrationSource: "back-office" as const
  }
}

/** The billing address used by the mixed commands. */
export const billingAddress = {
  firstName: "Erika",
  lastName: "Mustermann",
  street: "Heidestraße",
  houseNumber: "17",
  postalCode: "51147",
  city: "Köln",
  country: "DE"
}

/** The delivery address used by the mixed commands. */
export const deliveryAddress = {
  companyName: "Mustermann GmbH",
  street: "Hauptstraße",
  houseNumber: "5",
  addition: "3. OG",
  postalCode: "50667",
  city: "Köln",
  country: "DE"
}

/** The names of the ten mixed commands, in the order they run on each customer. */
export const mixedCommandNames = [
  "addAddress",
  "changeConsent",
  "addNote",
  "setStatus",
  "addAccessRight",
  "addAddress",
  "changeConsent",
  "setStatus",
  "addNote",
  "addAccessRight"
] as const

/** The name of a mixed command. */
export type MixedCommandName = (typeof mixedCommandNames)[number]

/** The input of mixed command `step` (0..9) on a customer, as the engine takes it. */
export const mixedInput = (step: number, customerId: string): Record<string, unknown> => {
  switch (step) {
    case 0:
      return { customerId, kind: "billing", preferred: true, address: billingAddress }
    case 1:
      return { customerId, channel: "email", to: "singleOptIn", source: "checkout", textVersion: "newsletter-v3", ipAddress: "203.0.113.7" }
    case 2:
      return { customerId, text: "Called about a late delivery; resent the issue." }
    case 3:
      return { customerId, to: "blocked", reason: "Chargeback on invoice" }
    case 4:
      return { customerId, right: { productId: "magazine-monthly", validFrom: "2026-01-01T00:00:00.000Z", validUntil: "2027-01-01T00:00:00.000Z" } }
    case 5:
      return { customerId, kind: "delivery", preferred: true, address: deliveryAddress }
    case 6:
      return {
        customerId,
        channel: "email",
        to: "doubleOptIn",
        source: "confirmation-mail",
        textVersion: "newsletter-v3",
        confirmedAt: "2026-01-02T08:00:00.000Z"
      }
    case 7:
      return { customerId, to: "active", reason: "Chargeback settled" }
    case 8:
      return { customerId, text: "Customer asked for the cancellation terms." }
    default:
      return { customerId, right: { productId: "archive-access", validFrom: "2026-02-01T00:00:00.000Z" } }
  }
}

/** The number of mixed commands per customer. */
export const mixedPerCustomer = mixedCommandNames.length
