/** ShipHero-style ids: base64 of `<Type>:<legacy id>` (e.g. `T3JkZXI6MTQzNDE2NDY3` = `Order:143416467`). */
export function shipHeroId(type: string, legacyId: number): string {
  return Buffer.from(`${type}:${legacyId}`).toString('base64');
}

/** Texts of the instants sent lately: the same orders are read again and again. */
const isoTexts = new Map<number, string>();
const ISO_TEXTS_KEPT = 50_000;

/** ShipHero's ISODateTime as it sends it: UTC without an offset, to the second. */
export function isoDateTime(ms: number): string {
  let text = isoTexts.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString().slice(0, 19);
    if (isoTexts.size >= ISO_TEXTS_KEPT) isoTexts.clear();
    isoTexts.set(ms, text);
  }
  return text;
}

/** An opaque cursor. */
export function encodeCursor(value: string): string {
  return Buffer.from(`cursor:${value}`).toString('base64');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  return text.startsWith('cursor:') ? text.slice('cursor:'.length) : undefined;
}
