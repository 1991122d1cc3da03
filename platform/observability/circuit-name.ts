import { CircuitState } from 'cockatiel';
import type { CircuitName } from './channels.js';

/** cockatiel's breaker state as a metric label (an isolated breaker counts as open). */
export function circuitName(state: CircuitState): CircuitName {
  if (state === CircuitState.Closed) return 'closed';
  if (state === CircuitState.HalfOpen) return 'half-open';
  return 'open';
}
