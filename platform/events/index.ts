export {
  canonicalEventSchema,
  eventSources,
  eventTypes,
  newEventSchema,
  streamIdSchema,
  type CanonicalEvent,
  type EventSource,
  type EventType,
  type NewEvent,
} from './canonical-event.js';
export type { DeadLetter } from './dead-letters.js';
export { EventConsumer, type EventConsumerOptions, type EventHandler } from './event-consumer.js';
export { EventError, eventErrorCatalogue, type EventErrorCode } from './event-errors.js';
export {
  EventLog,
  type AppendOptions,
  type EventLogOptions,
  type ReadOptions,
  type SubscribeOptions,
} from './event-log.js';
export {
  eventDataOf,
  eventDataSchemas,
  fulfillmentUpdatedData,
  orderStatusChangedData,
  shipmentUpdatedData,
  stockChangedData,
  type EventData,
} from './event-data.js';
export { EventHub, type EventHubOptions, type HubSubscription } from './event-hub.js';
export { openEventHub, type OpenedEventHub } from './open-event-hub.js';
