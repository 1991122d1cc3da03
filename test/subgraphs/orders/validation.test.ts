import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { internalPrincipal, postAs } from '../../support/graphql.js';
import { startOrdersHarness, type OrdersHarness } from './harness.js';

let harness: OrdersHarness;

beforeAll(async () => {
  harness = await startOrdersHarness();
});

afterAll(() => harness.close());

describe('argument validation', () => {
  it('lists every bad argument of orders in one BAD_USER_INPUT at the field', async () => {
    const response = await postAs(
      harness.url,
      internalPrincipal,
      `query ($filter: OrderFilter) { orders(first: 101, after: "nonsense", filter: $filter) { totalCount } }`,
      {
        filter: {
          status: [],
          customerId: 'nope',
          orderedAfter: '2026-09-01T00:00:00Z',
          orderedBefore: '2026-08-01T00:00:00Z',
        },
      },
    );
    const issues = [
      { argument: 'first', message: 'must be between 1 and 100' },
      { argument: 'after', message: 'not a cursor from this list' },
      { argument: 'filter.status', message: 'must not be empty' },
      { argument: 'filter.customerId', message: 'not a customer id' },
      { argument: 'filter.orderedBefore', message: 'must be later than filter.orderedAfter' },
    ];
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: `Invalid arguments: ${issues.map((i) => `${i.argument} ${i.message}`).join('; ')}.`,
          locations: [{ line: 1, column: 32 }],
          path: ['orders'],
          extensions: { code: 'BAD_USER_INPUT', issues },
        },
      ],
    });
  });

  it('refuses first: 0', async () => {
    const response = await postAs(harness.url, internalPrincipal, '{ orders(first: 0) { totalCount } }');
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: ['orders'],
        extensions: {
          code: 'BAD_USER_INPUT',
          issues: [{ argument: 'first', message: 'must be between 1 and 100' }],
        },
      }),
    ]);
  });

  it('refuses a customer id that is not one, naming the argument', async () => {
    const response = await postAs(harness.url, internalPrincipal, '{ customer(id: "xyz") { name } }');
    expect(response.body).toEqual({
      data: { customer: null },
      errors: [
        {
          message: 'id is not a customer id.',
          locations: [{ line: 1, column: 3 }],
          path: ['customer'],
          extensions: { code: 'BAD_USER_INPUT', issues: [{ argument: 'id', message: 'not a customer id' }] },
        },
      ],
    });
  });

  it('refuses a malformed DateTime before execution, as BAD_USER_INPUT', async () => {
    const response = await postAs(
      harness.url,
      internalPrincipal,
      'query ($filter: OrderFilter) { orders(filter: $filter) { totalCount } }',
      { filter: { orderedAfter: 'yesterday' } },
    );
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
