import { z } from 'zod';
import { canonicalEventSchema, type CanonicalEvent } from '../events/canonical-event.js';

/** The queue every delivery goes through (BullMQ keys `<namespace>:bull:partner-webhooks:*`). */
export const DELIVERY_QUEUE_NAME = 'partner-webhooks';

/**
 * One delivery job: an event to one endpoint. The event travels in the job, so a retry a day later does
 * not depend on the event log's retention. `replayId` marks a replay (and makes its job id new).
 */
export const deliveryJobSchema = z.strictObject({
  endpointId: z.string().min(1),
  event: canonicalEventSchema,
  replayId: z
    .string()
    .regex(/^[0-9a-f]+$/)
    .optional(),
});

export type DeliveryJob = z.output<typeof deliveryJobSchema>;

/**
 * The job id: one job per endpoint and event, so an event handed to the dispatcher twice (at-least-once
 * reading of the log) is queued once; a replay adds its own marker so that it is sent again even though the
 * original was delivered. BullMQ refuses `:` in custom ids; stream ids and ours have none.
 */
export function deliveryJobId(
  endpointId: string,
  event: Pick<CanonicalEvent, 'id'>,
  replayId?: string,
): string {
  return replayId ? `${endpointId}.${event.id}.replay.${replayId}` : `${endpointId}.${event.id}`;
}
