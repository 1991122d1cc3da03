import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { startOdooEmulator, type RunningOdooEmulator } from '../../connectors/odoo/emulator/server.js';
import { createLogger } from '../../platform/logger.js';

/** An emulated Odoo with demo data on loopback and a connector client pointed at it. */
export interface OdooFixture {
  odoo: RunningOdooEmulator;
  client: OdooClient;
  close(): Promise<void>;
}

export async function startOdooFixture(
  demo: { scale?: number; seed?: number } = { scale: 0.25, seed: 1 },
): Promise<OdooFixture> {
  const odoo = await startOdooEmulator({ port: 0, demo });
  const config = odooConfigSchema.parse({
    url: odoo.url,
    apiKey: odoo.apiKey,
    database: odoo.database,
    login: odoo.login,
    protocol: 'json2',
  });
  const client = new OdooClient({ config, logger: createLogger({ name: 'odoo', level: 'silent' }) });
  return { odoo, client, close: () => odoo.close() };
}
