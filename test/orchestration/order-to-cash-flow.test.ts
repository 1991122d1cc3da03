/**
 * The orchestration against the three emulators, a real Redis and BullMQ: an order from draft to
 * invoiced and notified with every step applied once, a transient Odoo failure retried to success, a
 * WMS rejection compensated (Odoo order cancelled, its stock released), and a worker killed in the
 * middle of a step whose successor completes the order without applying anything twice.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  advanceWms,
  createDraftOrder,
  reservedAt,
  startFixture,
  stateWhen,
  type OrchestrationFixture,
} from './support.js';

let fixture: OrchestrationFixture;

beforeEach(async () => {
  fixture = await startFixture();
});
afterEach(() => fixture.close());

/** Drives the WMS from released to packed, then (once a label is bought) to shipped. */
async function driveWarehouse(
  number: string,
  orchestrator: Awaited<ReturnType<OrchestrationFixture['orchestrator']>>,
) {
  await stateWhen(orchestrator, number, (s) => s.currentStep === 'AWAIT_PACKED');
  advanceWms(fixture, 3);
  await stateWhen(orchestrator, number, (s) => s.currentStep === 'AWAIT_SHIPPED');
  advanceWms(fixture, 1);
}

/** The calls that change something, per system, since the emulators' counters were reset. */
function effects() {
  const odoo = fixture.odoo.emulator.calls.snapshot();
  return {
    confirm: odoo['sale.order.action_confirm'] ?? 0,
    validate: odoo['stock.picking.button_validate'] ?? 0,
    invoice: odoo['sale.advance.payment.inv.create_invoices'] ?? 0,
    post: odoo['account.move.action_post'] ?? 0,
    cancel: odoo['sale.order.action_cancel'] ?? 0,
    wmsCreate: fixture.wms.calls.byField().order_create ?? 0,
    wmsCancel: fixture.wms.calls.byField().order_cancel ?? 0,
    labels: fixture.carrier.calls.count('POST /v2/shipments/:id/buy'),
  };
}

async function fulfilledEvents(number: string) {
  const all = await fixture.events.readAfter('0', { count: 1000 });
  return all.filter((e) => e.type === 'order.fulfilled' && e.subject === number);
}

describe('order to cash', () => {
  it('drives a draft order to shipped, delivered with the tracking number, invoiced and notified', async () => {
    const orchestrator = await fixture.orchestrator();
    const order = await createDraftOrder(fixture);
    fixture.odoo.emulator.calls.reset();
    await orchestrator.startOrchestration({
      number: order.number,
      odooId: order.odooId,
      tenantPartnerId: order.customerId,
    });
    await driveWarehouse(order.number, orchestrator);
    const done = await stateWhen(orchestrator, order.number, (s) => s.status !== 'RUNNING');

    expect(done).toMatchObject({ status: 'COMPLETED', currentStep: null, failure: null });
    for (const step of Object.values(done.steps))
      expect(step).toMatchObject({ status: 'SUCCEEDED', lastError: null });
    expect(done.facts.selection?.reason).toBe('cheapest within GROUND');
    const tracking = done.facts.label!.trackingNumber;
    const [picking] = await fixture.odooClient.searchRead('stock.picking', {
      domain: [['origin', '=', order.number]],
      fields: ['state', 'carrier_tracking_ref'],
    });
    expect(picking).toMatchObject({ state: 'done', carrier_tracking_ref: tracking });
    const invoices = await fixture.odooClient.read('account.move', done.facts.invoiceIds!, [
      'state',
      'move_type',
    ]);
    expect(invoices).toEqual([expect.objectContaining({ state: 'posted', move_type: 'out_invoice' })]);
    const [notified] = await fulfilledEvents(order.number);
    expect(notified).toMatchObject({
      source: 'orchestration',
      tenantPartnerId: order.customerId,
      data: { orderNumber: order.number, carrier: done.facts.label!.carrier, trackingNumbers: [tracking] },
    });
    expect(effects()).toEqual({
      confirm: 1,
      validate: 1,
      invoice: 1,
      post: 1,
      cancel: 0,
      wmsCreate: 1,
      wmsCancel: 0,
      labels: 1,
    });
    // Starting it again (a retried capture hook) changes nothing.
    await expect(
      orchestrator.startOrchestration({
        number: order.number,
        odooId: order.odooId,
        tenantPartnerId: order.customerId,
      }),
    ).resolves.toMatchObject({ status: 'COMPLETED', version: done.version });
  }, 60_000);

  it('retries a transient Odoo failure with backoff until it succeeds, confirming once', async () => {
    const orchestrator = await fixture.orchestrator();
    const order = await createDraftOrder(fixture);
    fixture.odoo.emulator.calls.reset();
    fixture.odoo.emulator.faults.configure({
      rules: [{ model: 'sale.order', method: 'action_confirm', errorRate: 1 }],
    });
    await orchestrator.startOrchestration({
      number: order.number,
      odooId: order.odooId,
      tenantPartnerId: null,
    });
    const retrying = await stateWhen(
      orchestrator,
      order.number,
      (s) => s.steps.CONFIRM_ORDER.attempts >= 2 && s.steps.CONFIRM_ORDER.status === 'RETRYING',
    );
    expect(retrying.steps.CONFIRM_ORDER).toMatchObject({
      status: 'RETRYING',
      lastError: { code: 'ODOO_UNAVAILABLE', message: expect.any(String), at: expect.any(String) },
    });
    fixture.odoo.emulator.faults.configure({});
    const confirmed = await stateWhen(
      orchestrator,
      order.number,
      (s) => s.steps.CONFIRM_ORDER.status === 'SUCCEEDED',
    );
    expect(confirmed.steps.CONFIRM_ORDER.attempts).toBeGreaterThanOrEqual(3);
    expect(confirmed.status).toBe('RUNNING');
    const [odooOrder] = await fixture.odooClient.read('sale.order', [order.odooId], ['state', 'picking_ids']);
    expect(odooOrder).toMatchObject({ state: 'sale', picking_ids: [expect.any(Number)] });
    expect(effects().confirm).toBe(1);
  }, 60_000);

  it('compensates a WMS rejection: the Odoo order is cancelled and its stock released', async () => {
    // The WMS knows no warehouse with this id, and refuses the order (server-side validation).
    const orchestrator = await fixture.orchestrator({ wms: { warehouses: { CHI: 'V2FyZWhvdXNlOjk5OTk5' } } });
    const order = await createDraftOrder(fixture, 3);
    const reservedBefore = await reservedAt(fixture, order.productId);
    fixture.odoo.emulator.calls.reset();
    await orchestrator.startOrchestration({
      number: order.number,
      odooId: order.odooId,
      tenantPartnerId: null,
    });
    const failed = await stateWhen(orchestrator, order.number, (s) => s.status === 'FAILED');

    expect(failed.failure).toMatchObject({
      step: 'RELEASE_TO_WMS',
      code: 'WMS_REJECTED',
      message: expect.stringContaining('not found'),
    });
    expect(failed.steps.RELEASE_TO_WMS).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed.steps.CONFIRM_ORDER.status).toBe('COMPENSATED');
    expect(failed.steps.AWAIT_PACKED.status).toBe('PENDING');
    expect(failed.compensation).toEqual({
      status: 'DONE',
      actions: ['Odoo order cancelled, stock released'],
      lastError: null,
    });
    const [odooOrder] = await fixture.odooClient.read('sale.order', [order.odooId], ['state', 'picking_ids']);
    expect(odooOrder!.state).toBe('cancel');
    const pickings = await fixture.odooClient.read('stock.picking', odooOrder!.picking_ids ?? [], ['state']);
    expect(pickings.map((p) => p.state)).toEqual(['cancel']);
    expect(await reservedAt(fixture, order.productId)).toBeCloseTo(reservedBefore);
    expect(effects()).toMatchObject({ confirm: 1, cancel: 1, wmsCreate: 1, labels: 0 });
  }, 60_000);

  it('completes an order whose worker died in the middle of a step, applying every step once', async () => {
    const first = await fixture.orchestrator();
    const order = await createDraftOrder(fixture);
    fixture.odoo.emulator.calls.reset();
    // Confirmation takes a while: the worker dies while Odoo is confirming.
    fixture.odoo.emulator.faults.configure({
      rules: [{ model: 'sale.order', method: 'action_confirm', latencyMs: 800 }],
    });
    await first.startOrchestration({ number: order.number, odooId: order.odooId, tenantPartnerId: null });
    await stateWhen(first, order.number, (s) => s.steps.CONFIRM_ORDER.status === 'RUNNING');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await first.close({ abrupt: true });
    await new Promise((resolve) => setTimeout(resolve, 800));
    fixture.odoo.emulator.faults.configure({});

    const second = await fixture.orchestrator();
    await driveWarehouse(order.number, second);
    const done = await stateWhen(second, order.number, (s) => s.status !== 'RUNNING');
    expect(done.status).toBe('COMPLETED');
    // The confirmation ran twice as far as we know (the first attempt's outcome was never recorded)...
    expect(done.steps.CONFIRM_ORDER.attempts).toBe(2);
    // ...and was applied once, like every other step.
    expect(effects()).toEqual({
      confirm: 1,
      validate: 1,
      invoice: 1,
      post: 1,
      cancel: 0,
      wmsCreate: 1,
      wmsCancel: 0,
      labels: 1,
    });
    expect(await fulfilledEvents(order.number)).toHaveLength(1);
  }, 60_000);
});
