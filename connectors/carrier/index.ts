export { CarrierClient, ACCOUNT_SUSPENDED_MESSAGE } from './client.js';
export type { CarrierAccount, CarrierCallEvent, CarrierClientOptions, QuoteRatesInput } from './client.js';
export { carrierConfigSchema, CARRIER_ENV_VARS, loadCarrierConfig, parseCarrierConfig } from './config.js';
export type { CarrierConfig, CarrierConfigInput, CarrierMode } from './config.js';
export { CARRIER_EMULATOR_DEFAULT_URL, CARRIER_EMULATOR_DEMO_KEY } from './demo.js';
export {
  CARRIER_ERROR_CODES,
  CarrierAuthenticationError,
  CarrierCircuitOpenError,
  CarrierError,
  CarrierNotFoundError,
  CarrierProtocolError,
  CarrierRateLimitedError,
  CarrierUnavailableError,
  CarrierValidationError,
  CarrierWebhookMalformedError,
  CarrierWebhookSignatureError,
} from './errors.js';
export type { CarrierErrorCode, CarrierErrorOptions, CarrierFieldError } from './errors.js';
export { fromEasyPostStatus, fromShipEngineStatus, fromShippoStatus } from './shipment-status.js';
export type { HttpResponse, HttpRequest, HttpSend } from '../shared/http-client.js';
export { CARRIER_SIGNATURE_HEADER, signCarrierWebhook, verifyCarrierWebhook } from './webhook-signature.js';
export type { CarrierWebhookEvent } from './webhook-signature.js';
