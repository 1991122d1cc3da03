import type { Address, Customer } from '../../../schema/canonical/orders.js';
import type { OdooClient } from '../client.js';
import { and, where } from '../domain.js';
import { ADDRESS_FIELDS, CUSTOMER_FIELDS, toAddress, toCustomer } from './map-partner.js';

/**
 * Customers (commercial partners) and their addresses in Odoo, where both are res.partner records:
 * delivery and invoice addresses are child partners of the customer. Every method is one Odoo call.
 */
export class OdooCustomers {
  constructor(private readonly client: OdooClient) {}

  async byIds(ids: readonly number[]): Promise<Customer[]> {
    const records = await this.client.read('res.partner', ids, CUSTOMER_FIELDS);
    return records.map(toCustomer);
  }

  /** Partners used as addresses (an order's shipping or invoice address), by id. */
  async addressesByIds(ids: readonly number[]): Promise<Address[]> {
    const records = await this.client.read('res.partner', ids, ADDRESS_FIELDS);
    return records.map(toAddress);
  }

  /** The delivery and invoice addresses of these customers (archived ones left out). */
  async addressesOf(customerIds: readonly number[]): Promise<Address[]> {
    if (customerIds.length === 0) return [];
    const records = await this.client.searchRead('res.partner', {
      domain: and(
        where('parent_id', 'in', [...new Set(customerIds)]),
        where('type', 'in', ['delivery', 'invoice']),
      ),
      fields: ADDRESS_FIELDS,
      order: 'id',
    });
    return records.map(toAddress);
  }
}
