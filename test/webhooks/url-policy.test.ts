import { describe, expect, it } from '@jest/globals';
import {
  addressAllowed,
  endpointUrlSchema,
  resolveAllowedAddresses,
} from '../../platform/webhooks/url-policy.js';
import { internalOwner, partnerOwner, startWebhooks } from './webhook-support.js';

const demo = { mode: 'demo', allowLoopback: true } as const;
const production = { mode: 'production', allowLoopback: false } as const;

describe('endpoint URL policy', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd00::1', 'unique-local'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'IPv6 multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'IPv6 unspecified'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['not-an-address', 'garbage'],
  ])('refuses %s (%s) even where loopback is allowed', (address) => {
    expect(addressAllowed(address, demo)).toBe(false);
  });

  it('allows public unicast, and loopback only when allowed', () => {
    expect(addressAllowed('93.184.215.14', production)).toBe(true);
    expect(addressAllowed('2606:2800:21f:cb07:6820:80da:af6b:8b2c', production)).toBe(true);
    expect(addressAllowed('127.0.0.1', production)).toBe(false);
    expect(addressAllowed('::1', production)).toBe(false);
    expect(addressAllowed('127.0.0.1', demo)).toBe(true);
  });

  it('requires https in production, and refuses credentials or fragments in any mode', async () => {
    await expect(
      resolveAllowedAddresses(new URL('http://93.184.215.14/hooks'), production),
    ).rejects.toMatchObject({
      code: 'URL_NOT_ALLOWED',
      issues: [{ path: 'url', message: 'must use https' }],
    });
    await expect(
      resolveAllowedAddresses(new URL('https://93.184.215.14/hooks'), production),
    ).resolves.toEqual([{ address: '93.184.215.14', family: 4 }]);
    expect(endpointUrlSchema.safeParse('https://user:pw@example.com/').success).toBe(false);
    expect(endpointUrlSchema.safeParse('https://example.com/#x').success).toBe(false);
    expect(endpointUrlSchema.safeParse('ftp://example.com/').success).toBe(false);
  });

  it('resolves host names and judges every address: localhost is loopback', async () => {
    await expect(
      resolveAllowedAddresses(new URL('https://localhost/hooks'), production),
    ).rejects.toMatchObject({
      code: 'URL_NOT_ALLOWED',
    });
    const found = await resolveAllowedAddresses(new URL('http://localhost:8080/hooks'), demo);
    expect(found.length).toBeGreaterThan(0);
  });
});

describe('registration refuses URLs the policy refuses', () => {
  it('refuses private and link-local addresses, and http in production', async () => {
    const demoHooks = await startWebhooks();
    const productionHooks = await startWebhooks({ mode: 'production' });
    try {
      const register = (url: string) =>
        demoHooks.service.register(partnerOwner(7), { url, eventTypes: ['order.status_changed'] });
      await expect(register('http://10.1.2.3/hooks')).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
      await expect(register('https://169.254.169.254/latest/meta-data')).rejects.toMatchObject({
        code: 'URL_NOT_ALLOWED',
        issues: [
          {
            path: 'url',
            message: 'resolves to a private, loopback, link-local or otherwise non-public address',
          },
        ],
      });
      await expect(register('https://[fe80::1]/hooks')).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
      await expect(
        productionHooks.service.register(internalOwner, {
          url: 'http://93.184.215.14/hooks',
          eventTypes: ['order.status_changed'],
        }),
      ).rejects.toMatchObject({
        code: 'URL_NOT_ALLOWED',
        message: 'Endpoint URLs must use https in production.',
      });
      await expect(productionHooks.service.countEndpoints(internalOwner)).resolves.toBe(0);
      await expect(demoHooks.service.countEndpoints(internalOwner)).resolves.toBe(0);
    } finally {
      await demoHooks.close();
      await productionHooks.close();
    }
  });
});
