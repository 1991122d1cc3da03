/**
 * The subgraph server's request path on its own (a two-field subgraph): identities remembered per token
 * but never past their expiry, nor in place of a tampered token; field authorization answered per scope
 * set for the same document; the HTTP answer's headers; an unexpected error masked, its stack logged.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { Writable } from 'node:stream';
import { signIdentity } from '../../../platform/auth/identity-token.js';
import type { Principal } from '../../../platform/auth/principal.js';
import {
  startSubgraphServer,
  type RunningSubgraph,
} from '../../../platform/graphql/start-subgraph-server.js';
import type { SubgraphContext } from '../../../platform/graphql/subgraph-context.js';
import { createLogger } from '../../../platform/logger.js';
import { processMetrics } from '../../../platform/observability/process-metrics.js';

const SECRET = 'subgraph-server-test-secret-0123456789abcdef';
const staff: Principal = { kind: 'internal', id: 'staff-1', name: 'Staff', scopes: ['cost:read'] };
const partner: Principal = {
  kind: 'partner',
  id: 'partner-3',
  name: 'Partner 3',
  partnerKind: 'customer',
  tenantPartnerId: 3,
  scopes: ['orders:read'],
};

const schema = buildSubgraphSchema({
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@authenticated", "@requiresScopes"])
    type Query {
      whoami: String @authenticated
      cost: String @requiresScopes(scopes: [["cost:read"]])
      broken: String
    }
  `),
  resolvers: {
    Query: {
      whoami: (_: unknown, __: unknown, context: unknown) =>
        (context as SubgraphContext).principal?.id ?? null,
      cost: () => '12.50',
      broken: () => {
        throw new Error('connection string postgres://app:hunter2@db');
      },
    },
  },
});

const QUERY = '{ whoami cost }';

const post = (url: string, token: string | undefined, query = QUERY) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { 'x-dg-identity': token }),
    },
    body: JSON.stringify({ query }),
  });

describe('startSubgraphServer', () => {
  let subgraph: RunningSubgraph;
  const logged: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString());
      done();
    },
  });

  beforeAll(async () => {
    subgraph = await startSubgraphServer({
      name: 'test',
      schema,
      logger: createLogger({ name: 'test', level: 'error', destination }),
      identitySecret: SECRET,
      createContext: (base) => base,
      metrics: processMetrics(),
    });
  });
  afterAll(async () => {
    await subgraph.close();
  });

  it('answers each caller of the same document by its own scopes, again and again', async () => {
    const [staffToken, partnerToken] = await Promise.all([
      signIdentity(staff, SECRET),
      signIdentity(partner, SECRET),
    ]);
    for (let round = 0; round < 2; round++) {
      const allowed = await post(subgraph.url, staffToken);
      expect(allowed.status).toBe(200);
      expect(await allowed.json()).toEqual({ data: { whoami: 'staff-1', cost: '12.50' } });
      const refused = await post(subgraph.url, partnerToken);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({
        errors: [
          {
            message: 'Missing scope cost:read for Query.cost',
            locations: [{ line: 1, column: 10 }],
            path: ['cost'],
            extensions: { code: 'FORBIDDEN', missingScopes: ['cost:read'], coordinate: 'Query.cost' },
          },
        ],
      });
      const anonymous = await post(subgraph.url, undefined);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({
        errors: [
          { path: ['whoami'], extensions: { code: 'UNAUTHENTICATED' } },
          { path: ['cost'], extensions: { code: 'UNAUTHENTICATED' } },
        ],
      });
    }
  });

  it('refuses a tampered token after the genuine one was accepted', async () => {
    const token = await signIdentity(staff, SECRET);
    expect((await post(subgraph.url, token)).status).toBe(200);
    const [header, payload] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'someone-else' }),
    ).toString('base64url');
    for (const forged of [`${header}.${forgedPayload}.${token.split('.')[2]}`, `${token}x`]) {
      const refused = await post(subgraph.url, forged);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({
        errors: [
          { message: 'The caller identity is invalid or expired.', extensions: { code: 'UNAUTHENTICATED' } },
        ],
      });
    }
  });

  it('refuses a token from its expiry on, though it was accepted before', async () => {
    const token = await signIdentity(staff, SECRET, 1);
    expect((await post(subgraph.url, token)).status).toBe(200);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 20));
    const refused = await post(subgraph.url, token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('sends an answer with its length, never to be stored, and 404 off its paths', async () => {
    const response = await post(subgraph.url, await signIdentity(staff, SECRET), '{ __typename }');
    const text = await response.text();
    expect(text).toBe('{"data":{"__typename":"Query"}}\n');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    const elsewhere = await fetch(subgraph.url.replace('/graphql', '/other'));
    expect(elsewhere.status).toBe(404);
    expect((await fetch(subgraph.url.replace('/graphql', '/healthz'))).status).toBe(200);
    const withQuery = await fetch(`${subgraph.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await withQuery.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('masks an error thrown without a code as INTERNAL_SERVER_ERROR, and logs it with its stack', async () => {
    const token = await signIdentity(staff, SECRET);
    const response = await post(subgraph.url, token, '{ broken }');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      data: { broken: null },
      errors: [
        {
          message: 'Unexpected error.',
          locations: [{ line: 1, column: 3 }],
          path: ['broken'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    expect(text).not.toContain('hunter2');
    const line = logged.find((entry) => entry.includes('unexpected error'));
    expect(line).toContain('hunter2');
    expect(line).toContain('start-subgraph-server.test.ts');
  });
});
