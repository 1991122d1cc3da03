import { z } from 'zod';
import type { NewApiKey } from '../platform/auth/new-api-key.js';
import { partnerKinds } from '../platform/auth/principal.js';

/** A command line the `keys` CLI cannot run; the message says why. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90d`, `24h`, `30m` → milliseconds. */
const durationSchema = z
  .string()
  .regex(/^\d+[mhd]$/, 'a duration like 30m, 24h or 90d')
  .transform((text) => Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS]);

const createSchema = z
  .object({
    command: z.literal('create'),
    name: z.string().min(1, 'required'),
    kind: z.enum(['internal', 'partner']),
    tenant: z.coerce.number().int().positive().optional(),
    'partner-kind': z.enum(partnerKinds).optional(),
    scopes: z.string().min(1, 'required: comma-separated, e.g. orders:read,invoices:read'),
    expires: durationSchema.optional(),
    'persisted-only': z.boolean().optional(),
  })
  .superRefine((value, context) => {
    if (value.kind === 'partner' && (value.tenant === undefined || value['partner-kind'] === undefined))
      context.addIssue({
        code: 'custom',
        path: ['tenant'],
        message: 'a partner key needs --tenant and --partner-kind',
      });
    if (value.kind === 'internal' && (value.tenant !== undefined || value['partner-kind'] !== undefined))
      context.addIssue({
        code: 'custom',
        path: ['tenant'],
        message: 'an internal key takes no --tenant or --partner-kind',
      });
  })
  .transform((value) => {
    const scopes = value.scopes
      .split(',')
      .map((scope) => scope.trim())
      .filter(Boolean);
    const expiresAt = value.expires === undefined ? null : new Date(Date.now() + value.expires);
    const persistedOnly = value['persisted-only'] ?? false;
    const input: NewApiKey =
      value.kind === 'internal'
        ? { name: value.name, principal: { kind: 'internal', scopes, persistedOnly }, expiresAt }
        : {
            name: value.name,
            principal: {
              kind: 'partner',
              tenantPartnerId: value.tenant ?? 0,
              partnerKind: value['partner-kind'] ?? 'customer',
              scopes,
              persistedOnly,
            },
            expiresAt,
          };
    return { command: 'create' as const, input };
  });

const prefix = z.string({ error: 'required: the key prefix' }).regex(/^[a-z0-9_]+$/, 'a key prefix');

const commandSchemas = {
  create: createSchema,
  list: z.object({ command: z.literal('list') }).strict(),
  revoke: z.object({ command: z.literal('revoke'), prefix }).strict(),
  rotate: z
    .object({ command: z.literal('rotate'), prefix, overlap: durationSchema.prefault('24h') })
    .strict()
    .transform((value) => ({ command: 'rotate' as const, prefix: value.prefix, overlapMs: value.overlap })),
};

export type KeysCommand = z.output<(typeof commandSchemas)[keyof typeof commandSchemas]>;

/** The command of a parsed command line, or a {@link UsageError} naming every problem. */
export function parseKeysCommand(raw: { command?: string } & Record<string, unknown>): KeysCommand {
  const name = raw.command ?? '';
  if (!Object.hasOwn(commandSchemas, name)) throw new UsageError(`unknown command "${name}"`);
  const parsed = commandSchemas[name as keyof typeof commandSchemas].safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `--${issue.path.join('.') || 'arguments'}: ${issue.message}`,
    );
    throw new UsageError(problems.join('\n'));
  }
  return parsed.data;
}
