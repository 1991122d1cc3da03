/**
 * The environment `main.ts` and `npm start` read. A bad value fails at start with a message naming
 * the variable, never half-way through a run.
 */
import { z } from 'zod';
import { CARRIER_EMULATOR_DEMO_KEY } from '../demo.js';
import { faultsSchema } from './faults.js';

export { CARRIER_EMULATOR_DEMO_KEY };

const faultsJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
  })
  .pipe(faultsSchema);

export const carrierEmulatorEnvSchema = z.object({
  CARRIER_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(8071),
  CARRIER_EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  /** The API key clients use; the documented demo key when unset. */
  CARRIER_EMULATOR_API_KEY: z.string().min(16).default(CARRIER_EMULATOR_DEMO_KEY),
  /** Key for `/__emulator/*`; defaults to the API key. */
  CARRIER_EMULATOR_ADMIN_KEY: z.string().min(16).optional(),
  /** Time between scans of a label bought through the API. Default 60 s. */
  CARRIER_EMULATOR_STEP_MS: z.coerce.number().int().positive().default(60_000),
  CARRIER_EMULATOR_EXCEPTION_RATE: z.coerce.number().min(0).max(1).default(0.05),
  CARRIER_EMULATOR_SEED: z.coerce.number().int().default(1),
  CARRIER_EMULATOR_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
  CARRIER_EMULATOR_WEBHOOK_BACKOFF_MS: z.coerce.number().int().positive().default(500),
  CARRIER_EMULATOR_FAULTS: faultsJson.optional(),
});

export type CarrierEmulatorEnv = z.infer<typeof carrierEmulatorEnvSchema>;

/** Reads the environment, or throws an Error listing every bad variable. */
export function loadCarrierEmulatorEnv(env: NodeJS.ProcessEnv): CarrierEmulatorEnv {
  const parsed = carrierEmulatorEnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new Error(`invalid carrier emulator configuration:\n${lines.join('\n')}`);
}
