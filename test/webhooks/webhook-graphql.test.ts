import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InMemoryApiKeyStore } from '../../platform/auth/in-memory-api-key-store.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import { createLogger } from '../../platform/logger.js';
import { startAccessSubgraph } from '../../subgraphs/access/server.js';
import { internalPrincipal, partnerPrincipal, postAs, TEST_IDENTITY_SECRET } from '../support/graphql.js';
import {
  append,
  orderEvent,
  startReceiver,
  startWebhooks,
  waitFor,
  type Receiver,
  type WebhooksFixture,
} from './webhook-support.js';

const logger = createLogger({ name: 'webhook-graphql-test', level: 'silent' });
const withWebhooks = (p: Principal): Principal => ({ ...p, scopes: [...p.scopes, 'webhooks:manage'] });
const seven = withWebhooks(partnerPrincipal(7));
const eight = withWebhooks(partnerPrincipal(8));

let fixture: WebhooksFixture;
let access: RunningSubgraph;
let accessWithout: RunningSubgraph;
let receiver: Receiver;

beforeAll(async () => {
  fixture = await startWebhooks();
  receiver = await startReceiver();
  const common = { keys: new InMemoryApiKeyStore(), logger, identitySecret: TEST_IDENTITY_SECRET, port: 0 };
  access = await startAccessSubgraph({ ...common, webhooks: fixture.service });
  accessWithout = await startAccessSubgraph(common);
});

afterAll(async () => {
  await access.close();
  await accessWithout.close();
  await receiver.close();
  await fixture.close();
});

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterWebhookEndpointInput!) {
    registerWebhookEndpoint(input: $input) {
      __typename
      ... on WebhookEndpointRegistered {
        signingSecret
        endpoint {
          id
          url
          eventTypes
          description
          tenantPartnerId
          status
          statusReason
        }
      }
      ... on WebhookRefused {
        code
        message
        issues {
          path
          message
        }
      }
    }
  }
`;

const ENDPOINTS = /* GraphQL */ `
  query {
    webhookEndpoints(first: 10) {
      edges {
        node {
          id
          tenantPartnerId
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`;

const ENDPOINT = /* GraphQL */ `
  query ($id: ID!) {
    webhookEndpoint(id: $id) {
      id
      url
    }
  }
`;

const DELIVERIES = /* GraphQL */ `
  query ($id: ID!, $after: String) {
    webhookDeliveries(endpointId: $id, first: 1, after: $after) {
      edges {
        cursor
        node {
          eventId
          eventType
          attempt
          outcome
          statusCode
          replay
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const REMOVE = /* GraphQL */ `
  mutation ($id: ID!) {
    removeWebhookEndpoint(id: $id) {
      __typename
      ... on WebhookEndpointRemoved {
        endpoint {
          id
        }
      }
      ... on WebhookRefused {
        code
      }
    }
  }
`;

const ENABLE = /* GraphQL */ `
  mutation ($id: ID!) {
    enableWebhookEndpoint(id: $id) {
      __typename
      ... on WebhookEndpointEnabled {
        endpoint {
          id
          status
        }
      }
      ... on WebhookRefused {
        code
      }
    }
  }
`;

const REPLAY = /* GraphQL */ `
  mutation ($id: ID!, $input: ReplayWebhookDeliveriesInput!) {
    replayWebhookDeliveries(endpointId: $id, input: $input) {
      __typename
      ... on WebhookReplayQueued {
        enqueued
        ignoredEventIds
      }
      ... on WebhookRefused {
        code
        issues {
          path
          message
        }
      }
    }
  }
`;

async function register(principal: Principal, url: string) {
  const { body } = await postAs(access.url, principal, REGISTER, {
    input: { url, eventTypes: ['ORDER_STATUS_CHANGED'], description: 'ERP inbox' },
  });
  return body.data.registerWebhookEndpoint;
}

describe('webhook endpoints over GraphQL', () => {
  it('registers an endpoint for the partner, shows the secret once, and lists, delivers and replays for it', async () => {
    const registered = await register(seven, receiver.url);
    expect(registered).toEqual({
      __typename: 'WebhookEndpointRegistered',
      signingSecret: expect.stringMatching(/^whsec_/),
      endpoint: {
        id: expect.stringMatching(/^whe_/),
        url: receiver.url,
        eventTypes: ['ORDER_STATUS_CHANGED'],
        description: 'ERP inbox',
        tenantPartnerId: 7,
        status: 'ACTIVE',
        statusReason: null,
      },
    });
    const id = registered.endpoint.id as string;
    const { body: listed } = await postAs(access.url, seven, ENDPOINTS);
    expect(listed).toEqual({
      data: {
        webhookEndpoints: { edges: [{ node: { id, tenantPartnerId: 7 } }], pageInfo: { hasNextPage: false } },
      },
    });
    expect(JSON.stringify(listed)).not.toContain(registered.signingSecret);

    const first = await append(fixture.events, orderEvent(1, 7));
    const second = await append(fixture.events, orderEvent(2, 7));
    await waitFor(
      async () =>
        (await postAs(access.url, seven, DELIVERIES, { id })).body.data.webhookDeliveries.pageInfo
          .hasNextPage,
    );
    const page1 = (await postAs(access.url, seven, DELIVERIES, { id })).body.data.webhookDeliveries;
    expect(page1.edges[0].node).toEqual({
      eventId: second,
      eventType: 'ORDER_STATUS_CHANGED',
      attempt: 1,
      outcome: 'DELIVERED',
      statusCode: 200,
      replay: false,
    });
    const page2 = (await postAs(access.url, seven, DELIVERIES, { id, after: page1.pageInfo.endCursor })).body
      .data.webhookDeliveries;
    expect(page2.edges.map((e: any) => e.node.eventId)).toEqual([first]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const { body: replayed } = await postAs(access.url, seven, REPLAY, { id, input: { eventIds: [first] } });
    expect(replayed.data.replayWebhookDeliveries).toEqual({
      __typename: 'WebhookReplayQueued',
      enqueued: 1,
      ignoredEventIds: [],
    });
    await waitFor(() => receiver.eventIds().filter((e) => e === first).length === 2);
    const { body: bad } = await postAs(access.url, seven, REPLAY, { id, input: {} });
    expect(bad.data.replayWebhookDeliveries).toEqual({
      __typename: 'WebhookRefused',
      code: 'INVALID_INPUT',
      issues: [{ path: 'eventIds', message: 'give either eventIds or from (with an optional to)' }],
    });
  });

  it("keeps partners out of each other's endpoints; internal callers see them all", async () => {
    const registered = await register(seven, receiver.url);
    const id = registered.endpoint.id as string;
    expect((await postAs(access.url, eight, ENDPOINT, { id })).body).toEqual({
      data: { webhookEndpoint: null },
    });
    const { body: listed } = await postAs(access.url, eight, ENDPOINTS);
    expect(listed.data.webhookEndpoints.edges).toEqual([]);
    for (const mutation of [REMOVE, ENABLE])
      expect(Object.values((await postAs(access.url, eight, mutation, { id })).body.data)).toEqual([
        { __typename: 'WebhookRefused', code: 'UNKNOWN_ENDPOINT' },
      ]);
    const { body: replay } = await postAs(access.url, eight, REPLAY, {
      id,
      input: { from: '2026-01-01T00:00:00Z' },
    });
    expect(replay.data.replayWebhookDeliveries).toEqual({
      __typename: 'WebhookRefused',
      code: 'UNKNOWN_ENDPOINT',
      issues: [],
    });
    const { body: deliveries } = await postAs(access.url, eight, DELIVERIES, { id });
    expect(deliveries).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          path: ['webhookDeliveries'],
          extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
        }),
      ],
    });

    const { body: all } = await postAs(access.url, internalPrincipal, ENDPOINTS);
    expect(all.data.webhookEndpoints.edges.map((e: any) => e.node.id)).toContain(id);
    expect((await postAs(access.url, seven, REMOVE, { id })).body.data.removeWebhookEndpoint).toEqual({
      __typename: 'WebhookEndpointRemoved',
      endpoint: { id },
    });
    expect(
      (await postAs(access.url, internalPrincipal, ENDPOINT, { id })).body.data.webhookEndpoint,
    ).toBeNull();
  });

  it('refuses invalid and non-public URLs and internal-only event types with field issues', async () => {
    const { body } = await postAs(access.url, seven, REGISTER, {
      input: { url: 'https://192.168.0.10/hook', eventTypes: ['ORDER_STATUS_CHANGED'] },
    });
    expect(body.data.registerWebhookEndpoint).toMatchObject({
      __typename: 'WebhookRefused',
      code: 'URL_NOT_ALLOWED',
    });
    const { body: invalid } = await postAs(access.url, seven, REGISTER, {
      input: { url: 'not a url', eventTypes: ['STOCK_CHANGED'] },
    });
    expect(invalid.data.registerWebhookEndpoint).toEqual({
      __typename: 'WebhookRefused',
      code: 'INVALID_INPUT',
      message: 'The endpoint is invalid.',
      issues: [
        { path: 'url', message: 'must be an absolute http(s) URL' },
        { path: 'eventTypes', message: 'internal endpoints only: stock.changed' },
      ],
    });
  });

  it('needs webhooks:manage, and answers WEBHOOKS_UNAVAILABLE without the service', async () => {
    const withoutScope = {
      ...partnerPrincipal(7),
      scopes: partnerPrincipal(7).scopes.filter((scope) => scope !== 'webhooks:manage'),
    };
    const { body: forbidden } = await postAs(access.url, withoutScope, ENDPOINTS);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { body: unavailable } = await postAs(accessWithout.url, seven, ENDPOINTS);
    expect(unavailable).toEqual({
      data: null,
      errors: [
        {
          message: 'Partner webhooks are not available on this deployment.',
          path: ['webhookEndpoints'],
          locations: expect.any(Array),
          extensions: expect.objectContaining({ code: 'WEBHOOKS_UNAVAILABLE' }),
        },
      ],
    });
  });
});
