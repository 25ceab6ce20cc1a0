import { describe, expect, it } from 'vitest';
import { TypedLine } from '../../src/session/typed-line.js';

describe('TypedLine', () => {
  it('collects keys typed one by one and hands the line over on Enter', () => {
    const t = new TypedLine();
    for (const key of 'write a.txt') expect(t.feed(key)).toEqual([]);
    expect(t.feed('\r')).toEqual(['write a.txt']);
    expect(t.feed('\r')).toEqual(['']);
  });

  it('takes back a character on Backspace, clears on Ctrl-U and Ctrl-C, skips escape sequences', () => {
    const t = new TypedLine();
    expect(t.feed('helo\x7flo\x1b[D\x1b[C')).toEqual([]);
    expect(t.feed('\r')).toEqual(['hello']);
    expect(t.feed('junk\x15fresh\r')).toEqual(['fresh']);
    expect(t.feed('junk\x03\x1b[200~pasted line\x1b[201~\r')).toEqual(['pasted line']);
  });

  it('a paste of several lines submits each; a bracketed paste is one line of several rows', () => {
    expect(new TypedLine().feed('one\rtwo\r')).toEqual(['one', 'two']);
    const t = new TypedLine();
    expect(t.feed('\x1b[200~first line\r\nsecond')).toEqual([]); // the paste's end in the next chunk
    expect(t.feed(' line\x1b[201~\r')).toEqual(['first line\n\nsecond line']);
  });

  it('mouse reports are no text', () => {
    const t = new TypedLine();
    expect(t.feed('\x1b[<0;10;5M\x1b[<0;10;5mhello\x1b[M !!\r')).toEqual(['hello']);
  });
});
