import { listenEmulator } from '../../shared/emulator-server.js';
import type { CallCounter } from './call-counter.js';
import type { EmulatorClock } from './clock.js';
import { WmsEmulator, type SeedOrderInput, type WmsEmulatorOptions } from './emulator.js';
import type { FaultInjector } from './faults.js';
import { createRequestHandler } from './http/handler.js';

export interface StartWmsEmulatorOptions extends WmsEmulatorOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Key of the `/__emulator/*` admin endpoints. Default: the token. */
  adminKey?: string;
  /** How often running time moves orders on (a frozen clock moves only when set or advanced). Default 1000 ms. */
  tickIntervalMs?: number;
}

export interface RunningWmsEmulator {
  /** The GraphQL endpoint, `http://host:port/graphql`. */
  url: string;
  /** `http://host:port`, where `/__emulator/*` lives. */
  baseUrl: string;
  port: number;
  token: string;
  adminKey: string;
  emulator: WmsEmulator;
  clock: EmulatorClock;
  calls: CallCounter;
  faults: FaultInjector;
  seedOrder(input: SeedOrderInput): { wmsOrderId: string };
  seedInventory(warehouseCode: string, sku: string, onHand: number): void;
  /** Stops listening and abandons pending webhook retries, waiting for attempts in flight. */
  close(): Promise<void>;
}

/** Starts an emulated ShipHero-style WMS GraphQL API on node:http. */
export async function startWmsEmulator(options: StartWmsEmulatorOptions = {}): Promise<RunningWmsEmulator> {
  const emulator = new WmsEmulator(options);
  const adminKey = options.adminKey ?? emulator.token;
  const handler = createRequestHandler(emulator, adminKey);
  const {
    server,
    port,
    url: baseUrl,
  } = await listenEmulator(handler, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    logger: emulator.logger,
  });
  const timer = setInterval(() => emulator.tick(), options.tickIntervalMs ?? 1000);
  timer.unref();
  emulator.logger.debug({ url: baseUrl }, 'wms emulator listening');
  return {
    url: `${baseUrl}/graphql`,
    baseUrl,
    port,
    token: emulator.token,
    adminKey,
    emulator,
    clock: emulator.clock,
    calls: emulator.calls,
    faults: emulator.faults,
    seedOrder: (input) => emulator.seedOrder(input),
    seedInventory: (code, sku, onHand) => emulator.seedInventory(code, sku, onHand),
    close: async () => {
      clearInterval(timer);
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await emulator.dispatcher.close();
    },
  };
}
