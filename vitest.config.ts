/**
 * vitest's settings for `npm test`: no test depends on the machine's speed. A test or hook gets a
 * generous default budget (`test/support/properties.ts`: 60 s, times `PROPERTY_RUNS_SCALE` for a
 * deep run) instead of vitest's 5 s, and a long test names its own budget (`longTest`). The test
 * files run on every core: the main process only collects results.
 */
import { availableParallelism } from "node:os"
import { resolve } from "node:path"
import { defineConfig } from "vitest/config"
import { defaultTimeout } from "./test/support/properties.ts"

export default defineConfig({
  // As tsconfig.json's `paths`: an example imported by a test resolves the package to src/.
  resolve: {
    alias: [
      { find: /^customer-account$/, replacement: resolve(import.meta.dirname, "src/index.ts") },
      { find: /^customer-account\/(testing|postgres|sqlite|promise)$/, replacement: resolve(import.meta.dirname, "src/$1/index.ts") }
    ]
  },
  test: {
    testTimeout: defaultTimeout,
    hookTimeout: defaultTimeout,
    maxWorkers: Math.max(1, availableParallelism())
  }
})
