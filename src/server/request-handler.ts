/** How the protocol server hands work to whoever owns the fleet. */

export type Transport = 'socket' | 'in-process';

/** One client that has completed the hello/welcome handshake. */
export interface ConnectionInfo {
  /** Unique for the life of the server. */
  readonly id: number;
  /** The name the client gave in `hello` (e.g. "cli", "cockpit"). */
  readonly client: string;
  readonly transport: Transport;
  /**
   * Aborted when the connection closes: a request still waiting (`wait`, `send --wait`) stops
   * waiting, so a client that went away leaves no listener or timer behind.
   */
  readonly closed: AbortSignal;
}

export interface RequestHandler {
  /**
   * Runs one verb, as the wire carries it (FleetServer checks it against protocol/requests.ts
   * and runs the server's request table, request-table.ts). Throw an error whose `code` is an
   * ErrorCode (RequestError, FleetError) to send that code back; any other throw is reported
   * as `internal`.
   */
  request(verb: string, args: Record<string, unknown>, conn: ConnectionInfo): Promise<unknown>;
  input?(name: string, data: string): void;
  resize?(conn: ConnectionInfo, name: string, cols: number, rows: number): void;
  /** After a client (re)subscribes; the place to send it full frames of `screens`. */
  onSubscribe?(conn: ConnectionInfo, screens: string[]): void;
  /** Only for connections that completed the handshake. */
  onDisconnect?(conn: ConnectionInfo): void;
  /**
   * A client that fell behind (server-connection.ts) has taken all its output again: it missed
   * frames of `screens`, and needs a full frame of each.
   */
  onCaughtUp?(conn: ConnectionInfo, screens: string[]): void;
}
