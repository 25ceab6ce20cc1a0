import { describe, expect, it } from 'vitest';
import { clipboardPassage } from '../../src/ui/clipboard.js';

describe('[ui] clipboard', () => {
  it('off (the default): nothing reaches the terminal', () => {
    expect(clipboardPassage('off', 'alpha', 'alpha', 'c', 'aGk=')).toBe('');
  });

  it("on: the focused pane's write is passed on as OSC 52", () => {
    expect(clipboardPassage('on', 'alpha', 'alpha', 'c', 'aGk=')).toBe('\x1b]52;c;aGk=\x07');
  });

  it('on: a pane that is not focused cannot write the clipboard', () => {
    expect(clipboardPassage('on', 'beta', 'alpha', 'c', 'aGk=')).toBe('');
    expect(clipboardPassage('on', 'beta', null, 'c', 'aGk=')).toBe('');
  });

  it('on: what came over the socket is checked again, so no other bytes can ride along', () => {
    expect(clipboardPassage('on', 'alpha', 'alpha', 'c', 'aGk=\x07\x1b[2J')).toBe('');
    expect(clipboardPassage('on', 'alpha', 'alpha', 'c\x1b', 'aGk=')).toBe('');
  });
});
