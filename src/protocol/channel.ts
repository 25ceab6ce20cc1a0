import type { ProtocolViolation } from './violation.js';

/**
 * One end of a message connection, whatever carries it (a Unix socket, or memory for the
 * in-process transport). Server and client logic are written against this, so both
 * transports share them.
 */
export interface MessageChannel<Out> {
  /** Starts delivering what arrives to `receiver`. Call once, before anything else. */
  open(receiver: ChannelReceiver): void;
  /** Queues a message for the peer; dropped silently once the channel is closing. */
  send(msg: Out): void;
  /** Delivers what was already sent, then closes. Incoming messages are ignored from now on. */
  end(): void;
  /** Closes now, dropping anything unsent. */
  destroy(): void;
  /** Bytes sent but not yet taken by the peer (0 in memory, where delivery does not wait). */
  backlog(): number;
  /** Calls `cb` once, when what was sent has all been taken (at once if nothing waits); never once the channel is closing. */
  onDrained(cb: () => void): void;
}

/** What a channel reports. Messages are raw (unvalidated); `closed` comes exactly once. */
export interface ChannelReceiver {
  message(raw: unknown): void;
  /** The peer broke the framing; nothing more will be read. */
  violation(err: ProtocolViolation): void;
  closed(reason?: Error): void;
}
