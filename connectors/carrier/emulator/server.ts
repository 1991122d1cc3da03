import { listenEmulator } from '../../shared/emulator-server.js';
import type { Logger } from '../../../platform/logger.js';
import type { CallCounter } from './call-counter.js';
import type { Clock } from './clock.js';
import { CarrierEmulator, type SeedShipmentInput, type SeededShipment } from './emulator.js';
import type { FaultInjector, FaultsInput } from './faults.js';
import { createRequestHandler } from './http/handler.js';
import type { WebhookDeliveryOptions } from './webhooks.js';

export interface StartCarrierEmulatorOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1` (never beyond loopback unless told). */
  host?: string;
  /** API key clients use. Default: the documented demo key `CARRIER_EMULATOR_DEMO_KEY`. */
  apiKey?: string;
  /** Key of the `/__emulator/*` admin endpoints. Default: the API key. */
  adminKey?: string;
  /** Time between two scans of a label bought through the API. Default 60 s. */
  stepMs?: number;
  /** Share of parcels ending in an exception. Default 0.05. */
  exceptionRate?: number;
  /** Seed of ids, tracking codes and histories. Default 1. */
  seed?: number;
  /** Freeze the clock at this moment (ISO 8601) instead of running in real time. */
  now?: string;
  /** How often trackers are checked for news to announce by webhook, in real time. Default 1 s. */
  tickMs?: number;
  faults?: FaultsInput;
  webhooks?: WebhookDeliveryOptions;
  logger?: Logger;
}

export interface RunningCarrierEmulator {
  url: string;
  port: number;
  apiKey: string;
  adminKey: string;
  emulator: CarrierEmulator;
  clock: Clock;
  calls: CallCounter;
  faults: FaultInjector;
  seedShipment(input: SeedShipmentInput): SeededShipment;
  /** Stops listening, waits for webhook deliveries in flight, then resolves. */
  close(): Promise<void>;
}

/** Starts an emulated EasyPost v2 API on node:http, with label files and the admin API. */
export async function startCarrierEmulator(
  options: StartCarrierEmulatorOptions = {},
): Promise<RunningCarrierEmulator> {
  const emulator = new CarrierEmulator(options);
  if (options.now) emulator.clock.set(options.now);
  const adminKey = options.adminKey ?? emulator.apiKey;
  const handler = createRequestHandler(emulator, adminKey);
  const { server, port, url } = await listenEmulator(handler, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    logger: emulator.logger,
  });
  emulator.baseUrl = url;
  const ticker = setInterval(() => emulator.tick(), options.tickMs ?? 1000);
  ticker.unref();
  emulator.logger.debug({ url }, 'carrier emulator listening');
  return {
    url,
    port,
    apiKey: emulator.apiKey,
    adminKey,
    emulator,
    clock: emulator.clock,
    calls: emulator.calls,
    faults: emulator.faults,
    seedShipment: (input) => emulator.seedShipment(input),
    close: async () => {
      clearInterval(ticker);
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await emulator.webhooks.flush();
    },
  };
}
