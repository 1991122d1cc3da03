import { Decimal } from 'decimal.js';

/** Decimal places of a currency when Odoo's `res.currency.decimal_places` is not known. */
export const DEFAULT_CURRENCY_DECIMALS = 2;

/**
 * An Odoo monetary float as an exact decimal string with `decimalPlaces` digits, rounded half-up
 * (away from zero, as Odoo's `float_round` does). It starts from the float's shortest round-trip
 * representation (`String(n)`), the number Odoo meant: 2.675 is stored as 2.67499999..., but its
 * shortest form is "2.675", which rounds to "2.68".
 */
export function toMoneyString(amount: number, decimalPlaces: number = DEFAULT_CURRENCY_DECIMALS): string {
  if (!Number.isFinite(amount)) throw new RangeError(`Not a finite amount: ${amount}`);
  if (!Number.isInteger(decimalPlaces) || decimalPlaces < 0)
    throw new RangeError(`Bad decimal places: ${decimalPlaces}`);
  const rounded = new Decimal(String(amount)).toDecimalPlaces(decimalPlaces, Decimal.ROUND_HALF_UP);
  // -0.001 rounds to -0; an amount of zero has no sign.
  return (rounded.isZero() ? new Decimal(0) : rounded).toFixed(decimalPlaces);
}

/** A decimal string (ours) as the float Odoo expects in `create`/`write` values. */
export function toOdooAmount(amount: string): number {
  const value = new Decimal(amount);
  if (!value.isFinite()) throw new RangeError(`Not a finite amount: ${amount}`);
  return value.toNumber();
}
