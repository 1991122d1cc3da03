import { Decimal } from 'decimal.js';
import type { MoneyShape } from '../../platform/graphql/create-subgraph-builder.js';
import type { CustomerCredit } from '../../schema/canonical/invoicing.js';
import type { InvoicingContext } from './context.js';

/** Decimal places of an amount string, so that sums and differences keep the currency's precision. */
const places = (...amounts: string[]) => Math.max(2, ...amounts.map((a) => new Decimal(a).decimalPlaces()));

/**
 * What a customer owes on posted invoices, net of open credit notes, in the company currency (the
 * currency Odoo keeps credit limits in). Invoices in another currency are not converted: Odoo's
 * company-currency residual (`amount_residual_signed`) is not read yet, so they are left out.
 */
export async function balanceOf(context: InvoicingContext, customerRowId: number): Promise<MoneyShape> {
  const [currency, amounts] = await Promise.all([
    context.loaders.companyCurrency(),
    context.loaders.openAmountsByCustomerId.load(customerRowId),
  ]);
  return amounts.find((amount) => amount.currency === currency) ?? { amount: '0.00', currency };
}

/** The customer's credit: its limit (none when Odoo's is 0), what its open balance uses of it, the rest. */
export async function creditOf(context: InvoicingContext, customerRowId: number): Promise<CustomerCredit> {
  const [used, limit] = await Promise.all([
    balanceOf(context, customerRowId),
    context.loaders.creditLimitByCustomerId.load(customerRowId),
  ]);
  if (limit === null) return { limit: null, used, available: null, onHold: false };
  const rest = Decimal.max(0, new Decimal(limit).minus(used.amount));
  return {
    limit: { amount: limit, currency: used.currency },
    used,
    available: { amount: rest.toFixed(places(limit, used.amount)), currency: used.currency },
    onHold: new Decimal(used.amount).gt(limit),
  };
}
