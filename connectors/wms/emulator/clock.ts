/**
 * The emulator's clock: real time, shifted or frozen by tests and the demo seeder. Order progression reads
 * it; every change notifies the listeners so that steps now due happen at once.
 */
export class EmulatorClock {
  #frozen: number | null = null;
  #offsetMs = 0;
  readonly #listeners = new Set<() => void>();

  /** Milliseconds since the epoch. */
  now(): number {
    return this.#frozen ?? Date.now() + this.#offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  get isFrozen(): boolean {
    return this.#frozen !== null;
  }

  /** Freezes the clock at `at` (ISO 8601), or lets it run again in real time from now with `null`. */
  set(at: string | null): void {
    if (at === null) {
      this.#frozen = null;
      this.#offsetMs = 0;
    } else {
      const ms = Date.parse(at);
      if (Number.isNaN(ms)) throw new Error(`Invalid time for the clock: ${at}`);
      this.#frozen = ms;
    }
    this.#changed();
  }

  /** Moves the clock forward (frozen or running). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`Cannot advance the clock by ${ms} ms`);
    if (this.#frozen !== null) this.#frozen += ms;
    else this.#offsetMs += ms;
    this.#changed();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
