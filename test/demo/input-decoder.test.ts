import { describe, expect, it } from 'vitest';
import { decodeInput, flushDecoder, initialDecoderState, needsFlush, type DecoderState, type Key } from '../../src/demo/input-decoder.js';

/** Feed chunks one after another, as the terminal would deliver them. */
function decodeChunks(chunks: string[]): { keys: Key[]; state: DecoderState } {
  let state = initialDecoderState;
  const keys: Key[] = [];
  for (const chunk of chunks) {
    const decoded = decodeInput(state, chunk);
    state = decoded.state;
    keys.push(...decoded.keys);
  }
  return { keys, state };
}

describe('decodeInput', () => {
  it('groups typed characters and reads control keys', () => {
    expect(decodeChunks(['hi there\r\x7f\x08\x03\x04\x15']).keys).toEqual([
      { type: 'text', text: 'hi there' },
      { type: 'enter' },
      { type: 'backspace' },
      { type: 'backspace' },
      { type: 'ctrl-c' },
      { type: 'ctrl-d' },
      { type: 'ctrl-u' },
    ]);
  });

  it('reads CR LF as one Enter and ignores other control characters', () => {
    expect(decodeChunks(['a\r\nb\t\x07c']).keys).toEqual([{ type: 'text', text: 'a' }, { type: 'enter' }, { type: 'text', text: 'bc' }]);
  });

  it('drops arrows, function keys and Alt+key instead of taking them for Escape', () => {
    const { keys, state } = decodeChunks(['a\x1b[Ab\x1bOPc\x1b[1;5Cd\x1b[15~e\x1bxf']);
    expect(keys).toEqual([{ type: 'text', text: 'abcdef' }]);
    expect(state.pending).toBe('');
  });

  it('keeps an escape sequence split across chunks until it is complete', () => {
    const { keys, state } = decodeChunks(['x\x1b[', '1;5', 'Dy']);
    expect(keys).toEqual([{ type: 'text', text: 'x' }, { type: 'text', text: 'y' }]);
    expect(state.pending).toBe('');
  });

  it('leaves a lone ESC pending until a quiet flush says it was the Escape key', () => {
    const { keys, state } = decodeChunks(['\x1b']);
    expect(keys).toEqual([]);
    expect(needsFlush(state)).toBe(true);
    const flushed = flushDecoder(state);
    expect(flushed.keys).toEqual([{ type: 'escape' }]);
    expect(needsFlush(flushed.state)).toBe(false);
  });

  it('reads ESC ESC as an Escape followed by a pending ESC', () => {
    const { keys, state } = decodeChunks(['\x1b\x1b']);
    expect(keys).toEqual([{ type: 'escape' }]);
    expect(flushDecoder(state).keys).toEqual([{ type: 'escape' }]);
  });

  it('drops a half sequence on flush', () => {
    const { state } = decodeChunks(['\x1b[1;']);
    expect(flushDecoder(state).keys).toEqual([]);
  });

  it('reads a bracketed paste with its line breaks as one paste', () => {
    expect(decodeChunks(['ab\x1b[200~line 1\rline 2\r\nline 3\x1b[201~\r']).keys).toEqual([
      { type: 'text', text: 'ab' },
      { type: 'paste', text: 'line 1\nline 2\nline 3' },
      { type: 'enter' },
    ]);
  });

  it('reads a paste whose start, body and end marker are split across chunks', () => {
    const { keys, state } = decodeChunks(['\x1b[20', '0~first\r', 'sec', 'ond\x1b[2', '01', '~after']);
    expect(keys).toEqual([
      { type: 'paste', text: 'first\nsecond' },
      { type: 'text', text: 'after' },
    ]);
    expect(state).toEqual(initialDecoderState);
  });

  it('keeps ESC, Enter and Ctrl-C inside a paste as text', () => {
    expect(decodeChunks(['\x1b[200~a\x1bb\x03c\x1b[201~']).keys).toEqual([{ type: 'paste', text: 'a\x1bb\x03c' }]);
  });

  it('does not flush in the middle of a paste', () => {
    const { state } = decodeChunks(['\x1b[200~abc\x1b[20']);
    expect(needsFlush(state)).toBe(false);
    expect(flushDecoder(state).state).toBe(state);
  });
});
