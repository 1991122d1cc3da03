import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis.js';
import type { EventType } from '../events/canonical-event.js';
import { newSigningSecret } from './sign-webhook.js';
import {
  webhookEndpointSchema,
  type EndpointStatus,
  type WebhookEndpoint,
  type WebhookOwner,
} from './webhook-endpoint.js';

/** Sets the fields ARGV (pairs) on KEYS[1] only if it still exists, so a removed endpoint stays removed. */
const UPDATE_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

export interface NewEndpointRecord {
  owner: WebhookOwner;
  url: string;
  eventTypes: EventType[];
  description: string;
}

/**
 * Webhook endpoints in Redis, under `<namespace>:webhooks:`: a hash per endpoint, a sorted set of all
 * endpoints and one per owning tenant (by creation time, for paging) and a set per event type (for the
 * dispatcher). The signing secret is a field of the endpoint's hash: the delivery worker must sign with
 * it, so unlike an API key it cannot be kept as a hash only. It is returned once, at registration, and
 * never read by anything but the worker; protect Redis accordingly (ACLs, TLS, no public access).
 */
export class EndpointStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(redis: RedisClient, namespace = 'dg') {
    this.#redis = redis;
    this.#prefix = `${namespace}:webhooks`;
  }

  #key = (id: string) => `${this.#prefix}:endpoint:${id}`;
  #ownerKey = (tenant: number | null) => `${this.#prefix}:tenant:${tenant ?? 'internal'}`;
  #typeKey = (type: EventType) => `${this.#prefix}:type:${type}`;
  get #allKey() {
    return `${this.#prefix}:endpoints`;
  }

  /** Stores a new active endpoint with a fresh secret; the secret is in this answer only. */
  async create(record: NewEndpointRecord): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const now = new Date();
    const endpoint: WebhookEndpoint = {
      id: `whe_${randomBytes(12).toString('hex')}`,
      tenantPartnerId: record.owner.tenantPartnerId,
      ownerId: record.owner.principalId,
      url: record.url,
      eventTypes: record.eventTypes,
      description: record.description,
      status: 'active',
      statusReason: null,
      statusChangedAt: now.toISOString(),
      createdAt: now.toISOString(),
    };
    const secret = newSigningSecret();
    const multi = this.#redis
      .multi()
      .hSet(this.#key(endpoint.id), { ...fieldsOf(endpoint), secret })
      .zAdd(this.#allKey, { score: now.getTime(), value: endpoint.id })
      .zAdd(this.#ownerKey(endpoint.tenantPartnerId), { score: now.getTime(), value: endpoint.id });
    for (const type of endpoint.eventTypes) multi.sAdd(this.#typeKey(type), endpoint.id);
    await multi.exec();
    return { endpoint, secret };
  }

  /** The endpoint, or null when there is none with this id. */
  async get(id: string): Promise<WebhookEndpoint | null> {
    const fields = await this.#redis.hGetAll(this.#key(id));
    return endpointOf(fields);
  }

  /** The endpoint with its signing secret: for the delivery worker only. */
  async getForDelivery(id: string): Promise<{ endpoint: WebhookEndpoint; secret: string } | null> {
    const fields = await this.#redis.hGetAll(this.#key(id));
    const endpoint = endpointOf(fields);
    return endpoint && fields.secret ? { endpoint, secret: fields.secret } : null;
  }

  /** How many endpoints `owner` sees (an internal owner: all of them). */
  count(owner: WebhookOwner): Promise<number> {
    return this.#redis.zCard(this.#listKey(owner));
  }

  /** A page of the endpoints `owner` sees, oldest first. */
  async list(owner: WebhookOwner, offset: number, limit: number): Promise<WebhookEndpoint[]> {
    if (limit <= 0) return [];
    const ids = await this.#redis.zRange(this.#listKey(owner), offset, offset + limit - 1);
    return this.#many(ids);
  }

  /** Every endpoint subscribed to `type`, whatever its status or tenant. */
  async subscribedTo(type: EventType): Promise<WebhookEndpoint[]> {
    return this.#many(await this.#redis.sMembers(this.#typeKey(type)));
  }

  /** Sets the status (and why); the endpoint after the change, or null when it no longer exists. */
  async setStatus(
    id: string,
    status: EndpointStatus,
    reason: string | null,
  ): Promise<WebhookEndpoint | null> {
    const updated = await this.#redis.eval(UPDATE_IF_EXISTS, {
      keys: [this.#key(id)],
      arguments: [
        'status',
        status,
        'statusReason',
        reason ?? '',
        'statusChangedAt',
        new Date().toISOString(),
      ],
    });
    return updated === 1 ? this.get(id) : null;
  }

  /** Deletes the endpoint and its secret; false when there was none. */
  async remove(id: string): Promise<boolean> {
    const endpoint = await this.get(id);
    if (!endpoint) return false;
    const multi = this.#redis
      .multi()
      .del(this.#key(id))
      .zRem(this.#allKey, id)
      .zRem(this.#ownerKey(endpoint.tenantPartnerId), id);
    for (const type of endpoint.eventTypes) multi.sRem(this.#typeKey(type), id);
    await multi.exec();
    return true;
  }

  #listKey(owner: WebhookOwner): string {
    return owner.tenantPartnerId === null ? this.#allKey : this.#ownerKey(owner.tenantPartnerId);
  }

  async #many(ids: string[]): Promise<WebhookEndpoint[]> {
    if (ids.length === 0) return [];
    const multi = this.#redis.multi();
    for (const id of ids) multi.hGetAll(this.#key(id));
    const replies = (await multi.exec()) as unknown as Record<string, string>[];
    return replies.map(endpointOf).filter((e): e is WebhookEndpoint => e !== null);
  }
}

function fieldsOf(endpoint: WebhookEndpoint): Record<string, string> {
  return {
    id: endpoint.id,
    tenant: endpoint.tenantPartnerId === null ? '' : String(endpoint.tenantPartnerId),
    ownerId: endpoint.ownerId,
    url: endpoint.url,
    eventTypes: endpoint.eventTypes.join(','),
    description: endpoint.description,
    status: endpoint.status,
    statusReason: endpoint.statusReason ?? '',
    statusChangedAt: endpoint.statusChangedAt,
    createdAt: endpoint.createdAt,
  };
}

/** The stored hash as an endpoint; null for a missing (empty) or unreadable one. */
function endpointOf(fields: Record<string, string>): WebhookEndpoint | null {
  if (!fields.id) return null;
  const parsed = webhookEndpointSchema.safeParse({
    id: fields.id,
    tenantPartnerId: fields.tenant ? Number(fields.tenant) : null,
    ownerId: fields.ownerId,
    url: fields.url,
    eventTypes: (fields.eventTypes ?? '').split(',').filter(Boolean),
    description: fields.description ?? '',
    status: fields.status,
    statusReason: fields.statusReason || null,
    statusChangedAt: fields.statusChangedAt,
    createdAt: fields.createdAt,
  });
  return parsed.success ? parsed.data : null;
}
