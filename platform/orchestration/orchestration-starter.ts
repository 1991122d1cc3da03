import {
  newOrchestrationState,
  orchestrationInputSchema,
  type OrchestrationInput,
  type OrchestrationState,
} from './orchestration-state.js';
import type { OrchestrationQueue } from './orchestration-queue.js';
import type { OrchestrationStore } from './orchestration-store.js';

/** Queues whatever the state says comes next: the current step, or the compensation. */
export async function queueCurrent(queue: OrchestrationQueue, state: OrchestrationState): Promise<void> {
  if (state.status === 'RUNNING' && state.currentStep) await queue.ensure(state.number, state.currentStep);
  if (state.status === 'COMPENSATING') await queue.ensure(state.number, 'COMPENSATE');
}

/**
 * Starts the order-to-cash orchestration of a captured order: saves its first state and queues its first
 * step, for whichever worker takes it. Needs only the store and the queue, so the process that captures
 * orders (the orders subgraph) can start orchestrations without running a worker. At least once per
 * order is safe: an order already started keeps its state, and its current step is queued again (once).
 */
export async function startOrchestration(
  deps: { store: OrchestrationStore; queue: OrchestrationQueue },
  input: OrchestrationInput,
): Promise<OrchestrationState> {
  const parsed = orchestrationInputSchema.parse(input);
  await deps.store.create(newOrchestrationState(parsed, new Date()));
  const state = await deps.store.get(parsed.number);
  if (!state) throw new Error(`orchestration of ${parsed.number} vanished after it was created`);
  await queueCurrent(deps.queue, state);
  return state;
}
