import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { authorizationRulesOf } from '../../platform/auth/authorization-rules.js';
import { fieldAuthorizationErrors, findDeniedFields } from '../../platform/auth/field-authorization.js';

const schema = buildSchema(`
  directive @authenticated on FIELD_DEFINITION | OBJECT
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT
  type Query {
    product(sku: String!): Product @authenticated
    node: Node @authenticated
    _entities: [Entity]!
    version: String
  }
  type Product @requiresScopes(scopes: [["catalog:read"]]) {
    sku: String!
    cost: Money @requiresScopes(scopes: [["cost:read"]])
    either: String @requiresScopes(scopes: [["a", "b"], ["c"]])
  }
  type Money { amount: String }
  interface Node { id: ID! secret: String }
  type Order implements Node { id: ID! secret: String @requiresScopes(scopes: [["orders:secret"]]) }
  union Entity = Product | Order
`);
const rules = authorizationRulesOf(schema);
const denied = (query: string, scopes: string[] | null, operationName?: string) =>
  findDeniedFields(schema, rules, parse(query), operationName, scopes && { scopes }).map((d) => [
    d.coordinate,
    d.path,
    d.unauthenticated ? 'anonymous' : d.missingScopes,
  ]);

describe('findDeniedFields', () => {
  it('reads type and field rules from the directives', () => {
    expect(Object.fromEntries(rules)).toEqual({
      'Query.product': { authenticated: true, requiresScopes: [] },
      'Query.node': { authenticated: true, requiresScopes: [] },
      Product: { authenticated: false, requiresScopes: [['catalog:read']] },
      'Product.cost': { authenticated: false, requiresScopes: [['cost:read']] },
      'Product.either': { authenticated: false, requiresScopes: [['a', 'b'], ['c']] },
      'Order.secret': { authenticated: false, requiresScopes: [['orders:secret']] },
    });
  });

  it('allows what the scopes cover and refuses the rest, at the response path with aliases', () => {
    expect(denied('{ product(sku: "A") { sku cost { amount } } }', ['catalog:read', 'cost:read'])).toEqual(
      [],
    );
    expect(denied('{ p: product(sku: "A") { sku price: cost { amount } } }', ['catalog:read'])).toEqual([
      ['Product.cost', ['p', 'price'], ['cost:read']],
    ]);
  });

  it('applies a type rule to the field returning the type, and does not enter a refused field', () => {
    expect(denied('{ product(sku: "A") { cost { amount } } }', [])).toEqual([
      ['Product', ['product'], ['catalog:read']],
    ]);
  });

  it('follows named fragments, nested fragments and inline fragments', () => {
    const query = `{ product(sku: "A") { ...A ... on Product { x: cost { amount } } } }
      fragment A on Product { ...B }  fragment B on Product { cost { amount } }`;
    expect(denied(query, ['catalog:read'])).toEqual([
      ['Product.cost', ['product', 'cost'], ['cost:read']],
      ['Product.cost', ['product', 'x'], ['cost:read']],
    ]);
  });

  it('checks fragments on entity types inside `_entities`', () => {
    expect(denied('{ _entities { ... on Product { sku } ... on Order { secret } } }', ['x'])).toEqual([
      ['Product', ['_entities'], ['catalog:read']],
      ['Order.secret', ['_entities', 'secret'], ['orders:secret']],
    ]);
  });

  it('checks an interface field against every implementation', () => {
    expect(denied('{ node { id secret } }', [])).toEqual([
      ['Order.secret', ['node', 'secret'], ['orders:secret']],
    ]);
  });

  it('meets an OR of AND-lists with any complete set, and names the closest one otherwise', () => {
    const query = '{ product(sku: "A") { either } }';
    expect(denied(query, ['catalog:read'])).toEqual([['Product.either', ['product', 'either'], ['c']]]);
    expect(denied(query, ['catalog:read', 'c'])).toEqual([]);
    expect(denied(query, ['catalog:read', 'a', 'b'])).toEqual([]);
    expect(denied(query, ['catalog:read', 'a'])).toEqual([['Product.either', ['product', 'either'], ['b']]]);
  });

  it('refuses an anonymous caller at the first field with any rule', () => {
    expect(denied('{ version product(sku: "A") { cost { amount } } }', null)).toEqual([
      ['Query.product', ['product'], 'anonymous'],
    ]);
    expect(denied('{ version __typename }', null)).toEqual([]);
  });

  it('checks only the operation asked for', () => {
    const query = 'query A { version } query B { product(sku: "A") { cost { amount } } }';
    expect(denied(query, ['catalog:read'], 'A')).toEqual([]);
    expect(denied(query, ['catalog:read'], 'B')).toEqual([
      ['Product.cost', ['product', 'cost'], ['cost:read']],
    ]);
  });
});

describe('fieldAuthorizationErrors', () => {
  it('names the missing scopes and the coordinate, with FORBIDDEN or UNAUTHENTICATED', () => {
    const query = parse('{ product(sku: "A") { cost { amount } either } }');
    const errors = fieldAuthorizationErrors(
      findDeniedFields(schema, rules, query, undefined, { scopes: ['catalog:read'] }),
    );
    expect(errors.map((e) => e.toJSON())).toEqual([
      {
        message: 'Missing scope cost:read for Product.cost',
        locations: [{ line: 1, column: 23 }],
        path: ['product', 'cost'],
        extensions: { code: 'FORBIDDEN', missingScopes: ['cost:read'], coordinate: 'Product.cost' },
      },
      {
        // The alternative with the fewest scopes missing: ["c"] rather than ["a", "b"].
        message: 'Missing scope c for Product.either',
        locations: [{ line: 1, column: 39 }],
        path: ['product', 'either'],
        extensions: { code: 'FORBIDDEN', missingScopes: ['c'], coordinate: 'Product.either' },
      },
    ]);
    const anonymous = fieldAuthorizationErrors(findDeniedFields(schema, rules, query, undefined, null));
    expect(anonymous.map((e) => e.toJSON().extensions)).toEqual([
      { code: 'UNAUTHENTICATED', missingScopes: [], coordinate: 'Query.product' },
    ]);
  });
});
