import type { ErrorCode } from './messages.js';

/**
 * Every ErrorCode at run time, for isErrorCode. Typed as a record so that adding a code to
 * `ErrorCode` without listing it here is a compile error.
 */
const KNOWN: Record<ErrorCode, true> = {
  bad_frame: true,
  frame_too_large: true,
  bad_message: true,
  version_mismatch: true,
  not_hello: true,
  unknown_verb: true,
  bad_args: true,
  not_found: true,
  conflict: true,
  timeout: true,
  config: true,
  internal: true,
  too_many_connections: true,
  too_many_requests: true,
};

export function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(KNOWN, x);
}
