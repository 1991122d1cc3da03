/**
 * What the connectors, the webhook worker and the caches report, as Node diagnostics channels: the
 * producers publish without knowing who listens (nothing is built when nobody does), and the process
 * metrics subscribe. One process, one set of channels, however many clients it creates.
 */
import { channel } from 'node:diagnostics_channel';

/** The external systems the connectors reach. */
export type ConnectedSystem = 'odoo' | 'wms' | 'carrier';

/** A circuit breaker's state, as the metrics name it. */
export type CircuitName = 'closed' | 'half-open' | 'open';

/** One attempt of one call to a connected system. */
export interface ConnectorCall {
  system: ConnectedSystem;
  /** Bounded by code: `sale.order.search_read`, `order_create`, `POST /v2/shipments/:id/buy`. */
  method: string;
  /** `ok` or the connector's error code (`ODOO_UNAVAILABLE`, `WMS_THROTTLED`...). */
  outcome: string;
  durationMs: number;
  /** The client's breaker after this attempt. */
  circuit: CircuitName;
}

/** One attempt to deliver a partner webhook. */
export interface WebhookDelivery {
  /** `delivered`, `retrying`, `dead_lettered`, `gone`, `skipped`. */
  outcome: string;
  durationMs: number;
}

/** Lookups of a cache: `type` names what is cached (`product`, `order`, `response`...). */
export interface CacheLookup {
  cache: string;
  type: string;
  result: 'hit' | 'miss';
  /** Lookups this report stands for. Default 1. */
  count?: number;
}

export const connectorCallChannel = channel('dg:connector-call');
export const webhookDeliveryChannel = channel('dg:webhook-delivery');
export const cacheLookupChannel = channel('dg:cache-lookup');

export function publishConnectorCall(call: ConnectorCall): void {
  if (connectorCallChannel.hasSubscribers) connectorCallChannel.publish(call);
}

export function publishWebhookDelivery(delivery: WebhookDelivery): void {
  if (webhookDeliveryChannel.hasSubscribers) webhookDeliveryChannel.publish(delivery);
}

export function publishCacheLookup(lookup: CacheLookup): void {
  if (cacheLookupChannel.hasSubscribers) cacheLookupChannel.publish(lookup);
}
