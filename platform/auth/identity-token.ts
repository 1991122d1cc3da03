/**
 * How the gateway tells a subgraph who the caller is, in a form the subgraph can verify: a short-lived
 * HS256 JWT in the `x-dg-identity` header, signed with a secret only the gateway and the subgraphs hold
 * (`IDENTITY_SIGNING_SECRET`). A request that reached a subgraph some other way has no valid token and
 * gets nothing a principal would not.
 */
import { jwtVerify, SignJWT } from 'jose';
import { principalSchema, type Principal } from './principal.js';

export const IDENTITY_HEADER = 'x-dg-identity';
const ISSUER = 'distribution-graph-gateway';
const AUDIENCE = 'distribution-graph-subgraphs';
/** Long enough for one request's subgraph fetches, short enough that a leaked header is soon useless. */
const DEFAULT_TTL_SECONDS = 60;

/** The HMAC key of each secret, imported once: importing it for every token cost more than signing. */
const keys = new Map<string, Promise<CryptoKey>>();

function key(secret: string): Promise<CryptoKey> {
  let imported = keys.get(secret);
  if (!imported) {
    imported = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    keys.set(secret, imported);
  }
  return imported;
}

/** Signs `principal` for the subgraphs. */
export async function signIdentity(
  principal: Principal,
  secret: string,
  ttlSeconds = DEFAULT_TTL_SECONDS,
): Promise<string> {
  return new SignJWT({ principal })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(principal.id)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(await key(secret));
}

/** What a valid identity token says: who the caller is, and until when (`exp`, in seconds) it says so. */
export interface VerifiedIdentity {
  principal: Principal;
  /** The token's `exp` claim in seconds since the epoch; undefined for a token without one. */
  expiresAt: number | undefined;
}

/** The claims of a token signed by {@link signIdentity}; throws when the token is invalid or expired. */
export async function verifyIdentityToken(token: string, secret: string): Promise<VerifiedIdentity> {
  const { payload } = await jwtVerify(token, await key(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  return { principal: principalSchema.parse(payload.principal), expiresAt: payload.exp };
}

/** The principal in a token signed by {@link signIdentity}; throws when the token is invalid or expired. */
export async function verifyIdentity(token: string, secret: string): Promise<Principal> {
  return (await verifyIdentityToken(token, secret)).principal;
}

/**
 * Signed identities reused while they have most of their life left: a caller's requests within a few
 * seconds carry the same token instead of signing one each (signing was a tenth of a cached answer's
 * cost at the gateway). A token says only who the caller is; one whose key is revoked is not
 * authenticated again, so reuse grants nothing a new token would not.
 */
export class IdentityTokens {
  readonly #secret: string;
  readonly #ttlSeconds: number;
  readonly #tokens = new Map<string, { token: Promise<string>; renewAt: number }>();

  constructor(secret: string, ttlSeconds = DEFAULT_TTL_SECONDS) {
    this.#secret = secret;
    this.#ttlSeconds = ttlSeconds;
  }

  tokenFor(principal: Principal): Promise<string> {
    const id = JSON.stringify(principal);
    const now = Date.now();
    const known = this.#tokens.get(id);
    if (known && known.renewAt > now) return known.token;
    // Bounded: callers seen in the last half-lifetime, at most a few thousand at a time.
    if (this.#tokens.size >= 10_000) this.#tokens.clear();
    const token = signIdentity(principal, this.#secret, this.#ttlSeconds);
    this.#tokens.set(id, { token, renewAt: now + (this.#ttlSeconds * 1000) / 2 });
    token.catch(() => this.#tokens.delete(id));
    return token;
  }
}
