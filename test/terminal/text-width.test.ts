import { describe, expect, it } from 'vitest';
import { cutToWidth, displayWidth, padToWidth, wrapToWidth } from '../../src/terminal/text-width.js';

describe('text in terminal columns', () => {
  it('measures wide characters as two columns and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('漢字')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('cuts by columns with an ellipsis, never splitting a wide character', () => {
    expect(cutToWidth('abcdef', 4)).toBe('abc…');
    expect(cutToWidth('漢字漢字', 5)).toBe('漢字…');
    expect(cutToWidth('abc', 3)).toBe('abc');
    expect(cutToWidth('ab cd', 4)).toBe('ab…'); // no space left before the ellipsis
    expect(cutToWidth('abc', 0)).toBe('');
  });

  it('with more to come, ends in an ellipsis even when it fits', () => {
    expect(cutToWidth('abc', 10, true)).toBe('abc…');
  });

  it('pads to a width in columns', () => {
    expect(padToWidth('漢', 4)).toBe('漢  ');
    expect(padToWidth('abcdef', 3)).toBe('abcdef');
  });

  it('wraps at spaces to a width in columns, breaking inside a word only when it must', () => {
    expect(wrapToWidth('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrapToWidth('abcdefghij klm', 4)).toEqual(['abcd', 'efgh', 'ij', 'klm']);
    expect(wrapToWidth('漢字漢字 ab', 5)).toEqual(['漢字', '漢字', 'ab']);
    expect(wrapToWidth('keep  two  spaces', 20)).toEqual(['keep  two  spaces']); // a line that fits is as it was
    expect(wrapToWidth('', 5)).toEqual(['']);
    expect(wrapToWidth('aaa    bbb', 5)).toEqual(['aaa', 'bbb']);
    expect(wrapToWidth('abc', 0)).toEqual(['a', 'b', 'c']);
  });
});
