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

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs `principal` for the subgraphs. */
export function signIdentity(
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
    .sign(key(secret));
}

/** The principal in a token signed by {@link signIdentity}; throws when the token is invalid or expired. */
export async function verifyIdentity(token: string, secret: string): Promise<Principal> {
  const { payload } = await jwtVerify(token, key(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  return principalSchema.parse(payload.principal);
}
