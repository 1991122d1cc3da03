/** One dependency a process needs to serve: it resolves when reachable, and rejects saying why not. */
export interface DependencyCheck {
  /** `redis`, `odoo`, `wms`, `carrier`... */
  name: string;
  check(signal: AbortSignal): Promise<void>;
}

export interface DependencyState {
  ok: boolean;
  /** Why it is not reachable, for operators. */
  error?: string;
}

export interface ReadinessReport {
  ready: boolean;
  /** True once shutdown began: not ready, whatever the dependencies say. */
  draining: boolean;
  dependencies: Record<string, DependencyState>;
}

export interface ReadinessOptions {
  checks: readonly DependencyCheck[];
  /** How long one report is reused, so that probes stay cheap. Default 1000 ms. */
  cacheMs?: number;
  /** How long a check may take before it counts as failed. Default 2000 ms. */
  timeoutMs?: number;
}

function reason(error: unknown): string {
  const message = (value: unknown) => (value instanceof Error ? value.message : String(value));
  const cause = error instanceof Error && error.cause !== undefined ? `: ${message(error.cause)}` : '';
  return `${message(error)}${cause}`;
}

async function run(check: DependencyCheck, timeoutMs: number): Promise<DependencyState> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`)), {
      once: true,
    }),
  );
  try {
    await Promise.race([check.check(signal), timedOut]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: reason(error) };
  }
}

/**
 * Whether a process should get traffic: every dependency reachable and no shutdown under way. Reports
 * are cached for `cacheMs` and shared by concurrent probes; `drain()` makes every later report not
 * ready at once, so load balancers stop sending before the servers close.
 */
export class Readiness {
  readonly #checks: readonly DependencyCheck[];
  readonly #cacheMs: number;
  readonly #timeoutMs: number;
  #draining = false;
  #last: { at: number; report: Promise<ReadinessReport> } | undefined;

  constructor(options: ReadinessOptions) {
    this.#checks = options.checks;
    this.#cacheMs = options.cacheMs ?? 1000;
    this.#timeoutMs = options.timeoutMs ?? 2000;
  }

  get draining(): boolean {
    return this.#draining;
  }

  drain(): void {
    this.#draining = true;
  }

  report(): Promise<ReadinessReport> {
    if (this.#draining) return Promise.resolve({ ready: false, draining: true, dependencies: {} });
    const now = performance.now();
    if (this.#last && now - this.#last.at < this.#cacheMs) return this.#last.report;
    const report = (async () => {
      const states = await Promise.all(this.#checks.map((check) => run(check, this.#timeoutMs)));
      const dependencies = Object.fromEntries(this.#checks.map((check, i) => [check.name, states[i]!]));
      return { ready: states.every((s) => s.ok) && !this.#draining, draining: this.#draining, dependencies };
    })();
    this.#last = { at: now, report };
    return report;
  }
}
