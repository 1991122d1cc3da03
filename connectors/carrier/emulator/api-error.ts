/** An EasyPost error answer: `{ "error": { "code", "message", "errors": [{ field, message }] } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { error: { code: this.code, message: this.message, errors: this.errors } };
  }
}

export const notFound = (what: string) =>
  new ApiError(404, 'NOT_FOUND', `The requested resource could not be found. (${what})`);
