import { markKey, traceTimeOf } from '../../base/key-trace.js';
import type { OuterTerminal } from '../outer-terminal.js';
import type { Workbench } from '../subject.js';

/** Keys typed per line before the line is cleared (Ctrl-U), so no line wraps in a quarter pane. */
const KEYS_PER_LINE = 25;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const KILL_LINE = '\x15';

/**
 * (b): type printable keys one at a time into the focused shell; each key's latency is from
 * the write to the arrival of the pty chunk whose parse shows that letter just left of the
 * cursor, with the cursor one column further on (the chunk's arrival, not the parse: the
 * outer emulator parses on a timer of its own, terminal/watched-pty.ts `chunkArrivedAt`).
 * `width` 3: each key is a 3-character marker written at once (issue 17's second variant: a
 * paste, or a key whose answer is several cells), timed until all of it shows. Returns one
 * latency per key, in ms.
 */
export async function measureEchoLatency(outer: OuterTerminal, keys: number, timeoutMs: number, width: 1 | 3 = 1): Promise<number[]> {
  const latencies: number[] = [];
  while (latencies.length < keys) {
    // a busy pane beside it moves the outer cursor while it is drawn: start at the prompt's end,
    // read when seen there (the emulator may parse more before the wait's continuation runs)
    let start = outer.cursor();
    await outer.waitFor('the cursor at the prompt', () => atPromptEnd(outer) && ((start = outer.cursor()), true), timeoutMs);
    const count = Math.min(KEYS_PER_LINE, keys - latencies.length);
    for (let k = 0; k < count; k++) {
      const n = latencies.length + k;
      const text = width === 1 ? LETTERS[n % LETTERS.length]! : markerOf(n);
      const col = start.col + k * width;
      let shownAt = 0;
      const sentAt = outer.now();
      markKey('bench.key', traceTimeOf(sentAt));
      outer.write(text);
      await outer.waitFor(
        `the echo of "${text}" at row ${start.row}, column ${col}`,
        () => {
          const cursor = outer.cursor();
          const shown = cursor.row === start.row && cursor.col === col + width && [...text].every((ch, i) => outer.charAt(start.row, col + i) === ch);
          if (shown) {
            shownAt = outer.chunkArrivedAt;
            markKey('bench.seen', traceTimeOf(shownAt));
          }
          return shown;
        },
        timeoutMs,
      );
      latencies.push(shownAt - sentAt);
    }
    outer.write(KILL_LINE);
    await outer.waitFor('the line to clear', () => {
      const cursor = outer.cursor();
      return cursor.row === start.row && cursor.col === start.col && outer.charAt(start.row, start.col).trim() === '';
    }, timeoutMs);
  }
  return latencies;
}

/** A 3-character marker of its own for key `n`: a letter and two digits (e.g. `c07`). */
function markerOf(n: number): string {
  return `${LETTERS[n % LETTERS.length]}${String(n % 100).padStart(2, '0')}`;
}

/** The cursor just after a shell prompt (`bench$ `). */
export function atPromptEnd(outer: OuterTerminal): boolean {
  const { row, col } = outer.cursor();
  return (outer.rows()[row] ?? '').slice(0, col).trimEnd().endsWith('$');
}

/** The other panes' load in (b): each runs this until the workbench closes. */
const BACKGROUND_FLOOD = 'while :; do seq 1 200000; done';

/**
 * Start BACKGROUND_FLOOD in panes 1..others and return once the outer terminal is visibly busy
 * (at least `busyBytes` more bytes drawn), so latencies are taken under load, not before it.
 */
export async function startBackgroundFloods(bench: Workbench, others: number, busyBytes: number, timeoutMs: number): Promise<void> {
  for (let i = 1; i <= others; i++) await bench.runInPane(i, BACKGROUND_FLOOD);
  const from = bench.outer.bytesWritten;
  await bench.outer.waitFor(`${busyBytes} bytes of flood output`, () => bench.outer.bytesWritten - from >= busyBytes, timeoutMs);
}
