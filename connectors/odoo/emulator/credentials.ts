import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh key shaped like Odoo's: 160 random bits as 40 hex characters (res_users.py `API_KEY_SIZE = 20`). */
export function generateApiKey(): string {
  return randomBytes(20).toString('hex');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What keys are indexed by: a SHA-256 digest, so no lookup compares the secret itself. */
function digest(key: string): string {
  return hash('sha256', key, 'base64');
}

/**
 * API keys and passwords of the emulated users. Real Odoo stores keys hashed in `res.users.apikeys`;
 * the emulator keeps them in memory, out of any model, so no client can read them back. Keys are found
 * by their digest in one map lookup, whatever their number.
 */
export class Credentials {
  private readonly keys = new Map<string, number>();
  private readonly passwords = new Map<number, string>();

  addKey(uid: number, key: string = generateApiKey()): string {
    this.keys.set(digest(key), uid);
    return key;
  }

  revokeKey(key: string): boolean {
    return this.keys.delete(digest(key));
  }

  setPassword(uid: number, password: string): void {
    this.passwords.set(uid, password);
  }

  /** The user a bearer key belongs to. */
  uidForKey(key: string): number | undefined {
    return this.keys.get(digest(key));
  }

  /** Whether `secret` is this user's password or one of the user's API keys (JSON-RPC accepts both). */
  check(uid: number, secret: string): boolean {
    const password = this.passwords.get(uid);
    if (password !== undefined && same(password, secret)) return true;
    return this.uidForKey(secret) === uid;
  }
}
