/**
 * vitest's settings for `npm test`: no test depends on the machine's speed. A test or hook gets a
 * generous default budget (`test/support/properties.ts`: 60 s, times `PROPERTY_RUNS_SCALE` for a
 * deep run) instead of vitest's 5 s, and a long test names its own budget (`longTest`). The test
 * files run on every core: the main process only collects results.
 */
import { availableParallelism } from "node:os"
import { defineConfig } from "vitest/config"
import { defaultTimeout } from "./test/support/properties.ts"

export default defineConfig({
  test: {
    testTimeout: defaultTimeout,
    hookTimeout: defaultTimeout,
    maxWorkers: Math.max(1, availableParallelism())
  }
})
