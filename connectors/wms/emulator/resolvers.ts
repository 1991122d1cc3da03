/**
 * The root resolvers of the emulated API (graphql-js `rootValue`): each answers ShipHero's envelope
 * `{ request_id, complexity, ... }` around the records of the {@link WmsEmulator}.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { fieldComplexity } from './complexity.js';
import type { WmsEmulator } from './emulator.js';
import { isoDateTime } from './ids.js';
import { INVALID_INPUT, NOT_FOUND, ShipHeroError } from './shiphero-error.js';
import { orderKey, orderToWire, paginate } from './to-wire.js';

export interface RequestContext {
  requestId: string;
}

type Args = Record<string, unknown>;
type PageArgs = { first?: number | null; after?: string | null };

function envelope(context: RequestContext, info: GraphQLResolveInfo) {
  return {
    request_id: context.requestId,
    complexity: fieldComplexity(info.operation, info.fieldNodes[0]!, info.variableValues),
  };
}

function time(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ShipHeroError(`${name} must be a string`, INVALID_INPUT);
  const text = value;
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw new ShipHeroError(`${name} is not a valid ISODateTime: ${text}`, INVALID_INPUT);
  return ms;
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

export function createRootValue(emulator: WmsEmulator) {
  return {
    orders: (args: Args, context: RequestContext, info: GraphQLResolveInfo) => {
      const orders = emulator.findOrders({
        orderNumber: optionalString(args.order_number ?? args.partner_order_id),
        warehouseId: optionalString(args.warehouse_id),
        fulfillmentStatus: optionalString(args.fulfillment_status),
        shopName: optionalString(args.shop_name),
        updatedFrom: time(args.updated_from, 'updated_from'),
        updatedTo: time(args.updated_to, 'updated_to'),
      });
      return {
        ...envelope(context, info),
        data: (page: PageArgs) => paginate(orders, page, orderKey, (order) => orderToWire(order, emulator)),
      };
    },
    order: (args: Args, context: RequestContext, info: GraphQLResolveInfo) => {
      const order = emulator.orderById(String(args.id));
      if (!order) throw new ShipHeroError('Order not found', NOT_FOUND);
      return { ...envelope(context, info), data: orderToWire(order, emulator) };
    },
    warehouse_products: (args: Args, context: RequestContext, info: GraphQLResolveInfo) => {
      const warehouseId = optionalString(args.warehouse_id);
      const warehouses = warehouseId ? [emulator.warehouseById(warehouseId)] : emulator.warehouses;
      if (warehouses.some((w) => w === undefined)) throw new ShipHeroError('Warehouse not found', NOT_FOUND);
      const rows = warehouses.flatMap((warehouse) =>
        emulator.inventory
          .rows(warehouse!.id)
          .filter(([sku]) => args.sku === undefined || args.sku === null || sku === args.sku)
          .map(([sku, stock]) => ({ warehouse: warehouse!, sku, stock })),
      );
      return {
        ...envelope(context, info),
        data: (page: PageArgs) =>
          paginate(
            rows,
            page,
            (row) => `${row.warehouse.id}:${row.sku}`,
            ({ warehouse, sku, stock }) => ({
              id: Buffer.from(`WarehouseProduct:${warehouse.legacyId}:${sku}`).toString('base64'),
              sku,
              warehouse_id: warehouse.id,
              warehouse_identifier: warehouse.code,
              on_hand: stock.onHand,
              allocated: stock.allocated,
              available: stock.onHand - stock.allocated,
              backorder: emulator.backorderOf(warehouse.id, sku),
              updated_at: isoDateTime(stock.updatedAt),
            }),
          ),
      };
    },
    order_create: (args: { data: Args }, context: RequestContext, info: GraphQLResolveInfo) => ({
      ...envelope(context, info),
      order: orderToWire(emulator.createOrder(args.data), emulator),
    }),
    order_cancel: (args: { data: Args }, context: RequestContext, info: GraphQLResolveInfo) => ({
      ...envelope(context, info),
      order: orderToWire(
        emulator.cancelOrder(String(args.data.order_id), optionalString(args.data.reason)),
        emulator,
      ),
    }),
    webhook_create: (
      args: { data: { name: string; url: string; shop_name?: string | null } },
      context: RequestContext,
      info: GraphQLResolveInfo,
    ) => {
      const webhook = emulator.createWebhook(args.data);
      return {
        ...envelope(context, info),
        webhook: {
          id: webhook.id,
          legacy_id: webhook.legacyId,
          name: webhook.name,
          url: webhook.url,
          shop_name: webhook.shopName,
          created_at: isoDateTime(webhook.createdAt),
          shared_signature_secret: webhook.secret,
        },
      };
    },
    webhook_delete: (args: { data: { name: string } }, context: RequestContext, info: GraphQLResolveInfo) => {
      emulator.deleteWebhook(args.data.name);
      return envelope(context, info);
    },
  };
}
