import { CarrierError } from '../connectors/carrier/errors.js';
import { OdooError } from '../connectors/odoo/errors.js';
import { WmsError } from '../connectors/wms/errors.js';
import { EventError } from '../platform/events/event-errors.js';
import { OrchestrationError } from '../platform/orchestration/orchestration-errors.js';

/** The orchestration's own failure codes (connector failures keep their connectors' codes). */
export const STEP_FAILURE_CODES = {
  CREDIT_LIMIT_EXCEEDED: "The customer's open balance plus this order is over its credit limit.",
  ORDER_NOT_FOUND: 'The sale order is not in Odoo (any longer).',
  ORDER_CANCELLED: 'The sale order was cancelled in Odoo while it was being fulfilled.',
  ORDER_INCOMPLETE: 'The order lacks what fulfilment needs: a warehouse, a ship-to address, SKUs.',
  WMS_REJECTED: 'The WMS refused the order (its validation failed).',
  WMS_CANCELLED: 'The warehouse cancelled the order.',
  NO_RATE: 'No carrier offers a rate within the promised service level under the policy.',
  CARRIERS_UNAVAILABLE: 'Every carrier the policy allows is down; retried.',
  NOTHING_TO_INVOICE: 'Odoo found nothing to invoice on the delivered order.',
  INTERNAL: 'An unexpected error; retried like a transient failure, then failed.',
} as const;

export type StepFailureCode = keyof typeof STEP_FAILURE_CODES;

/** A step's own failure: `transient` ones are retried with backoff, the others fail the step at once. */
export class StepFailure extends Error {
  readonly code: StepFailureCode;
  readonly transient: boolean;

  constructor(
    code: StepFailureCode,
    message: string,
    options: { transient?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StepFailure';
    this.code = code;
    this.transient = options.transient ?? false;
  }
}

/** A thrown value as the orchestration records and judges it. */
export interface ClassifiedFailure {
  code: string;
  message: string;
  transient: boolean;
}

const TRANSIENT_CODES = new Set([
  'ODOO_CIRCUIT_OPEN',
  'WMS_CIRCUIT_OPEN',
  'WMS_THROTTLED',
  'CARRIER_CIRCUIT_OPEN',
  'CARRIER_RATE_LIMITED',
]);

/**
 * The one place thrown values become failures. Transient: what the connectors call retryable, plus
 * open circuits and throttling (a pause fixes them), Redis hiccups and anything unexpected (bounded by
 * the attempts). Permanent: a system refused the operation itself (validation, missing record, access).
 */
export function classifyFailure(error: unknown): ClassifiedFailure {
  if (error instanceof StepFailure)
    return { code: error.code, message: error.message, transient: error.transient };
  if (error instanceof OdooError || error instanceof WmsError || error instanceof CarrierError)
    return {
      code: error.code,
      message: error.message,
      transient: error.retryable || TRANSIENT_CODES.has(error.code),
    };
  if (error instanceof EventError) return { code: error.code, message: error.message, transient: true };
  if (error instanceof OrchestrationError)
    return { code: error.code, message: error.message, transient: error.code === 'ORCHESTRATION_CONFLICT' };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message, transient: true };
}
