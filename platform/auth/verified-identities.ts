import { LRUCache } from 'lru-cache';
import { verifyIdentityToken } from './identity-token.js';
import type { Principal } from './principal.js';

export interface VerifiedIdentitiesOptions {
  /** Tokens remembered at once, the least recently used forgotten first. Default 10,000. */
  max?: number;
}

interface Remembered {
  principal: Principal;
  /** When the token expires, in ms since the epoch. */
  expiresAtMs: number;
}

function frozen(principal: Principal): Principal {
  Object.freeze(principal.scopes);
  return Object.freeze(principal);
}

/**
 * Verifies identity tokens (platform/auth/identity-token.ts) with one secret, remembering each valid one
 * until its `exp`: the gateway sends a caller's requests the same token for half its life, so a subgraph
 * checks the HMAC and the claims once per token rather than on every request. A token is remembered
 * under its exact text (signature included) and never used at or past its `exp` (the same instant jose
 * refuses it); a token without `exp`, or one that fails, is not remembered. The principals given are
 * frozen: the same object serves every request with the token.
 */
export class VerifiedIdentities {
  readonly #secret: string;
  readonly #verified: LRUCache<string, Remembered>;

  constructor(secret: string, options: VerifiedIdentitiesOptions = {}) {
    this.#secret = secret;
    this.#verified = new LRUCache({ max: options.max ?? 10_000 });
  }

  /** The principal in `token`; throws (as verifyIdentity does) when the token is invalid or expired. */
  async verify(token: string): Promise<Principal> {
    const known = this.#verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.principal;
      this.#verified.delete(token);
    }
    const { principal, expiresAt } = await verifyIdentityToken(token, this.#secret);
    const verified = frozen(principal);
    if (expiresAt !== undefined)
      this.#verified.set(token, { principal: verified, expiresAtMs: expiresAt * 1000 });
    return verified;
  }

  /** How many tokens are remembered now. */
  get size(): number {
    return this.#verified.size;
  }
}
