/**
 * Verified WMS deliveries become canonical events: fulfilment changes about the order number, inventory
 * updates as one `stock.changed` per SKU and warehouse, warehouses named by our codes whichever id
 * form the WMS uses. Bodies go through the real signature check first.
 */
import { describe, expect, it } from '@jest/globals';
import { DEMO_WAREHOUSES, signWmsWebhook, verifyWmsWebhook } from '../../connectors/wms/index.js';
import {
  fulfillmentEventsOf,
  orderNumberOf,
  warehouseCodes,
  wmsEventsOf,
} from '../../events/inbound/wms-events.js';
import { eventDataSchemas } from '../../platform/events/index.js';

const SECRET = 'wms-test-secret';
const codes = warehouseCodes(Object.fromEntries(DEMO_WAREHOUSES.map((w) => [w.code, w.id])));

function delivered(payload: Record<string, unknown>) {
  const body = JSON.stringify(payload);
  return verifyWmsWebhook(body, { hmac: signWmsWebhook(body, SECRET), messageId: 'msg-1' }, SECRET);
}

const context = { receivedAt: '2026-11-26T10:00:00.000Z', warehouseCodeOf: codes, tenantPartnerId: 42 };

/** The events alone, each checked against its type's data schema as consumers will read it. */
function eventsOf(delivery: ReturnType<typeof delivered>) {
  return wmsEventsOf(delivery, context).map(({ event }) => {
    expect(eventDataSchemas[event.type].safeParse(event.data).success).toBe(true);
    return event;
  });
}

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
    expect(eventsOf(delivery)).toEqual([
      {
        type: 'fulfillment.updated',
        source: 'wms',
        subject: 'S00042',
        time: context.receivedAt,
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
    expect(eventsOf(delivery)).toMatchObject([
      {
        type: 'fulfillment.updated',
        subject: 'S00043',
        time: '2026-11-26T09:00:00.000Z',
        data: { status: 'ALLOCATED' },
      },
    ]);
    expect(wmsEventsOf(delivery, context)[0]!.dedupKey).toBe('wms:order:S00043:ALLOCATED');
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
    expect(eventsOf(delivery)).toEqual([
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

  it('keys stock changes by delivery (not reconciled) and order steps by content (reconciled)', () => {
    const stock = delivered({
      webhook_type: 'Inventory Update',
      inventory: [
        {
          sku: 'DSP-1001',
          inventory: 1,
          on_hand: 1,
          updated_warehouse: { warehouse_id: 72101, warehouse_uuid: 'V2FyZWhvdXNlOjcyMTAx' },
        },
      ],
    });
    expect(wmsEventsOf(stock, context).map((k) => k.dedupKey)).toEqual(['wms:stock:msg-1:DSP-1001@CHI']);
  });
});

describe('fulfillmentEventsOf', () => {
  it('stands for every step the order reached, under the keys its webhooks use', () => {
    const keyed = fulfillmentEventsOf(
      {
        wmsOrderId: 'T3JkZXI6NQ==',
        orderNumber: 'S00044',
        warehouseCode: 'CHI',
        status: 'SHIPPED',
        receivedAt: '2026-11-26T08:00:00.000Z',
        allocatedAt: '2026-11-26T08:01:00.000Z',
        pickedAt: '2026-11-26T08:02:00.000Z',
        packedAt: '2026-11-26T08:03:00.000Z',
        shippedAt: '2026-11-26T08:04:00.000Z',
        cancelledAt: null,
        holdReason: null,
        lines: [],
        packages: [
          { trackingNumber: '1Z1', carrier: 'UPS', service: 'Ground', weightOz: 3, shippedAt: null },
        ],
        updatedAt: '2026-11-26T08:04:00.000Z',
      },
      7,
    );
    expect(keyed.map((k) => [k.dedupKey, k.event.time, k.event.source])).toEqual([
      ['wms:order:S00044:ALLOCATED', '2026-11-26T08:01:00.000Z', 'reconciliation'],
      ['wms:order:S00044:PACKED', '2026-11-26T08:03:00.000Z', 'reconciliation'],
      ['wms:order:S00044:SHIPPED', '2026-11-26T08:04:00.000Z', 'reconciliation'],
    ]);
    expect(keyed[2]!.event.data).toEqual({
      orderNumber: 'S00044',
      status: 'SHIPPED',
      packages: [{ trackingNumber: '1Z1', carrier: 'UPS', service: 'Ground' }],
    });
  });
});
