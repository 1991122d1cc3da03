import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { everySelectedField, fieldsAtPath, rememberedPerField } from '../../../platform/graphql/selection.js';
import { linesAskedAt } from './line-selection.js';

/** The Order fields an order read for a list can answer (see `toListedOrder`). */
const listedOrderFields = new Set([
  '__typename',
  'id',
  'number',
  'status',
  'deliveryStatus',
  'invoicingStatus',
  'orderedAt',
  'customer',
  'lines',
]);

/** What a page may ask at each level besides the next one: connection, edge, node. */
const connectionFields = new Set(['__typename', 'pageInfo', 'totalCount']);
const edgeFields = new Set(['__typename', 'cursor']);

/** Whether a page of orders (connection → edges → node) asks no more of its orders than what a list shows. */
export const wantsOnlyListedOrders = rememberedPerField((page, info) => {
  const onlyListed = (field: FieldNode) => listedOrderFields.has(field.name.value);
  const edge = (field: FieldNode) =>
    edgeFields.has(field.name.value) ||
    (field.name.value === 'node' && everySelectedField(field.selectionSet, info, onlyListed, 'Order'));
  const connection = (field: FieldNode) =>
    connectionFields.has(field.name.value) ||
    (field.name.value === 'edges' && everySelectedField(field.selectionSet, info, edge));
  return everySelectedField(page.selectionSet, info, connection);
});

/** What a page of orders asks of its orders' lines (see `linesAskedAt`). */
export function linesAskedOfPage(info: GraphQLResolveInfo): 'none' | 'ordered' | 'full' {
  return linesAskedAt(fieldsAtPath(info.fieldNodes, info, ['edges', 'node', 'lines']), info);
}
