import { toKeyedGlobalId } from '../../../schema/canonical/global-id.js';
import type {
  Fulfillment,
  FulfillmentLine,
  FulfillmentPackage,
} from '../../../schema/canonical/fulfillment.js';
import { builder } from '../builder.js';
import { FulfillmentStatusType } from './statuses.js';
import { WarehouseRef } from './warehouse.js';

const FulfillmentLineType = builder.objectRef<FulfillmentLine>('FulfillmentLine').implement({
  description: 'One SKU of a fulfilment and how far the warehouse got with it, in units.',
  fields: (t) => ({
    sku: t.exposeString('sku', { description: 'The product’s SKU.' }),
    quantity: t.exposeInt('quantity', { description: 'Units ordered.' }),
    quantityPicked: t.exposeInt('quantityPicked', { description: 'Units picked so far.' }),
    quantityShipped: t.exposeInt('quantityShipped', { description: 'Units shipped so far.' }),
    quantityBackordered: t.exposeInt('quantityBackordered', {
      description: 'Units the warehouse could not pick and is waiting for.',
    }),
  }),
});

const PackageType = builder.objectRef<FulfillmentPackage>('Package').implement({
  description: 'One parcel packed out of the warehouse.',
  fields: (t) => ({
    trackingNumber: t.exposeString('trackingNumber', {
      nullable: true,
      description: 'The carrier’s tracking number; null until a label is printed.',
    }),
    carrier: t.exposeString('carrier', { nullable: true, description: 'The carrier, e.g. "UPS".' }),
    service: t.exposeString('service', {
      nullable: true,
      description: 'The carrier’s service, e.g. "Ground".',
    }),
    weightOz: t.exposeFloat('weightOz', { nullable: true, description: 'Weight in ounces, when weighed.' }),
    shippedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it left the warehouse.',
      resolve: (p) => p.shippedAt,
    }),
  }),
});

const when = (description: string, pick: (f: Fulfillment) => string | null) => ({
  type: 'DateTime' as const,
  nullable: true as const,
  description,
  resolve: pick,
});

export const FulfillmentType = builder.objectRef<Fulfillment>('Fulfillment').implement({
  description:
    'How the warehouse is fulfilling one order: its status, the time of each step and the packages.',
  authenticated: true,
  requiresScopes: [['orders:read']],
  fields: (t) => ({
    id: t.id({
      description: 'Opaque, stable identifier.',
      resolve: (f) => toKeyedGlobalId('Fulfillment', f.wmsOrderId),
    }),
    orderNumber: t.exposeString('orderNumber', { description: 'The sales order fulfilled, e.g. "S00042".' }),
    status: t.field({ type: FulfillmentStatusType, description: 'Where it is.', resolve: (f) => f.status }),
    warehouse: t.field({
      type: WarehouseRef,
      nullable: true,
      description: 'The warehouse it is allocated to; null before allocation.',
      resolve: (f) => (f.warehouseCode === null ? null : { code: f.warehouseCode }),
    }),
    receivedAt: t.field({
      type: 'DateTime',
      description: 'When the WMS received the order.',
      resolve: (f) => f.receivedAt,
    }),
    releasedAt: t.field(
      when('When stock was allocated and the order released for picking.', (f) => f.allocatedAt),
    ),
    pickedAt: t.field(when('When picking finished.', (f) => f.pickedAt)),
    packedAt: t.field(when('When it was packed out.', (f) => f.packedAt)),
    shippedAt: t.field(when('When it shipped.', (f) => f.shippedAt)),
    cancelledAt: t.field(when('When it was cancelled.', (f) => f.cancelledAt)),
    holdReason: t.exposeString('holdReason', {
      nullable: true,
      description: 'Why it is on hold, when it is.',
    }),
    lines: t.field({
      type: [FulfillmentLineType],
      description: 'The SKUs to ship (as many as the order’s lines, so not paginated).',
      resolve: (f) => f.lines,
    }),
    packages: t.field({
      type: [PackageType],
      description: 'The parcels packed out, oldest first (a handful per order, so not paginated).',
      resolve: (f) => f.packages,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'Last change in the WMS.',
      resolve: (f) => f.updatedAt,
    }),
  }),
});
