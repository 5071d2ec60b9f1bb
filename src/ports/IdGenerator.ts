/**
 * The id port: new ids for customers, activities, files, addresses, bank accounts, access
 * rights, departments and invitations. The default adapter makes random UUIDs; tests use the sequential one, so ids are
 * predictable (`customer-1`, `activity-1`, ...).
 *
 * @module
 */
import { Context, type Effect } from "effect"

/**
 * The kinds of thing the SDK makes ids for.
 *
 * @category models
 */
export type IdKind =
  | "customer"
  | "activity"
  | "file"
  | "address"
  | "bank-account"
  | "access-right"
  | "mandate"
  | "department"
  | "invitation"
  | "intent"

/**
 * What an id generator does.
 *
 * @category port
 */
export interface IdGeneratorService {
  /** A new id of the kind: 1 to 64 characters of letters, digits, '-', '_', ':' and '.' (rule `identity.id-format`). */
  readonly next: (kind: IdKind) => Effect.Effect<string>
}

/**
 * The id generator service.
 *
 * @category port
 */
export class IdGenerator extends Context.Service<IdGenerator, IdGeneratorService>()(
  "customer-account/ports/IdGenerator"
) {}
