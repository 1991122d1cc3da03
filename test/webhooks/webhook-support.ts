import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventLog } from '../../platform/events/event-log.js';
import type { NewEvent } from '../../platform/events/canonical-event.js';
import type { RedisClient } from '../../platform/redis.js';
import { PartnerWebhooks } from '../../platform/webhooks/partner-webhooks.js';
import type { RetrySchedule } from '../../platform/webhooks/retry-schedule.js';
import { startPartnerWebhooks } from '../../platform/webhooks/start-partner-webhooks.js';
import { connect, logger, REDIS_URL, waitFor } from '../platform/events/events-support.js';

export { REDIS_URL, waitFor };

/** Four attempts 20, 40 and 80 ms apart: the documented schedule's shape, in milliseconds. */
export const FAST_SCHEDULE: RetrySchedule = { delaysMs: [20, 40, 80], jitter: 0 };

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A partner's endpoint on 127.0.0.1: records every request and answers `status(n)` to the n-th (from 1);
 * a status of 0 means no answer at all (the request hangs until the receiver closes).
 */
export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** The `id` of each event received, in arrival order. */
  eventIds(): string[];
  close(): Promise<void>;
}

export async function startReceiver(status: (n: number) => number = () => 200): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let served = 0; // not requests.length: a test may clear what it has checked
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const code = status(++served);
      if (code === 0) return;
      res.writeHead(code, code >= 300 && code < 400 ? { location: 'http://127.0.0.1:1/elsewhere' } : {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    eventIds: () => requests.map((r) => (JSON.parse(r.body) as { id: string }).id),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Partner webhooks over a namespace and stream of their own: the runtime plus the management service. */
export interface WebhooksFixture {
  redis: RedisClient;
  namespace: string;
  events: EventLog;
  service: PartnerWebhooks;
  close(): Promise<void>;
}

export async function startWebhooks(
  options: {
    allowLoopback?: boolean;
    mode?: 'demo' | 'production';
    schedule?: RetrySchedule;
    deliveryTimeoutMs?: number;
  } = {},
): Promise<WebhooksFixture> {
  const redis = await connect();
  const namespace = `test-webhooks-${randomUUID()}`;
  const events = new EventLog({ redis, stream: `${namespace}:events`, blockMs: 50 });
  const common = { redis, redisUrl: REDIS_URL, events, mode: options.mode ?? 'demo', namespace } as const;
  const schedule = options.schedule ?? FAST_SCHEDULE;
  const service = new PartnerWebhooks({ ...common, schedule, allowLoopback: true });
  const runtime = await startPartnerWebhooks({
    ...common,
    logger,
    schedule,
    allowLoopback: options.allowLoopback ?? true,
    deliveryTimeoutMs: options.deliveryTimeoutMs ?? 1000,
  });
  return {
    redis,
    namespace,
    events,
    service,
    close: async () => {
      await runtime.close();
      await service.close();
      const keys: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${namespace}:*`, COUNT: 1000 }))
        keys.push(...batch);
      if (keys.length > 0) await redis.del(keys);
      redis.destroy();
    },
  };
}

export const partnerOwner = (tenantPartnerId: number) => ({
  principalId: `partner-${tenantPartnerId}`,
  tenantPartnerId,
});
export const internalOwner = { principalId: 'staff-1', tenantPartnerId: null };

/** An `order.status_changed` event of tenant `tenant` (null: internal only). */
export function orderEvent(n: number, tenant: number | null = 7): NewEvent {
  return {
    type: 'order.status_changed',
    source: 'odoo',
    subject: `SO${n}`,
    time: '2026-01-02T03:04:05.000Z',
    tenantPartnerId: tenant,
    data: { orderNumber: `SO${n}`, status: 'CONFIRMED', previousStatus: null },
  };
}

/** Appends `event` with a unique de-duplication key; its id. */
export async function append(events: EventLog, event: NewEvent): Promise<string> {
  return (await events.append(event, { dedupKey: randomUUID() })).id;
}
