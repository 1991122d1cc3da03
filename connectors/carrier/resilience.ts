import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  type RetryPolicy,
} from 'cockatiel';
import type { CarrierConfig } from './config.js';
import {
  CarrierCircuitOpenError,
  CarrierError,
  CarrierRateLimitedError,
  CarrierUnavailableError,
} from './errors.js';
import { fromThrown, type CarrierFailureSite } from './to-carrier-error.js';

/** The policies one client shares between its calls; never module-level, so clients don't interfere. */
export interface CarrierPolicies {
  /** Safe calls (GET, tracker create): transient failures and 429s, with jittered backoff. */
  retry: RetryPolicy;
  /** Calls that must run at most once (buy, refund, create): only 429s, which the API did not run. */
  once: RetryPolicy;
  /** Opens after consecutive transient failures of the API; validation and 429s leave it alone. */
  breaker: CircuitBreakerPolicy;
}

type RetryContext = IRetryBackoffContext<unknown>;

/** Waits what a 429's Retry-After announced; otherwise the wrapped backoff's delay. */
class RetryAfterBackoff implements IBackoffFactory<RetryContext> {
  constructor(private readonly inner: IBackoffFactory<unknown>) {}

  next(context: RetryContext): IBackoff<RetryContext> {
    const step = this.inner.next(context);
    const error = 'error' in context.result ? context.result.error : undefined;
    const announced = error instanceof CarrierRateLimitedError ? error.retryAfterMs : undefined;
    return {
      duration: announced ?? step.duration,
      next: (later: RetryContext) => new RetryAfterBackoff(step).next(later),
    };
  }
}

export function createCarrierPolicies(config: CarrierConfig): CarrierPolicies {
  const waitable = (error: Error) =>
    error instanceof CarrierRateLimitedError && (error.retryAfterMs ?? 0) <= config.rateLimitMaxWaitMs;
  const transient = (error: Error) => error instanceof CarrierError && error.retryable;
  const backoff = () =>
    new RetryAfterBackoff(
      new ExponentialBackoff({ initialDelay: config.retryInitialDelayMs, maxDelay: config.retryMaxDelayMs }),
    );
  return {
    retry: retry(
      handleWhen((error) => transient(error) || waitable(error)),
      { maxAttempts: config.retryAttempts, backoff: backoff() },
    ),
    once: retry(handleWhen(waitable), { maxAttempts: config.retryAttempts, backoff: backoff() }),
    breaker: circuitBreaker(handleWhen(transient), {
      halfOpenAfter: config.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(config.breakerThreshold),
    }),
  };
}

/** Converts what the policies throw (open circuit, cancellation) and everything else. */
export function toPolicyError(error: unknown, site: CarrierFailureSite): CarrierError {
  if (error instanceof BrokenCircuitError)
    return new CarrierCircuitOpenError('Calls to the carrier API are suspended after repeated failures', {
      operation: site.operation,
      cause: error,
    });
  if (error instanceof TaskCancelledError)
    return new CarrierUnavailableError(`${site.operation} was cancelled`, {
      operation: site.operation,
      cause: error,
    });
  return fromThrown(error, site);
}
