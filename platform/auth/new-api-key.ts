import { z } from 'zod';
import { ApiKeyError } from './api-key-error.js';
import { INTERNAL_ONLY_SCOPES, partnerKinds, type Principal } from './principal.js';

const scopesSchema = z
  .array(z.string().regex(/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/, 'a scope looks like "orders:read"'))
  .min(1, 'at least one scope')
  .transform((scopes) => [...new Set(scopes)]);

/** Whether the key may run only persisted documents (see usePersistedDocuments). Default false. */
const persistedOnlySchema = z.boolean().optional();

/** The principal a new key acts for; `id` and `name` default to ones derived from the key. */
const principalDraftSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('internal'),
      id: z.string().min(1).optional(),
      name: z.string().min(1).optional(),
      scopes: scopesSchema,
      persistedOnly: persistedOnlySchema,
    }),
    z.object({
      kind: z.literal('partner'),
      id: z.string().min(1).optional(),
      name: z.string().min(1).optional(),
      partnerKind: z.enum(partnerKinds),
      tenantPartnerId: z.number().int().positive(),
      scopes: scopesSchema,
      persistedOnly: persistedOnlySchema,
    }),
  ])
  .superRefine((principal, context) => {
    if (principal.kind !== 'partner') return;
    const forbidden = principal.scopes.filter((scope) => INTERNAL_ONLY_SCOPES.includes(scope));
    if (forbidden.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['scopes'],
        message: `a partner key may not carry internal-only scopes: ${forbidden.join(', ')}`,
      });
    }
  });

/** What {@link ApiKeyStore.create} takes. */
export const newApiKeySchema = z.object({
  /** A human label: owner and purpose. */
  name: z.string().trim().min(1).max(200),
  principal: principalDraftSchema,
  /** When the key stops working; null or absent = never. Must be in the future. */
  expiresAt: z.date().nullable().optional(),
});

export type NewApiKey = z.input<typeof newApiKeySchema>;

/** The validated input with the principal completed, or an {@link ApiKeyError} listing every problem. */
export function parseNewApiKey(
  input: NewApiKey,
  prefix: string,
  now: number,
): { name: string; principal: Principal; expiresAt?: string } {
  const parsed = newApiKeySchema.safeParse(input);
  if (!parsed.success) {
    throw new ApiKeyError(
      'INVALID_INPUT',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const { name, principal, expiresAt } = parsed.data;
  if (expiresAt && expiresAt.getTime() <= now) {
    throw new ApiKeyError('INVALID_INPUT', [{ path: 'expiresAt', message: 'must be in the future' }]);
  }
  // Stored only when set, so a record without it reads as it always has.
  const { persistedOnly, ...rest } = principal;
  return {
    name,
    principal: {
      ...rest,
      id: principal.id ?? `key:${prefix}`,
      name: principal.name ?? name,
      ...(persistedOnly ? { persistedOnly: true } : {}),
    },
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
  };
}
