import type { IncomingMessage } from 'node:http';
import { verifyWmsWebhook } from '../../connectors/wms/index.js';
import type { KeyedEvent } from './carrier-events.js';
import { orderNumberOf, wmsEventsOf, type WarehouseCodeOf } from './wms-events.js';

export interface WmsDeliveryContext {
  secret: string;
  warehouseCodeOf: WarehouseCodeOf;
  now: () => Date;
  tenantOf: (orderNumber: string | null) => Promise<number | null>;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * A WMS delivery verified (base64 HMAC over the raw body; ShipHero sends no timestamp, so there is no
 * age check: a replay maps to a key already recorded) and mapped to its canonical events.
 */
export async function wmsDelivery(
  req: IncomingMessage,
  body: Buffer,
  context: WmsDeliveryContext,
): Promise<KeyedEvent[]> {
  const delivery = verifyWmsWebhook(
    body,
    { hmac: header(req, 'x-shiphero-hmac-sha256'), messageId: header(req, 'x-shiphero-message-id') },
    context.secret,
  );
  const tenantPartnerId = await context.tenantOf(orderNumberOf(delivery));
  return wmsEventsOf(delivery, {
    receivedAt: context.now().toISOString(),
    warehouseCodeOf: context.warehouseCodeOf,
    tenantPartnerId,
  });
}
