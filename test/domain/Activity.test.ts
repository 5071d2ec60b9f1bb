import { DateTime, Result, Schema, SchemaAST } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as A from "../../src/domain/Activity.ts"
import { activityGroups, groupLabel } from "../../src/domain/ActivityGroup.ts"
import * as T from "../../src/domain/ActivityType.ts"
import {
  AccessRightId,
  ActivityId,
  AddressId,
  BankAccountId,
  CustomerId,
  CustomerNumber,
  DepartmentId,
  FileId,
  InvitationId,
  MetaTeamId,
  ModuleId,
  ProductId,
  TeamId,
  TenantId
} from "../../src/domain/Ids.ts"
import { personalStrings } from "../../src/domain/PersonalData.ts"
import { ValidationError } from "../../src/domain/Validation.ts"
import { at, supporter } from "../support/arbitraries.ts"
import { runs } from "../support/properties.ts"

// SPEC section 6's list of types, written out independently of the code under test: each entry
// names the type id the SDK uses for it.
const specTypes: ReadonlyArray<readonly [string, string]> = [
  ["customer registered", "customer.registered"],
  ["customer data changed", "customer-data.changed"],
  ["billing address added", "billing-address.added"],
  ["billing address changed", "billing-address.changed"],
  ["billing address removed", "billing-address.removed"],
  ["delivery address added", "delivery-address.added"],
  ["delivery address changed", "delivery-address.changed"],
  ["delivery address removed", "delivery-address.removed"],
  ["status changed", "status.changed"],
  ["access blocked", "access.blocked"],
  ["access unblocked", "access.unblocked"],
  ["consent changed", "consent.changed"],
  ["note", "note"],
  ["hint", "hint"],
  ["file attached", "file.attached"],
  ["access right added", "access-right.added"],
  ["access right removed", "access-right.removed"],
  ["bank account added", "bank-account.added"],
  ["bank account removed", "bank-account.removed"],
  ["goodwill granted", "goodwill.granted"],
  ["password reset requested", "password-reset.requested"],
  ["two-factor disabled", "two-factor.disabled"],
  ["data exported", "data.exported"],
  ["customer anonymized", "customer.anonymized"],
  ["order created (checkout)", "order.created"],
  ["additional data changed", "additional-data.changed"],
  ["subscription created (host)", "subscription.created"],
  ["invoice created (host)", "invoice.created"],
  ["payment (host)", "payment"],
  ["mail sent (host)", "mail.sent"]
]
const hostRecorded = ["subscription.created", "invoice.created", "invoice.corrected", "payment", "mail.sent"]

// The SPEC's nine groups, written out independently.
const specGroups = [
  "customer-data",
  "addresses",
  "status-and-access",
  "consent",
  "notes-and-communication",
  "orders",
  "invoices-and-payments",
  "subscriptions",
  "access-rights"
]

const registry = T.makeRegistry()

const address = { addressId: AddressId.make("adr-1"), changes: [{ field: "street", after: "Hauptstr." }] }
const accessRight = {
  accessRightId: AccessRightId.make("ar-1"),
  productId: ProductId.make("p-1"),
  validFrom: DateTime.makeUnsafe("2026-01-01T00:00:00Z")
}
const bank = { bankAccountId: BankAccountId.make("ba-1"), maskedIban: "DE89 **** **** **** **30 00" }

// One valid details value per built-in type (the mapped type makes a missing type a compile error).
const samples: { readonly [K in T.BuiltinActivityType]: T.BuiltinDetails<K> } = {
  "customer.registered": { source: "checkout", customerNumber: CustomerNumber.make("10001") },
  "customer-data.changed": { changes: [{ field: "lastName", before: "Muster", after: "Meier" }] },
  "additional-data.changed": { changes: [{ field: "shoe-size", after: 42 }] },
  "data.exported": { format: "json" },
  "billing-address.added": address,
  "billing-address.changed": address,
  "billing-address.removed": address,
  "delivery-address.added": address,
  "delivery-address.changed": address,
  "delivery-address.removed": address,
  "status.changed": { from: "active", to: "blocked", reason: "fraud suspicion" },
  "access.blocked": { reason: "chargeback" },
  "access.unblocked": {},
  "password-reset.requested": { delivery: "outbox" },
  "password-reset.completed": {},
  "two-factor.disabled": {},
  "customer.anonymized": {},
  "consent.changed": { channel: "email", from: "singleOptIn", to: "doubleOptIn", source: "newsletter", textVersion: "v3" },
  note: { text: "Called about the late delivery", fileIds: [FileId.make("f-1")] },
  hint: { text: "Prefers phone calls", fileIds: [] },
  "file.attached": { fileId: FileId.make("f-1"), name: "letter.pdf", mediaType: "application/pdf", size: 1234 },
  "mail.sent": { mailId: "m-1", template: "welcome", subject: "Welcome, Erika" },
  "order.created": { orderId: "o-1", total: { amount: 1999, currency: "EUR" } },
  "bank-account.added": bank,
  "bank-account.removed": bank,
  "invoice.created": { invoiceId: "inv-1", amount: { amount: 1999, currency: "EUR" } },
  "invoice.corrected": { invoiceId: "inv-1", amount: { amount: -500, currency: "EUR" } },
  payment: { paymentId: "pay-1", amount: { amount: 1999, currency: "EUR" }, status: "received" },
  "subscription.created": { subscriptionId: "sub-1", productId: ProductId.make("p-1") },
  "goodwill.granted": { kind: "free-issues", subscriptionId: "sub-1", issues: 3, reason: "late delivery" },
  "access-right.added": accessRight,
  "access-right.removed": accessRight,
  "department.added": { departmentId: DepartmentId.make("d-1"), kind: "branch", name: "Köln" },
  "department.renamed": { departmentId: DepartmentId.make("d-1"), kind: "branch", before: "Köln", after: "Köln-Süd" },
  "department.moved": { departmentId: DepartmentId.make("d-2"), kind: "department", name: "Service", toParentId: DepartmentId.make("d-1") },
  "department.removed": { departmentId: DepartmentId.make("d-2"), kind: "department", name: "Service", parentId: DepartmentId.make("d-1") },
  "service-modules.switched": { changes: [{ moduleId: ModuleId.make("video"), before: "default", after: "on" }] },
  "notification-settings.changed": {
    notifyAboutDevices: { before: false, after: true },
    recipientsBefore: [],
    recipientsAfter: ["ops@example.de"],
    recipientCount: { before: 0, after: 1 }
  },
  "team-mapping.set": { metaTeamId: MetaTeamId.make("support"), teamId: TeamId.make("north"), previousTeamId: TeamId.make("central") },
  "team-mapping.removed": { metaTeamId: MetaTeamId.make("support"), teamId: TeamId.make("north"), departmentId: DepartmentId.make("d-1") },
  "invitation.sent": {
    invitationId: InvitationId.make("invitation-1"),
    name: "Jonas Weber",
    email: "jonas@example.de",
    language: "de",
    role: "member",
    departmentIds: [DepartmentId.make("d-1")],
    expiresAt: DateTime.makeUnsafe("2026-12-07T10:00:00.000Z")
  },
  "invitation.resent": { invitationId: InvitationId.make("invitation-1"), expiresAt: DateTime.makeUnsafe("2026-12-07T10:00:00.000Z") },
  "invitation.accepted": { invitationId: InvitationId.make("invitation-1") },
  "invitation.revoked": { invitationId: InvitationId.make("invitation-1") }
}

const hostType: T.ActivityTypeDefinition = {
  type: "acme.ticket-opened",
  group: "notes-and-communication",
  details: Schema.Struct({ ticketId: Schema.String, title: Schema.optionalKey(Schema.String) }),
  recordedBy: "host",
  label: "Ticket opened"
}

/** Every property name in a Schema's encoded AST. */
const propertyNames = (schema: Schema.Top): ReadonlyArray<string> => {
  const names: Array<string> = []
  const seen = new Set<SchemaAST.AST>()
  const visit = (ast: SchemaAST.AST): void => {
    if (seen.has(ast)) return
    seen.add(ast)
    switch (ast._tag) {
      case "Objects":
        for (const ps of ast.propertySignatures) {
          names.push(String(ps.name))
          visit(ps.type)
        }
        for (const is of ast.indexSignatures) visit(is.type)
        break
      case "Arrays":
        ast.elements.forEach(visit)
        ast.rest.forEach(visit)
        break
      case "Union":
        ast.types.forEach(visit)
        break
      case "Suspend":
        visit(ast.thunk())
        break
      default:
        break
    }
  }
  visit(SchemaAST.toEncoded(schema.ast))
  return names
}
const secretLike = /password|passwd|otp|token|secret|code|pin|credential/i

const failureOf = <A, E>(result: Result.Result<A, E>): E => {
  if (Result.isSuccess(result)) throw new Error("expected a failure")
  return result.failure
}
const successOf = <A, E>(result: Result.Result<A, E>): A => {
  if (Result.isFailure(result)) throw new Error(`expected a success: ${String(result.failure)}`)
  return result.success
}

const baseInput = {
  id: ActivityId.make("act-1"),
  tenantId: TenantId.make("t-1"),
  customerId: CustomerId.make("c-1"),
  at,
  actor: supporter,
  summary: "Something happened"
}

describe("Activity types", () => {
  it("activity.type-has-group: every built-in type has exactly one group, a details Schema and a valid id", () => {
    const ids = T.builtinActivityTypes.map((d) => d.type)
    expect(new Set(ids).size).toBe(ids.length)
    for (const definition of T.builtinActivityTypes) {
      expect(specGroups, definition.type).toContain(definition.group)
      expect(typeof definition.group, definition.type).toBe("string")
      expect(Schema.isSchema(definition.details), definition.type).toBe(true)
      expect(Schema.is(T.ActivityTypeId)(definition.type), definition.type).toBe(true)
      expect(definition.label.length, definition.type).toBeGreaterThan(0)
      expect(T.groupOf(registry, definition.type)).toBe(definition.group)
    }
  })

  it("activity.type-has-group: the groups are the SPEC's nine, each with a label and at least one type", () => {
    expect([...activityGroups].sort()).toEqual([...specGroups].sort())
    for (const group of activityGroups) {
      expect(groupLabel(group).length).toBeGreaterThan(0)
      expect(T.typesInGroup(registry, group).length, group).toBeGreaterThan(0)
      for (const d of T.typesInGroup(registry, group)) expect(d.group).toBe(group)
    }
    const total = activityGroups.reduce((n, g) => n + T.typesInGroup(registry, g).length, 0)
    expect(total).toBe(T.builtinActivityTypes.length)
  })

  for (const [name, type] of specTypes) {
    it(`activity.type-has-group: the SPEC's type "${name}" is built in as ${type}`, () => {
      const definition = T.lookup(registry, type)
      expect(definition).toBeDefined()
      expect(definition?.recordedBy).toBe(hostRecorded.includes(type) ? "host" : "sdk")
    })
  }

  it("activity.type-has-group: invoice corrections exist as a host-recorded type", () => {
    expect(T.lookup(registry, "invoice.corrected")?.recordedBy).toBe("host")
    expect(T.groupOf(registry, "invoice.corrected")).toBe("invoices-and-payments")
  })

  it("activity.type-has-group: the sample details of every built-in type decode", () => {
    for (const type of T.builtinActivityTypeIds) {
      const encoded = successOf(T.encodeDetails(registry, type, samples[type]))
      expect(Result.isSuccess(T.decodeDetails(registry, type, encoded)), type).toBe(true)
      expect(JSON.parse(JSON.stringify(encoded))).toEqual(encoded)
    }
  })

  it("activity.type-has-group: no details Schema has a field named like a secret (password, otp, token, secret, code)", () => {
    // The walker finds such a name when there is one.
    expect(propertyNames(Schema.Struct({ a: Schema.Struct({ oneTimePassword: Schema.String }) }))).toContain(
      "oneTimePassword"
    )
    for (const definition of T.builtinActivityTypes) {
      const names = propertyNames(definition.details)
      expect(names.filter((n) => secretLike.test(n)), definition.type).toEqual([])
    }
  })
})

describe("Activity type registry", () => {
  it("activity.host-types-registered: a host type is registered once, and the registry is immutable", () => {
    const next = successOf(T.register(registry, hostType))
    expect(T.lookup(next, "acme.ticket-opened")).toBe(hostType)
    expect(T.groupOf(next, "acme.ticket-opened")).toBe("notes-and-communication")
    expect(T.typesInGroup(next, "notes-and-communication").map((d) => d.type)).toContain("acme.ticket-opened")
    expect(T.lookup(registry, "acme.ticket-opened")).toBeUndefined()
    expect(successOf(T.decodeDetails(next, "acme.ticket-opened", { ticketId: "42" }))).toEqual({ ticketId: "42" })

    const again = failureOf(T.register(next, { ...hostType, label: "Another" }))
    expect(again).toMatchObject({ _tag: "ActivityTypeRejected", rule: "activity.host-types-registered", type: "acme.ticket-opened" })
    expect(again.message).toContain("already registered")
    expect(T.lookup(next, "acme.ticket-opened")?.label).toBe("Ticket opened")
  })

  it("activity.host-types-registered: no built-in type can be replaced", () => {
    for (const type of T.builtinActivityTypeIds) {
      const rejected = failureOf(
        T.register(registry, { type, group: "orders", details: Schema.Struct({}), recordedBy: "host", label: "Mine" })
      )
      expect(rejected).toMatchObject({ rule: "activity.host-types-registered", type })
      expect(rejected.message).toContain("built-in")
      expect(T.lookup(registry, type)?.label).not.toBe("Mine")
    }
    // Not even into a registry that lacks it.
    expect(Result.isFailure(T.register(T.makeRegistry([]), { ...hostType, type: "note" }))).toBe(true)
  })

  it("activity.host-types-registered: a bad id, an sdk-recorded or unlabelled host type is refused", () => {
    for (const type of ["Acme.Ticket", "acme..x", "acme ticket", "", ".x", "x".repeat(65)]) {
      expect(failureOf(T.register(registry, { ...hostType, type })).rule, type).toBe("activity.host-types-registered")
    }
    expect(failureOf(T.register(registry, { ...hostType, recordedBy: "sdk" })).rule).toBe("activity.host-types-registered")
    expect(failureOf(T.register(registry, { ...hostType, label: "" })).rule).toBe("activity.host-types-registered")
  })

  it("activity.type-has-group: a host type without a valid group or without a Schema is refused", () => {
    expect(failureOf(T.register(registry, { ...hostType, group: "tickets" as never })).rule).toBe("activity.type-has-group")
    expect(failureOf(T.register(registry, { ...hostType, details: {} as never })).rule).toBe("activity.type-has-group")
  })

  it("activity.host-types-registered: registerAll stops at the first refusal", () => {
    const both = successOf(T.registerAll(registry, [hostType, { ...hostType, type: "acme.ticket-closed" }]))
    expect(T.lookup(both, "acme.ticket-closed")).toBeDefined()
    const refused = failureOf(T.registerAll(registry, [hostType, hostType]))
    expect(refused.type).toBe("acme.ticket-opened")
  })

  it("activity.host-types-registered: details are checked against the type's Schema, naming type and path", () => {
    const cases: ReadonlyArray<readonly [string, unknown, string]> = [
      ["consent.changed", { channel: "fax", from: "none", to: "singleOptIn" }, "channel"],
      ["note", { text: "", fileIds: [] }, "text"],
      ["note", { text: "x".repeat(5001), fileIds: [] }, "text"],
      ["note", { text: "hi", fileIds: ["not valid!"] }, "fileIds.0"],
      ["customer-data.changed", { changes: [{ before: 1 }] }, "changes.0.field"],
      ["customer-data.changed", { changes: [] }, "changes"],
      ["order.created", { orderId: "o-1", total: { amount: 1.5, currency: "EUR" } }, "total.amount"],
      ["order.created", { orderId: "o-1", total: { amount: 1, currency: "euro" } }, "total.currency"],
      ["bank-account.added", { bankAccountId: "b-1", maskedIban: "DE89370400440532013000" }, "maskedIban"],
      ["goodwill.granted", { kind: "free-issues", subscriptionId: "s-1", issues: 101 }, "issues"],
      ["password-reset.requested", { delivery: "outbox", oneTimePassword: "123456" }, "oneTimePassword"],
      ["status.changed", { from: "active", to: "gone" }, "to"],
      ["two-factor.disabled", { token: "123456" }, ""],
      ["two-factor.disabled", [], ""],
      ["two-factor.disabled", 1, ""],
      ["customer.anonymized", { secret: "x" }, ""],
      ["access.unblocked", [], ""]
    ]
    for (const [type, details, path] of cases) {
      const error = failureOf(T.decodeDetails(registry, type, details))
      expect(error, type).toBeInstanceOf(ValidationError)
      if (error._tag !== "ValidationError") continue
      expect(error.subject).toBe(`${type} details`)
      expect(error.issues.map((i) => i.path), `${type} ${JSON.stringify(details)}`).toContain(path)
    }
    const unknown = failureOf(T.decodeDetails(registry, "acme.unknown", {}))
    expect(unknown).toMatchObject({ _tag: "ActivityTypeRejected", rule: "activity.host-types-registered", type: "acme.unknown" })
  })

  it("activity.host-types-registered: decodeDetails never throws, whatever JSON it is given, for every type", () => {
    const withHost = successOf(T.register(registry, hostType))
    const types = [...withHost.types.keys(), "acme.unknown"]
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.jsonValue(), (type, json) => {
        const result = T.decodeDetails(withHost, type, json)
        expect(Result.isSuccess(result) || Result.isFailure(result)).toBe(true)
      }),
      { numRuns: runs(500) }
    )
  })

  it("activity.host-types-registered: a host Schema that does not encode to JSON is refused when encoding", () => {
    const withBig = successOf(
      T.register(registry, { ...hostType, type: "acme.big", details: Schema.Struct({ n: Schema.BigInt }) })
    )
    expect(failureOf(T.encodeDetails(withBig, "acme.big", { n: 1n }))).toMatchObject({
      _tag: "ActivityTypeRejected",
      rule: "activity.host-types-registered"
    })
  })
})

// Distinctive strings that appear nowhere else in a details value.
const marker = fc.stringMatching(/^[a-z]{6,12}$/).map((s) => `PII-${s}`)

describe("Redaction of details", () => {
  it("customer.personal-data-marked: redaction erases every personal string of every marked details field", () => {
    fc.assert(
      fc.property(
        fc.record({
          text: marker,
          before: marker,
          after: marker,
          nested: marker,
          fileName: marker,
          subject: marker,
          reason: marker,
          iban: fc.stringMatching(/^[A-Z0-9]{4}$/)
        }),
        (m) => {
          const cases: ReadonlyArray<readonly [string, unknown, ReadonlyArray<string>]> = [
            ["note", { text: m.text, fileIds: [FileId.make("f-9")] }, [m.text]],
            ["hint", { text: m.text, fileIds: [] }, [m.text]],
            [
              "customer-data.changed",
              { changes: [{ field: "lastName", before: m.before, after: { deep: [m.nested, m.after] } }] },
              [m.before, m.after, m.nested]
            ],
            ["billing-address.changed", { addressId: AddressId.make("a-1"), changes: [{ field: "street", before: m.before, after: m.after }] }, [m.before, m.after]],
            ["additional-data.changed", { changes: [{ field: "shoe-size", after: m.after }] }, [m.after]],
            ["file.attached", { fileId: FileId.make("f-1"), name: m.fileName, mediaType: "image/png", size: 10 }, [m.fileName]],
            ["mail.sent", { template: "welcome", subject: m.subject }, [m.subject]],
            ["status.changed", { from: "active", to: "blocked", reason: m.reason }, [m.reason]],
            ["access.blocked", { reason: m.reason }, [m.reason]],
            ["goodwill.granted", { kind: "free-redelivery", issueNames: ["2026-11"], reason: m.reason }, [m.reason]],
            ["bank-account.added", { bankAccountId: BankAccountId.make("b-1"), maskedIban: `DE89 **** **** **** **${m.iban}` }, [`**${m.iban}`]]
          ]
          for (const [type, input, secrets] of cases) {
            const details = successOf(T.decodeDetails(registry, type, input))
            const schema = T.lookup(registry, type)!.details
            expect(personalStrings(schema, details).length, type).toBeGreaterThan(0)
            const redacted = successOf(T.redactDetails(registry, type, details))
            expect(personalStrings(schema, redacted).filter((s) => secrets.some((x) => s.includes(x))), type).toEqual([])
            const stored = JSON.stringify(successOf(T.encodeDetails(registry, type, redacted)))
            for (const secret of secrets) expect(stored, type).not.toContain(secret)
            // Still valid details of the same type, and running it again changes nothing.
            expect(Result.isSuccess(T.decodeDetails(registry, type, JSON.parse(stored))), type).toBe(true)
            expect(successOf(T.redactDetails(registry, type, redacted))).toEqual(redacted)
          }
        }
      ),
      { numRuns: runs(50) }
    )
  })

  it("customer.personal-data-marked: redaction keeps the non-personal values (ids, field names, statuses)", () => {
    const redacted = successOf(
      T.redactDetails(registry, "customer-data.changed", { changes: [{ field: "lastName", before: "Muster", after: "Meier" }] })
    )
    expect(redacted).toEqual({ changes: [{ field: "lastName" }] })
    expect(successOf(T.redactDetails(registry, "note", samples.note))).toEqual({ text: "[erased]", fileIds: ["f-1"] })
    expect(successOf(T.redactDetails(registry, "file.attached", samples["file.attached"]))).toMatchObject({
      name: "file",
      mediaType: "application/pdf",
      size: 1234
    })
    expect(successOf(T.redactDetails(registry, "status.changed", samples["status.changed"]))).toEqual({
      from: "active",
      to: "blocked"
    })
    expect(failureOf(T.redactDetails(registry, "acme.unknown", {}))._tag).toBe("ActivityTypeRejected")
  })
})

describe("Activity", () => {
  it("activity.type-has-group: makeActivity sets the group from the type, for every built-in type", () => {
    for (const type of T.builtinActivityTypeIds) {
      const activity = successOf(A.makeActivity(registry, { ...baseInput, type, details: samples[type] }))
      expect(activity.group, type).toBe(T.groupOf(registry, type))
      expect(activity.type).toBe(type)
      expect(successOf(A.activityDetails(registry, activity))).toEqual(samples[type])
    }
    // A group smuggled into the input is ignored.
    const smuggled = { ...baseInput, type: "note", details: samples.note, group: "orders" } as A.ActivityInput<"note">
    expect(successOf(A.makeActivity(registry, smuggled)).group).toBe("notes-and-communication")
  })

  it("activity.type-has-group: a stored activity whose group disagrees with its type is refused", () => {
    const activity = successOf(A.makeActivity(registry, { ...baseInput, type: "note", details: samples.note }))
    const tampered = new A.Activity({ ...activity, group: "orders" })
    expect(failureOf(A.activityDetails(registry, tampered))).toMatchObject({ rule: "activity.type-has-group", type: "note" })
  })

  it("activity.host-types-registered: makeActivity refuses unknown types, bad details and bad summaries", () => {
    expect(failureOf(A.makeActivity(registry, { ...baseInput, type: "acme.unknown", details: {} }))._tag).toBe(
      "ActivityTypeRejected"
    )
    const badDetails = failureOf(A.makeActivity(registry, { ...baseInput, type: "note", details: { text: "", fileIds: [] } }))
    expect(badDetails._tag).toBe("ValidationError")
    if (badDetails._tag === "ValidationError") expect(badDetails.issues.map((i) => i.path)).toContain("text")
    for (const summary of ["", "x".repeat(301)]) {
      const bad = failureOf(A.makeActivity(registry, { ...baseInput, summary, type: "note", details: samples.note }))
      expect(bad._tag).toBe("ValidationError")
      if (bad._tag === "ValidationError") expect(bad.issues.map((i) => i.path)).toContain("summary")
    }
    const extra = { ...samples["two-factor.disabled"], token: "123456" }
    expect(failureOf(A.makeActivity(registry, { ...baseInput, type: "two-factor.disabled", details: extra }))._tag).toBe(
      "ValidationError"
    )
  })

  it("activity.host-types-registered: an activity round-trips through JSON storage with its details", () => {
    const withHost = successOf(T.register(registry, hostType))
    for (const [type, details] of [
      ["access-right.added", samples["access-right.added"]],
      ["acme.ticket-opened", { ticketId: "42", title: "Broken" }]
    ] as const) {
      const activity = successOf(A.makeActivity(withHost, { ...baseInput, type, details }))
      const json = JSON.parse(JSON.stringify(Schema.encodeUnknownSync(A.Activity)(activity)))
      const back = Schema.decodeUnknownSync(A.Activity)(json)
      expect(back.details).toEqual(activity.details)
      expect(successOf(A.activityDetails(withHost, back))).toEqual(details)
    }
    const stored = successOf(A.makeActivity(registry, { ...baseInput, type: "access-right.added", details: accessRight }))
    expect(stored.details).toMatchObject({ validFrom: "2026-01-01T00:00:00.000Z" })
  })

  it("customer.personal-data-marked: redactActivity erases the details' personal data and keeps the rest", () => {
    const activity = successOf(
      A.makeActivity(registry, {
        ...baseInput,
        type: "customer-data.changed",
        summary: "Customer data changed: lastName",
        details: { changes: [{ field: "lastName", before: "Mustermann", after: "Meier" }] }
      })
    )
    const redacted = successOf(A.redactActivity(registry, activity))
    expect(JSON.stringify(Schema.encodeUnknownSync(A.Activity)(redacted))).not.toMatch(/Mustermann|Meier/)
    expect(redacted.summary).toBe(activity.summary)
    expect(redacted.details).toEqual({ changes: [{ field: "lastName" }] })
    expect(successOf(A.redactActivity(registry, redacted))).toEqual(redacted)
  })
})
