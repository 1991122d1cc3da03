import { z } from 'zod';
import { streamIdSchema } from '../events/canonical-event.js';

/** Most event ids one replay may name. */
export const MAX_REPLAY_EVENT_IDS = 100;
/** Most events one replay by time range may re-send; a wider range is refused (narrow it). */
export const MAX_REPLAY_EVENTS = 10_000;

/** A replay: either some event ids, or a time range (`to` defaults to now). */
export const replayRequestSchema = z
  .strictObject({
    eventIds: z.array(streamIdSchema).min(1).max(MAX_REPLAY_EVENT_IDS).optional(),
    from: z.date().optional(),
    to: z.date().optional(),
  })
  .refine((r) => (r.eventIds === undefined) !== (r.from === undefined), {
    message: 'give either eventIds or from (with an optional to)',
    path: ['eventIds'],
  })
  .refine((r) => r.to === undefined || r.from !== undefined, {
    message: 'needs from',
    path: ['to'],
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'must not be after to', path: ['from'] });

export type ReplayRequest = z.input<typeof replayRequestSchema>;
