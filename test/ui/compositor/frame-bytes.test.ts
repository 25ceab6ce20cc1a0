/**
 * What a frame costs on a 200×50 screen with four panes — printed, not asserted against a
 * clock (timings vary by machine). Bytes are asserted: they are deterministic.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { Compositor } from '../../../src/ui/compositor/compositor.js';
import type { CellRow } from '../../../src/ui/grid/cell-row.js';
import { parseAnsiFrame, parseAnsiLine } from '../../../src/ui/grid/parse-ansi.js';

const COLS = 200;
const ROWS = 50;
const PANE_COLS = 98;
const PANE_ROWS = 23;
const RECTS = [
  { x: 1, y: 1, width: PANE_COLS, height: PANE_ROWS },
  { x: 101, y: 1, width: PANE_COLS, height: PANE_ROWS },
  { x: 1, y: 26, width: PANE_COLS, height: PANE_ROWS },
  { x: 101, y: 26, width: PANE_COLS, height: PANE_ROWS },
];

function chrome(): string {
  const top = `╭${'─'.repeat(98)}╮`.repeat(2);
  const middle = `│${' '.repeat(98)}│`.repeat(2);
  const bottom = `╰${'─'.repeat(98)}╯`.repeat(2);
  const box = [top, ...Array<string>(PANE_ROWS).fill(middle), bottom].map((line) => `\x1b[36m${line}\x1b[0m`);
  return [...box, ...box].join('\n');
}

/** A coloured agent-like row: a few styled words, some plain text. */
function paneRow(pane: number, y: number, variant: number): CellRow {
  const text = `\x1b[1;32m●\x1b[0m agent-${pane} \x1b[38;5;${(y * 7 + variant) % 256}mline ${y} v${variant}\x1b[0m: compiling crate \x1b[4mhangar\x1b[24m (${variant % 100}%) \x1b[48;2;30;30;${variant % 256}m diff \x1b[0m`;
  return parseAnsiLine(text, PANE_COLS);
}

function fourPanes(): Compositor {
  const compositor = new Compositor(COLS, ROWS);
  compositor.setBase(parseAnsiFrame(chrome(), COLS, ROWS));
  RECTS.forEach((rect, i) => {
    compositor.setPane(`p${i}`, rect, PANE_COLS, PANE_ROWS);
    for (let y = 0; y < PANE_ROWS; y++) compositor.setPaneRow(`p${i}`, y, paneRow(i, y, 0));
  });
  compositor.setCursor({ x: 10, y: 5, visible: true });
  compositor.frame();
  return compositor;
}

function perFrameMicros(frames: number, step: (i: number) => void): number {
  for (let i = 0; i < Math.min(50, frames); i++) step(i); // warm up
  const start = performance.now();
  for (let i = 0; i < frames; i++) step(i);
  return ((performance.now() - start) * 1000) / frames;
}

describe('frame cost, 200×50, four panes', () => {
  it('one changed cell, and every pane row changed', () => {
    const compositor = fourPanes();
    const fullBytes = compositor.stats.lastFrameBytes;

    // (a) a keystroke echo: one cell of the focused pane changes, the cursor follows it
    const prompt = (i: number) => parseAnsiLine(`> ${'x'.repeat(i % 2)}`, PANE_COLS);
    const echoes = [prompt(0), prompt(1)];
    const echo = (i: number) => {
      compositor.setPaneRow('p0', 4, echoes[i % 2]!);
      compositor.setCursor({ x: 3 + (i % 2), y: 5, visible: true });
      return compositor.frame();
    };
    const oneCellMicros = perFrameMicros(5000, echo);
    const erased = echo(0);
    const typed = echo(1);
    const oneCellBytes = compositor.stats.lastFrameBytes;

    // (b) every row of every pane changes (rows parsed beforehand: the server sends text,
    // parsing is measured separately below)
    const variants = [1, 2].map((v) => RECTS.map((_, p) => Array.from({ length: PANE_ROWS }, (_, y) => paneRow(p, y, v))));
    let allRowsBytes = 0;
    const allRowsMicros = perFrameMicros(300, (i) => {
      const rows = variants[i % 2]!;
      rows.forEach((paneRows, p) => paneRows.forEach((cells, y) => compositor.setPaneRow(`p${p}`, y, cells)));
      compositor.frame();
      allRowsBytes = compositor.stats.lastFrameBytes;
    });

    const sample = `\x1b[1;32m●\x1b[0m agent \x1b[38;5;99mline 7\x1b[0m: compiling crate \x1b[4mhangar\x1b[24m (42%) \x1b[48;2;30;30;200m diff \x1b[0m`;
    const parseMicros = perFrameMicros(20000, () => parseAnsiLine(sample, PANE_COLS));
    const idleMicros = perFrameMicros(20000, () => compositor.frame());

    console.log(
      [
        `full repaint: ${fullBytes} bytes`,
        `(a) one changed cell: ${oneCellBytes} bytes (${JSON.stringify(typed)}), ${oneCellMicros.toFixed(1)} µs/frame`,
        `(b) all ${4 * PANE_ROWS} pane rows changed: ${allRowsBytes} bytes, ${allRowsMicros.toFixed(0)} µs/frame`,
        `idle frame: ${idleMicros.toFixed(2)} µs; parseAnsiLine of a styled ${PANE_COLS}-column row: ${parseMicros.toFixed(1)} µs`,
      ].join('\n'),
    );
    expect(typed).not.toBe('');
    expect(erased).not.toBe('');
    expect(oneCellBytes).toBeLessThan(40);
    expect(Buffer.byteLength(erased)).toBeLessThan(40);
    expect(compositor.frame()).toBe('');
    expect(allRowsBytes).toBeLessThan(fullBytes);
  });
});
