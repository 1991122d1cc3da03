import type { StockLevel } from '../../../schema/canonical/inventory.js';
import { builder, Quantity } from '../builder.js';
import { WarehouseType } from './warehouse.js';

const quantity = (value: string, level: StockLevel) => ({ value, unit: level.unit });
/** Exact figures; partners normally see `available` only. */
const exact = [['stock:exact' as const]];

export const StockLevelType = builder.objectRef<StockLevel>('StockLevel').implement({
  description: "One product's stock in one warehouse, as Odoo counts it, in the product's unit.",
  fields: (t) => ({
    warehouse: t.field({
      type: WarehouseType,
      description: 'Where this stock is.',
      resolve: (level) => level.warehouse,
    }),
    onHand: t.field({
      type: Quantity,
      description: 'Physically in the warehouse (scope `stock:exact`).',
      requiresScopes: exact,
      resolve: (l) => quantity(l.onHand, l),
    }),
    reserved: t.field({
      type: Quantity,
      description: 'On hand but reserved for confirmed orders (scope `stock:exact`).',
      requiresScopes: exact,
      resolve: (l) => quantity(l.reserved, l),
    }),
    available: t.field({
      type: Quantity,
      description: 'On hand and not reserved: what can be promised now.',
      requiresScopes: [['stock:read']],
      resolve: (l) => quantity(l.available, l),
    }),
    incoming: t.field({
      type: Quantity,
      description: 'Expected to arrive from receipts not yet done (scope `stock:exact`).',
      requiresScopes: exact,
      resolve: (l) => quantity(l.incoming, l),
    }),
    outgoing: t.field({
      type: Quantity,
      description: 'Expected to leave for deliveries not yet done (scope `stock:exact`).',
      requiresScopes: exact,
      resolve: (l) => quantity(l.outgoing, l),
    }),
    forecast: t.field({
      type: Quantity,
      description: 'On hand plus incoming minus outgoing (scope `stock:exact`).',
      requiresScopes: exact,
      resolve: (l) => quantity(l.forecast, l),
    }),
  }),
});
