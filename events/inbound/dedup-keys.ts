/**
 * The de-duplication keys of inbound events. Each is built from the content of the change, never from
 * the delivery (a webhook's message id), so that the webhook path and the reconciliation pass name the
 * same change with the same key and the event log appends it once whichever arrives first.
 *
 * | Event                  | Key                                                       |
 * | ---------------------- | --------------------------------------------------------- |
 * | order.status_changed   | `odoo:sale.order:<id>:<write_date>:<STATUS>`              |
 * | fulfillment.updated    | `wms:order:<orderNumber>:<STATUS>`                        |
 * | shipment.updated       | `carrier:tracker:<trackingCode>:<STATUS>:<last event time or none>` |
 * | stock.changed          | `wms:stock:<message id>:<SKU>@<warehouse>` (not reconciled: per delivery) |
 *
 * The order key carries the status as well as `write_date` because Odoo stamps `write_date` to the second:
 * an order created and confirmed within one second keeps one `write_date` over two statuses.
 */

export function orderStatusKey(odooId: number, writeDate: string, status: string): string {
  return `odoo:sale.order:${odooId}:${writeDate}:${status}`;
}

export function fulfillmentKey(orderNumber: string, status: string): string {
  return `wms:order:${orderNumber}:${status}`;
}

export function shipmentKey(trackingCode: string, status: string, lastEventAt: string | null): string {
  return `carrier:tracker:${trackingCode}:${status}:${lastEventAt ?? 'none'}`;
}

export function stockKey(messageId: string, subject: string): string {
  return `wms:stock:${messageId}:${subject}`;
}
