import { z } from 'zod';
import type { RedisClient } from '../../platform/redis.js';
import { orderStatuses, type OrderStatus } from '../../schema/canonical/orders.js';

/** The last status recorded for an order, and the `write_date` (ISO 8601 UTC) it was read at. */
export interface KnownOrderStatus {
  status: OrderStatus;
  writeDate: string;
}

const knownSchema = z.object({ status: z.enum(orderStatuses), writeDate: z.string() });

/**
 * Records `ARGV[2]` for field `ARGV[1]` unless what is there was read at a later `write_date` (ARGV[3]),
 * so that a slow reader holding an older read-back never overwrites a newer one. ISO 8601 UTC strings of
 * one format order as text. Returns 1 when recorded.
 */
const REMEMBER_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and cjson.decode(current).writeDate > ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

/**
 * The last canonical status we recorded per Odoo sale order, in one Redis hash (field: the order's id),
 * so that `order.status_changed` is emitted only when the status really changed, across restarts and
 * across the webhook and reconciliation paths.
 */
export class OrderStatusMemory {
  readonly #redis: RedisClient;
  readonly key: string;

  /** `key`: the hash, e.g. `dg:events:order-status`. */
  constructor(redis: RedisClient, key: string) {
    this.#redis = redis;
    this.key = key;
  }

  async get(odooId: number): Promise<KnownOrderStatus | null> {
    const raw = await this.#redis.hGet(this.key, String(odooId));
    if (raw === null || raw === undefined) return null;
    // Something else wrote the field: treat the order as first seen rather than fail every change of it.
    try {
      const parsed = knownSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async remember(odooId: number, known: KnownOrderStatus): Promise<void> {
    await this.#redis.eval(REMEMBER_SCRIPT, {
      keys: [this.key],
      arguments: [String(odooId), JSON.stringify(known), known.writeDate],
    });
  }
}
