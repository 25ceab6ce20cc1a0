import { ProtocolViolation } from './violation.js';

/**
 * The frozen frame format: a 4-byte big-endian body length, then that many bytes of UTF-8
 * JSON. Changing it is a PROTOCOL_VERSION bump; the golden tests in test/protocol/golden
 * pin it.
 */
export const FRAME_HEADER_BYTES = 4;

/** Largest body either side accepts. A full 500x200 screen with colours fits comfortably. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/**
 * Largest body a client may send. Client frames are small — requests, a terminal read of input
 * (64 KiB at most, ~384 KiB as escaped JSON), a prompt — so the server buffers at most this much
 * of a partial frame per connection, not MAX_FRAME_BYTES (20 connections holding a partial 8 MiB
 * frame each cost 148 MB before).
 */
export const MAX_CLIENT_FRAME_BYTES = 1024 * 1024;

/** JSON text of one message, refusing what cannot cross the wire. */
export function serializeMessage(msg: unknown): string {
  let body: string | undefined;
  try {
    body = JSON.stringify(msg);
  } catch (err) {
    throw new ProtocolViolation('bad_message', `message is not JSON-serializable: ${(err as Error).message}`);
  }
  if (body === undefined) throw new ProtocolViolation('bad_message', 'message is not JSON-serializable');
  return body;
}

export function encodeFrame(msg: unknown): Buffer {
  const body = serializeMessage(msg);
  const length = Buffer.byteLength(body, 'utf8');
  if (length > MAX_FRAME_BYTES) {
    throw new ProtocolViolation('frame_too_large', `message of ${length} bytes exceeds ${MAX_FRAME_BYTES}`);
  }
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
  frame.writeUInt32BE(length, 0);
  frame.write(body, FRAME_HEADER_BYTES, 'utf8');
  return frame;
}

/**
 * Turns a byte stream back into messages. Chunks are kept as a list and only joined once
 * a whole frame is present, so a large frame arriving in many small reads costs one copy.
 * After a violation the decoder stays failed: the connection is going away.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Body length announced by the header being processed, or null between frames. */
  private expected: number | null = null;
  private failure: ProtocolViolation | null = null;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  /** `maxBytes`: the largest body accepted (MAX_CLIENT_FRAME_BYTES where clients send). */
  constructor(private readonly maxBytes = MAX_FRAME_BYTES) {}

  /** True while part of a frame has arrived and the rest has not. */
  get midFrame(): boolean {
    return this.buffered > 0 || this.expected !== null;
  }

  /** Feeds bytes; returns every message completed by them, in order. */
  push(chunk: Buffer): unknown[] {
    if (this.failure) throw this.failure;
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const out: unknown[] = [];
    for (;;) {
      if (this.expected === null) {
        if (this.buffered < FRAME_HEADER_BYTES) break;
        const length = this.take(FRAME_HEADER_BYTES).readUInt32BE(0);
        // Judge the header before waiting for the body, so a hostile length costs nothing.
        if (length === 0) this.fail('bad_frame', 'frame with zero length');
        if (length > this.maxBytes) {
          this.fail('frame_too_large', `frame of ${length} bytes exceeds ${this.maxBytes}`);
        }
        this.expected = length;
      }
      if (this.buffered < this.expected) break;
      const body = this.take(this.expected);
      this.expected = null;
      out.push(this.parse(body));
    }
    return out;
  }

  private parse(body: Buffer): unknown {
    let text: string;
    try {
      text = this.utf8.decode(body);
    } catch {
      this.fail('bad_frame', 'frame body is not valid UTF-8');
    }
    try {
      return JSON.parse(text);
    } catch {
      this.fail('bad_frame', 'frame body is not JSON');
    }
  }

  /** Removes and returns the first `n` buffered bytes (n <= buffered). */
  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0]!;
      const used = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, used);
      filled += used;
      if (used === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(used);
    }
    this.buffered -= n;
    return out;
  }

  private fail(code: 'bad_frame' | 'frame_too_large', message: string): never {
    this.chunks = [];
    this.buffered = 0;
    this.failure = new ProtocolViolation(code, message);
    throw this.failure;
  }
}
