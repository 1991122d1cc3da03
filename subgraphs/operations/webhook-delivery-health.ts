import type { RedisClient } from '../../platform/redis.js';
import type { DeliveryAttempt } from '../../platform/webhooks/delivery-log.js';
import type { PartnerWebhooks } from '../../platform/webhooks/partner-webhooks.js';
import type { ReplayResult } from '../../platform/webhooks/replay-deliveries.js';
import { WebhookDeadLetters } from '../../platform/webhooks/webhook-dead-letters.js';
import type { WebhookOwner } from '../../platform/webhooks/webhook-endpoint.js';
import { readStreamPage, type StreamPage } from '../../platform/events/stream-page.js';

/** A delivery that used every attempt, from `<namespace>:webhooks:dead`. */
export interface WebhookDeadLetter {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  attempts: number;
  error: string;
  deadAt: string;
}

/** Delivery outcomes of one partner's endpoints (null: internally owned endpoints). */
export interface PartnerDeliveryFigures {
  tenantPartnerId: number | null;
  endpoints: number;
  attempts: number;
  delivered: number;
  failed: number;
  /** delivered / attempts; null without attempts. */
  successRate: number | null;
}

/** How many recent attempts per endpoint the figures read. */
export const RECENT_ATTEMPTS = 50;
const ENDPOINT_PAGE = 100;

/** Dead-lettered webhook deliveries with their replay, and delivery success per partner. */
export class WebhookDeliveryHealth {
  readonly #redis: RedisClient;
  readonly #webhooks: PartnerWebhooks;
  readonly #deadLetters: WebhookDeadLetters;

  constructor(redis: RedisClient, webhooks: PartnerWebhooks, namespace = 'dg') {
    this.#redis = redis;
    this.#webhooks = webhooks;
    this.#deadLetters = new WebhookDeadLetters(redis, namespace);
  }

  async deadLetters(first: number, after: string | null): Promise<StreamPage<WebhookDeadLetter>> {
    const page = await readStreamPage(this.#redis, this.#deadLetters.key, first, after);
    return { ...page, items: page.items.map(({ id, fields }) => deadLetterOf(id, fields)) };
  }

  countDeadLetters(): Promise<number> {
    return this.#deadLetters.count();
  }

  /**
   * Queues the dead letter's event to its endpoint again (`PartnerWebhooks.replay`) and removes the dead
   * letter; null when there is none with this id. WebhookError when the endpoint is gone or disabled.
   */
  async replay(
    owner: WebhookOwner,
    id: string,
  ): Promise<(ReplayResult & { deadLetter: WebhookDeadLetter }) | null> {
    const fields = await this.#deadLetters.get(id);
    if (!fields) return null;
    const deadLetter = deadLetterOf(id, fields);
    const result = await this.#webhooks.replay(owner, deadLetter.endpointId, {
      eventIds: [deadLetter.eventId],
    });
    await this.#deadLetters.remove(id);
    return { ...result, deadLetter };
  }

  /** Per partner, over the last {@link RECENT_ATTEMPTS} attempts of each of its endpoints. */
  async perPartner(owner: WebhookOwner): Promise<PartnerDeliveryFigures[]> {
    const byTenant = new Map<number | null, PartnerDeliveryFigures>();
    for (let offset = 0; ; offset += ENDPOINT_PAGE) {
      const endpoints = await this.#webhooks.endpoints(owner, offset, ENDPOINT_PAGE);
      for (const endpoint of endpoints) {
        const attempts = await this.#webhooks.deliveries(owner, endpoint.id, RECENT_ATTEMPTS);
        const figures = byTenant.get(endpoint.tenantPartnerId) ?? emptyFigures(endpoint.tenantPartnerId);
        byTenant.set(endpoint.tenantPartnerId, add(figures, attempts));
      }
      if (endpoints.length < ENDPOINT_PAGE) break;
    }
    return [...byTenant.values()].sort((a, b) => (a.tenantPartnerId ?? 0) - (b.tenantPartnerId ?? 0));
  }
}

function deadLetterOf(id: string, fields: Record<string, string>): WebhookDeadLetter {
  return {
    id,
    endpointId: fields.endpointId ?? '',
    eventId: fields.eventId ?? '',
    eventType: fields.eventType ?? '',
    attempts: Number(fields.attempts ?? 0),
    error: fields.error ?? '',
    deadAt: fields.deadAt ?? '',
  };
}

function emptyFigures(tenantPartnerId: number | null): PartnerDeliveryFigures {
  return { tenantPartnerId, endpoints: 0, attempts: 0, delivered: 0, failed: 0, successRate: null };
}

function add(figures: PartnerDeliveryFigures, attempts: DeliveryAttempt[]): PartnerDeliveryFigures {
  const delivered = figures.delivered + attempts.filter((a) => a.outcome === 'delivered').length;
  const failed =
    figures.failed +
    attempts.filter((a) => a.outcome === 'retrying' || a.outcome === 'dead_lettered' || a.outcome === 'gone')
      .length;
  const total = figures.attempts + attempts.length;
  return {
    tenantPartnerId: figures.tenantPartnerId,
    endpoints: figures.endpoints + 1,
    attempts: total,
    delivered,
    failed,
    successRate: total > 0 ? delivered / total : null,
  };
}
