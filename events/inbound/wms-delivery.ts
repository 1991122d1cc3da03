import type { IncomingMessage } from 'node:http';
import { verifyWmsWebhook, WmsWebhookSignatureError } from '../../connectors/wms/index.js';
import type { KeyedEvent } from './carrier-events.js';
import { orderNumberOf, wmsEventsOf, type WarehouseCodeOf } from './wms-events.js';

export interface WmsDeliveryContext {
  /**
   * The webhooks' shared secrets: the WMS gives each webhook (one per type) a secret of its own, so a
   * delivery signed with any of them is accepted. Read at each delivery, so secrets can be added live.
   */
  secret: string | readonly string[];
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
  const headers = {
    hmac: header(req, 'x-shiphero-hmac-sha256'),
    messageId: header(req, 'x-shiphero-message-id'),
  };
  const secrets = typeof context.secret === 'string' ? [context.secret] : context.secret;
  let delivery: ReturnType<typeof verifyWmsWebhook> | undefined;
  for (const [index, secret] of secrets.entries()) {
    try {
      delivery = verifyWmsWebhook(body, headers, secret);
      break;
    } catch (error) {
      // Only a wrong signature is worth trying the next secret for; a malformed body is malformed for all.
      if (!(error instanceof WmsWebhookSignatureError) || index === secrets.length - 1) throw error;
    }
  }
  if (!delivery) throw new WmsWebhookSignatureError('no WMS webhook secret is configured');
  const tenantPartnerId = await context.tenantOf(orderNumberOf(delivery));
  return wmsEventsOf(delivery, {
    receivedAt: context.now().toISOString(),
    warehouseCodeOf: context.warehouseCodeOf,
    tenantPartnerId,
  });
}
