import { z } from 'zod';
import type { OdooClient } from '../../connectors/odoo/client.js';
import type { EventAppender } from './event-appender.js';
import { ORDER_FIELDS, recordOrderChange, type OrderChangeOutcome } from './order-changes.js';
import type { OrderStatusMemory } from './order-status-memory.js';
import { WebhookError } from './webhook-errors.js';

/** The models whose notifications are accepted; others are refused (422). */
export const WATCHED_ODOO_MODELS = ['sale.order'] as const;

/**
 * An automation rule's "Send Webhook Notification" body: `_model`, `_id` and `id` (the record), `_action`,
 * plus the fields the rule selects, which are ignored: the body is unsigned, so only the record's
 * identity is taken from it and everything else is read back from Odoo.
 */
const notificationSchema = z
  .looseObject({
    _model: z.string().min(1),
    _id: z.number().int().positive().optional(),
    id: z.number().int().positive().optional(),
    _action: z.string().optional(),
  })
  .refine((body) => body._id !== undefined || body.id !== undefined, 'names no record (_id or id)')
  .refine(
    (body) => body._id === undefined || body.id === undefined || body._id === body.id,
    '_id and id name different records',
  );

export interface OdooNotificationContext {
  odoo: OdooClient;
  events: EventAppender;
  memory: OrderStatusMemory;
}

/**
 * Verifies one Odoo notification by reading its record back and records the change the read-back shows
 * (never what the body claims). Throws WebhookError MALFORMED, MODEL_NOT_WATCHED or RECORD_NOT_FOUND.
 */
export async function handleOdooNotification(
  body: Buffer,
  context: OdooNotificationContext,
): Promise<{ model: string; id: number; outcome: OrderChangeOutcome }> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new WebhookError('WEBHOOK_MALFORMED', 'The body is not JSON', { cause: error });
  }
  const parsed = notificationSchema.safeParse(json);
  if (!parsed.success)
    throw new WebhookError(
      'WEBHOOK_MALFORMED',
      `Not an Odoo notification: ${z.prettifyError(parsed.error)}`,
      {
        cause: parsed.error,
      },
    );
  const model = parsed.data._model;
  const id = (parsed.data._id ?? parsed.data.id)!;
  if (!(WATCHED_ODOO_MODELS as readonly string[]).includes(model))
    throw new WebhookError('WEBHOOK_MODEL_NOT_WATCHED', `Notifications about ${model} are not accepted`);
  const [order] = await context.odoo.read('sale.order', [id], ORDER_FIELDS);
  if (!order) throw new WebhookError('WEBHOOK_RECORD_NOT_FOUND', `${model} ${id} does not exist in Odoo`);
  const outcome = await recordOrderChange(order, { ...context, source: 'odoo' });
  return { model, id, outcome };
}
