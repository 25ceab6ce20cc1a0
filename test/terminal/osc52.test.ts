import { describe, expect, it } from 'vitest';
import { clipboardSequence, parseClipboardWrite } from '../../src/terminal/osc52.js';

describe('OSC 52 clipboard writes', () => {
  it('parses a write: selections and base64 contents', () => {
    expect(parseClipboardWrite('c;aGVsbG8=')).toEqual({ selection: 'c', base64: 'aGVsbG8=' });
    expect(parseClipboardWrite('pc;')).toEqual({ selection: 'pc', base64: '' }); // clears
    expect(parseClipboardWrite(';aGk=')).toEqual({ selection: '', base64: 'aGk=' });
  });

  it('a query is not a write (answering it would hand the clipboard to the child)', () => {
    expect(parseClipboardWrite('c;?')).toBeNull();
  });

  it('refuses anything but OSC 52 characters: nothing else can ride along to the real terminal', () => {
    for (const bad of ['c', 'x;aGk=', 'c;aGk=\x1b[2J', 'c\x07;aGk=', 'c;aGk', 'c;a=b=', 'c;aGk=\x9c']) expect(parseClipboardWrite(bad), JSON.stringify(bad)).toBeNull();
  });

  it('writes the same request for another terminal, the clipboard when none was named', () => {
    expect(clipboardSequence({ selection: 'p', base64: 'aGk=' })).toBe('\x1b]52;p;aGk=\x07');
    expect(clipboardSequence({ selection: '', base64: 'aGk=' })).toBe('\x1b]52;c;aGk=\x07');
  });
});
