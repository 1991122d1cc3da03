import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import type { FulfillmentPackage } from '../../../schema/canonical/fulfillment.js';
import type { Shipment } from '../../../schema/canonical/shipping.js';
import { builder } from '../builder.js';
import { selectedFieldNames } from '../../../platform/graphql/selection.js';
import { OrderRef, ShipmentType, TRACKING_FIELDS, visibleShipment, type ShipmentSource } from './shipment.js';

/** A parcel the WMS shipped whose tracking the carrier does not (yet) know. */
function untracked(parcel: FulfillmentPackage & { trackingNumber: string }, orderNumber: string): Shipment {
  const at = parcel.shippedAt ?? new Date(0).toISOString();
  return {
    carrierShipmentId: null,
    trackingNumber: parcel.trackingNumber,
    carrier: parcel.carrier ?? 'unknown',
    service: parcel.service,
    status: 'UNKNOWN',
    reference: orderNumber,
    estimatedDeliveryAt: null,
    events: [],
    label: null,
    postage: null,
    createdAt: at,
    updatedAt: at,
  };
}

OrderRef.implement({
  description: 'A sales order of a customer; owned by the orders subgraph.',
  authenticated: true,
  requiresScopes: [['orders:read']],
  fields: (t) => ({
    number: t.exposeString('number', { description: 'The order number, e.g. "S00042".' }),
    shipments: t.field({
      type: [ShipmentType],
      description:
        'The parcels shipped for the order with their tracking, oldest first (a handful per order, so not paginated).',
      requiresScopes: [['shipments:read']],
      resolve: async (order, _args, context, info): Promise<ShipmentSource[]> => {
        requirePrincipal(context);
        if (!(await context.loaders.orderVisible.load(order.number))) return [];
        const parcels = (await context.loaders.packagesByOrderNumber.load(order.number)).filter(
          (p): p is FulfillmentPackage & { trackingNumber: string } => p.trackingNumber !== null,
        );
        // Where the parcels are needs their trackers only; the label's details, a read per shipment.
        const detailed = [...selectedFieldNames(info)].some((name) => !TRACKING_FIELDS.has(name));
        const loader = detailed
          ? context.loaders.shipmentByTrackingNumber
          : context.loaders.trackingByTrackingNumber;
        const shipments = await Promise.all(parcels.map((p) => loader.load(p.trackingNumber)));
        return parcels.map((p, i) => shipments[i] ?? untracked(p, order.number));
      },
    }),
  }),
});

builder.queryField('shipment', (t) =>
  t.field({
    type: ShipmentType,
    nullable: true,
    description: 'A shipment by tracking number; null when the carrier does not know it or it is not yours.',
    authenticated: true,
    requiresScopes: [['shipments:read']],
    args: { trackingNumber: t.arg.string({ required: true, description: 'The carrier’s tracking number.' }) },
    resolve: async (_root, args, context) => {
      requirePrincipal(context);
      const code = args.trackingNumber.trim();
      if (code === '' || code.length > 64) return null;
      return visibleShipment(await context.loaders.shipmentByTrackingNumber.load(code), context);
    },
  }),
);
