import type { Logger } from '../../../platform/logger.js';
import { loadCarrierEmulatorEnv } from './config.js';
import {
  startCarrierEmulator,
  type RunningCarrierEmulator,
  type StartCarrierEmulatorOptions,
} from './server.js';

/** The emulator's options as the CARRIER_EMULATOR_* variables say (validated: a bad value throws naming it). */
export function carrierEmulatorOptionsFromEnv(env: NodeJS.ProcessEnv): StartCarrierEmulatorOptions {
  const config = loadCarrierEmulatorEnv(env);
  return {
    port: config.CARRIER_EMULATOR_PORT,
    host: config.CARRIER_EMULATOR_HOST,
    apiKey: config.CARRIER_EMULATOR_API_KEY,
    adminKey: config.CARRIER_EMULATOR_ADMIN_KEY,
    stepMs: config.CARRIER_EMULATOR_STEP_MS,
    exceptionRate: config.CARRIER_EMULATOR_EXCEPTION_RATE,
    seed: config.CARRIER_EMULATOR_SEED,
    webhooks: {
      attempts: config.CARRIER_EMULATOR_WEBHOOK_ATTEMPTS,
      backoffMs: config.CARRIER_EMULATOR_WEBHOOK_BACKOFF_MS,
    },
    faults: config.CARRIER_EMULATOR_FAULTS,
  };
}

/**
 * Starts the emulator as the CARRIER_EMULATOR_* variables say (validated first: a bad value throws an
 * Error naming it before anything listens). Shared by `npm run emulator:carrier` and `npm start`.
 */
export function startCarrierEmulatorFromEnv(
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<RunningCarrierEmulator> {
  return startCarrierEmulator({ ...carrierEmulatorOptionsFromEnv(env), logger });
}
