import type { Principal } from '../platform/auth/principal.js';
import type { CallBudget } from './plugins/useCallBudget.js';

/**
 * What our plugins add to the Hive gateway's per-request context. Per-request state lives here, never in
 * a module-level variable, so concurrent requests cannot see each other's caller.
 */
export interface DgContext {
  /** The authenticated caller; null for an anonymous one (only when anonymous access is allowed). */
  principal: Principal | null;
  /** The signed `x-dg-identity` token for {@link principal}; absent for anonymous callers. */
  identityToken?: string;
  /** The correlation id of this request or WebSocket operation. */
  correlationId: string;
  /** What this operation cost the connected systems so far (useCallBudget; useResponseCache marks hits). */
  callBudget?: CallBudget;
}
