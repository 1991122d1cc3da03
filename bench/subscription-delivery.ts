/**
 * Issue 6: how long a carrier webhook takes to reach a subscriber through the gateway, and the gateway's
 * memory. 1,000 graphql-ws subscribers (one socket each, as one browser tab each would have) follow one
 * tracking number each with the internal demo key; signed EasyPost `tracker.updated` deliveries are posted
 * to the events service on an open-loop schedule at each rate of BENCH_RATES (default 200 then 1,000
 * events/s) for BENCH_SECONDS (default 10) each, round robin over the subscribers, so deliveries/s =
 * events/s. Each body is the emulator's own tracker of a seeded shipment (its reference a real demo order),
 * with a new in-transit scan one second after the previous one sent, so no delivery is a duplicate; the
 * receiver reads the shipment from the carrier and the order's tenant from Odoo, as in production. Delay =
 * the subscriber's receipt − the moment the webhook request was sent, both on this process's clock.
 *
 * Three processes: this one (load and subscribers), the stack (emulated Odoo, WMS and carrier, the six
 * subgraphs, an idle embedded gateway, and an events service of ours on the stack's stream: the embedded
 * one keeps its carrier secret to itself, so the emulator's webhook to it is removed) and the gateway
 * alone, whose memory is measured after a full collection. Bounded: a hard timeout of BENCH_TIMEOUT_S
 * (default 180 s), loopback only; the Redis keys it made and its temp file are deleted at the end.
 * Knobs: BENCH_SUBSCRIBERS, BENCH_CONCURRENCY (webhooks in flight, 256), BENCH_ODOO_MAX_CONCURRENCY and
 * BENCH_ODOO_MAX_QUEUE (the events service's Odoo client, 4 and 100 as in production), BENCH_LOG_LEVEL
 * (children, default fatal), BENCH_PROFILE=1 (CPU profiles of the gateway and the stack at the last rate).
 *   REDIS_URL=redis://127.0.0.1:6379 npm run bench:subscriptions
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { unlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  CarrierClient,
  parseCarrierConfig,
  signCarrierWebhook,
  CARRIER_SIGNATURE_HEADER,
} from '../connectors/carrier/index.js';
import { OdooClient, odooConfigSchema } from '../connectors/odoo/index.js';
import { parseWmsConfig, WmsClient } from '../connectors/wms/index.js';
import { startEventsService } from '../events/service.js';
import { InMemoryApiKeyStore } from '../gateway/auth/api-keys.js';
import { DEMO_API_KEYS, DEMO_INTERNAL_API_KEY, type DemoPartner } from '../gateway/auth/demo-api-keys.js';
import { startGateway } from '../gateway/server.js';
import { createLogger } from '../platform/logger.js';
import { connectRedis } from '../platform/redis.js';
import { startEmbeddedStack } from '../stack/embedded-stack.js';
import { forkReady, type ReadyChild } from './support/child.js';
import { describeMachine } from './support/machine.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? '1000');
const RATES = (process.env.BENCH_RATES ?? '200,1000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? '10');
/** Webhook requests in flight at most (keep-alive sockets); a send waits for a free one. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? '256');
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? '180') * 1000;
/** The events service's Odoo client: calls at once and waiting, as in production (ODOO_MAX_CONCURRENCY...). */
const ODOO_MAX_CONCURRENCY = Number(process.env.BENCH_ODOO_MAX_CONCURRENCY ?? '4');
const ODOO_MAX_QUEUE = Number(process.env.BENCH_ODOO_MAX_QUEUE ?? '100');
/** The children's log level; refusals are reported from the answers instead. */
const CHILD_LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'fatal';
/** BENCH_PROFILE=1: CPU profiles of the gateway and the stack during the last rate, written to the temp folder. */
const PROFILE = process.env.BENCH_PROFILE === '1';
const LOAD_AT_START = loadavg()
  .map((load) => load.toFixed(2))
  .join(' / ');
const SUBSCRIPTION = `subscription Parcel($trackingNumbers: [String!]) {
  shipmentUpdated(trackingNumbers: $trackingNumbers) { eventId trackingNumber status occurredAt }
}`;

/** The tracker as the carrier emulator renders it (EasyPost's Tracker). */
interface TrackerJson extends Record<string, unknown> {
  tracking_code: string;
  carrier: string;
  tracking_details: Record<string, unknown>[];
}

interface StackReady {
  supergraphPath: string;
  identitySecret: string;
  demoPartners: DemoPartner[];
  webhookUrl: string;
  carrierSecret: string;
  trackers: TrackerJson[];
}

interface Memory {
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
}

interface Probe {
  /** CPU time (user + system) this process has used so far. */
  cpuMs: number;
  /** After a full collection; only when asked for. */
  memory?: Memory;
  /** Where a CPU profile was written. */
  profile?: string;
}

const cpuMsOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function memoryNow(): Memory {
  const m = process.memoryUsage();
  return {
    rssMB: mb(m.rss),
    heapUsedMB: mb(m.heapUsed),
    heapTotalMB: mb(m.heapTotal),
    externalMB: mb(m.external),
  };
}

// ---- In the children: memory on request (after a full collection), and a clean close on disconnect. ----

function serveProbes(name: string): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const session = new Session();
  process.on('message', (message) => {
    if (message === 'profile-start') {
      session.connect();
      void session
        .post('Profiler.enable')
        .then(() => session.post('Profiler.start'))
        .then(() => process.send?.({ probe: { cpuMs: 0 } }));
    }
    if (message === 'profile-stop') {
      const path = join(tmpdir(), `${name}-${process.pid}.cpuprofile`);
      void session.post('Profiler.stop').then(({ profile }) => {
        writeFileSync(path, JSON.stringify(profile));
        session.disconnect();
        process.send?.({ probe: { cpuMs: 0, profile: path } });
      });
    }
    if (message !== 'cpu' && message !== 'memory') return;
    const cpuMs = cpuMsOf(process.cpuUsage());
    if (message === 'cpu') return void process.send?.({ probe: { cpuMs } });
    gc();
    process.send?.({ probe: { cpuMs, memory: memoryNow() } });
  });
}

/** The stack with the events service of the embedded stack replaced by one whose carrier secret we know. */
async function runStack(stream: string): Promise<void> {
  const logger = createLogger({ name: 'bench-stack', level: CHILD_LOG_LEVEL });
  const identitySecret = randomBytes(32).toString('hex');
  const stack = await startEmbeddedStack({
    logger,
    redisUrl: REDIS_URL,
    eventStream: stream,
    reconcile: false,
    identitySecret,
  });
  const emulator = stack.carrier.emulator;
  // Only our deliveries make events: the emulator's own webhook (to the stack's events service) goes.
  for (const hook of (emulator.listWebhooks() as { webhooks: { id: string }[] }).webhooks)
    emulator.deleteWebhook(hook.id);
  const redis = await connectRedis({ url: REDIS_URL, logger });
  const odoo = new OdooClient({
    config: odooConfigSchema.parse({
      url: stack.odoo.url,
      apiKey: stack.odoo.apiKey,
      database: stack.odoo.database,
      login: stack.odoo.login,
      maxConcurrency: ODOO_MAX_CONCURRENCY,
      maxQueue: ODOO_MAX_QUEUE,
    }),
    logger,
  });
  const carrierSecret = randomBytes(24).toString('base64url');
  const events = await startEventsService({
    redis,
    stream,
    odoo,
    wms: new WmsClient(parseWmsConfig({ url: stack.wms.url, token: stack.wms.token }, { mode: 'demo' }), {
      logger,
    }),
    carrier: new CarrierClient(
      parseCarrierConfig({ url: stack.carrier.url, apiKey: stack.carrier.apiKey }, { mode: 'demo' }),
      { logger },
    ),
    secrets: { carrier: carrierSecret },
    reconcile: false,
    logger,
  });
  // One parcel per subscriber, each shipped for a real demo order (orders reused round robin).
  const orders = await odoo.searchRead('sale.order', {
    domain: [['state', '=', 'sale']],
    fields: ['name'],
    order: 'id',
    limit: SUBSCRIBERS,
  });
  const codes = [];
  for (let i = 0; i < SUBSCRIBERS; i += 1) {
    const number = String(orders[i % orders.length]!.name);
    const address = (street1: string, city: string, state: string, postalCode: string) => ({
      name: number,
      company: null,
      street1,
      street2: null,
      city,
      state,
      postalCode,
      country: 'US',
      phone: null,
      email: null,
    });
    const label = emulator.seedShipment({
      reference: number,
      from: address('1 Dock Rd', 'Chicago', 'IL', '60601'),
      to: address(`${100 + i} Main St`, 'Dallas', 'TX', '75201'),
      parcel: { weightOz: 40, lengthIn: 12, widthIn: 10, heightIn: 8 },
      carrier: 'UPS',
      service: 'Ground',
      purchasedAt: new Date(emulator.now() - 2 * 60 * 60 * 1000).toISOString(),
    });
    codes.push(label.trackingCode);
  }
  const { trackers } = emulator.trackersBatch(codes) as { trackers: TrackerJson[] };
  // The supergraph goes by file: it is larger than an environment variable may be.
  const supergraphPath = join(tmpdir(), `${stream}.graphql`);
  writeFileSync(supergraphPath, stack.supergraphSdl);
  serveProbes('bench-stack');
  process.on('disconnect', () => {
    void events
      .close()
      .then(() => stack.close())
      .then(() => redis.destroy())
      .finally(() => process.exit(0));
  });
  const ready: StackReady = {
    supergraphPath,
    identitySecret,
    demoPartners: stack.demoPartners,
    webhookUrl: `${events.url}/webhooks/carrier`,
    carrierSecret,
    trackers: codes.map((code) => trackers.find((t) => t.tracking_code === code)!),
  };
  process.send?.(ready);
}

/** The gateway alone, over the stack's subgraphs, with Redis for its rate limits and audit (keys under `stream`). */
async function runGateway(stream: string, input: Omit<StackReady, 'trackers'>): Promise<void> {
  const logger = createLogger({ name: 'bench-gateway', level: CHILD_LOG_LEVEL });
  const redis = await connectRedis({ url: REDIS_URL, logger });
  const gateway = await startGateway({
    port: 0,
    supergraphPath: input.supergraphPath,
    identitySecret: input.identitySecret,
    apiKeys: new InMemoryApiKeyStore(DEMO_API_KEYS({ internal: true, partners: input.demoPartners })),
    logger,
    security: { redis, redisNamespace: stream, auditStream: `${stream}:audit` },
  });
  serveProbes('bench-gateway');
  process.on('disconnect', () => {
    void gateway
      .close()
      .then(() => redis.destroy())
      .finally(() => process.exit(0));
  });
  process.send?.({ url: gateway.url });
}

// ---- In the driver. ----

function probeOf(
  child: ReadyChild<unknown>,
  kind: 'cpu' | 'memory' | 'profile-start' | 'profile-stop',
): Promise<Probe> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (typeof message !== 'object' || message === null || !('probe' in message)) return;
      child.child.off('message', onMessage);
      resolve((message as { probe: Probe }).probe);
    };
    child.child.on('message', onMessage);
    child.child.send(kind);
  });
}

/** One webhook sent: when, its answer, and when its subscriber got the event. */
interface Sent {
  scheduledAt: number;
  sentAt: number;
  answeredAt: number | null;
  status: number | 'error' | null;
  deliveredAt: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (ms: number | null) => (ms === null ? null : Math.round(ms * 10) / 10);

class Driver {
  /** By `${trackingNumber}|${last scan ms}`: the key the subscriber sees again in its result. */
  readonly sent = new Map<string, Sent>();
  readonly agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  readonly clients: Client[] = [];
  /** Tracking numbers whose subscriber got at least one event: its subscription is established. */
  readonly warm = new Set<string>();
  /** The first body answered with each status other than 200, to say why. */
  readonly refusals: Record<string, string> = {};
  unexpected = 0;
  errors: unknown[] = [];
  inFlight = 0;
  /** Last scan time handed out, one second apart, so each delivery is a new state (not deduplicated). */
  scanMs = Math.floor(Date.now() / 1000) * 1000;
  eventSeq = 0;

  constructor(
    readonly gatewayUrl: string,
    readonly stack: StackReady,
  ) {}

  /** Opens the subscribers, 50 sockets at a time, each acknowledged (connection_ack) before the next batch. */
  async subscribe(): Promise<void> {
    const wsUrl = this.gatewayUrl.replace('http://', 'ws://');
    for (let start = 0; start < this.stack.trackers.length; start += 50) {
      const batch = this.stack.trackers.slice(start, start + 50).map((tracker) => {
        const client = createClient({
          url: wsUrl,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` },
          retryAttempts: 0,
          lazy: true,
        });
        this.clients.push(client);
        const connected = new Promise<void>((resolve, reject) => {
          client.on('connected', () => resolve());
          client.on('closed', (event) => reject(new Error(`socket closed: ${JSON.stringify(event)}`)));
        });
        client.subscribe(
          { query: SUBSCRIPTION, variables: { trackingNumbers: [tracker.tracking_code] } },
          {
            next: (result) => this.#received(result),
            error: (error) => this.errors.push(error),
            complete: () => undefined,
          },
        );
        return connected;
      });
      await Promise.all(batch);
    }
  }

  #received(result: { data?: unknown; errors?: unknown }): void {
    const now = performance.now();
    const update = (result.data as { shipmentUpdated?: { trackingNumber: string; occurredAt: string } })
      ?.shipmentUpdated;
    if (result.errors || !update) {
      this.errors.push(result.errors ?? result);
      return;
    }
    this.warm.add(update.trackingNumber);
    const sent = this.sent.get(`${update.trackingNumber}|${Date.parse(update.occurredAt)}`);
    if (!sent || sent.deliveredAt !== null) this.unexpected += 1;
    else sent.deliveredAt = now;
  }

  /** One signed `tracker.updated` for `tracker`: a new in-transit scan, one second after the last one sent. */
  #body(tracker: TrackerJson, scanMs: number): string {
    const detail = {
      object: 'TrackingDetail',
      message: 'Departed facility',
      description: '',
      status: 'in_transit',
      status_detail: 'departed_facility',
      datetime: iso(scanMs),
      source: tracker.carrier,
      tracking_location: {
        object: 'TrackingLocation',
        city: 'Memphis',
        state: 'TN',
        country: 'US',
        zip: '38118',
      },
    };
    const now = iso(Date.now());
    this.eventSeq += 1;
    return JSON.stringify({
      id: `evt_bench${this.eventSeq.toString(36).padStart(8, '0')}`,
      object: 'Event',
      mode: 'test',
      description: 'tracker.updated',
      previous_attributes: {},
      result: {
        ...tracker,
        status: 'in_transit',
        updated_at: iso(scanMs),
        tracking_details: [...tracker.tracking_details, detail],
      },
      status: 'pending',
      pending_urls: [this.stack.webhookUrl],
      completed_urls: [],
      created_at: now,
      updated_at: now,
    });
  }

  #send(tracker: TrackerJson, scheduledAt: number, records: Sent[], done: () => void): void {
    this.scanMs += 1000;
    const body = this.#body(tracker, this.scanMs);
    const record: Sent = { scheduledAt, sentAt: 0, answeredAt: null, status: null, deliveredAt: null };
    this.sent.set(`${tracker.tracking_code}|${this.scanMs}`, record);
    records.push(record);
    this.inFlight += 1;
    const finish = (status: number | 'error') => {
      if (record.status !== null) return;
      record.answeredAt = performance.now();
      record.status = status;
      this.inFlight -= 1;
      done();
    };
    const req = request(this.stack.webhookUrl, {
      method: 'POST',
      agent: this.agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        [CARRIER_SIGNATURE_HEADER]: signCarrierWebhook(body, this.stack.carrierSecret),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status !== 200) this.refusals[status] ??= Buffer.concat(chunks).toString('utf8').slice(0, 300);
        finish(status);
      });
    });
    req.on('error', () => finish('error'));
    record.sentAt = performance.now();
    req.end(body);
  }

  /**
   * `count` webhooks at `rate` per second on an open-loop schedule (event i is due at i / rate s), each for
   * the next subscriber in turn; a due event waits only for a free socket (its lateness is reported).
   */
  async post(
    count: number,
    rate: number,
    trackers = this.stack.trackers,
  ): Promise<{ records: Sent[]; startedAt: number }> {
    const records: Sent[] = [];
    const startedAt = performance.now();
    let next = 0;
    let answered = 0;
    await new Promise<void>((resolve) => {
      const done = () => {
        answered += 1;
        if (answered === count) resolve();
        else if (next < count) pump();
      };
      const pump = () => {
        const due = Math.min(count, Math.floor(((performance.now() - startedAt) * rate) / 1000) + 1);
        while (next < due && this.inFlight < CONCURRENCY) {
          this.#send(trackers[next % trackers.length]!, startedAt + (next * 1000) / rate, records, done);
          next += 1;
        }
      };
      const tick = () => {
        pump();
        if (next < count) setTimeout(tick, 1);
      };
      tick();
    });
    return { records, startedAt };
  }

  /**
   * Until every subscriber got an event: a graphql-ws acknowledgement precedes the subgraph's subscription
   * (and its hub listener), and a subscription without `after` sees only events appended after that. Sends
   * one event to each subscriber still without one, at 200/s, for at most `rounds` rounds; returns them.
   */
  async establish(rounds = 6): Promise<number> {
    for (let round = 1; round <= rounds; round += 1) {
      const cold = this.stack.trackers.filter((t) => !this.warm.has(t.tracking_code));
      if (cold.length === 0) return round - 1;
      const { records } = await this.post(cold.length, 200, cold);
      await this.drain(records, 3000);
    }
    const cold = this.stack.trackers.length - this.warm.size;
    if (cold > 0)
      throw new Error(
        `${cold} subscribers got no event after ${rounds} rounds: ${JSON.stringify(this.errors.slice(0, 3))}`,
      );
    return rounds;
  }

  /** Waits until every event answered 200 is delivered, or nothing more arrives for `quietMs`. */
  async drain(records: Sent[], quietMs = 5000): Promise<void> {
    const expected = records.filter((r) => r.status === 200).length;
    let last = -1;
    let quietSince = performance.now();
    for (;;) {
      const delivered = records.filter((r) => r.deliveredAt !== null).length;
      if (delivered >= expected) return;
      if (delivered !== last) [last, quietSince] = [delivered, performance.now()];
      else if (performance.now() - quietSince > quietMs) return;
      await sleep(20);
    }
  }

  close(): void {
    for (const client of this.clients) void client.dispose();
    this.agent.destroy();
  }
}

function summarise(label: string, rate: number, records: Sent[], startedAt: number) {
  const codes: Record<string, number> = {};
  for (const r of records) codes[String(r.status)] = (codes[String(r.status)] ?? 0) + 1;
  const delivered = records.filter((r) => r.deliveredAt !== null);
  const fromSend = delivered.map((r) => r.deliveredAt! - r.sentAt).sort((a, b) => a - b);
  const fromAnswer = delivered
    .filter((r) => r.answeredAt !== null)
    .map((r) => r.deliveredAt! - r.answeredAt!)
    .sort((a, b) => a - b);
  const answer = records.filter((r) => r.answeredAt !== null).map((r) => r.answeredAt! - r.sentAt);
  answer.sort((a, b) => a - b);
  const lateness = records.map((r) => r.sentAt - r.scheduledAt).sort((a, b) => a - b);
  const lastSent = Math.max(...records.map((r) => r.sentAt));
  const lastDelivered = Math.max(startedAt, ...delivered.map((r) => r.deliveredAt!));
  return {
    label,
    targetPerSecond: rate,
    events: records.length,
    sentPerSecond: Math.round(records.length / ((lastSent - startedAt) / 1000 + 1 / rate)),
    deliveredPerSecond: Math.round(delivered.length / ((lastDelivered - startedAt) / 1000)),
    delivered: delivered.length,
    answers: codes,
    delayFromSendMs: {
      p50: round(percentile(fromSend, 50)),
      p90: round(percentile(fromSend, 90)),
      p99: round(percentile(fromSend, 99)),
      max: round(fromSend.at(-1) ?? null),
    },
    delayFromAnswerMs: {
      p50: round(percentile(fromAnswer, 50)),
      p99: round(percentile(fromAnswer, 99)),
    },
    webhookAnswerMs: { p50: round(percentile(answer, 50)), p99: round(percentile(answer, 99)) },
    sendLatenessMs: { p99: round(percentile(lateness, 99)), max: round(lateness.at(-1) ?? null) },
  };
}

/** Share of one core each process used while the webhooks of a phase were sent and answered. */
interface CpuPercent {
  driver: number;
  gateway: number;
  stack: number;
}

type Phase = ReturnType<typeof summarise> & { cpuPercent: CpuPercent };

function report(
  phases: Phase[],
  memory: { at: string; gateway: Memory; stack: Memory }[],
  refusals: Record<string, string>,
): string {
  const ms = (v: number | null) => (v === null ? '–' : v.toFixed(1));
  return [
    `Subscription delivery: ${SUBSCRIBERS} graphql-ws subscribers through the gateway (one socket each, each following one tracking number), signed carrier webhooks → events service → Redis stream → shipping subgraph → gateway → subscriber; open-loop sends, ${SECONDS} s per rate, at most ${CONCURRENCY} webhooks in flight; the events service's Odoo client takes ${ODOO_MAX_CONCURRENCY} calls at once and ${ODOO_MAX_QUEUE} waiting (the defaults)`,
    `Machine: ${describeMachine()}; load average at the start ${LOAD_AT_START} (other work on the machine slows the stack)`,
    `Date: ${new Date().toISOString()}`,
    '',
    'Delay: subscriber received − webhook request sent (same clock). "From 200": subscriber received − the receiver’s 200 answered. Sends are open-loop but wait for a free socket: when all are busy the schedule falls behind (send lateness) and sent/s drops below the target. CPU: share of one core while the phase’s webhooks were sent and answered.',
    '',
    '| phase | target/s | sent/s | delivered/s | delivered | p50 ms | p90 ms | p99 ms | max ms | p50 / p99 from 200 ms | webhook answer p50 / p99 ms | answers | send lateness p99 / max ms | CPU % driver / gateway / stack |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
    ...phases.map((p) =>
      [
        '',
        p.label,
        p.targetPerSecond,
        p.sentPerSecond,
        p.deliveredPerSecond,
        `${p.delivered}/${p.events}`,
        ms(p.delayFromSendMs.p50),
        ms(p.delayFromSendMs.p90),
        ms(p.delayFromSendMs.p99),
        ms(p.delayFromSendMs.max),
        `${ms(p.delayFromAnswerMs.p50)} / ${ms(p.delayFromAnswerMs.p99)}`,
        `${ms(p.webhookAnswerMs.p50)} / ${ms(p.webhookAnswerMs.p99)}`,
        Object.entries(p.answers)
          .map(([code, n]) => `${code}×${n}`)
          .join(' '),
        `${ms(p.sendLatenessMs.p99)} / ${ms(p.sendLatenessMs.max)}`,
        `${p.cpuPercent.driver} / ${p.cpuPercent.gateway} / ${p.cpuPercent.stack}`,
        '',
      ]
        .join(' | ')
        .trim(),
    ),
    ...Object.entries(refusals).map(([status, body]) => `\nAnswered ${status}: \`${body}\``),
    '',
    'Memory after a full collection: the gateway alone in its process, and the rest of the stack (emulators, subgraphs, events service) in another.',
    '',
    '| when | gateway RSS MB | gateway heap used MB | stack RSS MB | stack heap used MB |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...memory.map(
      (m) =>
        `| ${m.at} | ${m.gateway.rssMB} | ${m.gateway.heapUsedMB} | ${m.stack.rssMB} | ${m.stack.heapUsedMB} |`,
    ),
  ].join('\n');
}

async function drive(): Promise<void> {
  const stream = `bench-subscriptions-${randomUUID()}`;
  const logger = createLogger({ name: 'bench-subscriptions', level: 'warn' });
  const redis = await connectRedis({ url: REDIS_URL, logger });
  const children: ReadyChild<unknown>[] = [];
  let driver: Driver | null = null;
  let supergraphPath: string | null = null;
  const cleanUp = async () => {
    driver?.close();
    await Promise.all(children.map((child) => child.stop()));
    const keys = [stream];
    for await (const batch of redis.scanIterator({ MATCH: `${stream}:*` })) keys.push(...batch);
    await redis.del(keys);
    redis.destroy();
    if (supergraphPath) unlinkSync(supergraphPath);
  };
  const deadline = setTimeout(() => {
    console.error(`hard timeout after ${TIMEOUT_MS / 1000} s: stopping`);
    for (const child of children) child.child.kill('SIGKILL');
    void cleanUp().finally(() => process.exit(2));
    setTimeout(() => process.exit(2), 10_000).unref();
  }, TIMEOUT_MS);
  try {
    const stack = await forkReady<StackReady>('bench/subscription-delivery.ts', {
      BENCH_ROLE: 'stack',
      BENCH_STREAM: stream,
    });
    children.push(stack);
    supergraphPath = stack.ready.supergraphPath;
    const { supergraphPath: path, identitySecret, demoPartners, webhookUrl, carrierSecret } = stack.ready;
    const gatewayInput = { supergraphPath: path, identitySecret, demoPartners, webhookUrl, carrierSecret };
    const gateway = await forkReady<{ url: string }>('bench/subscription-delivery.ts', {
      BENCH_ROLE: 'gateway',
      BENCH_STREAM: stream,
      BENCH_INPUT: JSON.stringify(gatewayInput),
    });
    children.push(gateway);
    const memory: { at: string; gateway: Memory; stack: Memory }[] = [];
    const measure = async (at: string) =>
      memory.push({
        at,
        gateway: (await probeOf(gateway, 'memory')).memory!,
        stack: (await probeOf(stack, 'memory')).memory!,
      });
    const cpuNow = async () => ({
      at: performance.now(),
      driver: cpuMsOf(process.cpuUsage()),
      gateway: (await probeOf(gateway, 'cpu')).cpuMs,
      stack: (await probeOf(stack, 'cpu')).cpuMs,
    });
    await measure('started, no subscription');

    driver = new Driver(gateway.ready.url, stack.ready);
    const opening = performance.now();
    await driver.subscribe();
    console.log(
      `${SUBSCRIBERS} sockets acknowledged in ${((performance.now() - opening) / 1000).toFixed(1)} s`,
    );
    const rounds = await driver.establish();
    console.log(`every subscriber got an event after ${rounds} warm-up round(s)`);
    const phases: Phase[] = [];
    await measure(`${SUBSCRIBERS} subscriptions open`);
    for (const rate of RATES) {
      const profiling = PROFILE && rate === RATES.at(-1);
      if (profiling) await Promise.all([probeOf(gateway, 'profile-start'), probeOf(stack, 'profile-start')]);
      const before = await cpuNow();
      const run = await driver.post(rate * SECONDS, rate);
      const after = await cpuNow();
      if (profiling)
        for (const child of [gateway, stack])
          console.log(`CPU profile: ${(await probeOf(child, 'profile-stop')).profile}`);
      const percent = (part: keyof CpuPercent) =>
        Math.round(((after[part] - before[part]) / (after.at - before.at)) * 100);
      const cpuPercent = { driver: percent('driver'), gateway: percent('gateway'), stack: percent('stack') };
      await driver.drain(run.records);
      phases.push({
        ...summarise(`${rate}/s for ${SECONDS} s`, rate, run.records, run.startedAt),
        cpuPercent,
      });
      await measure(`after ${rate}/s`);
    }
    const table = report(phases, memory, driver.refusals);
    console.log(table);
    if (driver.unexpected || driver.errors.length)
      console.log(
        `unexpected deliveries: ${driver.unexpected}; errors: ${JSON.stringify(driver.errors.slice(0, 5))}`,
      );
    await writeFile('bench/results/subscription-delivery.md', `${table}\n`);
    await writeFile(
      'bench/results/subscription-delivery.json',
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: describeMachine(),
          loadAverageAtStart: LOAD_AT_START,
          subscribers: SUBSCRIBERS,
          socketsPerSubscriber: 1,
          secondsPerRate: SECONDS,
          concurrency: CONCURRENCY,
          eventsServiceOdooClient: { maxConcurrency: ODOO_MAX_CONCURRENCY, maxQueue: ODOO_MAX_QUEUE },
          refusals: driver.refusals,
          phases,
          memory,
          unexpectedDeliveries: driver.unexpected,
          subscriptionErrors: driver.errors.length,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    clearTimeout(deadline);
    await cleanUp();
  }
}

const role = process.env.BENCH_ROLE;
const stream = process.env.BENCH_STREAM ?? '';
if (role === 'stack') await runStack(stream);
else if (role === 'gateway')
  await runGateway(stream, JSON.parse(process.env.BENCH_INPUT ?? '{}') as Omit<StackReady, 'trackers'>);
else await drive();
