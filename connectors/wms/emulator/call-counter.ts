/**
 * Counts the GraphQL requests the emulator received and the root fields they asked for (by field name, not
 * alias), so that tests can tell how many requests an operation cost and that a batch stayed one request.
 */
export class CallCounter {
  #requests = 0;
  readonly #byField = new Map<string, number>();

  record(rootFields: readonly string[]): void {
    this.#requests += 1;
    for (const field of rootFields) this.#byField.set(field, (this.#byField.get(field) ?? 0) + 1);
  }

  /** Requests since the last reset. */
  get requests(): number {
    return this.#requests;
  }

  /** Root fields asked since the last reset, by name. */
  byField(): Record<string, number> {
    return Object.fromEntries([...this.#byField].sort(([a], [b]) => a.localeCompare(b)));
  }

  snapshot(): { requests: number; byField: Record<string, number> } {
    return { requests: this.#requests, byField: this.byField() };
  }

  reset(): void {
    this.#requests = 0;
    this.#byField.clear();
  }
}
