import type { ErrorCode } from '../protocol/messages.js';

/** An error a client should see with a stable code (the protocol carries `code`). */
export class FleetError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'FleetError';
  }
}
