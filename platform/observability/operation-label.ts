const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Operation names come from clients, so the label values they make are capped: a name that is not a
 * plain GraphQL name, or any new name once `limit` distinct names were seen, is counted as `other`;
 * an operation without a name is `anonymous`.
 */
export class OperationLabels {
  readonly #seen = new Set<string>();

  constructor(private readonly limit = 200) {}

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!SAFE_NAME.test(name)) return 'other';
    if (this.#seen.has(name)) return name;
    if (this.#seen.size >= this.limit) return 'other';
    this.#seen.add(name);
    return name;
  }
}
