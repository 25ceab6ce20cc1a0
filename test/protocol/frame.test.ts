import { describe, it, expect } from 'vitest';
import { encodeFrame, FrameDecoder, MAX_CLIENT_FRAME_BYTES, MAX_FRAME_BYTES, FRAME_HEADER_BYTES } from '../../src/protocol/frame.js';
import { ProtocolViolation } from '../../src/protocol/violation.js';

const header = (length: number): Buffer => {
  const b = Buffer.alloc(FRAME_HEADER_BYTES);
  b.writeUInt32BE(length, 0);
  return b;
};

function violationOf(fn: () => unknown): ProtocolViolation {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProtocolViolation) return err;
    throw err;
  }
  throw new Error('expected a ProtocolViolation');
}

describe('frames', () => {
  const messages = [
    { t: 'hello', version: 1, client: 'cli' },
    { t: 'input', name: 'ünïcødé ✈', data: '\x1b[A\r' },
    { t: 'request', id: 7, verb: 'status', args: { names: ['a', 'b'], deep: { x: null } } },
  ];

  it('encodes a big-endian length then UTF-8 JSON', () => {
    const frame = encodeFrame({ a: 'é' });
    const body = Buffer.from('{"a":"é"}', 'utf8');
    expect(frame.readUInt32BE(0)).toBe(body.length);
    expect(frame.subarray(4)).toEqual(body);
  });

  it('decodes a stream split at every byte boundary', () => {
    const stream = Buffer.concat(messages.map(encodeFrame));
    for (let cut = 0; cut <= stream.length; cut++) {
      const decoder = new FrameDecoder();
      const out = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(out).toEqual(messages);
    }
  });

  it('decodes a stream fed one byte at a time', () => {
    const stream = Buffer.concat(messages.map(encodeFrame));
    const decoder = new FrameDecoder();
    const out: unknown[] = [];
    for (let i = 0; i < stream.length; i++) out.push(...decoder.push(stream.subarray(i, i + 1)));
    expect(out).toEqual(messages);
  });

  it('decodes several frames from one chunk, keeping a trailing partial frame', () => {
    const partial = encodeFrame({ t: 'tail' });
    const decoder = new FrameDecoder();
    const chunk = Buffer.concat([...messages.map(encodeFrame), partial.subarray(0, 6)]);
    expect(decoder.push(chunk)).toEqual(messages);
    expect(decoder.push(partial.subarray(6))).toEqual([{ t: 'tail' }]);
  });

  it('rejects an oversized length from the header alone, before any body', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(header(MAX_FRAME_BYTES + 1).subarray(0, 3))).toEqual([]);
    const err = violationOf(() => decoder.push(header(MAX_FRAME_BYTES + 1).subarray(3)));
    expect(err.code).toBe('frame_too_large');
    // the decoder stays failed
    expect(violationOf(() => decoder.push(encodeFrame({ ok: 1 }))).code).toBe('frame_too_large');
  });

  it('accepts a frame of exactly MAX_FRAME_BYTES', () => {
    const text = 'x'.repeat(MAX_FRAME_BYTES - 2);
    const frame = encodeFrame(text);
    expect(frame.length).toBe(FRAME_HEADER_BYTES + MAX_FRAME_BYTES);
    const decoder = new FrameDecoder();
    const out: unknown[] = [];
    for (let i = 0; i < frame.length; i += 65536) out.push(...decoder.push(frame.subarray(i, i + 65536)));
    expect(out).toEqual([text]);
  });

  it('refuses to encode a message over the limit', () => {
    expect(violationOf(() => encodeFrame('x'.repeat(MAX_FRAME_BYTES))).code).toBe('frame_too_large');
  });

  it('refuses to encode what is not JSON', () => {
    expect(violationOf(() => encodeFrame({ n: 1n })).code).toBe('bad_message');
    expect(violationOf(() => encodeFrame(undefined)).code).toBe('bad_message');
  });

  it('rejects a zero length', () => {
    expect(violationOf(() => new FrameDecoder().push(header(0))).code).toBe('bad_frame');
  });

  it('rejects a body that is not JSON', () => {
    const body = Buffer.from('{nope', 'utf8');
    const err = violationOf(() => new FrameDecoder().push(Buffer.concat([header(body.length), body])));
    expect(err.code).toBe('bad_frame');
  });

  it('rejects a body that is not UTF-8', () => {
    const body = Buffer.from([0x22, 0xff, 0xfe, 0x22]);
    const err = violationOf(() => new FrameDecoder().push(Buffer.concat([header(body.length), body])));
    expect(err.code).toBe('bad_frame');
  });

  it('takes a smaller limit where clients send (the server side), and says when a frame is half read', () => {
    const decoder = new FrameDecoder(MAX_CLIENT_FRAME_BYTES);
    const frame = encodeFrame({ t: 'x' });
    expect(decoder.midFrame).toBe(false);
    expect(decoder.push(frame.subarray(0, 2))).toEqual([]);
    expect(decoder.midFrame).toBe(true);
    expect(decoder.push(frame.subarray(2, 6))).toEqual([]);
    expect(decoder.midFrame).toBe(true);
    expect(decoder.push(frame.subarray(6))).toEqual([{ t: 'x' }]);
    expect(decoder.midFrame).toBe(false);
    const err = violationOf(() => decoder.push(header(MAX_CLIENT_FRAME_BYTES + 1)));
    expect(err).toMatchObject({ code: 'frame_too_large', message: `frame of ${MAX_CLIENT_FRAME_BYTES + 1} bytes exceeds ${MAX_CLIENT_FRAME_BYTES}` });
  });
});
