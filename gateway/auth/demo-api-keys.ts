/**
 * Fixed, public demo keys so that the README and `npm start` can show a working call. They are useless
 * anywhere that matters: production mode refuses any key whose prefix starts with `demo`.
 */
import type { Principal } from '../../platform/auth/principal.js';
import { apiKeyPrefix, hashApiKey, type ApiKeyRecord } from './api-keys.js';

/** Internal (staff) demo key: every scope, cost, margin, finance and key management included. */
export const DEMO_INTERNAL_API_KEY = 'dg_demo_internal_4f1c9a7e2b8d6035c1e7a9f4b2d8c6e0';
/** Demo key of the first demo partner (a customer). */
export const DEMO_PARTNER1_API_KEY = 'dg_demo_partner1_9b3e7d1a5c2f8e4b6a0d3c9f1e7b5a2d';
/** Demo key of the second demo partner (a customer). */
export const DEMO_PARTNER2_API_KEY = 'dg_demo_partner2_2e8a4c6f0b1d9e3a7c5f2b8d4a6e0c1f';

export const INTERNAL_DEMO_SCOPES = [
  'catalog:read',
  'stock:read',
  'stock:exact',
  'orders:read',
  'orders:write',
  'invoices:read',
  'customers:read',
  'shipments:read',
  'webhooks:manage',
  'cost:read',
  'margin:read',
  'finance:read',
  'keys:manage',
  'warehouse:read',
  'labels:read',
  'operations:read',
  'operations:write',
];
/** What a customer partner needs: no exact stock figures, nothing internal-only. */
export const PARTNER_DEMO_SCOPES = [
  'catalog:read',
  'stock:read',
  'orders:read',
  'orders:write',
  'invoices:read',
  'customers:read',
  'shipments:read',
  'webhooks:manage',
];

export interface DemoPartner {
  /** The Odoo id of the commercial partner the key acts for. */
  tenantPartnerId: number;
  name: string;
}

export interface DemoApiKeysOptions {
  /** Issue the internal demo key. */
  internal: boolean;
  /** At most two partners, given {@link DEMO_PARTNER1_API_KEY} and {@link DEMO_PARTNER2_API_KEY}. */
  partners: readonly DemoPartner[];
}

function record(key: string, principal: Principal): ApiKeyRecord {
  return {
    prefix: apiKeyPrefix(key) ?? '',
    hash: hashApiKey(key),
    principal,
    name: `demo: ${principal.name}`,
  };
}

/** Records for the fixed demo keys. */
export function DEMO_API_KEYS(options: DemoApiKeysOptions): ApiKeyRecord[] {
  const partnerKeys = [DEMO_PARTNER1_API_KEY, DEMO_PARTNER2_API_KEY];
  if (options.partners.length > partnerKeys.length) throw new Error('At most two demo partners');
  const records = options.partners.map((partner, index) =>
    record(partnerKeys[index] ?? '', {
      kind: 'partner',
      id: `demo-partner-${index + 1}`,
      name: partner.name,
      partnerKind: 'customer',
      tenantPartnerId: partner.tenantPartnerId,
      scopes: [...PARTNER_DEMO_SCOPES],
    }),
  );
  if (options.internal) {
    records.unshift(
      record(DEMO_INTERNAL_API_KEY, {
        kind: 'internal',
        id: 'demo-internal',
        name: 'Demo internal user',
        scopes: [...INTERNAL_DEMO_SCOPES],
      }),
    );
  }
  return records;
}

/** Throws when any prefix is a demo one: the demo keys are published, so production must not accept them. */
export function assertNoDemoKeys(prefixes: readonly string[]): void {
  const demo = prefixes.filter((prefix) => prefix.startsWith('demo'));
  if (demo.length > 0) {
    throw new Error(
      `DG_MODE=production refuses demo API keys (prefixes: ${demo.join(', ')}); configure API_KEYS_FILE with real keys`,
    );
  }
}
