/**
 * `npm start`: the embedded product on loopback. Today that is the Odoo emulator with demo data,
 * configured by the same ODOO_EMULATOR_* variables as `npm run emulator:odoo`; each later part
 * (subgraphs, gateway, workers) joins here.
 */
import { startOdooEmulatorFromEnv } from '../connectors/odoo/emulator/from-env.js';
import { printBanner } from '../platform/banner.js';
import { createLogger } from '../platform/logger.js';
import { runUntilSignal } from '../platform/run-until-signal.js';

const logger = createLogger({ name: 'start' });

await runUntilSignal(logger, async () => {
  const odoo = await startOdooEmulatorFromEnv(process.env, logger);
  logger.info({ odoo: { url: odoo.url, database: odoo.database, login: odoo.login } }, 'ready');
  printBanner([
    'Distribution Graph is running in embedded demo mode (emulated Odoo 19 with demo data).',
    `  Odoo emulator   ${odoo.url}  (JSON-2 at /json/2/<model>/<method>, JSON-RPC at /jsonrpc)`,
    `  database        ${odoo.database}`,
    `  demo API key    ${odoo.apiKey}  (login ${odoo.login}; emulator only, not a secret)`,
    `  try             curl -s ${odoo.url}/web/version`,
  ]);
  return () => odoo.close();
});
