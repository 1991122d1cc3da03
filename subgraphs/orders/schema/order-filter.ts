import { fromGlobalId } from '../../../schema/canonical/global-id.js';
import type { OrderFilter } from '../../../schema/canonical/orders.js';
import { builder } from '../builder.js';
import type { Issue } from '../../../platform/graphql/input-issues.js';
import { OrderStatusType } from './statuses.js';

export const OrderFilterInput = builder.inputType('OrderFilter', {
  description: 'Narrows a list of orders; all given conditions must hold.',
  fields: (t) => ({
    status: t.field({
      type: [OrderStatusType],
      required: false,
      description: 'Orders in any of these statuses (at least one).',
    }),
    customerId: t.id({ required: false, description: 'Orders of this customer.' }),
    orderedAfter: t.field({
      type: 'DateTime',
      required: false,
      description: 'Orders placed at or after this instant.',
    }),
    orderedBefore: t.field({
      type: 'DateTime',
      required: false,
      description: 'Orders placed before this instant.',
    }),
    customerReference: t.string({
      required: false,
      description: "Orders with exactly this customer's reference (PO number).",
    }),
  }),
});

type FilterArgs = typeof OrderFilterInput.$inferInput;

/** The canonical filter for `input`, adding a problem per bad field to `issues`. */
export function parseOrderFilter(input: FilterArgs | null | undefined, issues: Issue[]): OrderFilter {
  if (!input) return {};
  const filter: OrderFilter = {};
  if (input.status) {
    if (input.status.length === 0) issues.push({ argument: 'filter.status', message: 'must not be empty' });
    filter.statuses = input.status;
  }
  if (input.customerId) {
    const rowId = fromGlobalId('Customer', input.customerId);
    if (rowId === null) issues.push({ argument: 'filter.customerId', message: 'not a customer id' });
    else filter.customerRowId = rowId;
  }
  if (input.orderedAfter) filter.orderedAfter = input.orderedAfter;
  if (input.orderedBefore) filter.orderedBefore = input.orderedBefore;
  if (
    input.orderedAfter &&
    input.orderedBefore &&
    Date.parse(input.orderedAfter) >= Date.parse(input.orderedBefore)
  ) {
    issues.push({ argument: 'filter.orderedBefore', message: 'must be later than filter.orderedAfter' });
  }
  if (input.customerReference) filter.customerReference = input.customerReference;
  return filter;
}
