import { Decimal } from 'decimal.js';
import type { MoneyShape } from '../../../platform/graphql/create-subgraph-builder.js';
import type { OdooClient } from '../client.js';
import { companyCurrency } from '../invoicing/company-currency.js';
import { OdooInvoices } from '../invoicing/invoices.js';

export type CreditVerdict =
  | { kind: 'within' }
  | { kind: 'hold'; openBalance: MoneyShape; orderTotal: MoneyShape; creditLimit: MoneyShape };

/**
 * The credit check before an order is created: the customer's open balance (posted invoices not yet
 * paid, net of open credit notes, in the company currency: as the invoicing subgraph computes it) plus
 * this order's total must not exceed its credit limit. A limit of 0 in Odoo means none.
 */
export class OdooCaptureCredit {
  constructor(private readonly client: OdooClient) {}

  async check(customerRowId: number, orderTotal: MoneyShape): Promise<CreditVerdict> {
    const invoices = new OdooInvoices(this.client);
    const [currency, balances, limits] = await Promise.all([
      companyCurrency(this.client),
      invoices.openBalanceByPartners([customerRowId]),
      invoices.creditLimits([customerRowId]),
    ]);
    const limit = limits.get(customerRowId) ?? null;
    if (limit === null) return { kind: 'within' };
    const open = balances[0]?.amounts.find((amount) => amount.currency === currency) ?? {
      amount: '0.00',
      currency,
    };
    if (new Decimal(open.amount).plus(orderTotal.amount).lte(limit)) return { kind: 'within' };
    return {
      kind: 'hold',
      openBalance: open,
      orderTotal,
      creditLimit: { amount: new Decimal(limit).toFixed(places(open.amount)), currency },
    };
  }
}

const places = (amount: string) => Math.max(2, new Decimal(amount).decimalPlaces());
