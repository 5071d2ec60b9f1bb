/**
 * `customer-account/testing`: what an adapter author needs to check a storage adapter against the
 * SDK's ports.
 *
 * - {@link accountStoreConformance} declares the conformance suite of the `AccountStore` port as a
 *   vitest `describe` block: run it against your adapter's layer, and it checks every method, the
 *   rules of tenancy, atomicity, optimistic concurrency, email and number uniqueness, idempotency,
 *   timeline order, filters and pagination, histogram buckets and customer search, including a
 *   model-based run.
 * - `Arbitraries` holds the fast-check arbitraries and builders the suite uses: valid accounts and
 *   activities built with the domain's constructors.
 * - `Commands` holds arbitraries of engine commands and command sequences, and a runner, for
 *   property tests of code built on the engine.
 *
 * This subpath imports `vitest` and `fast-check` at runtime. Both are optional peer dependencies
 * of the package: install them in the project that runs the suite. The main entry point never
 * imports them.
 *
 * @example
 * ```ts
 * import { MemoryAccountStore } from "customer-account"
 * import { accountStoreConformance } from "customer-account/testing"
 *
 * accountStoreConformance("MemoryAccountStore", MemoryAccountStore.layer)
 * ```
 *
 * @module
 */
export * from "./AccountStoreConformance.ts"
export * as Arbitraries from "./arbitraries.ts"
export * as Commands from "./commands.ts"
export * as FaultKit from "./FaultKit.ts"
