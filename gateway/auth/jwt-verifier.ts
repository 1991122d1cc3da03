/**
 * OIDC bearer tokens: verified against the provider's JWKS (keys found by `kid`, refetched when an
 * unknown `kid` appears, so the provider can rotate them), with issuer, audience, expiry and not-before
 * checked and only allow-listed asymmetric algorithms accepted (never `none`, never HS* against a public
 * key). Claims map to a {@link Principal}; a partner token may not carry an internal-only scope.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import {
  INTERNAL_ONLY_SCOPES,
  partnerKinds,
  principalSchema,
  type Principal,
} from '../../platform/auth/principal.js';

/** The asymmetric algorithms a verifier may allow; symmetric ones (HS*) and `none` never. */
export const JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
] as const;

export interface JwtVerifierOptions {
  /** Expected `iss`. Required. */
  issuer: string;
  /** Expected `aud` (one of the token's audiences). Required. */
  audience: string;
  /** The provider's JWKS document. Required. */
  jwksUrl: string;
  /** Accepted `alg`s, each one of {@link JWT_ALGORITHMS}. Default ['RS256', 'ES256']. */
  algorithms?: string[];
  /** Seconds of clock skew tolerated on exp/nbf. Default 30. */
  clockToleranceSeconds?: number;
  /** Refuse tokens without `nbf` (`exp` is always required). Default false. */
  requireNotBefore?: boolean;
  /** Claim holding `internal` or `partner`. Default `dg_kind`. */
  kindClaim?: string;
  /** Claim holding the partner's Odoo commercial partner id. Default `dg_tenant`. */
  tenantClaim?: string;
  /** Claim holding the partner kind (customer, supplier...). Default `dg_partner_kind`; absent = customer. */
  partnerKindClaim?: string;
  /** Claim holding the scopes, a space-separated string or an array. Default `scope`. */
  scopesClaim?: string;
  /** Least time between two JWKS fetches caused by an unknown `kid`. Default 30 s. */
  jwksCooldownMs?: number;
  /** How long a fetched JWKS is trusted before it is fetched again. Default 10 min. */
  jwksMaxAgeMs?: number;
}

/** A token that verified, as a principal, and when it stops being accepted. */
export interface VerifiedJwt {
  principal: Principal;
  /** Epoch milliseconds after which the token is refused (its `exp` plus the clock tolerance). */
  expiresAt: number;
}

/** A token that verified but does not name an acceptable principal; the message is for the log only. */
export class JwtRejected extends Error {}

/** Whether a bearer credential is a JWT (three base64url parts) rather than one of our API keys. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

function scopesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function tenantOf(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
}

/** The principal a verified token's claims name, per the options' claim mapping. */
export function principalFromClaims(payload: JWTPayload, options: JwtVerifierOptions): Principal {
  const kindClaim = options.kindClaim ?? 'dg_kind';
  const kind = payload[kindClaim];
  const scopes = scopesOf(payload[options.scopesClaim ?? 'scope']);
  const id = payload.sub ?? '';
  const name = typeof payload.name === 'string' && payload.name !== '' ? payload.name : id;
  const parse = (value: object) => {
    const result = principalSchema.safeParse(value);
    if (!result.success)
      throw new JwtRejected(`the claims do not name a valid principal: ${result.error.message}`);
    return result.data;
  };
  if (kind === 'internal') return parse({ kind, id, name, scopes });
  if (kind !== 'partner') throw new JwtRejected(`claim ${kindClaim} must be "internal" or "partner"`);
  const internalOnly = scopes.filter((scope) => INTERNAL_ONLY_SCOPES.includes(scope));
  if (internalOnly.length > 0)
    throw new JwtRejected(`a partner token may not carry ${internalOnly.join(', ')}`);
  const partnerKind = payload[options.partnerKindClaim ?? 'dg_partner_kind'] ?? 'customer';
  if (typeof partnerKind !== 'string' || !(partnerKinds as readonly string[]).includes(partnerKind))
    throw new JwtRejected(`unknown partner kind ${JSON.stringify(partnerKind)}`);
  const tenantPartnerId = tenantOf(payload[options.tenantClaim ?? 'dg_tenant']);
  return parse({ kind, id, name, partnerKind, tenantPartnerId, scopes });
}

/** Verifies the tokens of one OIDC provider; options are checked at construction. */
export class JwtVerifier {
  readonly #keys: ReturnType<typeof createRemoteJWKSet>;
  readonly #algorithms: string[];
  readonly #toleranceSeconds: number;

  constructor(private readonly options: JwtVerifierOptions) {
    this.#algorithms = options.algorithms ?? ['RS256', 'ES256'];
    const refused = this.#algorithms.filter((alg) => !(JWT_ALGORITHMS as readonly string[]).includes(alg));
    if (this.#algorithms.length === 0 || refused.length > 0)
      throw new Error(
        `JWT algorithms must be some of ${JWT_ALGORITHMS.join(', ')}; got ${refused.join(', ')}`,
      );
    this.#toleranceSeconds = options.clockToleranceSeconds ?? 30;
    if (!(this.#toleranceSeconds >= 0)) throw new Error('JWT clock tolerance must be 0 or more seconds');
    // jose fetches the JWKS again when a token names an unknown kid, at most once per cooldown.
    this.#keys = createRemoteJWKSet(new URL(options.jwksUrl), {
      cooldownDuration: options.jwksCooldownMs ?? 30_000,
      cacheMaxAge: options.jwksMaxAgeMs ?? 600_000,
      timeoutDuration: 5_000,
    });
  }

  /** The principal behind `token`; throws JwtRejected or jose's error when it is not acceptable. */
  async verify(token: string): Promise<VerifiedJwt> {
    const { payload } = await jwtVerify(token, this.#keys, {
      issuer: this.options.issuer,
      audience: this.options.audience,
      algorithms: this.#algorithms,
      clockTolerance: this.#toleranceSeconds,
      requiredClaims: ['exp', 'sub', ...(this.options.requireNotBefore ? ['nbf'] : [])],
    });
    const principal = principalFromClaims(payload, this.options);
    return { principal, expiresAt: (payload.exp! + this.#toleranceSeconds) * 1000 };
  }
}
