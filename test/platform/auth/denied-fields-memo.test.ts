import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { authorizationRulesOf } from '../../../platform/auth/authorization-rules.js';
import { DeniedFieldsMemo } from '../../../platform/auth/denied-fields-memo.js';

const schema = buildSchema(`
  directive @authenticated on FIELD_DEFINITION | OBJECT
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT
  type Query {
    product(sku: String!): Product @authenticated
    version: String
  }
  type Product @requiresScopes(scopes: [["catalog:read"]]) {
    sku: String!
    cost: String @requiresScopes(scopes: [["cost:read"]])
  }
`);
const rules = authorizationRulesOf(schema);
const frozenScopes = (...scopes: string[]) => ({ scopes: Object.freeze(scopes) });
const summary = (
  denials: readonly { coordinate: string; unauthenticated: boolean; missingScopes: readonly string[] }[],
) => denials.map((d) => [d.coordinate, d.unauthenticated ? 'anonymous' : d.missingScopes]);

describe('DeniedFieldsMemo', () => {
  const query = `query Cost { product(sku: "A") { sku cost } }
    query Sku { product(sku: "A") { sku } }`;

  it('answers each scope set of the same document on its own', () => {
    const memo = new DeniedFieldsMemo(schema, rules);
    const document = parse(query);
    const reader = frozenScopes('catalog:read');
    const full = frozenScopes('catalog:read', 'cost:read');
    expect(summary(memo.deniedFields(document, 'Cost', reader))).toEqual([['Product.cost', ['cost:read']]]);
    expect(summary(memo.deniedFields(document, 'Cost', full))).toEqual([]);
    expect(summary(memo.deniedFields(document, 'Cost', frozenScopes()))).toEqual([
      ['Product', ['catalog:read']],
    ]);
    expect(summary(memo.deniedFields(document, 'Cost', null))).toEqual([['Query.product', 'anonymous']]);
    // Asked again, in another order: the same answers, remembered.
    expect(summary(memo.deniedFields(document, 'Cost', null))).toEqual([['Query.product', 'anonymous']]);
    expect(summary(memo.deniedFields(document, 'Cost', full))).toEqual([]);
    expect(summary(memo.deniedFields(document, 'Cost', reader))).toEqual([['Product.cost', ['cost:read']]]);
  });

  it('answers each operation of the same document on its own', () => {
    const memo = new DeniedFieldsMemo(schema, rules);
    const document = parse(query);
    const reader = frozenScopes('catalog:read');
    expect(summary(memo.deniedFields(document, 'Cost', reader))).toEqual([['Product.cost', ['cost:read']]]);
    expect(summary(memo.deniedFields(document, 'Sku', reader))).toEqual([]);
    expect(summary(memo.deniedFields(document, 'Cost', reader))).toEqual([['Product.cost', ['cost:read']]]);
  });

  it('reuses an answer for the same set of scopes, whatever the array, and freezes it', () => {
    const memo = new DeniedFieldsMemo(schema, rules);
    const document = parse(query);
    const first = memo.deniedFields(document, 'Cost', frozenScopes('catalog:read'));
    const again = memo.deniedFields(document, 'Cost', { scopes: ['catalog:read', 'catalog:read'] });
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
  });

  it('works out a scopes array that may still change again each time', () => {
    const memo = new DeniedFieldsMemo(schema, rules);
    const document = parse(query);
    const scopes = ['catalog:read'];
    expect(summary(memo.deniedFields(document, 'Cost', { scopes }))).toEqual([
      ['Product.cost', ['cost:read']],
    ]);
    scopes.push('cost:read');
    expect(summary(memo.deniedFields(document, 'Cost', { scopes }))).toEqual([]);
  });

  it('keeps at most perDocument answers for one operation, and answers right after forgetting', () => {
    const memo = new DeniedFieldsMemo(schema, rules, 2);
    const document = parse(query);
    const sets = [frozenScopes('a'), frozenScopes('b'), frozenScopes('catalog:read', 'cost:read')];
    for (let round = 0; round < 2; round++)
      expect(sets.map((set) => memo.deniedFields(document, 'Cost', set).length)).toEqual([1, 1, 0]);
  });
});
