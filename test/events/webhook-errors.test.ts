/** The receiver's refusal catalogue: unique codes, sensible statuses, each documented in the README. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { EventError } from '../../platform/events/index.js';
import { CarrierWebhookSignatureError } from '../../connectors/carrier/index.js';
import { WmsWebhookMalformedError } from '../../connectors/wms/index.js';
import { toWebhookError, WebhookError, webhookErrorCatalogue } from '../../events/inbound/index.js';

describe('webhookErrorCatalogue', () => {
  it('gives every code a 4xx or 5xx status and a message, and the README names the codes senders see', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [code, { status, message }] of Object.entries(webhookErrorCatalogue)) {
      expect(status >= 400 && status < 600).toBe(true);
      expect(message.length).toBeGreaterThan(10);
      if (!['WEBHOOK_NOT_FOUND', 'WEBHOOK_METHOD_NOT_ALLOWED', 'WEBHOOK_PAYLOAD_TOO_LARGE'].includes(code))
        expect(readme).toContain(code);
    }
  });

  it('converts thrown values once, keeping the original as cause', () => {
    const signature = new CarrierWebhookSignatureError('bad', { operation: 'webhook' });
    expect(toWebhookError(signature)).toMatchObject({
      code: 'WEBHOOK_SIGNATURE',
      status: 401,
      cause: signature,
    });
    expect(toWebhookError(new WmsWebhookMalformedError('no'))).toMatchObject({
      code: 'WEBHOOK_MALFORMED',
      status: 400,
    });
    const invalid = new EventError('EVENT_INVALID', 's', 'invalid event');
    expect(toWebhookError(invalid)).toMatchObject({ code: 'WEBHOOK_EVENT_INVALID', status: 422 });
    const down = new EventError('EVENT_APPEND_FAILED', 's', 'not recorded');
    expect(toWebhookError(down)).toMatchObject({ code: 'WEBHOOK_UNAVAILABLE', status: 503, cause: down });
    const own = new WebhookError('WEBHOOK_STALE');
    expect(toWebhookError(own)).toBe(own);
  });
});
