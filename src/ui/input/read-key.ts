/**
 * Splits terminal input into keys: one character (a whole code point), or one escape
 * sequence — CSI (`ESC [ … final`), SS3 (`ESC O x`), Alt + a character (`ESC x`), Alt + a
 * sequence (`ESC ESC [ A`) — and recognises the start of a bracketed paste and mouse reports.
 * Pure: it reads a string and says where the key ends, or that more input is needed.
 */

const ESC = '\x1b';

export const PASTE_START = `${ESC}[200~`;
export const PASTE_END = `${ESC}[201~`;

export type KeyKind = 'key' | 'paste-start' | 'mouse';

export interface ReadKey {
  kind: KeyKind;
  /** index just past the key */
  end: number;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** End of the code point at pos, or null when its second half has not arrived yet. */
function codePointEnd(buf: string, pos: number): number | null {
  if (!isHighSurrogate(buf.charCodeAt(pos))) return pos + 1;
  return pos + 1 < buf.length ? pos + 2 : null;
}

const inRange = (code: number, lo: number, hi: number) => code >= lo && code <= hi;

/** `ESC [` at pos: parameters, intermediates, one final byte. */
function readCsi(buf: string, pos: number): ReadKey | null {
  let i = pos + 2;
  while (i < buf.length && inRange(buf.charCodeAt(i), 0x30, 0x3f)) i++;
  while (i < buf.length && inRange(buf.charCodeAt(i), 0x20, 0x2f)) i++;
  if (i >= buf.length) return null;
  if (!inRange(buf.charCodeAt(i), 0x40, 0x7e)) {
    // Malformed (a control byte inside): what came so far is one key; the rest is read anew.
    return { kind: 'key', end: i };
  }
  const end = i + 1;
  const final = buf[i];
  if (final === 'M' && end === pos + 3) {
    // X10 mouse report: ESC [ M then three raw bytes (button, column, row).
    return end + 3 <= buf.length ? { kind: 'mouse', end: end + 3 } : null;
  }
  if (buf[pos + 2] === '<' && (final === 'M' || final === 'm')) return { kind: 'mouse', end };
  if (buf.startsWith(PASTE_START, pos) && end === pos + PASTE_START.length) return { kind: 'paste-start', end };
  return { kind: 'key', end };
}

/** An escape sequence introduced by `[` or `O` at pos + 1 (pos is the ESC). */
function readSequence(buf: string, pos: number): ReadKey | null {
  if (buf[pos + 1] === '[') return readCsi(buf, pos);
  // SS3: ESC O and one character.
  if (pos + 2 >= buf.length) return null;
  const end = codePointEnd(buf, pos + 2);
  return end === null ? null : { kind: 'key', end };
}

/**
 * The key starting at pos, or null when buf ends inside it (a lone ESC included: it may be
 * the start of a sequence whose rest is still on the wire).
 */
export function readKey(buf: string, pos: number): ReadKey | null {
  if (buf[pos] !== ESC) {
    const end = codePointEnd(buf, pos);
    return end === null ? null : { kind: 'key', end };
  }
  if (pos + 1 >= buf.length) return null;
  const next = buf[pos + 1];
  if (next === '[' || next === 'O') return readSequence(buf, pos);
  if (next === ESC) {
    // Alt + a sequence (ESC ESC [ A) or Alt + Escape.
    if (pos + 2 >= buf.length) return null;
    const after = buf[pos + 2];
    if (after !== '[' && after !== 'O') return { kind: 'key', end: pos + 2 };
    const inner = readSequence(buf, pos + 1);
    return inner === null ? null : { kind: 'key', end: inner.end };
  }
  // Alt + a character.
  const end = codePointEnd(buf, pos + 1);
  return end === null ? null : { kind: 'key', end };
}

/** How many characters at the end of buf could be the start of `marker` (held for the next chunk). */
export function partialMarkerLength(buf: string, from: number, marker: string): number {
  const longest = Math.min(marker.length - 1, buf.length - from);
  for (let n = longest; n > 0; n--) {
    if (buf.endsWith(marker.slice(0, n))) return n;
  }
  return 0;
}
