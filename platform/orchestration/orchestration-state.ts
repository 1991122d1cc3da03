import { z } from 'zod';
import {
  FULFILLMENT_STEPS,
  ORCHESTRATION_STATUSES,
  STEP_STATUSES,
  type FulfillmentStep,
} from './fulfillment-steps.js';

const isoTime = z.iso.datetime();

/** Why an attempt failed: a stable code (the connector's, or the step's own) and a message. */
export const stepErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  at: isoTime,
});
export type StepError = z.infer<typeof stepErrorSchema>;

export const stepStateSchema = z.object({
  status: z.enum(STEP_STATUSES),
  /** Attempts started (a WAITING step counts each look at the WMS). */
  attempts: z.number().int().min(0),
  lastError: stepErrorSchema.nullable(),
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  updatedAt: isoTime.nullable(),
});
export type StepState = z.infer<typeof stepStateSchema>;

/**
 * What the steps learnt and did, so that a later step (or a restarted one) reads it instead of doing
 * the work again: the key of every idempotency check after a crash.
 */
export const orchestrationFactsSchema = z.object({
  credit: z.object({ limit: z.string().nullable(), exposure: z.string(), skipped: z.boolean() }).optional(),
  confirmedInOdoo: z.boolean().optional(),
  wmsOrderId: z.string().optional(),
  warehouseCode: z.string().optional(),
  selection: z
    .object({
      carrierShipmentId: z.string(),
      rateId: z.string(),
      carrier: z.string(),
      service: z.string(),
      price: z.object({ amount: z.string(), currency: z.string() }),
      reason: z.string(),
    })
    .optional(),
  label: z
    .object({ carrierShipmentId: z.string(), trackingNumber: z.string(), carrier: z.string() })
    .optional(),
  pickingIds: z.array(z.number().int()).optional(),
  invoiceIds: z.array(z.number().int()).optional(),
  notificationEventId: z.string().optional(),
});
export type OrchestrationFacts = z.infer<typeof orchestrationFactsSchema>;

/** The persisted state of one order's orchestration (one Redis hash per order number). */
export const orchestrationStateSchema = z.object({
  number: z.string().min(1),
  odooId: z.number().int().positive(),
  tenantPartnerId: z.number().int().positive().nullable(),
  status: z.enum(ORCHESTRATION_STATUSES),
  /** The step in progress; null once COMPLETED or FAILED. */
  currentStep: z.enum(FULFILLMENT_STEPS).nullable(),
  /** When the current step (or the compensation) began: what stuck detection measures. */
  phaseEnteredAt: isoTime,
  steps: z.record(z.enum(FULFILLMENT_STEPS), stepStateSchema),
  facts: orchestrationFactsSchema,
  failure: z
    .object({ step: z.enum(FULFILLMENT_STEPS), code: z.string(), message: z.string(), at: isoTime })
    .nullable(),
  compensation: z.object({
    status: z.enum(['NOT_NEEDED', 'RUNNING', 'DONE', 'FAILED']),
    /** What was undone, in order (e.g. `label voided`, `WMS order cancelled`). */
    actions: z.array(z.string()),
    lastError: stepErrorSchema.nullable(),
  }),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Incremented by every save; a save that does not start from the stored version is refused. */
  version: z.number().int().min(0),
});
export type OrchestrationState = z.infer<typeof orchestrationStateSchema>;

/** What starts an orchestration: the order captured in Odoo and the partner it belongs to. */
export const orchestrationInputSchema = z.object({
  number: z.string().min(1).max(200),
  odooId: z.number().int().positive(),
  tenantPartnerId: z.number().int().positive().nullable(),
});
export type OrchestrationInput = z.infer<typeof orchestrationInputSchema>;

/** A fresh state: every step PENDING, the first one current. */
export function newOrchestrationState(input: OrchestrationInput, now: Date): OrchestrationState {
  const at = now.toISOString();
  const pending: StepState = {
    status: 'PENDING',
    attempts: 0,
    lastError: null,
    startedAt: null,
    finishedAt: null,
    updatedAt: null,
  };
  return {
    ...orchestrationInputSchema.parse(input),
    status: 'RUNNING',
    currentStep: FULFILLMENT_STEPS[0],
    phaseEnteredAt: at,
    steps: Object.fromEntries(FULFILLMENT_STEPS.map((s) => [s, { ...pending }])) as Record<
      FulfillmentStep,
      StepState
    >,
    facts: {},
    failure: null,
    compensation: { status: 'NOT_NEEDED', actions: [], lastError: null },
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
}
