import { describe, expect, it } from 'vitest';
import { cutToWidth, displayWidth, padToWidth } from '../../src/terminal/text-width.js';

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
});
