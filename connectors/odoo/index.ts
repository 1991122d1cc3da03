export { OdooClient } from './client.js';
export type {
  CallMethodOptions,
  OdooCallEvent,
  OdooClientOptions,
  OdooClientStats,
  OdooContext,
  SearchReadOptions,
  WriteOptions,
} from './client.js';
export { loadOdooConfig, odooConfigSchema, parseOdooConfig, ODOO_ENV_VARS } from './config.js';
export type { OdooConfig, OdooConfigInput } from './config.js';
export { ConfigError } from '../shared/config-error.js';
export { and, FALSE_DOMAIN, normalizeDomain, not, or, TRUE_DOMAIN, where } from './domain.js';
export type {
  Domain,
  DomainCondition,
  DomainItem,
  DomainOperator,
  DomainScalar,
  DomainValue,
} from './domain.js';
export {
  ODOO_ERROR_CODES,
  OdooAccessError,
  OdooAuthenticationError,
  OdooBadRequestError,
  OdooCircuitOpenError,
  OdooError,
  OdooMissingRecordError,
  OdooProtocolError,
  OdooRetryableError,
  OdooServerError,
  OdooValidationError,
} from './errors.js';
export type { OdooErrorCode, OdooErrorOptions } from './errors.js';
export { kindOf } from './field-spec.js';
export type {
  FieldKind,
  FieldSpec,
  FieldValue,
  Many2One,
  ModelSpec,
  MoneySpec,
  SelectionSpec,
} from './field-spec.js';
export { isOdooModelName, modelSpec, odooModels } from './models.js';
export type { OdooFieldName, OdooModelName, OdooModels, OdooRecord } from './models.js';
export { DEFAULT_CURRENCY_DECIMALS, toMoneyString, toOdooAmount } from './money.js';
export { currencyFieldsFor, many2oneId, normalizeRecord } from './normalize.js';
export type { CurrencyDecimals, NormalizeOptions } from './normalize.js';
export { isRetrySafe, READ_METHODS } from './read-methods.js';
export { toOdooError } from './to-odoo-error.js';
export type { OdooFailureSite } from './to-odoo-error.js';
export type { HttpResponse, HttpRequest, HttpSend } from '../shared/http-client.js';
export { HttpConnectionError } from '../shared/http-client.js';
export { Json2Transport } from './transport/json2.js';
export { JsonRpcTransport } from './transport/jsonrpc.js';
export { fetchServerVersion, protocolForVersion } from './transport/server-version.js';
export type { OdooServerVersion } from './transport/server-version.js';
export type { OdooCallArgs, OdooProtocol, OdooTransport } from './transport/transport.js';
export { USER_AGENT } from '../shared/user-agent.js';
