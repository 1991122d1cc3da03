import { Decimal } from 'decimal.js';
import { and, where } from '../../connectors/odoo/domain.js';
import { OdooInvoices } from '../../connectors/odoo/invoicing/invoices.js';
import type { StepDefinition } from '../step-context.js';
import { StepFailure } from '../step-failure.js';
import { readSaleOrder } from '../odoo-order.js';

/**
 * Open balance plus this order against the customer's credit limit. The exposure counts posted
 * invoices not yet paid and confirmed orders not yet invoiced (goods promised, money not yet asked
 * for), in the order's currency. Odoo's limit 0 means none. An order already confirmed (by capture,
 * which checks credit itself) is not checked again: it would be counted twice.
 */
export const creditCheck: StepDefinition = {
  name: 'CREDIT_CHECK',
  async run({ state, odoo }) {
    const order = await readSaleOrder(odoo, state.odooId);
    if (order.state === 'cancel') throw new StepFailure('ORDER_CANCELLED', `${state.number} is cancelled`);
    if (order.state === 'sale' || order.state === 'done')
      return { kind: 'done', facts: { credit: { limit: null, exposure: '0', skipped: true } } };
    if (!order.partner_id) throw new StepFailure('ORDER_INCOMPLETE', `${state.number} has no customer`);
    const [contact] = await odoo.read('res.partner', [order.partner_id.id], ['parent_id']);
    const customerId = contact?.parent_id?.id ?? order.partner_id.id;
    const currency = order.currency_id?.name;
    const invoices = new OdooInvoices(odoo);
    const [limits, balances, pending] = await Promise.all([
      invoices.creditLimits([customerId]),
      invoices.openBalanceByPartners([customerId]),
      odoo.searchRead('sale.order', {
        domain: and(
          where('partner_id', 'child_of', customerId),
          where('state', '=', 'sale'),
          where('invoice_status', '!=', 'invoiced'),
          where('id', '!=', order.id),
        ),
        fields: ['amount_total', 'currency_id'],
      }),
    ]);
    const owed = (balances[0]?.amounts ?? [])
      .filter((m) => !currency || m.currency === currency)
      .reduce((sum, m) => sum.plus(m.amount), new Decimal(0));
    const promised = pending
      .filter((o) => !currency || o.currency_id?.name === currency)
      .reduce((sum, o) => sum.plus(o.amount_total ?? '0'), new Decimal(0));
    const exposure = owed.plus(promised).plus(order.amount_total ?? '0');
    const limit = limits.get(customerId) ?? null;
    if (limit !== null && exposure.greaterThan(limit))
      throw new StepFailure(
        'CREDIT_LIMIT_EXCEEDED',
        `exposure ${exposure.toFixed(2)} (open ${owed.toFixed(2)}, uninvoiced ${promised.toFixed(2)}, this order ${order.amount_total}) is over the limit ${limit}`,
      );
    return { kind: 'done', facts: { credit: { limit, exposure: exposure.toFixed(2), skipped: false } } };
  },
};
