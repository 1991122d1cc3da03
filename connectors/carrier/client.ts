import { z } from 'zod';
import { currentCorrelationId, newCorrelationId, withCorrelationId } from '../../platform/correlation.js';
import { createLogger, type Logger } from '../../platform/logger.js';
import { answersHttp } from '../../platform/observability/answers-http.js';
import { publishConnectorCall } from '../../platform/observability/channels.js';
import { circuitName } from '../../platform/observability/circuit-name.js';
import { httpClientFor, withDeadline, type HttpSend } from '../shared/http-client.js';
import type {
  Parcel,
  PostalAddress,
  RateFailure,
  RateQuote,
  Shipment,
} from '../../schema/canonical/shipping.js';
import { AccountBreakers, CARRIER_DOWN_MESSAGE } from './account-breakers.js';
import type { CarrierConfig } from './config.js';
import {
  CarrierNotFoundError,
  CarrierProtocolError,
  CarrierUnavailableError,
  CarrierValidationError,
  type CarrierErrorCode,
} from './errors.js';
import {
  latestByCode,
  mapRate,
  mapRateFailures,
  mapShipment,
  mapTracker,
  parcelTracking,
  scannedTrackerStatus,
  type ParcelTracking,
} from './map-shipment.js';
import { addressBody, parcelBody } from './requests.js';
import { createCarrierPolicies, toPolicyError, type CarrierPolicies } from './resilience.js';
import { sendCarrierRequest, type CarrierRequest } from './transport.js';
import {
  carrierAccountWireSchema,
  shipmentWireSchema,
  trackersBatchWireSchema,
  trackerWireSchema,
  webhookWireSchema,
  type ShipmentWire,
  type TrackerWire,
} from './wire.js';

/** One attempt of one call, for metrics. */
export interface CarrierCallEvent {
  method: string;
  /** The path template, e.g. `/v2/shipments/:id/buy`. */
  path: string;
  outcome: 'ok' | CarrierErrorCode;
  durationMs: number;
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
}

export interface CarrierClientOptions {
  /** Default: a `carrier-connector` logger. */
  logger?: Logger;
  /** Called after every attempt; must not throw (what it throws is logged and ignored). */
  onCall?: (call: CarrierCallEvent) => void;
  /** Sends the HTTP requests. Default: undici over a keep-alive pool of this client's own. */
  send?: HttpSend;
}

export interface CarrierAccount {
  id: string;
  /** The carrier's name as the API spells it (USPS, UPS, FedEx). */
  carrier: string;
  description: string | null;
}

export interface QuoteRatesInput {
  from: PostalAddress;
  to: PostalAddress;
  parcel: Parcel;
  /** Our reference (the order number), kept on the carrier's shipment. */
  reference?: string;
  /** Rate only with these accounts. Default: every account. */
  carrierAccountIds?: string[];
}

/** The message a suspended account is reported with. */
export const ACCOUNT_SUSPENDED_MESSAGE = 'suspended after repeated failures';
/** The batch endpoint's page size: codes per request. */
const TRACKERS_PER_BATCH = 100;
/** Trackers per page when listing them (EasyPost's maximum). */
const TRACKERS_PER_LIST_PAGE = 100;
/** Shipment reads in flight at once when trackers name their shipments. */
const SHIPMENT_READS_IN_FLIGHT = 4;
/** How long the account list (needed only while an account breaker is not closed) is reused. */
const ACCOUNTS_TTL_MS = 5 * 60_000;

const accountsSchema = z.array(carrierAccountWireSchema);
const anything = z.unknown();

/**
 * A typed client of an EasyPost-style carrier API (v2): rating with a circuit breaker per carrier
 * account, buying and refunding labels, trackers in batches, webhooks. Every answer is validated, every
 * failure is a {@link CarrierError}; safe calls are retried with jittered backoff, writes never blindly.
 */
export class CarrierClient {
  readonly #config: CarrierConfig;
  readonly #logger: Logger;
  readonly #send: HttpSend;
  readonly #closeHttp: () => Promise<void>;
  readonly #onCall: ((call: CarrierCallEvent) => void) | undefined;
  readonly #policies: CarrierPolicies;
  readonly #accountBreakers: AccountBreakers;
  #accounts: { at: number; list: Promise<CarrierAccount[]> } | undefined;

  constructor(config: CarrierConfig, options: CarrierClientOptions = {}) {
    this.#config = config;
    this.#logger = options.logger ?? createLogger({ name: 'carrier-connector' });
    const http = httpClientFor(options.send);
    this.#send = http.send;
    this.#closeHttp = http.close;
    this.#onCall = options.onCall;
    this.#policies = createCarrierPolicies(config);
    this.#accountBreakers = new AccountBreakers(config.breakerThreshold, config.breakerHalfOpenMs);
    this.#policies.breaker.onBreak(() => this.#logger.warn({ url: config.url }, 'carrier circuit opened'));
    this.#policies.breaker.onReset(() => this.#logger.info({ url: config.url }, 'carrier circuit closed'));
  }

  /** For readiness probes: resolves when the API answers HTTP at its URL and the circuit is not open. */
  async checkReachable(signal: AbortSignal): Promise<void> {
    if (circuitName(this.#policies.breaker.state) === 'open')
      throw new Error('circuit open after repeated failures');
    await answersHttp(this.#send, this.#config.url, signal);
  }

  /** Lets go of the connections kept open to the API (none to close when `send` was given). */
  close(): Promise<void> {
    return this.#closeHttp();
  }

  async carrierAccounts(): Promise<CarrierAccount[]> {
    const accounts = await this.#call({ method: 'GET', path: '/v2/carrier_accounts' }, accountsSchema, true);
    const list = accounts.map((account) => ({
      id: account.id,
      carrier: account.readable ?? account.type.replace(/Account$/, ''),
      description: account.description ?? null,
    }));
    this.#accounts = { at: Date.now(), list: Promise.resolve(list) };
    return list;
  }

  /**
   * Creates a shipment and returns its rates, plus a failure for every account that could not quote:
   * those the API reported (`messages`, `rate_error`) and those whose breaker is open, which are left
   * out of the request. Nothing is called when every asked account is suspended.
   */
  async quoteRates(input: QuoteRatesInput): Promise<RateQuote> {
    const candidates = input.carrierAccountIds ?? (await this.#accountIdsIfAnySuspended());
    const suspended = (candidates ?? []).filter((id) => this.#accountBreakers.state(id) === 'open');
    const asked = candidates?.filter((id) => !suspended.includes(id));
    const skipped: RateFailure[] = suspended.map((id) => ({
      carrier: this.#accountBreakers.carrierOf(id) ?? 'unknown',
      carrierAccountId: id,
      message: ACCOUNT_SUSPENDED_MESSAGE,
    }));
    if (asked !== undefined && asked.length === 0) return { rates: [], failures: skipped };

    const shipment: Record<string, unknown> = {
      from_address: addressBody(input.from),
      to_address: addressBody(input.to),
      parcel: parcelBody(input.parcel),
    };
    if (input.reference !== undefined) shipment.reference = input.reference;
    if (asked !== undefined) shipment.carrier_accounts = asked.map((id) => ({ id }));
    const created = await this.#call(
      { method: 'POST', path: '/v2/shipments', body: { shipment } },
      shipmentWireSchema,
      false,
    );
    this.#recordRating(created);
    return {
      rates: created.rates.map(mapRate),
      failures: [...mapRateFailures(created.messages), ...skipped],
    };
  }

  /**
   * Buys `rateId` on the shipment: label, tracking code, tracker. Never repeated blindly: after a
   * failure that may hide a purchase (timeout, 5xx, "already has postage"), the shipment is read back
   * and returned when it carries that rate.
   */
  async buyRate(carrierShipmentId: string, rateId: string): Promise<Shipment> {
    const path = `/v2/shipments/${encodeURIComponent(carrierShipmentId)}/buy`;
    let bought: ShipmentWire;
    try {
      bought = await this.#call(
        { method: 'POST', path, body: { rate: { id: rateId } } },
        shipmentWireSchema,
        false,
      );
    } catch (error) {
      const unsure = error instanceof CarrierUnavailableError || error instanceof CarrierValidationError;
      if (!unsure) throw error;
      const current = await this.#readShipment(carrierShipmentId).catch(() => null);
      if (current?.selected_rate?.id !== rateId) throw error;
      this.#logger.info({ carrierShipmentId, rateId }, 'label was bought despite the failed answer');
      bought = current;
    }
    return this.#bought(bought, 'buy');
  }

  /** Refunds (voids) the label; the status is CANCELLED once the carrier reports the refund done. */
  async refundShipment(carrierShipmentId: string): Promise<Shipment> {
    const path = `/v2/shipments/${encodeURIComponent(carrierShipmentId)}/refund`;
    const refunded = await this.#call({ method: 'POST', path }, shipmentWireSchema, false);
    return this.#bought(refunded, 'refund');
  }

  /** The bought shipment; null when there is no such shipment or no label was bought on it. */
  async shipment(carrierShipmentId: string): Promise<Shipment | null> {
    const found = await this.#readShipment(carrierShipmentId);
    return found ? mapShipment(found) : null;
  }

  /**
   * The trackers of these codes, keyed by tracking code; codes the API does not know are absent.
   * Calls: one `POST /v2/trackers/batch` per 100 codes, then one `GET /v2/shipments/:id` per distinct
   * shipment the trackers name (EasyPost has no batch read of shipments by id), at most
   * {@link SHIPMENT_READS_IN_FLIGHT} at a time. Trackers created from bare codes name no shipment.
   */
  async trackersByTrackingCodes(codes: string[]): Promise<Map<string, Shipment>> {
    const trackers = await this.#trackersOfCodes(codes);
    const shipmentIds = [...new Set(trackers.flatMap((tracker) => tracker.shipment_id ?? []))];
    return latestByCode(trackers, await this.#readShipments(shipmentIds));
  }

  /**
   * Where the parcels of these codes are (status, events, carrier), keyed by tracking code, without the
   * shipment details (label, postage, service, reference) that {@link trackersByTrackingCodes} adds.
   * Calls: the same trackers batch, then a shipment read only where the tracker cannot tell the status
   * alone: a label refunded (voided) is CANCELLED, and EasyPost refunds only labels the carrier never
   * scanned, so trackers past their first scan ({@link scannedTrackerStatus}) need no read; nor do codes
   * with a single tracker. A code with several trackers reads them all, so that the latest wins as there.
   */
  async trackingByTrackingCodes(codes: string[]): Promise<Map<string, ParcelTracking>> {
    const trackers = await this.#trackersOfCodes(codes);
    const perCode = new Map<string, number>();
    for (const tracker of trackers)
      perCode.set(tracker.tracking_code, (perCode.get(tracker.tracking_code) ?? 0) + 1);
    const shipmentIds = new Set<string>();
    for (const tracker of trackers) {
      const alone = perCode.get(tracker.tracking_code) === 1;
      if (tracker.shipment_id && !(alone && scannedTrackerStatus(tracker.status)))
        shipmentIds.add(tracker.shipment_id);
    }
    const latest = latestByCode(trackers, await this.#readShipments([...shipmentIds]));
    return new Map([...latest].map(([code, shipment]) => [code, parcelTracking(shipment)]));
  }

  /**
   * One page of the trackers created at or after `since`, newest first, as EasyPost lists them
   * (`GET /v2/trackers?start_datetime=…&page_size=…&before_id=…`); pass the last `trackerId` of a page as
   * `beforeId` for the next. Each comes with the shipment it was bought on (its reference is our order
   * number). Reconciliation reads trackers this way, since tracker webhooks are not guaranteed.
   */
  async trackersCreatedSince(
    since: string,
    options: { pageSize?: number; beforeId?: string } = {},
  ): Promise<{ trackers: { trackerId: string; shipment: Shipment }[]; hasMore: boolean }> {
    const query: Record<string, string> = {
      start_datetime: new Date(since).toISOString(),
      page_size: String(options.pageSize ?? TRACKERS_PER_LIST_PAGE),
    };
    if (options.beforeId) query.before_id = options.beforeId;
    const page = await this.#call(
      { method: 'GET', path: '/v2/trackers', query },
      trackersBatchWireSchema,
      true,
    );
    const shipmentIds = [...new Set(page.trackers.flatMap((tracker) => tracker.shipment_id ?? []))];
    const shipments = await this.#readShipments(shipmentIds);
    return {
      trackers: page.trackers.map((tracker) => ({
        trackerId: tracker.id,
        shipment: mapTracker(tracker, tracker.shipment_id ? shipments.get(tracker.shipment_id) : null),
      })),
      hasMore: page.has_more ?? false,
    };
  }

  /** Creates (or, within EasyPost's three months, gets back) the tracker of a code and carrier. */
  async createTracker(input: { trackingCode: string; carrier: string }): Promise<Shipment> {
    const tracker = await this.#call(
      {
        method: 'POST',
        path: '/v2/trackers',
        body: { tracker: { tracking_code: input.trackingCode, carrier: input.carrier } },
      },
      trackerWireSchema,
      true,
    );
    const shipment = tracker.shipment_id ? await this.#readShipment(tracker.shipment_id) : null;
    return mapTracker(tracker, shipment);
  }

  async createWebhook(input: { url: string; secret: string }): Promise<{ id: string }> {
    const webhook = await this.#call(
      {
        method: 'POST',
        path: '/v2/webhooks',
        body: { webhook: { url: input.url, webhook_secret: input.secret } },
      },
      webhookWireSchema,
      false,
    );
    return { id: webhook.id };
  }

  /** Deletes a webhook; one that is already gone counts as deleted. */
  async deleteWebhook(id: string): Promise<void> {
    try {
      await this.#call({ method: 'DELETE', path: `/v2/webhooks/${encodeURIComponent(id)}` }, anything, true);
    } catch (error) {
      if (!(error instanceof CarrierNotFoundError)) throw error;
    }
  }

  #bought(shipment: ShipmentWire, operation: string): Shipment {
    const mapped = mapShipment(shipment);
    if (!mapped)
      throw new CarrierProtocolError(
        `The carrier API answered ${operation} with a shipment without a label`,
        {
          operation,
        },
      );
    return mapped;
  }

  /** The trackers of these codes (unique, non-empty): one `POST /v2/trackers/batch` per 100. */
  async #trackersOfCodes(codes: readonly string[]): Promise<TrackerWire[]> {
    const unique = [...new Set(codes.filter((code) => code.length > 0))];
    const trackers: TrackerWire[] = [];
    for (let i = 0; i < unique.length; i += TRACKERS_PER_BATCH) {
      const batch = await this.#call(
        {
          method: 'POST',
          path: '/v2/trackers/batch',
          body: { tracking_codes: unique.slice(i, i + TRACKERS_PER_BATCH) },
        },
        trackersBatchWireSchema,
        true,
      );
      trackers.push(...batch.trackers);
    }
    return trackers;
  }

  async #readShipment(id: string): Promise<ShipmentWire | null> {
    try {
      return await this.#call(
        { method: 'GET', path: `/v2/shipments/${encodeURIComponent(id)}` },
        shipmentWireSchema,
        true,
      );
    } catch (error) {
      if (error instanceof CarrierNotFoundError) return null;
      throw error;
    }
  }

  async #readShipments(ids: readonly string[]): Promise<Map<string, ShipmentWire>> {
    const found = new Map<string, ShipmentWire>();
    const queue = [...ids];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const shipment = await this.#readShipment(id);
        if (shipment) found.set(id, shipment);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SHIPMENT_READS_IN_FLIGHT, ids.length) }, worker));
    return found;
  }

  /** Every account id, when some account breaker is not closed (so that open ones can be left out). */
  async #accountIdsIfAnySuspended(): Promise<string[] | undefined> {
    if (!this.#accountBreakers.anyNotClosed()) return undefined;
    return (await this.#accountList()).map((account) => account.id);
  }

  #accountList(): Promise<CarrierAccount[]> {
    if (this.#accounts && Date.now() - this.#accounts.at < ACCOUNTS_TTL_MS) return this.#accounts.list;
    return this.carrierAccounts();
  }

  #recordRating(shipment: ShipmentWire): void {
    for (const rate of shipment.rates) this.#accountBreakers.succeeded(rate.carrier_account_id, rate.carrier);
    for (const message of shipment.messages) {
      const accountId = message.carrier_account_id;
      if (message.type !== 'rate_error' || !accountId || !CARRIER_DOWN_MESSAGE.test(message.message))
        continue;
      if (this.#accountBreakers.failed(accountId, message.carrier))
        this.#logger.warn(
          { carrierAccountId: accountId, carrier: message.carrier },
          'carrier account suspended',
        );
    }
  }

  /** Runs one call through retry → breaker → per-attempt timeout, reporting every attempt. */
  #call<S extends z.ZodType>(request: CarrierRequest, schema: S, safe: boolean): Promise<z.output<S>> {
    const path = request.path.replace(/\/(shp|trk|hook|ca|rate)_[^/]+/g, '/:id');
    const operation = `${request.method} ${path}`;
    const { timeoutMs } = this.#config;
    const site = { operation, timeoutMs };
    const transport = { url: this.#config.url, apiKey: this.#config.apiKey, send: this.#send };
    const policy = safe ? this.#policies.retry : this.#policies.once;
    const attemptOnce = async (signal: AbortSignal, attempt: number): Promise<z.output<S>> => {
      const started = performance.now();
      try {
        const result = await this.#policies.breaker.execute(async ({ signal: breakerSignal }) => {
          try {
            return await withDeadline([breakerSignal], timeoutMs, (attemptSignal) =>
              sendCarrierRequest(transport, request, schema, attemptSignal, site),
            );
          } catch (error) {
            // Convert inside the breaker, which counts only transient CarrierErrors.
            throw toPolicyError(error, site);
          }
        }, signal);
        this.#report({ method: request.method, path, outcome: 'ok', started, attempt });
        return result;
      } catch (error) {
        const carrierError = toPolicyError(error, site);
        this.#report({ method: request.method, path, outcome: carrierError.code, started, attempt });
        throw carrierError;
      }
    };
    const correlationId = currentCorrelationId() ?? newCorrelationId();
    return withCorrelationId(correlationId, () =>
      policy.execute(({ signal, attempt }) => attemptOnce(signal, attempt + 1)),
    );
  }

  #report(event: Omit<CarrierCallEvent, 'durationMs'> & { started: number }): void {
    const { started, ...rest } = event;
    const call: CarrierCallEvent = {
      ...rest,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    };
    this.#logger.debug(call, 'carrier call');
    publishConnectorCall({
      system: 'carrier',
      method: `${call.method} ${call.path}`,
      outcome: call.outcome,
      durationMs: call.durationMs,
      circuit: circuitName(this.#policies.breaker.state),
    });
    try {
      this.#onCall?.(call);
    } catch (error) {
      this.#logger.warn({ err: error }, 'onCall hook threw');
    }
  }
}
