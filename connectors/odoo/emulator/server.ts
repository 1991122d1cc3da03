import { listenEmulator } from '../../shared/emulator-server.js';
import type { Logger } from '../../../platform/logger.js';
import { seedDemoData } from './demo/index.js';
import { OdooEmulator } from './emulator.js';
import type { FaultsInput } from './faults.js';
import { createRequestHandler } from './http/handler.js';
import type { WebhookRuleInput } from './webhooks.js';

export interface StartOdooEmulatorOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1` (the emulator never listens beyond loopback unless told). */
  host?: string;
  /** Database name. Default `distribution-demo`. */
  database?: string;
  /** The integration bot's API key. Default: random. */
  apiKey?: string;
  /** Key of the `/__emulator/*` admin endpoints. Default: the API key. */
  adminKey?: string;
  /** Seed demo data (`true` = scale 1, seed 1). Default false. */
  demo?: boolean | { scale?: number; seed?: number };
  faults?: FaultsInput;
  webhooks?: WebhookRuleInput[];
  logger?: Logger;
}

export interface RunningOdooEmulator {
  url: string;
  port: number;
  database: string;
  apiKey: string;
  adminKey: string;
  login: string;
  emulator: OdooEmulator;
  /** Stops listening, waits for webhooks in flight, then resolves. */
  close(): Promise<void>;
}

/** Starts an emulated Odoo 19 on node:http, serving JSON-2, JSON-RPC, `/web/version` and the admin API. */
export async function startOdooEmulator(
  options: StartOdooEmulatorOptions = {},
): Promise<RunningOdooEmulator> {
  const emulator = new OdooEmulator({
    database: options.database,
    apiKey: options.apiKey,
    faults: options.faults,
    webhooks: options.webhooks,
    logger: options.logger,
  });
  if (options.demo) {
    const demo = options.demo === true ? {} : options.demo;
    seedDemoData(emulator, { scale: demo.scale ?? 1, seed: demo.seed ?? 1 });
  }
  const adminKey = options.adminKey ?? emulator.apiKey;
  const handler = createRequestHandler(emulator, adminKey);
  const { server, port, url } = await listenEmulator(handler, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    logger: emulator.logger,
  });
  emulator.logger.debug({ url, database: emulator.database }, 'odoo emulator listening');
  return {
    url,
    port,
    database: emulator.database,
    apiKey: emulator.apiKey,
    adminKey,
    login: emulator.login,
    emulator,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await emulator.webhooks.flush();
    },
  };
}
