/**
 * Fault injection: what a real WMS behind a real network does to a client on a bad day. Set at start
 * (`faults` option or `WMS_EMULATOR_FAULTS` JSON) and at run time through `POST /__emulator/faults`.
 *
 * - outage: every GraphQL request is answered 503 (a proxy in front of a WMS that is down).
 * - latencyMs: answers wait this long *after* the request ran (a write commits, then the client may time
 *   out); `latencyFields` limits it to these root fields.
 * - throttle: requests are answered with ShipHero's "not enough credits" error (code 30) announcing
 *   `timeRemainingSeconds`; `count` of them, or every one when omitted.
 * - malformedResponse: `shape` answers 200 with data of the wrong shape, `not-json` an HTML page.
 * - malformedWebhook: webhook bodies are truncated (still signed). badSignature: signed with a wrong key.
 */
import { z } from 'zod';

export const faultsSchema = z
  .object({
    outage: z.boolean().default(false),
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    latencyFields: z.array(z.string().min(1)).default([]),
    throttle: z
      .object({
        timeRemainingSeconds: z.number().min(0).max(3600),
        count: z.number().int().positive().optional(),
      })
      .strict()
      .nullable()
      .default(null),
    malformedResponse: z.enum(['shape', 'not-json']).nullable().default(null),
    malformedWebhook: z.boolean().default(false),
    badSignature: z.boolean().default(false),
  })
  .strict();

export type FaultsConfig = z.infer<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;

export class FaultInjector {
  #config: FaultsConfig = faultsSchema.parse({});
  #throttled = 0;

  constructor(input: FaultsInput = {}) {
    this.configure(input);
  }

  /** Replaces the configuration (throws a ZodError on bad input). */
  configure(input: unknown): FaultsConfig {
    this.#config = faultsSchema.parse(input);
    this.#throttled = 0;
    return this.#config;
  }

  get config(): FaultsConfig {
    return this.#config;
  }

  /** The wait to announce if this request is to be throttled by the fault. */
  throttleNow(): number | undefined {
    const throttle = this.#config.throttle;
    if (!throttle) return undefined;
    if (throttle.count !== undefined && this.#throttled >= throttle.count) return undefined;
    this.#throttled += 1;
    return throttle.timeRemainingSeconds;
  }

  /** How long to hold this answer, given the root fields it carries. */
  latencyFor(rootFields: readonly string[]): number {
    const { latencyMs, latencyFields } = this.#config;
    if (latencyMs === 0) return 0;
    return latencyFields.length === 0 || rootFields.some((f) => latencyFields.includes(f)) ? latencyMs : 0;
  }
}
