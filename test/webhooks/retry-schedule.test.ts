import { describe, expect, it } from '@jest/globals';
import { webhookErrorCatalogue } from '../../platform/webhooks/webhook-errors.js';
import { attemptsOf, DEFAULT_RETRY_SCHEDULE, retryDelayMs } from '../../platform/webhooks/retry-schedule.js';

const HOUR = 3_600_000;

describe('the retry schedule', () => {
  it('is the documented one: 8 attempts over about 27.6 hours', () => {
    expect(attemptsOf(DEFAULT_RETRY_SCHEDULE)).toBe(8);
    const waits = [1, 2, 3, 4, 5, 6, 7].map((failed) => retryDelayMs(DEFAULT_RETRY_SCHEDULE, failed, 0.5));
    expect(waits).toEqual([5_000, 300_000, 1_800_000, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR]);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(27 * HOUR + 35 * 60_000 + 5_000); // 27 h 35 min 5 s
  });

  it('spreads each wait by ±20 %', () => {
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 4, 0)).toBe(0.8 * 2 * HOUR);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 4, 0.999999)).toBeCloseTo(1.2 * 2 * HOUR, -2);
  });

  it('documents every webhook error code once', () => {
    for (const [code, description] of Object.entries(webhookErrorCatalogue)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(description.length).toBeGreaterThan(20);
    }
  });
});
