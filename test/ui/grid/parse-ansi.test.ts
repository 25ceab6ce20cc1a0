import { describe, expect, it } from 'vitest';
import { Attr } from '../../../src/ui/grid/attributes.js';
import { DEFAULT_COLOR, paletteColor, rgbColor } from '../../../src/ui/grid/color.js';
import { parseAnsiFrame, parseAnsiLine } from '../../../src/ui/grid/parse-ansi.js';

describe('parseAnsiLine', () => {
  it('turns on and off each attribute', () => {
    const cases: Array<[string, number, string]> = [
      ['1', Attr.bold, '22'],
      ['2', Attr.dim, '22'],
      ['3', Attr.italic, '23'],
      ['4', Attr.underline, '24'],
      ['5', Attr.blink, '25'],
      ['7', Attr.inverse, '27'],
      ['8', Attr.invisible, '28'],
      ['9', Attr.strikethrough, '29'],
    ];
    for (const [on, bit, off] of cases) {
      const row = parseAnsiLine(`a\x1b[${on}mb\x1b[${off}mc`, 3);
      expect([row.attrs[0], row.attrs[1], row.attrs[2]], `SGR ${on}/${off}`).toEqual([0, bit, 0]);
    }
  });

  it('22 turns off bold and dim together; 0 and an empty SGR reset everything', () => {
    const row = parseAnsiLine('\x1b[1;2;4;31;42ma\x1b[22mb\x1b[0mc\x1b[1;33md\x1b[me', 5);
    expect(row.get(0)).toEqual({ char: 'a', width: 1, fg: paletteColor(1), bg: paletteColor(2), attrs: Attr.bold | Attr.dim | Attr.underline });
    expect(row.get(1).attrs).toBe(Attr.underline);
    expect(row.get(2)).toEqual({ char: 'c', width: 1, fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0 });
    expect(row.get(3)).toMatchObject({ fg: paletteColor(3), attrs: Attr.bold });
    expect(row.get(4)).toMatchObject({ fg: DEFAULT_COLOR, attrs: 0 });
  });

  it('reads the 8, bright, 256 and truecolor forms, and 39/49 back to default', () => {
    const row = parseAnsiLine(
      '\x1b[37;40ma\x1b[97;107mb\x1b[38;5;208;48;5;17mc\x1b[38;2;1;2;3;48;2;250;251;252md\x1b[39me\x1b[49mf\x1b[38:2::9:8:7;48:5:99mg',
      7,
    );
    expect([row.fg[0], row.bg[0]]).toEqual([paletteColor(7), paletteColor(0)]);
    expect([row.fg[1], row.bg[1]]).toEqual([paletteColor(15), paletteColor(15)]);
    expect([row.fg[2], row.bg[2]]).toEqual([paletteColor(208), paletteColor(17)]);
    expect([row.fg[3], row.bg[3]]).toEqual([rgbColor(1, 2, 3), rgbColor(250, 251, 252)]);
    expect([row.fg[4], row.bg[4]]).toEqual([DEFAULT_COLOR, rgbColor(250, 251, 252)]);
    expect([row.fg[5], row.bg[5]]).toEqual([DEFAULT_COLOR, DEFAULT_COLOR]);
    expect([row.fg[6], row.bg[6]]).toEqual([rgbColor(9, 8, 7), paletteColor(99)]);
  });

  it('gives CJK, Hangul, fullwidth forms and emoji two columns, the second an empty continuation', () => {
    const row = parseAnsiLine('中한Ａ😀x', 10);
    expect(row.text()).toBe('中한Ａ😀x ');
    for (const x of [0, 2, 4, 6]) {
      expect(row.widths[x]).toBe(2);
      expect(row.widths[x + 1]).toBe(0);
      expect(row.chars[x + 1]).toBe('');
    }
    expect(row.get(8)).toMatchObject({ char: 'x', width: 1 });
  });

  it('appends combining marks, variation selectors and ZWJ sequences to the cell before', () => {
    const family = '👨\u200d👩\u200d👧';
    const row = parseAnsiLine(`e\u0301${family}!\u2764\ufe0f`, 8);
    expect(row.get(0)).toMatchObject({ char: 'e\u0301', width: 1 });
    expect(row.get(1)).toMatchObject({ char: family, width: 2 });
    expect(row.get(3)).toMatchObject({ char: '!', width: 1 });
    expect(row.get(4)).toMatchObject({ char: '\u2764\ufe0f', width: 1 });
    expect(row.get(5).char).toBe(' ');
  });

  it('clips text past cols, and a wide character that would straddle the edge', () => {
    expect(parseAnsiLine('abcdef', 4).text()).toBe('abcd');
    const row = parseAnsiLine('abc中', 4);
    expect(row.text()).toBe('abc ');
    expect(row.widths[3]).toBe(1);
  });

  it('pads a short line with default blanks', () => {
    const row = parseAnsiLine('\x1b[41mab\x1b[0m', 4);
    expect(row.get(2)).toEqual({ char: ' ', width: 1, fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0 });
    expect(row.get(1).bg).toBe(paletteColor(1));
  });

  it('skips other escape sequences whole without moving a column', () => {
    const text =
      'a\x1b[2Kb\x1b[?25lc\x1b]8;;https://example.com\x07d\x1b]8;;\x1b\\e\x1b(Bf\x1bPq#0\x1b\\g\x1b[>4;1mh\x1b[1 qi\x07\x08j';
    const row = parseAnsiLine(text, 12);
    expect(row.text()).toBe('abcdefghij  ');
    // a private-marker "m" (xterm modifyOtherKeys) is not an SGR
    expect(row.attrs[7]).toBe(0);
  });

  it('an unterminated escape swallows the rest of the line and nothing else', () => {
    expect(parseAnsiLine('ab\x1b]0;title never ends', 5).text()).toBe('ab   ');
    expect(parseAnsiLine('ab\x1b[31', 5).text()).toBe('ab   ');
    expect(parseAnsiLine('ab\x1b', 5).text()).toBe('ab   ');
  });

  it('expands a tab to the next stop of 8', () => {
    const row = parseAnsiLine('a\tb', 12);
    expect(row.chars[8]).toBe('b');
    expect(row.text()).toBe('a       b   ');
  });
});

describe('parseAnsiFrame', () => {
  it('splits on newlines, pads missing rows, and carries an open style into the next line', () => {
    const grid = parseAnsiFrame('\x1b[31mred\r\nstill\x1b[0m\nplain', 6, 4);
    expect(grid.text()).toEqual(['red   ', 'still ', 'plain ', '      ']);
    expect(grid.get(0, 1).fg).toBe(paletteColor(1));
    expect(grid.get(0, 2).fg).toBe(DEFAULT_COLOR);
  });
});
