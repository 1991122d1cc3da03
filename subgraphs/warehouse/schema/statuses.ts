import type { FulfillmentStatus } from '../../../schema/canonical/fulfillment.js';
import { builder } from '../builder.js';

export const FulfillmentStatusType = builder.enumType('FulfillmentStatus', {
  description: 'Where an order is in the warehouse, independent of the WMS’s own states.',
  values: {
    RECEIVED: { description: 'The WMS has the order; no stock is allocated yet.' },
    ALLOCATED: { description: 'Stock is allocated in a warehouse: the order is released for picking.' },
    PICKED: { description: 'Every line is picked.' },
    PACKED: { description: 'Packed out, waiting for the carrier.' },
    SHIPPED: { description: 'Handed to the carrier; see the packages and the shipments.' },
    ON_HOLD: { description: 'Held, e.g. after a short pick waiting for stock; `holdReason` says why.' },
    CANCELLED: { description: 'Cancelled in the warehouse; nothing will ship.' },
  } satisfies Record<FulfillmentStatus, { description: string }>,
});
