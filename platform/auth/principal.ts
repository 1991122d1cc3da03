import { z } from 'zod';

/** The kinds of partner the graph serves; each gets the least that serves it. */
export const partnerKinds = ['customer', 'supplier', 'carrier', 'marketplace', '3pl'] as const;

/**
 * Who is calling. Internal principals (staff, internal services) see across tenants; a partner is bound
 * to one Odoo partner (its tenant: the commercial partner's id) and sees only what is its own.
 */
export const principalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('internal'),
    /** Stable id of the credential's owner, for audit (never a secret). */
    id: z.string().min(1),
    name: z.string().min(1),
    scopes: z.array(z.string().min(1)),
    /** Only persisted (trusted) documents may be run with this credential. Default false. */
    persistedOnly: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('partner'),
    id: z.string().min(1),
    name: z.string().min(1),
    partnerKind: z.enum(partnerKinds),
    /** The Odoo id of the commercial partner (company) this principal acts for. */
    tenantPartnerId: z.number().int().positive(),
    scopes: z.array(z.string().min(1)),
    /** Only persisted (trusted) documents may be run with this credential. Default false. */
    persistedOnly: z.boolean().optional(),
  }),
]);

export type Principal = z.infer<typeof principalSchema>;

/** Whether the principal holds `scope`. */
export function hasScope(principal: Principal, scope: string): boolean {
  return principal.scopes.includes(scope);
}

/** Scopes only internal principals may hold: a partner credential that claims one is refused. */
export const INTERNAL_ONLY_SCOPES: readonly string[] = [
  'cost:read',
  'margin:read',
  'finance:read',
  'keys:manage',
  'warehouse:read',
  'labels:read',
  'operations:read',
  'operations:write',
];
