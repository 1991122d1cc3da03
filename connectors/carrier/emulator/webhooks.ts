/**
 * Event delivery as EasyPost does it: every registered webhook gets each Event as a JSON POST signed
 * with `X-Hmac-Signature: hmac-sha256-hex=<hex>` (HMAC-SHA256 of the raw body, keyed by the webhook's
 * secret normalised NFKD). A delivery that is not answered 2xx in time is retried with exponential
 * backoff a bounded number of times, so receivers get each Event at least once (maybe more).
 */
import type { Logger } from '../../../platform/logger.js';
import { signCarrierWebhook } from '../webhook-signature.js';
import type { FaultInjector } from './faults.js';
import type { WebhookRecord } from './records.js';

export interface WebhookDeliveryOptions {
  /** Attempts per delivery, the first included. Default 4. */
  attempts?: number;
  /** Wait before the first retry; doubles each time. Default 500 ms. */
  backoffMs?: number;
  /** How long a receiver has to answer. Default 5 s. */
  timeoutMs?: number;
}

/** One attempt, as the emulator recorded it (for the admin API and tests). */
export interface DeliveryAttempt {
  webhookId: string;
  eventId: string;
  attempt: number;
  status: number | 'timeout' | 'error';
}

const MALFORMED_BODY = '{"object":"Event","description":"tracker.updated","result":';

export class WebhookDispatcher {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #attempts: DeliveryAttempt[] = [];
  readonly #options: Required<WebhookDeliveryOptions>;

  constructor(
    private readonly faults: FaultInjector,
    private readonly logger: Logger,
    options: WebhookDeliveryOptions = {},
  ) {
    this.#options = {
      attempts: options.attempts ?? 4,
      backoffMs: options.backoffMs ?? 500,
      timeoutMs: options.timeoutMs ?? 5_000,
    };
  }

  /** The last attempts made (at most 500), oldest first. */
  get attempts(): readonly DeliveryAttempt[] {
    return this.#attempts;
  }

  /** Sends `event` to every enabled webhook, in the background. */
  deliver(webhooks: readonly WebhookRecord[], event: Record<string, unknown> & { id: string }): void {
    for (const webhook of webhooks) {
      if (webhook.disabledAt !== null) continue;
      const malformed = this.faults.config.webhookMalformed;
      const body = malformed ? MALFORMED_BODY : JSON.stringify(event);
      const secret = this.faults.config.webhookBadSignature ? 'not-the-secret' : (webhook.secret ?? '');
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'User-Agent': 'EasyPost WebHook Agent 1.0',
      };
      if (webhook.secret !== null || this.faults.config.webhookBadSignature)
        headers['X-Hmac-Signature'] = signCarrierWebhook(body, secret);
      const delivery = this.#send(webhook, event.id, body, headers).finally(() =>
        this.#inFlight.delete(delivery),
      );
      this.#inFlight.add(delivery);
    }
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async flush(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  async #send(webhook: WebhookRecord, eventId: string, body: string, headers: Record<string, string>) {
    const { attempts, backoffMs, timeoutMs } = this.#options;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      let status: DeliveryAttempt['status'];
      try {
        const response = await fetch(webhook.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        status = response.status;
      } catch (error) {
        status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'error';
      }
      this.#record({ webhookId: webhook.id, eventId, attempt, status });
      if (typeof status === 'number' && status >= 200 && status < 300) return;
      this.logger.warn({ url: webhook.url, eventId, attempt, status }, 'webhook delivery failed');
      if (attempt < attempts)
        await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
    }
  }

  #record(attempt: DeliveryAttempt): void {
    this.#attempts.push(attempt);
    if (this.#attempts.length > 500) this.#attempts.shift();
  }
}
