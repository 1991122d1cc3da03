/**
 * One circuit breaker per carrier account, for rating. EasyPost rates every account in one request and
 * reports the accounts that failed as `messages` (`rate_error`), so these breakers are fed outcomes
 * rather than wrapping calls: a rate_error saying the carrier is unavailable counts as a failure, rates
 * from the account count as a success. An open account is left out of the next requests (and reported
 * as a failure without asking) until `halfOpenMs` has passed; then one request may include it again.
 */

/** A rate_error message that says the carrier itself is down (not that the route is unserved). */
export const CARRIER_DOWN_MESSAGE =
  /unavailable|timed? ?out|temporar(y|ily)|try again|service error|connection|\b5\d\d\b/i;

export type AccountCircuit = 'closed' | 'open' | 'half-open';

interface AccountState {
  carrier: string;
  failures: number;
  openedAt: number | null;
}

export class AccountBreakers {
  readonly #accounts = new Map<string, AccountState>();

  constructor(
    private readonly threshold: number,
    private readonly halfOpenMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  state(accountId: string): AccountCircuit {
    const openedAt = this.#accounts.get(accountId)?.openedAt ?? null;
    if (openedAt === null) return 'closed';
    return this.now() - openedAt >= this.halfOpenMs ? 'half-open' : 'open';
  }

  /** Whether some account's circuit is open or half-open. */
  anyNotClosed(): boolean {
    for (const id of this.#accounts.keys()) if (this.state(id) !== 'closed') return true;
    return false;
  }

  /** The carrier name last seen for the account (for failures reported without a call). */
  carrierOf(accountId: string): string | undefined {
    return this.#accounts.get(accountId)?.carrier;
  }

  succeeded(accountId: string, carrier: string): void {
    this.#accounts.set(accountId, { carrier, failures: 0, openedAt: null });
  }

  /** Records a failure; returns true when this one opened (or re-opened) the circuit. */
  failed(accountId: string, carrier: string): boolean {
    const previous = this.#accounts.get(accountId);
    const trial = previous !== undefined && this.state(accountId) === 'half-open';
    const failures = (previous?.failures ?? 0) + 1;
    const opens = trial || failures >= this.threshold;
    const openedAt = opens ? this.now() : (previous?.openedAt ?? null);
    this.#accounts.set(accountId, { carrier, failures, openedAt });
    return opens && (trial || previous?.openedAt == null);
  }
}
