import { Counter, Histogram, type Registry } from 'prom-client';
import { webhookDeliveryChannel, type WebhookDelivery } from './channels.js';
import { LATENCY_BUCKETS } from './graphql-metrics.js';

/**
 * Partner webhook delivery attempts, fed by the delivery worker's `dg:webhook-delivery` channel:
 * `dg_webhook_deliveries_total{outcome}` and `dg_webhook_delivery_duration_seconds{outcome}`.
 * Returns the function that stops listening.
 */
export function registerWebhookMetrics(registry: Registry): () => void {
  const deliveries = new Counter({
    name: 'dg_webhook_deliveries_total',
    help: 'Partner webhook delivery attempts by outcome (delivered, retrying, dead_lettered, gone, skipped).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'dg_webhook_delivery_duration_seconds',
    help: 'Time partner endpoints took to answer a delivery attempt, in seconds, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const onDelivery = (message: unknown) => {
    const delivery = message as WebhookDelivery;
    deliveries.inc({ outcome: delivery.outcome });
    duration.observe({ outcome: delivery.outcome }, delivery.durationMs / 1000);
  };
  webhookDeliveryChannel.subscribe(onDelivery);
  return () => webhookDeliveryChannel.unsubscribe(onDelivery);
}
