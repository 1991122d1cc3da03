/**
 * Demo data for the emulated Odoo: a believable US distributor (Lakeshore Supply Co.) with three
 * warehouses, ~120 products, B2B customers and a 180-day order history in every state, generated
 * deterministically from a seed (mulberry32, no Math.random) and through the same public operations a
 * client uses, with the clock moved so that dates spread over the history.
 *
 * Size: 200 orders × `scale` (customers grow with √scale; stock levels with scale). The history ends at
 * the start of the current UTC day (of the emulator's clock), so two runs on the same day produce the
 * same records.
 */
import type { OdooEmulator } from '../emulator.js';
import { seededRandom } from '../../../shared/seeded-random.js';
import { setUpCatalog } from './catalog.js';
import { createCustomers } from './customers.js';
import { planOrders } from './orders.js';
import { planStock } from './stock-levels.js';
import { Timeline } from './timeline.js';

const DAY = 86_400_000;
const HISTORY_DAYS = 180;

export interface DemoOptions {
  scale?: number;
  seed?: number;
}

export interface DemoSummary {
  orders: number;
  customers: number;
  products: number;
  /** Business calls the rules refused during the history (skipped, as a user would). */
  refused: number;
}

export function seedDemoData(emulator: OdooEmulator, options: DemoOptions = {}): DemoSummary {
  const scale = options.scale && options.scale > 0 ? options.scale : 1;
  const rnd = seededRandom(options.seed ?? 1);
  const wasFrozen = emulator.clock.isFrozen ? emulator.now() : null;
  const anchor = Date.parse(`${emulator.now().slice(0, 10)}T00:00:00Z`);
  const start = anchor - (HISTORY_DAYS + 1) * DAY;
  const env = emulator.env();
  try {
    emulator.setNow(new Date(start - DAY).toISOString().slice(0, 19).replace('T', ' '));
    const catalog = emulator.transaction(() => setUpCatalog(env, rnd));
    const customers = emulator.transaction(() =>
      createCustomers(env, rnd, Math.round(40 * Math.sqrt(scale))),
    );
    const timeline = new Timeline(anchor);
    const confirmed = new Set<number>();
    planStock(env, timeline, rnd, catalog, start, anchor, scale, confirmed);
    const orders = Math.round(200 * scale);
    planOrders(env, timeline, rnd, catalog, customers, { count: orders, anchor, confirmed });
    timeline.run((ts) => emulator.setNow(ts));
    return {
      orders,
      customers: customers.length,
      products: catalog.products.length,
      refused: timeline.refused,
    };
  } finally {
    emulator.setNow(wasFrozen);
  }
}
