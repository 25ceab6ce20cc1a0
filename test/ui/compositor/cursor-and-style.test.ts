import { describe, expect, it } from 'vitest';
import { Attr } from '../../../src/ui/grid/attributes.js';
import { DEFAULT_COLOR, paletteColor, rgbColor } from '../../../src/ui/grid/color.js';
import { parseAnsiLine } from '../../../src/ui/grid/parse-ansi.js';
import { cursorMove, cursorTo } from '../../../src/ui/compositor/cursor-motion.js';
import { sgrTransition } from '../../../src/ui/compositor/sgr-transition.js';
import { enterSequence, leaveSequence } from '../../../src/ui/compositor/terminal-modes.js';
import { headlessTerminal, writeTo } from '../grid/xterm-cells.js';

describe('cursorMove', () => {
  it('uses CUP when the origin is unknown, omitting parameters of 1', () => {
    expect(cursorMove(0, 0)).toBe('\x1b[H');
    expect(cursorMove(0, 4)).toBe('\x1b[5H');
    expect(cursorMove(9, 4)).toBe('\x1b[5;10H');
    expect(cursorTo(199, 49)).toBe('\x1b[50;200H');
  });

  it('picks the cheapest relative move, and nothing when already there', () => {
    expect(cursorMove(5, 3, 5, 3)).toBe('');
    expect(cursorMove(6, 3, 5, 3)).toBe('\x1b[C');
    expect(cursorMove(4, 3, 5, 3)).toBe('\b');
    expect(cursorMove(0, 3, 40, 3)).toBe('\r');
    expect(cursorMove(5, 4, 5, 3)).toBe('\x1b[B');
    expect(cursorMove(30, 40, 2, 3)).toBe('\x1b[41;31H');
  });

  it('lands where CUP would, on a real emulator, from many origins', async () => {
    const terminal = headlessTerminal(80, 24);
    for (const [fx, fy, tx, ty] of [
      [10, 10, 3, 10],
      [10, 10, 0, 12],
      [79, 0, 0, 1],
      [5, 20, 70, 2],
      [40, 5, 38, 4],
      [2, 2, 2, 23],
    ] as const) {
      await writeTo(terminal, cursorTo(fx, fy) + cursorMove(tx, ty, fx, fy));
      expect({ x: terminal.buffer.active.cursorX, y: terminal.buffer.active.cursorY }).toEqual({ x: tx, y: ty });
    }
    terminal.dispose();
  });
});

describe('sgrTransition', () => {
  it('is empty between equal pens and a bare reset back to the default pen', () => {
    expect(sgrTransition(paletteColor(1), DEFAULT_COLOR, Attr.bold, paletteColor(1), DEFAULT_COLOR, Attr.bold)).toBe('');
    expect(sgrTransition(paletteColor(1), paletteColor(2), Attr.bold | Attr.underline, DEFAULT_COLOR, DEFAULT_COLOR, 0)).toBe('\x1b[0m');
  });

  it('sends only what changed when that is shorter than a reset', () => {
    expect(sgrTransition(paletteColor(1), DEFAULT_COLOR, Attr.bold, paletteColor(2), DEFAULT_COLOR, Attr.bold)).toBe('\x1b[32m');
    expect(sgrTransition(paletteColor(208), DEFAULT_COLOR, Attr.bold | Attr.dim, paletteColor(208), DEFAULT_COLOR, Attr.dim)).toBe('\x1b[22;2m');
    // and a reset when that is shorter
    expect(sgrTransition(DEFAULT_COLOR, DEFAULT_COLOR, Attr.bold | Attr.dim, DEFAULT_COLOR, DEFAULT_COLOR, Attr.dim)).toBe('\x1b[0;2m');
  });

  it('round-trips every pair of a set of pens through parseAnsiLine', () => {
    const pens: Array<[number, number, number]> = [
      [DEFAULT_COLOR, DEFAULT_COLOR, 0],
      [paletteColor(1), DEFAULT_COLOR, Attr.bold],
      [paletteColor(12), paletteColor(200), Attr.dim | Attr.italic],
      [rgbColor(1, 2, 3), rgbColor(200, 100, 0), Attr.underline | Attr.inverse | Attr.strikethrough],
      [DEFAULT_COLOR, paletteColor(4), Attr.bold | Attr.dim | Attr.blink | Attr.invisible],
    ];
    for (const from of pens) {
      for (const to of pens) {
        const row = parseAnsiLine(`${sgrTransition(DEFAULT_COLOR, DEFAULT_COLOR, 0, ...from)}a${sgrTransition(...from, ...to)}b`, 2);
        expect([row.fg[1], row.bg[1], row.attrs[1]], `${from} → ${to}`).toEqual(to);
      }
    }
  });
});

describe('terminal modes', () => {
  it('enter takes the alternate screen and hides the cursor; leave undoes all of it', async () => {
    const terminal = headlessTerminal(20, 4);
    await writeTo(terminal, 'main screen');
    await writeTo(terminal, enterSequence({ mouse: true, bracketedPaste: true }));
    expect(terminal.buffer.active.type).toBe('alternate');
    expect(terminal.modes.mouseTrackingMode).not.toBe('none');
    expect(terminal.modes.bracketedPasteMode).toBe(true);
    await writeTo(terminal, '\x1b[?2026h' + leaveSequence());
    expect(terminal.buffer.active.type).toBe('normal');
    expect(terminal.modes.mouseTrackingMode).toBe('none');
    expect(terminal.modes.bracketedPasteMode).toBe(false);
    expect(terminal.modes.synchronizedOutputMode).toBe(false);
    expect(terminal.buffer.active.getLine(0)!.translateToString(true)).toBe('main screen');
    terminal.dispose();
  });
});
