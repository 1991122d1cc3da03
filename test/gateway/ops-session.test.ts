/**
 * The operations page's sealed session cookie: it gives back the key it was opened with until it
 * expires, and nothing when it is expired, tampered with, sealed under another secret, or malformed.
 */
import { describe, expect, it } from '@jest/globals';
import { OPS_SESSION_COOKIE, OperationsSessions } from '../../gateway/plugins/useOperationsPageSession.js';

const SECRET = 'a-test-identity-secret-of-at-least-32-chars';
const KEY = 'dg_test_internal_0123456789abcdef';
const T0 = Date.UTC(2026, 10, 27, 12);

/** The cookie's value as a browser would send it back, from a `Set-Cookie` header. */
function sealedOf(setCookie: string): string {
  return setCookie.split(';')[0]!.slice(`${OPS_SESSION_COOKIE}=`.length);
}

function requestWith(cookie: string | null): Request {
  return new Request('http://gateway.test/ops', cookie === null ? {} : { headers: { cookie } });
}

describe('operations page sessions', () => {
  const sessions = new OperationsSessions({ secret: SECRET, ttlMs: 60_000, secure: true });
  const sealed = sealedOf(sessions.open(KEY, T0));

  it('sets an HttpOnly, SameSite=Strict cookie on /ops that lasts the session, Secure in production', () => {
    const cookie = sessions.open(KEY, T0);
    expect(cookie).toMatch(new RegExp(`^${OPS_SESSION_COOKIE}=[A-Za-z0-9_-]+; `));
    expect(cookie).toContain('Path=/ops; Max-Age=60; HttpOnly; SameSite=Strict; Secure');
    expect(cookie).not.toContain(KEY);
    const demo = new OperationsSessions({ secret: SECRET, ttlMs: 60_000, secure: false });
    expect(demo.open(KEY, T0)).not.toContain('Secure');
  });

  it('gives back the key until the session expires, and nothing from then on', () => {
    const cookie = `theme=dark; ${OPS_SESSION_COOKIE}=${sealed}`;
    expect(sessions.keyOf(requestWith(cookie), T0 + 59_999)).toBe(KEY);
    expect(sessions.keyOf(requestWith(cookie), T0 + 60_000)).toBeNull();
  });

  it('gives nothing for a cookie changed in any byte', () => {
    const raw = Buffer.from(sealed, 'base64url');
    for (const index of [0, 12, 28, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[index] = tampered[index]! ^ 0x01;
      const cookie = `${OPS_SESSION_COOKIE}=${tampered.toString('base64url')}`;
      expect(sessions.keyOf(requestWith(cookie), T0)).toBeNull();
    }
  });

  it('gives nothing for a cookie sealed under another secret', () => {
    const other = new OperationsSessions({ secret: `${SECRET}-other`, ttlMs: 60_000, secure: true });
    const cookie = `${OPS_SESSION_COOKIE}=${sealedOf(other.open(KEY, T0))}`;
    expect(other.keyOf(requestWith(cookie), T0)).toBe(KEY);
    expect(sessions.keyOf(requestWith(cookie), T0)).toBeNull();
  });

  it('gives nothing without the cookie, with an empty one, or with one too short to be sealed', () => {
    for (const cookie of [null, 'theme=dark', `${OPS_SESSION_COOKIE}=`, `${OPS_SESSION_COOKIE}=abc`])
      expect(sessions.keyOf(requestWith(cookie), T0)).toBeNull();
  });

  it('ends the session with a cookie that is empty and already expired', () => {
    expect(sessions.close()).toBe(
      `${OPS_SESSION_COOKIE}=; Path=/ops; Max-Age=0; HttpOnly; SameSite=Strict; Secure`,
    );
  });
});
