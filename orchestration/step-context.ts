import type { CarrierClient } from '../connectors/carrier/client.js';
import type { OdooClient } from '../connectors/odoo/client.js';
import type { WmsClient } from '../connectors/wms/client.js';
import type { EventLog } from '../platform/events/event-log.js';
import type { Logger } from '../platform/logger.js';
import type { FulfillmentStep } from '../platform/orchestration/fulfillment-steps.js';
import type {
  OrchestrationFacts,
  OrchestrationState,
} from '../platform/orchestration/orchestration-state.js';
import type { PostalAddress } from '../schema/canonical/shipping.js';
import type { ParcelRule } from './orchestration-config.js';
import type { RatePolicy } from './rate-policy.js';

/** The systems and settings every step works with (one per orchestrator). */
export interface StepServices {
  odoo: OdooClient;
  wms: WmsClient;
  carrier: CarrierClient;
  events: EventLog;
  ratePolicy: RatePolicy;
  origins: Record<string, PostalAddress>;
  parcel: ParcelRule;
  logger: Logger;
}

/** What a step gets: the services and the order's state as it was when the attempt began. */
export interface StepContext extends StepServices {
  state: OrchestrationState;
}

/**
 * done: the step's effect is in place (`facts` are merged into the state before the next step starts).
 * wait: nothing to do yet (the WMS has not packed or shipped): look again after the poll interval or
 * when an event says so.
 */
export type StepOutcome =
  { kind: 'done'; facts?: Partial<OrchestrationFacts> } | { kind: 'wait'; note: string };

/**
 * One step. `run` must be idempotent: it may run again after a crash at any point, so it first looks at
 * what the target system (or the facts) say is done, and only does what is missing.
 */
export interface StepDefinition {
  name: FulfillmentStep;
  run(context: StepContext): Promise<StepOutcome>;
}
