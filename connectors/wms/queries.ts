/**
 * The GraphQL documents the connector sends, in ShipHero's shapes. List queries page on their `data`
 * field (`data(first, after)`); line items are a connection; shipments and allocations are lists.
 */

/** An order's parcels: its shipments and their labels. */
const SHIPMENT_FIELDS = `shipments {
    id
    created_date
    shipping_labels { tracking_number carrier shipping_method created_date dimensions { weight } }
  }`;

/** Every order field the Fulfillment mapping reads. */
export const ORDER_FIELDS = `
  id
  order_number
  fulfillment_status
  order_date
  updated_at
  holds { fraud_hold address_hold shipping_method_hold operator_hold payment_hold client_hold }
  allocations { warehouse_id allocated_at }
  line_items(first: 100) {
    edges { node { id sku quantity quantity_allocated quantity_shipped backorder_quantity warehouse_id } }
  }
  ${SHIPMENT_FIELDS}
  order_history { created_at information }
`;

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

/**
 * One `orders(order_number:)` per alias: ShipHero filters by a single number, aliases batch them in one
 * request. `parcels` asks each order for its number and shipments only (what tracking needs), not its
 * lines, allocations and history: a fraction of the answer for the same credits.
 */
export function ordersByNumberQuery(count: number, selection: 'order' | 'parcels' = 'order'): string {
  const variables = Array.from({ length: count }, (_, i) => `$n${i}: String!`).join(', ');
  const node = selection === 'order' ? ORDER_FIELDS : `order_number ${SHIPMENT_FIELDS}`;
  const fields = Array.from(
    { length: count },
    (_, i) => `o${i}: orders(order_number: $n${i}) {
      request_id complexity
      data(first: 1) { edges { node { ${node} } } ${PAGE_INFO} }
    }`,
  ).join('\n');
  const name = selection === 'order' ? 'OrdersByNumber' : 'OrderParcelsByNumber';
  return `query ${name}(${variables}) {\n${fields}\n}`;
}

export const ORDERS_UPDATED_SINCE = `query OrdersUpdatedSince($since: ISODateTime!, $first: Int!, $after: String) {
  orders(updated_from: $since) {
    request_id complexity
    data(first: $first, after: $after) { edges { cursor node { ${ORDER_FIELDS} } } ${PAGE_INFO} }
  }
}`;

export const ORDER_CREATE = `mutation OrderCreate($data: CreateOrderInput!) {
  order_create(data: $data) { request_id complexity order { ${ORDER_FIELDS} } }
}`;

export const ORDER_CANCEL = `mutation OrderCancel($data: CancelOrderInput!) {
  order_cancel(data: $data) { request_id complexity order { ${ORDER_FIELDS} } }
}`;

export const WEBHOOK_CREATE = `mutation WebhookCreate($data: CreateWebhookInput!) {
  webhook_create(data: $data) { request_id complexity webhook { id name url shared_signature_secret } }
}`;

export const WEBHOOK_DELETE = `mutation WebhookDelete($data: DeleteWebhookInput!) {
  webhook_delete(data: $data) { request_id complexity }
}`;

/** One alias per `{ alias, warehouseId, after }`: the warehouses' products in one request. */
export function warehouseProductsQuery(aliases: readonly { alias: string; sku?: boolean }[]): string {
  const fields = aliases
    .map(
      ({
        alias,
        sku,
      }) => `${alias}: warehouse_products(warehouse_id: $${alias}_w${sku ? `, sku: $${alias}_s` : ''}) {
      request_id complexity
      data(first: 100, after: $${alias}_a) { edges { node { sku warehouse_id on_hand allocated available backorder } } ${PAGE_INFO} }
    }`,
    )
    .join('\n');
  const variables = aliases
    .map(
      ({ alias, sku }) => `$${alias}_w: String!, $${alias}_a: String${sku ? `, $${alias}_s: String!` : ''}`,
    )
    .join(', ');
  return `query WarehouseProducts(${variables}) {\n${fields}\n}`;
}

/** One alias per warehouse × open status: the open orders' status and age only. */
export function backlogQuery(aliases: readonly string[]): string {
  const fields = aliases
    .map(
      (alias) => `${alias}: orders(warehouse_id: $${alias}_w, fulfillment_status: $${alias}_s) {
      request_id complexity
      data(first: 100, after: $${alias}_a) {
        edges { node { id fulfillment_status order_date holds { fraud_hold address_hold shipping_method_hold operator_hold payment_hold client_hold } allocations { warehouse_id } } }
        ${PAGE_INFO}
      }
    }`,
    )
    .join('\n');
  const variables = aliases.map((a) => `$${a}_w: String!, $${a}_s: String!, $${a}_a: String`).join(', ');
  return `query Backlog(${variables}) {\n${fields}\n}`;
}
