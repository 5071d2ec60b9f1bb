import { defineConfig } from "tsup"

// One JavaScript build of both entries with shared chunks, so `customer-account/testing` uses the
// very classes of the main entry; declarations built per entry, so each is self-contained.
const common = { target: "node22" as const, external: ["effect", "fast-check", "vitest"], clean: false }

export default defineConfig([
  {
    ...common,
    entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
    format: ["esm", "cjs"],
    dts: false,
    sourcemap: true,
    splitting: true,
    treeshake: true
  },
  { ...common, entry: { index: "src/index.ts" }, format: ["esm", "cjs"], dts: { only: true } },
  { ...common, entry: { testing: "src/testing/index.ts" }, format: ["esm", "cjs"], dts: { only: true } }
])
