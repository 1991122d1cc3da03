import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CarrierClient } from '../../connectors/carrier/index.js';
import type { OdooClient } from '../../connectors/odoo/client.js';
import { BodyTooLargeError, readBodyBytes } from '../../connectors/shared/http-io.js';
import type { Logger } from '../../platform/logger.js';
import type { RedisClient } from '../../platform/redis.js';
import { carrierDelivery } from './carrier-delivery.js';
import type { KeyedEvent } from './carrier-events.js';
import type { EventAppender } from './event-appender.js';
import { handleOdooNotification } from './odoo-notification.js';
import { OrderStatusMemory } from './order-status-memory.js';
import { cachedInboundLookups } from './inbound-lookups.js';
import { hasSharedToken } from './shared-token.js';
import { toWebhookError, WebhookError } from './webhook-errors.js';
import { wmsDelivery } from './wms-delivery.js';
import type { WarehouseCodeOf } from './wms-events.js';

/** Where the last recorded status of each order lives unless told otherwise (shared with the reconciler). */
export const DEFAULT_ORDER_STATUS_KEY = 'dg:events:order-status';

export interface WebhookReceiverOptions {
  /** Where accepted events go (an EventLog); a delivery is acknowledged only after they are appended. */
  events: EventAppender;
  /** Reads Odoo notifications' records back, and finds every event's tenant. */
  odoo: OdooClient;
  /** Holds the last recorded status per order (`orderStatusKey`). */
  redis: RedisClient;
  logger: Logger;
  /** CARRIER_WEBHOOK_SECRET; without it `/webhooks/carrier` answers 404. */
  carrierSecret?: string;
  /** Reads a tracker's shipment for its order number when the delivery lacks it. Default: none. */
  carrier?: CarrierClient;
  /** Largest distance between a carrier delivery's signed `created_at` and now. Default 24 h. */
  carrierMaxAgeMs?: number;
  /** WMS_WEBHOOK_SECRET (the webhook's `shared_signature_secret`); without it `/webhooks/wms` answers 404. */
  wmsSecret?: string | readonly string[];
  /** Our warehouse code of a WMS warehouse id. Default: none known (stock events name the WMS id). */
  warehouseCodeOf?: WarehouseCodeOf;
  /** ODOO_WEBHOOK_TOKEN, presented as `x-dg-webhook-token` or `?token=`; without it `/webhooks/odoo` answers 404. */
  odooToken?: string;
  /** Redis hash of the last status per order. Default {@link DEFAULT_ORDER_STATUS_KEY}. */
  orderStatusKey?: string;
  /** Largest body read. Default 1 MB. */
  maxBodyBytes?: number;
  /** Default: the system clock. */
  now?: () => Date;
}

type Reply = { status: number; body: Record<string, unknown> };
type Route = (req: IncomingMessage, body: Buffer) => Promise<Reply>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Inbound webhooks: `POST /webhooks/carrier` (EasyPost-signed), `/webhooks/wms` (ShipHero-signed) and
 * `/webhooks/odoo` (unsigned automation-rule notifications, accepted with the shared token and verified by
 * reading the record back). A delivery is answered 200 only once its events are appended (each once per
 * content-based key, so a redelivery, or a change the reconciler already found, appends nothing); 202 when
 * there is nothing to record; 4xx with a code and reason when refused, appending nothing; 503 when the log
 * or a source could not be reached, so a sender that retries does.
 */
export function createWebhookReceiver(options: WebhookReceiverOptions) {
  const limit = options.maxBodyBytes ?? 1_000_000;
  const now = options.now ?? (() => new Date());
  const memory = new OrderStatusMemory(options.redis, options.orderStatusKey ?? DEFAULT_ORDER_STATUS_KEY);
  const lookups = cachedInboundLookups({
    odoo: options.odoo,
    ...(options.carrier ? { carrier: options.carrier } : {}),
  });

  const appendAll = async (keyed: KeyedEvent[]): Promise<Reply> => {
    if (keyed.length === 0) return { status: 202, body: { ignored: true } };
    const results = [];
    for (const { event, dedupKey } of keyed) results.push(await options.events.append(event, { dedupKey }));
    const duplicates = results.filter((r) => r.duplicate).length;
    return {
      status: 200,
      body: { appended: results.length - duplicates, duplicates, ids: results.map((r) => r.id) },
    };
  };

  const routes = new Map<string, Route>();
  const { carrierSecret, wmsSecret, odooToken } = options;
  if (carrierSecret)
    routes.set('/webhooks/carrier', async (req, body) => {
      const context = {
        secret: carrierSecret,
        maxAgeMs: options.carrierMaxAgeMs ?? DAY_MS,
        now,
        referenceOf: lookups.referenceOfShipment,
        tenantOf: lookups.tenantOfOrder,
      };
      const keyed = await carrierDelivery(req, body, context);
      return appendAll(keyed ? [keyed] : []);
    });
  if (wmsSecret)
    routes.set('/webhooks/wms', async (req, body) => {
      const context = {
        secret: wmsSecret,
        warehouseCodeOf: options.warehouseCodeOf ?? (() => null),
        now,
        tenantOf: lookups.tenantOfOrder,
      };
      return appendAll(await wmsDelivery(req, body, context));
    });
  if (odooToken)
    routes.set('/webhooks/odoo', async (req, body) => {
      if (!hasSharedToken(req, odooToken)) throw new WebhookError('WEBHOOK_UNAUTHENTICATED');
      const context = { odoo: options.odoo, events: options.events, memory };
      const { outcome, ...record } = await handleOdooNotification(body, context);
      if (outcome === 'appended' || outcome === 'duplicate')
        return {
          status: 200,
          body: {
            ...record,
            appended: outcome === 'appended' ? 1 : 0,
            duplicates: outcome === 'duplicate' ? 1 : 0,
          },
        };
      return { status: 202, body: { ...record, ignored: outcome } };
    });

  const handle = async (req: IncomingMessage): Promise<Reply> => {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    const route = routes.get(path);
    if (!route) throw new WebhookError('WEBHOOK_NOT_FOUND', `No webhook at ${path}`);
    if (req.method !== 'POST') throw new WebhookError('WEBHOOK_METHOD_NOT_ALLOWED');
    let body: Buffer;
    try {
      body = await readBodyBytes(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        throw new WebhookError('WEBHOOK_PAYLOAD_TOO_LARGE', `Body over ${limit} bytes`, { cause: error });
      throw error;
    }
    return route(req, body);
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(req)
      .catch((thrown: unknown): Reply => {
        const error = toWebhookError(thrown);
        const path = req.url?.split('?')[0];
        if (error.status >= 500)
          options.logger.error({ err: thrown, path }, 'webhook not recorded; the sender may retry');
        else options.logger.warn({ path, code: error.code, reason: error.message }, 'webhook refused');
        return { status: error.status, body: { error: { code: error.code, message: error.message } } };
      })
      .then(({ status, body }) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          ...(status === 413 ? { connection: 'close' } : {}),
        });
        res.end(JSON.stringify(body));
      });
  };
}
