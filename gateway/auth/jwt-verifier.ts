/**
 * OIDC bearer tokens: verified against the provider's JWKS (keys found by `kid`, so the provider can
 * rotate them), with issuer, audience, expiry and not-before checked and only allow-listed algorithms
 * accepted (never `none`, never HS* against a public key). Claims map to a {@link Principal}.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import {
  INTERNAL_ONLY_SCOPES,
  partnerKinds,
  principalSchema,
  type Principal,
} from '../../platform/auth/principal.js';

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Default ['RS256', 'ES256']. */
  algorithms?: string[];
  /** Seconds of clock skew tolerated on exp/nbf. Default 30. */
  clockToleranceSeconds?: number;
  /** Claim holding `internal` or `partner`. Default `dg_kind`. */
  kindClaim?: string;
  /** Claim holding the partner's Odoo commercial partner id. Default `dg_tenant`. */
  tenantClaim?: string;
  /** Claim holding the partner kind (customer, supplier...). Default `dg_partner_kind`; missing means customer. */
  partnerKindClaim?: string;
  /** Claim holding the scopes, a space-separated string or an array. Default `scope`. */
  scopesClaim?: string;
  /** Least time between two JWKS fetches caused by unknown `kid`s. Default 30 s. */
  jwksCooldownMs?: number;
}

export class JwtRejected extends Error {}

/** Whether a bearer credential is a JWT rather than one of our API keys. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

function scopesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

export function principalFromClaims(payload: JWTPayload, options: JwtVerifierOptions): Principal {
  const kind = payload[options.kindClaim ?? 'dg_kind'];
  const scopes = scopesOf(payload[options.scopesClaim ?? 'scope']);
  const id = payload.sub ?? '';
  const name = typeof payload.name === 'string' ? payload.name : id;
  if (kind === 'internal') return principalSchema.parse({ kind, id, name, scopes });
  if (kind !== 'partner')
    throw new JwtRejected(`claim ${options.kindClaim ?? 'dg_kind'} must be internal or partner`);
  const internalOnly = scopes.filter((scope) => INTERNAL_ONLY_SCOPES.includes(scope));
  if (internalOnly.length > 0)
    throw new JwtRejected(`a partner token may not carry ${internalOnly.join(', ')}`);
  const partnerKind = payload[options.partnerKindClaim ?? 'dg_partner_kind'] ?? 'customer';
  if (typeof partnerKind !== 'string' || !(partnerKinds as readonly string[]).includes(partnerKind))
    throw new JwtRejected('unknown partner kind');
  const tenant = Number(payload[options.tenantClaim ?? 'dg_tenant']);
  return principalSchema.parse({ kind, id, name, partnerKind, tenantPartnerId: tenant, scopes });
}

/** Verifies tokens of one OIDC provider. */
export class JwtVerifier {
  readonly #keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: JwtVerifierOptions) {
    // A token with an unknown kid makes jose refetch the JWKS, at most every 30 s.
    this.#keys = createRemoteJWKSet(new URL(options.jwksUrl), {
      cooldownDuration: 30_000,
      timeoutDuration: 5_000,
    });
  }

  #lastReload = 0;

  async #verifyToken(token: string) {
    return jwtVerify(token, this.#keys, {
      issuer: this.options.issuer,
      audience: this.options.audience,
      algorithms: this.options.algorithms ?? ['RS256', 'ES256'],
      clockTolerance: this.options.clockToleranceSeconds ?? 30,
      requiredClaims: ['exp', 'sub'],
    });
  }

  /** The principal a token stands for; throws JwtRejected (or jose's error) when it is not acceptable. */
  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await this.#verifyToken(token));
    } catch (error) {
      // An unknown kid may be a key the provider has just rotated in: fetch the JWKS again, at most once
      // per cooldown (jose's own refetch on a miss did not fire in our tests, so it is done here).
      const cooldown = this.options.jwksCooldownMs ?? 30_000;
      if (
        (error as { code?: unknown }).code !== 'ERR_JWKS_NO_MATCHING_KEY' ||
        Date.now() - this.#lastReload < cooldown
      )
        throw error;
      this.#lastReload = Date.now();
      await this.#keys.reload();
      ({ payload } = await this.#verifyToken(token));
    }
    try {
      return principalFromClaims(payload, this.options);
    } catch (error) {
      if (error instanceof JwtRejected) throw error;
      throw new JwtRejected('the token does not name a valid principal');
    }
  }
}
