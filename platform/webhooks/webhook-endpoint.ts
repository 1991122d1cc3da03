import { z } from 'zod';
import { eventTypes, type EventType } from '../events/canonical-event.js';

export const endpointStatuses = ['active', 'failing', 'disabled'] as const;

/**
 * `active`: receives new events. `failing`: a delivery was dead-lettered; new events are not queued for it
 * (deliveries already queued still run) until it is enabled again. `disabled`: it answered 410 Gone, or was
 * disabled otherwise; nothing is delivered to it until it is enabled again.
 */
export type EndpointStatus = (typeof endpointStatuses)[number];

const eventTypeSchema = z.enum(Object.keys(eventTypes) as [EventType, ...EventType[]]);

/** An endpoint as stored (the signing secret lives beside it, read only by the delivery worker). */
export const webhookEndpointSchema = z.strictObject({
  id: z.string().regex(/^whe_[0-9a-f]{24}$/),
  /** The partner whose events it receives; null: owned internally, receives every tenant's events. */
  tenantPartnerId: z.number().int().positive().nullable(),
  /** The principal that registered it (for audit; never a secret). */
  ownerId: z.string().min(1),
  url: z.string(),
  eventTypes: z.array(eventTypeSchema).min(1),
  description: z.string(),
  status: z.enum(endpointStatuses),
  /** Why it is failing or disabled; null while active. */
  statusReason: z.string().nullable(),
  /** When the status last changed, ISO 8601. */
  statusChangedAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});

export type WebhookEndpoint = z.output<typeof webhookEndpointSchema>;

/** Who asks: the tenant a partner acts for, or null for an internal caller (who sees every endpoint). */
export interface WebhookOwner {
  principalId: string;
  tenantPartnerId: number | null;
}

/**
 * Event types a partner may not subscribe to: `stock.changed` carries exact on-hand figures and has no
 * tenant, and events without a tenant go to internally owned endpoints only.
 */
export const INTERNAL_ONLY_EVENT_TYPES: readonly EventType[] = ['stock.changed'];

/** What a caller registers; `url` is checked further by the URL policy. */
export const newEndpointSchema = z.strictObject({
  url: z.string().trim().min(1, 'is required'),
  eventTypes: z
    .array(eventTypeSchema)
    .min(1, 'name at least one event type')
    .transform((types) => [...new Set(types)]),
  description: z.string().trim().max(500).default(''),
});

export type NewEndpoint = z.input<typeof newEndpointSchema>;

/** Whether `owner` may see and manage `endpoint`. */
export function ownsEndpoint(owner: WebhookOwner, endpoint: WebhookEndpoint): boolean {
  return owner.tenantPartnerId === null || owner.tenantPartnerId === endpoint.tenantPartnerId;
}

/**
 * Whether an event of `tenantPartnerId` may go to `endpoint`: internally owned endpoints receive every
 * tenant's events and the tenant-less ones; a partner's endpoint only its own tenant's.
 */
export function tenantMatches(endpoint: WebhookEndpoint, tenantPartnerId: number | null): boolean {
  return endpoint.tenantPartnerId === null || endpoint.tenantPartnerId === tenantPartnerId;
}
