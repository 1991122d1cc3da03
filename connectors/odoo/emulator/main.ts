/**
 * `npm run emulator:odoo`: an emulated Odoo 19 on ODOO_EMULATOR_HOST:ODOO_EMULATOR_PORT (default
 * 127.0.0.1:8069) with demo data, configured by the ODOO_EMULATOR_* variables of `config.ts`.
 */
import { printBanner } from '../../../platform/banner.js';
import { createLogger } from '../../../platform/logger.js';
import { runUntilSignal } from '../../../platform/run-until-signal.js';
import { startOdooEmulatorFromEnv } from './from-env.js';

const logger = createLogger({ name: 'odoo-emulator' });

await runUntilSignal(logger, async () => {
  const odoo = await startOdooEmulatorFromEnv(process.env, logger);
  logger.info({ url: odoo.url, database: odoo.database, login: odoo.login }, 'ready');
  printBanner([
    'Odoo 19 emulator ready',
    `  URL        ${odoo.url}  (JSON-2 at /json/2/<model>/<method>, JSON-RPC at /jsonrpc)`,
    `  database   ${odoo.database}`,
    `  login      ${odoo.login}`,
    `  API key    ${odoo.apiKey}  (demo key: emulator only, not a secret)`,
    `  admin      ${odoo.url}/__emulator/faults  (bearer admin key)`,
  ]);
  return () => odoo.close();
});
