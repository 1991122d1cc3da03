import { builder } from '../builder.js';

/** Each step with what it does (shared by the step and phase enums). */
const STEP_VALUES = {
  CREDIT_CHECK: { description: "Open balance plus this order against the customer's credit limit." },
  CONFIRM_ORDER: { description: 'The sale order confirmed in Odoo, reserving its stock.' },
  RELEASE_TO_WMS: { description: 'The order released to the warehouse management system.' },
  AWAIT_PACKED: { description: 'Waiting for the warehouse to pack the order.' },
  SELECT_CARRIER: { description: 'Rate shopping under the configured policy.' },
  BUY_LABEL: { description: 'The chosen rate bought: label and tracking number.' },
  AWAIT_SHIPPED: { description: 'Waiting for the warehouse to ship the parcel.' },
  VALIDATE_DELIVERY: { description: 'The delivery validated in Odoo with the tracking number.' },
  POST_INVOICE: { description: 'The invoice created and posted in Odoo.' },
  NOTIFY_PARTNER: { description: 'The partner notified (an `order.fulfilled` event).' },
} as const;

export const OrderToCashStepType = builder.enumType('OrderToCashStep', {
  description: 'A step of the order-to-cash orchestration, in the order they run.',
  values: STEP_VALUES,
});

export const OrderToCashPhaseType = builder.enumType('OrderToCashPhase', {
  description: 'Where an order can be stuck: a step, or the compensation after a failure.',
  values: { ...STEP_VALUES, COMPENSATION: { description: 'Undoing the steps after a failure.' } },
});

export const OrderToCashStepStatusType = builder.enumType('OrderToCashStepStatus', {
  description: 'Where a step is.',
  values: {
    PENDING: { description: 'Not reached yet.' },
    RUNNING: { description: 'An attempt is in progress.' },
    WAITING: { description: 'Waiting for the warehouse (not an error).' },
    RETRYING: { description: 'The last attempt failed transiently; another follows with backoff.' },
    SUCCEEDED: { description: 'Done.' },
    FAILED: { description: 'Failed for good; see `lastError`.' },
    COMPENSATED: { description: 'It had run and was undone after a later failure.' },
  },
});

export const OrderToCashStatusType = builder.enumType('OrderToCashStatus', {
  description: "Where an order's orchestration is.",
  values: {
    RUNNING: { description: 'Steps in progress.' },
    COMPENSATING: { description: 'A step failed for good; what was done is being undone.' },
    COMPLETED: { description: 'Every step succeeded.' },
    FAILED: { description: 'Stopped; `failure` says why (compensated, or past the point it can be).' },
  },
});

export const OrderToCashCompensationStatusType = builder.enumType('OrderToCashCompensationStatus', {
  description: 'Whether what was done has been undone.',
  values: {
    NOT_NEEDED: {
      description: 'Nothing failed, or the failure came after the goods left (an operator acts).',
    },
    RUNNING: { description: 'Undoing.' },
    DONE: {
      description: 'Undone: label voided, WMS order cancelled, Odoo order cancelled with its stock released.',
    },
    FAILED: { description: 'Undoing failed for good; `lastError` says why.' },
  },
});

export const OrderProgressType = builder.enumType('OrderProgress', {
  description: "An order's progress as a partner sees it.",
  values: {
    RECEIVED: { description: 'Received; being checked.' },
    ACCEPTED: { description: 'Accepted and confirmed.' },
    IN_FULFILLMENT: { description: 'In the warehouse.' },
    SHIPPED: { description: 'The parcel has left.' },
    COMPLETED: { description: 'Delivered and invoiced.' },
    CANCELLED: { description: 'Stopped and cancelled.' },
  },
});
