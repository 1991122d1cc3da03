/** One problem with the input of a key operation. */
export interface ApiKeyIssue {
  /** Dotted path of the offending input, e.g. `principal.scopes`. */
  path: string;
  message: string;
}

/** Why a key operation was refused: a business failure, shown to the operator, never a fault. */
export type ApiKeyErrorCode = 'INVALID_INPUT' | 'UNKNOWN_KEY' | 'KEY_REVOKED';

const MESSAGES: Record<ApiKeyErrorCode, string> = {
  INVALID_INPUT: 'Invalid API key input',
  UNKNOWN_KEY: 'No API key has this prefix',
  KEY_REVOKED: 'The API key is revoked',
};

/** A refused key operation (invalid input, unknown prefix, revoked key), with every problem listed. */
export class ApiKeyError extends Error {
  override readonly name = 'ApiKeyError';

  constructor(
    readonly code: ApiKeyErrorCode,
    readonly issues: readonly ApiKeyIssue[] = [],
  ) {
    const detail = issues.map((issue) => `${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
    super(detail.length > 0 ? `${MESSAGES[code]}: ${detail.join('; ')}` : MESSAGES[code]);
  }
}
