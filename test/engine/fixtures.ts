/**
 * Inputs shared by the engine's command tests.
 */
import { checkDigits } from "../../src/domain/Iban.ts"

/** A valid German billing or delivery address. */
export const address = {
  firstName: "Erika",
  lastName: "Mustermann",
  street: "Heidestraße",
  houseNumber: "17",
  postalCode: "51147",
  city: "Köln",
  country: "DE"
} as const

/** A valid German IBAN. */
export const iban1 = "DE89370400440532013000"

/** Another valid German IBAN. */
export const iban2 = `DE${checkDigits("DE", "500105175407324931")}500105175407324931`

/** A valid bank account input without mandate. */
export const bankAccount = { holder: "Erika Mustermann", iban: iban1 } as const
