import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import type { WmsConfig } from './config.js';
import { WmsCircuitOpenError, WmsError, WmsUnavailableError } from './errors.js';
import { fromThrown } from './to-wms-error.js';

/** The policies one client shares between all its calls; never module-level, so clients don't interfere. */
export interface WmsPolicies {
  /** Retries transient failures with decorrelated-jitter exponential backoff. */
  retry: RetryPolicy;
  /** The same shape without retries, for writes that must run at most once. */
  once: RetryPolicy;
  /** Opens after consecutive transient failures; validation, throttling and protocol errors leave it alone. */
  breaker: CircuitBreakerPolicy;
}

const isTransient = (error: Error): boolean => error instanceof WmsError && error.retryable;

export function createWmsPolicies(config: WmsConfig): WmsPolicies {
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
    breaker: circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: config.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(config.breakerThreshold),
    }),
  };
}

/** Converts what the policies throw (open circuit, cancellation) and everything else. */
export function toPolicyError(error: unknown, operation: string): WmsError {
  if (error instanceof BrokenCircuitError)
    return new WmsCircuitOpenError('Calls to the WMS are suspended after repeated failures', {
      operation,
      cause: error,
    });
  if (error instanceof TaskCancelledError)
    return new WmsUnavailableError('The call to the WMS was cancelled', { operation, cause: error });
  return fromThrown(error, { operation });
}
