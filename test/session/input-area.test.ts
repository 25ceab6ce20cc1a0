import { describe, expect, it } from 'vitest';
import { inputAreaRows, messageInInput, messageRowSpan, messageSnippet } from '../../src/session/input-area.js';

const visible = (x: number, y: number) => ({ x, y, visible: true });

describe('input area', () => {
  it('snippet is the whitespace-free tail of the last non-empty line', () => {
    expect(messageSnippet('first line\nplease run   the tests\n\n')).toBe('pleaserunthetests');
    expect(messageSnippet('x'.repeat(40) + 'END')).toBe('x'.repeat(21) + 'END');
    expect(messageSnippet('  \n ')).toBe('');
  });

  it('span counts wrapped rows and lines', () => {
    expect(messageRowSpan('short', 80)).toBe(1);
    expect(messageRowSpan('x'.repeat(81), 80)).toBe(2);
    expect(messageRowSpan('a\nb\nc', 80)).toBe(3);
  });

  it('a TUI echo of the prompt above the input box does not count', () => {
    const rows = ['> run the tests', '╭────────────╮', '│ >          │', '╰────────────╯'];
    expect(messageInInput(rows, visible(4, 2), 'runthetests', 1)).toBe(false);
    const typed = ['', '╭────────────╮', '│ > run the tests │', '╰────────────╯'];
    expect(messageInInput(typed, visible(17, 2), 'runthetests', 1)).toBe(true);
  });

  it('finds a snippet that wrapped across the cursor row and the row above', () => {
    const rows = ['$ please run the te', 'sts now', ''];
    expect(messageInInput(rows, visible(7, 1), messageSnippet('please run the tests now'), 2)).toBe(true);
  });

  it('an empty cursor row means the input is empty, whatever is above', () => {
    const rows = ['please run the tests now', 'please run the tests now', ''];
    expect(inputAreaRows(rows, visible(0, 2), 2)).toEqual({ first: 2, last: 2 });
    expect(messageInInput(rows, visible(0, 2), messageSnippet('please run the tests now'), 2)).toBe(false);
  });

  it('with a hidden cursor, anchors on the end of the content and its footer', () => {
    const rows = ['> old prompt', '╭──╮', '│ > hello │', '╰──╯', '? for shortcuts', '', ''];
    expect(inputAreaRows(rows, { x: 0, y: 6, visible: false }, 1)).toEqual({ first: 1, last: 4 });
    expect(messageInInput(rows, { x: 0, y: 6, visible: false }, 'hello', 1)).toBe(true);
    expect(messageInInput(rows, { x: 0, y: 6, visible: false }, 'oldprompt', 1)).toBe(false);
  });
});

describe('typedPayload', () => {
  it('wraps in paste markers only when bracketed, and cannot be ended early', async () => {
    const { typedPayload } = await import('../../src/session/send-message.js');
    expect(typedPayload('a\nb', false)).toBe('a\nb');
    expect(typedPayload('a\nb', true)).toBe('\x1b[200~a\nb\x1b[201~');
    expect(typedPayload('x\x1b[201~rm -rf /\r', true)).toBe('\x1b[200~xrm -rf /\r\x1b[201~');
  });
});
