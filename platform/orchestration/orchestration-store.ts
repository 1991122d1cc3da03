import type { RedisClient } from '../redis.js';
import { STUCK_PHASES, type StuckPhase } from './fulfillment-steps.js';
import { OrchestrationError } from './orchestration-errors.js';
import { orchestrationStateSchema, type OrchestrationState } from './orchestration-state.js';
import { SAVE_STATE_SCRIPT } from './orchestration-store-script.js';

/** Where an active orchestration is for stuck detection: its current step, or the compensation. */
export function phaseOf(state: OrchestrationState): StuckPhase | null {
  if (state.status === 'COMPENSATING') return 'COMPENSATION';
  if (state.status === 'RUNNING') return state.currentStep;
  return null;
}

export interface OrchestrationStoreOptions {
  redis: RedisClient;
  /**
   * Key namespace: keys are `<namespace>:orchestration:*`. Default `dg`. On Redis Cluster give it a hash
   * tag (`{dg}`): a save touches the state and its indexes in one script.
   */
  namespace?: string;
}

/** One member of a phase index: the order and when it entered the phase (ms). */
export interface PhaseMember {
  number: string;
  enteredAtMs: number;
}

/**
 * The orchestrations' persisted state in Redis: one hash per order (its JSON and a version), a sorted
 * set per phase scored by when the order entered it (stuck detection), and a sorted set of active
 * orders scored by their last save (the sweeper's poll). Saves are compare-and-set on the version.
 */
export class OrchestrationStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(options: OrchestrationStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = `${options.namespace ?? 'dg'}:orchestration`;
  }

  #stateKey = (number: string) => `${this.#prefix}:order:${number}`;
  #activeKey = () => `${this.#prefix}:active`;
  #phaseKey = (phase: StuckPhase) => `${this.#prefix}:phase:${phase}`;

  async get(number: string): Promise<OrchestrationState | null> {
    const raw = await this.#redis.hGet(this.#stateKey(number), 'state');
    return raw ? this.#parse(number, raw) : null;
  }

  /** The states of these orders, in their order (null where there is none), in one round trip. */
  async getMany(numbers: readonly string[]): Promise<(OrchestrationState | null)[]> {
    if (numbers.length === 0) return [];
    const multi = this.#redis.multi();
    for (const number of numbers) multi.hGet(this.#stateKey(number), 'state');
    const replies = (await multi.exec()) as unknown as (string | null)[];
    return numbers.map((number, i) => (replies[i] ? this.#parse(number, replies[i]) : null));
  }

  /** Stores a new orchestration; false when one exists for the order already. */
  create(state: OrchestrationState): Promise<boolean> {
    return this.#save(state, -1);
  }

  /**
   * Saves `next` over `previous` if nobody saved in between; returns the saved state (its version one
   * higher), or null on a conflict (read again and decide again).
   */
  async replace(previous: OrchestrationState, next: OrchestrationState): Promise<OrchestrationState | null> {
    const saved = { ...next, version: previous.version + 1 };
    return (await this.#save(saved, previous.version)) ? saved : null;
  }

  /**
   * Reads, applies `change` and saves, again from a fresh read on a conflict. `change` answers the new
   * state, or null to leave the state as it is (the result is then the state read).
   */
  async update(
    number: string,
    change: (state: OrchestrationState) => OrchestrationState | null,
    attempts = 10,
  ): Promise<OrchestrationState> {
    for (let i = 0; i < attempts; i += 1) {
      const current = await this.get(number);
      if (!current) throw new OrchestrationError('ORCHESTRATION_NOT_FOUND', number);
      const next = change(current);
      if (!next) return current;
      const saved = await this.replace(current, next);
      if (saved) return saved;
    }
    throw new OrchestrationError('ORCHESTRATION_CONFLICT', number);
  }

  /** Active orders not saved for `idleMs` or longer, oldest first (at most `limit`). */
  async idleActive(idleMs: number, now: number, limit = 500): Promise<string[]> {
    return this.#redis.zRangeByScore(this.#activeKey(), '-inf', now - idleMs, {
      LIMIT: { offset: 0, count: limit },
    });
  }

  /** How many orders are in each phase and entered it at or before `enteredBy` (ms). */
  async countEnteredBy(enteredBy: Record<StuckPhase, number>): Promise<Record<StuckPhase, number>> {
    const multi = this.#redis.multi();
    for (const phase of STUCK_PHASES) multi.zCount(this.#phaseKey(phase), '-inf', enteredBy[phase]);
    const counts = (await multi.exec()) as unknown as number[];
    return Object.fromEntries(STUCK_PHASES.map((phase, i) => [phase, Number(counts[i])])) as Record<
      StuckPhase,
      number
    >;
  }

  /**
   * Up to `count` members of a phase that entered it at or before `enteredBy`, ordered by (time,
   * number), strictly after `after` when given.
   */
  async phaseMembers(
    phase: StuckPhase,
    enteredBy: number,
    count: number,
    after: PhaseMember | null,
  ): Promise<PhaseMember[]> {
    const found: PhaseMember[] = [];
    let offset = 0;
    while (found.length < count) {
      const batch = await this.#redis.zRangeWithScores(
        this.#phaseKey(phase),
        after ? after.enteredAtMs : '-inf',
        enteredBy,
        { BY: 'SCORE', LIMIT: { offset, count } },
      );
      for (const { value, score } of batch) {
        const later =
          !after || score > after.enteredAtMs || (score === after.enteredAtMs && value > after.number);
        if (later && found.length < count) found.push({ number: value, enteredAtMs: score });
      }
      if (batch.length < count) break;
      offset += batch.length;
    }
    return found;
  }

  async #save(state: OrchestrationState, expectedVersion: number): Promise<boolean> {
    const phase = phaseOf(state);
    const phaseKeys = STUCK_PHASES.map((p) => this.#phaseKey(p));
    const updated = Date.parse(state.updatedAt);
    const ok = await this.#redis.eval(SAVE_STATE_SCRIPT, {
      keys: [this.#stateKey(state.number), this.#activeKey(), ...phaseKeys],
      arguments: [
        String(expectedVersion),
        JSON.stringify(state),
        state.number,
        String(phase ? STUCK_PHASES.indexOf(phase) + 3 : 0),
        String(Date.parse(state.phaseEnteredAt)),
        phase ? '1' : '0',
        String(updated),
      ],
    });
    return ok === 1;
  }

  #parse(number: string, raw: string): OrchestrationState {
    const parsed = orchestrationStateSchema.safeParse(JSON.parse(raw));
    if (!parsed.success)
      throw new OrchestrationError('ORCHESTRATION_CORRUPT', number, { cause: parsed.error });
    return parsed.data;
  }
}
