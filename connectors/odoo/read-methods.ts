/**
 * Methods that only read, so repeating one after a failure cannot change anything in Odoo.
 * Everything else (create, write, unlink, action_confirm...) runs at most once unless the caller
 * vouches that it is idempotent: a write that timed out may still have committed.
 */
export const READ_METHODS: ReadonlySet<string> = new Set([
  'search_read',
  'read',
  'web_search_read',
  'web_read',
  'search_count',
  'search',
  'fields_get',
  'name_search',
  'context_get',
  'version',
]);

/** Whether a failed call of `method` may be retried. */
export function isRetrySafe(method: string, idempotent = false): boolean {
  return idempotent || READ_METHODS.has(method);
}
