import { CarrierError } from '../../connectors/carrier/index.js';
import { WmsError } from '../../connectors/wms/index.js';
import { EventError } from '../../platform/events/index.js';

/** Every answer the receiver refuses a delivery with: its HTTP status and what it means. */
export const webhookErrorCatalogue = {
  WEBHOOK_NOT_FOUND: { status: 404, message: 'No webhook is configured at this path.' },
  WEBHOOK_METHOD_NOT_ALLOWED: { status: 405, message: 'Webhooks are POSTed.' },
  WEBHOOK_PAYLOAD_TOO_LARGE: { status: 413, message: 'The body is over the configured limit.' },
  WEBHOOK_UNAUTHENTICATED: {
    status: 401,
    message: 'The shared token (x-dg-webhook-token header or ?token=) is missing or wrong.',
  },
  WEBHOOK_SIGNATURE: { status: 401, message: 'The signature is missing or does not match the raw body.' },
  WEBHOOK_STALE: {
    status: 401,
    message: 'The signed delivery is older than the tolerance (a replay?); reconciliation covers it.',
  },
  WEBHOOK_MALFORMED: { status: 400, message: 'The body is not a delivery we understand.' },
  WEBHOOK_MODEL_NOT_WATCHED: { status: 422, message: 'Notifications about this model are not accepted.' },
  WEBHOOK_RECORD_NOT_FOUND: {
    status: 422,
    message: 'The record the notification names does not exist in Odoo (read back).',
  },
  WEBHOOK_EVENT_INVALID: { status: 422, message: 'The delivery maps to an event the log refuses.' },
  WEBHOOK_UNAVAILABLE: { status: 503, message: 'Not recorded (event log or source unreachable); retry.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type WebhookErrorCode = keyof typeof webhookErrorCatalogue;

/** A refused delivery: a stable code, its HTTP status, the reason, and the original error as `cause`. */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
  readonly code: WebhookErrorCode;
  readonly status: number;

  constructor(code: WebhookErrorCode, message?: string, options: { cause?: unknown } = {}) {
    super(message ?? webhookErrorCatalogue[code].message, options);
    this.code = code;
    this.status = webhookErrorCatalogue[code].status;
  }
}

/**
 * Converts whatever a route threw into a WebhookError, once, at the receiver's boundary: connector
 * signature and body errors become 401/400, an event the log refuses 422 (retrying cannot fix it), and
 * anything else 503 so that a sender that retries does (nothing accepted is lost).
 */
export function toWebhookError(error: unknown): WebhookError {
  if (error instanceof WebhookError) return error;
  if (error instanceof CarrierError || error instanceof WmsError) {
    if (/SIGNATURE/.test(error.code))
      return new WebhookError('WEBHOOK_SIGNATURE', error.message, { cause: error });
    if (/MALFORMED/.test(error.code))
      return new WebhookError('WEBHOOK_MALFORMED', error.message, { cause: error });
  }
  if (error instanceof EventError && error.code === 'EVENT_INVALID')
    return new WebhookError('WEBHOOK_EVENT_INVALID', error.message, { cause: error });
  return new WebhookError('WEBHOOK_UNAVAILABLE', undefined, { cause: error });
}
