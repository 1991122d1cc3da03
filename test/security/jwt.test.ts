/**
 * OIDC bearer tokens at the gateway, against a local JWKS: a good token becomes the principal the
 * subgraphs receive; every way a token can be wrong is refused with the same UNAUTHENTICATED.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { InMemoryApiKeyStore } from '../../gateway/auth/api-keys.js';
import { DEMO_API_KEYS, DEMO_PARTNER1_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { JwtVerifier } from '../../gateway/auth/jwt-verifier.js';
import { loadGatewayConfig } from '../../gateway/config.js';
import { verifyIdentity } from '../../platform/auth/identity-token.js';
import { post, subscribe } from '../gateway/support/gateway-client.js';
import { startTestGraph, type TestGraph } from '../gateway/support/start-test-graph.js';
import { TEST_IDENTITY_SECRET } from '../support/graphql.js';

/** The demo keys, any of which a test can revoke. */
class RevocableKeyStore extends InMemoryApiKeyStore {
  readonly revoked = new Set<string>();

  override authenticate(key: string) {
    return this.revoked.has(key) ? Promise.resolve(null) : super.authenticate(key);
  }
}

/** Runs a subscription over graphql-ws, collecting its results until it ends, and how the socket closed. */
function watchSubscription(url: string, query: string, connectionParams: Record<string, unknown>) {
  const results: unknown[] = [];
  const closed: { code?: number; reason?: string } = {};
  const client = createClient({
    url: url.replace('http://', 'ws://'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        Object.assign(closed, { code, reason });
      },
    },
  });
  const ended = new Promise<void>((resolve) => {
    client.subscribe(
      { query },
      { next: (result) => results.push(result), error: resolve, complete: resolve },
    );
  });
  return { results, closed, ended, dispose: () => client.dispose() };
}

const untilTicks = async (results: unknown[], count: number) => {
  while (results.length < count) await new Promise((resolve) => setTimeout(resolve, 20));
};

const ISSUER = 'https://idp.test/';
const AUDIENCE = 'distribution-graph';

describe('JWT bearer tokens', () => {
  let graph: TestGraph;
  let jwksServer: Server;
  const published: JWK[] = [];
  let key: CryptoKey;
  let publicJwk: JWK;

  const sign = (
    claims: Record<string, unknown>,
    options: {
      kid?: string;
      signingKey?: CryptoKey;
      exp?: string | number;
      nbf?: string | number;
      aud?: string;
      iss?: string;
    } = {},
  ) => {
    const jwt = new SignJWT({
      dg_kind: 'partner',
      dg_tenant: 7,
      scope: 'catalog:read stock:read',
      name: 'Harbor Grill buyer',
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' })
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setSubject('user-42')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '5m');
    if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
    return jwt.sign(options.signingKey ?? key);
  };
  const ask = (token: string) =>
    post(graph.gateway.url, '{ warehouseCount }', { authorization: `Bearer ${token}` });
  const refused = async (token: string) => {
    const response = await ask(token);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      errors: [{ message: 'The bearer token is invalid.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  };

  const keys = new RevocableKeyStore(
    DEMO_API_KEYS({ internal: true, partners: [{ tenantPartnerId: 7, name: 'Harbor Grill' }] }),
  );

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    published.push(publicJwk);
    jwksServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    graph = await startTestGraph({
      jwt: new JwtVerifier({
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksUrl,
        clockToleranceSeconds: 0,
        jwksCooldownMs: 0,
      }),
      apiKeys: keys,
      credentialRecheckMs: 100,
    });
  });
  afterAll(async () => {
    await graph.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it('accepts a valid token and passes its principal to the subgraphs', async () => {
    const response = await ask(await sign({}));
    expect(response.body).toEqual({ data: { warehouseCount: 2 } });
    const token = graph.stock.httpHeaders.at(-1)!['x-dg-identity'] as string;
    expect(await verifyIdentity(token, TEST_IDENTITY_SECRET)).toEqual({
      kind: 'partner',
      id: 'user-42',
      name: 'Harbor Grill buyer',
      partnerKind: 'customer',
      tenantPartnerId: 7,
      scopes: ['catalog:read', 'stock:read'],
    });
  });

  it('refuses an expired token', async () =>
    refused(await sign({}, { exp: Math.floor(Date.now() / 1000) - 60 })));
  it('refuses a token not yet valid', async () =>
    refused(await sign({}, { nbf: Math.floor(Date.now() / 1000) + 600 })));
  it('refuses a token for another audience', async () => refused(await sign({}, { aud: 'someone-else' })));
  it('refuses a token from another issuer', async () =>
    refused(await sign({}, { iss: 'https://evil.test/' })));
  it('refuses a partner token claiming an internal-only scope', async () =>
    refused(await sign({ scope: 'catalog:read cost:read' })));
  it('refuses a token without a principal kind', async () => refused(await sign({ dg_kind: undefined })));

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    await refused(
      `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: ISSUER, aud: AUDIENCE, sub: 'x', exp: now + 300, dg_kind: 'internal' })}.`,
    );
  });

  it('refuses a token signed with a key the provider does not publish', async () => {
    const stranger = await generateKeyPair('RS256');
    await refused(await sign({}, { kid: 'k1', signingKey: stranger.privateKey }));
    await refused(await sign({}, { kid: 'unknown', signingKey: stranger.privateKey }));
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const token = await new SignJWT({ dg_kind: 'internal', scope: 'cost:read' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(secret);
    await refused(token);
  });

  it('refuses a tampered token', async () => {
    const [header, payload, signature] = (await sign({})).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, dg_tenant: 8 })).toString('base64url');
    await refused(`${header}.${forged}.${signature}`);
  });

  it('follows key rotation: a token signed with a newly published key is accepted', async () => {
    const next = await generateKeyPair('RS256', { extractable: true });
    published.push({ ...(await exportJWK(next.publicKey)), kid: 'k2', alg: 'RS256', use: 'sig' });
    const response = await ask(await sign({}, { kid: 'k2', signingKey: next.privateKey }));
    expect(response.body).toEqual({ data: { warehouseCount: 2 } });
  });

  it('accepts a valid token over graphql-ws and passes its principal to the subgraph', async () => {
    graph.catalog.wsParams.length = 0;
    const results = await subscribe(graph.gateway.url, 'subscription { productChanged { sku onHand } }', {
      authorization: `Bearer ${await sign({})}`,
    });
    expect(results).toEqual([
      { data: { productChanged: { sku: 'SKU-1', onHand: 12 } } },
      { data: { productChanged: { sku: 'SKU-2', onHand: 0 } } },
    ]);
    const identity = String(graph.catalog.wsParams[0]?.['x-dg-identity']);
    expect(await verifyIdentity(identity, TEST_IDENTITY_SECRET)).toMatchObject({
      kind: 'partner',
      id: 'user-42',
      tenantPartnerId: 7,
    });
  });

  it('refuses an invalid token over graphql-ws', async () => {
    const results = await subscribe(graph.gateway.url, 'subscription { ticks }', {
      authorization: `Bearer ${await sign({}, { aud: 'someone-else' })}`,
    });
    expect(results).toEqual([
      { errors: [{ message: 'The bearer token is invalid.', extensions: { code: 'UNAUTHENTICATED' } }] },
    ]);
  });

  it('closes a subscription (4401 Unauthorized) when its token expires', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const started = Date.now();
    const watch = watchSubscription(graph.gateway.url, 'subscription { ticks }', {
      authorization: `Bearer ${await sign({}, { exp: expiresAt })}`,
    });
    await watch.ended;
    expect(watch.closed).toEqual({ code: 4401, reason: 'Unauthorized' });
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt * 1000);
    expect(Date.now() - started).toBeLessThan(3500);
    expect(watch.results.length).toBeGreaterThan(5);
    expect(watch.results[0]).toEqual({ data: { ticks: 1 } });
    await watch.dispose();
  }, 10_000);

  it('closes an API-key subscription at the first re-check after the key is revoked', async () => {
    const watch = watchSubscription(graph.gateway.url, 'subscription { ticks }', {
      apiKey: DEMO_PARTNER1_API_KEY,
    });
    await untilTicks(watch.results, 3);
    // Still open across several re-checks while the key is valid.
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(watch.closed).toEqual({});
    keys.revoked.add(DEMO_PARTNER1_API_KEY);
    const revokedAt = Date.now();
    try {
      await watch.ended;
      expect(watch.closed).toEqual({ code: 4401, reason: 'Unauthorized' });
      expect(Date.now() - revokedAt).toBeLessThan(1000);
      const refused = await post(graph.gateway.url, '{ warehouseCount }', {
        'x-api-key': DEMO_PARTNER1_API_KEY,
      });
      expect(refused.status).toBe(401);
    } finally {
      keys.revoked.delete(DEMO_PARTNER1_API_KEY);
      await watch.dispose();
    }
  });
});

describe('JWT bearer tokens on a gateway without OIDC', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(() => graph.close());

  it('refuses any JWT with UNAUTHENTICATED', async () => {
    const response = await post(graph.gateway.url, '{ warehouseCount }', {
      authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
    });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      errors: [
        {
          message: 'JWT bearer tokens are not configured on this gateway.',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });
});

describe('OIDC configuration', () => {
  const base = { IDENTITY_SIGNING_SECRET: TEST_IDENTITY_SECRET };
  const oidc = {
    OIDC_ISSUER: ISSUER,
    OIDC_AUDIENCE: AUDIENCE,
    OIDC_JWKS_URL: 'https://idp.test/.well-known/jwks.json',
  };

  it('maps the variables to verifier options, with documented defaults', () => {
    expect(loadGatewayConfig({ ...base, ...oidc }, []).jwt).toEqual({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwksUrl: 'https://idp.test/.well-known/jwks.json',
      algorithms: undefined,
      clockToleranceSeconds: 30,
      requireNotBefore: false,
      kindClaim: 'dg_kind',
      tenantClaim: 'dg_tenant',
      partnerKindClaim: 'dg_partner_kind',
      scopesClaim: 'scope',
    });
    expect(loadGatewayConfig(base, []).jwt).toBeUndefined();
  });

  it('needs all of issuer, audience and JWKS URL, or none', () => {
    expect(() => loadGatewayConfig({ ...base, OIDC_ISSUER: ISSUER }, [])).toThrow(
      'set all of OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL, or none',
    );
  });

  it('refuses symmetric algorithms and none, in the environment and in the verifier', () => {
    for (const alg of ['HS256', 'none'])
      expect(() => loadGatewayConfig({ ...base, ...oidc, OIDC_ALGORITHMS: `RS256,${alg}` }, [])).toThrow(
        'OIDC_ALGORITHMS',
      );
    for (const alg of ['HS256', 'none'])
      expect(
        () =>
          new JwtVerifier({
            issuer: ISSUER,
            audience: AUDIENCE,
            jwksUrl: oidc.OIDC_JWKS_URL,
            algorithms: [alg],
          }),
      ).toThrow('JWT algorithms must be some of');
  });

  it('needs an https JWKS URL in production', () => {
    expect(() =>
      loadGatewayConfig(
        { ...base, ...oidc, OIDC_JWKS_URL: 'http://idp.test/jwks.json', DG_MODE: 'production' },
        [],
      ),
    ).toThrow('OIDC_JWKS_URL must use https when DG_MODE=production');
  });
});
