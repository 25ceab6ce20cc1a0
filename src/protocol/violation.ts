import type { ErrorCode } from './messages.js';

/** The error codes a peer earns by breaking the wire format itself. */
export type ViolationCode = Extract<ErrorCode, 'bad_frame' | 'frame_too_large' | 'bad_message'>;

/**
 * A peer sent (or we were about to send) something the protocol does not allow. The
 * receiving side answers with an `error` message carrying `code` and drops the connection.
 */
export class ProtocolViolation extends Error {
  override readonly name = 'ProtocolViolation';

  constructor(
    readonly code: ViolationCode,
    message: string,
  ) {
    super(message);
  }
}
