/**
 * Field-by-field changes for activity tiles: what an address or another flat record looked like
 * before and after.
 *
 * @module
 */

/**
 * One changed field, as the activity details hold it.
 *
 * @category changes
 */
export interface FieldChange {
  /** The field's name. */
  readonly field: string
  /** The value before, if there was one. */
  readonly before?: string
  /** The value after, if there is one. */
  readonly after?: string
}

/**
 * The fields whose values differ between two flat records, in the order of `fields`. Absent
 * records count as having no fields (an addition or a removal).
 *
 * @category changes
 */
export const diffFields = (
  fields: ReadonlyArray<string>,
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined
): ReadonlyArray<FieldChange> => {
  const changes: Array<FieldChange> = []
  for (const field of fields) {
    const old = before?.[field]
    const now = after?.[field]
    if (old === now) continue
    changes.push({
      field,
      ...(old === undefined ? {} : { before: String(old) }),
      ...(now === undefined ? {} : { after: String(now) })
    })
  }
  return changes
}
