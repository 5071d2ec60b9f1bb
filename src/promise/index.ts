/**
 * `customer-account/promise`: the customer account for code that does not use Effect. Plain
 * `async` methods returning plain JSON, errors that carry their tag, rule and path, a guard per
 * error, and every failure as an RFC 9457 problem document for an HTTP answer.
 *
 * ```ts
 * import { createCustomerAccounts, toProblem } from "customer-account/promise"
 *
 * const accounts = createCustomerAccounts() // the in-memory engine; pass { layer } for your own
 * try {
 *   await accounts.overview(caller, { customerId: "customer-unknown" })
 * } catch (error) {
 *   const problem = toProblem(error) // { status: 404, tag: "CustomerNotFound", rule: "tenant.isolation", ... }
 * }
 * await accounts.dispose()
 * ```
 *
 * See docs/promise.md.
 *
 * @module customer-account/promise
 */
export { createCustomerAccounts } from "./Client.ts"
export {
  CustomerAccountDefect,
  CustomerAccountError,
  type CustomerAccountErrorOf,
  is,
  isCustomerAccountError,
  isDefect,
  isError
} from "./Errors.ts"
export type {
  AnyInvocation,
  CallerJson,
  CommandMethod,
  CreateOptions,
  CustomerAccountsClient,
  EngineLayer,
  InputOf,
  Jsonify,
  MethodOf,
  OutputJson,
  QueryMethod
} from "./Types.ts"
export { type EncodedError, type Json, type JsonObject, type Tagged } from "../transport/ErrorJson.ts"
export { type ErrorJson, errorSchemas, type ErrorTag } from "../transport/ErrorSchemas.ts"
export {
  Problem,
  problemContentType,
  type ProblemOptions,
  problemStatuses,
  type Statuses,
  statusOf,
  toProblem,
  unknownTagStatus
} from "../transport/Problem.ts"
export { type Catalogue, catalogue } from "../catalogue/Catalogue.ts"
export type {
  CatalogueShape,
  CommandDeclaration,
  Declaration,
  ErrorSchema,
  QueryDeclaration
} from "../catalogue/Declaration.ts"
