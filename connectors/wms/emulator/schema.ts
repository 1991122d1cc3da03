/**
 * The part of ShipHero's public GraphQL schema (developer.shiphero.com/schema) the emulator serves:
 * the types and arguments the WMS connector uses, with ShipHero's names. List queries return
 * `{ request_id, complexity, data(first, after) { edges { node cursor } pageInfo } }`.
 */
import { buildSchema } from 'graphql';

export const WMS_EMULATOR_SDL = /* GraphQL */ `
  scalar ISODateTime

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Query {
    orders(
      order_number: String
      partner_order_id: String
      shop_name: String
      warehouse_id: String
      fulfillment_status: String
      updated_from: ISODateTime
      updated_to: ISODateTime
      order_date_from: ISODateTime
      order_date_to: ISODateTime
    ): OrdersQueryResult
    order(id: String!): OrderQueryResult
    warehouse_products(warehouse_id: String, sku: String): WarehouseProductsQueryResult
  }

  type Mutation {
    order_create(data: CreateOrderInput!): OrderMutationOutput
    order_cancel(data: CancelOrderInput!): OrderMutationOutput
    webhook_create(data: CreateWebhookInput!): CreateWebhookOutput
    webhook_delete(data: DeleteWebhookInput!): MutationOutput
  }

  type OrdersQueryResult {
    request_id: String
    complexity: Int
    data(first: Int, after: String): OrderConnection
  }
  type OrderQueryResult {
    request_id: String
    complexity: Int
    data: Order
  }
  type OrderConnection {
    pageInfo: PageInfo!
    edges: [OrderEdge]!
  }
  type OrderEdge {
    node: Order
    cursor: String!
  }

  type Order {
    id: String
    legacy_id: Int
    order_number: String
    partner_order_id: String
    shop_name: String
    fulfillment_status: String
    order_date: ISODateTime
    required_ship_date: ISODateTime
    updated_at: ISODateTime
    email: String
    shipping_lines: ShippingLines
    shipping_address: OrderAddress
    holds: OrderHolds
    allocations: [OrderWarehouseAllocation]
    line_items(first: Int, after: String): LineItemConnection
    shipments: [Shipment]
    order_history: [OrderHistory]
  }
  type ShippingLines {
    title: String
    carrier: String
    method: String
    price: String
  }
  type OrderAddress {
    first_name: String
    last_name: String
    company: String
    address1: String
    address2: String
    city: String
    state: String
    zip: String
    country: String
    email: String
    phone: String
  }
  type OrderHolds {
    fraud_hold: Boolean
    address_hold: Boolean
    shipping_method_hold: Boolean
    operator_hold: Boolean
    payment_hold: Boolean
    client_hold: Boolean
  }
  type OrderWarehouseAllocation {
    order_id: String
    warehouse_id: String
    allocated_at: ISODateTime
    allocation_reference: String
    ready_to_ship: Boolean
    line_items: [OrderLineItemAllocation]
  }
  type OrderLineItemAllocation {
    line_item_id: String
    sku: String
    quantity_allocated: Int
  }
  type LineItemConnection {
    pageInfo: PageInfo!
    edges: [LineItemEdge]!
  }
  type LineItemEdge {
    node: LineItem
    cursor: String!
  }
  type LineItem {
    id: String
    legacy_id: Int
    sku: String
    partner_line_item_id: String
    product_name: String
    quantity: Int
    quantity_allocated: Int
    quantity_pending_fulfillment: Int
    quantity_shipped: Int
    backorder_quantity: Int
    warehouse_id: String
    fulfillment_status: String
  }
  type Shipment {
    id: String
    legacy_id: Int
    order_id: String
    warehouse_id: String
    created_date: ISODateTime
    shipping_labels: [ShippingLabel]
  }
  type ShippingLabel {
    id: String
    shipment_id: String
    order_id: String
    order_number: String
    tracking_number: String
    carrier: String
    shipping_name: String
    shipping_method: String
    status: String
    created_date: ISODateTime
    dimensions: Dimensions
  }
  type Dimensions {
    weight: String
    height: String
    width: String
    length: String
  }
  type OrderHistory {
    order_id: String
    order_number: String
    information: String
    username: String
    created_at: ISODateTime
  }

  type WarehouseProductsQueryResult {
    request_id: String
    complexity: Int
    data(first: Int, after: String): WarehouseProductConnection
  }
  type WarehouseProductConnection {
    pageInfo: PageInfo!
    edges: [WarehouseProductEdge]!
  }
  type WarehouseProductEdge {
    node: WarehouseProduct
    cursor: String!
  }
  type WarehouseProduct {
    id: String
    sku: String
    warehouse_id: String
    warehouse_identifier: String
    on_hand: Int
    allocated: Int
    available: Int
    backorder: Int
    updated_at: ISODateTime
  }

  input CreateOrderInput {
    order_number: String
    partner_order_id: String
    shop_name: String
    fulfillment_status: String
    order_date: ISODateTime
    required_ship_date: ISODateTime
    email: String
    shipping_lines: CreateShippingLinesInput
    shipping_address: CreateOrderAddressInput
    line_items: [CreateLineItemInput]
  }
  input CreateShippingLinesInput {
    title: String!
    price: String!
    carrier: String
    method: String
  }
  input CreateOrderAddressInput {
    first_name: String
    last_name: String
    company: String
    address1: String
    address2: String
    city: String
    state: String
    state_code: String
    zip: String
    country: String
    country_code: String
    email: String
    phone: String
  }
  input CreateLineItemInput {
    sku: String!
    partner_line_item_id: String!
    quantity: Int!
    price: String!
    product_name: String
    fulfillment_status: String
    warehouse_id: String
  }
  input CancelOrderInput {
    order_id: String!
    reason: String
    void_on_platform: Boolean
  }
  type OrderMutationOutput {
    request_id: String
    complexity: Int
    order: Order
  }

  input CreateWebhookInput {
    name: String!
    url: String!
    shop_name: String
    customer_account_id: String
  }
  input DeleteWebhookInput {
    name: String!
    shop_name: String
    customer_account_id: String
  }
  type CreateWebhookOutput {
    request_id: String
    complexity: Int
    webhook: Webhook
  }
  type Webhook {
    id: String
    legacy_id: Int
    name: String
    url: String
    shop_name: String
    created_at: ISODateTime
    shared_signature_secret: String
  }
  type MutationOutput {
    request_id: String
    complexity: Int
  }
`;

export const wmsEmulatorSchema = buildSchema(WMS_EMULATOR_SDL);
