import type { Logger } from '../../../platform/logger.js';
import { loadEmulatorEnv } from './config.js';
import { startOdooEmulator, type RunningOdooEmulator } from './server.js';

/**
 * Starts the emulator as the ODOO_EMULATOR_* variables say (validated first: a bad value throws an
 * Error naming it before anything listens). Shared by `npm run emulator:odoo` and `npm start`.
 */
export function startOdooEmulatorFromEnv(
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<RunningOdooEmulator> {
  const config = loadEmulatorEnv(env);
  return startOdooEmulator({
    port: config.ODOO_EMULATOR_PORT,
    host: config.ODOO_EMULATOR_HOST,
    database: config.ODOO_EMULATOR_DATABASE,
    apiKey: config.ODOO_EMULATOR_API_KEY,
    adminKey: config.ODOO_EMULATOR_ADMIN_KEY,
    demo: config.ODOO_EMULATOR_DEMO
      ? { scale: config.ODOO_EMULATOR_SCALE, seed: config.ODOO_EMULATOR_SEED }
      : false,
    faults: config.ODOO_EMULATOR_FAULTS,
    webhooks: config.ODOO_EMULATOR_WEBHOOKS,
    logger,
  });
}
