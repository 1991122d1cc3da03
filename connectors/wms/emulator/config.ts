/**
 * The environment `main.ts` and `npm start` read (WMS_EMULATOR_*). A bad value fails at start with a
 * message naming the variable, never half-way through a run.
 */
import { z } from 'zod';
import { WMS_EMULATOR_DEMO_TOKEN } from '../demo.js';
import { faultsSchema } from './faults.js';

const rate = z.coerce.number().min(0).max(1);

export const wmsEmulatorEnvSchema = z.object({
  WMS_EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  WMS_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(8072),
  /** The bearer token clients send; the published demo token when unset. */
  WMS_EMULATOR_TOKEN: z.string().min(16).default(WMS_EMULATOR_DEMO_TOKEN),
  /** Key for `/__emulator/*`; defaults to the token. */
  WMS_EMULATOR_ADMIN_KEY: z.string().min(16).optional(),
  /** Emulator time per order step (accelerated warehouse). Default 30 s. */
  WMS_EMULATOR_STEP_MS: z.coerce.number().int().positive().default(30_000),
  WMS_EMULATOR_SHORT_PICK_RATE: rate.default(0.02),
  WMS_EMULATOR_CANCEL_RATE: rate.default(0.005),
  WMS_EMULATOR_SEED: z.coerce.number().int().default(1),
  WMS_EMULATOR_CREDITS_PER_SECOND: z.coerce.number().positive().default(60),
  WMS_EMULATOR_MAX_CREDITS: z.coerce.number().int().positive().default(4004),
  WMS_EMULATOR_FAULTS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(faultsSchema)
    .optional(),
});

export type WmsEmulatorEnv = z.infer<typeof wmsEmulatorEnvSchema>;

/** Reads the environment, or throws an Error listing every bad variable. */
export function loadWmsEmulatorEnv(env: NodeJS.ProcessEnv): WmsEmulatorEnv {
  const blanksUnset = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = wmsEmulatorEnvSchema.safeParse(blanksUnset);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new Error(`invalid WMS emulator configuration:\n${lines.join('\n')}`);
}
