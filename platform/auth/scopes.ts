/**
 * Every scope a credential can carry, with what it grants. Fields name the scopes they require with
 * `@requiresScopes`; the gateway and the subgraphs refuse an operation that selects a field the caller
 * lacks a scope for (platform/auth/field-authorization.ts).
 */
export const SCOPES = {
  'catalog:read': 'Products, their list prices and warehouses.',
  'stock:read': 'What each warehouse can promise now (`StockLevel.available`, `availability`).',
  'stock:exact':
    'Exact stock figures: on hand, reserved, incoming, outgoing and forecast (partners see `available` only).',
  'orders:read': 'Orders, their lines and totals.',
  'orders:write': 'Placing and changing orders.',
  'invoices:read': 'Invoices and credit notes.',
  'customers:read': 'Contact details of customers: email, phone, VAT number and addresses.',
  'shipments:read': 'Shipments and their tracking.',
  'webhooks:manage': 'Registering and removing webhooks.',
  'cost:read': 'Internal only: the cost price of products (`Product.cost`).',
  'margin:read': 'Internal only: the margin of orders (`Order.margin`).',
  'finance:read': "Internal only: customers' balance and credit limit.",
  'keys:manage': 'Internal only: creating, rotating and revoking API keys.',
  'warehouse:read': "Internal only: each warehouse's open work as the WMS sees it (`Warehouse.backlog`).",
  'labels:read': 'Internal only: shipping labels (`Shipment.label`) and what they cost.',
  'operations:read':
    'Internal only: the order-to-cash orchestration of orders (`Order.fulfillmentProgress`, `stuckOrders`), dead letters and integration health.',
  'operations:write': 'Internal only: replaying dead-lettered events and webhook deliveries.',
} as const satisfies Record<string, string>;

export type Scope = keyof typeof SCOPES;
