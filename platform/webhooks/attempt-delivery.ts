import type { CanonicalEvent } from '../events/canonical-event.js';
import { postWebhook, type PostResult } from './post-webhook.js';
import { signWebhook } from './sign-webhook.js';
import { resolveAllowedAddresses, type CheckedAddress, type UrlPolicy } from './url-policy.js';
import { WebhookError } from './webhook-errors.js';

/** The body partners receive: the canonical event (its `id` is also the `webhook-id`). */
export function webhookBody(event: CanonicalEvent): string {
  const { id, type, source, subject, time, tenantPartnerId, data } = event;
  return JSON.stringify({ id, type, source, subject, time, tenantPartnerId, data });
}

/**
 * One attempt: resolve the URL's host again and check every address (DNS may have changed since
 * registration), sign, and POST to the first checked address. A refused address is a failed attempt.
 */
export async function attemptDelivery(
  target: { url: string; secret: string },
  event: CanonicalEvent,
  options: { policy: UrlPolicy; timeoutMs: number },
): Promise<PostResult> {
  const started = performance.now();
  const url = new URL(target.url);
  let address: CheckedAddress | undefined;
  try {
    [address] = await resolveAllowedAddresses(url, options.policy);
  } catch (error) {
    if (!(error instanceof WebhookError)) throw error;
    return { kind: 'failed', error: error.message, durationMs: Math.round(performance.now() - started) };
  }
  if (!address) throw new Error('resolveAllowedAddresses answered no address'); // it refuses that case
  const body = webhookBody(event);
  return postWebhook({
    url,
    address,
    headers: { ...signWebhook(target.secret, event.id, new Date(), body) },
    body,
    timeoutMs: options.timeoutMs,
  });
}
