/** Which fields a query selects under the field being resolved, through fragments of both kinds. */
import { describe, expect, it } from '@jest/globals';
import {
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { selectedFieldNames } from '../../../platform/graphql/selection.js';

function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const order = operation.selectionSet.selections[0] as FieldNode;
  const shipments = order.selectionSet!.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  return { fieldNodes: shipments.filter((s) => s.name.value === 'shipments'), fragments };
}

describe('selectedFieldNames', () => {
  it('names the fields of the field being resolved, not those below them', () => {
    const info = infoOf('{ order { shipments { trackingNumber status events { message } } } }');
    expect([...selectedFieldNames(info)].sort()).toEqual(['events', 'status', 'trackingNumber']);
  });

  it('follows inline fragments, named fragments (once) and every node of a repeated field', () => {
    const info = infoOf(`{ order {
      shipments { carrier ... on Shipment { status } ...Label ...Label }
      shipments { updatedAt @include(if: false) }
    } }
    fragment Label on Shipment { label { url } ...More }
    fragment More on Shipment { service ...Label }`);
    expect([...selectedFieldNames(info)].sort()).toEqual([
      'carrier',
      'label',
      'service',
      'status',
      'updatedAt',
    ]);
  });
});
