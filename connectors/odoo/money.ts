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
  const text = String(amount);
  // Plain notation (every amount between 1e-7 and 1e21) is rounded on its digits, which is what
  // Decimal does too but without building one per field read; exponent notation goes to Decimal.
  const plain = PLAIN_NUMBER.exec(text);
  if (plain) return roundPlain(plain[1] === '-', plain[2]!, plain[3] ?? '', decimalPlaces);
  const rounded = new Decimal(text).toDecimalPlaces(decimalPlaces, Decimal.ROUND_HALF_UP);
  // -0.001 rounds to -0; an amount of zero has no sign.
  return (rounded.isZero() ? new Decimal(0) : rounded).toFixed(decimalPlaces);
}

const PLAIN_NUMBER = /^(-?)(\d+)(?:\.(\d+))?$/;
const DIGIT_FIVE = 53;

/** `whole.fraction` rounded half-up (away from zero) to `places` digits, as a string; zero has no sign. */
function roundPlain(negative: boolean, whole: string, fraction: string, places: number): string {
  let digits = whole + (fraction.length >= places ? fraction.slice(0, places) : fraction.padEnd(places, '0'));
  if (fraction.length > places && fraction.charCodeAt(places) >= DIGIT_FIVE) digits = plusOne(digits);
  const point = digits.length - places;
  const magnitude = places === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative && /[1-9]/.test(digits) ? `-${magnitude}` : magnitude;
}

/** A string of decimal digits plus one, carrying (`"0999"` → `"1000"`, `"99"` → `"100"`). */
function plusOne(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i -= 1;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, i)}${String.fromCharCode(digits.charCodeAt(i) + 1)}${'0'.repeat(digits.length - i - 1)}`;
}

/** A decimal string (ours) as the float Odoo expects in `create`/`write` values. */
export function toOdooAmount(amount: string): number {
  const value = new Decimal(amount);
  if (!value.isFinite()) throw new RangeError(`Not a finite amount: ${amount}`);
  return value.toNumber();
}
