import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh key shaped like Odoo's: 160 random bits as 40 hex characters (res_users.py `API_KEY_SIZE = 20`). */
export function generateApiKey(): string {
  return randomBytes(20).toString('hex');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * API keys and passwords of the emulated users. Real Odoo stores keys hashed in `res.users.apikeys`;
 * the emulator keeps them in memory, out of any model, so no client can read them back.
 */
export class Credentials {
  private readonly keys = new Map<string, number>();
  private readonly passwords = new Map<number, string>();

  addKey(uid: number, key: string = generateApiKey()): string {
    this.keys.set(key, uid);
    return key;
  }

  revokeKey(key: string): boolean {
    return this.keys.delete(key);
  }

  setPassword(uid: number, password: string): void {
    this.passwords.set(uid, password);
  }

  /** The user a bearer key belongs to. */
  uidForKey(key: string): number | undefined {
    for (const [candidate, uid] of this.keys) if (same(candidate, key)) return uid;
    return undefined;
  }

  /** Whether `secret` is this user's password or one of the user's API keys (JSON-RPC accepts both). */
  check(uid: number, secret: string): boolean {
    const password = this.passwords.get(uid);
    if (password !== undefined && same(password, secret)) return true;
    return this.uidForKey(secret) === uid;
  }
}
