/**
 * The credentials port: the host owns passwords and second factors. The SDK asks it for a
 * one-time password (delivered through the outbox), to check and redeem one, to disable
 * two-factor authentication, and to forget the customer after an anonymization or deletion. The
 * one-time password is `Redacted` from the moment it leaves the port: it never appears in an
 * activity, a log line, an error or an export.
 *
 * @module
 */
import { Context, type Effect, type Redacted } from "effect"
import type { CustomerId, TenantId } from "../domain/Ids.ts"
import type { StorageError } from "./AccountStore.ts"

/**
 * What the credentials port does.
 *
 * @category port
 */
export interface CredentialsService {
  /**
   * A new one-time password for a password reset; the host remembers it to check it later. With a
   * `key` (the engine always passes one, rule `effects.stable-key`), a second call under the same
   * key issues nothing new and returns the password issued first.
   */
  readonly issueOneTimePassword: (
    tenantId: TenantId,
    customerId: CustomerId,
    key?: string
  ) => Effect.Effect<Redacted.Redacted<string>, StorageError>
  /**
   * Whether the one-time password is the customer's current one, without using it up (the engine
   * checks it before it records the completed reset, and redeems it after the write).
   */
  readonly verifyOneTimePassword: (
    tenantId: TenantId,
    customerId: CustomerId,
    password: Redacted.Redacted<string>
  ) => Effect.Effect<boolean, StorageError>
  /**
   * Whether the one-time password is the customer's current one, using it up: `true` once, a used
   * one is not. With a `key`, a second call under the same key checks nothing and returns the
   * first call's answer (a repeat of the same completion), so a password is used up once.
   */
  readonly redeemOneTimePassword: (
    tenantId: TenantId,
    customerId: CustomerId,
    password: Redacted.Redacted<string>,
    key?: string
  ) => Effect.Effect<boolean, StorageError>
  /** Whether the customer's second factor is on. */
  readonly twoFactorEnabled: (tenantId: TenantId, customerId: CustomerId) => Effect.Effect<boolean, StorageError>
  /**
   * Disables the customer's second factor; returns whether one was enabled. With a `key`, a second
   * call under the same key changes nothing and returns the first call's answer.
   */
  readonly disableTwoFactor: (tenantId: TenantId, customerId: CustomerId, key?: string) => Effect.Effect<boolean, StorageError>
  /**
   * Forgets everything the credential host holds about the customer: pending one-time passwords,
   * second factors (and, in a real host, passwords and sessions). Called after an anonymization
   * or a deletion is stored (rule `compliance.host-erasure`). Idempotent.
   */
  readonly forget: (tenantId: TenantId, customerId: CustomerId) => Effect.Effect<void, StorageError>
}

/**
 * The credentials service.
 *
 * @category port
 */
export class Credentials extends Context.Service<Credentials, CredentialsService>()(
  "customer-account/ports/Credentials"
) {}
