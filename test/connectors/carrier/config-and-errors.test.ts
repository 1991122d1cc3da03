import { describe, expect, it } from '@jest/globals';
import {
  CARRIER_EMULATOR_DEFAULT_URL,
  CARRIER_EMULATOR_DEMO_KEY,
  CARRIER_ERROR_CODES,
  CarrierAuthenticationError,
  CarrierCircuitOpenError,
  CarrierNotFoundError,
  CarrierProtocolError,
  CarrierRateLimitedError,
  CarrierUnavailableError,
  CarrierValidationError,
  CarrierWebhookMalformedError,
  CarrierWebhookSignatureError,
  loadCarrierConfig,
} from '../../../connectors/carrier/index.js';

describe('carrier connector configuration', () => {
  it('defaults to the emulator and its demo key in demo mode', () => {
    const config = loadCarrierConfig({}, { mode: 'demo' });
    expect(config).toEqual({
      url: CARRIER_EMULATOR_DEFAULT_URL,
      apiKey: CARRIER_EMULATOR_DEMO_KEY,
      timeoutMs: 10_000,
      retryAttempts: 3,
      retryInitialDelayMs: 200,
      retryMaxDelayMs: 5_000,
      rateLimitMaxWaitMs: 30_000,
      breakerThreshold: 5,
      breakerHalfOpenMs: 30_000,
    });
  });

  it('reads CARRIER_* variables, dropping a trailing /v2', () => {
    const config = loadCarrierConfig(
      {
        CARRIER_URL: 'https://api.easypost.com/v2/',
        CARRIER_API_KEY: 'EZAK-real-key',
        CARRIER_TIMEOUT_MS: '2500',
        CARRIER_RETRY_ATTEMPTS: '0',
        CARRIER_BREAKER_THRESHOLD: '3',
        CARRIER_BREAKER_HALF_OPEN_MS: '1000',
        CARRIER_WEBHOOK_SECRET: 'sekrit',
      },
      { mode: 'production' },
    );
    expect(config).toMatchObject({
      url: 'https://api.easypost.com',
      apiKey: 'EZAK-real-key',
      timeoutMs: 2500,
      retryAttempts: 0,
      breakerThreshold: 3,
      breakerHalfOpenMs: 1000,
      webhookSecret: 'sekrit',
    });
  });

  it('refuses the demo key and a missing key in production, naming the variables', () => {
    expect(() =>
      loadCarrierConfig({ CARRIER_API_KEY: CARRIER_EMULATOR_DEMO_KEY }, { mode: 'production' }),
    ).toThrow("CARRIER_API_KEY: is the carrier emulator's demo key, refused in production");
    expect(() => loadCarrierConfig({}, { mode: 'production' })).toThrow('CARRIER_API_KEY: is required');
  });

  it('lists every bad variable at once', () => {
    try {
      loadCarrierConfig(
        { CARRIER_URL: 'ftp://x', CARRIER_TIMEOUT_MS: '-1', CARRIER_RETRY_ATTEMPTS: 'many' },
        { mode: 'demo' },
      );
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as { code?: string }).code).toBe('CONFIG_INVALID');
      const issues = (error as { issues: string[] }).issues.map((issue) => issue.split(':')[0]);
      expect(issues.sort()).toEqual(['CARRIER_RETRY_ATTEMPTS', 'CARRIER_TIMEOUT_MS', 'CARRIER_URL']);
    }
  });
});

describe('carrier error catalogue', () => {
  const classes = [
    CarrierAuthenticationError,
    CarrierValidationError,
    CarrierNotFoundError,
    CarrierUnavailableError,
    CarrierCircuitOpenError,
    CarrierProtocolError,
    CarrierWebhookSignatureError,
    CarrierWebhookMalformedError,
  ];

  it('gives every class a unique, documented code', () => {
    const codes = [...classes.map((Class) => new Class('x').code), new CarrierRateLimitedError('x', {}).code];
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.sort()).toEqual(Object.keys(CARRIER_ERROR_CODES).sort());
    for (const text of Object.values(CARRIER_ERROR_CODES)) expect(text.length).toBeGreaterThan(20);
  });

  it('marks only transient failures retryable', () => {
    const retryable = classes.filter((Class) => new Class('x').retryable).map((Class) => new Class('x').code);
    expect(retryable).toEqual(['CARRIER_UNAVAILABLE']);
    expect(new CarrierRateLimitedError('x', { retryAfterMs: 1000 }).retryable).toBe(false);
  });
});
