import { createLogger, type Logger } from '../../../platform/logger.js';
import type { Parcel, PostalAddress } from '../../../schema/canonical/shipping.js';
import { CARRIER_EMULATOR_DEMO_KEY } from '../demo.js';
import { ApiError, notFound } from './api-error.js';
import { CallCounter } from './call-counter.js';
import {
  CARRIERS,
  carrierByAccount,
  carrierByName,
  serviceOf,
  transitDays,
  type CarrierSpec,
} from './carriers.js';
import { Clock } from './clock.js';
import { FaultInjector, type FaultsInput } from './faults.js';
import { randomCity, zoneBetween } from './geography.js';
import { labelPdf } from './label.js';
import { hashSeed, objectId, seededRandom } from './random.js';
import { rateParcel } from './rating.js';
import {
  addressRecord,
  placeOf,
  type AddressRecord,
  type ParcelRecord,
  type ShipmentRecord,
  type TrackerRecord,
  type WebhookRecord,
} from './records.js';
import {
  iso,
  renderCarrierAccount,
  renderShipment,
  renderTracker,
  renderWebhook,
  trackerStatus,
  visibleEvents,
} from './render.js';
import { planTracking, type PlanInput } from './tracking-plan.js';
import { WebhookDispatcher, type WebhookDeliveryOptions } from './webhooks.js';

type Json = Record<string, unknown>;
const DAY_MS = 86_400_000;

export interface CarrierEmulatorOptions {
  /** The API key clients authenticate with. Default: {@link CARRIER_EMULATOR_DEMO_KEY}. */
  apiKey?: string;
  /** Time between two scans of a label bought through the API. Default 60 s (a parcel a quarter hour). */
  stepMs?: number;
  /** Share of parcels that end in an exception (failed delivery, return to sender). Default 0.05. */
  exceptionRate?: number;
  /** Seed of ids, tracking codes and histories. Default 1. */
  seed?: number;
  faults?: FaultsInput;
  webhooks?: WebhookDeliveryOptions;
  logger?: Logger;
}

export interface SeedShipmentInput {
  reference: string;
  from: PostalAddress;
  to: PostalAddress;
  parcel: Parcel;
  carrier: string;
  service: string;
  /** ISO 8601: when the label was bought; history runs from there to the emulator's now. */
  purchasedAt: string;
}

export interface SeededShipment {
  carrierShipmentId: string;
  trackingCode: string;
  carrier: string;
}

/** What a new tracker is made of: the plan's inputs and the tracker's identity. */
interface NewTracker extends Omit<PlanInput, 'exceptionRate'> {
  service: string | null;
  shipmentId: string | null;
  code: string;
}

/** One emulated EasyPost account: carriers, shipments, trackers, webhooks, clock and faults. */
export class CarrierEmulator {
  readonly apiKey: string;
  readonly stepMs: number;
  readonly exceptionRate: number;
  readonly seed: number;
  readonly clock = new Clock();
  readonly calls = new CallCounter();
  readonly faults: FaultInjector;
  readonly webhooks: WebhookDispatcher;
  readonly logger: Logger;
  /** Where the emulator listens; label URLs point there. Set by the server. */
  baseUrl = 'http://127.0.0.1:8071';
  readonly #random: () => number;
  readonly #createdAt = Date.now();
  readonly #shipments = new Map<string, ShipmentRecord>();
  readonly #trackers = new Map<string, TrackerRecord>();
  readonly #trackerByCode = new Map<string, string>();
  readonly #webhooks = new Map<string, WebhookRecord>();
  readonly #labels = new Map<string, string>();

  constructor(options: CarrierEmulatorOptions = {}) {
    this.apiKey = options.apiKey ?? CARRIER_EMULATOR_DEMO_KEY;
    this.stepMs = options.stepMs ?? 60_000;
    this.exceptionRate = options.exceptionRate ?? 0.05;
    this.seed = options.seed ?? 1;
    this.#random = seededRandom(this.seed);
    this.logger = options.logger ?? createLogger({ name: 'carrier-emulator' });
    this.faults = new FaultInjector(options.faults);
    this.webhooks = new WebhookDispatcher(this.faults, this.logger, options.webhooks);
  }

  now(): number {
    return this.clock.now();
  }

  carrierAccounts(): Json[] {
    return CARRIERS.map((spec) => renderCarrierAccount(spec, this.#createdAt));
  }

  createShipment(input: {
    from: AddressRecord;
    to: AddressRecord;
    parcel: ParcelRecord;
    reference: string | null;
    carrierAccountIds?: string[];
  }): Json {
    const now = this.now();
    let accounts: CarrierSpec[] | undefined;
    if (input.carrierAccountIds) {
      accounts = input.carrierAccountIds.map((id, i) => {
        const spec = carrierByAccount(id);
        if (!spec)
          throw new ApiError(
            422,
            'SHIPMENT.INVALID_PARAMS',
            'Unable to create shipment, one or more parameters were invalid.',
            [{ field: `carrier_accounts.${i}`, message: `No carrier account ${id}` }],
          );
        return spec;
      });
    }
    const id = objectId('shp', this.#random);
    const rating = rateParcel({
      fromZip: input.from.zip,
      toZip: input.to.zip,
      weightOz: input.parcel.weight,
      accounts,
      faults: this.faults,
      random: this.#random,
      now,
    });
    const record: ShipmentRecord = {
      id,
      reference: input.reference,
      from: input.from,
      to: input.to,
      parcel: input.parcel,
      ...rating,
      createdAt: now,
      updatedAt: now,
      purchase: null,
      refund: null,
    };
    this.#shipments.set(id, record);
    return this.#renderShipment(record);
  }

  shipment(id: string): Json {
    return this.#renderShipment(this.#shipment(id));
  }

  listShipments(pageSize: number, purchased: boolean | undefined): Json {
    const all = [...this.#shipments.values()]
      .filter((s) => purchased === undefined || (s.purchase !== null) === purchased)
      .reverse();
    return {
      shipments: all.slice(0, pageSize).map((s) => this.#renderShipment(s)),
      has_more: all.length > pageSize,
    };
  }

  buy(id: string, rateId: string): Json {
    const shipment = this.#shipment(id);
    if (shipment.purchase)
      throw new ApiError(
        422,
        'SHIPMENT.POSTAGE.EXISTS',
        'Shipment already has postage; it cannot be bought again.',
      );
    const rate = shipment.rates.find((candidate) => candidate.id === rateId);
    if (!rate)
      throw new ApiError(422, 'SHIPMENT.RATE.INVALID', `Rate ${rateId} is not a rate of shipment ${id}.`, [
        { field: 'rate.id', message: 'is not a rate of this shipment' },
      ]);
    const now = this.now();
    const random = seededRandom(hashSeed(`${this.seed}:${id}:${rateId}`));
    const tracker = this.#newTracker({
      spec: rate.spec,
      service: rate.service.service,
      shipmentId: id,
      code: rate.spec.trackingCode(random, rate.service),
      from: placeOf(shipment.from),
      to: placeOf(shipment.to),
      start: now,
      pace: { stepMs: this.stepMs },
      air: rate.service.air,
      random,
    });
    const labelId = objectId('pl', random);
    shipment.purchase = {
      rateId,
      trackingCode: tracker.trackingCode,
      trackerId: tracker.id,
      labelId,
      at: now,
    };
    shipment.updatedAt = now;
    this.#labels.set(labelId, id);
    this.#announce(tracker, 'tracker.created', {});
    return this.#renderShipment(shipment);
  }

  refund(id: string): Json {
    const shipment = this.#shipment(id);
    const purchase = shipment.purchase;
    if (!purchase)
      throw new ApiError(
        422,
        'SHIPMENT.REFUND.UNAVAILABLE',
        'A shipment must be purchased before it can be refunded.',
      );
    if (shipment.refund) return this.#renderShipment(shipment);
    const now = this.now();
    const tracker = this.#trackers.get(purchase.trackerId)!;
    const scanned = visibleEvents(tracker, now).some((event) => event.status !== 'pre_transit');
    // USPS refunds stay `submitted` a while (one step here); UPS and FedEx void at once.
    const completesAt = tracker.spec.carrier === 'USPS' ? now + this.stepMs : now;
    shipment.refund = { at: now, completesAt, rejected: scanned };
    if (!scanned) tracker.cancelledAt = completesAt;
    shipment.updatedAt = now;
    this.tick();
    return this.#renderShipment(shipment);
  }

  createTracker(trackingCode: string, carrierName: string | undefined): Json {
    const known = this.#trackerByCode.get(this.#codeKey(trackingCode, carrierName));
    if (known) return renderTracker(this.#trackers.get(known)!, this.now());
    const spec = carrierName === undefined ? CARRIERS[0]! : carrierByName(carrierName);
    if (!spec)
      throw new ApiError(422, 'TRACKER.CARRIER.INVALID', `Carrier ${carrierName} is not supported.`, [
        { field: 'tracker.carrier', message: 'is not a supported carrier' },
      ]);
    const random = seededRandom(hashSeed(`${this.seed}:${spec.carrier}:${trackingCode}`));
    const tracker = this.#newTracker({
      spec,
      service: null,
      shipmentId: null,
      code: trackingCode,
      from: randomCity(random),
      to: randomCity(random),
      start: this.now(),
      pace: { stepMs: this.stepMs },
      air: false,
      random,
    });
    this.#announce(tracker, 'tracker.created', {});
    return renderTracker(tracker, this.now());
  }

  tracker(id: string): Json {
    const tracker = this.#trackers.get(id);
    if (!tracker) throw notFound(id);
    return renderTracker(tracker, this.now());
  }

  /** GET /v2/trackers: newest first, filtered by `tracking_code` and `carrier`, paged by id and time. */
  listTrackers(filter: {
    trackingCode?: string;
    carrier?: string;
    pageSize: number;
    beforeId?: string;
    afterId?: string;
    start?: number;
    end?: number;
  }): Json {
    let all = [...this.#trackers.values()].reverse();
    if (filter.trackingCode) all = all.filter((t) => t.trackingCode === filter.trackingCode);
    if (filter.carrier)
      all = all.filter((t) => t.spec.carrier.toLowerCase() === filter.carrier!.toLowerCase());
    if (filter.start !== undefined) all = all.filter((t) => t.createdAt >= filter.start!);
    if (filter.end !== undefined) all = all.filter((t) => t.createdAt <= filter.end!);
    if (filter.beforeId) all = all.slice(all.findIndex((t) => t.id === filter.beforeId) + 1);
    if (filter.afterId)
      all = all.slice(
        0,
        Math.max(
          0,
          all.findIndex((t) => t.id === filter.afterId),
        ),
      );
    const now = this.now();
    return {
      trackers: all.slice(0, filter.pageSize).map((t) => renderTracker(t, now)),
      has_more: all.length > filter.pageSize,
    };
  }

  /** POST /v2/trackers/batch: the trackers of these codes (every carrier), unknown codes left out. */
  trackersBatch(codes: readonly string[]): Json {
    const wanted = new Set(codes);
    const now = this.now();
    const trackers: Json[] = [];
    for (const tracker of this.#trackers.values())
      if (wanted.has(tracker.trackingCode)) trackers.push(renderTracker(tracker, now));
    return { trackers, has_more: false };
  }

  createWebhook(url: string, secret: string | null): Json {
    const webhook: WebhookRecord = {
      id: objectId('hook', this.#random),
      url,
      secret,
      createdAt: this.now(),
      disabledAt: null,
    };
    this.#webhooks.set(webhook.id, webhook);
    return renderWebhook(webhook);
  }

  listWebhooks(): Json {
    return { webhooks: [...this.#webhooks.values()].map(renderWebhook) };
  }

  webhook(id: string): Json {
    const webhook = this.#webhooks.get(id);
    if (!webhook) throw notFound(id);
    return renderWebhook(webhook);
  }

  /** PATCH: a new secret, and re-enables a disabled webhook (as EasyPost's update does). */
  updateWebhook(id: string, secret: string | undefined): Json {
    const webhook = this.#webhooks.get(id);
    if (!webhook) throw notFound(id);
    if (secret !== undefined) webhook.secret = secret;
    webhook.disabledAt = null;
    return renderWebhook(webhook);
  }

  deleteWebhook(id: string): Json {
    if (!this.#webhooks.delete(id)) throw notFound(id);
    return {};
  }

  /** The label PDF of a bought shipment, or undefined. */
  label(labelId: string): Buffer | undefined {
    const shipment = this.#shipments.get(this.#labels.get(labelId) ?? '');
    const purchase = shipment?.purchase;
    if (!shipment || !purchase) return undefined;
    const rate = shipment.rates.find((r) => r.id === purchase.rateId)!;
    const to = shipment.to;
    return labelPdf([
      `${rate.spec.carrier} ${rate.service.service}`,
      purchase.trackingCode,
      to.name ?? to.company ?? '',
      to.street1,
      `${to.city} ${to.state ?? ''} ${to.zip}`,
      `Ref ${shipment.reference ?? '-'}`,
    ]);
  }

  /**
   * A shipment bought in the past, for the demo seeder: its history runs from `purchasedAt` to now at
   * the service's real pace (older ones delivered, a few exceptions). The same input gives the same
   * shipment, ids and tracking code; seeding it again returns the one already there.
   */
  seedShipment(input: SeedShipmentInput): SeededShipment {
    const spec = carrierByName(input.carrier);
    const service = spec && serviceOf(spec, input.service);
    if (!spec || !service) throw new Error(`unknown carrier service ${input.carrier} ${input.service}`);
    const purchasedAt = Date.parse(input.purchasedAt);
    if (!Number.isFinite(purchasedAt)) throw new Error(`purchasedAt is not a time: ${input.purchasedAt}`);
    const random = seededRandom(hashSeed(JSON.stringify(input)));
    const id = objectId('shp', random);
    const existing = this.#shipments.get(id);
    if (existing?.purchase)
      return { carrierShipmentId: id, trackingCode: existing.purchase.trackingCode, carrier: spec.carrier };
    const from = addressRecord(input.from);
    const to = addressRecord(input.to);
    const zone = zoneBetween(from.zip, to.zip);
    const rate = {
      id: objectId('rate', random),
      spec,
      service,
      cents: 0,
      days: transitDays(service, zone),
      createdAt: purchasedAt,
    };
    rate.cents = rateParcel({
      fromZip: from.zip,
      toZip: to.zip,
      weightOz: input.parcel.weightOz,
      accounts: [spec],
      faults: new FaultInjector(),
      random,
      now: purchasedAt,
    }).rates.find((r) => r.service === service)!.cents;
    const code = spec.trackingCode(random, service);
    const tracker = this.#newTracker({
      spec,
      service: service.service,
      shipmentId: id,
      code,
      from: placeOf(from),
      to: placeOf(to),
      start: purchasedAt,
      pace: { transitMs: rate.days * DAY_MS },
      air: service.air,
      random,
    });
    tracker.announced = visibleEvents(tracker, this.now()).length;
    tracker.announcedStatus = trackerStatus(tracker, this.now());
    const labelId = objectId('pl', random);
    this.#labels.set(labelId, id);
    const parcel = {
      weight: input.parcel.weightOz,
      length: input.parcel.lengthIn,
      width: input.parcel.widthIn,
      height: input.parcel.heightIn,
    };
    this.#shipments.set(id, {
      id,
      reference: input.reference,
      from,
      to,
      parcel,
      zone,
      rates: [rate],
      messages: [],
      createdAt: purchasedAt,
      updatedAt: purchasedAt,
      purchase: { rateId: rate.id, trackingCode: code, trackerId: tracker.id, labelId, at: purchasedAt },
      refund: null,
    });
    return { carrierShipmentId: id, trackingCode: code, carrier: spec.carrier };
  }

  /** Announces, by webhook, every tracker that has new details since it was last announced. */
  tick(): void {
    const now = this.now();
    for (const tracker of this.#trackers.values()) {
      const visible = visibleEvents(tracker, now).length;
      const status = trackerStatus(tracker, now);
      if (visible === tracker.announced && status === tracker.announcedStatus) continue;
      const previous = status === tracker.announcedStatus ? {} : { status: tracker.announcedStatus };
      tracker.announced = visible;
      tracker.announcedStatus = status;
      this.#announce(tracker, 'tracker.updated', previous);
    }
  }

  #announce(tracker: TrackerRecord, description: string, previous: Json): void {
    if (this.#webhooks.size === 0) return;
    const now = this.now();
    const event = {
      id: objectId('evt', this.#random),
      object: 'Event',
      mode: 'test',
      description,
      previous_attributes: previous,
      result: renderTracker(tracker, now),
      status: 'pending',
      pending_urls: [...this.#webhooks.values()].map((w) => w.url),
      completed_urls: [],
      created_at: iso(now),
      updated_at: iso(now),
    };
    this.webhooks.deliver([...this.#webhooks.values()], event);
  }

  #newTracker(input: NewTracker): TrackerRecord {
    const { spec, service, shipmentId, code, start, random } = input;
    const plan = planTracking({ ...input, exceptionRate: this.exceptionRate });
    const tracker: TrackerRecord = {
      id: objectId('trk', random),
      trackingCode: code,
      spec,
      service,
      shipmentId,
      plan,
      createdAt: start,
      cancelledAt: null,
      announced: 1,
      announcedStatus: 'pre_transit',
    };
    this.#trackers.set(tracker.id, tracker);
    this.#trackerByCode.set(this.#codeKey(code, spec.carrier), tracker.id);
    this.#trackerByCode.set(this.#codeKey(code, undefined), tracker.id);
    return tracker;
  }

  #codeKey(code: string, carrier: string | undefined): string {
    return `${(carrier ?? '*').toLowerCase()}:${code}`;
  }

  #shipment(id: string): ShipmentRecord {
    const shipment = this.#shipments.get(id);
    if (!shipment) throw notFound(id);
    return shipment;
  }

  #renderShipment(shipment: ShipmentRecord): Json {
    const tracker = shipment.purchase ? this.#trackers.get(shipment.purchase.trackerId) : undefined;
    return renderShipment(shipment, tracker, this.now(), this.baseUrl);
  }
}
