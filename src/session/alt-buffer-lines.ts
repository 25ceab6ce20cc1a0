/**
 * The alternate screen's lines, reused. xterm throws the alternate buffer's lines away each time
 * the normal screen comes back (`activateNormalBuffer` → `clear()`) and builds a screenful of new
 * ones on the next `CSI ? 1049 h` (`fillViewportRows` → `getBlankLine`: a new BufferLine, filled
 * cell by cell). A child toggling the alternate screen in a loop made that most of the server's
 * work — a CPU profile beside it: the BufferLine constructor 16.5 %, fillViewportRows 6.5 %, the
 * garbage collector 7 % — and the collector's pauses were what a keystroke's echo in another pane
 * waited behind (docs/PERFORMANCE.md (j)).
 *
 * Here the alternate buffer keeps the lines it clears (at most a screenful) and a blank line is
 * made from one of them by copying a blank template of the same attributes into it (a typed-array
 * copy, no allocation). Lines of another width are dropped (a resize); a fill with extended
 * attributes (underline colour, a link) is left to xterm.
 *
 * This reads xterm's private Buffer (`lines`, `clear`, `getBlankLine`, BufferLine's `copyFrom`);
 * `reuseAltBufferLines` checks their shape and changes nothing when they are not as expected.
 */
import { toDisposable, type Disposable } from '../base/disposable.js';

interface RawLine {
  length: number;
  isWrapped: boolean;
  copyFrom(line: RawLine): void;
}

interface RawAttr {
  fg: number;
  bg: number;
}

interface RawAltBuffer {
  lines: { length: number; get(i: number): RawLine | undefined };
  clear(): void;
  getBlankLine(attr?: RawAttr, isWrapped?: boolean): RawLine;
}

/** xterm's BgFlags.HAS_EXTENDED: the cell's extended attributes live in an object by reference. */
const HAS_EXTENDED = 0x10000000;

export interface AltBufferLines extends Disposable {
  /** Blank lines made from a kept line instead of a new one, so far. */
  readonly reused: number;
}

/** Makes `terminal`'s alternate buffer reuse its lines; null (and no change) when xterm is not as expected. */
export function reuseAltBufferLines(terminal: unknown, cols: () => number): AltBufferLines | null {
  const alt = (terminal as { _core?: { _bufferService?: { buffers?: { alt?: unknown } } } })._core?._bufferService?.buffers?.alt as Partial<RawAltBuffer> | undefined;
  if (!alt || typeof alt.clear !== 'function' || typeof alt.getBlankLine !== 'function' || typeof alt.lines?.get !== 'function') return null;
  const buffer = alt as RawAltBuffer;
  const clear = buffer.clear;
  const getBlankLine = buffer.getBlankLine;
  const kept: RawLine[] = [];
  let template: { key: string; line: RawLine } | null = null;
  let reused = 0;

  buffer.clear = function (this: RawAltBuffer) {
    const lines = this.lines;
    kept.length = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines.get(i);
      if (line && typeof line.copyFrom === 'function') kept.push(line);
    }
    clear.call(this);
  };

  buffer.getBlankLine = function (this: RawAltBuffer, attr?: RawAttr, isWrapped?: boolean) {
    const width = cols();
    const line = kept.pop();
    if (!line || line.length !== width || (attr !== undefined && (attr.bg & HAS_EXTENDED) !== 0)) {
      if (line && line.length !== width) kept.length = 0;
      return getBlankLine.call(this, attr, isWrapped);
    }
    const key = attr === undefined ? `${width}` : `${width},${attr.fg},${attr.bg}`;
    if (template?.key !== key) template = { key, line: getBlankLine.call(this, attr, false) };
    line.copyFrom(template.line);
    line.isWrapped = isWrapped === true;
    reused++;
    return line;
  };

  return {
    get reused() {
      return reused;
    },
    ...toDisposable(() => {
      buffer.clear = clear;
      buffer.getBlankLine = getBlankLine;
      kept.length = 0;
    }),
  };
}
