/**
 * A service-platform customer's settings (SPEC section 10): the modules switched on or off for the
 * customer, and its notification settings.
 *
 * ## Modules (rule `settings.modules-known`)
 *
 * The tenant's platform offers modules (e.g. video support as a premium feature); its catalogue
 * says which exist and whether each is on by default (the `ServiceCatalog` port). An account holds
 * only the customer's own switches: `true` (on), `false` (off); a module without a switch follows
 * the catalogue's default. A switch names a module of the catalogue; `null` in a change removes the
 * switch, so the default applies again.
 *
 * ## Notifications (rules `settings.notification-recipients`, `settings.operator-only`)
 *
 * Whether the customer is notified about its devices (status updates, ticket news), and to which
 * addresses: up to {@link maxRecipients} valid email addresses, de-duplicated case-insensitively
 * (the first spelling is kept). With notifications on and no address of its own, the customer's
 * email is used. Notifications are off until an operator switches them on. Only an operator
 * holding the notification permission changes these settings; a customer never can (its addresses
 * are the platform operator's configuration, SPEC section 10). The addresses are personal data
 * and carry the mark.
 *
 * @module
 */
import { Result, Schema } from "effect"
import { isCleanText } from "./Text.ts"
import { emailFrom, normalizeEmail } from "./Email.ts"
import { ModuleId } from "./Ids.ts"
import { personal } from "./PersonalData.ts"

// ---------------------------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------------------------

/**
 * A module the tenant's platform offers: its id, a label and whether it is on for a customer
 * without a switch of its own.
 *
 * @category modules
 */
export class ServiceModule extends Schema.Class<ServiceModule>("customer-account/ServiceModule")({
  /** The module's id. */
  id: ModuleId,
  /** A human label, e.g. `Video support`. */
  label: Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, 100), isCleanText())),
  /** Whether the module is on for a customer without a switch. */
  enabledByDefault: Schema.Boolean
}) {}

/**
 * The customer's own module switches: module id to on (`true`) or off (`false`).
 *
 * @category modules
 */
export const ModuleSwitches = Schema.Record(ModuleId, Schema.Boolean)
/** @category modules */
export type ModuleSwitches = typeof ModuleSwitches.Type

/**
 * A change of module switches: module id to on (`true`), off (`false`) or back to the default
 * (`null`); 1 to 100 modules.
 *
 * @category modules
 */
export const ModuleSwitchChange = Schema.Record(ModuleId, Schema.NullOr(Schema.Boolean)).pipe(
  Schema.check(
    Schema.makeFilter((r: object) => {
      const n = Object.keys(r).length
      return n >= 1 && n <= 100 ? undefined : "1 to 100 modules to switch (rule settings.modules-known)"
    })
  )
)
/** @category modules */
export type ModuleSwitchChange = typeof ModuleSwitchChange.Type

/**
 * A module's state for one customer: `on` or `off` by the customer's switch, or `default`.
 *
 * @category modules
 */
export type ModuleSwitchState = "on" | "off" | "default"

/**
 * One module as the settings tab shows it: on or off, and why.
 *
 * @category modules
 */
export interface EffectiveModule {
  /** The module. */
  readonly id: ModuleId
  /** Its label. */
  readonly label: string
  /** Whether it is on for the customer. */
  readonly enabled: boolean
  /** `customer` when the customer's switch decides, `default` when the catalogue's default does. */
  readonly source: "customer" | "default"
}

/**
 * One switched module of a change, for the activity tile.
 *
 * @category modules
 */
export interface ModuleChange {
  /** The module. */
  readonly moduleId: ModuleId
  /** Its switch before. */
  readonly before: ModuleSwitchState
  /** Its switch after. */
  readonly after: ModuleSwitchState
}

/**
 * A settings change was refused; `rule` names the rule, `path` the input field at fault. Nothing
 * was changed.
 *
 * @category errors
 */
export class ServiceSettingsRejected extends Schema.TaggedError<ServiceSettingsRejected>()("ServiceSettingsRejected", {
  /** The rule that refused the change. */
  rule: Schema.Literals(["settings.modules-known", "settings.notification-recipients", "command.no-op-refused"]),
  /** Where in the input the problem is. */
  path: Schema.optionalKey(Schema.String),
  /** What was refused and why. */
  message: Schema.String
}) {}

const reject = (rule: ServiceSettingsRejected["rule"], message: string, path?: string) =>
  Result.fail(new ServiceSettingsRejected({ rule, ...(path === undefined ? {} : { path }), message: `${message} (rule ${rule})` }))

const stateOf = (switches: ModuleSwitches, id: string): ModuleSwitchState => {
  const value = Object.hasOwn(switches, id) ? switches[id as ModuleId] : undefined
  return value === undefined ? "default" : value ? "on" : "off"
}

/**
 * Every module of the catalogue, on or off for the customer (rule `settings.modules-known`):
 * the customer's switch if it has one, else the catalogue's default. Switches of modules the
 * catalogue no longer offers are not shown.
 *
 * @category modules
 */
export const effectiveModules = (
  catalogue: ReadonlyArray<ServiceModule>,
  switches: ModuleSwitches
): ReadonlyArray<EffectiveModule> =>
  catalogue.map((module) => {
    const state = stateOf(switches, module.id)
    return {
      id: module.id,
      label: module.label,
      enabled: state === "default" ? module.enabledByDefault : state === "on",
      source: state === "default" ? "default" : "customer"
    }
  })

/**
 * Whether a module is on for the customer: its switch, else the catalogue's default; a module the
 * catalogue does not offer is off.
 *
 * @category modules
 */
export const isModuleEnabled = (catalogue: ReadonlyArray<ServiceModule>, switches: ModuleSwitches, id: string): boolean =>
  effectiveModules(catalogue, switches).find((m) => m.id === id)?.enabled ?? false

/**
 * Applies a change of switches (rule `settings.modules-known`): every module named is one of the
 * catalogue; a change that switches nothing is refused (rule `command.no-op-refused`).
 *
 * @category modules
 */
export const switchModules = (
  switches: ModuleSwitches,
  catalogue: ReadonlyArray<ServiceModule>,
  change: ModuleSwitchChange
): Result.Result<{ readonly switches: ModuleSwitches; readonly changes: ReadonlyArray<ModuleChange> }, ServiceSettingsRejected> => {
  const offered = new Set<string>(catalogue.map((m) => m.id))
  const next: Record<string, boolean> = { ...switches }
  const changes: Array<ModuleChange> = []
  for (const [id, value] of Object.entries(change)) {
    if (!offered.has(id)) {
      return reject(
        "settings.modules-known",
        `The platform offers no module ${id}; it offers ${catalogue.length === 0 ? "none" : catalogue.map((m) => m.id).join(", ")}`,
        `modules.${id}`
      )
    }
    const before = stateOf(switches, id)
    const after: ModuleSwitchState = value === null ? "default" : value ? "on" : "off"
    if (before === after) continue
    if (value === null) delete next[id]
    else next[id] = value
    changes.push({ moduleId: id as ModuleId, before, after })
  }
  if (changes.length === 0) return reject("command.no-op-refused", "Every module named is already switched so", "modules")
  return Result.succeed({ switches: next as ModuleSwitches, changes })
}

// ---------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------

/**
 * The most recipient addresses the notification settings hold.
 *
 * @category notifications
 */
export const maxRecipients = 20

/**
 * A recipient address: a valid email, trimmed, marked as personal contact data.
 *
 * @category notifications
 */
export const RecipientAddress = emailFrom(Schema.String.pipe(personal("contact")))

const noDuplicates = Schema.makeFilter((list: ReadonlyArray<string>) => {
  const keys = list.map(normalizeEmail)
  return new Set(keys).size === keys.length
    ? undefined
    : "recipient addresses without duplicates, ignoring case (rule settings.notification-recipients)"
})

/**
 * The notification settings: whether the customer is notified about its devices, and the
 * recipient addresses (at most {@link maxRecipients}, no two equal ignoring case).
 *
 * @category notifications
 */
export class NotificationSettings extends Schema.Class<NotificationSettings>("customer-account/NotificationSettings")({
  /** Whether the customer is notified about its devices. */
  notifyAboutDevices: Schema.Boolean,
  /** Where notifications go; empty: to the customer's email. */
  recipients: Schema.Array(RecipientAddress).pipe(
    Schema.check(
      Schema.isMaxLength(maxRecipients, {
        expected: `at most ${maxRecipients} recipient addresses (rule settings.notification-recipients)`
      }),
      noDuplicates
    )
  )
}) {}

/**
 * The settings of a customer nobody configured: notifications off, no addresses.
 *
 * @category notifications
 */
export const defaultNotificationSettings: NotificationSettings = new NotificationSettings({
  notifyAboutDevices: false,
  recipients: []
})

/**
 * A change of the notification settings: the flag, the addresses (replaced as a whole), or both.
 *
 * @category notifications
 */
export interface NotificationSettingsChange {
  /** Whether the customer is notified about its devices. */
  readonly notifyAboutDevices?: boolean | undefined
  /** The new recipient addresses, as typed (checked already); duplicates are dropped. */
  readonly recipients?: ReadonlyArray<string> | undefined
}

/**
 * One changed setting, for the activity tile: its name and its values before and after.
 *
 * @category notifications
 */
export interface SettingChange {
  /** `notifyAboutDevices` or `recipients`. */
  readonly field: "notifyAboutDevices" | "recipients"
  /** The value before. */
  readonly before: boolean | ReadonlyArray<string>
  /** The value after. */
  readonly after: boolean | ReadonlyArray<string>
}

/**
 * Drops addresses equal to an earlier one ignoring case and surrounding whitespace, keeping the
 * first spelling and the order (rule `settings.notification-recipients`).
 *
 * @example
 * ```ts
 * import { ServiceSettings } from "customer-account"
 *
 * ServiceSettings.dedupeRecipients(["Ops@Example.de", "ops@example.de", "it@example.de"])
 * // ["Ops@Example.de", "it@example.de"]
 * ```
 *
 * @category notifications
 */
export const dedupeRecipients = (addresses: ReadonlyArray<string>): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const kept: Array<string> = []
  for (const address of addresses) {
    const key = normalizeEmail(address)
    if (seen.has(key)) continue
    seen.add(key)
    kept.push(address.trim())
  }
  return kept
}

const sameList = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Applies a change of the notification settings (rule `settings.notification-recipients`): the
 * addresses are de-duplicated, at most {@link maxRecipients} remain; a change that changes
 * nothing is refused (rule `command.no-op-refused`).
 *
 * @category notifications
 */
export const changeNotificationSettings = (
  current: NotificationSettings,
  change: NotificationSettingsChange
): Result.Result<{ readonly settings: NotificationSettings; readonly changes: ReadonlyArray<SettingChange> }, ServiceSettingsRejected> => {
  const recipients = change.recipients === undefined ? current.recipients : dedupeRecipients(change.recipients)
  if (recipients.length > maxRecipients) {
    return reject(
      "settings.notification-recipients",
      `At most ${maxRecipients} different recipient addresses; ${recipients.length} were given`,
      "recipients"
    )
  }
  const notify = change.notifyAboutDevices ?? current.notifyAboutDevices
  const changes: Array<SettingChange> = []
  if (notify !== current.notifyAboutDevices) {
    changes.push({ field: "notifyAboutDevices", before: current.notifyAboutDevices, after: notify })
  }
  if (!sameList(recipients, current.recipients)) {
    changes.push({ field: "recipients", before: current.recipients, after: recipients })
  }
  if (changes.length === 0) return reject("command.no-op-refused", "The notification settings are already so")
  return Result.succeed({ settings: new NotificationSettings({ notifyAboutDevices: notify, recipients }), changes })
}

/**
 * Where device notifications go (rule `settings.notification-recipients`): nowhere when they are
 * off; to the recipient addresses when there are any; else to the customer's email.
 *
 * @category notifications
 */
export const notificationRecipients = (settings: NotificationSettings, customerEmail: string): ReadonlyArray<string> =>
  !settings.notifyAboutDevices ? [] : settings.recipients.length > 0 ? settings.recipients : [customerEmail]
