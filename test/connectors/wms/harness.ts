import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parseWmsConfig,
  WmsClient,
  type WmsCallEvent,
  type WmsConfigInput,
} from '../../../connectors/wms/index.js';
import {
  startWmsEmulator,
  type RunningWmsEmulator,
  type StartWmsEmulatorOptions,
} from '../../../connectors/wms/emulator/server.js';
import { createLogger } from '../../../platform/logger.js';
import type { HttpSend } from '../../../connectors/shared/http-client.js';

export const T0 = '2025-03-03T08:00:00.000Z';
export const STEP_MS = 60_000;

export const SHIP_TO = {
  name: 'Ada Lovelace',
  company: 'Analytical Engines Ltd',
  street1: '12 Market Street',
  city: 'Chicago',
  state: 'IL',
  postalCode: '60601',
  country: 'US',
  phone: '+1 312 555 0100',
  email: 'ada@example.com',
};

/** An emulated WMS on loopback with a frozen clock, no random short picks or cancellations, and stock. */
export interface WmsHarness {
  wms: RunningWmsEmulator;
  /** A client of the emulator; `calls` collects its onCall events. */
  /** A client of the emulator; `send` replaces its HTTP client (to watch the exchanges). */
  clientWith(
    overrides?: Partial<WmsConfigInput>,
    send?: HttpSend,
  ): { client: WmsClient; calls: WmsCallEvent[] };
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  advance(steps: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWmsHarness(options: StartWmsEmulatorOptions = {}): Promise<WmsHarness> {
  const wms = await startWmsEmulator({
    now: T0,
    stepMs: STEP_MS,
    shortPickRate: 0,
    cancelRate: 0,
    webhookRetryBaseMs: 20,
    webhookTimeoutMs: 2000,
    tickIntervalMs: 60_000,
    logger: createLogger({ name: 'wms-emulator', level: 'silent' }),
    ...options,
  });
  wms.seedInventory('CHI', 'SKU-A', 100);
  wms.seedInventory('CHI', 'SKU-B', 10);
  wms.seedInventory('DAL', 'SKU-A', 50);
  wms.seedInventory('NWK', 'SKU-C', 5);
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${wms.baseUrl}/__emulator/${path}`, {
      method,
      headers: { Authorization: `Bearer ${wms.adminKey}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return {
    wms,
    clientWith(overrides = {}, send) {
      const calls: WmsCallEvent[] = [];
      const config = parseWmsConfig(
        {
          url: wms.url,
          token: wms.token,
          timeoutMs: 2000,
          retryAttempts: 2,
          retryInitialDelayMs: 10,
          retryMaxDelayMs: 40,
          breakerThreshold: 50,
          ...overrides,
        },
        { mode: 'demo' },
      );
      const client = new WmsClient(config, {
        logger: createLogger({ name: 'wms-connector', level: 'silent' }),
        onCall: (call) => calls.push(call),
        send,
      });
      return { client, calls };
    },
    admin,
    async advance(steps) {
      const { status } = await admin('POST', 'clock', { advanceMs: steps * STEP_MS });
      if (status !== 200) throw new Error(`clock advance answered ${status}`);
    },
    close: () => wms.close(),
  };
}

/** A webhook receiver on loopback that records raw bodies and headers and answers what `statuses` say. */
export interface Receiver {
  url: string;
  received: { body: Buffer; headers: IncomingMessage['headers'] }[];
  /** Statuses to answer in turn; 200 once they run out. */
  statuses: number[];
  /** Resolves once `count` requests arrived (polling, bounded). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(statuses.shift() ?? 200);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/wms`,
    received,
    statuses,
    async waitFor(count, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} webhook requests, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
