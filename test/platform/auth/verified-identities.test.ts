import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { signIdentity } from '../../../platform/auth/identity-token.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { VerifiedIdentities } from '../../../platform/auth/verified-identities.js';

const SECRET = 'verified-identities-secret-0123456789abcdef';
const principal: Principal = { kind: 'internal', id: 'staff-1', name: 'Staff', scopes: ['orders:read'] };
const partner: Principal = {
  kind: 'partner',
  id: 'partner-7',
  name: 'Partner 7',
  partnerKind: 'customer',
  tenantPartnerId: 7,
  scopes: ['orders:read'],
};

/** The token with one character of its signature changed. */
function tampered(token: string): string {
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -2)}${last}${token.at(-1)}`;
}

describe('VerifiedIdentities', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('verifies a token once and answers the same frozen principal while it is valid', async () => {
    const identities = new VerifiedIdentities(SECRET);
    const token = await signIdentity(principal, SECRET);
    const first = await identities.verify(token);
    expect(first).toEqual(principal);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.scopes)).toBe(true);
    await expect(identities.verify(token)).resolves.toBe(first);
    expect(identities.size).toBe(1);
  });

  it('tells callers apart by their token', async () => {
    const identities = new VerifiedIdentities(SECRET);
    const [internal, external] = await Promise.all([
      signIdentity(principal, SECRET),
      signIdentity(partner, SECRET),
    ]);
    await expect(identities.verify(internal)).resolves.toEqual(principal);
    await expect(identities.verify(external)).resolves.toEqual(partner);
    await expect(identities.verify(internal)).resolves.toEqual(principal);
  });

  it('refuses a tampered token, even once the genuine one is remembered', async () => {
    const identities = new VerifiedIdentities(SECRET);
    const token = await signIdentity(principal, SECRET);
    await identities.verify(token);
    await expect(identities.verify(tampered(token))).rejects.toThrow();
    await expect(identities.verify(`${token}x`)).rejects.toThrow();
    expect(identities.size).toBe(1);
  });

  it('refuses a token signed with another secret, and a malformed one, without remembering them', async () => {
    const identities = new VerifiedIdentities(SECRET);
    const foreign = await signIdentity(principal, 'another-secret-0123456789abcdef-0123');
    await expect(identities.verify(foreign)).rejects.toThrow();
    await expect(identities.verify(foreign)).rejects.toThrow();
    await expect(identities.verify('not.a.token')).rejects.toThrow();
    expect(identities.size).toBe(0);
  });

  it('refuses a remembered token from its expiry on', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout'] });
    jest.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
    const identities = new VerifiedIdentities(SECRET);
    const token = await signIdentity(principal, SECRET, 60);
    await expect(identities.verify(token)).resolves.toEqual(principal);
    jest.setSystemTime(new Date('2030-01-01T00:00:59.999Z'));
    await expect(identities.verify(token)).resolves.toEqual(principal);
    jest.setSystemTime(new Date('2030-01-01T00:01:00.000Z'));
    await expect(identities.verify(token)).rejects.toThrow(/exp/);
    expect(identities.size).toBe(0);
    // Still refused when the clock goes back past it: the token is no longer remembered either way.
    jest.setSystemTime(new Date('2030-01-01T00:01:30.000Z'));
    await expect(identities.verify(token)).rejects.toThrow(/exp/);
  });

  it('remembers at most `max` tokens, the least recently used forgotten first', async () => {
    const identities = new VerifiedIdentities(SECRET, { max: 2 });
    const tokens = await Promise.all(['a', 'b', 'c'].map((id) => signIdentity({ ...principal, id }, SECRET)));
    for (const token of tokens) await identities.verify(token);
    expect(identities.size).toBe(2);
    await expect(identities.verify(tokens[0]!)).resolves.toMatchObject({ id: 'a' });
  });
});
