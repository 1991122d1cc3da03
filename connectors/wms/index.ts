export { WmsClient, ORDERS_PER_REQUEST } from './client.js';
export type { WmsClientOptions } from './client.js';
export { loadWmsConfig, parseWmsConfig, wmsConfigSchema, WMS_ENV_VARS } from './config.js';
export type { WmsConfig, WmsConfigInput, WmsMode } from './config.js';
export {
  DEMO_WAREHOUSES,
  DEMO_WAREHOUSES_ENV,
  WMS_EMULATOR_DEFAULT_URL,
  WMS_EMULATOR_DEMO_TOKEN,
} from './demo.js';
export type { DemoWarehouse } from './demo.js';
export {
  WMS_ERROR_CODES,
  WmsAuthenticationError,
  WmsCircuitOpenError,
  WmsError,
  WmsNotFoundError,
  WmsProtocolError,
  WmsThrottledError,
  WmsUnavailableError,
  WmsValidationError,
  WmsWebhookMalformedError,
  WmsWebhookSignatureError,
} from './errors.js';
export type { WmsErrorCode, WmsErrorOptions } from './errors.js';
export { activeHolds, OPEN_SHIPHERO_STATUSES, toFulfillmentStatus } from './fulfillment-status.js';
export type { ShipHeroOrderState } from './fulfillment-status.js';
export { HISTORY_PREFIXES, toFulfillment } from './map-fulfillment.js';
export type { HttpResponse, HttpRequest, HttpSend } from '../shared/http-client.js';
export { WMS_WEBHOOK_TYPES } from './types.js';
export type { CreateWmsOrderInput, WmsCallEvent, WmsOrdersPage, WmsShipTo, WmsWebhookType } from './types.js';
export { wmsWebhookPayload } from './webhook-payloads.js';
export type { WmsWebhookPayload } from './webhook-payloads.js';
export {
  signWmsWebhook,
  verifyWmsWebhook,
  WMS_MESSAGE_ID_HEADER,
  WMS_SIGNATURE_HEADER,
} from './webhook-signature.js';
export type { WmsWebhookDelivery } from './webhook-signature.js';
