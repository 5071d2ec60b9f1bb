/**
 * The types of a command of the host's own: describe it as an {@link AccountCommand} and run it
 * through the engine's pipeline with the `CustomerAccounts` service's `run(spec, caller, input)`
 * (load, permission, decision, one atomic write with its activities, retry on a version
 * conflict), like the SDK's own commands. The root entry exports this module as `Pipeline`; the
 * pipeline's functions (`runAccountCommand`, `retryPolicy`, `materialize`, ...) are the engine's
 * internals and are not exported.
 *
 * @module
 */
export type { AccountCommand, ActivityDraft, DecideEnv, Decision, PipelineSettings, Rejection } from "./Pipeline.ts"
export type { FingerprintKey } from "./Fingerprint.ts"
export type { HostStep, IntentDraft } from "./HostStep.ts"
