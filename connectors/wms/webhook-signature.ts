import { createHmac, timingSafeEqual } from 'node:crypto';
import { WmsWebhookMalformedError, WmsWebhookSignatureError } from './errors.js';
import { wmsWebhookPayload, type WmsWebhookPayload } from './webhook-payloads.js';

/** The headers ShipHero signs and identifies a delivery with. */
export const WMS_SIGNATURE_HEADER = 'x-shiphero-hmac-sha256';
export const WMS_MESSAGE_ID_HEADER = 'x-shiphero-message-id';

/** A verified delivery: de-duplicate on `messageId` (ShipHero may deliver more than once). */
export interface WmsWebhookDelivery {
  messageId: string;
  type: WmsWebhookPayload['webhook_type'];
  payload: WmsWebhookPayload;
}

/** `X-ShipHero-HMAC-SHA256`: the base64 HMAC-SHA256 of the raw body, keyed by the shared secret. */
export function signWmsWebhook(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * Verifies one inbound delivery against the raw body as received (before any JSON parsing): signature in
 * constant time, then the message id, then the payload against the types this connector understands.
 * Throws WmsWebhookSignatureError or WmsWebhookMalformedError.
 */
export function verifyWmsWebhook(
  rawBody: Buffer | string,
  headers: { hmac?: string | null; messageId?: string | null },
  secret: string,
): WmsWebhookDelivery {
  const given = Buffer.from(headers.hmac?.trim() ?? '', 'base64');
  const expected = Buffer.from(signWmsWebhook(rawBody, secret), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new WmsWebhookSignatureError(
      headers.hmac ? 'The webhook signature does not match its body' : 'The webhook is not signed',
    );
  const messageId = headers.messageId?.trim();
  if (!messageId) throw new WmsWebhookMalformedError('The webhook has no X-Shiphero-Message-ID');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody) as unknown;
  } catch (error) {
    throw new WmsWebhookMalformedError('The webhook body is not JSON', { cause: error });
  }
  const parsed = wmsWebhookPayload.safeParse(json);
  if (!parsed.success) {
    const type = (json as { webhook_type?: unknown } | null)?.webhook_type;
    throw new WmsWebhookMalformedError(
      `The webhook body is not a delivery this connector understands (webhook_type ${JSON.stringify(type)})`,
      {
        operation: typeof type === 'string' ? type : undefined,
        messages: parsed.error.issues.map((i) => i.message),
        cause: parsed.error,
      },
    );
  }
  return { messageId, type: parsed.data.webhook_type, payload: parsed.data };
}
