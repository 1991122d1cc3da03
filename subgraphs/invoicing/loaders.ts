import DataLoader from 'dataloader';
import type { OdooClient } from '../../connectors/odoo/client.js';
import { companyCurrency } from '../../connectors/odoo/invoicing/company-currency.js';
import type { InvoicingScope } from '../../connectors/odoo/invoicing/invoice-domain.js';
import { OdooInvoices } from '../../connectors/odoo/invoicing/invoices.js';
import type { EntityCache } from '../../platform/cache/entity-cache.js';
import type { MoneyShape } from '../../platform/graphql/create-subgraph-builder.js';
import type { Invoice } from '../../schema/canonical/invoicing.js';

/**
 * Per-request loaders: each batch of keys is one Odoo call, whatever the number of rows, so 50
 * orders' invoices or 50 customers' balances cost as many calls as 5.
 * Invoice loaders see through the caller's scope. With an entity cache, invoices by number are read
 * from Redis first; a cached invoice is served to a partner only when it is plainly the tenant's own
 * and not a draft (row check after the cache), and otherwise read from Odoo within the partner's scope.
 */
export interface InvoicingLoaders {
  invoices: OdooInvoices;
  invoiceByNumber: DataLoader<string, Invoice | null>;
  invoicesByOrderId: DataLoader<number, Invoice[]>;
  /** Open amounts per currency of each customer (commercial partner row id). */
  openAmountsByCustomerId: DataLoader<number, MoneyShape[]>;
  /** Credit limit in the company currency (a decimal string), null for none. */
  creditLimitByCustomerId: DataLoader<number, string | null>;
  /** The company currency's ISO code, read at most once per request. */
  companyCurrency(): Promise<string>;
  /** Seeds `invoiceByNumber` with invoices a search already returned. */
  prime(invoices: readonly Invoice[]): void;
}

export function createInvoicingLoaders(
  odoo: OdooClient,
  scope: InvoicingScope,
  cache: EntityCache | null = null,
): InvoicingLoaders {
  const invoices = new OdooInvoices(odoo, scope);
  let currency: Promise<string> | undefined;
  const { tenantPartnerId } = scope;
  const fetchInvoices = async (numbers: readonly string[]) =>
    new Map((await invoices.byNumbers(numbers)).map((invoice) => [invoice.number, invoice]));
  const invoiceByNumber = new DataLoader<string, Invoice | null>(async (numbers) => {
    if (cache)
      return cache.load(
        {
          type: 'invoice',
          scope: tenantPartnerId === undefined ? '' : `tenant:${tenantPartnerId}`,
          fetch: fetchInvoices,
          visible: (invoice) =>
            tenantPartnerId === undefined ||
            (invoice.customerRowId === tenantPartnerId && invoice.status !== 'DRAFT'),
        },
        numbers,
      );
    const found = await fetchInvoices(numbers);
    return numbers.map((number) => found.get(number) ?? null);
  });
  return {
    invoices,
    invoiceByNumber,
    invoicesByOrderId: new DataLoader(async (orderIds) => {
      const found = await invoices.byOrderIds(orderIds);
      return orderIds.map((id) => found.get(id) ?? []);
    }),
    openAmountsByCustomerId: new DataLoader(async (customerIds) => {
      const found = new Map(
        (await invoices.openBalanceByPartners(customerIds)).map((b) => [b.customerRowId, b.amounts]),
      );
      return customerIds.map((id) => found.get(id) ?? []);
    }),
    creditLimitByCustomerId: new DataLoader(async (customerIds) => {
      const limits = await invoices.creditLimits(customerIds);
      return customerIds.map((id) => limits.get(id) ?? null);
    }),
    companyCurrency: () => (currency ??= companyCurrency(odoo)),
    prime(found) {
      for (const invoice of found) invoiceByNumber.prime(invoice.number, invoice);
    },
  };
}
