import { ApiKeyError, type ApiKeyErrorCode, type ApiKeyIssue } from '../../../platform/auth/api-key-error.js';
import type { ApiKeyInfo } from '../../../platform/auth/api-key-record.js';
import { builder } from '../builder.js';
import { ApiKeyType } from './api-key.js';

/** A refused key operation, as the result types carry it. */
export interface Refusal {
  refusal: ApiKeyErrorCode;
  message: string;
  issues: readonly ApiKeyIssue[];
}

/** A business failure as a {@link Refusal}; anything else is a fault and is rethrown. */
export function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ApiKeyError)) throw error;
  return { refusal: error.code, message: error.message, issues: error.issues };
}

const RefusalCodeType = builder.enumType('ApiKeyRefusalCode', {
  description: 'Why a key operation was refused.',
  values: {
    INVALID_INPUT: {
      description: 'The input is invalid (e.g. a partner with an internal-only scope); see `issues`.',
    },
    UNKNOWN_KEY: { description: 'No key has this prefix.' },
    KEY_REVOKED: { description: 'The key is revoked or expired, so it cannot be rotated.' },
  } satisfies Record<ApiKeyErrorCode, { description: string }>,
});

const IssueType = builder.objectRef<ApiKeyIssue>('ApiKeyIssue').implement({
  description: 'One problem with the input of a key operation.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Which input, e.g. `scopes` or `tenantPartnerId`.' }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

export const RefusedType = builder.objectRef<Refusal>('ApiKeyRefused').implement({
  description: 'A key operation that was refused; nothing was changed.',
  fields: (t) => ({
    code: t.field({
      type: RefusalCodeType,
      description: 'Why, as a stable code.',
      resolve: (r) => r.refusal,
    }),
    message: t.exposeString('message', { description: 'Why, for a person.' }),
    issues: t.field({
      type: [IssueType],
      description: 'Each problem with the input; may be empty.',
      resolve: (r) => [...r.issues],
    }),
  }),
});

/** A key issued by create or rotate. */
export interface Issued {
  key: string;
  record: ApiKeyInfo;
  previous?: ApiKeyInfo;
}

export const IssuedType = builder.objectRef<Issued>('ApiKeyIssued').implement({
  description: 'A new key. `key` is shown this once and stored nowhere: hand it over now.',
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'The whole key, `dg_<prefix>_<secret>`; shown only in this answer.',
    }),
    apiKey: t.field({ type: ApiKeyType, description: 'The new key as stored.', resolve: (i) => i.record }),
    previous: t.field({
      type: ApiKeyType,
      nullable: true,
      description: 'On rotation, the old key with the expiry at the end of the overlap; null on creation.',
      resolve: (i) => i.previous ?? null,
    }),
  }),
});

export const RevokedType = builder.objectRef<{ revoked: ApiKeyInfo }>('ApiKeyRevoked').implement({
  description: 'A revoked key: refused from the next request on.',
  fields: (t) => ({
    apiKey: t.field({
      type: ApiKeyType,
      description: 'The key, with `revokedAt` set.',
      resolve: (r) => r.revoked,
    }),
  }),
});

const isRefusal = (value: object): value is Refusal => 'refusal' in value;

export const IssueResultType = builder.unionType('ApiKeyIssueResult', {
  description: 'A new key, or why none was issued.',
  types: [IssuedType, RefusedType],
  resolveType: (value) => (isRefusal(value) ? RefusedType : IssuedType),
});

export const RevokeResultType = builder.unionType('ApiKeyRevokeResult', {
  description: 'The revoked key, or why it was not revoked.',
  types: [RevokedType, RefusedType],
  resolveType: (value) => (isRefusal(value) ? RefusedType : RevokedType),
});
