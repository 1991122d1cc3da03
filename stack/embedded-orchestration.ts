/**
 * The order-to-cash orchestration inside the embedded stack: its own Odoo, WMS and carrier clients (as
 * its own process would have), state and queue beside the stack's event stream, and the read model the
 * orders subgraph serves progress from.
 */
import type { CarrierClient } from '../connectors/carrier/client.js';
import type { OdooClient } from '../connectors/odoo/client.js';
import type { WmsClient } from '../connectors/wms/client.js';
import type { Logger } from '../platform/logger.js';
import {
  loadOrchestrationSettings,
  orchestrationTuningSchema,
  type OrchestrationSettings,
  type OrchestrationTuningInput,
} from '../orchestration/orchestration-config.js';
import { startOrchestrator, type RunningOrchestrator } from '../orchestration/orchestrator.js';
import { ratePolicySchema, type RatePolicyInput } from '../orchestration/rate-policy.js';
import type { StuckLimits } from '../platform/orchestration/stuck-limits.js';

export interface EmbeddedOrchestrationOptions {
  redisUrl: string;
  /** The stack's event stream; the state and queue keys live under `<stream>:dg` (default `dg`). */
  stream?: string;
  /** The entity cache's namespace, whose entries its events evict. */
  cacheNamespace?: string;
  /** The gateway response cache's namespace. */
  responseCacheNamespace?: string;
  odoo: OdooClient;
  wms: WmsClient;
  carrier: CarrierClient;
  /** Overrides of the tuning (tests shorten polls, locks and backoff). */
  tuning?: OrchestrationTuningInput;
  ratePolicy?: RatePolicyInput;
  stuckLimits?: Partial<StuckLimits>;
  logger: Logger;
}

export function startEmbeddedOrchestration(
  options: EmbeddedOrchestrationOptions,
): Promise<RunningOrchestrator> {
  const defaults = loadOrchestrationSettings({});
  const settings: OrchestrationSettings = {
    tuning: orchestrationTuningSchema.parse(options.tuning ?? {}),
    ratePolicy: ratePolicySchema.parse(options.ratePolicy ?? {}),
    stuckLimits: { ...defaults.stuckLimits, ...options.stuckLimits },
    origins: defaults.origins,
  };
  return startOrchestrator({
    redisUrl: options.redisUrl,
    namespace: options.stream ? `${options.stream}:dg` : 'dg',
    ...(options.stream ? { stream: options.stream } : {}),
    ...(options.cacheNamespace ? { cacheNamespace: options.cacheNamespace } : {}),
    ...(options.responseCacheNamespace ? { responseCacheNamespace: options.responseCacheNamespace } : {}),
    odoo: options.odoo,
    wms: options.wms,
    carrier: options.carrier,
    settings,
    logger: options.logger,
  });
}
