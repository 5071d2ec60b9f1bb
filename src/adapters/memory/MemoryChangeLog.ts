/**
 * The change feed of one tenant in the memory store (rules `feed.commit-order`, `feed.erasure`):
 * a log of slots in commit order, each at a position from the tenant's own counter (rule
 * `tenant.private-counters`).
 *
 * The memory store applies a write synchronously, so a write's slots get their positions in the
 * same step that makes the write visible: no reader can see a position before every smaller
 * position is in the log. A slot holds the value as stored now (the store's own frozen activity,
 * shared with its timeline, or a deletion's tombstone); a rewrite swaps the value in place, and a
 * customer's removal empties its slots, so nothing erased stays reachable from the log. Emptied
 * slots are skipped by reads and dropped once they are half of the log.
 *
 * @module
 */

/** One entry of the log: its position, its customer and what it holds now (undefined: taken out). */
interface Slot<A, D> {
  readonly position: number
  readonly customerId: string
  value: { readonly _tag: "Activity"; readonly activity: A } | { readonly _tag: "Deletion"; readonly tombstone: D } | undefined
}

/**
 * An entry as the log hands it out: its position and what it holds.
 *
 * @category models
 */
export type LogEntry<A, D> =
  | { readonly _tag: "Activity"; readonly position: number; readonly activity: A }
  | { readonly _tag: "Deletion"; readonly position: number; readonly tombstone: D }

/**
 * A tenant's change log: activities of type `A` (keyed by customer and id) and deletions holding
 * a `D`.
 *
 * @category models
 */
export interface ChangeLog<A extends { readonly id: string }, D> {
  /** Adds the activities of one commit, in order, each at the next position. */
  readonly append: (customerId: string, activities: ReadonlyArray<A>) => void
  /** Replaces a logged activity by id, at its position; an activity not in the log is ignored. */
  readonly rewrite: (customerId: string, activity: A) => void
  /** Takes the customer's entries out and adds one deletion entry at the next position. */
  readonly remove: (customerId: string, tombstone: D) => void
  /** Up to `limit` entries after `after` (0: from the start), and whether more follow. */
  readonly read: (after: number, limit: number) => { readonly entries: ReadonlyArray<LogEntry<A, D>>; readonly more: boolean }
  /** The highest position handed out so far (0: none). */
  readonly last: () => number
}

/**
 * Makes an empty change log.
 *
 * @category constructors
 */
export const make = <A extends { readonly id: string }, D>(): ChangeLog<A, D> => {
  let slots: Array<Slot<A, D>> = []
  let position = 0
  let empty = 0
  const byCustomer = new Map<string, Map<string, Slot<A, D>>>()

  const push = (slot: Slot<A, D>): void => {
    slots.push(slot)
  }

  const compact = (): void => {
    if (empty * 2 <= slots.length || empty < 64) return
    slots = slots.filter((s) => s.value !== undefined)
    empty = 0
  }

  /** The index of the first slot whose position is above `after`. */
  const firstAfter = (after: number): number => {
    let lo = 0
    let hi = slots.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (slots[mid]!.position <= after) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  return {
    append: (customerId, activities) => {
      if (activities.length === 0) return
      let own = byCustomer.get(customerId)
      if (own === undefined) {
        own = new Map()
        byCustomer.set(customerId, own)
      }
      for (const activity of activities) {
        const slot: Slot<A, D> = { position: ++position, customerId, value: { _tag: "Activity", activity } }
        own.set(activity.id, slot)
        push(slot)
      }
    },
    rewrite: (customerId, activity) => {
      const slot = byCustomer.get(customerId)?.get(activity.id)
      if (slot !== undefined) slot.value = { _tag: "Activity", activity }
    },
    remove: (customerId, tombstone) => {
      const own = byCustomer.get(customerId)
      if (own !== undefined) {
        for (const slot of own.values()) {
          if (slot.value !== undefined) {
            slot.value = undefined
            empty++
          }
        }
        byCustomer.delete(customerId)
      }
      push({ position: ++position, customerId, value: { _tag: "Deletion", tombstone } })
      compact()
    },
    read: (after, limit) => {
      const entries: Array<LogEntry<A, D>> = []
      for (let i = firstAfter(after); i < slots.length; i++) {
        const slot = slots[i]!
        const value = slot.value
        if (value === undefined) continue
        if (entries.length === limit) return { entries, more: true }
        entries.push(
          value._tag === "Activity"
            ? { _tag: "Activity", position: slot.position, activity: value.activity }
            : { _tag: "Deletion", position: slot.position, tombstone: value.tombstone }
        )
      }
      return { entries, more: false }
    },
    last: () => position
  }
}
