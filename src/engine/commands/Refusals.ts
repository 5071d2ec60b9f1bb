/**
 * Shared helpers of the commands: a {@link CommandRejected} refusal as a failed decision, and the
 * calendar day of an instant, for checks a Schema cannot make without a clock.
 *
 * @module
 */
import { DateTime, Result } from "effect"
import type { CommandKind } from "../../domain/Permission.ts"
import type { RuleId } from "../../domain/Rules.ts"
import { CommandRejected } from "../Errors.ts"

/**
 * A {@link CommandRejected} for a command, naming the rule and, when the problem is in the input,
 * its path. The message ends with the rule's id.
 *
 * @category refusals
 */
export const rejection = (command: CommandKind, rule: RuleId, message: string, path?: string): CommandRejected =>
  new CommandRejected({
    rule,
    command,
    ...(path === undefined ? {} : { path }),
    message: `${message} (rule ${rule})`
  })

/**
 * A failed decision: {@link rejection} as a `Result`.
 *
 * @category refusals
 */
export const reject = (command: CommandKind, rule: RuleId, message: string, path?: string): Result.Result<never, CommandRejected> =>
  Result.fail(rejection(command, rule, message, path))

/**
 * The calendar day `YYYY-MM-DD` of an instant, in UTC.
 *
 * @category helpers
 */
export const dayOf = (at: DateTime.DateTime): string => DateTime.formatIsoDate(DateTime.toUtc(at))
