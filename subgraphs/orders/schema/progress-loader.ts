import DataLoader from 'dataloader';
import type { OrchestrationState } from '../../../platform/orchestration/orchestration-state.js';
import type { FulfillmentProgressReader } from '../../../platform/orchestration/progress-reader.js';

/** A request's access to the orchestration read model: the reader, and states batched by order number. */
export interface ProgressAccess {
  reader: FulfillmentProgressReader;
  byNumber: DataLoader<string, OrchestrationState | null>;
}

/** One per request: a page of orders asking for their progress costs one Redis round trip. */
export function createProgressAccess(reader: FulfillmentProgressReader): ProgressAccess {
  return { reader, byNumber: new DataLoader((numbers) => reader.getMany(numbers)) };
}
