import type { ErrorCode, FleetEvent, ServerIdentity } from '../protocol/messages.js';
import type { Args, Result, Verb } from '../protocol/requests.js';

/**
 * What every client of a fleet server sees, over a socket or in-process: CLI verbs, the
 * cockpit and tests all drive the fleet through this.
 */
export interface FleetClient {
  readonly server: ServerIdentity;
  /**
   * Runs a verb of the request table (protocol/requests.ts) on the server; rejects with
   * RemoteError when it fails there.
   */
  request<V extends Verb>(verb: V, ...args: {} extends Args<V> ? [args?: Args<V>] : [args: Args<V>]): Promise<Result<V>>;
  /**
   * Starts (or widens) the events this client hears; `onEvent` gets those matching its own
   * `opts`. Several calls add up: the server is asked for the union.
   */
  subscribe(opts: { events?: boolean; screens?: string[] }, onEvent: (e: FleetEvent) => void): void;
  input(name: string, data: string): void;
  resize(name: string, cols: number, rows: number): void;
  /** Called once when the connection ends; `reason` says why when it was not close(). */
  onClose(cb: (reason?: Error) => void): void;
  close(): void;
}

/** The server refused a request or the connection, with a stable code. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A request could not finish because the connection to the server ended first. */
export class ConnectionClosed extends Error {
  override readonly name = 'ConnectionClosed';
  readonly code = 'connection_closed';

  constructor(readonly reason?: Error) {
    super(reason ? `connection to the hangar server closed: ${reason.message}` : 'connection to the hangar server closed');
  }
}
