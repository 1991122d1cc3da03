import type { FulfillmentProgressReader } from '../orchestration/progress-reader.js';
import type { OrchestrationCounts } from './orchestration-metrics.js';

/**
 * The orchestration's stuck orders as metric rows (`state="stuck"`, one per phase): the counts from
 * `stuckCounts()`, the oldest age from the first page of stuck orders (oldest first, `pageSize` of them).
 */
export function stuckOrderCounts(
  progress: Pick<FulfillmentProgressReader, 'stuckCounts' | 'stuck'>,
  pageSize = 100,
): OrchestrationCounts {
  return async () => {
    const [counts, page] = await Promise.all([progress.stuckCounts(), progress.stuck(pageSize, null)]);
    const oldest = new Map<string, number>();
    for (const order of page.orders)
      oldest.set(order.phase, Math.max(oldest.get(order.phase) ?? 0, order.stuckForMs / 1000));
    return Object.entries(counts).map(([step, count]) => ({
      step,
      state: 'stuck',
      count,
      oldestAgeSeconds: oldest.get(step) ?? 0,
    }));
  };
}
