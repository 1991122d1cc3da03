import type { MoneyShape } from '../../../platform/graphql/create-subgraph-builder.js';

/** One requested line: a catalogue SKU and a quantity (decimal string, greater than zero). */
export interface CaptureLine {
  sku: string;
  quantity: string;
}

/** A delivery address given in full; an identical one of the customer is reused. */
export interface NewDeliveryAddress {
  name: string | null;
  street: string;
  street2: string | null;
  city: string;
  zip: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
}

export type ShipTo = { addressRowId: number } | { newAddress: NewDeliveryAddress };

export const shippingServices = ['STANDARD', 'EXPEDITED'] as const;
export type ShippingService = (typeof shippingServices)[number];

/** How the customer wants the goods sent; carrier selection (the orchestration) reads it back. */
export interface ShippingPreference {
  service: ShippingService;
  /** A carrier code the customer prefers (e.g. `ups`); null for the cheapest within the service. */
  carrier: string | null;
}

/**
 * Our own reference of one capture, written to sale.order `origin` as `anchor/variant`: the anchor is
 * per principal and idempotency key, the variant per request fingerprint. A retry finds what an earlier
 * attempt created even when Redis has forgotten it, and tells a reused key by the variant.
 */
export interface CaptureReference {
  anchor: string;
  variant: string;
}

/** A validated capture request in canonical terms. */
export interface CaptureRequest {
  customerRowId: number;
  customerReference: string;
  lines: readonly CaptureLine[];
  shipTo: ShipTo;
  /** ISO date the customer wants the goods, or null for as soon as possible. */
  requestedDate: string | null;
  shipping: ShippingPreference;
  notes: string | null;
  reference: CaptureReference;
}

export interface CaptureIssue {
  /** Which input, e.g. `lines[2].sku`. */
  path: string;
  message: string;
}

export interface ShortLine {
  sku: string;
  requested: string;
  available: string;
  /** ISO date of the first receipt that covers the request, or null when none is planned. */
  nextAvailableOn: string | null;
}

/** The business outcomes of a capture: each is kept and replayed as it is (JSON). */
export type CaptureOutcome =
  | { kind: 'CAPTURED'; orderRowId: number; number: string; customerRowId: number }
  | { kind: 'OUT_OF_STOCK'; warehouse: string; lines: ShortLine[] }
  | { kind: 'CREDIT_HOLD'; openBalance: MoneyShape; orderTotal: MoneyShape; creditLimit: MoneyShape }
  | { kind: 'INVALID'; issues: CaptureIssue[] }
  | { kind: 'DUPLICATE_REFERENCE'; orderRowId: number; number: string };

export type CapturedOutcome = Extract<CaptureOutcome, { kind: 'CAPTURED' }>;

/**
 * What one capture call did: an outcome (`createdNow` when this call created the order), an order an
 * earlier attempt with the same key created for the same input, or a sign that the key was used for
 * another input.
 */
export type CaptureAttempt =
  | { kind: 'outcome'; outcome: CaptureOutcome; createdNow: boolean }
  | { kind: 'earlier'; outcome: CapturedOutcome }
  | { kind: 'key-reused' };
