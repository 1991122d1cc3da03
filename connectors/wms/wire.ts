/**
 * ShipHero's answers as zod schemas: only the fields this connector selects, loose so that fields the
 * real API adds do not break it. Shapes follow developer.shiphero.com (schema: Order, LineItem,
 * OrderWarehouseAllocation, Shipment, ShippingLabel, WarehouseProduct, Webhook; queries return
 * `{ request_id, complexity, data { edges { node } pageInfo } }`).
 */
import { z } from 'zod';

/** One entry of a GraphQL `errors` array, with ShipHero's extra top-level members. */
export const wireErrorSchema = z.looseObject({
  message: z.string(),
  code: z.union([z.number(), z.string()]).optional(),
  /** On throttling (code 30): how long until enough credits, e.g. `"4 seconds"`. */
  time_remaining: z.union([z.number(), z.string()]).optional(),
  required_credits: z.number().optional(),
  remaining_credits: z.number().optional(),
  operation: z.string().optional(),
  field: z.string().optional(),
  request_id: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

export const wireResponseSchema = z.looseObject({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z.array(wireErrorSchema).optional(),
});

const str = z.string();
const nullableStr = z.string().nullable().optional();
const int = z.number().int();

export const pageInfoSchema = z.looseObject({
  hasNextPage: z.boolean(),
  endCursor: z.string().nullable().optional(),
});

/** `{ request_id, complexity, data { edges { node } pageInfo } }`, the shape of every list query. */
export function queryResult<T extends z.ZodType>(node: T) {
  return z.looseObject({
    request_id: str,
    complexity: int,
    data: z.looseObject({
      edges: z.array(z.looseObject({ node, cursor: nullableStr })),
      pageInfo: pageInfoSchema,
    }),
  });
}

export const lineItemSchema = z.looseObject({
  id: str,
  sku: str,
  quantity: int,
  quantity_allocated: int.nullable().optional(),
  quantity_shipped: int,
  backorder_quantity: int,
  warehouse_id: nullableStr,
});

export const shippingLabelSchema = z.looseObject({
  tracking_number: nullableStr,
  carrier: nullableStr,
  shipping_method: nullableStr,
  created_date: nullableStr,
  dimensions: z.looseObject({ weight: nullableStr }).nullable().optional(),
});

export const shipmentSchema = z.looseObject({
  id: str,
  created_date: nullableStr,
  shipping_labels: z.array(shippingLabelSchema).nullable(),
});

export const holdsSchema = z.looseObject({
  fraud_hold: z.boolean().nullable().optional(),
  address_hold: z.boolean().nullable().optional(),
  shipping_method_hold: z.boolean().nullable().optional(),
  operator_hold: z.boolean().nullable().optional(),
  payment_hold: z.boolean().nullable().optional(),
  client_hold: z.boolean().nullable().optional(),
});

export const orderSchema = z.looseObject({
  id: str,
  order_number: str,
  fulfillment_status: str,
  order_date: str,
  updated_at: str,
  holds: holdsSchema.nullable().optional(),
  allocations: z
    .array(z.looseObject({ warehouse_id: nullableStr, allocated_at: nullableStr }))
    .nullable()
    .optional(),
  line_items: z.looseObject({ edges: z.array(z.looseObject({ node: lineItemSchema })) }),
  shipments: z.array(shipmentSchema).nullable(),
  order_history: z
    .array(z.looseObject({ created_at: str, information: nullableStr }))
    .nullable()
    .optional(),
});
export type WireOrder = z.infer<typeof orderSchema>;

/** An order as `ordersByNumberQuery(n, 'parcels')` selects it: its number and shipments. */
export const orderParcelsSchema = z.looseObject({
  order_number: str,
  shipments: z.array(shipmentSchema).nullable(),
});
export type WireOrderParcels = z.infer<typeof orderParcelsSchema>;

/** The light order the backlog reads: status, warehouse, age. */
export const backlogOrderSchema = z.looseObject({
  id: str,
  fulfillment_status: str,
  order_date: str,
  holds: holdsSchema.nullable().optional(),
  allocations: z
    .array(z.looseObject({ warehouse_id: nullableStr }))
    .nullable()
    .optional(),
});
export type WireBacklogOrder = z.infer<typeof backlogOrderSchema>;

export const warehouseProductSchema = z.looseObject({
  sku: str,
  warehouse_id: str,
  on_hand: int,
  allocated: int,
  available: int,
  backorder: int,
});

export const orderMutationSchema = z.looseObject({
  request_id: str,
  complexity: int,
  order: orderSchema,
});

export const webhookCreateSchema = z.looseObject({
  request_id: str,
  complexity: int,
  webhook: z.looseObject({ id: str, name: str, url: str, shared_signature_secret: str }),
});

export const mutationOutputSchema = z.looseObject({ request_id: str, complexity: int });
