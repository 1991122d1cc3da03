/** The API key a caller presented, read from HTTP headers or graphql-ws connection params. */
export type Credential =
  | { kind: 'none' }
  | { kind: 'key'; key: string }
  /** Something was presented but it is not a bearer key (e.g. Basic auth): refused, never anonymous. */
  | { kind: 'malformed' };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function fromValues(authorization: unknown, apiKey: unknown): Credential {
  if (typeof apiKey === 'string' && apiKey.trim() !== '') return { kind: 'key', key: apiKey.trim() };
  if (typeof authorization === 'string' && authorization.trim() !== '') {
    const match = BEARER.exec(authorization);
    return match?.[1] ? { kind: 'key', key: match[1] } : { kind: 'malformed' };
  }
  return { kind: 'none' };
}

/** `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
export function credentialFromHeaders(headers: Headers): Credential {
  return fromValues(headers.get('authorization'), headers.get('x-api-key'));
}

/** graphql-ws `connectionParams`: `{ authorization: 'Bearer <key>' }` or `{ apiKey }` (any header spelling). */
export function credentialFromConnectionParams(params: Record<string, unknown> | undefined): Credential {
  if (!params) return { kind: 'none' };
  return fromValues(
    params.authorization ?? params.Authorization,
    params.apiKey ?? params['x-api-key'] ?? params['X-Api-Key'],
  );
}
