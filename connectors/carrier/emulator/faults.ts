/**
 * Fault injection: what a real carrier API does to a client on a bad day. Configured at start (`faults`
 * option or `CARRIER_EMULATOR_FAULTS` JSON) and at run time through `POST /__emulator/faults`. The
 * `…Next` counters are consumed by API requests (admin and label requests never count).
 *
 * - outage: every API request answers 503 (EasyPost-shaped error body).
 * - failNext: the next N API requests answer 503, then service resumes.
 * - rateLimitNext / retryAfterSeconds: the next N requests answer 429 with `Retry-After`.
 * - latencyMs / latencyRoute: answers wait this long after the work is done (only `METHOD /template`
 *   when a route is given), so a client that times out may have bought a label all the same.
 * - carriersDown: carrier names or account ids whose rating fails: their rates are left out and a
 *   `rate_error` message says the carrier is unavailable; the other carriers quote as usual.
 * - malformedNext: the next N successful answers carry a body that is not what the API sends.
 * - webhookMalformed: webhook deliveries carry a (correctly signed) body that is not an Event.
 * - webhookBadSignature: webhook deliveries are signed with the wrong secret.
 */
import { z } from 'zod';

export const faultsSchema = z
  .object({
    outage: z.boolean().default(false),
    failNext: z.number().int().min(0).default(0),
    rateLimitNext: z.number().int().min(0).default(0),
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    latencyRoute: z.string().min(1).optional(),
    carriersDown: z.array(z.string().min(1)).default([]),
    malformedNext: z.number().int().min(0).default(0),
    webhookMalformed: z.boolean().default(false),
    webhookBadSignature: z.boolean().default(false),
  })
  .strict();

export type FaultsConfig = z.infer<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;

/** What to do instead of (or besides) serving an API request. */
export type RequestFault = { status: 503 } | { status: 429; retryAfterSeconds: number } | undefined;

export class FaultInjector {
  #config: FaultsConfig = faultsSchema.parse({});

  constructor(input: FaultsInput = {}) {
    this.configure(input);
  }

  /** Replaces the configuration (throws a ZodError on bad input). */
  configure(input: unknown): FaultsConfig {
    this.#config = faultsSchema.parse(input);
    return this.#config;
  }

  get config(): FaultsConfig {
    return this.#config;
  }

  /** Drawn once per API request, before it is served. */
  beforeRequest(): RequestFault {
    const config = this.#config;
    if (config.outage) return { status: 503 };
    if (config.failNext > 0) {
      config.failNext -= 1;
      return { status: 503 };
    }
    if (config.rateLimitNext > 0) {
      config.rateLimitNext -= 1;
      return { status: 429, retryAfterSeconds: config.retryAfterSeconds };
    }
    return undefined;
  }

  /** Whether this successful answer is to be replaced by a malformed one. */
  malformAnswer(): boolean {
    if (this.#config.malformedNext === 0) return false;
    this.#config.malformedNext -= 1;
    return true;
  }

  latencyFor(route: string): number {
    const { latencyMs, latencyRoute } = this.#config;
    return latencyRoute === undefined || latencyRoute === route ? latencyMs : 0;
  }

  carrierDown(carrier: string, accountId: string): boolean {
    return this.#config.carriersDown.some(
      (down) => down.toLowerCase() === carrier.toLowerCase() || down === accountId,
    );
  }
}
