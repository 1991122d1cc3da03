import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { internalPrincipal, postAs } from '../../support/graphql.js';
import {
  isOverdue,
  nodesOf,
  readMoves,
  startInvoicingHarness,
  type InvoicingHarness,
  type MoveRow,
} from './harness.js';

const INVOICE_FIELDS = `id number kind status paymentStatus issuedOn dueOn isOverdue origin customerReference
  totals { untaxed { amount currency } tax { amount currency } total { amount currency } }
  amountDue { amount currency } customer { id } updatedAt`;

const PAYMENT: Record<string, string> = { not_paid: 'NOT_PAID', partial: 'PARTIALLY_PAID', paid: 'PAID' };

/** The invoice as the graph must show it, from the Odoo record. */
function expected(m: MoveRow) {
  const currency = m.currency_id!.name;
  return {
    id: toGlobalId('Invoice', m.id),
    number: m.name,
    kind: m.move_type === 'out_refund' ? 'CREDIT_NOTE' : 'INVOICE',
    status: 'POSTED',
    paymentStatus: PAYMENT[m.payment_state!],
    issuedOn: m.invoice_date,
    dueOn: m.invoice_date_due,
    isOverdue: isOverdue(m),
    origin: m.invoice_origin,
    customerReference: m.ref,
    totals: {
      untaxed: { amount: m.amount_untaxed, currency },
      tax: { amount: m.amount_tax, currency },
      total: { amount: m.amount_total, currency },
    },
    amountDue: { amount: m.amount_residual, currency },
    customer: { id: toGlobalId('Customer', m.commercialPartnerId) },
    updatedAt: m.write_date,
  };
}

describe('invoicing subgraph over HTTP', () => {
  let h: InvoicingHarness;
  let moves: MoveRow[];
  const ask = (query: string, variables: Record<string, unknown> = {}) =>
    postAs(h.url, internalPrincipal, query, variables);

  beforeAll(async () => {
    h = await startInvoicingHarness();
    moves = await readMoves(h.odoo);
  });
  afterAll(() => h.close());

  it('answers invoice(number) with the invoice as Odoo has it', async () => {
    const move = moves.find((m) => m.payment_state === 'partial') ?? moves[0]!;
    const response = await ask(`query ($n: String!) { invoice(number: $n) { ${INVOICE_FIELDS} } }`, {
      n: move.name,
    });
    expect(response).toEqual({ status: 200, body: { data: { invoice: expected(move) } } });
  });

  it('answers null for an unknown number', async () => {
    const response = await ask('{ invoice(number: "INV/1999/00001") { number } }');
    expect(response.body).toEqual({ data: { invoice: null } });
  });

  it('pages through invoices newest first, with the total', async () => {
    const newestFirst = [...moves].sort(
      (a, b) => b.invoice_date!.localeCompare(a.invoice_date!) || b.id - a.id,
    );
    const query = `query ($after: String) { invoices(first: 5, after: $after) {
      totalCount edges { node { ${INVOICE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
    const first = await ask(query);
    expect(first.body.data.invoices.totalCount).toBe(moves.length);
    expect(nodesOf(first.body.data.invoices)).toEqual(newestFirst.slice(0, 5).map(expected));
    expect(first.body.data.invoices.pageInfo.hasNextPage).toBe(true);
    const second = await ask(query, { after: first.body.data.invoices.pageInfo.endCursor });
    expect(nodesOf(second.body.data.invoices).map((n) => n.number)).toEqual(
      newestFirst.slice(5, 10).map((m) => m.name),
    );
  });

  it('filters overdue invoices by their due dates', async () => {
    const overdue = moves.filter(isOverdue);
    expect(overdue.length).toBeGreaterThan(0);
    const query = `query ($o: Boolean!) { invoices(first: 100, filter: { overdue: $o }) {
      totalCount edges { node { number isOverdue dueOn } } } }`;
    const yes = await ask(query, { o: true });
    expect(yes.body.data.invoices.totalCount).toBe(overdue.length);
    expect(
      nodesOf(yes.body.data.invoices)
        .map((n) => n.number)
        .sort(),
    ).toEqual(overdue.map((m) => m.name).sort());
    expect(nodesOf(yes.body.data.invoices).every((n) => n.isOverdue)).toBe(true);
    const no = await ask(query, { o: false });
    expect(no.body.data.invoices.totalCount).toBe(moves.length - overdue.length);
    expect(nodesOf(no.body.data.invoices).some((n) => n.isOverdue)).toBe(false);
  });

  it('filters by payment status, customer and issue dates together', async () => {
    const customer = moves[0]!.commercialPartnerId;
    const from = moves[moves.length - 1]!.invoice_date!;
    const match = moves.filter(
      (m) =>
        m.commercialPartnerId === customer && m.payment_state !== 'paid' && m.invoice_date! >= '2000-01-01',
    );
    const response = await ask(
      `query ($f: InvoiceFilter) { invoices(first: 100, filter: $f) { totalCount edges { node { number } } } }`,
      {
        f: {
          paymentStatus: ['NOT_PAID', 'PARTIALLY_PAID'],
          customerId: toGlobalId('Customer', customer),
          issuedAfter: '2000-01-01',
          issuedBefore: '2999-01-01',
          status: ['POSTED'],
        },
      },
    );
    expect(response.body.data.invoices.totalCount).toBe(match.length);
    expect(
      nodesOf(response.body.data.invoices)
        .map((n) => n.number)
        .sort(),
    ).toEqual(match.map((m) => m.name).sort());
    const later = await ask(`{ invoices(filter: { issuedAfter: "${from}" }) { totalCount } }`);
    expect(later.body.data.invoices.totalCount).toBe(moves.filter((m) => m.invoice_date! >= from).length);
  });

  it('refuses bad arguments with BAD_USER_INPUT at the right path, listing every issue', async () => {
    const response = await ask(
      `{ invoices(first: 500, after: "nope", filter: { status: [], customerId: "x", issuedAfter: "2026-02-01", issuedBefore: "2026-01-01" }) { totalCount } }`,
    );
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: expect.stringMatching(/^Invalid arguments: /),
          locations: [{ line: 1, column: 3 }],
          path: ['invoices'],
          extensions: {
            code: 'BAD_USER_INPUT',
            issues: [
              { argument: 'first', message: 'must be between 1 and 100' },
              { argument: 'after', message: 'not a cursor from this list' },
              { argument: 'filter.status', message: 'must not be empty' },
              { argument: 'filter.customerId', message: 'not a customer id' },
              { argument: 'filter.issuedBefore', message: 'must be later than filter.issuedAfter' },
            ],
          },
        },
      ],
    });
    const blank = await ask('{ invoice(number: " ") { number } }');
    expect(blank.body.errors).toEqual([
      expect.objectContaining({
        path: ['invoice'],
        extensions: {
          code: 'BAD_USER_INPUT',
          issues: [{ argument: 'number', message: 'must be an invoice number' }],
        },
      }),
    ]);
  });

  it('refuses anonymous callers on every root field and entity field', async () => {
    const anonymous = await postAs(
      h.url,
      null,
      '{ invoice(number: "X") { number } invoices { totalCount } }',
    );
    expect(anonymous.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['invoice'], 'UNAUTHENTICATED'],
      [['invoices'], 'UNAUTHENTICATED'],
    ]);
    const entities = await postAs(
      h.url,
      null,
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Order { invoices { number } } ... on Customer { balance { amount } } ... on Invoice { number } } }`,
      {
        r: [
          { __typename: 'Order', id: toGlobalId('Order', 1) },
          { __typename: 'Customer', id: toGlobalId('Customer', 1) },
          { __typename: 'Invoice', number: moves[0]!.name },
        ],
      },
    );
    // Refused before execution, one error per type the fragments select.
    expect(entities.body.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.coordinate])).toEqual([
      [['_entities'], 'UNAUTHENTICATED', 'Order'],
      [['_entities'], 'UNAUTHENTICATED', 'Customer'],
      [['_entities'], 'UNAUTHENTICATED', 'Invoice'],
    ]);
    expect(entities.body.data).toBeUndefined();
  });
});
