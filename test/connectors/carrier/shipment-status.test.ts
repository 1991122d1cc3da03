import { describe, expect, it } from '@jest/globals';
import {
  fromEasyPostStatus,
  fromShipEngineStatus,
  fromShippoStatus,
} from '../../../connectors/carrier/index.js';
import { shipmentStatuses } from '../../../schema/canonical/shipping.js';

describe('ShipmentStatus mapping', () => {
  it('maps every EasyPost tracker status', () => {
    const table = Object.fromEntries(
      [
        'unknown',
        'pre_transit',
        'in_transit',
        'out_for_delivery',
        'delivered',
        'available_for_pickup',
        'return_to_sender',
        'failure',
        'cancelled',
        'error',
      ].map((s) => [s, fromEasyPostStatus(s)]),
    );
    expect(table).toEqual({
      unknown: 'UNKNOWN',
      pre_transit: 'LABEL_CREATED',
      in_transit: 'IN_TRANSIT',
      out_for_delivery: 'OUT_FOR_DELIVERY',
      delivered: 'DELIVERED',
      available_for_pickup: 'AVAILABLE_FOR_PICKUP',
      return_to_sender: 'RETURNED_TO_SENDER',
      failure: 'EXCEPTION',
      cancelled: 'CANCELLED',
      error: 'EXCEPTION',
    });
  });

  it('maps every ShipEngine status code', () => {
    const table = Object.fromEntries(
      ['UN', 'AC', 'IT', 'DE', 'EX', 'AT', 'NY', 'SP'].map((c) => [c, fromShipEngineStatus(c)]),
    );
    expect(table).toEqual({
      UN: 'UNKNOWN',
      AC: 'IN_TRANSIT',
      IT: 'IN_TRANSIT',
      DE: 'DELIVERED',
      EX: 'EXCEPTION',
      AT: 'EXCEPTION',
      NY: 'LABEL_CREATED',
      SP: 'AVAILABLE_FOR_PICKUP',
    });
  });

  it('maps every Shippo tracking status', () => {
    const table = Object.fromEntries(
      ['PRE_TRANSIT', 'TRANSIT', 'DELIVERED', 'RETURNED', 'FAILURE', 'UNKNOWN'].map((s) => [
        s,
        fromShippoStatus(s),
      ]),
    );
    expect(table).toEqual({
      PRE_TRANSIT: 'LABEL_CREATED',
      TRANSIT: 'IN_TRANSIT',
      DELIVERED: 'DELIVERED',
      RETURNED: 'RETURNED_TO_SENDER',
      FAILURE: 'EXCEPTION',
      UNKNOWN: 'UNKNOWN',
    });
  });

  it('is case-insensitive and sends anything new to UNKNOWN, never throwing', () => {
    expect(fromEasyPostStatus('Delivered')).toBe('DELIVERED');
    expect(fromShipEngineStatus('de')).toBe('DELIVERED');
    expect(fromShippoStatus('transit')).toBe('IN_TRANSIT');
    for (const fn of [fromEasyPostStatus, fromShipEngineStatus, fromShippoStatus]) {
      expect(fn('held_by_customs')).toBe('UNKNOWN');
      expect(fn(null)).toBe('UNKNOWN');
      expect(fn(undefined)).toBe('UNKNOWN');
    }
  });

  it("reaches every canonical status from EasyPost's vocabulary", () => {
    const reached = new Set([
      ...[
        'unknown',
        'pre_transit',
        'in_transit',
        'out_for_delivery',
        'delivered',
        'available_for_pickup',
        'return_to_sender',
        'failure',
        'cancelled',
      ].map(fromEasyPostStatus),
    ]);
    expect([...reached].sort()).toEqual([...shipmentStatuses].sort());
  });
});
