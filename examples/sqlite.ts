/**
 * The engine on SQLite, embedded in the process: register a customer, stop, reopen the same file
 * and find the same account, its files and its timeline. Run with `node examples/sqlite.ts` after
 * `npm run build`. See docs/sql.md.
 */
import { Effect, Layer } from "effect"
import { Actor, CustomerAccounts, FileStore, Ids, MemoryHost } from "customer-account"
import { Sqlite } from "customer-account/sqlite"
import { rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const filename = join(tmpdir(), `customer-account-example-${process.pid}.db`)

// The SQL stores (accounts, customer numbers, files, outbox) replace the memory ones; the other
// host ports stay in memory here. The file is migrated when the layer is built.
const engine = () =>
  CustomerAccounts.layer().pipe(Layer.provideMerge(Layer.mergeAll(MemoryHost.layer, Sqlite.layer({ filename }))))

const mia: CustomerAccounts.Caller = {
  tenantId: Ids.TenantId.make("acme"),
  actor: Actor.supporter(Ids.StaffUserId.make("u-7"), "Mia Support"),
  grants: { supporterRoles: [{ name: "support", permissions: ["read", "register", "edit", "manage-status", "add-note"] }] }
}

/** A minimal PDF: header, one object, the cross-reference table, trailer, startxref (the table's offset), %%EOF. */
const minimalPdf = (): Uint8Array => {
  const body = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
  return new TextEncoder().encode(
    `${body}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 >>\nstartxref\n${body.length}\n%%EOF\n`
  )
}

const first = Effect.gen(function*() {
  const accounts = yield* CustomerAccounts.CustomerAccounts
  const { customerId } = yield* accounts.register(mia, {
    profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "erika@example.de", language: "de" },
    registrationSource: "back-office"
  })
  yield* accounts.setStatus(mia, { customerId, to: "blocked", reason: "chargeback" })
  yield* accounts.addNote(mia, {
    customerId,
    text: "Customer called about the chargeback.",
    files: [{ name: "letter.pdf", bytes: minimalPdf() }]
  })
  console.log("first run: registered", customerId)
  return customerId
})

const second = (customerId: string) =>
  Effect.gen(function*() {
    const accounts = yield* CustomerAccounts.CustomerAccounts
    const overview = yield* accounts.overview(mia, customerId)
    console.log(`second run: ${overview.displayName} (${overview.account.customerNumber}): ${overview.account.lifecycle.status}, version ${overview.account.version}`)
    const page = yield* accounts.timeline(mia, customerId, { limit: 10 })
    for (const activity of page.items) console.log("  ", activity.type, "·", activity.summary)
    const found = yield* accounts.search(mia, { text: "muster", limit: 10 })
    console.log("  search 'muster':", found.items.map((row) => row.customerNumber).join(", "))
    // The note's file bytes are in the database file too.
    const files = yield* (yield* FileStore.FileStore).list(mia.tenantId, Ids.CustomerId.make(customerId))
    console.log("  stored files:", files.length)
    if (overview.account.lifecycle.status !== "blocked" || page.items.length < 3 || files.length !== 1) {
      throw new Error("the reopened file lost data")
    }
  })

try {
  const customerId = await Effect.runPromise(first.pipe(Effect.provide(engine())))
  // The layer's scope has ended: the database is closed. Open the same file again.
  await Effect.runPromise(second(customerId).pipe(Effect.provide(engine())))
} finally {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${filename}${suffix}`, { force: true })
}
