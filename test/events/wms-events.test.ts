/**
 * Verified WMS deliveries become canonical events: fulfilment changes about the order number, inventory
 * updates as one `stock.changed` per SKU and warehouse, warehouses named by our codes whichever id
 * form the WMS uses. Bodies go through the real signature check first.
 */
import { describe, expect, it } from '@jest/globals';
import { DEMO_WAREHOUSES, signWmsWebhook, verifyWmsWebhook } from '../../connectors/wms/index.js';
import { orderNumberOf, warehouseCodes, wmsEventsOf } from '../../events/inbound/wms-events.js';

const SECRET = 'wms-test-secret';
const codes = warehouseCodes(Object.fromEntries(DEMO_WAREHOUSES.map((w) => [w.code, w.id])));

function delivered(payload: Record<string, unknown>) {
  const body = JSON.stringify(payload);
  return verifyWmsWebhook(body, { hmac: signWmsWebhook(body, SECRET), messageId: 'msg-1' }, SECRET);
}

const context = { time: '2026-11-26T10:00:00.000Z', warehouseCodeOf: codes, tenantPartnerId: 42 };

describe('warehouseCodes', () => {
  it('knows a warehouse by its base64 id and by the legacy number inside it', () => {
    expect(codes('V2FyZWhvdXNlOjcyMTAy')).toBe('DAL');
    expect(codes(72102)).toBe('DAL');
    expect(codes('72103')).toBe('NWK');
    expect(codes(99999)).toBeNull();
    expect(codes(undefined)).toBeNull();
  });
});

describe('wmsEventsOf', () => {
  it('maps a shipment update to fulfillment.updated about the order, with its parcels and tenant', () => {
    const delivery = delivered({
      webhook_type: 'Shipment Update',
      fulfillment: {
        shipment_id: 7,
        shipment_uuid: 'U2hpcG1lbnQ6Nw==',
        order_number: 'S00042',
        line_items: [{ sku: 'DSP-1001', quantity: 2 }],
        packages: [{ tracking_number: '1Z999', shipping_carrier: 'UPS', shipping_method: 'Ground' }],
      },
    });
    expect(orderNumberOf(delivery)).toBe('S00042');
    expect(wmsEventsOf(delivery, context)).toEqual([
      {
        type: 'fulfillment.updated',
        source: 'wms',
        subject: 'S00042',
        time: context.time,
        tenantPartnerId: 42,
        data: {
          orderNumber: 'S00042',
          status: 'SHIPPED',
          packages: [{ trackingNumber: '1Z999', carrier: 'UPS', service: 'Ground' }],
        },
      },
    ]);
  });

  it('maps an allocation to ALLOCATED', () => {
    const delivery = delivered({
      webhook_type: 'Order Allocated',
      order_id: 5,
      order_uuid: 'T3JkZXI6NQ==',
      order_number: 'S00043',
      warehouse_id: 72101,
      warehouse_uuid: 'V2FyZWhvdXNlOjcyMTAx',
      allocated_at: '2026-11-26T09:00:00Z',
      line_items: [{ sku: 'DSP-1001', quantity: 1 }],
    });
    expect(wmsEventsOf(delivery, context)).toMatchObject([
      { type: 'fulfillment.updated', subject: 'S00043', data: { status: 'ALLOCATED' } },
    ]);
  });

  it('maps an inventory update to one internal stock.changed per SKU and warehouse, and no order', () => {
    const delivery = delivered({
      webhook_type: 'Inventory Update',
      inventory: [
        {
          sku: 'DSP-1001',
          inventory: '40',
          on_hand: '45',
          updated_warehouse: { warehouse_id: 72101, warehouse_uuid: 'V2FyZWhvdXNlOjcyMTAx' },
        },
        {
          sku: 'PPE-1002',
          inventory: 0,
          on_hand: 3,
          updated_warehouse: { warehouse_id: 72103, warehouse_uuid: 'V2FyZWhvdXNlOjcyMTAz' },
        },
      ],
    });
    expect(orderNumberOf(delivery)).toBeNull();
    expect(wmsEventsOf(delivery, context)).toEqual([
      expect.objectContaining({
        type: 'stock.changed',
        subject: 'DSP-1001@CHI',
        tenantPartnerId: null,
        data: { sku: 'DSP-1001', warehouseCode: 'CHI', available: 40, onHand: 45 },
      }),
      expect.objectContaining({
        subject: 'PPE-1002@NWK',
        data: { sku: 'PPE-1002', warehouseCode: 'NWK', available: 0, onHand: 3 },
      }),
    ]);
  });
});
