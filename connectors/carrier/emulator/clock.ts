/**
 * The emulator's clock: real time (plus any offset tests added), or frozen at a moment a test or the
 * demo seeder chose. Trackers read it, so moving it moves every parcel along its history.
 */
export class Clock {
  #frozen: number | null = null;
  #offset = 0;

  now(): number {
    return this.#frozen ?? Date.now() + this.#offset;
  }

  get isFrozen(): boolean {
    return this.#frozen !== null;
  }

  /** Freezes the clock at `time` (ISO 8601 or epoch ms), or lets it run in real time again with `null`. */
  set(time: string | number | null): void {
    if (time === null) {
      this.#frozen = null;
      this.#offset = 0;
      return;
    }
    const ms = typeof time === 'number' ? time : Date.parse(time);
    if (!Number.isFinite(ms)) throw new Error(`not a time: ${String(time)}`);
    this.#frozen = ms;
  }

  /** Moves the clock forward (frozen or running). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`cannot advance the clock by ${ms} ms`);
    if (this.#frozen !== null) this.#frozen += ms;
    else this.#offset += ms;
  }
}
