#!/usr/bin/env bash
# Checks the package the way a user gets it (issue 10): `npm pack`s the built package, installs
# the tarball into a scratch consumer project in a temporary directory (with effect, @types/node,
# fast-check, vitest and @effect/platform-node, which examples/http-server.ts serves on, at the
# versions this repo uses), and type-checks there, with the repo's
# own tsc, strict, module/moduleResolution nodenext, no `paths`, `skipLibCheck: false`:
#   - every ```ts block of README.md,
#   - every file of examples/ (copied unchanged: they import from "customer-account"),
#   - a CommonJS consumer (a .cts using `import x = require(...)` of the root and a type of
#     customer-account/testing),
# (the examples include examples/promise-http.ts and examples/promise-quick-start.ts, which use
# customer-account/promise), loads the CommonJS entries with `require` once, and runs a plain
# JavaScript consumer of customer-account/promise (promise.mjs: register, read the timeline,
# map a refusal with toProblem) with Node. Any error fails the run.
# The consumer's `lib` includes "DOM": with `skipLibCheck: false`, effect's own declarations
# (effect/crypto) need the Web Crypto types `CryptoKey` and `JsonWebKey`, which @types/node does
# not declare as types; without it every consumer gets 11 errors in effect/dist/crypto/*.d.ts.
# Needs a built dist/ (`npm run build`); run it as `npm run check:consumer` (Node 24 on the PATH).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ -f dist/index.d.ts ] && [ -f dist/index.d.cts ] || { echo "check-consumer: dist/ is not built (npm run build)" >&2; exit 1; }

started=$(date +%s%N)
elapsed() { echo "$(( ($(date +%s%N) - started) / 1000000 )) ms"; }
version() { node -p "require('./node_modules/$1/package.json').version"; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/customer-account-consumer-XXXXXX")"
# CHECK_CONSUMER_KEEP=1 keeps the scratch project (its path is printed) for a closer look.
if [ "${CHECK_CONSUMER_KEEP:-}" = "1" ]; then echo "scratch project kept: $scratch"; else trap 'rm -rf "$scratch"' EXIT; fi

tarball="$(npm pack --silent --pack-destination "$scratch" | tail -n 1)"
echo "packed $tarball ($(elapsed))"

consumer="$scratch/consumer"
mkdir -p "$consumer/readme" "$consumer/examples" "$consumer/cjs"
cat > "$consumer/package.json" <<'JSON'
{ "name": "consumer", "private": true, "type": "module" }
JSON
(
  cd "$consumer"
  npm install --silent --no-audit --no-fund --prefer-offline --ignore-scripts --no-package-lock \
    "$scratch/$tarball" "effect@$(cd "$root" && version effect)" "@types/node@$(cd "$root" && version @types/node)" \
    "fast-check@$(cd "$root" && version fast-check)" "vitest@$(cd "$root" && version vitest)" \
    "@effect/platform-node@$(cd "$root" && version @effect/platform-node)"
)
echo "installed the tarball, effect, @types/node, fast-check, vitest, @effect/platform-node ($(elapsed))"

# README.md: every ```ts block, one file each.
node -e '
  const fs = require("node:fs")
  const blocks = [...fs.readFileSync("README.md", "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1])
  if (blocks.length === 0) throw new Error("README.md has no ts block")
  blocks.forEach((code, i) => fs.writeFileSync(process.argv[1] + "/readme/block-" + (i + 1) + ".ts", code))
  console.log("README.md: " + blocks.length + " ts block(s)")
' "$consumer"
cp examples/*.ts "$consumer/examples/"

cat > "$consumer/cjs/consumer.cts" <<'CTS'
// A CommonJS consumer: `require` of the root entry and of effect, a type of customer-account/testing.
import CustomerAccount = require("customer-account")
import effect = require("effect")
import type { Arbitraries } from "customer-account/testing"

const { Actor, CustomerAccounts, Iban, Ids, Memory } = CustomerAccount

export const caller: CustomerAccount.CustomerAccounts.Caller = {
  tenantId: Ids.TenantId.make("acme"),
  actor: Actor.supporter(Ids.StaffUserId.make("u-1"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register"] }] }
}
export const overview = (customerId: string) =>
  effect.Effect.gen(function*() {
    const accounts = yield* CustomerAccounts.CustomerAccounts
    const result: CustomerAccount.Queries.Overview = yield* accounts.overview(caller, customerId)
    return result
  }).pipe(effect.Effect.provide(Memory.layer()))
export const status: CustomerAccount.Lifecycle.CustomerStatus = CustomerAccount.Lifecycle.CustomerStatus.literals[0]
export const valid: boolean = Iban.isValidIban("DE89370400440532013000")
export type TenantIdArbitrary = typeof Arbitraries.tenantId
CTS

cat > "$consumer/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "ES2023",
    "lib": ["ES2023", "DOM"],
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "types": ["node"],
    "strict": true,
    "skipLibCheck": false,
    "noEmit": true
  },
  "include": ["readme", "examples", "cjs"]
}
JSON

echo "type-checking $(ls "$consumer/readme" "$consumer/examples" "$consumer/cjs" | grep -c '\.c\?ts$') files in $consumer"
if ! "$root/node_modules/.bin/tsc" -p "$consumer/tsconfig.json" --pretty false; then
  echo "check-consumer: the packed package does not type-check for a user ($(elapsed))" >&2
  exit 1
fi
echo "type-check passed ($(elapsed))"

(cd "$consumer" && node -e '
  const m = require("customer-account")
  if (typeof m.Ids.TenantId.make !== "function" || typeof m.Memory.layer !== "function") throw new Error("require(customer-account) lacks Ids/Memory")
  const http = require("customer-account/http")
  if (typeof http.Server.layer !== "function" || typeof http.HttpApi.makeHttpApi !== "function") throw new Error("require(customer-account/http) lacks Server/HttpApi")
  if (require("customer-account/schemas/openapi.json").openapi !== "3.1.0") throw new Error("customer-account/schemas/openapi.json is not OpenAPI 3.1")
')
echo "require(\"customer-account\"), customer-account/http and the OpenAPI document load ($(elapsed))"

# A plain JavaScript user of customer-account/promise: no TypeScript, no Effect in sight.
cat > "$consumer/promise.mjs" <<'MJS'
import { createCustomerAccounts, toProblem } from "customer-account/promise"
const accounts = createCustomerAccounts()
const mia = { tenantId: "acme", actor: { _tag: "supporter", userId: "u-7", displayName: "Mia" },
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register"] }] } }
const { customerId } = await accounts.register(mia, { registrationSource: "back-office",
  profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" } })
const { items } = await accounts.timeline(mia, { customerId, limit: 20 })
if (items.length !== 1 || new Date(items[0].at).toISOString() !== items[0].at) throw new Error("timeline is not plain JSON")
const refused = await accounts.overview(mia, { customerId: "customer-unknown" }).catch((error) => toProblem(error))
if (refused.status !== 404 || refused.tag !== "CustomerNotFound") throw new Error("no 404 problem: " + JSON.stringify(refused))
await accounts.dispose()
MJS
(cd "$consumer" && node promise.mjs && node -e '
  const p = require("customer-account/promise")
  if (typeof p.createCustomerAccounts !== "function" || p.statusOf("CustomerNotFound") !== 404) throw new Error("require(customer-account/promise) is wrong")
')
echo "customer-account/promise runs from plain JavaScript (ESM) and loads with require ($(elapsed))"
echo "check-consumer: passed in $(elapsed)"
