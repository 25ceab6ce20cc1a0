import { describe, expect, it } from 'vitest';
import { lineStart, plainLines, type PlainLines } from '../../src/session/plain-lines.js';

/** The complete lines after the head, as text. */
function lines(data: string, plain: PlainLines): string[] {
  return plain.ends.map((end, i) => data.slice(lineStart(plain, i), end));
}

describe('plainLines', () => {
  it('cuts a chunk into head, complete lines and the rest, for strings and bytes alike', () => {
    const data = '56\r\n57\r\n58\r\n5';
    for (const input of [data, Buffer.from(data)]) {
      const plain = plainLines(input, 10)!;
      expect(plain.headEnd).toBe(4);
      expect(lines(data, plain)).toEqual(['57', '58']);
      expect(data.slice(plain.restStart)).toBe('5');
    }
  });

  it('takes a CR LF split between chunks: an LF first, a CR last', () => {
    const data = '\nab\r\ncd\r';
    const plain = plainLines(data, 10)!;
    expect(plain.headEnd).toBe(1);
    expect(lines(data, plain)).toEqual(['ab']);
    expect(data.slice(plain.restStart)).toBe('cd\r');
  });

  it('has no lines to offer without a complete line after the head', () => {
    expect(plainLines('abc', 10)).toBeNull();
    expect(plainLines('abc\r\ndef', 10)).toBeNull();
    expect(plainLines('', 10)).toBeNull();
  });

  it('keeps empty lines and spaces', () => {
    const data = 'x\r\n\r\n  a b  \r\n';
    expect(lines(data, plainLines(data, 10)!)).toEqual(['', '  a b  ']);
  });

  it('refuses any other byte: controls, a lone CR or LF, DEL, non-ASCII', () => {
    for (const data of ['x\r\na\x1b[0m\r\n', 'x\r\na\tb\r\n', 'x\r\na\rb\r\n', 'x\r\na\nb\r\n', 'x\r\na\x7f\r\n', 'x\r\né\r\n', 'x\r\na\x07\r\n']) {
      expect(plainLines(data, 10), JSON.stringify(data)).toBeNull();
      expect(plainLines(Buffer.from(data), 10), JSON.stringify(data)).toBeNull();
    }
  });

  it('takes lines up to cols - 1 characters; a line as wide as the screen (autowrap) is not plain', () => {
    const fits = 'h\r\n' + 'a'.repeat(9) + '\r\n';
    expect(lines(fits, plainLines(fits, 10)!)).toEqual(['a'.repeat(9)]);
    expect(plainLines('h\r\n' + 'a'.repeat(10) + '\r\n', 10)).toBeNull();
    // the head and the rest go through the parser: their width does not matter
    expect(plainLines('a'.repeat(30) + '\r\nb\r\n' + 'c'.repeat(30), 10)).not.toBeNull();
  });
});
