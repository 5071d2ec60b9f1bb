/**
 * The catalogue (issue 14): one declaration per command and query of the engine, from which the
 * transports, the permission table, the docs tables and the testing generators are derived.
 *
 * @module
 */
export * from "./Catalogue.ts"
export * from "./Declaration.ts"
export * from "./Declare.ts"
export * as Outputs from "./Outputs.ts"
export * as Errors from "./Errors.ts"
export * from "./ErrorMeanings.ts"
