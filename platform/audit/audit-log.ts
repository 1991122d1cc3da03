import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { RedisClient } from '../redis.js';
import type { AuditEvent } from './audit-event.js';

export interface AuditLogOptions {
  /** Every event is logged at info with `audit: true`. Required. */
  logger: Logger;
  /** Where events are appended as a stream; default none (the log only). */
  redis?: RedisClient;
  /** The stream's key. Default `dg:audit`. */
  stream?: string;
  /** Approximate length the stream is trimmed to (`MAXLEN ~`). Default 100,000. */
  maxLength?: number;
}

/** An event before the log gives it its id and time. */
export type NewAuditEvent = Omit<AuditEvent, 'id' | 'time'>;

/** The stream entry's fields: flat strings, the nested parts as JSON. */
function streamFields(event: AuditEvent): Record<string, string> {
  return {
    id: event.id,
    time: event.time,
    principalKind: event.principal.kind,
    principalId: event.principal.id ?? '',
    tenant: event.principal.tenant === null ? '' : String(event.principal.tenant),
    keyPrefix: event.keyPrefix ?? '',
    operationName: event.operation.name ?? '',
    operationType: event.operation.type ?? '',
    outcome: event.outcome,
    code: event.code ?? '',
    reason: event.reason ?? '',
    entities: JSON.stringify(event.entities),
    correlationId: event.correlationId ?? '',
    clientAddress: event.clientAddress ?? '',
  };
}

/**
 * The audit trail: each event goes to the structured log and, when Redis is configured, to the stream
 * `dg:audit` (XADD, trimmed to about `maxLength` entries). A failed XADD is logged as an error with the
 * event, so nothing is lost silently; the request it describes is not failed for it.
 */
export class AuditLog {
  readonly #logger: Logger;
  readonly #redis: RedisClient | undefined;
  readonly #stream: string;
  readonly #maxLength: number;

  constructor(options: AuditLogOptions) {
    this.#logger = options.logger;
    this.#redis = options.redis;
    this.#stream = options.stream ?? 'dg:audit';
    this.#maxLength = options.maxLength ?? 100_000;
  }

  /** Where events are kept besides the log, for the start-up summary. */
  get destination(): string {
    return this.#redis ? `redis stream ${this.#stream}` : 'log only';
  }

  async record(input: NewAuditEvent): Promise<AuditEvent> {
    const event: AuditEvent = { id: randomUUID(), time: new Date().toISOString(), ...input };
    this.#logger.info({ audit: true, event }, 'audit');
    if (!this.#redis) return event;
    try {
      await this.#redis.xAdd(this.#stream, '*', streamFields(event), {
        TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.#maxLength },
      });
    } catch (error) {
      this.#logger.error({ err: error, audit: true, event }, 'audit event not written to Redis');
    }
    return event;
  }
}
