/**
 * EasyPost v2 objects as the connector reads them (easypost-node `types/*`), validated with zod before
 * anything is mapped. Fields the connector does not use are not listed (and pass through unchecked);
 * every listed field is checked, so a changed API fails loudly as CARRIER_PROTOCOL.
 */
import { z } from 'zod';

const isoTime = z.string().min(1);

export const addressWireSchema = z.object({
  name: z.string().nullish(),
  company: z.string().nullish(),
  street1: z.string().nullish(),
  street2: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  zip: z.string().nullish(),
  country: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
});

export const rateWireSchema = z.object({
  id: z.string().startsWith('rate_'),
  object: z.literal('Rate'),
  shipment_id: z.string(),
  carrier: z.string().min(1),
  carrier_account_id: z.string(),
  service: z.string().min(1),
  rate: z.string().regex(/^\d+(\.\d+)?$/),
  currency: z.string().length(3),
  delivery_days: z.number().int().nullish(),
  delivery_date: z.string().nullish(),
  delivery_date_guaranteed: z.boolean().nullish(),
});
export type RateWire = z.infer<typeof rateWireSchema>;

export const messageWireSchema = z.object({
  carrier: z.string(),
  carrier_account_id: z.string().nullish(),
  type: z.string(),
  message: z.string(),
});
export type MessageWire = z.infer<typeof messageWireSchema>;

export const postageLabelWireSchema = z.object({
  id: z.string(),
  object: z.literal('PostageLabel'),
  label_url: z.string(),
  label_file_type: z.string().nullish(),
  label_pdf_url: z.string().nullish(),
  created_at: isoTime,
});

export const trackingLocationWireSchema = z.object({
  city: z.string().nullish(),
  state: z.string().nullish(),
  country: z.string().nullish(),
  zip: z.string().nullish(),
});

export const trackingDetailWireSchema = z.object({
  object: z.literal('TrackingDetail'),
  message: z.string().nullish(),
  status: z.string(),
  datetime: isoTime,
  tracking_location: trackingLocationWireSchema.nullish(),
});

export const trackerWireSchema = z.object({
  id: z.string().startsWith('trk_'),
  object: z.literal('Tracker'),
  tracking_code: z.string().min(1),
  status: z.string(),
  carrier: z.string().min(1),
  shipment_id: z.string().nullish(),
  est_delivery_date: z.string().nullish(),
  tracking_details: z.array(trackingDetailWireSchema),
  carrier_detail: z.object({ service: z.string().nullish() }).nullish(),
  created_at: isoTime,
  updated_at: isoTime.nullish(),
});
export type TrackerWire = z.infer<typeof trackerWireSchema>;

export const shipmentWireSchema = z.object({
  id: z.string().startsWith('shp_'),
  object: z.literal('Shipment'),
  reference: z.string().nullish(),
  status: z.string().nullish(),
  tracking_code: z.string().nullish(),
  rates: z.array(rateWireSchema),
  selected_rate: rateWireSchema.nullish(),
  postage_label: postageLabelWireSchema.nullish(),
  messages: z.array(messageWireSchema),
  tracker: trackerWireSchema.nullish(),
  refund_status: z.enum(['submitted', 'refunded', 'rejected', 'not_applicable']).nullish(),
  created_at: isoTime,
  updated_at: isoTime.nullish(),
});
export type ShipmentWire = z.infer<typeof shipmentWireSchema>;

export const carrierAccountWireSchema = z.object({
  id: z.string().startsWith('ca_'),
  object: z.literal('CarrierAccount'),
  type: z.string(),
  readable: z.string().nullish(),
  description: z.string().nullish(),
});

export const webhookWireSchema = z.object({
  id: z.string().startsWith('hook_'),
  object: z.literal('Webhook'),
  url: z.string(),
});

export const eventWireSchema = z.object({
  id: z.string().startsWith('evt_'),
  object: z.literal('Event'),
  description: z.string().min(1),
  result: z.record(z.string(), z.unknown()),
  previous_attributes: z.record(z.string(), z.unknown()).nullish(),
  created_at: isoTime,
});

export const trackersBatchWireSchema = z.object({
  trackers: z.array(trackerWireSchema),
  has_more: z.boolean().optional(),
});

/** EasyPost's error body: `{ "error": { "code", "message", "errors": [{ field, message }] } }`. */
export const errorWireSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    errors: z
      .array(z.object({ field: z.string().optional(), message: z.string().optional() }).loose())
      .optional(),
  }),
});
