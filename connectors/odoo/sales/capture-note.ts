import type { ShippingPreference, ShippingService } from './capture-types.js';
import { shippingServices } from './capture-types.js';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const SHIPPING_LINE = /<p>Shipping preference: ([A-Z_]+)(?: \(carrier ([^)<]+)\))?<\/p>/;

/**
 * The sale.order `note` (HTML in Odoo 16+) of a captured order: the customer's notes, escaped, then one
 * line with the shipping preference, which staff read in Odoo and {@link shippingPreferenceIn} reads back.
 */
export function captureNote(notes: string | null, shipping: ShippingPreference): string {
  const carrier = shipping.carrier ? ` (carrier ${escapeHtml(shipping.carrier)})` : '';
  const customer = notes ? `<p>${escapeHtml(notes).replace(/\n/g, '<br>')}</p>` : '';
  return `${customer}<p>Shipping preference: ${shipping.service}${carrier}</p>`;
}

/** A line recording a cancellation and its reason, appended to the note. */
export function cancellationNote(reason: string): string {
  return `<p>Cancelled through the API: ${escapeHtml(reason)}</p>`;
}

/** The shipping preference a captured order's note records; STANDARD when it records none. */
export function shippingPreferenceIn(note: string | false | null): ShippingPreference {
  const match = typeof note === 'string' ? SHIPPING_LINE.exec(note) : null;
  const service = shippingServices.find((s) => s === match?.[1]) ?? ('STANDARD' satisfies ShippingService);
  return { service, carrier: match?.[2] ?? null };
}
