import type { ErrorCode } from '../protocol/messages.js';

/** Thrown by request handlers to fail a request with a stable code the client can act on. */
export class RequestError extends Error {
  override readonly name = 'RequestError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
