/**
 * The bodies of the ShipHero webhooks this connector understands, as zod schemas (loose: ShipHero adds
 * fields). Shapes from developer.shiphero.com/webhooks: Inventory Update (quantities as strings),
 * Order Allocated, Shipment Update (`fulfillment` with `packages`); Order Canceled and Order Packed Out
 * follow the same order-identity fields (`order_id`, `order_uuid`, `order_number`, `partner_order_id`).
 */
import { z } from 'zod';

const id = z.union([z.number(), z.string()]);
const quantity = z.union([z.number(), z.string()]).transform((value) => Number(value));
const orderIdentity = {
  order_id: id,
  order_uuid: z.string(),
  order_number: z.string(),
  partner_order_id: z.string().nullable().optional(),
};

export const inventoryUpdatePayload = z.looseObject({
  webhook_type: z.literal('Inventory Update'),
  account_id: id.optional(),
  inventory: z.array(
    z.looseObject({
      sku: z.string(),
      inventory: quantity,
      on_hand: quantity,
      backorder_quantity: quantity.optional(),
      updated_warehouse: z.looseObject({
        warehouse_id: id,
        warehouse_uuid: z.string(),
        identifier: z.string().optional(),
        inventory: quantity.optional(),
        on_hand: quantity.optional(),
      }),
    }),
  ),
});

export const orderAllocatedPayload = z.looseObject({
  webhook_type: z.literal('Order Allocated'),
  ...orderIdentity,
  warehouse_id: id,
  warehouse_uuid: z.string(),
  allocated_at: z.string(),
  line_items: z.array(z.looseObject({ sku: z.string(), quantity: z.number() })),
});

export const orderCanceledPayload = z.looseObject({
  webhook_type: z.literal('Order Canceled'),
  ...orderIdentity,
  fulfillment_status: z.string().optional(),
});

export const orderPackedOutPayload = z.looseObject({
  webhook_type: z.literal('Order Packed Out'),
  ...orderIdentity,
  warehouse_id: id.optional(),
  warehouse_uuid: z.string().optional(),
  items: z.array(z.looseObject({ sku: z.string(), quantity: z.number() })),
});

export const shipmentUpdatePayload = z.looseObject({
  webhook_type: z.literal('Shipment Update'),
  fulfillment: z.looseObject({
    shipment_id: id,
    shipment_uuid: z.string(),
    warehouse_id: id.optional(),
    warehouse_uuid: z.string().optional(),
    order_number: z.string(),
    order_uuid: z.string().optional(),
    tracking_number: z.string().nullable().optional(),
    line_items: z.array(z.looseObject({ sku: z.string(), quantity: z.number() })),
    packages: z
      .array(
        z.looseObject({
          name: z.string().optional(),
          weight_in_oz: z.number().nullable().optional(),
          tracking_number: z.string().nullable().optional(),
          shipping_carrier: z.string().nullable().optional(),
          shipping_method: z.string().nullable().optional(),
        }),
      )
      .optional(),
  }),
});

export const wmsWebhookPayload = z.discriminatedUnion('webhook_type', [
  inventoryUpdatePayload,
  orderAllocatedPayload,
  orderCanceledPayload,
  orderPackedOutPayload,
  shipmentUpdatePayload,
]);

export type WmsWebhookPayload = z.infer<typeof wmsWebhookPayload>;
