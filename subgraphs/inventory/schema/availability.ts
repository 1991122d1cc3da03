import { Decimal } from 'decimal.js';
import { graphError } from '../../../platform/graphql/graph-error.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import type { Product } from '../../../schema/canonical/inventory.js';
import { builder } from '../builder.js';
import { ProductType } from './product.js';

const MAX_LINES = 200;

const AvailabilityStatus = builder.enumType('AvailabilityStatus', {
  description: 'Whether a requested quantity can be promised now.',
  values: {
    AVAILABLE: { description: 'The whole quantity is available.' },
    PARTIALLY_AVAILABLE: {
      description: 'Some, not all, is available; `shortfall` says how much is missing.',
    },
    UNAVAILABLE: { description: 'Nothing is available.' },
    UNKNOWN_PRODUCT: { description: 'No product has this SKU.' },
  } as const,
});

interface LineAvailability {
  sku: string;
  product: Product | null;
  requested: string;
  available: string;
  shortfall: string;
  status: 'AVAILABLE' | 'PARTIALLY_AVAILABLE' | 'UNAVAILABLE' | 'UNKNOWN_PRODUCT';
}

const LineAvailabilityType = builder.objectRef<LineAvailability>('LineAvailability').implement({
  description: 'Available-to-promise for one requested line.',
  fields: (t) => ({
    sku: t.exposeString('sku', { description: 'The SKU as requested.' }),
    product: t.field({
      type: ProductType,
      nullable: true,
      description: 'The product, or null for an unknown SKU.',
      resolve: (l) => l.product,
    }),
    requested: t.expose('requested', {
      type: 'Decimal',
      description: "Quantity requested, in the product's unit.",
    }),
    available: t.expose('available', {
      type: 'Decimal',
      description: 'Quantity available now (on hand, not reserved).',
    }),
    shortfall: t.expose('shortfall', {
      type: 'Decimal',
      description: 'How much of the request cannot be promised now.',
    }),
    status: t.field({
      type: AvailabilityStatus,
      description: 'The verdict for this line.',
      resolve: (l) => l.status,
    }),
  }),
});

const AvailabilityLineInput = builder.inputType('AvailabilityLineInput', {
  description: 'A product and quantity to check.',
  fields: (t) => ({
    sku: t.string({ required: true, description: 'The SKU.' }),
    quantity: t.field({
      type: 'Decimal',
      required: true,
      description: "Quantity wanted, in the product's unit; greater than zero.",
    }),
  }),
});

function verdict(requested: Decimal, available: Decimal): LineAvailability['status'] {
  if (available.gte(requested)) return 'AVAILABLE';
  return available.gt(0) ? 'PARTIALLY_AVAILABLE' : 'UNAVAILABLE';
}

builder.queryField('availability', (t) =>
  t.field({
    type: [LineAvailabilityType],
    description:
      'Available-to-promise per line, in one warehouse or across all; the answer keeps the order of `lines`.',
    authenticated: true,
    requiresScopes: [['stock:read']],
    args: {
      lines: t.arg({
        type: [AvailabilityLineInput],
        required: true,
        description: `The lines to check (at most ${MAX_LINES}).`,
      }),
      warehouse: t.arg.string({
        required: false,
        description: 'Warehouse code; all warehouses when omitted.',
      }),
    },
    resolve: async (_root, args, context) => {
      requirePrincipal(context);
      const issues = args.lines.flatMap((line, index) =>
        new Decimal(line.quantity).gt(0)
          ? []
          : [{ argument: `lines[${index}].quantity`, message: 'must be greater than zero' }],
      );
      if (args.lines.length > MAX_LINES)
        issues.push({ argument: 'lines', message: `at most ${MAX_LINES} lines` });
      const warehouses = await context.loaders.warehouses();
      if (args.warehouse && !warehouses.some((w) => w.code === args.warehouse)) {
        issues.push({ argument: 'warehouse', message: `no warehouse has code ${args.warehouse}` });
      }
      if (issues.length > 0)
        throw graphError('BAD_USER_INPUT', 'Invalid availability request.', { extensions: { issues } });
      const products = await context.loaders.productBySku.loadMany(args.lines.map((line) => line.sku));
      return Promise.all(
        args.lines.map(async (line, index): Promise<LineAvailability> => {
          const found = products[index];
          const product = found instanceof Error ? null : (found ?? null);
          const requested = new Decimal(line.quantity);
          if (!product)
            return {
              sku: line.sku,
              product: null,
              requested: line.quantity,
              available: '0',
              shortfall: line.quantity,
              status: 'UNKNOWN_PRODUCT',
            };
          if (!product.tracksInventory)
            return {
              sku: line.sku,
              product,
              requested: line.quantity,
              available: line.quantity,
              shortfall: '0',
              status: 'AVAILABLE',
            };
          const levels = await context.loaders.stockByProduct.load(product);
          const available = levels
            .filter((level) => !args.warehouse || level.warehouse.code === args.warehouse)
            .reduce((sum, level) => sum.plus(level.available), new Decimal(0));
          const shortfall = Decimal.max(0, requested.minus(available));
          return {
            sku: line.sku,
            product,
            requested: line.quantity,
            available: available.toString(),
            shortfall: shortfall.toString(),
            status: verdict(requested, available),
          };
        }),
      );
    },
  }),
);
