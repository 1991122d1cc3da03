import { canonicalEventSchema, type CanonicalEvent } from './canonical-event.js';
import { EventError } from './event-errors.js';

/** The stream entry's fields: flat strings, `data` as JSON, an empty tenant for internal-only. */
export function eventFields(
  event: Omit<CanonicalEvent, 'id' | 'replayOf'>,
  replayOf?: string,
): Record<string, string> {
  const fields: Record<string, string> = {
    type: event.type,
    source: event.source,
    subject: event.subject,
    time: event.time,
    tenant: event.tenantPartnerId === null ? '' : String(event.tenantPartnerId),
    data: JSON.stringify(event.data),
  };
  if (replayOf !== undefined) fields.replayOf = replayOf;
  return fields;
}

/** The canonical event stored as entry `id`, validated; a malformed entry throws EVENT_MALFORMED. */
export function eventOfEntry(stream: string, id: string, fields: Record<string, string>): CanonicalEvent {
  try {
    return canonicalEventSchema.parse({
      id,
      type: fields.type,
      source: fields.source,
      subject: fields.subject,
      time: fields.time,
      tenantPartnerId: fields.tenant ? Number(fields.tenant) : null,
      data: JSON.parse(fields.data ?? 'null') as unknown,
      ...(fields.replayOf ? { replayOf: fields.replayOf } : {}),
    });
  } catch (error) {
    throw new EventError('EVENT_MALFORMED', stream, `stream entry ${id} is not a canonical event`, {
      cause: error,
    });
  }
}

/** Fields of a RESP2 entry (`[f1, v1, f2, v2, …]`) as a record. */
export function fieldsOf(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}

/** Whether `cursor` is a stream entry id; `0` counts, as `0-0`. */
export function normaliseCursor(stream: string, cursor: string): string {
  if (cursor === '0') return '0-0';
  if (/^\d+-\d+$/.test(cursor)) return cursor;
  throw new EventError('EVENT_CURSOR_INVALID', stream, `not an event cursor: ${JSON.stringify(cursor)}`);
}

/** Orders two stream entry ids. */
export function compareIds(a: string, b: string): number {
  const [am = '0', as = '0'] = a.split('-');
  const [bm = '0', bs = '0'] = b.split('-');
  const byMs = BigInt(am) - BigInt(bm);
  if (byMs !== 0n) return byMs < 0n ? -1 : 1;
  const bySeq = BigInt(as) - BigInt(bs);
  return bySeq === 0n ? 0 : bySeq < 0n ? -1 : 1;
}

/** XREAD / XREADGROUP's reply over RESP2: each stream's entries, or null when the block timed out. */
export type StreamsReply =
  { name: string; messages: { id: string; message: Record<string, string> }[] }[] | null;
