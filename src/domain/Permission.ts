/**
 * The permission model (SPEC section 8): which actor may run which command.
 *
 * Every command and query of the account has a {@link CommandKind}, and every kind needs exactly
 * one {@link Permission} ({@link requiredPermission}). Who holds which permission is the host's to
 * say; {@link authorize} decides with what the caller resolved:
 *
 * - a supporter acts within the permissions of its roles (rule `permission.supporter-role`);
 * - an API client acts within its scopes (rule `permission.api-scopes`);
 * - the system records what host processes produce, and does nothing else (rule
 *   `permission.system-records-host-activities`);
 * - a customer runs only self-service commands ({@link selfServiceCommands}), and only on its own
 *   account (rule `permission.customer-self-service`).
 *
 * An actor acting on behalf of another is authorized as itself (rule `permission.acting-principal`):
 * a supporter placing an order for a customer needs the supporter's permission, and gains nothing
 * from the customer's. A refusal is a
 * {@link PermissionDenied} that names the missing permission (rule
 * `permission.refusal-names-permission`); the command then changes nothing.
 *
 * @module
 */
import { Result, Schema } from "effect"
import { ActorKind, principalOf, type Actor } from "./Actor.ts"
import type { CustomerId } from "./Ids.ts"

// ---------------------------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------------------------

/**
 * A permission a supporter's role or an API client's scopes may hold.
 *
 * @category models
 */
export const Permission = Schema.Literals([
  "read",
  "register",
  "edit",
  "manage-status",
  "manage-access",
  "manage-consent",
  "add-note",
  "manage-access-rights",
  "manage-bank-accounts",
  "grant-goodwill",
  "checkout",
  "manage-additional-data",
  "delete",
  "anonymize",
  "export",
  "reset-password",
  "disable-two-factor",
  "manage-notifications",
  "record-host-activity",
  "manage-team-mappings",
  "manage-invitations",
  "read-changes"
])
/** @category models */
export type Permission = typeof Permission.Type

/**
 * Every permission, in a fixed order.
 *
 * @category models
 */
export const permissions: ReadonlyArray<Permission> = Permission.literals

/**
 * A supporter's role: a name and the permissions it grants (rule `permission.supporter-role`).
 *
 * @category models
 */
export const Role = Schema.Struct({
  /** The role's name, e.g. `support-level-1`. */
  name: Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 100))),
  /** The permissions the role grants. */
  permissions: Schema.Array(Permission)
})
/** @category models */
export type Role = typeof Role.Type

/**
 * The scopes of an API client: the permissions its key was issued with (rule
 * `permission.api-scopes`).
 *
 * @category models
 */
export const ApiScopes = Schema.Array(Permission)
/** @category models */
export type ApiScopes = typeof ApiScopes.Type

/**
 * What the caller resolved for the acting principal: the roles of a supporter, the scopes of an
 * API client. Missing means none.
 *
 * @category models
 */
export interface Grants {
  /** The roles of the acting supporter. */
  readonly supporterRoles?: ReadonlyArray<Role>
  /** The scopes of the acting API client. */
  readonly apiScopes?: ApiScopes
}

/**
 * Every permission a set of roles grants, without duplicates.
 *
 * @category reading
 */
export const permissionsOf = (roles: ReadonlyArray<Role>): ReadonlySet<Permission> =>
  new Set(roles.flatMap((role) => role.permissions))

// ---------------------------------------------------------------------------------------------
// Command kinds
// ---------------------------------------------------------------------------------------------

/**
 * Every command and query of the account that needs a permission: the action bar of SPEC section
 * 7, registering, changing personal data, addresses, consent, notes and hints, recording host
 * activities, the service platform's departments, settings, team mappings and invitations
 * (section 10), reading an account, searching customers and reading the change feed (section 12).
 *
 * @category models
 */
export const CommandKind = Schema.Literals([
  "read-account",
  "search-customers",
  "read-changes",
  "register-customer",
  "change-personal-data",
  "add-address",
  "change-address",
  "remove-address",
  "set-preferred-address",
  "add-access-right",
  "change-access-right",
  "remove-access-right",
  "add-bank-account",
  "remove-bank-account",
  "set-preferred-bank-account",
  "grant-goodwill",
  "block-access",
  "unblock-access",
  "change-status",
  "delete-customer",
  "export-customer-data",
  "reset-password",
  "disable-two-factor",
  "anonymize-customer",
  "change-consent",
  "checkout",
  "replace-additional-data",
  "add-note",
  "add-hint",
  "record-host-activity",
  "change-notification-settings",
  "add-department",
  "rename-department",
  "move-department",
  "remove-department",
  "switch-modules",
  "set-team-mapping",
  "remove-team-mapping",
  "send-invitation",
  "resend-invitation",
  "revoke-invitation",
  "accept-invitation"
])
/** @category models */
export type CommandKind = typeof CommandKind.Type

/**
 * Every command kind, in a fixed order.
 *
 * @category models
 */
export const commandKinds: ReadonlyArray<CommandKind> = CommandKind.literals

const required: { readonly [K in CommandKind]: Permission } = {
  "read-account": "read",
  "search-customers": "read",
  "read-changes": "read-changes",
  "register-customer": "register",
  "change-personal-data": "edit",
  "add-address": "edit",
  "change-address": "edit",
  "remove-address": "edit",
  "set-preferred-address": "edit",
  "add-access-right": "manage-access-rights",
  "change-access-right": "manage-access-rights",
  "remove-access-right": "manage-access-rights",
  "add-bank-account": "manage-bank-accounts",
  "remove-bank-account": "manage-bank-accounts",
  "set-preferred-bank-account": "manage-bank-accounts",
  "grant-goodwill": "grant-goodwill",
  "block-access": "manage-access",
  "unblock-access": "manage-access",
  "change-status": "manage-status",
  "delete-customer": "delete",
  "export-customer-data": "export",
  "reset-password": "reset-password",
  "disable-two-factor": "disable-two-factor",
  "anonymize-customer": "anonymize",
  "change-consent": "manage-consent",
  checkout: "checkout",
  "replace-additional-data": "manage-additional-data",
  "add-note": "add-note",
  "add-hint": "add-note",
  "record-host-activity": "record-host-activity",
  "change-notification-settings": "manage-notifications",
  "add-department": "edit",
  "rename-department": "edit",
  "move-department": "edit",
  "remove-department": "edit",
  "switch-modules": "manage-notifications",
  "set-team-mapping": "manage-team-mappings",
  "remove-team-mapping": "manage-team-mappings",
  "send-invitation": "manage-invitations",
  "resend-invitation": "manage-invitations",
  "revoke-invitation": "manage-invitations",
  "accept-invitation": "manage-invitations"
}

/**
 * The one permission a command kind needs, from a supporter's roles or an API client's scopes.
 *
 * @example
 * ```ts
 * import { Permission } from "customer-account"
 *
 * Permission.requiredPermission("add-hint") // "add-note"
 * Permission.requiredPermission("block-access") // "manage-access"
 * ```
 *
 * @category rules
 */
export const requiredPermission = (command: CommandKind): Permission => required[command]

/**
 * The commands a customer may run on its own account (rule `permission.customer-self-service`):
 * read its account, register itself (through self-service or checkout, the account being the one
 * registered), change its profile, its addresses and its consents, reset its password, and buy.
 * Everything else, notification settings included (SPEC section 10), is staff's.
 *
 * @category rules
 */
export const selfServiceCommands: ReadonlyArray<CommandKind> = [
  "read-account",
  "register-customer",
  "change-personal-data",
  "add-address",
  "change-address",
  "remove-address",
  "set-preferred-address",
  "change-consent",
  "reset-password",
  "checkout"
]

/**
 * Whether a command kind is a self-service command (rule `permission.customer-self-service`).
 *
 * @category rules
 */
export const isSelfService = (command: CommandKind): boolean => selfServiceCommands.includes(command)

// ---------------------------------------------------------------------------------------------
// Authorizing
// ---------------------------------------------------------------------------------------------

/**
 * A command was refused for want of a permission. `rule` names the rule that refused it and the
 * message names the missing permission (rule `permission.refusal-names-permission`). Nothing was
 * changed.
 *
 * @category errors
 */
export class PermissionDenied extends Schema.TaggedError<PermissionDenied>()("PermissionDenied", {
  /** The rule that refused the command. */
  rule: Schema.Literals([
    "permission.supporter-role",
    "permission.api-scopes",
    "permission.system-records-host-activities",
    "permission.customer-self-service"
  ]),
  /** The permission the command needs and the actor lacked. */
  permission: Permission,
  /** The kind of the acting principal (not of anyone it acted for). */
  actorKind: ActorKind,
  /** The command refused. */
  command: CommandKind,
  /** What was refused, naming the missing permission. */
  message: Schema.String
}) {}

/**
 * What {@link authorize} decides on: who acts, what the caller resolved for it, the command and
 * the account it is about (absent for a command about no single account, such as a search).
 *
 * @category models
 */
export interface AuthorizationRequest {
  /** Who acts; when on behalf of another, the acting principal is the one authorized. */
  readonly actor: Actor
  /** The roles or scopes of the acting principal, resolved by the caller. */
  readonly grants: Grants
  /** The command to run. */
  readonly command: CommandKind
  /** The customer account the command is about. */
  readonly targetCustomerId?: CustomerId
}

/**
 * Decides whether an actor may run a command (pure; never throws). The acting principal is
 * authorized, never the one it acts for (rule `permission.acting-principal`):
 *
 * - `supporter`: one of `grants.supporterRoles` grants {@link requiredPermission} (rule
 *   `permission.supporter-role`);
 * - `api`: `grants.apiScopes` holds it (rule `permission.api-scopes`);
 * - `system`: only `record-host-activity` (rule `permission.system-records-host-activities`);
 * - `customer`: only {@link selfServiceCommands}, and only when `targetCustomerId` is its own id
 *   (rule `permission.customer-self-service`).
 *
 * Fails with {@link PermissionDenied}, whose message names the missing permission (rule
 * `permission.refusal-names-permission`).
 *
 * @example
 * ```ts
 * import { Actor, Ids, Permission } from "customer-account"
 *
 * const mia = Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support")
 * Permission.authorize({
 *   actor: mia,
 *   grants: { supporterRoles: [{ name: "support", permissions: ["read", "edit"] }] },
 *   command: "delete-customer",
 *   targetCustomerId: Ids.CustomerId.make("c-1")
 * }) // Result.fail(PermissionDenied: supporter lacks permission "delete" for delete-customer)
 * ```
 *
 * @category authorizing
 */
export const authorize = (request: AuthorizationRequest): Result.Result<void, PermissionDenied> => {
  const { command, grants } = request
  const principal = principalOf(request.actor)
  const permission = requiredPermission(command)
  const deny = (rule: PermissionDenied["rule"], why: string) =>
    Result.fail(
      new PermissionDenied({
        rule,
        permission,
        actorKind: principal._tag,
        command,
        message: `Permission "${permission}" missing: ${why} (rule ${rule})`
      })
    )
  switch (principal._tag) {
    case "supporter":
      return permissionsOf(grants.supporterRoles ?? []).has(permission)
        ? Result.void
        : deny("permission.supporter-role", `no role of the supporter grants "${permission}", which ${command} needs`)
    case "api":
      return (grants.apiScopes ?? []).includes(permission)
        ? Result.void
        : deny("permission.api-scopes", `the API client's scopes do not include "${permission}", which ${command} needs`)
    case "system":
      return command === "record-host-activity"
        ? Result.void
        : deny(
          "permission.system-records-host-activities",
          `the system may only record host activities, and ${command} needs "${permission}"`
        )
    case "customer":
      if (!isSelfService(command)) {
        return deny(
          "permission.customer-self-service",
          `${command} is not a self-service command; it needs "${permission}", which only staff and API clients hold`
        )
      }
      return request.targetCustomerId === principal.customerId
        ? Result.void
        : deny(
          "permission.customer-self-service",
          `a customer may run ${command} only on its own account; on another account it needs "${permission}"`
        )
  }
}
