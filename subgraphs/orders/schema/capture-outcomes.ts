import type {
  CaptureIssue,
  CaptureOutcome,
  ShortLine,
} from '../../../connectors/odoo/sales/capture-types.js';
import { hasScope } from '../../../platform/auth/principal.js';
import type { Order } from '../../../schema/canonical/orders.js';
import { builder, Money } from '../builder.js';
import type { OrdersContext } from '../context.js';
import { OrderType } from './order.js';

type Outcome<K extends CaptureOutcome['kind']> = Extract<CaptureOutcome, { kind: K }>;

/** The order an outcome names, read as it is now (a replay shows today's status). */
async function orderOf(context: OrdersContext, orderRowId: number): Promise<Order> {
  const order = await context.loaders.orderById.load(orderRowId);
  if (!order) throw new Error(`Order ${orderRowId} of a capture outcome is not visible`);
  return order;
}

const OrderCapturedType = builder.objectRef<Outcome<'CAPTURED'>>('OrderCaptured').implement({
  description:
    'The order was created in Odoo (as a quotation that the order-to-cash orchestration confirms).',
  fields: (t) => ({
    order: t.field({
      type: OrderType,
      description: 'The order.',
      resolve: (o, _a, c) => orderOf(c, o.orderRowId),
    }),
  }),
});

const ShortLineType = builder.objectRef<ShortLine>('OutOfStockLine').implement({
  description: 'A line the warehouse cannot ship now.',
  fields: (t) => ({
    sku: t.exposeString('sku', { description: 'The SKU as requested.' }),
    requested: t.expose('requested', {
      type: 'Decimal',
      description: "Quantity requested, in the product's unit.",
    }),
    available: t.expose('available', {
      type: 'Decimal',
      description: 'Quantity the warehouse can promise now.',
    }),
    nextAvailableOn: t.expose('nextAvailableOn', {
      type: 'Date',
      nullable: true,
      description: 'When a planned receipt would cover the request; null when none is planned.',
    }),
  }),
});

const OrderOutOfStockType = builder.objectRef<Outcome<'OUT_OF_STOCK'>>('OrderOutOfStock').implement({
  description:
    'No warehouse can ship the whole order now; nothing was created. The lines are those short in the warehouse that could ship the most.',
  fields: (t) => ({
    warehouse: t.exposeString('warehouse', {
      description: 'The code of the warehouse the lines were judged in.',
    }),
    lines: t.field({ type: [ShortLineType], description: 'The short lines.', resolve: (o) => o.lines }),
  }),
});

/** Balance and limit are the customer's finances: internal callers with `finance:read` only. */
const withFinance = (context: OrdersContext) =>
  !!context.principal && hasScope(context.principal, 'finance:read');

const OrderCreditHoldType = builder.objectRef<Outcome<'CREDIT_HOLD'>>('OrderCreditHold').implement({
  description:
    "The customer's open balance plus this order would exceed its credit limit; nothing was created. Contact the distributor.",
  fields: (t) => ({
    orderTotal: t.field({
      type: Money,
      description: "This order's untaxed total at list prices (what the check counted).",
      resolve: (o) => o.orderTotal,
    }),
    openBalance: t.field({
      type: Money,
      nullable: true,
      description: 'What the customer owes on posted invoices; null unless the caller holds `finance:read`.',
      resolve: (o, _args, context) => (withFinance(context) ? o.openBalance : null),
    }),
    creditLimit: t.field({
      type: Money,
      nullable: true,
      description: "The customer's credit limit; null unless the caller holds `finance:read`.",
      resolve: (o, _args, context) => (withFinance(context) ? o.creditLimit : null),
    }),
  }),
});

const CaptureIssueType = builder.objectRef<CaptureIssue>('CaptureIssue').implement({
  description: 'One problem with the input of a capture.',
  fields: (t) => ({
    path: t.exposeString('path', {
      description: 'Which input, e.g. `lines[2].quantity` or `shipTo.addressId`.',
    }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

const OrderInvalidType = builder.objectRef<Outcome<'INVALID'>>('OrderInvalid').implement({
  description: 'The input is not an order we can take; nothing was created. Each issue names its input.',
  fields: (t) => ({
    issues: t.field({
      type: [CaptureIssueType],
      description: 'Every problem found.',
      resolve: (o) => o.issues,
    }),
  }),
});

const OrderDuplicateReferenceType = builder
  .objectRef<Outcome<'DUPLICATE_REFERENCE'>>('OrderDuplicateReference')
  .implement({
    description:
      'The customer already has an order (not cancelled) with this customer reference; nothing was created.',
    fields: (t) => ({
      existingOrder: t.field({
        type: OrderType,
        description: 'The order that has the reference.',
        resolve: (o, _a, c) => orderOf(c, o.orderRowId),
      }),
    }),
  });

const outcomeTypes = {
  CAPTURED: OrderCapturedType,
  OUT_OF_STOCK: OrderOutOfStockType,
  CREDIT_HOLD: OrderCreditHoldType,
  INVALID: OrderInvalidType,
  DUPLICATE_REFERENCE: OrderDuplicateReferenceType,
} as const;

export const CaptureOrderOutcomeType = builder.unionType('CaptureOrderOutcome', {
  description: 'What became of a capture: the order, or the business reason there is none.',
  types: Object.values(outcomeTypes),
  resolveType: (outcome) => outcomeTypes[outcome.kind],
});

export interface CaptureOrderResult {
  outcome: CaptureOutcome;
  replayed: boolean;
  idempotencyKey: string;
}

export const CaptureOrderResultType = builder.objectRef<CaptureOrderResult>('CaptureOrderResult').implement({
  description:
    'The outcome of `captureOrder`, and whether it is the outcome of an earlier request with the same key.',
  fields: (t) => ({
    outcome: t.field({
      type: CaptureOrderOutcomeType,
      description: 'What became of the capture.',
      resolve: (r) => r.outcome,
    }),
    replayed: t.exposeBoolean('replayed', {
      description:
        'True when this is the kept outcome of an earlier request with the same key and input (nothing was done again).',
    }),
    idempotencyKey: t.exposeString('idempotencyKey', { description: 'The key, as sent.' }),
  }),
});
