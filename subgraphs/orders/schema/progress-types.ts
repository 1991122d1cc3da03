import type { FulfillmentStep } from '../../../platform/orchestration/fulfillment-steps.js';
import { FULFILLMENT_STEPS } from '../../../platform/orchestration/fulfillment-steps.js';
import type {
  OrchestrationState,
  StepError,
  StepState,
} from '../../../platform/orchestration/orchestration-state.js';
import { builder } from '../builder.js';
import {
  OrderToCashCompensationStatusType,
  OrderToCashStatusType,
  OrderToCashStepStatusType,
  OrderToCashStepType,
} from './progress-enums.js';

const StepErrorType = builder.objectRef<StepError>('OrderToCashError').implement({
  description: 'Why an attempt failed.',
  fields: (t) => ({
    code: t.exposeString('code', {
      description:
        "A stable code: the connector's (e.g. ODOO_UNAVAILABLE) or the step's (e.g. WMS_REJECTED).",
    }),
    message: t.exposeString('message', { description: 'What happened, for people.' }),
    at: t.field({ type: 'DateTime', description: 'When.', resolve: (e) => e.at }),
  }),
});

type StepRow = StepState & { step: FulfillmentStep };

const StepProgressType = builder.objectRef<StepRow>('OrderToCashStepProgress').implement({
  description: 'One step of an order: status, attempts, last error and times.',
  fields: (t) => ({
    step: t.field({ type: OrderToCashStepType, description: 'Which step.', resolve: (s) => s.step }),
    status: t.field({
      type: OrderToCashStepStatusType,
      description: 'Where it is.',
      resolve: (s) => s.status,
    }),
    attempts: t.exposeInt('attempts', { description: 'Attempts started (a waiting step counts each look).' }),
    lastError: t.field({
      type: StepErrorType,
      nullable: true,
      description: 'The last failure, kept after a successful retry.',
      resolve: (s) => s.lastError,
    }),
    startedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'First attempt.',
      resolve: (s) => s.startedAt,
    }),
    finishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Succeeded or failed.',
      resolve: (s) => s.finishedAt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Last change.',
      resolve: (s) => s.updatedAt,
    }),
  }),
});

const FailureType = builder
  .objectRef<NonNullable<OrchestrationState['failure']>>('OrderToCashFailure')
  .implement({
    description: 'The failure that stopped an order.',
    fields: (t) => ({
      step: t.field({
        type: OrderToCashStepType,
        description: 'The step that failed.',
        resolve: (f) => f.step,
      }),
      code: t.exposeString('code', { description: 'A stable code.' }),
      message: t.exposeString('message', { description: 'What happened.' }),
      at: t.field({ type: 'DateTime', description: 'When.', resolve: (f) => f.at }),
    }),
  });

const CompensationType = builder
  .objectRef<OrchestrationState['compensation']>('OrderToCashCompensation')
  .implement({
    description: 'The undoing of what was done, after a failure.',
    fields: (t) => ({
      status: t.field({
        type: OrderToCashCompensationStatusType,
        description: 'Where it is.',
        resolve: (c) => c.status,
      }),
      actions: t.exposeStringList('actions', { description: 'What was undone, in order.' }),
      lastError: t.field({
        type: StepErrorType,
        nullable: true,
        description: 'Its last failure.',
        resolve: (c) => c.lastError,
      }),
    }),
  });

export const FulfillmentProgressType = builder
  .objectRef<OrchestrationState>('FulfillmentProgress')
  .implement({
    description: "An order's order-to-cash orchestration, step by step (internal).",
    fields: (t) => ({
      status: t.field({
        type: OrderToCashStatusType,
        description: 'Where the whole is.',
        resolve: (s) => s.status,
      }),
      currentStep: t.field({
        type: OrderToCashStepType,
        nullable: true,
        description: 'The step in progress; null once completed or failed.',
        resolve: (s) => s.currentStep,
      }),
      currentSince: t.field({
        type: 'DateTime',
        description: 'When the current step (or the compensation) began.',
        resolve: (s) => s.phaseEnteredAt,
      }),
      steps: t.field({
        type: [StepProgressType],
        description: 'Every step, in the order they run.',
        resolve: (s) => FULFILLMENT_STEPS.map((step) => ({ step, ...s.steps[step] })),
      }),
      failure: t.field({
        type: FailureType,
        nullable: true,
        description: 'Why it stopped.',
        resolve: (s) => s.failure,
      }),
      compensation: t.field({
        type: CompensationType,
        description: 'The undoing after a failure.',
        resolve: (s) => s.compensation,
      }),
      carrier: t.string({
        nullable: true,
        description: 'The carrier chosen, once rates were shopped.',
        resolve: (s) => s.facts.selection?.carrier ?? null,
      }),
      carrierChoice: t.string({
        nullable: true,
        description: 'Why that carrier (the policy rule that chose it).',
        resolve: (s) => s.facts.selection?.reason ?? null,
      }),
      trackingNumber: t.string({
        nullable: true,
        description: "The label's tracking number, once bought.",
        resolve: (s) => s.facts.label?.trackingNumber ?? null,
      }),
      startedAt: t.field({
        type: 'DateTime',
        description: 'When the orchestration began.',
        resolve: (s) => s.createdAt,
      }),
      updatedAt: t.field({ type: 'DateTime', description: 'Last change.', resolve: (s) => s.updatedAt }),
    }),
  });
