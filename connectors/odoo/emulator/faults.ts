/**
 * Fault injection: what a real Odoo behind a real network does to a client on a bad day. Configured at
 * start (`faults` option or `ODOO_EMULATOR_FAULTS` JSON) and at run time through `POST /__emulator/faults`.
 *
 * - latency: every RPC waits `fixedMs` plus a uniform random `0..jitterMs`.
 * - errorRate: the call fails before touching data with a 500 carrying `psycopg2.OperationalError`
 *   (what a client sees when PostgreSQL drops the connection); JSON-RPC wraps it in its 200 error envelope.
 * - serializationFailureRate: the call fails with `psycopg2.errors.SerializationFailure`. Odoo retries
 *   those itself (`odoo/service/model.py` `retrying`, MAX_TRIES_ON_CONCURRENCY_FAILURE = 5) and lets the
 *   last one through, so a client must be ready to retry: the failed call changed nothing.
 * - lostResponseRate: the call runs and commits, then the connection is dropped before the answer is sent:
 *   what a client sees when its timeout (or a proxy's) cuts a call that Odoo went on to complete. The
 *   client gets no answer (a reset connection) while the change is in the database; a retried create
 *   must look for what the first one made.
 * - rules: the same knobs for one model and/or method (first matching rule wins over the globals).
 * - webhookDropRate: an automation webhook is silently not sent (Odoo's are best effort, never retried).
 */
import { z } from 'zod';
import { PyException, SerializationFailure, type OdooException } from './orm/exceptions.js';
import { seededRandom } from '../../shared/seeded-random.js';

const rate = z.number().min(0).max(1);

const faultRuleSchema = z
  .object({
    model: z.string().min(1).optional(),
    method: z.string().min(1).optional(),
    errorRate: rate.optional(),
    serializationFailureRate: rate.optional(),
    lostResponseRate: rate.optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
  })
  .strict();

export const faultsSchema = z
  .object({
    latency: z
      .object({
        fixedMs: z.number().int().min(0).max(60_000).default(0),
        jitterMs: z.number().int().min(0).max(60_000).default(0),
      })
      .strict()
      .default({ fixedMs: 0, jitterMs: 0 }),
    errorRate: rate.default(0),
    serializationFailureRate: rate.default(0),
    lostResponseRate: rate.default(0),
    webhookDropRate: rate.default(0),
    rules: z.array(faultRuleSchema).default([]),
    /** Seed of the random draws; omitted means not reproducible. */
    seed: z.number().int().optional(),
  })
  .strict();

export type FaultsConfig = z.infer<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;

/** Decides, call by call, whether to slow down or fail. */
export class FaultInjector {
  private current: FaultsConfig = faultsSchema.parse({});
  private random: () => number = Math.random;

  constructor(input: FaultsInput = {}) {
    this.configure(input);
  }

  /** Replaces the configuration (throws a ZodError on bad input). */
  configure(input: FaultsInput): FaultsConfig {
    this.current = faultsSchema.parse(input);
    this.random = this.current.seed === undefined ? Math.random : seededRandom(this.current.seed);
    return this.current;
  }

  get config(): FaultsConfig {
    return this.current;
  }

  private rule(model: string, method: string) {
    return this.current.rules.find(
      (r) => (!r.model || r.model === model) && (!r.method || r.method === method),
    );
  }

  /** The latency this call gets, in milliseconds. */
  latencyFor(model: string, method: string): number {
    const { fixedMs, jitterMs } = this.current.latency;
    const extra = this.rule(model, method)?.latencyMs ?? 0;
    return fixedMs + extra + (jitterMs > 0 ? Math.floor(this.random() * (jitterMs + 1)) : 0);
  }

  /** Waits the call's latency. */
  async delay(model: string, method: string): Promise<void> {
    const ms = this.latencyFor(model, method);
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** The error to answer instead of running the call, if this call draws one. */
  failure(model: string, method: string): OdooException | undefined {
    const rule = this.rule(model, method);
    const errorRate = rule?.errorRate ?? this.current.errorRate;
    const serializationRate = rule?.serializationFailureRate ?? this.current.serializationFailureRate;
    if (serializationRate > 0 && this.random() < serializationRate) return new SerializationFailure();
    if (errorRate > 0 && this.random() < errorRate) {
      return new PyException(
        'psycopg2.OperationalError',
        'server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\n',
      );
    }
    return undefined;
  }

  /** Whether this call, once run and committed, loses its answer (the connection is dropped). */
  loseResponse(model: string, method: string): boolean {
    const lostRate = this.rule(model, method)?.lostResponseRate ?? this.current.lostResponseRate;
    return lostRate > 0 && this.random() < lostRate;
  }

  /** Whether to drop this webhook. */
  dropWebhook(): boolean {
    const rate = this.current.webhookDropRate;
    return rate > 0 && this.random() < rate;
  }
}
