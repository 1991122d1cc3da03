import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis.js';
import { sha256Hex } from './canonical-fingerprint.js';
import { BEGIN_SCRIPT, COMPLETE_SCRIPT, RELEASE_SCRIPT, RENEW_SCRIPT } from './idempotency-scripts.js';

const HOUR_MS = 60 * 60 * 1000;

export interface IdempotencyStoreOptions {
  redis: RedisClient;
  /** Key prefix. Default `dg`. */
  namespace?: string;
  /** How long an outcome is kept after it is recorded; at least 24 h. Default 24 h. */
  retentionMs?: number;
  /** How long a running attempt holds its key without renewing; it renews every third of it. Default 30 s. */
  leaseMs?: number;
}

/** Where an idempotency key stands. */
export type IdempotencyBegin =
  | { state: 'started'; token: string }
  | { state: 'done'; outcome: unknown; completedAt: string }
  | { state: 'running' }
  | { state: 'mismatch' };

/** Which key: the operation, the principal's scope (tenant or internal principal) and the client's key. */
export interface IdempotencySlot {
  operation: string;
  scope: string;
  key: string;
}

/**
 * Idempotency records in Redis (IETF Idempotency-Key draft, Stripe's semantics): a key is bound to the
 * fingerprint of its first request; while that request runs the key is leased (SET NX semantics through
 * one Lua script, expiring if the process dies); its outcome is then kept for the retention.
 */
export class IdempotencyStore {
  readonly #redis: RedisClient;
  readonly #namespace: string;
  readonly retentionMs: number;
  readonly leaseMs: number;

  constructor(options: IdempotencyStoreOptions) {
    this.#redis = options.redis;
    this.#namespace = options.namespace ?? 'dg';
    this.retentionMs = options.retentionMs ?? 24 * HOUR_MS;
    this.leaseMs = options.leaseMs ?? 30_000;
    if (this.retentionMs < 24 * HOUR_MS) throw new Error('idempotency retentionMs must be at least 24 h');
    if (this.leaseMs < 1000) throw new Error('idempotency leaseMs must be at least 1 s');
  }

  /** The Redis key of a slot; the client's key is hashed, so any length or character is harmless. */
  keyOf(slot: IdempotencySlot): string {
    return `${this.#namespace}:idempotency:${slot.operation}:${slot.scope}:${sha256Hex(slot.key)}`;
  }

  async begin(slot: IdempotencySlot, fingerprint: string): Promise<IdempotencyBegin> {
    const token = randomUUID();
    const reply = (await this.#redis.eval(BEGIN_SCRIPT, {
      keys: [this.keyOf(slot)],
      arguments: [fingerprint, token, String(this.leaseMs), new Date().toISOString()],
    })) as [string, string?, string?];
    switch (reply[0]) {
      case 'started':
        return { state: 'started', token };
      case 'done':
        return {
          state: 'done',
          outcome: JSON.parse(reply[1] ?? 'null') as unknown,
          completedAt: reply[2] ?? '',
        };
      case 'mismatch':
        return { state: 'mismatch' };
      default:
        return { state: 'running' };
    }
  }

  /** Records the outcome of the attempt holding `token`; false when another attempt holds the key now. */
  async complete(
    slot: IdempotencySlot,
    token: string,
    fingerprint: string,
    outcome: unknown,
  ): Promise<boolean> {
    const recorded = await this.#redis.eval(COMPLETE_SCRIPT, {
      keys: [this.keyOf(slot)],
      arguments: [
        token,
        fingerprint,
        JSON.stringify(outcome),
        String(this.retentionMs),
        new Date().toISOString(),
      ],
    });
    return recorded === 1;
  }

  /** Extends the attempt's lease; false when it is no longer this attempt's. */
  async renew(slot: IdempotencySlot, token: string): Promise<boolean> {
    return (
      (await this.#redis.eval(RENEW_SCRIPT, {
        keys: [this.keyOf(slot)],
        arguments: [token, String(this.leaseMs)],
      })) === 1
    );
  }

  /** Forgets a running attempt that produced no outcome, so that a retry runs afresh. */
  async release(slot: IdempotencySlot, token: string): Promise<void> {
    await this.#redis.eval(RELEASE_SCRIPT, { keys: [this.keyOf(slot)], arguments: [token] });
  }
}
