/**
 * Visibility: orders stuck in a step longer than its limit are listed (oldest first, by cursor) and
 * counted per step; a WMS event wakes a waiting step long before its next poll.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { decodeStuckCursor } from '../../platform/orchestration/progress-reader.js';
import {
  advanceWms,
  createDraftOrder,
  startFixture,
  stateWhen,
  type OrchestrationFixture,
} from './support.js';

let fixture: OrchestrationFixture;

beforeEach(async () => {
  fixture = await startFixture();
});
afterEach(() => fixture.close());

describe('stuck orders and events', () => {
  it('lists and counts the orders waiting for the warehouse longer than the limit', async () => {
    const orchestrator = await fixture.orchestrator({ stuckLimits: { AWAIT_PACKED: 1000 } });
    const first = await createDraftOrder(fixture);
    const second = await createDraftOrder(fixture);
    for (const order of [first, second]) {
      await orchestrator.startOrchestration({
        number: order.number,
        odooId: order.odooId,
        tenantPartnerId: null,
      });
      await stateWhen(orchestrator, order.number, (s) => s.currentStep === 'AWAIT_PACKED');
    }
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const counts = await orchestrator.stuckCounts();
    expect(counts).toMatchObject({ AWAIT_PACKED: 2, CREDIT_CHECK: 0, COMPENSATION: 0 });
    const page = await orchestrator.progress.stuck(1, null);
    expect(page.hasNextPage).toBe(true);
    expect(page.orders).toEqual([
      expect.objectContaining({ phase: 'AWAIT_PACKED', limitMs: 1000, stuckForMs: expect.any(Number) }),
    ]);
    expect(page.orders[0]!.state.number).toBe(first.number);
    expect(page.orders[0]!.stuckForMs).toBeGreaterThanOrEqual(1000);
    const next = await orchestrator.progress.stuck(10, decodeStuckCursor(page.orders[0]!.cursor));
    expect(next.orders.map((o) => o.state.number)).toEqual([second.number]);
    expect(next.hasNextPage).toBe(false);

    // Packed: no longer stuck there.
    advanceWms(fixture, 3);
    await stateWhen(orchestrator, first.number, (s) => s.currentStep === 'AWAIT_SHIPPED');
    await stateWhen(orchestrator, second.number, (s) => s.currentStep === 'AWAIT_SHIPPED');
    expect((await orchestrator.stuckCounts()).AWAIT_PACKED).toBe(0);
  }, 60_000);

  it('wakes a step waiting for the warehouse when a fulfilment event arrives, long before its next poll', async () => {
    const orchestrator = await fixture.orchestrator({ pollMs: 600_000 });
    const order = await createDraftOrder(fixture);
    await orchestrator.startOrchestration({
      number: order.number,
      odooId: order.odooId,
      tenantPartnerId: null,
    });
    await stateWhen(orchestrator, order.number, (s) => s.steps.AWAIT_PACKED.status === 'WAITING');
    advanceWms(fixture, 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await orchestrator.progress.get(order.number))!.currentStep).toBe('AWAIT_PACKED');
    await fixture.events.append(
      {
        type: 'fulfillment.updated',
        source: 'wms',
        subject: order.number,
        time: new Date().toISOString(),
        tenantPartnerId: null,
        data: { orderNumber: order.number, status: 'PACKED' },
      },
      { dedupKey: `test:${order.number}:packed` },
    );
    const moved = await stateWhen(orchestrator, order.number, (s) => s.currentStep === 'AWAIT_SHIPPED', 5000);
    expect(moved.steps.SELECT_CARRIER.status).toBe('SUCCEEDED');
    expect(moved.steps.BUY_LABEL.status).toBe('SUCCEEDED');
  }, 60_000);
});
