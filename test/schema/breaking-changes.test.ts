import { describe, expect, it } from '@jest/globals';
import { unintendedBreakingChanges } from '../../schema/tools/breaking-changes.js';

const baseline = /* GraphQL */ `
  type Query {
    order(number: String!): Order
  }
  type Order {
    number: String!
    total: String!
    note: String
  }
`;

describe('unintendedBreakingChanges', () => {
  it('lets additive changes through', async () => {
    const added = `type Query { order(number: String!, locale: String): Order orders: [Order!]! }
      type Order { number: String! total: String! note: String customerReference: String }`;
    expect(await unintendedBreakingChanges(baseline, added, [])).toEqual([]);
  });

  it('flags a removed field, a changed type and a new required argument', async () => {
    const broken = `type Query { order(number: String!, channel: String!): Order }
      type Order { number: String! total: Int! }`;
    const changes = await unintendedBreakingChanges(baseline, broken, []);
    expect(changes.map(({ type, path }) => ({ type, path }))).toEqual(
      expect.arrayContaining([
        { type: 'FIELD_REMOVED', path: 'Order.note' },
        { type: 'FIELD_TYPE_CHANGED', path: 'Order.total' },
        { type: 'FIELD_ARGUMENT_ADDED', path: 'Query.order.channel' },
      ]),
    );
    expect(changes).toHaveLength(3);
  });

  it('accepts a breaking change recorded as intended, and only that one', async () => {
    const broken = `type Query { order(number: String!): Order } type Order { number: String! total: Int! }`;
    const intended = [
      { type: 'FIELD_REMOVED', path: 'Order.note', reason: 'Notes moved to the order history.' },
    ];
    const changes = await unintendedBreakingChanges(baseline, broken, intended);
    expect(changes.map((change) => change.path)).toEqual(['Order.total']);
  });
});
