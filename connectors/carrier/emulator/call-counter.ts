/**
 * Counts the API requests the emulator served, per `METHOD /path/template` (ids replaced by `:id`), so
 * that tests can tell how many calls an operation cost (the batch check counts here, server side).
 */
export class CallCounter {
  readonly #counts = new Map<string, number>();

  record(method: string, template: string): void {
    const key = `${method} ${template}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  /** Calls since the last reset, by `METHOD /template`. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  count(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const count of this.#counts.values()) sum += count;
    return sum;
  }

  reset(): void {
    this.#counts.clear();
  }
}

/** `/v2/shipments/shp_123/buy` → `/v2/shipments/:id/buy`. */
export function pathTemplate(path: string): string {
  return path.replace(/\/(shp|trk|hook|ca|rate|pl)_[^/]+/g, '/:id');
}
