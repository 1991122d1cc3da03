/**
 * `npm run emulator:wms`: an emulated ShipHero-style WMS GraphQL API on WMS_EMULATOR_HOST:WMS_EMULATOR_PORT
 * (default 127.0.0.1:8072), configured by the WMS_EMULATOR_* variables of `config.ts`.
 */
import { printBanner } from '../../../platform/banner.js';
import { createLogger } from '../../../platform/logger.js';
import { runUntilSignal } from '../../../platform/run-until-signal.js';
import { startWmsEmulatorFromEnv } from './from-env.js';

const logger = createLogger({ name: 'wms-emulator' });

await runUntilSignal(logger, async () => {
  const wms = await startWmsEmulatorFromEnv(process.env, logger);
  logger.info({ url: wms.url, warehouses: wms.emulator.warehouses.map((w) => w.code) }, 'ready');
  printBanner([
    'WMS emulator (ShipHero-style GraphQL) ready',
    `  URL         ${wms.url}`,
    `  token       ${wms.token}  (demo token: emulator only, refused in production)`,
    `  warehouses  ${wms.emulator.warehouses.map((w) => `${w.code}=${w.id}`).join(', ')}`,
    `  step        ${wms.emulator.stepMs} ms of emulator time per fulfilment step`,
    `  admin       ${wms.baseUrl}/__emulator/faults  (bearer admin key)`,
  ]);
  return () => wms.close();
});
