/**
 * The change feed query (SPEC section 12, rules `feed.commit-order`, `feed.erasure`): a page of
 * the caller's tenant's changes, in commit order, after a position the caller keeps.
 *
 * A reader (a webhook relay, a search indexer, a warehouse loader) keeps its own checkpoint: the
 * `position` of the last page it has handled. It reads the page after it, handles its entries,
 * stores the page's `position`, and reads again, at once while `more` is true and after a pause
 * otherwise. Delivery downstream is at least once: a reader that crashes between handling a page
 * and storing its position reads the page again, so the receiver deduplicates by the entry's
 * `position` (or the activity's id). See `examples/change-feed.ts`.
 *
 * Needs the `read-changes` permission: the feed holds every customer's activities, so it is a
 * permission of its own, for the process that relays them, not part of `read`. A customer never
 * reads it.
 *
 * @module
 */
import { Effect, Result } from "effect"
import { authorize } from "../domain/Permission.ts"
import { decode } from "../domain/Validation.ts"
import { AccountStore, ChangesQuery } from "../ports/AccountStore.ts"
import type { Caller } from "./Caller.ts"

const decodeQuery = decode(ChangesQuery, "ChangesQuery")

/**
 * A page of the caller's tenant's change feed: `{ after?, limit }` (rules `feed.commit-order`,
 * `feed.erasure`). Fails with `ValidationError` for a malformed query, `PermissionDenied` without
 * the `read-changes` permission and `InvalidCursor` for a position the store did not hand out.
 *
 * @category queries
 */
export const changes = Effect.fn("CustomerAccounts.changes")(
  function*(caller: Caller, query: typeof ChangesQuery.Encoded) {
    const decoded = decodeQuery(query)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const allowed = authorize({ actor: caller.actor, grants: caller.grants ?? {}, command: "read-changes" })
    if (Result.isFailure(allowed)) return yield* allowed.failure
    return yield* (yield* AccountStore).changes(caller.tenantId, decoded.success)
  }
)
