/**
 * Deep freezing with structural sharing, for the SDK's own store adapters: the values a store
 * keeps and hands out are immutable and shared (the port's contract), so a store freezes what it
 * is handed or decodes instead of copying it, and freezes only what is new.
 *
 * @module
 */
import { DateTime } from "effect"

/**
 * Freezes a value deeply, in place, and returns it. Plain objects, arrays and class instances are
 * frozen with everything they hold; `DateTime` values are left as they are (immutable by their
 * API, and they cache their parts in themselves), and so are objects with internal slots (maps,
 * sets, dates, typed arrays), which `Object.freeze` cannot make immutable: no stored domain value
 * holds any. A frozen object is taken as frozen all the way down and not visited again: the parts
 * a new version shares with a stored one were frozen by an earlier call, so a save costs only what
 * is new (structural sharing). Nothing is kept to remember what was frozen (a `WeakSet` of every
 * stored object would cost more heap than the objects' own fields); the price is that an object
 * someone else froze shallowly is trusted as it is.
 *
 * @category freezing
 */
export const freezeDeep = <A>(value: A): A => {
  if (typeof value === "object" && value !== null) visit(value)
  return value
}

/** Objects left as they are: immutable by their API, or with internal slots a freeze does not reach. */
const isOpaque = (value: object): boolean =>
  DateTime.isDateTime(value) || value instanceof Map || value instanceof Set || value instanceof Date ||
  ArrayBuffer.isView(value) || value instanceof ArrayBuffer

const visit = (value: object): void => {
  if (Object.isFrozen(value)) return
  const isArray = Array.isArray(value)
  if (!isArray && Object.getPrototypeOf(value) !== Object.prototype && isOpaque(value)) return
  // Frozen before its children are visited, so a cycle ends here.
  Object.freeze(value)
  if (isArray) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (typeof item === "object" && item !== null) visit(item)
    }
  } else {
    for (const key of Object.keys(value)) {
      const field: unknown = (value as Record<string, unknown>)[key]
      if (typeof field === "object" && field !== null) visit(field)
    }
  }
}
