import { z } from 'zod';
import { DEFAULT_EVENTS_PORT } from '../events/service.js';
import { DEFAULT_SUBGRAPH_PORTS } from '../subgraphs/index.js';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const startConfigSchema = z.object({
  /** The gateway's port. */
  PORT: port(4000),
  INVENTORY_PORT: port(DEFAULT_SUBGRAPH_PORTS.inventory),
  ORDERS_PORT: port(DEFAULT_SUBGRAPH_PORTS.orders),
  INVOICING_PORT: port(DEFAULT_SUBGRAPH_PORTS.invoicing),
  ACCESS_PORT: port(DEFAULT_SUBGRAPH_PORTS.access),
  WAREHOUSE_PORT: port(DEFAULT_SUBGRAPH_PORTS.warehouse),
  SHIPPING_PORT: port(DEFAULT_SUBGRAPH_PORTS.shipping),
  OPERATIONS_PORT: port(DEFAULT_SUBGRAPH_PORTS.operations),
  /** The events service: webhooks in from the emulators (and from you, signed). */
  EVENTS_PORT: port(DEFAULT_EVENTS_PORT),
  /** Redis for keys, rate limits and audit; unset: a private redis-server, else memory. */
  REDIS_URL: z
    .string()
    .trim()
    .min(1)
    .refine((url) => /^rediss?:\/\//.test(url), 'must be a redis:// or rediss:// URL')
    .optional(),
  ALLOW_ANONYMOUS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type StartConfig = z.infer<typeof startConfigSchema>;

/** What `npm start` reads besides the ODOO_EMULATOR_* variables; throws naming every bad variable. */
export function loadStartConfig(env: NodeJS.ProcessEnv): StartConfig {
  const parsed = startConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`invalid npm start configuration:\n${lines.join('\n')}`);
}
