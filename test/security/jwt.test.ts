/**
 * OIDC bearer tokens at the gateway, against a local JWKS: a good token becomes the principal the
 * subgraphs receive; every way a token can be wrong is refused with the same UNAUTHENTICATED.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtVerifier } from '../../gateway/auth/jwt-verifier.js';
import { verifyIdentity } from '../../platform/auth/identity-token.js';
import { post } from '../gateway/support/gateway-client.js';
import { startTestGraph, type TestGraph } from '../gateway/support/start-test-graph.js';
import { TEST_IDENTITY_SECRET } from '../support/graphql.js';

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
      `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: ISSUER, aud: AUDIENCE, sub: 'x', exp: now + 300, dg_kind: 'internal', scope: 'cost:read' })}.`,
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
});
