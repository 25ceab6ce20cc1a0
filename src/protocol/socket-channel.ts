import type { Socket } from 'node:net';
import type { ChannelReceiver, MessageChannel } from './channel.js';
import { encodeFrame, FRAME_HEADER_BYTES, FrameDecoder, MAX_FRAME_BYTES } from './frame.js';
import { ProtocolViolation } from './violation.js';

/** A peer with more than this much unsent output is dropped rather than buffered forever. */
export const DEFAULT_MAX_PENDING_BYTES = 16 * 1024 * 1024;

export interface SocketChannelOptions {
  maxPendingBytes?: number;
  /** largest frame body taken from the peer (default MAX_FRAME_BYTES; the server: MAX_CLIENT_FRAME_BYTES) */
  maxIncomingFrameBytes?: number;
  /** largest frame body sent (default MAX_FRAME_BYTES; clients: MAX_CLIENT_FRAME_BYTES, so they hear why at once) */
  maxOutgoingFrameBytes?: number;
  /** a peer that stops sending in the middle of a frame for this long is closed (default: never) */
  partialFrameTimeoutMs?: number;
}

/**
 * Frames of one message object, kept while the object lives: a published event goes to
 * every subscriber as the same object, so it is encoded once, not once per client.
 */
const encodedFrames = new WeakMap<object, Buffer>();

function frameOf(msg: unknown): Buffer {
  if (typeof msg !== 'object' || msg === null) return encodeFrame(msg);
  let frame = encodedFrames.get(msg);
  if (!frame) {
    frame = encodeFrame(msg);
    encodedFrames.set(msg, frame);
  }
  return frame;
}

/** Carries framed messages over a connected stream socket. `send` throws a ProtocolViolation for an unencodable message. */
export function socketChannel<Out>(socket: Socket, options: SocketChannelOptions = {}): MessageChannel<Out> {
  const maxPending = options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES;
  const maxOutgoing = options.maxOutgoingFrameBytes ?? MAX_FRAME_BYTES;
  const decoder = new FrameDecoder(options.maxIncomingFrameBytes ?? MAX_FRAME_BYTES);
  let reading = true;
  let closeReason: Error | undefined;
  /** messages sent in one run of code share one write (see send) */
  let corked = false;
  /** runs while a frame is half-read: a peer holding a partial frame must not hold it forever */
  let partialTimer: NodeJS.Timeout | null = null;
  const stopPartialTimer = (): void => {
    if (partialTimer) clearTimeout(partialTimer);
    partialTimer = null;
  };

  const stopReading = (): void => {
    reading = false;
    stopPartialTimer();
    // Bytes still arriving are discarded without being read into memory by us.
    socket.removeAllListeners('data');
    socket.resume();
  };

  /** (Re)arms the partial-frame timer after a read that left a frame half done; stops it otherwise. */
  const watchPartialFrame = (receiver: ChannelReceiver): void => {
    const ms = options.partialFrameTimeoutMs;
    stopPartialTimer();
    if (ms === undefined || !reading || !decoder.midFrame) return;
    partialTimer = setTimeout(() => {
      partialTimer = null;
      if (!reading) return;
      stopReading();
      receiver.violation(new ProtocolViolation('bad_frame', `nothing sent for ${ms} ms in the middle of a frame`));
    }, ms);
    partialTimer.unref();
  };

  return {
    open(receiver: ChannelReceiver): void {
      socket.on('data', (chunk: Buffer) => {
        if (!reading) return;
        let messages: unknown[];
        try {
          messages = decoder.push(chunk);
        } catch (err) {
          if (!(err instanceof ProtocolViolation)) throw err;
          stopReading();
          receiver.violation(err);
          return;
        }
        for (const msg of messages) {
          if (!reading) break;
          receiver.message(msg);
        }
        watchPartialFrame(receiver);
      });
      socket.on('error', (err) => {
        closeReason ??= err;
      });
      socket.once('close', () => {
        stopPartialTimer();
        receiver.closed(closeReason);
      });
    },

    send(msg: Out): void {
      if (socket.destroyed || !socket.writable) return;
      const frame = frameOf(msg);
      if (frame.length - FRAME_HEADER_BYTES > maxOutgoing) {
        throw new ProtocolViolation('frame_too_large', `message of ${frame.length - FRAME_HEADER_BYTES} bytes exceeds ${maxOutgoing}, the most a client may send to the server`);
      }
      // Everything sent before the current code yields goes out in one write: a frame slot's
      // screens, an answer and its events. One syscall, and one wake-up of the reader, not one each.
      if (!corked) {
        corked = true;
        socket.cork();
        process.nextTick(() => {
          corked = false;
          socket.uncork();
        });
      }
      socket.write(frame);
      if (socket.writableLength > maxPending) {
        closeReason ??= new Error(`peer is not reading: more than ${maxPending} bytes of output pending`);
        stopReading();
        socket.destroy();
      }
    },

    end(): void {
      if (!reading && socket.writableEnded) return;
      stopReading();
      if (socket.destroyed) return;
      // Flush, then close outright: a peer that never closes its side must not keep us open.
      socket.end(() => socket.destroy());
    },

    destroy(): void {
      stopReading();
      socket.destroy();
    },

    backlog(): number {
      return socket.writableLength;
    },

    onDrained(cb: () => void): void {
      // a socket that is going away never drains: its close is the end of it
      if (socket.destroyed || !socket.writable) return;
      // corked bytes are not a backlog yet: ask again once they are written (the uncork's tick came first)
      if (corked) process.nextTick(() => this.onDrained(cb));
      else if (socket.writableLength === 0) queueMicrotask(cb);
      else socket.once('drain', cb);
    },
  };
}
