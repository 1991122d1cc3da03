/** A canonical event before it has a stream id (see platform/events/canonical-event.ts). */
export interface InboundEvent {
  type: string;
  source: string;
  subject: string;
  time: string;
  tenantPartnerId: number | null;
  data: Record<string, unknown>;
}

/** Where a verified delivery becomes durable: the event log, appending once per de-duplication key. */
export interface EventAppender {
  append(event: InboundEvent, options: { dedupKey: string }): Promise<{ id: string; duplicate: boolean }>;
}
