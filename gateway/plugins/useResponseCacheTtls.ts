import { z } from 'zod';

/**
 * How long a response may be cached, in seconds, by the types it contains (or `Type.field` coordinates it
 * selects): a response lives as long as the shortest of them (0: never cached). Events evict what they change sooner (see
 * useResponseCacheInvalidation.ts); these bound what no event reports.
 *
 * - Catalogue and warehouses change rarely and only in Odoo: 5 minutes.
 * - Orders, invoices and customers change through events or our own mutations: 60 s.
 * - Stock: 10 s, so a figure whose event was lost is never old for long (reconciliation catches up too).
 * - WMS and carrier state (fulfilment, packages, shipments, backlog): short, those systems move fast.
 * - Order-to-cash progress (`Order.progress`, FulfillmentProgress, stuck orders): never; the
 *   orchestration moves it step by step without an event for each.
 * - Rate quotes, API keys and webhook endpoints: never (live prices; credentials and settings).
 *
 * A new type that changes without an event must be added here (the default suits slow data).
 */
export const DEFAULT_RESPONSE_CACHE_TTLS: Readonly<Record<string, number>> = {
  Product: 300,
  Warehouse: 300,
  Order: 60,
  Invoice: 60,
  Customer: 60,
  CustomerCredit: 60,
  StockLevel: 10,
  LineAvailability: 10,
  Fulfillment: 10,
  Package: 10,
  WarehouseBacklog: 10,
  Shipment: 30,
  'Order.progress': 0,
  FulfillmentProgress: 0,
  StuckOrder: 0,
  StuckOrderConnection: 0,
  // What operators watch must be live: health, dead letters, delivery figures.
  SystemHealth: 0,
  EventDeadLetter: 0,
  EventDeadLetterConnection: 0,
  WebhookDeadLetter: 0,
  WebhookDeadLetterConnection: 0,
  PartnerWebhookDeliveries: 0,
  RateComparison: 0,
  Rate: 0,
  RateFailure: 0,
  ApiKey: 0,
  ApiKeyConnection: 0,
  WebhookEndpoint: 0,
  WebhookEndpointConnection: 0,
  WebhookDelivery: 0,
  WebhookDeliveryConnection: 0,
};

/** TTL of a response holding none of the types above, in seconds. */
export const DEFAULT_RESPONSE_CACHE_TTL = 60;

/** `Type=seconds` (or `Type.field=seconds`) pairs, comma-separated, e.g. `Product=600,StockLevel=5`. */
export const responseCacheTtlsSchema = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((pair) => pair.trim())
      .filter((pair) => pair !== ''),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?=\d+$/, 'must be Type=seconds pairs, comma-separated')
        .transform((pair) => {
          const [type, seconds] = pair.split('=');
          return [type!, Number(seconds)] as const;
        }),
    ),
  )
  .transform((pairs) => Object.fromEntries(pairs) as Record<string, number>);
