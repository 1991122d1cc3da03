import type { EventHandler } from '../events/event-consumer.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { EndpointStore } from './endpoint-store.js';
import { tenantMatches } from './webhook-endpoint.js';

/**
 * The consumer-group handler that fans an event out: one job per active endpoint subscribed to its type
 * whose tenant matches (a partner's endpoint: its own tenant's events only; an internal one: all, the
 * tenant-less included). It throws when the jobs could not be queued, leaving the event pending for the
 * consumer group to hand over again; job ids keep that from queueing a delivery twice.
 */
export function webhookDispatcher(store: EndpointStore, queue: DeliveryQueue): EventHandler {
  return async (event) => {
    const endpoints = await store.subscribedTo(event.type);
    const targets = endpoints.filter((e) => e.status === 'active' && tenantMatches(e, event.tenantPartnerId));
    await queue.enqueue(targets.map((endpoint) => ({ endpointId: endpoint.id, event })));
  };
}
