/**
 * ShipHero's ISODateTime values come without an offset (`2021-07-24T02:03:01`) and are UTC; ours are
 * ISO 8601 with `Z`. Returns null for null or unparseable input.
 */
export function toUtcIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const date = new Date(hasZone ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
