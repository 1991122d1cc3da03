import type { FulfillmentStep } from '../../platform/orchestration/fulfillment-steps.js';
import type { StepDefinition } from '../step-context.js';
import { awaitPacked, awaitShipped } from './await-wms.js';
import { buyLabel } from './buy-label.js';
import { confirmOrder } from './confirm-order.js';
import { creditCheck } from './credit-check.js';
import { notifyPartner } from './notify-partner.js';
import { postInvoice } from './post-invoice.js';
import { releaseToWms } from './release-to-wms.js';
import { selectCarrier } from './select-carrier.js';
import { validateDelivery } from './validate-delivery.js';

/** Every step's definition by name (the order lives in FULFILLMENT_STEPS). */
export const STEP_DEFINITIONS: Record<FulfillmentStep, StepDefinition> = {
  CREDIT_CHECK: creditCheck,
  CONFIRM_ORDER: confirmOrder,
  RELEASE_TO_WMS: releaseToWms,
  AWAIT_PACKED: awaitPacked,
  SELECT_CARRIER: selectCarrier,
  BUY_LABEL: buyLabel,
  AWAIT_SHIPPED: awaitShipped,
  VALIDATE_DELIVERY: validateDelivery,
  POST_INVOICE: postInvoice,
  NOTIFY_PARTNER: notifyPartner,
};
