/**
 * The operations subgraph's dead-letter GraphQL over HTTP, against a real Redis: a consumer that always
 * fails dead-letters four events; `eventDeadLetters` pages them oldest first with what was dead-lettered,
 * refuses bad page arguments, refuses callers without `operations:read`; `replayEventDeadLetter` appends
 * the event again as a replay of the original, deletes the dead letter, and refuses what it cannot replay.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { CarrierClient, parseCarrierConfig } from '../../../connectors/carrier/index.js';
import { OdooClient } from '../../../connectors/odoo/client.js';
import { parseOdooConfig } from '../../../connectors/odoo/config.js';
import { parseWmsConfig, WmsClient } from '../../../connectors/wms/index.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { CanonicalEvent } from '../../../platform/events/canonical-event.js';
import { EventConsumer } from '../../../platform/events/event-consumer.js';
import { EventLog } from '../../../platform/events/event-log.js';
import type { RunningSubgraph } from '../../../platform/graphql/start-subgraph-server.js';
import type { RedisClient } from '../../../platform/redis.js';
import { startOperationsSubgraph } from '../../../subgraphs/operations/server.js';
import { connect, deleteStream, logger, stockEvent, waitFor } from '../../platform/events/events-support.js';
import { internalPrincipal, partnerPrincipal, postAs, TEST_IDENTITY_SECRET } from '../../support/graphql.js';

/** Nothing listens here: the clients are only probed for integration health, which no test asks for. */
const CLOSED = 'http://127.0.0.1:1';
const stream = `test-ops-dead-letters-${randomUUID()}`;
const deadKey = `${stream}:dead`;
const GROUP = 'operations-test';
const CONSUMER = 'poisoned-1';

const withoutOperations: Principal = {
  ...internalPrincipal,
  scopes: internalPrincipal.scopes.filter((scope) => !scope.startsWith('operations:')),
};
const readOnly: Principal = {
  ...internalPrincipal,
  scopes: internalPrincipal.scopes.filter((scope) => scope !== 'operations:write'),
};

const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String) {
    eventDeadLetters(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          originalEventId
          eventType
          subject
          group
          consumer
          attempts
          error
          deadAt
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      totalCount
    }
  }
`;

const REPLAY = /* GraphQL */ `
  mutation Replay($id: ID!) {
    replayEventDeadLetter(id: $id) {
      deadLetterId
      eventId
      duplicate
    }
  }
`;

let redis: RedisClient;
let odoo: OdooClient;
let wms: WmsClient;
let carrier: CarrierClient;
let subgraph: RunningSubgraph;
/** The events dead-lettered, oldest first, with the id the log gave each. */
const poisoned: { id: string; n: number }[] = [];

const ask = (principal: Principal | null, query: string, variables: Record<string, unknown> = {}) =>
  postAs(subgraph.url, principal, query, variables);

/** The dead letters as Redis holds them, oldest first. */
const deadIds = async () => (await redis.xRange(deadKey, '-', '+')).map((entry) => entry.id);

/**
 * Runs a consumer of `group` from the stream's start, handing each event to `handle`, until the
 * dead-letter stream holds `deadLetters` entries; then stops it.
 */
async function consumeUntilDeadLetters(
  group: string,
  deadLetters: number,
  handle: (event: CanonicalEvent) => void,
): Promise<void> {
  const consumer = new EventConsumer({
    redis,
    log: new EventLog({ redis, stream }),
    group,
    consumer: CONSUMER,
    startFrom: '0',
    blockMs: 50,
    claimIdleMs: 50,
    maxAttempts: 2,
  });
  const stop = new AbortController();
  const running = consumer.run(handle, { signal: stop.signal });
  try {
    await waitFor(async () => (await redis.xLen(deadKey)) === deadLetters, 10_000);
  } finally {
    stop.abort();
    await running;
  }
}

beforeAll(async () => {
  redis = await connect();
  const log = new EventLog({ redis, stream });
  for (const n of [1, 2, 3, 4])
    poisoned.push({ id: (await log.append(stockEvent(n), { dedupKey: `poison-${n}` })).id, n });
  await consumeUntilDeadLetters(GROUP, poisoned.length, (event) => {
    throw new Error(`downstream refused ${event.subject}`);
  });

  odoo = new OdooClient({
    config: parseOdooConfig({ url: CLOSED, apiKey: 'unused', protocol: 'json2' }),
    logger,
  });
  wms = new WmsClient(parseWmsConfig({ url: CLOSED }, { mode: 'demo' }), { logger });
  carrier = new CarrierClient(parseCarrierConfig({ url: CLOSED }, { mode: 'demo' }), { logger });
  subgraph = await startOperationsSubgraph({
    odoo,
    wms,
    carrier,
    redis,
    eventStream: stream,
    logger,
    identitySecret: TEST_IDENTITY_SECRET,
    host: '127.0.0.1',
    port: 0,
  });
});

afterAll(async () => {
  await subgraph?.close();
  await Promise.all([odoo?.close(), wms?.close(), carrier?.close()]);
  if (redis) {
    await deleteStream(redis, stream);
    redis.destroy();
  }
});

describe('eventDeadLetters', () => {
  it('pages the dead letters oldest first, each with what was dead-lettered, and counts them all', async () => {
    const ids = await deadIds();
    const expectedNode = (index: number) => ({
      id: ids[index],
      originalEventId: poisoned[index]!.id,
      eventType: 'stock.changed',
      subject: `SKU-${poisoned[index]!.n}@WH1`,
      group: GROUP,
      consumer: CONSUMER,
      attempts: 2,
      error: `downstream refused SKU-${poisoned[index]!.n}@WH1`,
      deadAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });

    const first = await ask(internalPrincipal, PAGE, { first: 2 });
    expect(first).toEqual({
      status: 200,
      body: {
        data: {
          eventDeadLetters: {
            edges: [
              { cursor: ids[0], node: expectedNode(0) },
              { cursor: ids[1], node: expectedNode(1) },
            ],
            pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: ids[0], endCursor: ids[1] },
            totalCount: 4,
          },
        },
      },
    });

    const after = first.body.data.eventDeadLetters.pageInfo.endCursor;
    const second = await ask(internalPrincipal, PAGE, { first: 2, after });
    expect(second).toEqual({
      status: 200,
      body: {
        data: {
          eventDeadLetters: {
            edges: [
              { cursor: ids[2], node: expectedNode(2) },
              { cursor: ids[3], node: expectedNode(3) },
            ],
            pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: ids[2], endCursor: ids[3] },
            totalCount: 4,
          },
        },
      },
    });
  });

  it('refuses a page size out of range and a cursor not from this list with BAD_USER_INPUT, naming each', async () => {
    const before = await deadIds();
    const both = await ask(internalPrincipal, PAGE, { first: 0, after: 'nope' });
    expect(both.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Invalid arguments: first must be between 1 and 100; after not a cursor from this list.',
          locations: [{ line: 3, column: 5 }],
          path: ['eventDeadLetters'],
          extensions: {
            code: 'BAD_USER_INPUT',
            issues: [
              { argument: 'first', message: 'must be between 1 and 100' },
              { argument: 'after', message: 'not a cursor from this list' },
            ],
          },
        },
      ],
    });
    const tooMany = await ask(internalPrincipal, PAGE, { first: 101 });
    expect(tooMany.body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          path: ['eventDeadLetters'],
          extensions: {
            code: 'BAD_USER_INPUT',
            issues: [{ argument: 'first', message: 'must be between 1 and 100' }],
          },
        }),
      ],
    });
    // An offset cursor of another list (`arrayconnection:0`) is no dead letter id either.
    const foreign = await ask(internalPrincipal, PAGE, { first: 2, after: 'YXJyYXljb25uZWN0aW9uOjA=' });
    expect(foreign.body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          path: ['eventDeadLetters'],
          extensions: {
            code: 'BAD_USER_INPUT',
            issues: [{ argument: 'after', message: 'not a cursor from this list' }],
          },
        }),
      ],
    });
    expect(await deadIds()).toEqual(before);
  });

  it('refuses partners, internal callers without operations:read and anonymous callers, before running', async () => {
    const refusal = (code: 'FORBIDDEN' | 'UNAUTHENTICATED', message: string) => ({
      errors: [
        {
          message,
          locations: [{ line: 3, column: 5 }],
          path: ['eventDeadLetters'],
          extensions: {
            code,
            missingScopes: ['operations:read'],
            coordinate: 'Query.eventDeadLetters',
          },
        },
      ],
    });
    const forbidden = refusal('FORBIDDEN', 'Missing scope operations:read for Query.eventDeadLetters');

    const partner = await ask(partnerPrincipal(7), PAGE, { first: 2 });
    expect(partner).toEqual({ status: 403, body: forbidden });
    const unscoped = await ask(withoutOperations, PAGE, { first: 2 });
    expect(unscoped).toEqual({ status: 403, body: forbidden });
    const anonymous = await ask(null, PAGE, { first: 2 });
    expect(anonymous).toEqual({ status: 401, body: refusal('UNAUTHENTICATED', 'Authentication required.') });
  });
});

describe('a partner given the operations scopes', () => {
  it('still gets neither the dead letters nor a replay: the operations graph is for internal callers', async () => {
    const before = await deadIds();
    const streamLength = await redis.xLen(stream);
    const partner: Principal = {
      ...partnerPrincipal(7),
      scopes: ['operations:read', 'operations:write'],
    };
    const page = await ask(partner, PAGE, { first: 2 });
    expect(page.body.data).toBeNull();
    expect(page.body.errors).toMatchObject([
      { message: 'The operations graph is for internal callers only.', extensions: { code: 'FORBIDDEN' } },
    ]);
    const replay = await ask(partner, REPLAY, { id: before[0] });
    expect(replay.body.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    expect(await deadIds()).toEqual(before);
    expect(await redis.xLen(stream)).toBe(streamLength);
  });
});

describe('replayEventDeadLetter', () => {
  it('refuses callers without operations:write, and the dead letter stays', async () => {
    const before = await deadIds();
    const [target] = before;
    const refusal = (message: string) => ({
      errors: [
        {
          message,
          locations: [{ line: 3, column: 5 }],
          path: ['replayEventDeadLetter'],
          extensions: {
            code: 'FORBIDDEN',
            missingScopes: ['operations:write'],
            coordinate: 'Mutation.replayEventDeadLetter',
          },
        },
      ],
    });
    const forbidden = refusal('Missing scope operations:write for Mutation.replayEventDeadLetter');
    for (const principal of [partnerPrincipal(7), withoutOperations, readOnly])
      expect(await ask(principal, REPLAY, { id: target })).toEqual({ status: 403, body: forbidden });
    expect(await deadIds()).toEqual(before);
    expect(await redis.xLen(stream)).toBe(poisoned.length);
  });

  it('appends the event again as a replay of the original, deletes the dead letter, and replays it only once', async () => {
    const before = await deadIds();
    // The second oldest: the others must stay, in order.
    const target = before[1]!;
    const original = poisoned[1]!;
    const [originalEntry] = await redis.xRange(stream, original.id, original.id);

    const replayed = await ask(internalPrincipal, REPLAY, { id: target });
    expect(replayed.status).toBe(200);
    expect(replayed.body.errors).toBeUndefined();
    const { eventId } = replayed.body.data.replayEventDeadLetter;
    expect(replayed.body.data.replayEventDeadLetter).toEqual({
      deadLetterId: target,
      eventId: expect.stringMatching(/^\d+-\d+$/),
      duplicate: false,
    });

    const entries = await redis.xRange(stream, '-', '+');
    expect(entries.map((entry) => entry.id)).toEqual([...poisoned.map((p) => p.id), eventId]);
    expect(entries.at(-1)!.message).toEqual({ ...originalEntry!.message, replayOf: original.id });

    expect(await deadIds()).toEqual(before.filter((id) => id !== target));
    const page = await ask(internalPrincipal, PAGE, { first: 10 });
    expect(page.body.data.eventDeadLetters.totalCount).toBe(before.length - 1);
    expect(page.body.data.eventDeadLetters.edges.map((edge: { cursor: string }) => edge.cursor)).toEqual(
      before.filter((id) => id !== target),
    );

    const again = await ask(internalPrincipal, REPLAY, { id: target });
    expect(again.body).toEqual({
      data: null,
      errors: [
        {
          message: 'No such dead letter.',
          locations: [{ line: 3, column: 5 }],
          path: ['replayEventDeadLetter'],
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
    expect(await redis.xLen(stream)).toBe(poisoned.length + 1);
  });

  it('refuses a malformed id with BAD_USER_INPUT and touches nothing', async () => {
    const before = await deadIds();
    const streamLength = await redis.xLen(stream);
    const malformed = await ask(internalPrincipal, REPLAY, { id: 'yesterday' });
    expect(malformed.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Invalid arguments: id not a dead letter id.',
          locations: [{ line: 3, column: 5 }],
          path: ['replayEventDeadLetter'],
          extensions: {
            code: 'BAD_USER_INPUT',
            issues: [{ argument: 'id', message: 'not a dead letter id' }],
          },
        },
      ],
    });
    expect(await deadIds()).toEqual(before);
    expect(await redis.xLen(stream)).toBe(streamLength);
  });
  // Last: it adds a dead letter the tests above do not count on.
  it('refuses to replay a dead letter that is not a canonical event, which stays listed until discarded', async () => {
    await redis.xAdd(stream, '*', { written: 'by something else' });
    // A group of its own from the stream's start: it handles the events and dead-letters the junk.
    await consumeUntilDeadLetters(`${GROUP}-malformed`, (await redis.xLen(deadKey)) + 1, () => undefined);
    const [junk] = (await redis.xRange(deadKey, '-', '+')).slice(-1);
    const listed = await ask(internalPrincipal, PAGE, { first: 100 });
    const nodes = (
      listed.body.data as {
        eventDeadLetters: { edges: { node: { id: string; eventType: string | null } }[] };
      }
    ).eventDeadLetters.edges.map((edge) => edge.node);
    expect(nodes.find((node) => node.id === junk!.id)).toMatchObject({ eventType: null });
    const streamLength = await redis.xLen(stream);
    const refused = await ask(internalPrincipal, REPLAY, { id: junk!.id });
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors).toMatchObject([
      {
        message: 'This dead letter is not a canonical event and cannot be replayed.',
        extensions: { code: 'DEAD_LETTER_NOT_REPLAYABLE' },
      },
    ]);
    expect((await redis.xRange(deadKey, junk!.id, junk!.id)).length).toBe(1);
    expect(await redis.xLen(stream)).toBe(streamLength);

    // What cannot be replayed can be discarded, with operations:write only, once.
    const DISCARD = 'mutation ($id: ID!) { discardEventDeadLetter(id: $id) { deadLetterId } }';
    const forbidden = await ask(readOnly, DISCARD, { id: junk!.id });
    expect(forbidden.body.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    expect((await redis.xRange(deadKey, junk!.id, junk!.id)).length).toBe(1);
    const others = (await deadIds()).filter((id) => id !== junk!.id);
    await expect(ask(internalPrincipal, DISCARD, { id: junk!.id })).resolves.toMatchObject({
      body: { data: { discardEventDeadLetter: { deadLetterId: junk!.id } } },
    });
    expect(await deadIds()).toEqual(others);
    expect(await redis.xLen(stream)).toBe(streamLength);
    const again = await ask(internalPrincipal, DISCARD, { id: junk!.id });
    expect(again.body.errors).toMatchObject([
      { message: 'No such dead letter.', extensions: { code: 'NOT_FOUND' } },
    ]);
  });
});
