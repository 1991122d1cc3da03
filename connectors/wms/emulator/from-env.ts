import type { Logger } from '../../../platform/logger.js';
import { loadWmsEmulatorEnv } from './config.js';
import { startWmsEmulator, type RunningWmsEmulator, type StartWmsEmulatorOptions } from './server.js';

/** The emulator's options as the WMS_EMULATOR_* variables say (validated: a bad value throws naming it). */
export function wmsEmulatorOptionsFromEnv(env: NodeJS.ProcessEnv): StartWmsEmulatorOptions {
  const config = loadWmsEmulatorEnv(env);
  return {
    host: config.WMS_EMULATOR_HOST,
    port: config.WMS_EMULATOR_PORT,
    token: config.WMS_EMULATOR_TOKEN,
    adminKey: config.WMS_EMULATOR_ADMIN_KEY,
    stepMs: config.WMS_EMULATOR_STEP_MS,
    shortPickRate: config.WMS_EMULATOR_SHORT_PICK_RATE,
    cancelRate: config.WMS_EMULATOR_CANCEL_RATE,
    seed: config.WMS_EMULATOR_SEED,
    creditsPerSecond: config.WMS_EMULATOR_CREDITS_PER_SECOND,
    maxCredits: config.WMS_EMULATOR_MAX_CREDITS,
    faults: config.WMS_EMULATOR_FAULTS,
  };
}

/**
 * Starts the emulator as the WMS_EMULATOR_* variables say (validated first: a bad value throws an Error
 * naming it before anything listens). Shared by `npm run emulator:wms` and the embedded stack.
 */
export function startWmsEmulatorFromEnv(env: NodeJS.ProcessEnv, logger: Logger): Promise<RunningWmsEmulator> {
  return startWmsEmulator({ ...wmsEmulatorOptionsFromEnv(env), logger });
}
