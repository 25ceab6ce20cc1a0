import { afterEach, describe, expect, it } from 'vitest';
import { parseAnsiFrame, parseAnsiLine } from '../../../src/ui/grid/parse-ansi.js';
import { screenText } from '../grid/xterm-cells.js';
import { Scene } from './scene.js';

const COLS = 40;
const ROWS = 12;
const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

/** Two bordered panes side by side, the way the chrome draws them. */
function chrome(cols: number, rows: number): string {
  const half = Math.floor(cols / 2);
  const box = (title: string, width: number) => {
    const top = `╭─ \x1b[1m${title}\x1b[22m ${'─'.repeat(width - 6 - title.length)}╮`;
    return { top, middle: `│${' '.repeat(width - 2)}│`, bottom: `╰${'─'.repeat(width - 2)}╯` };
  };
  const a = box('builder', half);
  const b = box('adversary', cols - half);
  const lines = [`\x1b[36m${a.top}\x1b[35m${b.top}\x1b[0m`];
  for (let y = 1; y < rows - 2; y++) lines.push(`\x1b[36m${a.middle}\x1b[35m${b.middle}\x1b[0m`);
  lines.push(`\x1b[36m${a.bottom}\x1b[35m${b.bottom}\x1b[0m`);
  lines.push('\x1b[7m C-b ? help \x1b[0m 中文 status');
  return lines.join('\n');
}

const PANE_A = { x: 1, y: 1, width: 18, height: ROWS - 3 };
const PANE_B = { x: 21, y: 1, width: 18, height: ROWS - 3 };

async function startedScene(): Promise<Scene> {
  const scene = new Scene(COLS, ROWS);
  scene.setBase(parseAnsiFrame(chrome(COLS, ROWS), COLS, ROWS));
  scene.setPane('a', PANE_A, 18, ROWS - 3);
  scene.setPane('b', PANE_B, 18, ROWS - 3);
  scene.setPaneRow('a', 0, parseAnsiLine('\x1b[32m$\x1b[0m cargo test', 18));
  scene.setPaneRow('a', 1, parseAnsiLine('\x1b[1;31merror\x1b[0m: 中文 ok', 18));
  scene.setPaneRow('b', 0, parseAnsiLine('\x1b[38;2;255;128;0mreview\x1b[0m 😀 done', 18));
  scene.setPaneRow('b', 2, parseAnsiLine('\x1b[48;5;236m  highlighted  \x1b[0m', 18));
  scene.setCursor({ x: 14, y: 1, visible: true });
  await scene.flush();
  return scene;
}

let scene: Scene | undefined;
afterEach(() => {
  scene?.dispose();
  scene = undefined;
});

describe('Compositor', () => {
  it('draws the first frame: chrome, panes and cursor, inside one synchronized block', async () => {
    scene = await startedScene();
    const frame = scene.frames[0]!;
    expect(frame.startsWith(SYNC_BEGIN)).toBe(true);
    expect(frame.endsWith(SYNC_END)).toBe(true);
    expect(frame.indexOf(SYNC_BEGIN, 1)).toBe(-1);
    expect(scene.differences()).toEqual([]);
    expect(screenText(scene.terminal, 1)).toContain('$ cargo test');
    expect(scene.terminalCursor).toEqual({ x: 14, y: 1 });
    expect(scene.cursorShown).toBe(true);
    expect(scene.terminal.modes.synchronizedOutputMode).toBe(false);
  });

  it('writes nothing when nothing changed, or when a row is set to what it already holds', async () => {
    scene = await startedScene();
    expect(await scene.flush()).toBe('');
    scene.setPaneRow('a', 0, parseAnsiLine('\x1b[32m$\x1b[0m cargo test', 18));
    scene.setCursor({ x: 14, y: 1, visible: true });
    expect(await scene.flush()).toBe('');
    // a change that is undone before the frame is drawn costs nothing either
    scene.setPaneRow('b', 5, parseAnsiLine('transient', 18));
    scene.setPaneRow('b', 5, parseAnsiLine('', 18));
    expect(await scene.flush()).toBe('');
    expect(scene.compositor.stats.lastFrameBytes).toBe(0);
  });

  it('a one-cell change writes a few bytes, far fewer than a full repaint', async () => {
    scene = await startedScene();
    const full = scene.compositor.stats.lastFrameBytes;
    scene.setPaneRow('a', 0, parseAnsiLine('\x1b[32m$\x1b[0m cargo tests', 18));
    const frame = await scene.flush();
    expect(frame.startsWith(SYNC_BEGIN) && frame.endsWith(SYNC_END)).toBe(true);
    expect(scene.compositor.stats.lastFrameBytes).toBe(Buffer.byteLength(frame));
    expect(scene.compositor.stats.lastFrameBytes).toBeLessThan(40);
    expect(full).toBeGreaterThan(10 * scene.compositor.stats.lastFrameBytes);
    expect(scene.differences()).toEqual([]);
    expect(scene.terminalCursor).toEqual({ x: 14, y: 1 });
  });

  it('a pane row change repaints only that row', async () => {
    scene = await startedScene();
    scene.setPaneRow('b', 3, parseAnsiLine('\x1b[4;33mwarning\x1b[24m: \x1b[9mold\x1b[0m new', 18));
    const frame = await scene.flush();
    expect(scene.differences()).toEqual([]);
    // every cursor placement in the frame is on screen row 4 (pane row 3), except the final cursor
    const rowsTouched = [...frame.matchAll(/\x1b\[(\d+);\d+H/g)].map((m) => Number(m[1]));
    expect(rowsTouched.slice(0, -1).every((r) => r === 5)).toBe(true);
  });

  it('an overlay hides what is beneath and gives it back when it goes', async () => {
    scene = await startedScene();
    const overlay = parseAnsiFrame('\x1b[44m┌──── help ────┐\n│ ? this help  │\n└──────────────┘\x1b[0m', 16, 3);
    scene.setOverlay('help', { x: 12, y: 1, width: 16, height: 4 }, overlay);
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    expect(screenText(scene.terminal, 2)).toContain('│ ? this help  │');
    // the fourth row of its rect is beyond its grid: blank, still hiding the panes
    expect(screenText(scene.terminal, 4, 12, 28)).toBe(' '.repeat(16));
    // a pane row changes only where the overlay covers it (pane columns 11–17): nothing to draw
    scene.setPaneRow('a', 1, parseAnsiLine('\x1b[1;31merror\x1b[0m: 中文 HIDDEN', 18));
    expect(await scene.flush()).toBe('');
    scene.setOverlay('help', { x: 12, y: 1, width: 16, height: 4 }, null);
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    expect(screenText(scene.terminal, 2)).toContain('error: 中文 HIDDEN');
  });

  it('later overlays are drawn above earlier ones', async () => {
    scene = await startedScene();
    scene.setOverlay('first', { x: 2, y: 2, width: 10, height: 3 }, parseAnsiFrame('1111111111\n1111111111\n1111111111', 10, 3));
    scene.setOverlay('second', { x: 6, y: 3, width: 10, height: 3 }, parseAnsiFrame('2222222222\n2222222222\n2222222222', 10, 3));
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    expect(screenText(scene.terminal, 3, 2, 16)).toBe('11112222222222');
  });

  it('replaces a wide character by two narrow ones and back, never leaving half of one', async () => {
    scene = await startedScene();
    scene.setPaneRow('a', 4, parseAnsiLine('中文字', 18));
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    scene.setPaneRow('a', 4, parseAnsiLine('a中文字', 18)); // every wide char shifts by one column
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    scene.setPaneRow('a', 4, parseAnsiLine('ab文字', 18)); // wide → two narrow
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    scene.setPaneRow('a', 4, parseAnsiLine('中b文字', 18)); // two narrow → wide
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    scene.setPaneRow('a', 4, parseAnsiLine('中\x1b[31mb\x1b[0m文字', 18)); // colour change beside a wide char
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    expect(screenText(scene.terminal, 5, 0, 20)).toBe('│中b文字           │');
  });

  it('an overlay edge over half of a wide character leaves a space, and the character returns after', async () => {
    scene = await startedScene();
    scene.setPaneRow('a', 5, parseAnsiLine('abcd中文字', 18)); // 中 at screen columns 5–6
    await scene.flush();
    scene.setOverlay('edge', { x: 6, y: 6, width: 4, height: 1 }, parseAnsiFrame('XXXX', 4, 1));
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    // 中 lost its right half and 字 its left half: both become spaces
    expect(screenText(scene.terminal, 6, 0, 12)).toBe('│abcd XXXX  ');
    scene.setOverlay('edge', { x: 6, y: 6, width: 4, height: 1 }, null);
    await scene.flush();
    expect(scene.differences()).toEqual([]);
  });

  it('clips a pane to its rect and blanks what a smaller pane does not cover', async () => {
    scene = await startedScene();
    scene.setPane('b', PANE_B, 30, 4); // wider than its rect, shorter than it
    scene.setPaneRow('b', 0, parseAnsiLine('0123456789abcdefghijklmnopqrst', 30));
    scene.setPaneRow('b', 1, parseAnsiLine('0123456789abcdefg中', 30)); // 中 would straddle the rect edge
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    expect(screenText(scene.terminal, 1, 21, 40)).toBe('0123456789abcdefgh│');
    expect(screenText(scene.terminal, 2, 21, 40)).toBe('0123456789abcdefg │');
    expect(screenText(scene.terminal, 5, 21, 40)).toBe('                  │');
  });

  it('shows a pane taller than its rect from a given row, and follows changes to that row only where shown', async () => {
    scene = await startedScene();
    scene.setPane('b', PANE_B, 18, 20, 14); // a glance: rows 14..22 of a 20-row screen (cut at its end)
    for (let y = 0; y < 20; y++) scene.setPaneRow('b', y, parseAnsiLine(`row ${y}`, 18));
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    expect(screenText(scene.terminal, 1, 21, 27)).toBe('row 14');
    expect(screenText(scene.terminal, 6, 21, 27)).toBe('row 19');
    expect(screenText(scene.terminal, 7, 21, 27)).toBe('      ');
    // a change above the rows shown writes nothing
    scene.setPaneRow('b', 3, parseAnsiLine('changed', 18));
    expect(await scene.flush()).toBe('');
    scene.setPane('b', PANE_B, 18, 20, 2);
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    expect(screenText(scene.terminal, 2, 21, 28)).toBe('changed');
  });

  it('removing a pane shows the chrome beneath again', async () => {
    scene = await startedScene();
    scene.removePane('b');
    await scene.flush();
    expect(scene.differences()).toEqual([]);
    expect(screenText(scene.terminal, 1, 20, 40)).toBe('│                  │');
  });

  it('repaints everything after a resize', async () => {
    scene = await startedScene();
    await scene.resize(50, 14);
    scene.setBase(parseAnsiFrame(chrome(50, 14), 50, 14));
    scene.setPane('a', { x: 1, y: 1, width: 23, height: 11 }, 23, 11);
    scene.setPane('b', { x: 26, y: 1, width: 23, height: 11 }, 23, 11);
    scene.setPaneRow('b', 10, parseAnsiLine('\x1b[7mbottom row of b\x1b[0m', 23));
    const frame = await scene.flush();
    expect(frame).toContain('\x1b[2J');
    expect(scene.differences()).toEqual([]);
    // and smaller again
    await scene.resize(30, 8);
    scene.setBase(parseAnsiFrame(chrome(30, 8), 30, 8));
    scene.setPane('a', { x: 1, y: 1, width: 13, height: 5 }, 13, 5);
    scene.setPane('b', { x: 16, y: 1, width: 13, height: 5 }, 13, 5);
    await scene.flush();
    expect(scene.differences()).toEqual([]);
  });

  it('invalidate() repaints a terminal another program scribbled on', async () => {
    scene = await startedScene();
    await new Promise<void>((resolve) => scene!.terminal.write('\x1b[H\x1b[41mgarbage\x1b[0m\x1b[5;5Hmore', resolve));
    expect(scene.differences()).not.toEqual([]);
    scene.compositor.invalidate();
    await scene.flush();
    expect(scene.differences()).toEqual([]);
  });

  it('places, moves, hides and shows the cursor', async () => {
    scene = await startedScene();
    scene.setCursor({ x: 3, y: 7, visible: true });
    const move = await scene.flush();
    expect(scene.terminalCursor).toEqual({ x: 3, y: 7 });
    expect(move.length).toBeLessThan(30);
    scene.setCursor({ x: 3, y: 7, visible: false });
    expect(await scene.flush()).not.toBe('');
    expect(scene.cursorShown).toBe(false);
    scene.setCursor(null);
    expect(await scene.flush()).toBe('');
    scene.setPaneRow('a', 2, parseAnsiLine('typing', 18));
    scene.setCursor({ x: 7, y: 3, visible: true });
    await scene.flush();
    expect(scene.cursorShown).toBe(true);
    expect(scene.terminalCursor).toEqual({ x: 7, y: 3 });
    // a cursor off screen is hidden rather than clamped somewhere misleading
    scene.setCursor({ x: 80, y: 3, visible: true });
    await scene.flush();
    expect(scene.cursorShown).toBe(false);
  });

  it('stays in sync through a long run of random changes', async () => {
    scene = await startedScene();
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['a', 'bc', ' ', '中', '文', '😀', '\x1b[31m', '\x1b[1m', '\x1b[0m', '\x1b[44m', '\x1b[7m', '\x1b[38;5;99m', 'é', '─'];
    const randomText = () => Array.from({ length: random(14) }, () => pieces[random(pieces.length)]).join('');
    for (let step = 0; step < 150; step++) {
      const action = random(10);
      if (action < 6) scene.setPaneRow(random(2) ? 'a' : 'b', random(ROWS - 3), parseAnsiLine(randomText(), 18));
      else if (action < 8) {
        const rect = { x: random(COLS - 4), y: random(ROWS - 2), width: 2 + random(12), height: 1 + random(4) };
        const lines = Array.from({ length: rect.height }, randomText).join('\n');
        scene.setOverlay(`o${random(3)}`, rect, random(4) ? parseAnsiFrame(lines, rect.width, rect.height) : null);
      } else if (action < 9) scene.setCursor({ x: random(COLS), y: random(ROWS), visible: random(3) > 0 });
      else scene.setOverlay(`o${random(3)}`, { x: 0, y: 0, width: 0, height: 0 }, null);
      await scene.flush();
      const differences = scene.differences();
      expect(differences, `after step ${step}`).toEqual([]);
    }
  });
});
