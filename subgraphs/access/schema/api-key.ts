import { resolveOffsetConnection } from '@pothos/plugin-relay';
import type { ApiKeyInfo } from '../../../platform/auth/api-key-record.js';
import { throwIfIssues, type Issue } from '../../../platform/graphql/input-issues.js';
import { checkPageArgs, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../platform/graphql/page-args.js';
import { builder } from '../builder.js';
import { KEYS_MANAGE_SCOPE, requireKeyManager } from '../require-key-manager.js';

export const PrincipalKindType = builder.enumType('PrincipalKind', {
  description: 'Whom a credential acts for.',
  values: {
    INTERNAL: { value: 'internal', description: 'Staff or an internal service: sees across tenants.' },
    PARTNER: { value: 'partner', description: 'A partner bound to one Odoo partner (its tenant).' },
  } as const,
});

export const PartnerKindType = builder.enumType('PartnerKind', {
  description: 'What kind of partner a partner credential belongs to.',
  values: {
    CUSTOMER: { value: 'customer', description: 'A customer buying from the distributor.' },
    SUPPLIER: { value: 'supplier', description: 'A supplier the distributor buys from.' },
    CARRIER: { value: 'carrier', description: 'A carrier shipping the goods.' },
    MARKETPLACE: { value: 'marketplace', description: 'A marketplace selling the goods.' },
    THIRD_PARTY_LOGISTICS: { value: '3pl', description: 'A third-party logistics provider (3PL).' },
  } as const,
});

export const ApiKeyType = builder.objectRef<ApiKeyInfo>('ApiKey').implement({
  description: 'An API key as it may be shown: never the key nor its hash.',
  fields: (t) => ({
    prefix: t.exposeString('prefix', {
      description: 'The public part of the key, `dg_<prefix>_...`: its id.',
    }),
    name: t.exposeString('name', { description: 'Human label: owner and purpose.' }),
    kind: t.field({
      type: PrincipalKindType,
      description: 'Whom the key acts for.',
      resolve: (k) => k.principal.kind,
    }),
    tenantPartnerId: t.int({
      nullable: true,
      description: 'The Odoo commercial partner a partner key is bound to; null for internal keys.',
      resolve: (k) => (k.principal.kind === 'partner' ? k.principal.tenantPartnerId : null),
    }),
    partnerKind: t.field({
      type: PartnerKindType,
      nullable: true,
      description: 'The kind of partner; null for internal keys.',
      resolve: (k) => (k.principal.kind === 'partner' ? k.principal.partnerKind : null),
    }),
    scopes: t.stringList({
      description: 'What the key may do, e.g. `orders:read`.',
      resolve: (k) => k.principal.scopes,
    }),
    persistedOnly: t.boolean({
      description:
        'Whether the key may run only persisted (trusted) documents; any other query is refused with `PERSISTED_DOCUMENT_REQUIRED`.',
      resolve: (k) => k.principal.persistedOnly ?? false,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was created; null for keys from a file.',
      resolve: (k) => k.createdAt ?? null,
    }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it stops working; null = never.',
      resolve: (k) => k.expiresAt ?? null,
    }),
    lastUsedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it last authenticated a request (to the minute); null = never.',
      resolve: (k) => k.lastUsedAt ?? null,
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked; null while not revoked.',
      resolve: (k) => k.revokedAt ?? null,
    }),
  }),
});

const ApiKeyConnection = builder.connectionObject(
  {
    type: ApiKeyType,
    name: 'ApiKeyConnection',
    description: 'A page of API keys, oldest first.',
    edgesNullable: { list: false, items: false },
    nodeNullable: false,
    edgesField: { description: 'The keys of this page, each with its cursor.' },
  },
  {
    name: 'ApiKeyEdge',
    description: 'An API key in a page, with its cursor.',
    nodeField: { description: 'The key.' },
  },
);

builder.queryField('apiKeys', (t) =>
  t.field({
    type: ApiKeyConnection,
    description:
      'Every API key, revoked and expired ones included. Internal callers with `keys:manage` only.',
    authenticated: true,
    requiresScopes: [[KEYS_MANAGE_SCOPE]],
    args: {
      first: t.arg.int({
        required: false,
        defaultValue: DEFAULT_PAGE_SIZE,
        description: `Keys per page, 1 to ${MAX_PAGE_SIZE}.`,
      }),
      after: t.arg.string({
        required: false,
        description: 'The `endCursor` of the previous page; omit for the first page.',
      }),
    },
    resolve: async (_root, args, context) => {
      requireKeyManager(context);
      const issues: Issue[] = [];
      checkPageArgs(args, issues);
      throwIfIssues(issues);
      const keys = await context.keys.list();
      return resolveOffsetConnection(
        { args: { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after }, maxSize: MAX_PAGE_SIZE },
        ({ offset, limit }) => keys.slice(offset, offset + limit),
      );
    },
  }),
);
