import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../src/protocol/frame.js';
import { parseClientMessage, parseServerMessage } from '../../src/protocol/validate.js';
import { GOLDEN_MESSAGES } from './golden-messages.js';

/**
 * The wire, byte for byte. Append-only: a missing file fails the test; run with
 * HANGAR_WRITE_MISSING_GOLDEN=1 to create files for NEW kinds. Existing files are never
 * rewritten by the test — a mismatch is a wire change.
 */
const goldenPath = (kind: string): string => fileURLToPath(new URL(`./golden/${kind}.hex`, import.meta.url));

/** 32 bytes per line, so a diff points at the changed region. */
const toHexLines = (b: Buffer): string => (b.toString('hex').match(/.{1,64}/g) ?? []).join('\n') + '\n';

describe('golden frames', () => {
  it('has one distinct kind per entry', () => {
    const kinds = GOLDEN_MESSAGES.map((g) => g.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  describe.each(GOLDEN_MESSAGES.map((g) => [g.kind, g] as const))('%s', (kind, golden) => {
    const path = goldenPath(kind);
    if (!existsSync(path) && process.env.HANGAR_WRITE_MISSING_GOLDEN === '1') {
      writeFileSync(path, toHexLines(encodeFrame(golden.message)));
    }

    it('encodes to the pinned bytes', () => {
      expect(existsSync(path), `missing ${path}`).toBe(true);
      const pinned = readFileSync(path, 'utf8').replace(/\s+/g, '');
      expect(encodeFrame(golden.message).toString('hex')).toBe(pinned);
    });

    it('decodes the pinned bytes back to the message', () => {
      const bytes = Buffer.from(readFileSync(path, 'utf8').replace(/\s+/g, ''), 'hex');
      const decoded = new FrameDecoder().push(bytes);
      expect(decoded).toEqual([golden.message]);
      const parse = golden.side === 'client' ? parseClientMessage : parseServerMessage;
      expect(parse(decoded[0])).toEqual(golden.message);
    });
  });
});
