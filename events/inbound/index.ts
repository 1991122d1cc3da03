export { FINAL_SHIPMENT_STATUSES, shipmentUpdated, type KeyedEvent } from './carrier-events.js';
export { fulfillmentKey, orderStatusKey, shipmentKey, stockKey } from './dedup-keys.js';
export type { EventAppender } from './event-appender.js';
export { handleOdooNotification, WATCHED_ODOO_MODELS } from './odoo-notification.js';
export {
  ORDER_FIELDS,
  recordOrderChange,
  type OrderChangeOutcome,
  type OrderRecord,
} from './order-changes.js';
export { OrderStatusMemory, type KnownOrderStatus } from './order-status-memory.js';
export { tenantOfOrder, tenantOfPartner, tenantsOfOrders } from './order-tenants.js';
export { hasSharedToken, WEBHOOK_TOKEN_HEADER } from './shared-token.js';
export {
  toWebhookError,
  WebhookError,
  webhookErrorCatalogue,
  type WebhookErrorCode,
} from './webhook-errors.js';
export {
  createWebhookReceiver,
  DEFAULT_ORDER_STATUS_KEY,
  type WebhookReceiverOptions,
} from './webhook-receiver.js';
export {
  fulfillmentEventsOf,
  orderNumberOf,
  warehouseCodes,
  wmsEventsOf,
  type WarehouseCodeOf,
} from './wms-events.js';
