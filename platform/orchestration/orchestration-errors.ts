/** The orchestration store's error catalogue: every failure of the store is one of these codes. */
export const orchestrationErrorCatalogue = {
  ORCHESTRATION_EXISTS: 'An orchestration was started for this order already.',
  ORCHESTRATION_NOT_FOUND: 'No orchestration exists for this order.',
  ORCHESTRATION_CONFLICT: 'The state changed under the update too many times in a row; retry later.',
  ORCHESTRATION_CORRUPT: 'The stored state does not match the schema (written by an incompatible version).',
} as const;

export type OrchestrationErrorCode = keyof typeof orchestrationErrorCatalogue;

export class OrchestrationError extends Error {
  readonly code: OrchestrationErrorCode;
  readonly orderNumber: string;

  constructor(code: OrchestrationErrorCode, orderNumber: string, options?: { cause?: unknown }) {
    super(`${orchestrationErrorCatalogue[code]} (order ${orderNumber})`, options);
    this.name = 'OrchestrationError';
    this.code = code;
    this.orderNumber = orderNumber;
  }
}
