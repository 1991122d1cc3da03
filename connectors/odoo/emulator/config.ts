/**
 * Validated configuration of the emulator: server options and the environment `main.ts` reads.
 * A bad value fails at start with a message naming the variable, never half-way through a run.
 */
import { z } from 'zod';
import { faultsSchema } from './faults.js';
import { webhookRulesSchema } from './webhooks.js';

/** JSON in an environment variable, parsed then validated by `schema`. */
function jsonVar<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/**
 * The emulator's documented demo key, so that the README's curl examples work as written. It opens only
 * an emulator with demo data on loopback; nothing that talks to a real Odoo accepts it.
 */
export const ODOO_EMULATOR_DEMO_API_KEY = 'demo-odoo-bot-key-emulator-only';

export const emulatorEnvSchema = z.object({
  ODOO_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(8069),
  ODOO_EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  ODOO_EMULATOR_DATABASE: z.string().min(1).default('distribution-demo'),
  /** The integration bot's API key; the documented demo key when unset. */
  ODOO_EMULATOR_API_KEY: z.string().min(16).default(ODOO_EMULATOR_DEMO_API_KEY),
  /** Key for `/__emulator/*`; defaults to the API key. */
  ODOO_EMULATOR_ADMIN_KEY: z.string().min(16).optional(),
  /** Demo data: `0`/`false` for none, otherwise on at `ODOO_EMULATOR_SCALE`. */
  ODOO_EMULATOR_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  ODOO_EMULATOR_SCALE: z.coerce.number().positive().default(1),
  ODOO_EMULATOR_SEED: z.coerce.number().int().default(1),
  ODOO_EMULATOR_FAULTS: jsonVar(faultsSchema).optional(),
  ODOO_EMULATOR_WEBHOOKS: jsonVar(webhookRulesSchema).optional(),
});

export type EmulatorEnv = z.infer<typeof emulatorEnvSchema>;

/** Reads the environment, or throws an Error listing every bad variable. */
export function loadEmulatorEnv(env: NodeJS.ProcessEnv): EmulatorEnv {
  const parsed = emulatorEnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new Error(`invalid Odoo emulator configuration:\n${lines.join('\n')}`);
}
