/** Every code a {@link WebhookError} carries, with its meaning. A test keeps them unique and documented. */
export const webhookErrorCatalogue = {
  INVALID_INPUT: 'The input is invalid (URL, event types, description, replay range); see `issues`.',
  URL_NOT_ALLOWED:
    'The URL is refused: not HTTPS in production, or its host resolves to a private, loopback, link-local, unique-local, multicast or unspecified address.',
  UNKNOWN_ENDPOINT: 'No endpoint has this id, or it belongs to another partner.',
  ENDPOINT_LIMIT_REACHED: 'The owner already has the most endpoints allowed; remove one first.',
  ENDPOINT_DISABLED: 'The endpoint is disabled (it answered 410 Gone); enable it before replaying.',
} as const satisfies Record<string, string>;

export type WebhookErrorCode = keyof typeof webhookErrorCatalogue;

/** One problem with one input field, e.g. `{ path: 'url', message: 'must use https' }`. */
export interface WebhookIssue {
  path: string;
  message: string;
}

/** A refused webhook operation: nothing was changed. The access subgraph shows it in the result type. */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
  readonly code: WebhookErrorCode;
  readonly issues: readonly WebhookIssue[];

  constructor(
    code: WebhookErrorCode,
    message: string = webhookErrorCatalogue[code],
    issues: readonly WebhookIssue[] = [],
  ) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}
