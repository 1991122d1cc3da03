import { STUCK_PHASES, type StuckPhase } from './fulfillment-steps.js';
import type { OrchestrationState } from './orchestration-state.js';
import type { OrchestrationStore, PhaseMember } from './orchestration-store.js';
import type { StuckLimits } from './stuck-limits.js';

/** An order stuck in a phase longer than its limit. */
export interface StuckOrder {
  state: OrchestrationState;
  phase: StuckPhase;
  enteredAt: string;
  /** How long it has been in the phase, and the limit it is over. */
  stuckForMs: number;
  limitMs: number;
  /** Opaque: the position to resume a listing after this order. */
  cursor: string;
}

export interface StuckOrderPage {
  orders: StuckOrder[];
  hasNextPage: boolean;
}

const encodeCursor = (m: PhaseMember) => Buffer.from(`${m.enteredAtMs}:${m.number}`).toString('base64url');

/** The position a cursor names; null when it is not one of ours. */
export function decodeStuckCursor(cursor: string): PhaseMember | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d+):(.+)$/.exec(text);
  return match ? { enteredAtMs: Number(match[1]), number: match[2]! } : null;
}

/**
 * The read side of the orchestrations, for the graph and for metrics: one order's progress, the orders
 * stuck longer than their phase's limit (oldest first, by cursor), and how many are stuck per phase.
 */
export class FulfillmentProgressReader {
  constructor(
    private readonly store: OrchestrationStore,
    readonly limits: StuckLimits,
    private readonly now: () => number = Date.now,
  ) {}

  get(number: string): Promise<OrchestrationState | null> {
    return this.store.get(number);
  }

  getMany(numbers: readonly string[]): Promise<(OrchestrationState | null)[]> {
    return this.store.getMany(numbers);
  }

  /** Stuck orders per phase, for metrics (one round trip). */
  stuckCounts(): Promise<Record<StuckPhase, number>> {
    return this.store.countEnteredBy(this.#deadlines(this.now()));
  }

  /** Up to `first` stuck orders after `after` (a decoded cursor), the longest in their phase first. */
  async stuck(first: number, after: PhaseMember | null): Promise<StuckOrderPage> {
    const now = this.now();
    const deadlines = this.#deadlines(now);
    const members = (
      await Promise.all(
        STUCK_PHASES.map(async (phase) =>
          (await this.store.phaseMembers(phase, deadlines[phase], first + 1, after)).map((m) => ({
            ...m,
            phase,
          })),
        ),
      )
    )
      .flat()
      .sort((a, b) => a.enteredAtMs - b.enteredAtMs || (a.number < b.number ? -1 : 1));
    const page = members.slice(0, first);
    const states = await this.store.getMany(page.map((m) => m.number));
    const orders = page.flatMap((m, i) => {
      const state = states[i];
      if (!state) return [];
      return [
        {
          state,
          phase: m.phase,
          enteredAt: new Date(m.enteredAtMs).toISOString(),
          stuckForMs: now - m.enteredAtMs,
          limitMs: this.limits[m.phase],
          cursor: encodeCursor(m),
        },
      ];
    });
    return { orders, hasNextPage: members.length > first };
  }

  #deadlines(now: number): Record<StuckPhase, number> {
    return Object.fromEntries(STUCK_PHASES.map((p) => [p, now - this.limits[p]])) as Record<
      StuckPhase,
      number
    >;
  }
}
