import { describe, expect, it } from 'vitest';
import { charWidth } from '../../src/terminal/char-width.js';

const cp = (s: string) => s.codePointAt(0)!;

describe('charWidth', () => {
  it('gives ASCII, Latin, Greek, Cyrillic, box drawing one column', () => {
    for (const s of ['a', '~', 'é', 'λ', 'Ж', '─', '│', '╭', '●', '→']) expect(charWidth(cp(s)), s).toBe(1);
  });
  it('gives CJK, kana, Hangul, fullwidth forms and emoji two columns', () => {
    for (const s of ['中', '語', 'あ', 'ア', '한', 'Ａ', '！', '😀', '🚀', '🤖', '✅', '⚡', '🧠', '🫠', '𠀀']) {
      expect(charWidth(cp(s)), s).toBe(2);
    }
  });
  it('gives combining marks, joiners, variation selectors and controls zero columns', () => {
    for (const c of [0x0301, 0x0308, 0x20d7, 0x200b, 0x200d, 0xfe0f, 0x1f3fd, 0x00, 0x1b, 0x7f, 0x9b]) {
      expect(charWidth(c), c.toString(16)).toBe(0);
    }
  });
});
