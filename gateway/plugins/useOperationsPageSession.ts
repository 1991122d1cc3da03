import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** The cookie that carries an operations page session. */
export const OPS_SESSION_COOKIE = 'dg_ops';

const sessionSchema = z.strictObject({ key: z.string().min(1).max(4096), exp: z.number().int() });

/**
 * The operations page's session: the credential the operator signed in with, sealed (AES-256-GCM, a
 * key derived from the gateway's identity secret) with its expiry, in an HttpOnly cookie. Nothing is
 * kept on the gateway, so any replica serves the session; the credential is authenticated again on every
 * request (a revoked key ends its sessions), and the browser's script can neither read nor send it.
 */
export class OperationsSessions {
  readonly #key: Buffer;
  readonly #ttlMs: number;
  readonly #secure: boolean;

  /** `ttlMs`: how long a session lasts. `secure`: the cookie is sent over HTTPS only (production). */
  constructor(options: { secret: string; ttlMs: number; secure: boolean }) {
    this.#key = Buffer.from(hkdfSync('sha256', options.secret, 'dg-ops-session', 'aes-256-gcm', 32));
    this.#ttlMs = options.ttlMs;
    this.#secure = options.secure;
  }

  /** The `Set-Cookie` value of a new session for `key`. */
  open(key: string, now = Date.now()): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([
      cipher.update(JSON.stringify({ key, exp: now + this.#ttlMs }), 'utf8'),
      cipher.final(),
    ]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return this.#cookie(sealed, Math.floor(this.#ttlMs / 1000));
  }

  /** The `Set-Cookie` value that ends the session. */
  close(): string {
    return this.#cookie('', 0);
  }

  /** The credential of the request's session; null without a cookie, or when it is forged or expired. */
  keyOf(request: Request, now = Date.now()): string | null {
    const sealed = cookieValue(request.headers.get('cookie'), OPS_SESSION_COOKIE);
    if (!sealed) return null;
    try {
      const raw = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const session = sessionSchema.parse(JSON.parse(plain));
      return session.exp > now ? session.key : null;
    } catch {
      return null; // not sealed by this gateway's secret, or tampered with
    }
  }

  #cookie(value: string, maxAge: number): string {
    const secure = this.#secure ? '; Secure' : '';
    return `${OPS_SESSION_COOKIE}=${value}; Path=/ops; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
  }
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=') || null;
  }
  return null;
}
