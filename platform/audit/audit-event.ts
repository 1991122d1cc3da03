/** Whether what was asked happened. */
export type AuditOutcome = 'allowed' | 'denied' | 'failed';

/** One audited fact: who did (or tried) what, on which entities, with which outcome. */
export interface AuditEvent {
  /** Unique per event (a UUID). */
  id: string;
  /** ISO 8601. */
  time: string;
  /** Who: `anonymous` when no principal was established (e.g. a wrong key). */
  principal: {
    kind: 'internal' | 'partner' | 'anonymous';
    id: string | null;
    /** The partner's Odoo commercial partner id; null for internal and anonymous callers. */
    tenant: number | null;
  };
  /** The public prefix of the presented API key, when one was presented (never the key). */
  keyPrefix: string | null;
  operation: { name: string | null; type: 'query' | 'mutation' | 'subscription' | null };
  outcome: AuditOutcome;
  /** The error code of a denial or failure (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED...). */
  code: string | null;
  /** Why, in a few words, for denials and failures. */
  reason: string | null;
  /** What was touched: coordinates of sensitive fields read, mutation fields with their key arguments. */
  entities: string[];
  correlationId: string | null;
  /** The client's address as the gateway saw it. */
  clientAddress: string | null;
}
