import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { internalPrincipal, partnerPrincipal, postAs } from '../../support/graphql.js';
import { nodesOf, readMoves, startInvoicingHarness, type InvoicingHarness, type MoveRow } from './harness.js';

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Order { id invoices { number customer { id } } }
  ... on Customer { id balance { amount currency } credit { limit { amount currency } used { amount currency } available { amount currency } onHold } } } }`;

describe('invoicing subgraph entities', () => {
  let h: InvoicingHarness;
  let moves: MoveRow[];
  const entities = (representations: object[], principal = internalPrincipal) =>
    postAs(h.url, principal, ENTITIES, { r: representations });

  /** The open balance and credit of a customer, computed from Odoo's records. */
  async function expectedFinances(customerId: number) {
    const open = moves.filter(
      (m) =>
        m.commercialPartnerId === customerId &&
        m.state === 'posted' &&
        (m.payment_state === 'not_paid' || m.payment_state === 'partial'),
    );
    const used = open.reduce((sum, m) => sum.plus(m.amount_residual!), new Decimal(0));
    const [partner] = await h.odoo.client.read('res.partner', [customerId], ['credit_limit']);
    const limit = partner!.credit_limit!;
    const money = (amount: Decimal | string) => ({ amount: new Decimal(amount).toFixed(2), currency: 'USD' });
    return {
      id: toGlobalId('Customer', customerId),
      balance: money(used),
      credit: {
        limit: money(limit),
        used: money(used),
        available: money(Decimal.max(0, new Decimal(limit).minus(used))),
        onHold: used.gt(limit),
      },
    };
  }

  beforeAll(async () => {
    h = await startInvoicingHarness();
    moves = await readMoves(h.odoo);
  });
  afterAll(() => h.close());

  it("resolves Order.invoices from the order's invoice_ids, and Customer balance and credit", async () => {
    const orders = await h.odoo.client.searchRead('sale.order', {
      domain: [['invoice_ids', '!=', false]],
      fields: ['invoice_ids', 'partner_id'],
      limit: 2,
      order: 'id',
    });
    const [none] = await h.odoo.client.searchRead('sale.order', {
      domain: [['invoice_ids', '=', false]],
      fields: ['name'],
      limit: 1,
    });
    const customerId = orders[0]!.partner_id!.id;
    const response = await entities([
      ...orders.map((o) => ({ __typename: 'Order', id: toGlobalId('Order', o.id) })),
      { __typename: 'Order', id: toGlobalId('Order', none!.id) },
      { __typename: 'Customer', id: toGlobalId('Customer', customerId) },
    ]);
    const invoicesOf = (ids: number[]) =>
      moves
        .filter((m) => ids.includes(m.id))
        .map((m) => ({ number: m.name, customer: { id: toGlobalId('Customer', m.commercialPartnerId) } }));
    expect(response.body).toEqual({
      data: {
        _entities: [
          ...orders.map((o) => ({ id: toGlobalId('Order', o.id), invoices: invoicesOf(o.invoice_ids) })),
          { id: toGlobalId('Order', none!.id), invoices: [] },
          await expectedFinances(customerId),
        ],
      },
    });
  });

  it('isolates partners: only their invoices, empty lists and FORBIDDEN finances for others', async () => {
    const mine = moves[0]!.commercialPartnerId;
    const other = moves.find((m) => m.commercialPartnerId !== mine)!;
    // Balances need finance:read, which no real partner credential carries (internal-only): this signs one
    // directly to test the row-level check that stands behind the scope check.
    const partner = { ...partnerPrincipal(mine), scopes: [...partnerPrincipal(mine).scopes, 'finance:read'] };
    const list = await postAs(
      h.url,
      partner,
      '{ invoices(first: 100) { totalCount edges { node { number } } } }',
    );
    const own = moves.filter((m) => m.commercialPartnerId === mine).map((m) => m.name);
    expect(list.body.data.invoices.totalCount).toBe(own.length);
    expect(
      nodesOf(list.body.data.invoices)
        .map((n) => n.number)
        .sort(),
    ).toEqual(own.sort());
    const foreign = await postAs(h.url, partner, `{ invoice(number: "${other.name}") { number } }`);
    expect(foreign.body).toEqual({ data: { invoice: null } });
    const [otherOrder] = await h.odoo.client.searchRead('sale.order', {
      domain: [['invoice_ids', 'in', [other.id]]],
      fields: ['name'],
    });
    const response = await entities(
      [
        { __typename: 'Order', id: toGlobalId('Order', otherOrder!.id) },
        { __typename: 'Customer', id: toGlobalId('Customer', other.commercialPartnerId) },
        { __typename: 'Customer', id: toGlobalId('Customer', mine) },
      ],
      partner,
    );
    expect(response.body.data._entities[0]).toEqual({
      id: toGlobalId('Order', otherOrder!.id),
      invoices: [],
    });
    expect(response.body.data._entities[1]).toBeNull();
    expect(response.body.data._entities[2]).toEqual(await expectedFinances(mine));
    // The first refused non-null field nulls the entity; GraphQL reports that one.
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: ['_entities', 1, 'balance'], extensions: { code: 'FORBIDDEN' } }),
    ]);
    const withoutScope = await entities([{ __typename: 'Customer', id: toGlobalId('Customer', mine) }], {
      ...partnerPrincipal(mine),
    });
    expect(withoutScope.status).toBe(403);
    expect(withoutScope.body.data).toBeUndefined();
    expect(withoutScope.body.errors?.map((e) => [e.path, e.message, e.extensions])).toEqual(
      ['balance', 'credit'].map((field) => [
        ['_entities', field],
        `Missing scope finance:read for Customer.${field}`,
        { code: 'FORBIDDEN', missingScopes: ['finance:read'], coordinate: `Customer.${field}` },
      ]),
    );
  });

  it("costs the same Odoo calls for 50 orders' invoices and customers' credit as for 5", async () => {
    const orders = await h.odoo.client.searchRead('sale.order', {
      fields: ['partner_id'],
      limit: 50,
      order: 'id',
    });
    expect(orders).toHaveLength(50);
    const cost = async (n: number) => {
      const slice = orders.slice(0, n);
      h.odoo.odoo.emulator.calls.reset();
      const response = await entities([
        ...slice.map((o) => ({ __typename: 'Order', id: toGlobalId('Order', o.id) })),
        ...slice.map((o) => ({ __typename: 'Customer', id: toGlobalId('Customer', o.partner_id!.id) })),
      ]);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data._entities).toHaveLength(2 * n);
      return h.odoo.odoo.emulator.calls.snapshot();
    };
    await cost(5); // the client learns currency precisions once; measure with that done
    const five = await cost(5);
    const fifty = await cost(50);
    expect(fifty).toEqual(five);
    // Orders' invoices: one search that reads which orders each invoice bills along with it.
    expect(five).toEqual({
      'account.move.search_read': 1,
      'account.move.web_search_read': 1,
      'res.company.search_read': 1,
      'res.partner.read': 1,
    });
  });
});
