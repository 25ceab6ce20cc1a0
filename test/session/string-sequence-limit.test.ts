import { describe, expect, it } from 'vitest';
import { STRING_SEQUENCE_LIMIT, StringSequenceLimit } from '../../src/session/string-sequence-limit.js';

const CAN = '\x18';
const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');
/** Feed byte chunks (latin1 strings: one char a byte) and return all output as latin1. */
function feedBytes(limit: StringSequenceLimit, ...chunks: string[]): string {
  return chunks.map((c) => Buffer.from(limit.filter(bytes(c))).toString('latin1')).join('');
}

describe('StringSequenceLimit', () => {
  it('returns a chunk that needs no change as it is (plain text, colours, short strings)', () => {
    const limit = new StringSequenceLimit(16);
    for (const text of ['plain lines\r\n', '\x1b[1;31mred\x1b[0m', '\x1b]0;title\x07after', '\x1bP1$r0m\x1b\\', 'é … 漢']) {
      const chunk = Buffer.from(text, 'utf8');
      expect(limit.filter(chunk)).toBe(chunk);
      expect(limit.filter(text)).toBe(text);
    }
    expect(limit.cut).toBe(0);
  });

  it('cuts an OSC at the limit with a CAN: the parser is in ground from there on', () => {
    const limit = new StringSequenceLimit(4);
    expect(feedBytes(limit, '\x1b]0;abcdefgh', 'ijkl')).toBe(`\x1b]0;ab${CAN}cdefghijkl`);
    expect(limit.cut).toBe(1);
    // a later string is counted afresh
    expect(feedBytes(limit, '\x1b]0;ab\x07')).toBe('\x1b]0;ab\x07');
  });

  it('follows a string across chunk boundaries, ESC and introducer split', () => {
    const limit = new StringSequenceLimit(3);
    expect(feedBytes(limit, 'x\x1b', ']', '12', '34', '5\x07y')).toBe(`x\x1b]123${CAN}45\x07y`);
  });

  it('a terminated string resets the count (BEL, ST, ESC of the next sequence, CAN, SUB)', () => {
    const limit = new StringSequenceLimit(4);
    const ok = '\x1b]abcd\x07\x1b]efgh\x1b\\\x1bPqabc\x1b[1m\x1b_abcd\x18\x1b^abcd\x1a\x1bXabcd\x1b\\ok';
    expect(feedBytes(limit, ok)).toBe(ok);
  });

  it('cuts DCS, SOS, PM and APC too; BEL is their payload, not their end', () => {
    for (const opener of ['\x1bP', '\x1bX', '\x1b^', '\x1b_']) {
      const limit = new StringSequenceLimit(4);
      expect(feedBytes(limit, `${opener}ab\x07cdef`)).toBe(`${opener}ab\x07c${CAN}def`);
    }
  });

  it('knows 8-bit C1 introducers and ST as UTF-8 (C2 9D …), split across chunks', () => {
    const limit = new StringSequenceLimit(3);
    // C2 9D = OSC, C2 9C = ST
    expect(feedBytes(limit, 'a\xc2', '\x9d0;x\xc2', '\x9cb')).toBe('a\xc2\x9d0;x\xc2\x9cb');
    expect(feedBytes(limit, 'a\xc2', '\x9d0;xyz')).toBe(`a\xc2\x9d0;x${CAN}yz`);
    // C2 90 = DCS, C2 9F = APC
    expect(feedBytes(limit, '\xc2\x90qabcdef')).toBe(`\xc2\x90qab${CAN}cdef`);
    expect(feedBytes(limit, '\xc2\x9fabcd')).toBe(`\xc2\x9fabc${CAN}d`);
    // another C1 control ends a string
    expect(feedBytes(limit, '\xc2\x9dab\xc2\x85cd')).toBe('\xc2\x9dab\xc2\x85cd');
  });

  it('other UTF-8 in a string is payload and is not mistaken for C1 (E2 80 A6 is …)', () => {
    const limit = new StringSequenceLimit(8);
    const title = Buffer.from('\x1b]0;a…b\x07after', 'utf8');
    expect(limit.filter(title)).toBe(title);
    const long = Buffer.from('\x1b]0;……………\x07after', 'utf8');
    const [head, rest] = [Buffer.from('\x1b]0;……', 'utf8'), Buffer.from('………\x07after', 'utf8')];
    expect(Buffer.from(limit.filter(long)).toString('latin1')).toBe(`${head.toString('latin1')}${CAN}${rest.toString('latin1')}`);
  });

  it('a C0 control or DEL between ESC and the introducer still opens the string (xterm executes it and stays in ESCAPE)', () => {
    for (const between of ['\x00', '\x08', '\x0d', '\x1f', '\x7f']) {
      const limit = new StringSequenceLimit(4);
      expect(feedBytes(limit, `\x1b${between}]0;abcdef`), JSON.stringify(between)).toBe(`\x1b${between}]0;ab${CAN}cdef`);
      expect(limit.filter(`\x1b${between}Pq123456`)).toBe(`\x1b${between}Pq123${CAN}456`);
    }
    // CAN and SUB after ESC end the escape: what follows is text
    expect(feedBytes(new StringSequenceLimit(4), '\x1b\x18]0;abcdef')).toBe('\x1b\x18]0;abcdef');
  });

  it('never cuts inside a UTF-8 character: the CAN goes before the next one', () => {
    for (const text of ['abc©def', 'ab…cdef', 'a漢字bcdef', 'abc😀def']) {
      const limit = new StringSequenceLimit(4);
      const out = Buffer.from(limit.filter(Buffer.from(`\x1b]${text}`, 'utf8')));
      const at = out.indexOf(0x18);
      expect(at, text).toBeGreaterThan(0);
      // the byte after the CAN starts a character, and taking the CAN out gives the input back
      expect(out[at + 1]! & 0xc0, text).not.toBe(0x80);
      expect(Buffer.concat([out.subarray(0, at), out.subarray(at + 1)]).toString('utf8')).toBe(`\x1b]${text}`);
    }
    // a C2 ending one chunk, its tail starting the next: counted once, never cut between
    const split = new StringSequenceLimit(2);
    expect(feedBytes(split, '\x1b]a\xc2', '\xa9bc')).toBe(`\x1b]a\xc2\xa9${CAN}bc`);
    // broken UTF-8: a C2 before ESC leaves the ESC to end the string
    expect(feedBytes(new StringSequenceLimit(4), '\x1b]0\xc2\x1b\\after-the-string')).toBe('\x1b]0\xc2\x1b\\after-the-string');
    const text = new StringSequenceLimit(2).filter('\x1b]a😀b');
    expect(text).toBe(`\x1b]a😀${CAN}b`); // not between the surrogates
  });

  it('string input: C1 controls are code units', () => {
    const limit = new StringSequenceLimit(2);
    expect(limit.filter('\x9d0;abc\x9cok')).toBe(`\x9d0;${CAN}abc\x9cok`);
    expect(limit.filter('\x1b]ab\x07')).toBe('\x1b]ab\x07');
  });

  it('cuts at 64 KiB by default, once', () => {
    expect(STRING_SEQUENCE_LIMIT).toBe(64 * 1024);
    const limit = new StringSequenceLimit();
    const out = limit.filter(Buffer.concat([bytes('\x1b]0;'), Buffer.alloc(200 * 1024, 0x61)]));
    expect(out.length).toBe(4 + 200 * 1024 + 1);
    expect(out[2 + STRING_SEQUENCE_LIMIT]).toBe(0x18);
    expect(limit.cut).toBe(1);
  });
});
