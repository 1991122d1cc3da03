/**
 * ShipHero's order state → our FulfillmentStatus, in one place.
 *
 * ShipHero keeps one free-text `fulfillment_status` per order (`pending`, `fulfilled`, `canceled`,
 * `backorder`, `partially_fulfilled`, plus statuses an account defines itself), with holds as flags and
 * allocation as a list. The mapping, first rule that applies:
 *
 * | ShipHero                                                      | FulfillmentStatus |
 * |---------------------------------------------------------------|-------------------|
 * | `canceled` / `cancelled`                                      | CANCELLED         |
 * | `fulfilled` / `shipped`                                       | SHIPPED           |
 * | any hold flag set, or `backorder` / `partially_fulfilled`     | ON_HOLD           |
 * | `packed` (account-defined status set at pack-out)             | PACKED            |
 * | `picked` (account-defined status set when the pick completes) | PICKED            |
 * | anything else with an allocation                              | ALLOCATED         |
 * | anything else (`pending`, `unfulfilled`, ...)                 | RECEIVED          |
 *
 * On an account without the `picked` and `packed` custom statuses an order goes straight from ALLOCATED
 * to SHIPPED; the emulator sets both, as a distributor configuring ShipHero for this integration would.
 */
import type { FulfillmentStatus } from '../../schema/canonical/fulfillment.js';

export interface ShipHeroOrderState {
  fulfillmentStatus: string;
  holds?: Readonly<Record<string, unknown>> | null;
  allocated: boolean;
}

const CANCELLED = new Set(['canceled', 'cancelled']);
const SHIPPED = new Set(['fulfilled', 'shipped']);
const HELD = new Set(['backorder', 'partially_fulfilled', 'on_hold']);

export function toFulfillmentStatus(state: ShipHeroOrderState): FulfillmentStatus {
  const status = state.fulfillmentStatus.trim().toLowerCase();
  if (CANCELLED.has(status)) return 'CANCELLED';
  if (SHIPPED.has(status)) return 'SHIPPED';
  if (HELD.has(status) || activeHolds(state.holds).length > 0) return 'ON_HOLD';
  if (status === 'packed') return 'PACKED';
  if (status === 'picked') return 'PICKED';
  return state.allocated ? 'ALLOCATED' : 'RECEIVED';
}

/** The names of the hold flags set (`operator_hold`, ...). */
export function activeHolds(holds: ShipHeroOrderState['holds']): string[] {
  return Object.entries(holds ?? {})
    .filter(([, on]) => on === true)
    .map(([name]) => name);
}

/** The ShipHero statuses of orders still open (not shipped, not cancelled), as the backlog asks for them. */
export const OPEN_SHIPHERO_STATUSES = ['pending', 'picked', 'packed', 'backorder'] as const;
