import type { EventLog } from '../events/event-log.js';
import type { Logger } from '../logger.js';
import type { RedisClient } from '../redis.js';
import { DeliveryLog, type DeliveryAttempt } from './delivery-log.js';
import { DeliveryQueue } from './delivery-queue.js';
import { EndpointStore } from './endpoint-store.js';
import { replayDeliveries, type ReplayResult } from './replay-deliveries.js';
import type { ReplayRequest } from './replay-request.js';
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule.js';
import { endpointUrlSchema, resolveAllowedAddresses, type UrlPolicy } from './url-policy.js';
import {
  INTERNAL_ONLY_EVENT_TYPES,
  newEndpointSchema,
  ownsEndpoint,
  type NewEndpoint,
  type WebhookEndpoint,
  type WebhookOwner,
} from './webhook-endpoint.js';
import { WebhookError, type WebhookIssue } from './webhook-errors.js';

const ENDPOINT_ID = /^whe_[0-9a-f]{24}$/;

export interface PartnerWebhooksOptions {
  /** Shared client for endpoints and the delivery log. */
  redis: RedisClient;
  /** For the delivery queue's own connection (replays are queued from here). */
  redisUrl: string;
  /** The log replays read from. */
  events: EventLog;
  /** `production` requires https endpoints. */
  mode: 'demo' | 'production';
  /** Whether endpoints may be on loopback addresses. Default: true in demo mode, false in production. */
  allowLoopback?: boolean;
  /** Key namespace. Default `dg`. */
  namespace?: string;
  /** Must match the worker's: it sets how many attempts a replayed delivery gets. Default the documented one. */
  schedule?: RetrySchedule;
  /** Most endpoints one owner (a partner, or the internal owner) may register. Default 20. */
  maxEndpointsPerOwner?: number;
  /** Where the delivery queue's connection errors are logged. */
  logger?: Logger;
}

/**
 * Webhook endpoints as their owners manage them: register (the secret shown once), list, read, remove,
 * enable, list deliveries and replay. A partner sees only its tenant's endpoints; an internal owner sees
 * all. An endpoint another partner owns is answered as unknown, never as forbidden (no existence leak).
 */
export class PartnerWebhooks {
  readonly #store: EndpointStore;
  readonly #log: DeliveryLog;
  readonly #queue: DeliveryQueue;
  readonly #events: EventLog;
  readonly policy: UrlPolicy;
  readonly #maxEndpoints: number;

  constructor(options: PartnerWebhooksOptions) {
    this.#store = new EndpointStore(options.redis, options.namespace);
    this.#log = new DeliveryLog(options.redis, options.namespace);
    this.#queue = new DeliveryQueue({
      redisUrl: options.redisUrl,
      namespace: options.namespace,
      schedule: options.schedule ?? DEFAULT_RETRY_SCHEDULE,
      logger: options.logger,
    });
    this.#events = options.events;
    this.policy = { mode: options.mode, allowLoopback: options.allowLoopback ?? options.mode === 'demo' };
    this.#maxEndpoints = options.maxEndpointsPerOwner ?? 20;
  }

  /** Checks and stores a new endpoint; WebhookError (INVALID_INPUT, URL_NOT_ALLOWED, …) when refused. */
  async register(
    owner: WebhookOwner,
    input: NewEndpoint,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const parsed = newEndpointSchema.safeParse(input);
    const issues: WebhookIssue[] = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? 'input'), message: i.message }));
    const url = endpointUrlSchema.safeParse(input.url.trim());
    if (!url.success) issues.push(...url.error.issues.map((i) => ({ path: 'url', message: i.message })));
    const internalOnly = (input.eventTypes ?? []).filter((t) => INTERNAL_ONLY_EVENT_TYPES.includes(t));
    if (owner.tenantPartnerId !== null && internalOnly.length > 0)
      issues.push({ path: 'eventTypes', message: `internal endpoints only: ${internalOnly.join(', ')}` });
    if (issues.length > 0 || !parsed.success || !url.success)
      throw new WebhookError('INVALID_INPUT', 'The endpoint is invalid.', issues);
    await resolveAllowedAddresses(new URL(url.data), this.policy);
    if ((await this.#store.count(owner)) >= this.#maxEndpoints && owner.tenantPartnerId !== null)
      throw new WebhookError(
        'ENDPOINT_LIMIT_REACHED',
        `At most ${this.#maxEndpoints} endpoints per partner.`,
      );
    return this.#store.create({ owner, ...parsed.data, url: url.data });
  }

  /** The endpoint when `owner` may see it, else null. */
  async endpoint(owner: WebhookOwner, id: string): Promise<WebhookEndpoint | null> {
    if (!ENDPOINT_ID.test(id)) return null; // not ours, and never a key pattern
    const endpoint = await this.#store.get(id);
    return endpoint && ownsEndpoint(owner, endpoint) ? endpoint : null;
  }

  endpoints(owner: WebhookOwner, offset: number, limit: number): Promise<WebhookEndpoint[]> {
    return this.#store.list(owner, offset, limit);
  }

  countEndpoints(owner: WebhookOwner): Promise<number> {
    return this.#store.count(owner);
  }

  /** Removes the endpoint with its secret and delivery log; its queued deliveries are dropped. */
  async remove(owner: WebhookOwner, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.#owned(owner, id);
    await this.#store.remove(id);
    await this.#log.drop(id);
    return endpoint;
  }

  /** Makes a failing or disabled endpoint active again (new events flow; replay what it missed). */
  async enable(owner: WebhookOwner, id: string): Promise<WebhookEndpoint> {
    await this.#owned(owner, id);
    const endpoint = await this.#store.setStatus(id, 'active', null);
    if (!endpoint) throw new WebhookError('UNKNOWN_ENDPOINT');
    return endpoint;
  }

  /** Up to `count` recent attempts, newest first, older than attempt record `before` when given. */
  async deliveries(
    owner: WebhookOwner,
    id: string,
    count: number,
    before?: string,
  ): Promise<DeliveryAttempt[]> {
    await this.#owned(owner, id);
    return this.#log.list(id, count, before);
  }

  /** Queues a replay to the endpoint; refused while it is disabled. */
  async replay(owner: WebhookOwner, id: string, request: ReplayRequest): Promise<ReplayResult> {
    const endpoint = await this.#owned(owner, id);
    if (endpoint.status === 'disabled') throw new WebhookError('ENDPOINT_DISABLED');
    return replayDeliveries(this.#events, this.#queue, endpoint, request);
  }

  close(): Promise<void> {
    return this.#queue.close();
  }

  async #owned(owner: WebhookOwner, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoint(owner, id);
    if (!endpoint) throw new WebhookError('UNKNOWN_ENDPOINT');
    return endpoint;
  }
}
