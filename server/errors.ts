/** Errors that become `{error: {code, message}}` responses; the message says what to do. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../lib/wire';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
