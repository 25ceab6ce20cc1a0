/**
 * What a cockpit frame costs on a 200×50 screen with four panes: bytes written and µs of CPU
 * per frame for (a) a keystroke echo (one changed cell) and (b) every pane row changed, an
 * idle frame, and parsing one styled row. In-process, no children. The scene is shared with
 * test/ui/compositor/frame-bytes.test.ts, which asserts its bytes (they are deterministic).
 */
import { Compositor } from '../../ui/compositor/compositor.js';
import type { CellRow } from '../../ui/grid/cell-row.js';
import { parseAnsiFrame, parseAnsiLine } from '../../ui/grid/parse-ansi.js';
import type { BenchClock } from '../clock.js';

const FRAME_COLS = 200;
const FRAME_ROWS = 50;
const PANE_COLS = 98;
const PANE_ROWS = 23;
const PANE_RECTS = [
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

/** Four panes of agent-like rows under their boxes, drawn once. */
export function fourPanes(): Compositor {
  const compositor = new Compositor(FRAME_COLS, FRAME_ROWS);
  compositor.setBase(parseAnsiFrame(chrome(), FRAME_COLS, FRAME_ROWS));
  PANE_RECTS.forEach((rect, i) => {
    compositor.setPane(`p${i}`, rect, PANE_COLS, PANE_ROWS);
    for (let y = 0; y < PANE_ROWS; y++) compositor.setPaneRow(`p${i}`, y, paneRow(i, y, 0));
  });
  compositor.setCursor({ x: 10, y: 5, visible: true });
  compositor.frame();
  return compositor;
}

/** (a): a keystroke echo — one cell of the focused pane changes, the cursor follows it. Returns the frame. */
export function echoFrame(compositor: Compositor, i: number): string {
  compositor.setPaneRow('p0', 4, parseAnsiLine(`> ${'x'.repeat(i % 2)}`, PANE_COLS));
  compositor.setCursor({ x: 3 + (i % 2), y: 5, visible: true });
  return compositor.frame();
}

/** (b): every row of every pane changes (rows parsed beforehand: parsing is measured apart). */
export function allRowsFrames(): (compositor: Compositor, i: number) => string {
  const variants = [1, 2].map((v) => PANE_RECTS.map((_, p) => Array.from({ length: PANE_ROWS }, (_, y) => paneRow(p, y, v))));
  return (compositor, i) => {
    variants[i % 2]!.forEach((paneRows, p) => paneRows.forEach((cells, y) => compositor.setPaneRow(`p${p}`, y, cells)));
    return compositor.frame();
  };
}

export interface FrameCost {
  fullBytes: number;
  oneCellBytes: number;
  oneCellMicros: number;
  allRowsBytes: number;
  allRowsMicros: number;
  idleMicros: number;
  parseRowMicros: number;
}

function perCallMicros(clock: BenchClock, calls: number, step: (i: number) => void): number {
  for (let i = 0; i < Math.min(50, calls); i++) step(i); // warm up
  const start = clock.now();
  for (let i = 0; i < calls; i++) step(i);
  return ((clock.now() - start) * 1000) / calls;
}

export function measureFrameCost(clock: BenchClock): FrameCost {
  const compositor = fourPanes();
  const fullBytes = compositor.stats.lastFrameBytes;
  const oneCellMicros = perCallMicros(clock, 5000, (i) => echoFrame(compositor, i));
  echoFrame(compositor, 0);
  echoFrame(compositor, 1); // the cell changes from the frame before
  const oneCellBytes = compositor.stats.lastFrameBytes;
  const allRows = allRowsFrames();
  const allRowsMicros = perCallMicros(clock, 300, (i) => allRows(compositor, i));
  const allRowsBytes = compositor.stats.lastFrameBytes;
  const sample = `\x1b[1;32m●\x1b[0m agent \x1b[38;5;99mline 7\x1b[0m: compiling crate \x1b[4mhangar\x1b[24m (42%) \x1b[48;2;30;30;200m diff \x1b[0m`;
  const parseRowMicros = perCallMicros(clock, 20000, () => parseAnsiLine(sample, PANE_COLS));
  const idleMicros = perCallMicros(clock, 20000, () => compositor.frame());
  return { fullBytes, oneCellBytes, oneCellMicros, allRowsBytes, allRowsMicros, idleMicros, parseRowMicros };
}

export function describeFrameCost(f: FrameCost): string {
  return (
    `frame cost, ${FRAME_COLS}×${FRAME_ROWS}, four panes: full repaint ${f.fullBytes} bytes; ` +
    `(a) one changed cell ${f.oneCellBytes} bytes, ${f.oneCellMicros.toFixed(1)} µs/frame; ` +
    `(b) all ${4 * PANE_ROWS} pane rows changed ${f.allRowsBytes} bytes, ${f.allRowsMicros.toFixed(0)} µs/frame; ` +
    `idle frame ${f.idleMicros.toFixed(2)} µs; parseAnsiLine of a styled ${PANE_COLS}-column row ${f.parseRowMicros.toFixed(1)} µs`
  );
}
