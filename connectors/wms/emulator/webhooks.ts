/**
 * Sends the webhooks registered with `webhook_create`, as ShipHero does: POST of the JSON body signed in
 * `X-ShipHero-HMAC-SHA256` (base64 HMAC-SHA256 keyed by the webhook's `shared_signature_secret`), with
 * `X-Shiphero-Message-ID` (the same on every retry of a delivery), a timeout (ShipHero: 10 s), and retries
 * with exponential backoff when the receiver fails or does not answer 2xx.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../../platform/logger.js';
import { signWmsWebhook } from '../webhook-signature.js';
import type { FaultInjector } from './faults.js';
import type { EmuWebhook } from './model.js';

export interface WebhookDispatcherOptions {
  /** Retries after a failed attempt. Default 3 (ShipHero documents "a few", up to 5). */
  retries: number;
  /** First retry delay, doubled each time. Default 1000 ms. */
  retryBaseMs: number;
  /** Per attempt. Default 10 000 ms. */
  timeoutMs: number;
}

export interface DeliveryRecord {
  messageId: string;
  type: string;
  url: string;
  attempts: number;
  statuses: (number | string)[];
  delivered: boolean;
}

const KEEP = 200;

export class WebhookDispatcher {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #log: DeliveryRecord[] = [];
  readonly #stop = new AbortController();

  constructor(
    private readonly options: WebhookDispatcherOptions,
    private readonly faults: FaultInjector,
    private readonly logger: Logger,
  ) {}

  /** Sends `body` to every webhook in `targets`, in the background. */
  send(targets: readonly EmuWebhook[], type: string, body: Record<string, unknown>): void {
    for (const webhook of targets) {
      const delivery = this.#deliver(webhook, type, body).finally(() => this.#inFlight.delete(delivery));
      this.#inFlight.add(delivery);
    }
  }

  /** The most recent deliveries, oldest first. */
  deliveries(): readonly DeliveryRecord[] {
    return this.#log;
  }

  /** Waits for deliveries in flight (retries included). */
  async flush(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Abandons pending retries and waits for attempts in flight. */
  async close(): Promise<void> {
    this.#stop.abort();
    await this.flush();
  }

  async #deliver(webhook: EmuWebhook, type: string, body: Record<string, unknown>): Promise<void> {
    const { malformedWebhook, badSignature } = this.faults.config;
    let text = JSON.stringify(body);
    if (malformedWebhook) text = text.slice(0, Math.floor(text.length / 2));
    const record: DeliveryRecord = {
      messageId: randomUUID(),
      type,
      url: webhook.url,
      attempts: 0,
      statuses: [],
      delivered: false,
    };
    this.#log.push(record);
    if (this.#log.length > KEEP) this.#log.shift();
    const headers = {
      'Content-Type': 'application/json',
      'X-ShipHero-HMAC-SHA256': signWmsWebhook(
        text,
        badSignature ? `${webhook.secret}-wrong` : webhook.secret,
      ),
      'X-Shiphero-Message-ID': record.messageId,
    };
    for (let attempt = 0; attempt <= this.options.retries && !this.#stop.signal.aborted; attempt += 1) {
      if (attempt > 0) {
        try {
          await sleep(this.options.retryBaseMs * 2 ** (attempt - 1), undefined, {
            signal: this.#stop.signal,
          });
        } catch {
          return;
        }
      }
      record.attempts += 1;
      try {
        const response = await fetch(webhook.url, {
          method: 'POST',
          headers,
          body: text,
          signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.#stop.signal]),
        });
        await response.body?.cancel();
        record.statuses.push(response.status);
        if (response.ok) {
          record.delivered = true;
          return;
        }
      } catch (error) {
        record.statuses.push(error instanceof Error ? error.name : 'error');
      }
      this.logger.warn({ url: webhook.url, type, attempt: record.attempts }, 'webhook delivery failed');
    }
  }
}
