/**
 * Opaque, stable ids: the type name and the source system's row id, base64url-encoded. Clients treat
 * them as opaque; business keys (SKU, order number...) are separate fields. Stable because Odoo row ids
 * never change, unlike names and references.
 */
export function toGlobalId(typename: string, rowId: number): string {
  return Buffer.from(`${typename}:${rowId}`, 'utf8').toString('base64url');
}

/** The row id inside a global id of `typename`, or null when the id is not one. */
export function fromGlobalId(typename: string, id: string): number | null {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const [type, raw] = decoded.split(':');
  if (type !== typename || raw === undefined || !/^[1-9]\d{0,15}$/.test(raw)) return null;
  return Number(raw);
}

/** An opaque id for an entity whose source key is a string (a tracking number, a WMS order id). */
export function toKeyedGlobalId(typename: string, key: string): string {
  return Buffer.from(`${typename}:${key}`, 'utf8').toString('base64url');
}
