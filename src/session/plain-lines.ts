/**
 * Whether a chunk of child output is a run of plain lines — printable ASCII ending in CR LF —
 * whose effect on an emulator in a plain state is known without its parser (see plain-flood.ts).
 *
 * A chunk is cut in three: the head, up to and including its first LF (it finishes the line
 * the previous chunk left open, so the emulator parses it); the complete lines after it; and
 * the rest after the last LF (a line still open, parsed too). Only the lines in the middle
 * can skip the parser, and only when each is shorter than the screen is wide (no autowrap).
 *
 * Runs on every chunk: one pass over the bytes that stops at the first byte that is not plain,
 * building nothing but the list of where lines end.
 */

export interface PlainLines {
  /** Offset just after the first LF: the head, parsed normally. */
  headEnd: number;
  /** Offset of the CR ending each complete line after the head; line i starts after line i-1's LF. */
  ends: number[];
  /** Offset just after the last LF: the rest, parsed normally (may be empty). */
  restStart: number;
}

const CR = 0x0d;
const LF = 0x0a;

/** Line `i` of `plain` as offsets [start, end) into its chunk. */
export function lineStart(plain: PlainLines, i: number): number {
  return i === 0 ? plain.headEnd : plain.ends[i - 1]! + 2;
}

/**
 * The plain lines of `data`, or null when it holds any other byte (controls other than CR LF
 * pairs, a lone CR or LF, bytes ≥ 0x7f), a complete line after the head as wide as `cols` or
 * wider, or no complete line after the head. A CR as the last byte, or an LF as the first (the
 * two halves of a pair split between chunks), counts as a pair.
 */
export function plainLines(data: string | Uint8Array, cols: number): PlainLines | null {
  return typeof data === 'string' ? scanString(data, cols) : scanBytes(data, cols);
}

// The two scans are the same loop; one per input type keeps each monomorphic (and fast).

function scanBytes(data: Uint8Array, cols: number): PlainLines | null {
  const length = data.length;
  const ends: number[] = [];
  let headEnd = -1;
  let lineStartAt = 0;
  for (let i = 0; i < length; i++) {
    const b = data[i]!;
    if (b >= 0x20 && b <= 0x7e) continue;
    if (b === CR) {
      if (i + 1 < length && data[i + 1] !== LF) return null;
      continue;
    }
    if (b !== LF || (i > 0 && data[i - 1] !== CR)) return null;
    if (headEnd < 0) headEnd = i + 1;
    else if (i - 1 - lineStartAt >= cols) return null;
    else ends.push(i - 1);
    lineStartAt = i + 1;
  }
  return ends.length > 0 ? { headEnd, ends, restStart: lineStartAt } : null;
}

function scanString(data: string, cols: number): PlainLines | null {
  const length = data.length;
  const ends: number[] = [];
  let headEnd = -1;
  let lineStartAt = 0;
  for (let i = 0; i < length; i++) {
    const b = data.charCodeAt(i);
    if (b >= 0x20 && b <= 0x7e) continue;
    if (b === CR) {
      if (i + 1 < length && data.charCodeAt(i + 1) !== LF) return null;
      continue;
    }
    if (b !== LF || (i > 0 && data.charCodeAt(i - 1) !== CR)) return null;
    if (headEnd < 0) headEnd = i + 1;
    else if (i - 1 - lineStartAt >= cols) return null;
    else ends.push(i - 1);
    lineStartAt = i + 1;
  }
  return ends.length > 0 ? { headEnd, ends, restStart: lineStartAt } : null;
}
