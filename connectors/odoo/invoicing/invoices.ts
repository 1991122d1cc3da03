import { Decimal } from 'decimal.js';
import type { MoneyShape } from '../../../platform/graphql/create-subgraph-builder.js';
import type { Invoice, InvoiceFilter, OpenBalance } from '../../../schema/canonical/invoicing.js';
import { todayUtc } from '../../../schema/canonical/invoicing.js';
import type { OdooClient } from '../client.js';
import { and, where } from '../domain.js';
import { invoiceDomain, visibleDomain, type InvoicingScope } from './invoice-domain.js';
import { odooPaymentStates } from './invoice-status.js';
import { toInvoice } from './map-invoice.js';
import { MoveReader } from './move-reader.js';

/** Newest first; the id breaks ties so that pages never overlap. */
const LIST_ORDER = 'invoice_date desc, id desc';
/** An order's invoices in the order they were issued. */
const CHRONOLOGICAL = 'invoice_date, id';

export interface InvoiceSearch {
  filter: InvoiceFilter;
  offset: number;
  limit: number;
}

/**
 * Customer invoices and credit notes in Odoo as canonical Invoices, seen through a scope: a partner's
 * scope never returns another tenant's invoice nor a draft. Each method is one Odoo call, whatever the
 * number of rows; the client's first read of a currency also learns its decimals (see OdooClient).
 */
export class OdooInvoices {
  readonly #moves: MoveReader;

  constructor(
    private readonly client: OdooClient,
    private readonly scope: InvoicingScope = {},
    /** Today's date in UTC, against which overdue is measured. */
    private readonly today: () => string = () => todayUtc(),
  ) {
    this.#moves = new MoveReader(client);
  }

  async byNumbers(numbers: readonly string[]): Promise<Invoice[]> {
    if (numbers.length === 0) return [];
    const domain = and(where('name', 'in', [...new Set(numbers)]), visibleDomain(this.scope));
    return (await this.#moves.search({ domain })).map(toInvoice);
  }

  /** By row id; a read cannot carry the scope, so this searches by id within it. */
  async byIds(ids: readonly number[]): Promise<Invoice[]> {
    if (ids.length === 0) return [];
    const domain = and(where('id', 'in', [...new Set(ids)]), visibleDomain(this.scope));
    return (await this.#moves.search({ domain })).map(toInvoice);
  }

  async search({ filter, offset, limit }: InvoiceSearch): Promise<Invoice[]> {
    const domain = invoiceDomain(filter, this.scope, this.today());
    return (await this.#moves.search({ domain, offset, limit, order: LIST_ORDER })).map(toInvoice);
  }

  /** How many invoices match: one search_count, asked only when a client wants the total. */
  count(filter: InvoiceFilter): Promise<number> {
    return this.client.searchCount('account.move', {
      domain: invoiceDomain(filter, this.scope, this.today()),
    });
  }

  /**
   * The visible invoices of each sale order, oldest first: one search of the invoices whose lines bill
   * the orders' lines (the link `sale.order.invoice_ids` is computed from), read with those links.
   */
  async byOrderIds(saleOrderIds: readonly number[]): Promise<Map<number, Invoice[]>> {
    const byOrder = new Map<number, Invoice[]>(saleOrderIds.map((id) => [id, []]));
    if (byOrder.size === 0) return byOrder;
    const domain = and(
      where('invoice_line_ids.sale_line_ids.order_id', 'in', [...byOrder.keys()]),
      visibleDomain(this.scope),
    );
    for (const { move, orderIds } of await this.#moves.searchWithOrders({ domain, order: CHRONOLOGICAL })) {
      const invoice = toInvoice(move);
      for (const orderId of orderIds) byOrder.get(orderId)?.push(invoice);
    }
    return byOrder;
  }

  /**
   * What these customers still owe on posted invoices, per currency: one search of the posted
   * invoices and credit notes not yet settled. Credit notes reduce the balance.
   */
  async openBalanceByPartners(partnerIds: readonly number[]): Promise<OpenBalance[]> {
    const unique = [...new Set(partnerIds)];
    if (unique.length === 0) return [];
    const domain = and(
      visibleDomain(this.scope),
      where('partner_id', 'child_of', unique),
      where('state', '=', 'posted'),
      where('payment_state', 'in', odooPaymentStates(['NOT_PAID', 'PARTIALLY_PAID', 'BLOCKED'])),
    );
    const sums = new Map<number, Map<string, Decimal>>(unique.map((id) => [id, new Map()]));
    // Amounts come rounded to their currency's decimals; the sum keeps as many.
    const decimals = new Map<string, number>();
    for (const invoice of (await this.#moves.search({ domain })).map(toInvoice)) {
      const perCurrency = sums.get(invoice.customerRowId);
      if (!perCurrency) continue;
      const { amount, currency } = invoice.amountDue;
      const signed = invoice.kind === 'CREDIT_NOTE' ? new Decimal(amount).neg() : new Decimal(amount);
      perCurrency.set(currency, (perCurrency.get(currency) ?? new Decimal(0)).plus(signed));
      decimals.set(currency, Math.max(decimals.get(currency) ?? 0, new Decimal(amount).decimalPlaces()));
    }
    return unique.map((customerRowId) => ({
      customerRowId,
      amounts: [...(sums.get(customerRowId) ?? [])].map(([currency, sum]): MoneyShape => ({
        amount: sum.toFixed(decimals.get(currency) ?? 2),
        currency,
      })),
    }));
  }

  /** The credit limits of these customers, in the company currency; Odoo's 0 means "no limit". */
  async creditLimits(partnerIds: readonly number[]): Promise<Map<number, string | null>> {
    const partners = await this.client.read('res.partner', partnerIds, ['credit_limit']);
    return new Map(
      partners.map((p) => [
        p.id,
        p.credit_limit === null || Number(p.credit_limit) === 0 ? null : p.credit_limit,
      ]),
    );
  }
}
