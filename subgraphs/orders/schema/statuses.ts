import type { DeliveryStatus, InvoicingStatus, OrderStatus } from '../../../schema/canonical/orders.js';
import { builder } from '../builder.js';

/** Each value says which Odoo values it stands for: the mapping is part of the contract. */
export const OrderStatusType = builder.enumType('OrderStatus', {
  description: "Where an order is in its life, independent of the ERP's own states.",
  values: {
    DRAFT: { description: 'A quotation being prepared (Odoo state `draft`).' },
    QUOTATION_SENT: { description: 'A quotation sent to the customer, not yet confirmed (Odoo `sent`).' },
    CONFIRMED: {
      description:
        'Confirmed and in progress: not yet both fully delivered and fully invoiced (Odoo `sale`).',
    },
    COMPLETED: {
      description:
        'Fully delivered and fully invoiced (Odoo `sale` with delivery status `full` and invoice status `invoiced`; `done` in Odoo 16 and earlier).',
    },
    CANCELLED: { description: 'Cancelled (Odoo `cancel`).' },
  } satisfies Record<OrderStatus, { description: string }>,
});

export const DeliveryStatusType = builder.enumType('DeliveryStatus', {
  description: "How much of an order's goods have left the warehouse.",
  values: {
    NOT_DELIVERED: {
      description: 'Nothing delivered yet (Odoo delivery status `pending`, or none before confirmation).',
    },
    IN_PROGRESS: { description: 'A delivery has started but nothing is done yet (Odoo `started`).' },
    PARTIALLY_DELIVERED: { description: 'Some, not all, goods delivered (Odoo `partial`).' },
    DELIVERED: { description: 'Everything delivered (Odoo `full`).' },
  } satisfies Record<DeliveryStatus, { description: string }>,
});

export const InvoicingStatusType = builder.enumType('InvoicingStatus', {
  description: 'Whether what was ordered or delivered has been invoiced.',
  values: {
    NOTHING_TO_INVOICE: { description: 'Nothing is due for invoicing now (Odoo invoice status `no`).' },
    TO_INVOICE: { description: 'Something is ready to be invoiced (Odoo `to invoice`).' },
    INVOICED: { description: 'Everything invoiced (Odoo `invoiced`).' },
    UPSELLING: {
      description: 'More was delivered than ordered: an upselling opportunity (Odoo `upselling`).',
    },
  } satisfies Record<InvoicingStatus, { description: string }>,
});
