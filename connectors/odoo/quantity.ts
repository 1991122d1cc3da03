import { Decimal } from 'decimal.js';

/**
 * A quantity Odoo returned as a binary float, as an exact decimal string. Odoo rounds quantities to the
 * unit's precision (3 decimals for "Product Unit of Measure" by default); trailing zeros are dropped.
 */
export function toDecimalString(value: number, decimals = 3): string {
  return new Decimal(String(value)).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toString();
}
