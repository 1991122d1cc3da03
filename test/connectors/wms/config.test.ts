import { describe, expect, it } from '@jest/globals';
import {
  DEMO_WAREHOUSES,
  loadWmsConfig,
  toFulfillmentStatus,
  WMS_EMULATOR_DEMO_TOKEN,
  WMS_ERROR_CODES,
  WmsAuthenticationError,
  WmsCircuitOpenError,
  WmsNotFoundError,
  WmsProtocolError,
  WmsThrottledError,
  WmsUnavailableError,
  WmsValidationError,
  WmsWebhookMalformedError,
  WmsWebhookSignatureError,
} from '../../../connectors/wms/index.js';

describe('WMS configuration', () => {
  it('defaults to the emulator and its demo warehouses in demo mode', () => {
    expect(loadWmsConfig({}, { mode: 'demo' })).toEqual({
      url: 'http://127.0.0.1:8072/graphql',
      token: WMS_EMULATOR_DEMO_TOKEN,
      timeoutMs: 10_000,
      retryAttempts: 3,
      retryInitialDelayMs: 200,
      retryMaxDelayMs: 5_000,
      breakerThreshold: 5,
      breakerHalfOpenMs: 30_000,
      throttleRetries: 3,
      throttleMaxWaitMs: 60_000,
      warehouses: Object.fromEntries(DEMO_WAREHOUSES.map((w) => [w.code, w.id])),
      shopName: 'distribution-graph',
    });
  });

  it('needs a token in production and refuses the demo one', () => {
    expect(() => loadWmsConfig({}, { mode: 'production' })).toThrow('WMS_TOKEN: is required');
    expect(() => loadWmsConfig({ WMS_TOKEN: WMS_EMULATOR_DEMO_TOKEN }, { mode: 'production' })).toThrow(
      "WMS_TOKEN: is the WMS emulator's demo token, refused in production",
    );
    expect(
      loadWmsConfig(
        { WMS_TOKEN: 'real-token', WMS_URL: 'https://public-api.shiphero.com/graphql' },
        { mode: 'production' },
      ),
    ).toMatchObject({
      token: 'real-token',
      url: 'https://public-api.shiphero.com/graphql',
    });
  });

  it('reads WMS_WAREHOUSES, keeping the = of base64 ids', () => {
    const config = loadWmsConfig(
      { WMS_WAREHOUSES: 'CHI=V2FyZWhvdXNlOjE=, DAL=V2FyZWhvdXNlOjI=' },
      { mode: 'demo' },
    );
    expect(config.warehouses).toEqual({ CHI: 'V2FyZWhvdXNlOjE=', DAL: 'V2FyZWhvdXNlOjI=' });
  });

  it('lists every bad variable by name', () => {
    let issues: readonly string[] = [];
    try {
      loadWmsConfig(
        { WMS_TIMEOUT_MS: 'soon', WMS_WAREHOUSES: 'CHI', WMS_URL: 'ftp://x', WMS_RETRY_ATTEMPTS: '-1' },
        { mode: 'demo' },
      );
    } catch (error) {
      issues = (error as { issues: readonly string[] }).issues;
    }
    expect(issues.map((issue) => issue.split(':')[0]).sort()).toEqual([
      'WMS_RETRY_ATTEMPTS',
      'WMS_TIMEOUT_MS',
      'WMS_URL',
      'WMS_WAREHOUSES',
    ]);
    expect(issues).toContain('WMS_WAREHOUSES: "CHI" is not CODE=WMS_WAREHOUSE_ID');
  });
});

describe('the WMS error catalogue', () => {
  it('has one documented, unique code per class', () => {
    const classes = [
      WmsAuthenticationError,
      WmsValidationError,
      WmsNotFoundError,
      WmsUnavailableError,
      WmsCircuitOpenError,
      WmsProtocolError,
      WmsWebhookSignatureError,
      WmsWebhookMalformedError,
    ];
    const codes = [
      ...classes.map((Class) => new Class('x').code),
      new WmsThrottledError('x', { retryAfterMs: 1 }).code,
    ];
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.sort()).toEqual(Object.keys(WMS_ERROR_CODES).sort());
    for (const text of Object.values(WMS_ERROR_CODES)) expect(text.length).toBeGreaterThan(20);
    expect(codes.filter((code) => code === 'WMS_UNAVAILABLE')).toHaveLength(1);
    expect(new WmsUnavailableError('x').retryable).toBe(true);
    expect(new WmsThrottledError('x', { retryAfterMs: 1 }).retryable).toBe(false);
  });
});

describe('ShipHero state → FulfillmentStatus', () => {
  it.each([
    [{ fulfillmentStatus: 'pending', allocated: false }, 'RECEIVED'],
    [{ fulfillmentStatus: 'pending', allocated: true }, 'ALLOCATED'],
    [{ fulfillmentStatus: 'Unfulfilled', allocated: true }, 'ALLOCATED'],
    [{ fulfillmentStatus: 'picked', allocated: true }, 'PICKED'],
    [{ fulfillmentStatus: 'packed', allocated: true }, 'PACKED'],
    [{ fulfillmentStatus: 'fulfilled', allocated: true }, 'SHIPPED'],
    [{ fulfillmentStatus: 'backorder', allocated: true }, 'ON_HOLD'],
    [
      { fulfillmentStatus: 'pending', allocated: true, holds: { operator_hold: true, fraud_hold: false } },
      'ON_HOLD',
    ],
    [{ fulfillmentStatus: 'canceled', allocated: true, holds: { operator_hold: true } }, 'CANCELLED'],
    [{ fulfillmentStatus: 'cancelled', allocated: false }, 'CANCELLED'],
  ] as const)('%j → %s', (state, status) => {
    expect(toFulfillmentStatus(state)).toBe(status);
  });
});
