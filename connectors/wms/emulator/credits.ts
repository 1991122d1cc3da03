/**
 * ShipHero's credit throttle: a bucket of `maxCredits` refilled continuously at `creditsPerSecond` (ShipHero:
 * 4004 and 60). A request that costs more than the bucket holds is refused with the time to wait. Runs on
 * wall-clock time, as the client waits on it.
 */
export class CreditBucket {
  #credits: number;
  #at: number;

  constructor(
    readonly maxCredits: number,
    readonly creditsPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#credits = maxCredits;
    this.#at = now();
  }

  /** Takes `cost` credits, or says how long until there are enough. */
  take(
    cost: number,
  ): { ok: true; remaining: number } | { ok: false; remaining: number; waitSeconds: number } {
    this.#refill();
    const needed = Math.min(cost, this.maxCredits);
    if (this.#credits >= needed) {
      this.#credits -= needed;
      return { ok: true, remaining: Math.floor(this.#credits) };
    }
    const waitSeconds = (needed - this.#credits) / this.creditsPerSecond;
    return { ok: false, remaining: Math.floor(this.#credits), waitSeconds };
  }

  /** Back to a full bucket. */
  refillAll(): void {
    this.#credits = this.maxCredits;
    this.#at = this.now();
  }

  #refill(): void {
    const now = this.now();
    this.#credits = Math.min(
      this.maxCredits,
      this.#credits + ((now - this.#at) / 1000) * this.creditsPerSecond,
    );
    this.#at = now;
  }
}
