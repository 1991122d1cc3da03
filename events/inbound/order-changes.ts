import type { OdooClient } from '../../connectors/odoo/client.js';
import type { OdooRecord } from '../../connectors/odoo/models.js';
import { orderStatusOf } from '../../connectors/odoo/sales/order-status.js';
import type { EventSource } from '../../platform/events/index.js';
import type { OrderStatus } from '../../schema/canonical/orders.js';
import { orderStatusKey } from './dedup-keys.js';
import type { EventAppender } from './event-appender.js';
import type { OrderStatusMemory } from './order-status-memory.js';
import { tenantOfPartner } from './order-tenants.js';

/** The sale.order fields an order change is built from, always read back from Odoo. */
export const ORDER_FIELDS = [
  'name',
  'state',
  'delivery_status',
  'invoice_status',
  'partner_id',
  'write_date',
] as const;

export type OrderRecord = OdooRecord<'sale.order', (typeof ORDER_FIELDS)[number]>;

/** What happened to one order change: appended, already in the log, or no status change to report. */
export type OrderChangeOutcome = 'appended' | 'duplicate' | 'unchanged' | 'older';

export interface OrderChangeContext {
  odoo: OdooClient;
  events: EventAppender;
  memory: OrderStatusMemory;
  /** `odoo` for a webhook, `reconciliation` for the pass that found it. */
  source: Extract<EventSource, 'odoo' | 'reconciliation'>;
}

/**
 * Turns one read-back sale.order into `order.status_changed` when its canonical status differs from the
 * last one recorded for it (the webhook and the reconciler both call this, so they build the same event
 * under the same key). The first sight of an order is a change from nothing (`previousStatus: null`):
 * a new order is news to a subscriber. A read-back older than what was recorded is ignored. The status is
 * remembered only after the append, so a crash in between re-appends under the same key (a duplicate).
 */
export async function recordOrderChange(
  order: OrderRecord,
  context: OrderChangeContext,
): Promise<OrderChangeOutcome> {
  const writeDate = order.write_date ?? new Date(0).toISOString();
  const status: OrderStatus = orderStatusOf(order.state, order.delivery_status, order.invoice_status);
  const known = await context.memory.get(order.id);
  if (known && known.writeDate > writeDate) return 'older';
  if (known?.status === status) {
    await context.memory.remember(order.id, { status, writeDate });
    return 'unchanged';
  }
  const partnerId = order.partner_id?.id;
  const tenant = partnerId === undefined ? null : await tenantOfPartner(context.odoo, partnerId);
  const orderNumber = order.name ?? String(order.id);
  const result = await context.events.append(
    {
      type: 'order.status_changed',
      source: context.source,
      subject: orderNumber,
      time: writeDate,
      tenantPartnerId: tenant,
      data: { orderNumber, status, previousStatus: known?.status ?? null },
    },
    { dedupKey: orderStatusKey(order.id, writeDate, status) },
  );
  await context.memory.remember(order.id, { status, writeDate });
  return result.duplicate ? 'duplicate' : 'appended';
}
