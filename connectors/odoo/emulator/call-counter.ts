/**
 * Counts the RPC calls the emulator served, per `model.method`, so that tests and benchmarks can tell
 * how many calls to Odoo an operation cost (the N+1 check counts here, on the server side).
 */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  record(model: string, method: string): void {
    const key = `${model}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Calls since the last reset, by `model.method`. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  reset(): void {
    this.counts.clear();
  }
}
