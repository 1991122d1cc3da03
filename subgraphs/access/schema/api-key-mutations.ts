import type { NewApiKey } from '../../../platform/auth/new-api-key.js';
import { ApiKeyError } from '../../../platform/auth/api-key-error.js';
import { builder } from '../builder.js';
import { KEYS_MANAGE_SCOPE, requireKeyManager } from '../require-key-manager.js';
import { PartnerKindType, PrincipalKindType } from './api-key.js';
import { IssueResultType, refusalOf, RevokeResultType } from './api-key-results.js';

const HOUR_MS = 3_600_000;

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description:
    'A new API key. Partner keys need `tenantPartnerId` and `partnerKind` and may not hold internal-only scopes.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Human label: owner and purpose.' }),
    kind: t.field({ type: PrincipalKindType, required: true, description: 'Whom the key acts for.' }),
    tenantPartnerId: t.int({
      required: false,
      description: 'Partner keys: the Odoo commercial partner id (the tenant).',
    }),
    partnerKind: t.field({
      type: PartnerKindType,
      required: false,
      description: 'Partner keys: the kind of partner.',
    }),
    scopes: t.stringList({ required: true, description: 'What the key may do, e.g. ["orders:read"].' }),
    expiresAt: t.field({
      type: 'DateTime',
      required: false,
      description: 'When the key stops working; omit for never.',
    }),
    persistedOnly: t.boolean({
      required: false,
      defaultValue: false,
      description:
        'Whether the key may run only persisted (trusted) documents: any other query is refused with `PERSISTED_DOCUMENT_REQUIRED`. Default false.',
    }),
  }),
});

type CreateInput = typeof CreateApiKeyInput.$inferInput;

function newApiKey(input: CreateInput): NewApiKey {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  const persistedOnly = input.persistedOnly ?? false;
  if (input.kind === 'internal')
    return {
      name: input.name,
      principal: { kind: 'internal', scopes: input.scopes, persistedOnly },
      expiresAt,
    };
  if (input.tenantPartnerId == null || input.partnerKind == null) {
    throw new ApiKeyError('INVALID_INPUT', [
      { path: 'tenantPartnerId', message: 'a partner key needs tenantPartnerId and partnerKind' },
    ]);
  }
  return {
    name: input.name,
    principal: {
      kind: 'partner',
      tenantPartnerId: input.tenantPartnerId,
      partnerKind: input.partnerKind,
      scopes: input.scopes,
      persistedOnly,
    },
    expiresAt,
  };
}

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: IssueResultType,
    description: 'Creates an API key and shows it once. Internal callers with `keys:manage` only.',
    args: { input: t.arg({ type: CreateApiKeyInput, required: true, description: 'The key to create.' }) },
    authenticated: true,
    requiresScopes: [[KEYS_MANAGE_SCOPE]],
    resolve: async (_root, { input }, context) => {
      requireKeyManager(context);
      try {
        return await context.keys.create(newApiKey(input));
      } catch (error) {
        return refusalOf(error);
      }
    },
  }),
);

builder.mutationField('revokeApiKey', (t) =>
  t.field({
    type: RevokeResultType,
    description:
      'Revokes a key at once: its next request is refused. Internal callers with `keys:manage` only.',
    args: { prefix: t.arg.string({ required: true, description: 'The prefix of the key to revoke.' }) },
    authenticated: true,
    requiresScopes: [[KEYS_MANAGE_SCOPE]],
    resolve: async (_root, { prefix }, context) => {
      requireKeyManager(context);
      try {
        return { revoked: await context.keys.revoke(prefix) };
      } catch (error) {
        return refusalOf(error);
      }
    },
  }),
);

builder.mutationField('rotateApiKey', (t) =>
  t.field({
    type: IssueResultType,
    description:
      'Issues a new key for the same principal; the old one keeps working for the overlap, then expires. Internal callers with `keys:manage` only.',
    args: {
      prefix: t.arg.string({ required: true, description: 'The prefix of the key to replace.' }),
      overlapHours: t.arg.float({
        required: false,
        defaultValue: 24,
        description: 'How long the old key keeps working, in hours (0 to 720; default 24).',
      }),
    },
    authenticated: true,
    requiresScopes: [[KEYS_MANAGE_SCOPE]],
    resolve: async (_root, { prefix, overlapHours }, context) => {
      requireKeyManager(context);
      try {
        const hours = overlapHours ?? 24;
        if (!(hours >= 0 && hours <= 720))
          throw new ApiKeyError('INVALID_INPUT', [
            { path: 'overlapHours', message: 'must be between 0 and 720' },
          ]);
        return await context.keys.rotate(prefix, { overlapMs: hours * HOUR_MS });
      } catch (error) {
        return refusalOf(error);
      }
    },
  }),
);
