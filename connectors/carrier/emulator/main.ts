/**
 * `npm run emulator:carrier`: an emulated EasyPost v2 API on CARRIER_EMULATOR_HOST:CARRIER_EMULATOR_PORT
 * (default 127.0.0.1:8071) with USPS, UPS and FedEx accounts, configured by the CARRIER_EMULATOR_*
 * variables of `config.ts`.
 */
import { printBanner } from '../../../platform/banner.js';
import { createLogger } from '../../../platform/logger.js';
import { runUntilSignal } from '../../../platform/run-until-signal.js';
import { startCarrierEmulatorFromEnv } from './from-env.js';

const logger = createLogger({ name: 'carrier-emulator' });

await runUntilSignal(logger, async () => {
  const carrier = await startCarrierEmulatorFromEnv(process.env, logger);
  logger.info({ url: carrier.url, stepMs: carrier.emulator.stepMs }, 'ready');
  printBanner([
    'Carrier emulator (EasyPost v2) ready',
    `  URL        ${carrier.url}/v2  (Basic auth: the API key as user name, empty password)`,
    `  API key    ${carrier.apiKey}  (demo key: emulator only, not a secret)`,
    `  carriers   USPS, UPS, FedEx  (GET ${carrier.url}/v2/carrier_accounts)`,
    `  tracking   one scan every ${carrier.emulator.stepMs} ms of emulator time`,
    `  admin      ${carrier.url}/__emulator/faults  (bearer admin key)`,
  ]);
  return () => carrier.close();
});
