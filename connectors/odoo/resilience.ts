import {
  BrokenCircuitError,
  BulkheadRejectedError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import type { OdooConfig } from './config.js';
import { OdooCircuitOpenError, OdooError, OdooRetryableError } from './errors.js';
import { toOdooError, type OdooFailureSite } from './to-odoo-error.js';

/** The policies one client shares between all its calls; never module-level, so clients don't interfere. */
export interface OdooPolicies {
  /** Retries transient failures with decorrelated-jitter exponential backoff. */
  retry: RetryPolicy;
  /** The same shape without retries, for calls that must run at most once. */
  once: RetryPolicy;
  /** Limits calls in flight, with a bounded queue. */
  bulkhead: BulkheadPolicy;
  /** Opens after consecutive transient failures; other errors (validation, access) leave it alone. */
  breaker: CircuitBreakerPolicy;
}

const isTransient = (error: Error): boolean => error instanceof OdooError && error.retryable;

export function createOdooPolicies(config: OdooConfig): OdooPolicies {
  return {
    retry: retry(handleWhen(isTransient), {
      maxAttempts: config.retryAttempts,
      backoff: new ExponentialBackoff({
        initialDelay: config.retryInitialDelayMs,
        maxDelay: config.retryMaxDelayMs,
      }),
    }),
    once: retry(
      handleWhen(() => false),
      { maxAttempts: 0 },
    ),
    bulkhead: bulkhead(config.maxConcurrency, config.maxQueue),
    breaker: circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: config.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(config.breakerThreshold),
    }),
  };
}

/** Converts what the policies themselves throw (open circuit, full queue, cancellation) and everything else. */
export function toPolicyError(error: unknown, site: OdooFailureSite): OdooError {
  const where = { model: site.model, method: site.method, cause: error };
  if (error instanceof BrokenCircuitError) {
    return new OdooCircuitOpenError('Calls to Odoo are suspended after repeated failures', where);
  }
  if (error instanceof BulkheadRejectedError) {
    return new OdooRetryableError('Too many calls to Odoo are waiting; the queue is full', where);
  }
  if (error instanceof TaskCancelledError)
    return new OdooRetryableError('The call to Odoo was cancelled', where);
  return toOdooError(error, site);
}
