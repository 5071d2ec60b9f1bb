/**
 * The HTTP API is derived from any catalogue: a host's own catalogue (the built-in one spread with
 * its own declarations) gets an endpoint and an OpenAPI operation per extra member, served like the
 * built-in ones; nested query parameters travel as JSON (issue 14).
 */
import { Effect, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { catalogue } from "../../src/catalogue/Catalogue.ts"
import type { CommandDeclaration, QueryDeclaration } from "../../src/catalogue/Declaration.ts"
import { ActivityGroup } from "../../src/domain/ActivityGroup.ts"
import { CustomerId } from "../../src/domain/Ids.ts"
import { PermissionDenied } from "../../src/domain/Permission.ts"
import { ValidationError } from "../../src/domain/Validation.ts"
import { CustomerNotFound } from "../../src/engine/Errors.ts"
import { CommandOutcome } from "../../src/engine/Pipeline.ts"
import { makeHttpApi } from "../../src/http/HttpApi.ts"
import { openApiDocument } from "../../src/http/OpenApiDocument.ts"
import { queryParameterCodec } from "../../src/http/QueryParameters.ts"
import { request, type RunningServer, startServer } from "../support/httpServer.ts"

const BlockForFraudInput = Schema.Struct({ customerId: CustomerId })

const blockForFraud: CommandDeclaration<"blockForFraud", typeof BlockForFraudInput.Encoded, CommandOutcome> = {
  _tag: "Command",
  name: "blockForFraud",
  description: "Blocks a customer suspected of fraud.",
  permission: "manage-status",
  input: BlockForFraudInput,
  output: CommandOutcome,
  errors: [ValidationError, PermissionDenied, CustomerNotFound],
  idempotent: true,
  readsTimeline: false,
  intents: [],
  invoke: (service, caller, input, options) => service.setStatus(caller, { customerId: input.customerId, to: "blocked", reason: "fraud" }, options)
}

const RecentTypesParameters = Schema.Struct({
  customerId: CustomerId,
  filter: Schema.Struct({ groups: Schema.Array(ActivityGroup), limit: Schema.Int })
})

const recentTypes: QueryDeclaration<"recentTypes", typeof RecentTypesParameters.Encoded, ReadonlyArray<string>> = {
  _tag: "Query",
  name: "recentTypes",
  description: "The types of the newest activities of some groups.",
  permission: "read",
  perCustomer: true,
  parameters: RecentTypesParameters,
  output: Schema.Array(Schema.String),
  errors: [ValidationError, PermissionDenied, CustomerNotFound],
  invoke: (service, caller, { customerId, filter }) =>
    Effect.map(service.timeline(caller, customerId, { limit: filter.limit, groups: filter.groups }), (page) => page.items.map((a) => a.type))
}

const WhoAmIParameters = Schema.Struct({ verbose: Schema.optionalKey(Schema.Boolean) })

const whoAmI: QueryDeclaration<"whoAmI", typeof WhoAmIParameters.Encoded, string> = {
  _tag: "Query",
  name: "whoAmI",
  description: "Who the caller is.",
  permission: "read",
  perCustomer: false,
  parameters: WhoAmIParameters,
  output: Schema.String,
  errors: [],
  invoke: (_service, caller, { verbose }) => Effect.succeed(verbose === true ? `${caller.actor._tag} of ${caller.tenantId}` : caller.actor._tag)
}

const broken: QueryDeclaration<"broken", typeof WhoAmIParameters.Encoded, string> = {
  ...whoAmI,
  name: "broken",
  description: "A query with a bug.",
  invoke: () => Effect.die(new Error("secret internals of the bug"))
}

const hostCatalogue = { ...catalogue, blockForFraud, recentTypes, whoAmI, broken }

let server: RunningServer
beforeAll(async () => {
  server = await startServer(hostCatalogue)
})
afterAll(async () => {
  await server.stop()
})

describe("a host's own catalogue", () => {
  it("has an endpoint and an OpenAPI operation per member, the extra ones included", () => {
    const api = makeHttpApi(hostCatalogue)
    const endpoints = Object.values(api.groups).flatMap((group) => Object.keys(group.endpoints))
    expect(endpoints.sort()).toEqual(Object.keys(hostCatalogue).sort())
    const document = openApiDocument(hostCatalogue)
    expect(document.paths["/commands/blockForFraud"]?.post?.operationId).toBe("blockForFraud")
    expect(document.paths["/customers/{customerId}/recentTypes"]?.get?.summary).toBe("The types of the newest activities of some groups.")
    expect(document.paths["/queries/whoAmI"]?.get?.operationId).toBe("whoAmI")
    expect(openApiDocument().paths["/commands/blockForFraud"]).toBeUndefined()
    const headerNames = (d: ReturnType<typeof openApiDocument>, path: string) =>
      (d.paths[path]?.post?.parameters ?? []).map((p: { readonly name: string }) => p.name)
    expect(headerNames(document, "/commands/blockForFraud")).toEqual(["idempotency-key", "if-match"])
    const once = { ...blockForFraud, name: "blockOnce", idempotent: false }
    expect(headerNames(openApiDocument({ blockOnce: once }), "/commands/blockOnce")).toEqual(["if-match"])
  })

  it("answers a defect with a 500 problem document that tells nothing of it", async () => {
    const response = await request(server, "GET", "/queries/broken")
    expect(response.status).toBe(500)
    expect(response.contentType).toBe("application/problem+json")
    expect(response.body["status"]).toBe(500)
    expect(JSON.stringify(response.body)).not.toContain("secret")
  })

  it("serves the host's command and queries like the built-in ones", async () => {
    const registered = await request(server, "POST", "/commands/register", {
      body: {
        profile: { kind: "private", salutation: "mrs", firstName: "Erika", lastName: "Mustermann", email: "host@example.de", language: "de" },
        registrationSource: "back-office"
      }
    })
    const customerId = registered.body["customerId"] as string
    const blocked = await request(server, "POST", "/commands/blockForFraud", { body: { customerId }, headers: { "if-match": "1" } })
    expect(blocked.status).toBe(200)
    expect(blocked.body["version"]).toBe(2)
    const filter = encodeURIComponent(JSON.stringify({ groups: ["status-and-access"], limit: 5 }))
    const types = await request(server, "GET", `/customers/${customerId}/recentTypes?filter=${filter}`)
    expect(types.status).toBe(200)
    expect(types.body).toEqual(["status.changed"])
    const badFilter = await request(server, "GET", `/customers/${customerId}/recentTypes?filter=${encodeURIComponent("{\"groups\":")}`)
    expect(badFilter.status).toBe(400)
    expect(badFilter.contentType).toBe("application/problem+json")
    const who = await request(server, "GET", "/queries/whoAmI?verbose=true")
    expect(who.status).toBe(200)
    expect(who.body).toBe("supporter of acme")
  })
})

describe("query parameters", () => {
  it("scalars and arrays of scalars travel as strings, anything nested as JSON, customerId in the path", () => {
    const codec = queryParameterCodec(RecentTypesParameters, true)
    expect(codec.path).toBeDefined()
    const decoded = Schema.decodeUnknownSync(codec.query as Schema.Codec<unknown, unknown>)({ filter: "{\"groups\":[\"consent\"],\"limit\":3}" })
    expect(codec.join({ customerId: "c-1" }, decoded)).toEqual({ customerId: "c-1", filter: { groups: ["consent"], limit: 3 } })
    const flat = queryParameterCodec(WhoAmIParameters, false)
    expect(flat.path).toBeUndefined()
    expect(codec.join(undefined, Schema.decodeUnknownSync(Schema.toCodecStringTree(flat.query as Schema.Codec<unknown, unknown>))({ verbose: "true" })))
      .toEqual({ verbose: true })
  })
})
