import type { Socket } from 'node:net';
import type { ChannelReceiver, MessageChannel } from './channel.js';
import { encodeFrame, FrameDecoder } from './frame.js';
import { ProtocolViolation } from './violation.js';

/** A peer with more than this much unsent output is dropped rather than buffered forever. */
export const DEFAULT_MAX_PENDING_BYTES = 16 * 1024 * 1024;

export interface SocketChannelOptions {
  maxPendingBytes?: number;
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
  const decoder = new FrameDecoder();
  let reading = true;
  let closeReason: Error | undefined;

  const stopReading = (): void => {
    reading = false;
    // Bytes still arriving are discarded without being read into memory by us.
    socket.removeAllListeners('data');
    socket.resume();
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
      });
      socket.on('error', (err) => {
        closeReason ??= err;
      });
      socket.once('close', () => receiver.closed(closeReason));
    },

    send(msg: Out): void {
      if (socket.destroyed || !socket.writable) return;
      socket.write(frameOf(msg));
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
      if (socket.writableLength === 0) queueMicrotask(cb);
      else socket.once('drain', cb);
    },
  };
}
