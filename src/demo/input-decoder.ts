/** A key press (or paste) read from the terminal. */
export type Key =
  | { type: 'text'; text: string }
  | { type: 'paste'; text: string }
  | { type: 'enter' }
  | { type: 'backspace' }
  | { type: 'escape' }
  | { type: 'ctrl-c' }
  | { type: 'ctrl-d' }
  | { type: 'ctrl-u' };

/** What the decoder carries from one chunk to the next. */
export interface DecoderState {
  /** Bytes of an escape sequence (or paste end marker) that the chunk ended in the middle of. */
  pending: string;
  /** Inside a bracketed paste: collected text so far, else undefined. */
  paste: string | undefined;
}

export interface Decoded {
  state: DecoderState;
  keys: Key[];
}

export const initialDecoderState: DecoderState = { pending: '', paste: undefined };

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
/** An unfinished escape sequence longer than this is garbage, not a key still arriving. */
const MAX_PENDING = 32;

/**
 * Turn a chunk of terminal input into keys. Pure: the state goes in and comes out.
 * Escape sequences (arrows, function keys, mouse) that hangar does not use are dropped whole;
 * a chunk ending in a lone ESC leaves it pending, because it may be the start of a sequence:
 * the caller decides after a short quiet time with {@link flushDecoder}.
 */
export function decodeInput(state: DecoderState, chunk: string): Decoded {
  const input = state.pending + chunk;
  const keys: Key[] = [];
  let paste = state.paste;
  let text = '';
  const emit = (key: Key): void => {
    if (text !== '') keys.push({ type: 'text', text });
    text = '';
    keys.push(key);
  };

  let i = 0;
  while (i < input.length) {
    if (paste !== undefined) {
      const end = input.indexOf(PASTE_END, i);
      if (end >= 0) {
        emit({ type: 'paste', text: normalizeNewlines(paste + input.slice(i, end)) });
        paste = undefined;
        i = end + PASTE_END.length;
        continue;
      }
      const keep = partialMarkerLength(input, i, PASTE_END);
      paste += input.slice(i, input.length - keep);
      return finish(input.slice(input.length - keep), paste);
    }

    const ch = input[i]!;
    if (ch === '\x1b') {
      const length = escapeSequenceLength(input, i);
      if (length === undefined) {
        // Unfinished: wait for more bytes, unless it is already too long to be a real key.
        const rest = input.slice(i);
        return finish(rest.length > MAX_PENDING ? '' : rest, paste);
      }
      const sequence = input.slice(i, i + length);
      if (sequence === PASTE_START) {
        if (text !== '') keys.push({ type: 'text', text });
        text = '';
        paste = '';
      } else if (sequence === '\x1b\x1b') {
        // ESC ESC: the first one was a lone Escape; look at the second one again.
        emit({ type: 'escape' });
        i += 1;
        continue;
      }
      // Any other sequence is a key the demo has no use for.
      i += length;
      continue;
    }

    i += 1;
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && input[i] === '\n') i += 1;
      emit({ type: 'enter' });
    } else if (ch === '\x7f' || ch === '\x08') emit({ type: 'backspace' });
    else if (ch === '\x03') emit({ type: 'ctrl-c' });
    else if (ch === '\x04') emit({ type: 'ctrl-d' });
    else if (ch === '\x15') emit({ type: 'ctrl-u' });
    else if (ch >= ' ') text += ch;
    // Other control characters are ignored.
  }
  return finish('', paste);

  function finish(pending: string, openPaste: string | undefined): Decoded {
    if (text !== '') keys.push({ type: 'text', text });
    return { state: { pending, paste: openPaste }, keys };
  }
}

/** True when a quiet moment should decide what the pending bytes were (see {@link flushDecoder}). */
export function needsFlush(state: DecoderState): boolean {
  return state.pending !== '' && state.paste === undefined;
}

/**
 * No more bytes came: a pending lone ESC was the Escape key; a half sequence is dropped.
 * An open paste stays open (its end marker will come).
 */
export function flushDecoder(state: DecoderState): Decoded {
  if (!needsFlush(state)) return { state, keys: [] };
  const keys: Key[] = state.pending === '\x1b' ? [{ type: 'escape' }] : [];
  return { state: { pending: '', paste: undefined }, keys };
}

/**
 * Length of the escape sequence starting at `start`, or undefined when the input ends before it does.
 * CSI (`ESC [ params final`), SS3 (`ESC O x`), and ESC + one character (Alt+key).
 */
function escapeSequenceLength(input: string, start: number): number | undefined {
  const next = input[start + 1];
  if (next === undefined) return undefined;
  if (next === '\x1b') return 2;
  if (next === 'O') return input.length > start + 2 ? 3 : undefined;
  if (next !== '[') return 2;
  for (let j = start + 2; j < input.length; j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x40 && code <= 0x7e) return j - start + 1; // final byte
    if (code < 0x20 || code > 0x3f) return j - start; // malformed: drop what came so far
  }
  return undefined;
}

/** How many characters at the end of input[from..] could be the start of `marker`. */
function partialMarkerLength(input: string, from: number, marker: string): number {
  for (let keep = Math.min(marker.length - 1, input.length - from); keep > 0; keep--) {
    if (marker.startsWith(input.slice(input.length - keep))) return keep;
  }
  return 0;
}

/** Terminals send pasted line breaks as CR; the prompt keeps them as \n. */
function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
